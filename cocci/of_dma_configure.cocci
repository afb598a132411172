// SPDX-License-Identifier: GPL-2.0-only
/// of_dma_configure(), of_dma_configure_id(), acpi_dma_configure() and
/// acpi_dma_configure_id() may only be called from a bus_type.dma_configure
/// callback: the driver core calls it under device_lock() of the device and
/// pairs it with bus_type.dma_cleanup.  Any other caller configures a device
/// it does not own (foreign-device), a device it created (created-device) or
/// re-points the device being probed at another DT node (probed-device); see
/// "iommu: Remove the device_lock_assert() from __iommu_probe_device()".
///
/// Rewrites (MODE=patch): the default wraps the call in device_lock() /
/// device_unlock() of the configured device (skipped, with why on stderr,
/// where that lock is visibly held, for probed-device, in a macro body or
/// a condition); -D annotate adds the FIXME comment
/// of that patch; -D fwspec uses the iommu_fwspec_alloc() /
/// iommu_probe_device_fwspec() / iommu_fwspec_dealloc() API where the tree
/// has it (and says so where it has not).
//
// Confidence: Moderate
// Copyright: (C) 2026 iommu-lockcheck authors.
// Comments: classification is per function: a device pointer handed in
//  counts as foreign-device, unless the function is a driver probe/remove,
//  bus_type probe/remove or component master bind callback, or in any
//  other slot of a *_driver table, and it is that callback's own device
//  (probed-device), or a static helper whose one
//  caller in the file, directly or through one of the file's function
//  pointer tables (iort_add_platform_device() -> ops->dev_dma_configure),
//  created it (created-device).  A device read back from a field that a
//  probe fills with its own device is probed-device, and from a field the
//  file gives only new objects (NULL aside) created-device; fields are
//  known by name.  The lock state is "held" where
//  device_lock()/guard(device)/scoped_guard(device, ...) is visibly held,
//  "held by the driver core (probe|remove)" for a probed-device in a
//  callback the driver core calls under that lock, "held by the caller"
//  where the function's own contract (a name ending in _locked, or a
//  kernel-doc Context: line saying the device lock is held) puts it on its
//  callers.  Functions with scoped_cond_guard() need
//  cocci/lockcheck_macros.h, which the initialize rule adds itself where
//  needed (a path relative to this script cannot be given below).
// Options: --no-includes --include-headers

virtual patch
virtual context
virtual org
virtual report
virtual annotate
virtual fwspec

@initialize:python@
@@
import os, re, sys

RULE_ID = "dma-configure-outside-bus"
# scripts/lockrules.def DMA_CONFIGURE(); testcases/cocci/rules-sync.test
# checks that this list and the call rule below agree with the table.
DMA_CONFIGURE = ("of_dma_configure", "of_dma_configure_id",
                 "acpi_dma_configure", "acpi_dma_configure_id")
# A struct whose .probe/.remove/.shutdown runs under device_lock() of its
# device argument (drivers/base/dd.c really_probe(), device_remove(),
# core.c device_shutdown()): any "*_driver" and struct bus_type
# (lockrules.def ENTRY()); component_master_ops.bind is handed the aggregate's own,
# already probed device, but not under its lock.
PROBE_STRUCT = re.compile(r"^\w+_driver$")
DRIVER_SLOTS = {"probe": "probe", "remove": "remove", "remove_new": "remove",
                "shutdown": "shutdown"}
BUS_SLOTS = {"probe": "probe", "remove": "remove", "shutdown": "shutdown"}
CORE_SLOTS = {"probe": "probed", "remove": "removed", "shutdown": "shut down"}
MACRO_FILE = "lockcheck_macros.h"

def _own_args():
    try:
        args = open("/proc/self/cmdline", "rb").read().split(b"\0")[:-1]
        return [a.decode() for a in args]
    except (OSError, UnicodeDecodeError):
        return None

# Coccinelle 1.1.1 cannot parse a function with scoped_cond_guard() (its
# second argument is a statement) without MACRO_FILE; scoped_guard() it
# parses as the iterator the held rule declares.  A --macro-file path is
# resolved against the working directory, which under "make coccicheck" is
# the kernel tree, and coccicheck copies the options comment above
# verbatim (a "#spatch" line and #include are resolved the same way): no
# path relative to this script can be written there.  So when it is not on
# the command line, re-run spatch at once with it, unless no file it will
# read needs it: files named, a file group list, or a --dir in a git work
# tree (git grep, tracked, untracked and ignored files alike, is quick
# there) whose files that name a configure call have no scoped_cond_guard()
# in the same function.  A rule that looked at each file instead would turn off the
# token prefilter of spatch, and a file whose every call is in such a
# function has no match to start from.
GUARD = re.compile(r"\bscoped_cond_guard\s*\(")
CALLED = re.compile(r"\b(of|acpi)_dma_configure(_id)?\b")
DEFINE = re.compile(r"(?m)^\s*#\s*define\s+(\w+)\(.*(?:\\\n.*)*\b(?:of|acpi)_dma_configure")

def guarded_call(f):
    """Does a function of F that uses scoped_cond_guard() mention a configure
    call (or a macro that makes one)?  Functions are cut at a "}" in
    column 0, the kernel style."""
    try:
        with open(f, errors="replace") as fh:
            text = fh.read()
    except OSError:
        return True
    if not GUARD.search(text) or not CALLED.search(text):
        return False
    names = [CALLED] + [re.compile(r"\b%s\b" % m)
                        for m in DEFINE.findall(text)]
    for chunk in re.split(r"(?m)^\}", text):
        if GUARD.search(chunk) and any(n.search(chunk) for n in names):
            return True
    return False

def _files_to_read(args):
    """The files this spatch will read, when cheap to know; else None."""
    import subprocess
    val = lambda o: args[args.index(o) + 1] if args.index(o) + 1 < len(args) else None
    if "--file-groups" in args:
        try:
            with open(val("--file-groups")) as fh:
                return [l.strip() for l in fh if l.strip()]
        except (OSError, TypeError):
            return None
    if "--dir" in args and val("--dir"):
        d = val("--dir")
        try:
            out = subprocess.run(
                ["git", "-C", d, "grep", "--untracked", "--no-exclude-standard",
                 "-l", "-w",
                 "-e", "of_dma_configure",
                 "-e", "of_dma_configure_id", "-e", "acpi_dma_configure",
                 "-e", "acpi_dma_configure_id", "--", "*.c", "*.h"],
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                universal_newlines=True)
        except OSError:
            return None
        if out.returncode not in (0, 1):
            return None         # not a git work tree: no quick answer
        return [os.path.join(d, l) for l in out.stdout.split("\n") if l]
    # files named on the command line (not the values of options)
    skip = {"-o", "--include", "--macro-file", "--macro-file-builtins",
            "--iso-file", "--sp-file", "--cocci-file", "-I"}
    named = [a for i, a in enumerate(args[1:], 1)
             if args[i - 1] not in skip and re.search(r"\.[ch]$", a)
             and os.path.isfile(a)]
    return named or None

ARGS = _own_args()
MF = os.path.join(os.path.dirname(os.path.abspath(cocci.cocci_file)),
                  MACRO_FILE)
if ARGS is not None and os.path.isfile(MF) and \
   not any(os.path.basename(a) == MACRO_FILE for a in ARGS):
    files = _files_to_read(ARGS)
    if files is None or any(guarded_call(f) for f in files):
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv("/proc/self/exe", ARGS + ["--macro-file", MF])

def norm(e):
    return re.sub(r"\s+", "", str(e))

# Facts per (file, function), gathered by the rules below; spatch runs every
# rule on one file before the next, so keying by file is enough.
CALLS = {}      # (file, line, col) of a site -> its report message
BUS_CB = set()  # (file, fn): bus_type.dma_configure callbacks
DRIVER_CB = set()  # (file, fn): in any slot of a *_driver table
ENTRY = {}      # (file, fn) -> "probe" / "remove" (driver core, device
                # locked) or "bind" (component master, not locked)
PARAMS = {}     # (file, fn) -> parameter names
CALLERS = {}    # (file, fn) -> [(calling function, argument texts, slot)]
STATIC = set()  # (file, fn): static site functions
CREATED = {}    # (file, fn) -> set of expressions made by an allocator
INITED = {}     # (file, fn) -> set of device_initialize/add/register args
ASSIGN = {}     # (file, fn) -> list of (line, lhs, rhs)
OWNWRITE = {}   # (file, field) -> lines where a probe stores its own device
FIELDWRITE = {} # (file, field) -> lines of every "X->field = E"
KEPT = {}       # (file, field) -> {"new": lines, "other": lines} of its
                # stores: a new object, anything else but NULL
BASEASSIGN = {} # (file, fn) -> list of (line, base, rhs): where the device
                # is &base->dev, the value of base (pdev = priv->dsp)
HELD = set()    # (file, line, col, lock expr) of sites under device_lock
MACROS = {}     # (file, macro name) -> (params, device arg text)
LINES = {}
NAME = {}       # site -> called configure function
LOCK_SKIP = {}  # site -> why the lock rewrite leaves it alone
LOCKED = set()  # sites the lock rewrite wrapped

def src_lines(f):
    if f not in LINES:
        try:
            with open(f, errors="replace") as fh:
                LINES[f] = fh.read().split("\n")
        except OSError:
            LINES[f] = []
    return LINES[f]

def src_text(pos):
    """Source text of a one-line position, None if it spans lines."""
    if pos.line != pos.line_end:
        return None
    ls = src_lines(pos.file)
    n = int(pos.line) - 1
    if n >= len(ls):
        return None
    return ls[n][int(pos.column):int(pos.column_end)]

def elems(l):
    """The elements of an expression/parameter list metavariable."""
    return [str(x) for x in l.elements]

def macro_of(pos):
    """(name, params, text) of the #define the position is in, or None."""
    ls = src_lines(pos.file)
    n = int(pos.current_element_line) - 1
    if n >= len(ls):
        return None
    m = re.match(r"\s*#\s*define\s+(\w+)\(([^)]*)\)", ls[n])
    if not m:
        return None
    return m.group(1), [a.strip() for a in m.group(2).split(",")]

def dev_base(e):
    """The object a device expression belongs to: &x->dev -> x."""
    e = norm(e)
    m = re.match(r"^&\(?(.+?)\)?(->|\.)dev$", e)
    if m:
        return m.group(1)
    return e

CONTRACT = {}   # (file, fn) -> "_locked" / "Context:" / None

HOLD_WORDS = re.compile(r"\b(held|holds?|holding|locked)\b", re.I)
NOT_HELD = re.compile(r"\b(not|un)\s*(held|locked)\b|\b(takes|acquires?|"
                      r"releases?|drops?)\b", re.I)
DEVICE_LOCK = re.compile(r"device[_ ]lock|\bdev(ice)?->mutex\b", re.I)

def kerneldoc_context(f, line):
    """The text of the "Context:" section of the kernel-doc comment that
    ends right above the function defined at LINE (1-based), or None."""
    ls = src_lines(f)
    n = int(line) - 2
    # the definition may start a line or two above its name (return type)
    while n >= 0 and ls[n].strip() and not ls[n].strip().endswith("*/") \
            and int(line) - 2 - n < 3:
        n -= 1
    if n < 0 or not ls[n].strip().endswith("*/"):
        return None
    end = n
    while n >= 0 and not ls[n].lstrip().startswith("/**"):
        if ls[n].lstrip().startswith("/*"):
            return None
        n -= 1
    if n < 0:
        return None
    text, on = [], False
    for l in ls[n:end + 1]:
        s = re.sub(r"^\s*/?\*+/?\s?", "", l).rstrip("*/ ")
        if re.match(r"(?i)context:", s):
            on = True
            s = s[len("context:"):]
        elif on and (not s.strip() or re.match(r"^[A-Za-z ]+:\s", s) or
                     s.startswith("@")):
            break
        if on:
            text.append(s.strip())
    return " ".join(text) if text else None

def caller_contract(f, fn, line):
    """Does FN's own contract put device_lock on its callers?  A non-static
    function named *_locked, or whose kernel-doc Context: says the device
    lock is held."""
    key = (f, fn)
    if key not in CONTRACT:
        CONTRACT[key] = None
        ctx = kerneldoc_context(f, line)
        if fn.endswith("_locked"):
            CONTRACT[key] = "_locked"
        elif ctx and HOLD_WORDS.search(ctx) and not NOT_HELD.search(ctx) \
                and DEVICE_LOCK.search(ctx):
            CONTRACT[key] = "Context:"
    return CONTRACT[key]

def kept_store(p, field, lhs, rhs):
    """Note a store into FIELD at position P: a new object (what the
    function made, or the result of its allocator, stored directly), NULL, or
    anything else."""
    made = CREATED.get((p.file, p.current_element), set())
    k = KEPT.setdefault((p.file, field), {"new": set(), "other": set()})
    if rhs in made or lhs in made:
        k["new"].add(p.line)
    elif rhs not in ("NULL", "0"):
        k["other"].add(p.line)

def classify(f, fn, dev):
    key = (f, fn)
    cands = [norm(dev)]
    for (_, lhs, rhs) in ASSIGN.get(key, []):
        if lhs == cands[0] and rhs not in cands:
            cands.append(rhs)
    bases = [dev_base(c) for c in cands]
    made = CREATED.get(key, set())
    inited = INITED.get(key, set())
    for c, b in zip(cands, bases):
        if b in made or c in made or c in inited or \
           "&" + b + "->dev" in inited or "&" + b + ".dev" in inited:
            return "created-device", cands
    params = PARAMS.get(key, [])
    if (key in ENTRY or key in DRIVER_CB) and params[:1] and params[0] in bases:
        return "probed-device", cands
    for b in bases:
        m = re.match(r"^.+->(\w+)$", b)
        own = m and OWNWRITE.get((f, m.group(1)))
        if own and own == FIELDWRITE.get((f, m.group(1))):
            return "probed-device", cands
    # the object loaded from a field this file gives only new objects
    loaded = [r for (_, lhs, r) in BASEASSIGN.get(key, []) if lhs in bases]
    for b in bases + loaded:
        m = re.match(r"^.+->(\w+)(\[[^]]*\])?$", b)
        kept = m and KEPT.get((f, m.group(1)))
        if kept and kept["new"] and not kept["other"]:
            return "created-device", cands
    return "foreign-device", cands

def in_bus_callback(f, fn):
    """A static helper called only, and directly, from the file's
    bus_type.dma_configure callbacks (cdx_dma_configure() split in two):
    its definition and those calls are all that names it (a prototype
    or a comment naming it keeps the call reported)."""
    calls = CALLERS.get((f, fn), [])
    if (f, fn) not in STATIC or not calls or \
       any(slot or (f, c) not in BUS_CB for c, _, slot in calls):
        return False
    text = "\n".join(src_lines(f))
    return len(re.findall(r"\b%s\b" % re.escape(fn), text)) == len(calls) + 1

def classify_via_callers(f, fn, dev):
    """A device handed to a static helper by the one place in this file
    that calls it, directly (bcma_prepare_core() -> bcma_of_fill_device(),
    a probe -> its setup helper) or through one of the file's function
    pointer tables (iort_add_platform_device() -> ops->dev_dma_configure),
    is classified as in that caller, created or probed; one level only."""
    kind, cands = classify(f, fn, dev)
    sites = CALLERS.get((f, fn), [])
    if kind != "foreign-device" or len(sites) != 1:
        return kind, cands, None, None
    caller, args, slot = sites[0]
    params = PARAMS.get((f, fn), [])
    for c in cands:
        b = dev_base(c)
        if b in params and params.index(b) < len(args):
            a = norm(args[params.index(b)])
            outer = c.replace(b, a, 1) if c != b else a
            k2, _ = classify(f, caller, outer)
            if k2 in ("created-device", "probed-device"):
                by = "by %s()" % caller
                if slot:
                    by += " through .%s" % slot
                return k2, cands, by, caller
    return kind, cands, None, None

def pretty(e):
    """spatch hands expressions over token by token: "& pdev -> dev"."""
    e = re.sub(r"\s+", " ", str(e)).strip()
    e = re.sub(r"\s*(->|\.)\s*", r"\1", e)
    e = re.sub(r"([&*!(\[])\s+", r"\1", e)
    return re.sub(r"\s+([)\],])", r"\1", e)

def short(e):
    e = pretty(e)
    return e if len(e) <= 40 and "\n" not in e else None

FWSPEC_DECL = re.compile(r"\biommu_probe_device_fwspec\s*\(\s*struct\s+device\b")

def fwspec_api(f):
    """Does a header this file includes declare iommu_probe_device_fwspec()?"""
    try:
        args = open("/proc/self/cmdline", "rb").read().split(b"\0")[:-1]
        args = [a.decode() for a in args]
    except (OSError, UnicodeDecodeError):
        args = []
    dirs = [args[i + 1] for i, a in enumerate(args[:-1]) if a == "-I"]
    dirs += [a[2:] for a in args if a.startswith("-I") and len(a) > 2]
    here = os.path.dirname(f)
    for l in src_lines(f):
        m = re.match(r'\s*#\s*include\s*([<"])([^>"]+)[>"]', l)
        if not m:
            continue
        cand = [os.path.join(d, m.group(2)) for d in dirs]
        if m.group(1) == '"':
            cand.insert(0, os.path.join(here, m.group(2)))
        for h in cand:
            if os.path.isfile(h) and \
               FWSPEC_DECL.search(open(h, errors="replace").read()):
                return True
    return FWSPEC_DECL.search("\n".join(src_lines(f))) is not None

// Every call: the gate.  Literal names (no regex) so that spatch's token
// prefilter only parses files that mention one of them; every later rule
// depends on this one.
@call@
expression D;
expression list es;
position p, pd;
@@

\(of_dma_configure@p\|of_dma_configure_id@p\|acpi_dma_configure@p\|acpi_dma_configure_id@p\)(D@pd, es)

@script:python names@
p << call.p;
pd << call.pd;
D << call.D;
M;
@@
f = p[0].file
name = src_text(p[0])
m = macro_of(p[0]) if p[0].current_element == "something_else" else None
if m:
    # a call in a #define body is reported where the macro is used
    dev = src_text(pd[0]) or norm(D)
    MACROS[(f, m[0])] = (m[1], dev, name)
    coccinelle.M = cocci.make_ident(m[0])
elif name in DMA_CONFIGURE:
    coccinelle.M = cocci.make_ident(name)
else:
    cocci.include_match(False)

// Every place a configure call happens: the call itself, or the use of a
// macro whose body calls it.
@site depends on call@
identifier names.M;
expression list es;
position ps;
@@
M@ps(es)

// The functions the sites are in: the only ones whose callback slots,
// parameters and assignments matter (matching all of them costs a python
// call each).
@script:python encl@
ps << site.ps;
fn;
@@
if ps[0].current_element == "something_else":
    cocci.include_match(False)
else:
    coccinelle.fn = cocci.make_ident(ps[0].current_element)

// The slots the driver core calls a function through, from the tables
// that name it: a bus_type (a variable or an array element) or a driver.
// One pass each over the file, only the named slots reach python.
@slots depends on call@
identifier S =~ "_driver$";
identifier v, fn;
identifier bfld = {dma_configure, probe, remove, shutdown};
identifier dfld = {probe, remove, remove_new, shutdown};
position pb, pd, pc;
expression N, I;
@@
(
struct bus_type v = { ..., .bfld = fn@pb, ... };
|
struct bus_type v[] = { ..., { ..., .bfld = fn@pb, ... }, ... };
|
struct bus_type v[N] = { ..., { ..., .bfld = fn@pb, ... }, ... };
|
struct bus_type v[] = { ..., [I] = { ..., .bfld = fn@pb, ... }, ... };
|
struct bus_type v[N] = { ..., [I] = { ..., .bfld = fn@pb, ... }, ... };
|
struct S v = { ..., .dfld = fn@pd, ... };
|
struct S v = { ..., .driver = { ..., .dfld = fn@pd, ... }, ... };
|
struct S v[] = { ..., { ..., .dfld = fn@pd, ... }, ... };
|
struct S v[N] = { ..., { ..., .dfld = fn@pd, ... }, ... };
|
struct S v[] = { ..., [I] = { ..., .dfld = fn@pd, ... }, ... };
|
struct S v[N] = { ..., [I] = { ..., .dfld = fn@pd, ... }, ... };
|
struct component_master_ops v = { ..., .bind = fn@pc, ... };
)

@script:python@
pb << slots.pb;
fn << slots.fn;
fld << slots.bfld;
@@
if fld == "dma_configure":
    BUS_CB.add((pb[0].file, fn))
else:
    ENTRY[(pb[0].file, fn)] = BUS_SLOTS[fld]

@script:python@
pd << slots.pd;
fn << slots.fn;
fld << slots.dfld;
@@
ENTRY[(pd[0].file, fn)] = DRIVER_SLOTS[fld]

// A driver's other slots are handed the device it is bound to as well
// (serio_driver.connect, xenbus_driver.resume), whoever holds its lock:
// for the pattern word, as in the Clang engine.
@drvslots depends on call@
identifier S =~ "_driver$";
identifier v, fn, fld;
position p;
@@
struct S v = { ..., .fld = fn@p, ... };

@script:python@
p << drvslots.p;
fn << drvslots.fn;
@@
DRIVER_CB.add((p[0].file, fn))

@script:python@
pc << slots.pc;
fn << slots.fn;
@@
ENTRY.setdefault((pc[0].file, fn), "bind")

// The sites that need a verdict: not in a bus_type.dma_configure callback,
// not in one of the inline wrappers of include/.  A file with none (a bus,
// a header) stops here: the rules below depend on this one.
@script:python need@
ps << site.ps;
N;
@@
fn = ps[0].current_element
if fn == "something_else" or fn in DMA_CONFIGURE or \
   (ps[0].file, fn) in BUS_CB:
    cocci.include_match(False)
else:
    coccinelle.N = cocci.make_ident(fn)

// A bus_type.dma_configure set at run time (bus->dma_configure = fn): only
// the functions that still need a verdict are looked up.
@busrt depends on call && need@
expression E;
identifier need.N;
position pb;
@@
E@pb = N

@script:python@
pb << busrt.pb;
N << need.N;
E << busrt.E;
@@
if re.search(r"(\.|->)dma_configure$", norm(E)):
    BUS_CB.add((pb[0].file, N))

@params depends on call && need@
identifier need.N;
parameter list ps;
position pf;
@@
N@pf(ps) { ... }

@script:python@
N << need.N;
ps << params.ps;
pf << params.pf;
@@
PARAMS[(pf[0].file, N)] = [(re.findall(r"\w+", a) or [""])[-1]
                           for a in elems(ps)]

@callers depends on call && need@
identifier need.N;
expression list es;
position pc;
@@
N@pc(es)

@script:python@
N << need.N;
es << callers.es;
pc << callers.pc;
@@
if pc[0].current_element != "something_else":
    CALLERS.setdefault((pc[0].file, N), []).append(
        (pc[0].current_element, elems(es), None))

// Static site functions: one called only from bus_type.dma_configure
// callbacks is part of that callback.
@staticfn depends on call && need@
identifier need.N;
type T;
position pf;
@@
static T N@pf(...) { ... }

@script:python@
N << need.N;
pf << staticfn.pf;
@@
STATIC.add((pf[0].file, N))

// The parameters of those callers: a probe handing its own device down.
@script:python cname depends on call && need@
pc << callers.pc;
G;
@@
if pc[0].current_element == "something_else":
    cocci.include_match(False)
else:
    coccinelle.G = cocci.make_ident(pc[0].current_element)

@cparams depends on call && need@
identifier cname.G;
parameter list ps;
position pf;
@@
G@pf(ps) { ... }

@script:python@
G << cname.G;
ps << cparams.ps;
pf << cparams.pf;
@@
PARAMS[(pf[0].file, G)] = [(re.findall(r"\w+", a) or [""])[-1]
                           for a in elems(ps)]

// Calls through the file's own function pointer tables: a table naming the
// function in a slot, and a call through that slot (IORT's
// iort_add_platform_device() calls ops->dev_dma_configure(&pdev->dev, ...)
// on the platform device it allocated).
@table depends on call && need@
identifier need.N;
identifier S, t, fld;
@@
(
struct S t = { ..., .fld = N, ... };
|
struct S t[] = { ..., { ..., .fld = N, ... }, ... };
)

@tcall depends on call && need@
identifier table.fld;
expression E;
expression list es;
position pt;
@@
\(E->fld@pt(es)\|E.fld@pt(es)\)

@script:python@
N << need.N;
fld << table.fld;
es << tcall.es;
pt << tcall.pt;
@@
if pt[0].current_element != "something_else":
    CALLERS.setdefault((pt[0].file, N), []).append(
        (pt[0].current_element, elems(es), fld))

// A probe keeping its own device in a field (dsp->adev = adev): a device
// read back from that field later (a firmware callback, a work item) is
// the probed device, as in the Clang engine -- if the file stores nothing
// else in a field of that name (fields are known here by name only).
@ownfield depends on call && need@
identifier fn, P, F;
type T;
expression X;
position po;
@@
fn(T P, ...) {
<...
X->F@po = P
...>
}

@script:python@
F << ownfield.F;
po << ownfield.po;
@@
if ENTRY.get((po[0].file, po[0].current_element)) in CORE_SLOTS:
    OWNWRITE.setdefault((po[0].file, F), set()).add(po[0].line)

// What each function allocates and registers: the sites' functions and
// their callers are looked up.  A maker is named for what it does (alloc,
// register, create), as in the Clang engine (createsObject()).
@made depends on call && need@
expression E;
position pm, pi;
identifier alloc =~ "alloc|register|create";
identifier reg = {device_initialize, device_add, device_register,
    platform_device_add};
@@
(
E@pm = alloc(...)
|
reg@pi(E)
)

@script:python@
pm << made.pm;
E << made.E;
@@
CREATED.setdefault((pm[0].file, pm[0].current_element), set()).add(norm(E))

@script:python@
pi << made.pi;
E << made.E;
@@
INITED.setdefault((pi[0].file, pi[0].current_element), set()).add(norm(E))

@madedecl depends on call && need@
identifier x;
type T;
position pm;
identifier alloc =~ "alloc|register|create";
@@
T x@pm = alloc(...);

@script:python@
pm << madedecl.pm;
x << madedecl.x;
@@
CREATED.setdefault((pm[0].file, pm[0].current_element), set()).add(norm(x))

// Every store into a field, after what each function made is known: a
// field this file stores only new objects in (priv->dsp = pdev after
// pdev = platform_device_alloc(), h->ctxs = kcalloc(...)), NULL aside: a
// device in the object read back from it elsewhere is a created device,
// as in the Clang engine.  Fields are known here by name only.
@fieldwrite depends on call && need@
identifier F;
expression X, E;
position po;
@@
X->F@po = E

@script:python@
F << fieldwrite.F;
X << fieldwrite.X;
E << fieldwrite.E;
po << fieldwrite.po;
@@
FIELDWRITE.setdefault((po[0].file, F), set()).add(po[0].line)
kept_store(po[0], F, norm(X) + "->" + F, norm(E))

@keptelem depends on call && need@
identifier F;
expression X, I, E;
position po;
@@
X->F[I]@po = E

@script:python@
F << keptelem.F;
X << keptelem.X;
I << keptelem.I;
E << keptelem.E;
po << keptelem.po;
@@
kept_store(po[0], F, norm(X) + "->" + F + "[" + norm(I) + "]", norm(E))

// The object of &obj->dev read from somewhere first (pdev = priv->dsp).
@script:python dbase depends on call@
D << call.D;
DB;
@@
b = dev_base(D)
coccinelle.DB = cocci.make_ident(b if re.match(r"^\w+$", b) and b != norm(D)
                                 else "__lockcheck_none")

@objalias depends on call@
identifier dbase.DB;
expression R;
position pa;
@@
DB@pa = R

@script:python@
pa << objalias.pa;
DB << dbase.DB;
R << objalias.R;
@@
BASEASSIGN.setdefault((pa[0].file, pa[0].current_element), []).append(
    (int(pa[0].line), str(DB), norm(R)))

@objaliasdecl depends on call@
identifier dbase.DB;
expression R;
type T;
position pa;
@@
T DB@pa = R;

@script:python@
pa << objaliasdecl.pa;
DB << dbase.DB;
R << objaliasdecl.R;
@@
BASEASSIGN.setdefault((pa[0].file, pa[0].current_element), []).append(
    (int(pa[0].line), str(DB), norm(R)))

// D = R / T D = R;: the device may be an alias (gmu->dev = &pdev->dev).
// Not "depends on need": with sites on two different devices in a file,
// spatch 1.1.1 then runs these two for the first device only.
@alias depends on call@
expression call.D;
expression R;
position pa;
@@
D@pa = R

@script:python@
pa << alias.pa;
D << call.D;
R << alias.R;
@@
ASSIGN.setdefault((pa[0].file, pa[0].current_element), []).append(
    (int(pa[0].line), norm(D), norm(R)))

@script:python dident depends on call@
D << call.D;
DI;
@@
# (no include_match(False) here: that would drop the call binding itself)
d = norm(D)
coccinelle.DI = cocci.make_ident(d if re.match(r"^\w+$", d) else "__lockcheck_none")

@aliasdecl depends on call@
identifier dident.DI;
expression R;
type T;
position pa;
@@
T DI@pa = R;

@script:python@
pa << aliasdecl.pa;
DI << dident.DI;
R << aliasdecl.R;
@@
ASSIGN.setdefault((pa[0].file, pa[0].current_element), []).append(
    (int(pa[0].line), norm(DI), norm(R)))

// device_lock(L) / guard(device)(L) / scoped_guard(device, L) visibly held
// at the site; the script compares L with the configured device.
@held depends on call && need@
identifier names.M;
position site.ps;
expression L;
iterator name scoped_guard;
symbol device;
@@
(
device_lock(L);
... when != device_unlock(L)
    when exists
M@ps(...)
|
{
...
guard(device)(L);
... when exists
M@ps(...)
... when any
}
|
scoped_guard(device, L) { <+... M@ps(...) ...+> }
)

@script:python@
ps << site.ps;
L << held.L;
@@
HELD.add((ps[0].file, ps[0].line, ps[0].column, norm(L)))

@script:python decide depends on call@
ps << site.ps;
M << names.M;
es << site.es;
qr;
ql;
qa1;
qa2;
qa3;
qa4;
qi2;
qi3;
qi4;
qf;
@@
f = ps[0].file
fn = ps[0].current_element
if fn == "something_else" or fn in DMA_CONFIGURE or (f, fn) in BUS_CB or \
   in_bus_callback(f, fn):
    # in a #define body, in one of the wrappers, or in a bus callback
    cocci.include_match(False)
else:
    args = elems(es)
    via = None
    if M in DMA_CONFIGURE:
        name, dev = M, pretty(args[0]) if args else ""
    else:
        params, mdev, name = MACROS[(f, M)]
        via = "via macro %s" % M
        dev = mdev
        if mdev in params and params.index(mdev) < len(args):
            dev = args[params.index(mdev)]
    kind, cands, by, outer = classify_via_callers(f, fn, dev)
    held = any((f, ps[0].line, ps[0].column, c) in HELD for c in cands)
    # a probed device handed down by the callback itself: its entry lock
    entry = ENTRY.get((f, outer or fn))
    # the contract of the function on its callers: only for a device it
    # was handed
    params = PARAMS.get((f, fn), [])
    contract = None
    if kind != "created-device" and \
       any(dev_base(c) in params for c in cands):
        contract = caller_contract(f, fn, ps[0].current_element_line)
    if held:
        lock = "device_lock held"
    elif kind == "probed-device" and entry in CORE_SLOTS:
        lock = "device_lock held by the driver core (%s)" % entry
    elif contract:
        lock = "device_lock held by the caller (%s)" % contract
    else:
        lock = "device_lock not held"
    d = short(dev)
    detail = "; ".join(x for x in (via, by) if x)
    site = (f, ps[0].line, ps[0].column)
    msg = "%s() outside bus_type.dma_configure on a %s%s%s, %s [%s]" % (
        name, kind, " " + d if d else "",
        " (%s)" % detail if detail else "", lock, RULE_ID)
    NAME[site] = name
    CALLS[site] = msg
    mk = lambda: cocci.make_position(f, fn, int(ps[0].line),
                                     int(ps[0].column), int(ps[0].line_end),
                                     int(ps[0].column_end))
    coccinelle.qr = mk()
    # lock strategy: only a direct call on a device nobody else has locked
    who = d or "the device"
    if held:
        LOCK_SKIP[site] = "device_lock(%s) is already held here" % who
    elif kind == "probed-device" and entry in CORE_SLOTS:
        LOCK_SKIP[site] = ("%s is the device being %s, whose device_lock "
            "the driver core already holds; configuring it again from %s "
            "needs a driver change (-D annotate marks it)" %
            (who, CORE_SLOTS[entry], entry))
    elif kind == "probed-device" and (f, outer or fn) in DRIVER_CB:
        LOCK_SKIP[site] = ("%s is the device its driver is bound to; %s() "
            "may run from its probe, under its device_lock, so taking it "
            "here could deadlock (-D annotate marks it)" % (who, outer or fn))
    elif kind == "probed-device":
        LOCK_SKIP[site] = ("%s is the component master's own device; bind "
            "runs from a probe that may hold its device_lock, so taking it "
            "here could deadlock (-D annotate marks it)" % who)
    elif contract:
        LOCK_SKIP[site] = ("%s() leaves device_lock to its callers (%s), "
            "so taking it here would deadlock" % (fn, contract))
    elif via:
        LOCK_SKIP[site] = ("the call is in the body of macro %s: take the "
            "lock around its uses by hand" % M)
    if site in LOCK_SKIP:
        coccinelle.ql = cocci.make_position("", "", 0, 0, 0, 0)
    else:
        coccinelle.ql = mk()
    # annotate: unless the seed FIXME is already right above the statement
    ls = src_lines(f)
    n = int(ps[0].line) - 1
    depth = len(ls[n]) - len(ls[n].lstrip("\t"))
    k = n - 1
    # the call as the unbraced branch of an if: the comment goes above the if
    ifform = k >= 0 and re.match(r"^\s*(else\s+)?if\s*\(.*\)\s*$", ls[k]) is not None
    if ifform:
        k -= 1
    done = k >= 2 and ls[k].strip() == "*/" and \
        "bus_type.dma_configure" in ls[k - 1] and \
        "should not be called outside" in ls[k - 2]
    nowhere = cocci.make_position("", "", 0, 0, 0, 0)
    for d in range(1, 5):
        want = d == depth and via is None and not done
        setattr(coccinelle, "qa%d" % d, mk() if want and not ifform else nowhere)
        if d > 1:
            setattr(coccinelle, "qi%d" % d, mk() if want and ifform else nowhere)
    coccinelle.qf = mk() if via is None else \
        cocci.make_position("", "", 0, 0, 0, 0)

@script:python depends on call && report@
qr << decide.qr;
@@
msg = CALLS[(qr[0].file, qr[0].line, qr[0].column)]
coccilib.report.print_report(qr[0], "WARNING: " + msg)

@script:python depends on call && org@
qr << decide.qr;
@@
coccilib.org.print_todo(qr[0], CALLS[(qr[0].file, qr[0].line, qr[0].column)])

@depends on call && context@
identifier names.M;
position decide.qr;
@@
* M@qr(...)


// The sites the lock rewrite below can wrap.  A match of its own: binding
// this position inside the transformation, for a script rule to read, made
// spatch 1.1.1 segfault on drivers/gpu/drm.
@lockable depends on call && patch && !annotate && !fwspec@
position decide.ql, lp;
identifier fnm = {of_dma_configure, of_dma_configure_id, acpi_dma_configure,
                  acpi_dma_configure_id};
expression D, E;
expression list es;
@@
(
  E = fnm@ql@lp(D, es);
|
  fnm@ql@lp(D, es);
|
  return fnm@ql@lp(D, es);
)

@script:python@
lp << lockable.lp;
@@
LOCKED.add((lp[0].file, lp[0].line, lp[0].column))

// MODE=patch, default strategy: take device_lock() of the configured device
// around the call; the assignment of the result stays inside, its checks
// after the unlock.  A call in any other expression (if (f(...)), ...) is
// left alone, and the rule after it says so on stderr.
@lockfix depends on call && patch && !annotate && !fwspec@
position decide.ql;
identifier fnm = {of_dma_configure, of_dma_configure_id, acpi_dma_configure,
                  acpi_dma_configure_id};
expression D, E;
expression list es;
@@
(
+ device_lock(D);
  E = fnm@ql(D, es);
+ device_unlock(D);
|
+ device_lock(D);
  fnm@ql(D, es);
+ device_unlock(D);
|
- return fnm@ql(D, es);
+ {
+ int err;
+
+ device_lock(D);
+ err = fnm(D, es);
+ device_unlock(D);
+ return err;
+ }
)

// Say on stderr why a site was left alone, so the fixer can tell the user.
@script:python depends on call && patch && !annotate && !fwspec@
qr << decide.qr;
@@
site = (qr[0].file, qr[0].line, qr[0].column)
why = LOCK_SKIP.get(site)
if why is None and site not in LOCKED:
    why = ("the call is not a statement, assignment or return of its own "
           "(a condition, an operand): take the lock around it by hand")
if why:
    sys.stderr.write("%s:%s:%s: lock rewrite skipped for %s(): %s [%s]\n" %
                     (qr[0].file, qr[0].line, int(qr[0].column) + 1,
                      NAME[site], why, RULE_ID))

// -D annotate: the comment of the 2023 patch, above the statement, or above
// the "if" when the call is the unbraced branch of one (etnaviv_drv.c).
// spatch indents only the first line of an added comment, so there is one
// branch per indentation depth (tabs) of the call's line, chosen by decide;
// one rule, as a transformation invalidates the positions decide made.
@annotate_it depends on call && patch && annotate@
position decide.qa1, decide.qa2, decide.qa3, decide.qa4;
position decide.qi2, decide.qi3, decide.qi4;
identifier fof = {of_dma_configure, of_dma_configure_id};
identifier facpi = {acpi_dma_configure, acpi_dma_configure_id};
expression E, C;
expression list es;
@@
(
+ /*
+	 * FIXME: of_dma_configure() should not be called outside
+	 * bus_type.dma_configure
+	 */
  E = fof@qa1(es);
|
+ /*
+	 * FIXME: of_dma_configure() should not be called outside
+	 * bus_type.dma_configure
+	 */
  fof@qa1(es);
|
+ /*
+	 * FIXME: of_dma_configure() should not be called outside
+	 * bus_type.dma_configure
+	 */
  return fof@qa1(es);
|
+ /*
+	 * FIXME: acpi_dma_configure() should not be called outside
+	 * bus_type.dma_configure
+	 */
  E = facpi@qa1(es);
|
+ /*
+	 * FIXME: acpi_dma_configure() should not be called outside
+	 * bus_type.dma_configure
+	 */
  facpi@qa1(es);
|
+ /*
+	 * FIXME: acpi_dma_configure() should not be called outside
+	 * bus_type.dma_configure
+	 */
  return facpi@qa1(es);
|
+ /*
+		 * FIXME: of_dma_configure() should not be called outside
+		 * bus_type.dma_configure
+		 */
  E = fof@qa2(es);
|
+ /*
+		 * FIXME: of_dma_configure() should not be called outside
+		 * bus_type.dma_configure
+		 */
  fof@qa2(es);
|
+ /*
+		 * FIXME: of_dma_configure() should not be called outside
+		 * bus_type.dma_configure
+		 */
  return fof@qa2(es);
|
+ /*
+	 * FIXME: of_dma_configure() should not be called outside
+	 * bus_type.dma_configure
+	 */
  if (C) fof@qi2(es);
|
+ /*
+		 * FIXME: acpi_dma_configure() should not be called outside
+		 * bus_type.dma_configure
+		 */
  E = facpi@qa2(es);
|
+ /*
+		 * FIXME: acpi_dma_configure() should not be called outside
+		 * bus_type.dma_configure
+		 */
  facpi@qa2(es);
|
+ /*
+		 * FIXME: acpi_dma_configure() should not be called outside
+		 * bus_type.dma_configure
+		 */
  return facpi@qa2(es);
|
+ /*
+	 * FIXME: acpi_dma_configure() should not be called outside
+	 * bus_type.dma_configure
+	 */
  if (C) facpi@qi2(es);
|
+ /*
+			 * FIXME: of_dma_configure() should not be called outside
+			 * bus_type.dma_configure
+			 */
  E = fof@qa3(es);
|
+ /*
+			 * FIXME: of_dma_configure() should not be called outside
+			 * bus_type.dma_configure
+			 */
  fof@qa3(es);
|
+ /*
+			 * FIXME: of_dma_configure() should not be called outside
+			 * bus_type.dma_configure
+			 */
  return fof@qa3(es);
|
+ /*
+		 * FIXME: of_dma_configure() should not be called outside
+		 * bus_type.dma_configure
+		 */
  if (C) fof@qi3(es);
|
+ /*
+			 * FIXME: acpi_dma_configure() should not be called outside
+			 * bus_type.dma_configure
+			 */
  E = facpi@qa3(es);
|
+ /*
+			 * FIXME: acpi_dma_configure() should not be called outside
+			 * bus_type.dma_configure
+			 */
  facpi@qa3(es);
|
+ /*
+			 * FIXME: acpi_dma_configure() should not be called outside
+			 * bus_type.dma_configure
+			 */
  return facpi@qa3(es);
|
+ /*
+		 * FIXME: acpi_dma_configure() should not be called outside
+		 * bus_type.dma_configure
+		 */
  if (C) facpi@qi3(es);
|
+ /*
+				 * FIXME: of_dma_configure() should not be called outside
+				 * bus_type.dma_configure
+				 */
  E = fof@qa4(es);
|
+ /*
+				 * FIXME: of_dma_configure() should not be called outside
+				 * bus_type.dma_configure
+				 */
  fof@qa4(es);
|
+ /*
+				 * FIXME: of_dma_configure() should not be called outside
+				 * bus_type.dma_configure
+				 */
  return fof@qa4(es);
|
+ /*
+			 * FIXME: of_dma_configure() should not be called outside
+			 * bus_type.dma_configure
+			 */
  if (C) fof@qi4(es);
|
+ /*
+				 * FIXME: acpi_dma_configure() should not be called outside
+				 * bus_type.dma_configure
+				 */
  E = facpi@qa4(es);
|
+ /*
+				 * FIXME: acpi_dma_configure() should not be called outside
+				 * bus_type.dma_configure
+				 */
  facpi@qa4(es);
|
+ /*
+				 * FIXME: acpi_dma_configure() should not be called outside
+				 * bus_type.dma_configure
+				 */
  return facpi@qa4(es);
|
+ /*
+			 * FIXME: acpi_dma_configure() should not be called outside
+			 * bus_type.dma_configure
+			 */
  if (C) facpi@qi4(es);
)

// -D fwspec: only where a header the file includes declares the API.
@script:python fwcheck depends on call && patch && fwspec@
qf << decide.qf;
qg;
@@
f = qf[0].file
name = NAME.get((f, qf[0].line, qf[0].column))
if f == "":
    cocci.include_match(False)
elif name == "of_dma_configure" and fwspec_api(f):
    coccinelle.qg = cocci.make_position(f, qf[0].current_element,
        int(qf[0].line), int(qf[0].column), int(qf[0].line_end),
        int(qf[0].column_end))
else:
    why = ("no iommu_fwspec rewrite for %s()" % name
           if name != "of_dma_configure" else
           "iommu_probe_device_fwspec() is not declared in any header this "
           "file includes: this tree has no iommu fwspec API (iommu: Add "
           "iommu_fwspec_alloc/dealloc()); use the default lock rewrite or "
           "-D annotate")
    sys.stderr.write("%s:%s: fwspec rewrite skipped: %s [%s]\n" %
                     (f, qf[0].line, why, RULE_ID))
    cocci.include_match(False)

@fwsfix depends on call && patch && fwspec@
position fwcheck.qg;
expression D, NP, F, E;
@@
(
- E = of_dma_configure@qg(D, NP, F);
+ {
+ struct iommu_fwspec *fwspec = iommu_fwspec_alloc();
+
+ E = IS_ERR(fwspec) ? PTR_ERR(fwspec) : 0;
+ if (!E)
+ E = of_iommu_fwspec_parse(fwspec, D, NP);
+ if (!E)
+ E = iommu_probe_device_fwspec(D, fwspec);
+ if (E && !IS_ERR(fwspec))
+ iommu_fwspec_dealloc(fwspec);
+ }
|
- of_dma_configure@qg(D, NP, F);
+ {
+ struct iommu_fwspec *fwspec = iommu_fwspec_alloc();
+
+ if (!IS_ERR(fwspec) &&
+ (of_iommu_fwspec_parse(fwspec, D, NP) ||
+ iommu_probe_device_fwspec(D, fwspec)))
+ iommu_fwspec_dealloc(fwspec);
+ }
|
- return of_dma_configure@qg(D, NP, F);
+ {
+ struct iommu_fwspec *fwspec = iommu_fwspec_alloc();
+ int err = IS_ERR(fwspec) ? PTR_ERR(fwspec) : 0;
+
+ if (!err)
+ err = of_iommu_fwspec_parse(fwspec, D, NP);
+ if (!err)
+ err = iommu_probe_device_fwspec(D, fwspec);
+ if (err && !IS_ERR(fwspec))
+ iommu_fwspec_dealloc(fwspec);
+ return err;
+ }
)

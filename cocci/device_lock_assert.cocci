// SPDX-License-Identifier: GPL-2.0-only
/// A static function whose body asserts device_lock_assert(dev),
/// lockdep_assert_held(&dev->mutex), lockdep_assert_held(&group->mutex) or
/// iommu_group_mutex_assert(dev) must be called with that lock held.  Find
/// calls, in the same file, from a function that neither visibly holds the
/// lock (device_lock()/guard(device)/scoped_guard(device, ...), or
/// mutex_lock()/guard(mutex)/scoped_guard(mutex, ...) of a group mutex, or
/// a call of a file-local helper that returns holding one) nor asserts it
/// itself.
//
// Confidence: Moderate
// Copyright: (C) 2026 iommu-lockcheck authors.
// Comments: report mode only.  A call from a static function is reported
//  only if that function is called, in the file, from a non-static one
//  that neither holds nor asserts the lock; a call from a non-static
//  function that the file itself calls is judged the same way, by those
//  calls (arm-smmu-v3's arm_smmu_set_pasid(), called only from an ops
//  callback).  Entry locks come from the code: a function stored in a
//  bus_type's probe/remove/dma_configure (also as an array element) or in
//  a *_driver's probe/remove is entered holding device_lock of its device
//  and no iommu group mutex; any other callback with what its caller, the
//  core, holds: not decided here, not reported.  A function whose own
//  contract puts the lock on its callers (a name ending in _locked, or a
//  kernel-doc Context: line saying the device lock or the group mutex is
//  held) is treated as asserting it.
//  A "&x->mutex" whose x mentions "group" is a group mutex, one whose x is
//  "dev" or ends in "->dev"/".dev" a device_lock, any other a plain mutex.
//  A whole-tree run with --jobs dies in spatch 1.1.1 ("Fatal error:
//  exception End_of_file", with or without the lock helper rules); every
//  file that asserts passes on its own, and scripts/iommu-lockcheck gives
//  it only the files naming the asserts.  Needs cocci/lockcheck_macros.h
//  for scoped_guard(), which the initialize rule adds itself.
// Options: --no-includes --include-headers

virtual report

@initialize:python@
@@
import os, re, sys

MACRO_FILE = "lockcheck_macros.h"

def _add_macro_file():
    # See of_dma_configure.cocci: the macro file cannot be named relative to
    # this script in the options comment, so re-run spatch with it once.
    try:
        args = open("/proc/self/cmdline", "rb").read().split(b"\0")[:-1]
        args = [a.decode() for a in args]
    except (OSError, UnicodeDecodeError):
        return
    if any(os.path.basename(a) == MACRO_FILE for a in args):
        return
    mf = os.path.join(os.path.dirname(os.path.abspath(cocci.cocci_file)),
                      MACRO_FILE)
    if not os.path.isfile(mf):
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv("/proc/self/exe", args + ["--macro-file", mf])

_add_macro_file()

def norm(e):
    return re.sub(r"\s+", "", str(e))

def pretty(e):
    e = re.sub(r"\s+", " ", str(e)).strip()
    e = re.sub(r"\s*(->|\.)\s*", r"\1", e)
    e = re.sub(r"([&*!(\[])\s+", r"\1", e)
    return re.sub(r"\s+([)\],])", r"\1", e)

def elems(l):
    """The elements of an expression/parameter list metavariable."""
    return [str(x) for x in l.elements]

DEV = re.compile(r"(^|->|\.)dev$")   # struct device is "dev" by convention

def mutex_kind(x, arrow):
    """Whose mutex &x->mutex is: a group's, a device's, or a plain one."""
    if "group" in x:
        return "group", x
    if DEV.search(x):
        return "device", x if arrow else "&" + x
    return None, x

def lock_kind(fn, e):
    """("device"|"group"|None, device expression) of an assert."""
    e = norm(e)
    if fn == "iommu_group_mutex_assert":
        return "group", e
    if fn == "device_lock_assert":
        return "device", e
    m = re.match(r"^&\(?(.+?)\)?(->|\.)mutex$", e)
    if not m:
        return None, e
    return mutex_kind(m.group(1), m.group(2) == "->")

STATIC = set()    # (file, fn)
CB = {}           # file -> functions named in designated initializers

def callback(f, fn):
    """Is fn stored in an ops table (".field = fn," in an initializer, also
    a nested or compound-literal one)?  It is then entered with whatever
    lock its caller, the core, holds: not decided here, not reported."""
    if f not in CB:
        text = open(f, errors="replace").read()
        CB[f] = set(re.findall(r"\.\w+\s*=\s*&?(\w+)\s*(?:,|\}|\n)", text))
    return fn in CB[f]

# Slots the driver core calls holding device_lock() of the device it hands
# over (drivers/base/dd.c really_probe() / device_remove(), core.c
# device_shutdown()): in a bus_type and
# in any *_driver; see scripts/lockrules.def ENTRY().
DRIVER_SLOTS = {"probe", "remove", "remove_new", "shutdown"}
BUS_SLOTS = {"probe", "remove", "dma_configure", "shutdown"}
ENTRY = set()     # (file, fn) entered under device_lock of its device

def undecided(f, fn, kind):
    """Is FN a callback whose entry lock one file cannot decide?  A driver
    core entry is decided for the group mutex (not held); for device_lock
    it holds that of its own device, and another device is left undecided (its
    code may have stored that very device elsewhere)."""
    if (f, fn) in ENTRY:
        return kind == "device"
    return callback(f, fn)

DEFLINE = {}      # (file, fn) -> line of its name in its definition
LINES = {}

def src_lines(f):
    if f not in LINES:
        try:
            with open(f, errors="replace") as fh:
                LINES[f] = fh.read().split("\n")
        except OSError:
            LINES[f] = []
    return LINES[f]

HOLD_WORDS = re.compile(r"\b(held|holds?|holding|locked)\b", re.I)
NOT_HELD = re.compile(r"\b(not|un)\s*(held|locked)\b|\b(takes|acquires?|"
                      r"releases?|drops?)\b", re.I)
DEVICE_LOCK = re.compile(r"device[_ ]lock|\bdev(ice)?->mutex\b", re.I)
GROUP_LOCK = re.compile(r"group", re.I)

def kerneldoc_context(f, line):
    """The text of the "Context:" section of the kernel-doc comment that
    ends right above the function whose name is on LINE (1-based)."""
    ls = src_lines(f)
    n = int(line) - 2
    # the return type may stand on a line of its own above the name
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
        t = re.sub(r"^\s*/?\*+/?\s?", "", l).rstrip("*/ ")
        if re.match(r"(?i)context:", t):
            on = True
            t = t[len("context:"):]
        elif on and (not t.strip() or re.match(r"^[A-Za-z ]+:\s", t) or
                     t.startswith("@")):
            break
        if on:
            text.append(t.strip())
    return " ".join(text) if text else None

CONTRACT = {}     # (file, fn) -> set of kinds its callers must hold

def contract(f, fn):
    """The lock kinds that FN, by its own contract, leaves to its callers:
    both for a name ending in _locked (which lock is not said), those a
    kernel-doc Context: line says are held."""
    key = (f, fn)
    if key not in CONTRACT:
        kinds = set()
        if fn.endswith("_locked"):
            kinds = {"device", "group"}
        elif key in DEFLINE:
            ctx = kerneldoc_context(f, DEFLINE[key])
            if ctx and HOLD_WORDS.search(ctx) and not NOT_HELD.search(ctx):
                if DEVICE_LOCK.search(ctx):
                    kinds.add("device")
                if GROUP_LOCK.search(ctx):
                    kinds.add("group")
        CONTRACT[key] = kinds
    return CONTRACT[key]
PARAMS = {}       # (file, fn) -> parameter names
ASSERTS = {}      # (file, fn) -> list of (kind, expression)
HELD = {}         # (file, line, col) -> set of kinds/expressions held
RULE = {"device": "device-lock-required", "group": "group-mutex-required"}
PENDING = {}      # (file, static caller) -> [(location, message, kind)]
CALLS2 = {}       # (file, static caller) -> [(line, col, its caller)]

NAME_TOKEN = re.compile(r"(?<!->)(?<![.\w])\w+")   # not a member name

def subst(e, params, args):
    """e, written over a function's parameters, in its caller's arguments
    (&port->dev of add_dport(port, ...) called as add_dport(p, ...) is
    &p->dev); None when e names no parameter.  Members after -> or . are
    not parameters."""
    amap = {p: norm(a) for p, a in zip(params, args) if p}
    if not any(m.group(0) in amap for m in NAME_TOKEN.finditer(e)):
        return None
    return NAME_TOKEN.sub(lambda m: amap.get(m.group(0), m.group(0)), e)

CALLS_HERE = {}    # file -> names followed by "(" outside their definition

def called_here(f, fn):
    """Does the file call FN (not only define it)?  Then its own callers
    decide its lock, one level further than this script follows."""
    if f not in CALLS_HERE:
        n = {}
        for l in src_lines(f):
            # a definition starts in column 0, a call is indented
            if l[:1].isspace():
                for m in re.finditer(r"\b(\w+)\s*\(", l):
                    n[m.group(1)] = n.get(m.group(1), 0) + 1
        CALLS_HERE[f] = n
    return CALLS_HERE[f].get(fn, 0) > 0

def root(e):
    """The variable an expression starts from: &p->dev -> p."""
    m = re.match(r"^[&*(]*(\w+)", norm(e))
    return m.group(1) if m else None

def param_names(ps):
    return [re.findall(r"\w+", a)[-1] if re.findall(r"\w+", a) else ""
            for a in elems(ps)]

LOCKERS = {}      # (file, helper) -> [(parameter names, lock expression)]

def held_via(pc, H, hs):
    """A call of lock helper H(hs) before the call at pc holds its lock."""
    for params, L in LOCKERS.get((pc[0].file, H), []):
        e = subst(L, params, elems(hs))
        if e:
            HELD.setdefault((pc[0].file, pc[0].line, pc[0].column),
                            set()).add(held_kind(e))

def held_kind(L):
    e = norm(L)
    m = re.match(r"^&\(?(.+?)\)?(->|\.)mutex$", e)
    if m:
        return mutex_kind(m.group(1), m.group(2) == "->")
    # device_lock(dev), guard(device)(dev), scoped_guard(device, dev)
    return ("device", e)

@asrt@
identifier fn;
expression E;
position pa;
@@
fn(...) { <+... \(device_lock_assert@pa(E)\|lockdep_assert_held@pa(E)\|iommu_group_mutex_assert@pa(E)\) ...+> }

@script:python@
fn << asrt.fn;
E << asrt.E;
pa << asrt.pa;
@@
f = pa[0].file
line = open(f, errors="replace").read().split("\n")[int(pa[0].line) - 1]
called = line[int(pa[0].column):int(pa[0].column_end)]
kind, dev = lock_kind(called, E)
if kind:
    ASSERTS.setdefault((f, fn), []).append((kind, dev))

@sig depends on asrt@
identifier fn;
parameter list ps;
position pf;
@@
fn@pf(ps) { ... }

@script:python@
fn << sig.fn;
ps << sig.ps;
pf << sig.pf;
@@
f = pf[0].file
PARAMS[(f, fn)] = param_names(ps)
DEFLINE[(f, fn)] = int(pf[0].line)
line = open(f, errors="replace").read().split("\n")
# "static" is on the line of the name or the one before (kernel style)
n = int(pf[0].line) - 1
head = line[n] + " " + (line[n - 1] if n > 0 else "")
if re.search(r"\bstatic\b", head):
    STATIC.add((f, fn))

// The driver core entries of the file (see ENTRY above).
@entry depends on asrt@
identifier S =~ "_driver$";
identifier v, fn, fld;
position pe, pb;
expression N, I;
@@
(
struct bus_type v = { ..., .fld = fn@pb, ... };
|
struct bus_type v[] = { ..., { ..., .fld = fn@pb, ... }, ... };
|
struct bus_type v[N] = { ..., { ..., .fld = fn@pb, ... }, ... };
|
struct bus_type v[] = { ..., [I] = { ..., .fld = fn@pb, ... }, ... };
|
struct bus_type v[N] = { ..., [I] = { ..., .fld = fn@pb, ... }, ... };
|
struct S v = { ..., .fld = fn@pe, ... };
|
struct S v = { ..., .driver = { ..., .fld = fn@pe, ... }, ... };
|
struct S v[] = { ..., { ..., .fld = fn@pe, ... }, ... };
|
struct S v[N] = { ..., { ..., .fld = fn@pe, ... }, ... };
|
struct S v[] = { ..., [I] = { ..., .fld = fn@pe, ... }, ... };
|
struct S v[N] = { ..., [I] = { ..., .fld = fn@pe, ... }, ... };
)

@script:python@
pb << entry.pb;
fn << entry.fn;
fld << entry.fld;
@@
if fld in BUS_SLOTS:
    ENTRY.add((pb[0].file, fn))

@script:python@
pe << entry.pe;
fn << entry.fn;
fld << entry.fld;
@@
if fld in DRIVER_SLOTS:
    ENTRY.add((pe[0].file, fn))

@script:python mk depends on asrt@
fn << asrt.fn;
pa << asrt.pa;
F;
@@
if (pa[0].file, fn) in STATIC:
    coccinelle.F = cocci.make_ident(fn)
else:
    cocci.include_match(False)

// File-local lock helpers: functions that take device_lock() or a mutex and
// return still holding it on some path (cxl's cond_cxl_root_lock()).  A
// call of one counts as taking that lock, on the argument it is given.
@lockhelper depends on asrt exists@
identifier H;
parameter list ps;
expression L;
position ph;
@@
H@ph(ps) {
  ... when any
  \(device_lock(L);\|mutex_lock(L);\)
  ... when != \(device_unlock(L)\|mutex_unlock(L)\)
}

@script:python@
H << lockhelper.H;
ps << lockhelper.ps;
L << lockhelper.L;
ph << lockhelper.ph;
@@
LOCKERS.setdefault((ph[0].file, H), []).append((param_names(ps), norm(L)))

@callsite@
identifier mk.F;
expression list es;
position pc;
@@
F@pc(es)

@held@
identifier mk.F;
position callsite.pc;
expression L;
iterator name scoped_guard;
symbol device, mutex;
@@
(
\(device_lock(L);\|mutex_lock(L);\)
... when != \(device_unlock(L)\|mutex_unlock(L)\)
    when exists
F@pc(...)
|
{
...
\(guard(device)(L);\|guard(mutex)(L);\)
... when exists
F@pc(...)
... when any
}
|
scoped_guard(device, L) { <+... F@pc(...) ...+> }
|
scoped_guard(mutex, L) { <+... F@pc(...) ...+> }
)

@script:python@
pc << callsite.pc;
L << held.L;
@@
HELD.setdefault((pc[0].file, pc[0].line, pc[0].column), set()).add(held_kind(L))

@heldvia exists@
identifier mk.F;
identifier lockhelper.H;
expression list hs;
position callsite.pc;
@@
H(hs);
...
F@pc(...)

@script:python@
pc << callsite.pc;
H << lockhelper.H;
hs << heldvia.hs;
@@
held_via(pc, H, hs)

@script:python check depends on report@
pc << callsite.pc;
F << mk.F;
es << callsite.es;
C2;
@@
f = pc[0].file
caller = pc[0].current_element
args = elems(es)
params = PARAMS.get((f, F), [])
held = HELD.get((f, pc[0].line, pc[0].column), set())
mine = ASSERTS.get((f, caller), []) + \
    [(k, None) for k in contract(f, caller)]
if (f, caller) in ENTRY and PARAMS.get((f, caller)):
    # its own device, as a struct device * or embedded as .dev
    p0 = PARAMS[(f, caller)][0]
    held = held | {("device", p0), ("device", "&" + p0 + "->dev")}
done = set()
for kind, dev in ASSERTS.get((f, F), []):
    if kind in done or caller == F or undecided(f, caller, kind):
        continue
    # the device the callee asserts on, as the caller passes it
    arg = subst(dev, params, args)
    def same(h):
        if arg is None or kind == "group":
            return True
        if h in (arg, "&" + arg, arg.lstrip("&")) or \
           arg in ("&" + h + "->dev", "&" + h + ".dev"):
            return True
        # another device only when both are reached from two different
        # parameters; from a local (dev_dax = to_dev_dax(dev)) it may well
        # be the locked one: not decided, not reported
        rh, ra = root(h), root(arg)
        cp = PARAMS.get((f, caller), [])
        return not (rh in cp and ra in cp and rh != ra)
    if any(k == kind and same(h) for (k, h) in held):
        continue
    if any(k == kind for (k, h) in mine):
        continue
    done.add(kind)
    what = "device_lock" if kind == "device" else "the iommu group mutex"
    on = " of %s" % pretty(arg) if arg else ""
    msg = ("WARNING: %s() asserts %s%s; %s() neither holds it nor asserts it [%s]"
           % (F, what, on, caller, RULE[kind]))
    # the caller may be called with the lock held: decided below, by its
    # calls in this file (none: an unlocked entry, reported)
    PENDING.setdefault((f, caller), []).append((pc[0], msg, kind))
if (f, caller) in PENDING:
    coccinelle.C2 = cocci.make_ident(caller)
else:
    cocci.include_match(False)

// One level up: a static caller whose every call in the file holds (or
// asserts) the lock is fine, as in iommu.c's __iommu_group_set_domain();
// a call from another static function is not followed further (and not
// reported: a miss rather than a false alarm).
@callsite2 depends on report@
identifier check.C2;
position pc2;
@@
C2@pc2(...)

@script:python@
pc2 << callsite2.pc2;
C2 << check.C2;
@@
CALLS2.setdefault((pc2[0].file, C2), []).append(
    (pc2[0].line, pc2[0].column, pc2[0].current_element))

@held2 depends on report@
identifier check.C2;
position callsite2.pc2;
expression L;
iterator name scoped_guard;
symbol device, mutex;
@@
(
\(device_lock(L);\|mutex_lock(L);\)
... when != \(device_unlock(L)\|mutex_unlock(L)\)
    when exists
C2@pc2(...)
|
{
...
\(guard(device)(L);\|guard(mutex)(L);\)
... when exists
C2@pc2(...)
... when any
}
|
scoped_guard(device, L) { <+... C2@pc2(...) ...+> }
|
scoped_guard(mutex, L) { <+... C2@pc2(...) ...+> }
)

@script:python@
pc2 << callsite2.pc2;
L << held2.L;
@@
HELD.setdefault((pc2[0].file, pc2[0].line, pc2[0].column), set()).add(held_kind(L))

@heldvia2 exists@
identifier check.C2;
identifier lockhelper.H;
expression list hs;
position callsite2.pc2;
@@
H(hs);
...
C2@pc2(...)

@script:python@
pc2 << callsite2.pc2;
H << lockhelper.H;
hs << heldvia2.hs;
@@
held_via(pc2, H, hs)

@script:python depends on report@
C2 << check.C2;
@@
for (f, c), items in list(PENDING.items()):
    if c != C2:
        continue
    sites = [s for s in CALLS2.get((f, c), []) if s[2] != c]
    for loc, msg, kind in items:
        ok = bool(sites) and all(
            any(k == kind for (k, _) in HELD.get((f, l, col), set())) or
            any(k == kind for (k, _) in ASSERTS.get((f, caller2), [])) or
            kind in contract(f, caller2) or
            # an entry holds the lock of its own device (not compared here)
            ((f, caller2) in ENTRY and kind == "device") or
            # deeper than two levels: not decided here, so not reported
            (f, caller2) in STATIC or called_here(f, caller2) or
            undecided(f, caller2, kind)
            for (l, col, caller2) in sites)
        if not ok:
            coccilib.report.print_report(loc, msg)
    del PENDING[(f, c)]

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""plan.py ROOT FACTS [INCLUDE_DIR...]
plan.py --table entry|requires|locks

Decide the device_lock annotations of the files callbacks.cocci described
(FACTS, its output; file names relative to ROOT).  Prints one site per line,
"file line col line_end col_end KIND name", for apply to insert.

Sparse keeps one counter for every lock and checks one function at a time,
so whose device is locked is decided here, from the code, and Sparse is
left to count what it can count:

  * A function stored in a slot that the driver core calls holding the
    device's lock (ENTRY of scripts/lockrules.def, read here: bus_type
    dma_configure, probe, remove; any *_driver's probe/remove) holds the lock
    of its first parameter, when that is a struct device * or a pointer to a
    struct that embeds a struct device (platform_device, auxiliary_device,
    ...; found in the headers).  A local initialised to that device
    (struct device *dev = &pdev->dev) and never reassigned is the same
    device.
  * A static helper whose address is never taken holds the lock of its
    parameter N when every call passes, as argument N, a device held in
    the caller (greatest fixpoint, so helpers of helpers and recursion are
    covered), or one the caller itself locks (device_lock(E),
    device_trylock(E), device_lock_interruptible(E), guard(device)(E),
    scoped_guard(device, E) with the same E): such a call is wrapped
    "req_dev" and Sparse checks that a lock is held there.
  * A call of of/acpi_dma_configure*() on a held device is wrapped "held"
    (no requirement); any other stays checked by the header's macro.  So a
    device created or found in a probe is still reported, the probed device
    is not.
  * device_lock() and friends are counted ("dev_*") only in files where
    something stays checked: elsewhere counting them checks nothing and
    only adds Sparse noise (lock wrappers).
"""
import os
import re
import subprocess
import sys

# Out-of-line definitions that the header's checking macros would expand.
DEFINED_HERE = {"of_dma_configure_id", "acpi_dma_configure_id"}
LOCKDEF = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts",
                       "lockrules.def")


def table():
    """scripts/lockrules.def, the one rules table: REQUIRES of the device
    mutex (DMA), its ACQUIRE/RELEASE functions (LOCKS: name -> site kind)
    and the ENTRY slots ((type or _suffix, field))."""
    text = re.sub(r"/\*.*?\*/", "", open(LOCKDEF).read(), flags=re.S)
    rows = [(m.group(1), [a.strip() for a in m.group(2).split(",")])
            for m in re.finditer(r"^(REQUIRES|ACQUIRE|RELEASE|ENTRY)\(([^)]*)\)", text, re.M)]
    dma = {a[0] for k, a in rows if k == "REQUIRES" and a[-1] == "DEV_MUTEX"}
    how = {"ALWAYS": "dev_acquire", "TRY": "dev_try", "ZERO_OK": "dev_intr"}
    locks = {a[0]: how[a[3]] for k, a in rows if k == "ACQUIRE" and a[2] == "DEV_MUTEX"}
    locks.update({a[0]: "dev_release" for k, a in rows if k == "RELEASE" and a[2] == "DEV_MUTEX"})
    entry = [(a[0], a[1]) for k, a in rows if k == "ENTRY" and a[-1] == "DEV_MUTEX"]
    return dma, locks, entry


DMA, LOCKS, ENTRY = table()
TAKES = {f for f, k in LOCKS.items() if k != "dev_release"}


def is_entry(struct, field):
    """A slot of the table: the type by name, or by suffix ("_driver")."""
    return any(field == f and (struct == t or (t.startswith("_") and struct.endswith(t)))
               for t, f in ENTRY)

PARAM = re.compile(r"^(?:const\s+)?struct\s+(\w+)\s*\*\s*(?:const\s+)?(\w+)$")
STRUCT_DEV = re.compile(r"^\s*struct\s+device\s+(\w+)\s*;", re.M)


def norm(e):
    """An expression as text without blanks or redundant parentheses."""
    e = re.sub(r"\s+", "", e)
    while e.startswith("(") and e.endswith(")") and balanced(e[1:-1]):
        e = e[1:-1]
    m = re.match(r"^&\((.*)\)$", e)
    if m and balanced(m.group(1)):
        e = "&" + m.group(1)
    return e


def balanced(s):
    d = 0
    for ch in s:
        d += (ch == "(") - (ch == ")")
        if d < 0:
            return False
    return d == 0


def strip_comments(text):
    return re.sub(r"/\*.*?\*/|//[^\n]*", lambda m: re.sub(r"[^\n]", " ", m.group(0)),
                  text, flags=re.S)


def embedding_structs(root, dirs):
    """struct name -> members of type struct device (not a pointer)."""
    out = {}
    paths = [os.path.join(root, d) for d in dirs if os.path.isdir(os.path.join(root, d))]
    if not paths:
        return out
    r = subprocess.run(["grep", "-rlE", "--include=*.h", "--include=*.c",
                        r"^\s*struct\s+device\s+\w+\s*;"] + paths,
                       capture_output=True, text=True)
    for path in r.stdout.split():
        try:
            text = strip_comments(open(path, errors="replace").read())
        except OSError:
            continue
        for m in re.finditer(r"\bstruct\s+(\w+)\s*\{", text):
            depth, i = 1, m.end()
            while i < len(text) and depth:
                depth += (text[i] == "{") - (text[i] == "}")
                i += 1
            members = STRUCT_DEV.findall(text[m.end():i - 1])
            if members and m.group(1) != "device":
                out.setdefault(m.group(1), set()).update(members)
    return out


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--table":
        # what this engine took from the table, for testcases/sparse/names.test
        rows = {"entry": ["%s.%s" % e for e in ENTRY], "requires": sorted(DMA),
                "locks": sorted(LOCKS)}[sys.argv[2]]
        print("\n".join(rows))
        return
    root, facts_path = sys.argv[1], sys.argv[2]
    slots, defs, statics, calls, assigns = [], {}, set(), [], {}
    for line in open(facts_path):
        f = line.rstrip("\n").split("\t")
        if f[0] == "slot":
            slots.append((f[1], f[2], f[3], f[4]))
        elif f[0] == "static":
            statics.add((f[1], int(f[2]), int(f[3])))
        elif f[0] == "def":
            params = f[7].split("\x1f") if f[7] else []
            defs[(f[1], f[2])] = dict(line=int(f[3]), col=int(f[4]), lend=int(f[5]),
                                      cend=int(f[6]), params=[norm_param(p) for p in params])
        elif f[0] == "call":
            args = f[10].split("\x1f") if f[10] else []
            calls.append(dict(file=f[1], caller=f[2], fn=f[3], line=int(f[4]), col=int(f[5]),
                              lend=int(f[6]), cend=int(f[7]), qlend=int(f[8]), qcend=int(f[9]),
                              args=[norm(a) for a in args]))
        elif f[0] == "assign":
            assigns.setdefault((f[1], f[2]), []).append((f[3], norm(f[4])))
    files = sorted({c["file"] for c in calls} | {k[0] for k in defs})
    dirs = sys.argv[3:] + sorted({os.path.dirname(x) or "." for x in files})
    embeds = embedding_structs(root, dirs)
    texts = {}
    for fl in files:
        try:
            texts[fl] = strip_comments(open(os.path.join(root, fl), errors="replace").read())
        except OSError:
            texts[fl] = ""

    def ptype(p):
        """'dev', ('cont', struct), or None for a parameter (type, name)."""
        if p is None:
            return None
        if p[0] == "device":
            return "dev"
        if p[0] in embeds:
            return ("cont", p[0])
        return None

    # Entry functions: (file, fn) -> root parameter index 0.
    entries = set()
    for fl, s, fld, fn in slots:
        if is_entry(s, fld):
            if (fl, fn) in defs:
                entries.add((fl, fn))

    # Address-taken: the name anywhere not followed by "(".
    def address_taken(fl, fn):
        return re.search(r"\b%s\b(?!\s*\()" % re.escape(fn), texts.get(fl, "")) is not None

    by_callee = {}
    for c in calls:
        by_callee.setdefault((c["file"], c["fn"]), []).append(c)

    # Guards and explicit locks per (file, function): normalised devices.
    locked = {}
    for c in calls:
        if c["fn"] in TAKES and c["args"]:
            locked.setdefault((c["file"], c["caller"]), set()).add(c["args"][0])
    for fl in files:
        starts = sorted((d["line"], fn) for (f2, fn), d in defs.items() if f2 == fl)
        for m in re.finditer(r"\bguard\s*\(\s*device\s*\)\s*\(|\bscoped_guard\s*\(\s*device\s*,", texts[fl]):
            i, depth, arg = m.end(), 1, ""
            text = texts[fl]
            while i < len(text) and depth:
                depth += (text[i] == "(") - (text[i] == ")")
                if depth:
                    arg += text[i]
                i += 1
            lno = text.count("\n", 0, m.start()) + 1
            owner = [fn for st, fn in starts if st <= lno]
            if owner:
                locked.setdefault((fl, owner[-1]), set()).add(norm(arg))

    # Candidate contracts: static, not address-taken, called, device params.
    contract = {}
    for (fl, fn), d in defs.items():
        if (fl, d["line"], d["col"]) not in statics or (fl, fn) in entries:
            continue
        if not by_callee.get((fl, fn)) or address_taken(fl, fn):
            continue
        idx = {i for i, p in enumerate(d["params"]) if ptype(p)}
        if idx:
            contract[(fl, fn)] = idx

    def roots(fl, fn):
        """name -> 'dev' or ('cont', struct) held on entry to fn."""
        d = defs.get((fl, fn))
        r = {}
        if not d:
            return r
        held = set(contract.get((fl, fn), set()))
        if (fl, fn) in entries:
            held.add(0)
        reassigned = {v for v, _ in assigns.get((fl, fn), [])}
        for i in held:
            p = d["params"][i] if i < len(d["params"]) else None
            t = ptype(p)
            if t and p[1] not in reassigned:
                r[p[1]] = t
        # aliases: a local assigned once, from a held device or container
        counts = {}
        for v, _ in assigns.get((fl, fn), []):
            counts[v] = counts.get(v, 0) + 1
        changed = True
        while changed:
            changed = False
            for v, e in assigns.get((fl, fn), []):
                if counts[v] != 1 or v in r or any(v == p[1] for p in d["params"] if p):
                    continue
                t = held_type(r, e)
                if t:
                    r[v] = t
                    changed = True
        return r

    def held_type(r, e):
        """The root kind of held expression e under roots r, or None."""
        if r.get(e) is not None:
            return r[e]
        m = re.match(r"^&(\w+)->(\w+)$", e)
        if m and isinstance(r.get(m.group(1)), tuple) and \
                m.group(2) in embeds.get(r[m.group(1)][1], ()):
            return "dev"
        return None

    cache = {}
    while True:
        cache = {}
        changed = False
        for key in list(contract):
            fl, fn = key
            for i in sorted(contract[key]):
                want = ptype(defs[key]["params"][i])
                for c in by_callee[key]:
                    if i >= len(c["args"]):
                        ok = False
                    else:
                        ck = (fl, c["caller"])
                        if ck not in cache:
                            cache[ck] = roots(fl, c["caller"])
                        ok = held_type(cache[ck], c["args"][i]) == want or \
                            (want == "dev" and c["args"][i] in locked.get(ck, ()))
                    if not ok:
                        contract[key].discard(i)
                        changed = True
                        break
            if not contract[key]:
                del contract[key]
        if not changed:
            break

    sites, checked = [], set()
    for c in calls:
        fl, ck = c["file"], (c["file"], c["caller"])
        if ck not in cache:
            cache[ck] = roots(fl, c["caller"])
        pos = "%s %d %d %d %d" % (fl, c["line"], c["col"], c["lend"], c["cend"])
        if c["fn"] in DMA:
            if c["args"] and held_type(cache[ck], c["args"][0]) == "dev":
                sites.append("%s held %s" % (pos, c["fn"]))
            else:
                checked.add(fl)
        elif (fl, c["fn"]) in contract:
            for i in contract[(fl, c["fn"])]:
                a = c["args"][i]
                if ptype(defs[(fl, c["fn"])]["params"][i]) == "dev" and \
                        held_type(cache[ck], a) != "dev":
                    sites.append("%s req_dev %s" % (pos, c["fn"]))
                    checked.add(fl)
                    break
    for c in calls:
        if c["fn"] in LOCKS and c["file"] in checked:
            kind = LOCKS[c["fn"]]
            before = texts[c["file"]].split("\n")[c["line"] - 1][:c["col"]] \
                if c["line"] <= texts[c["file"]].count("\n") + 1 else ""
            if kind == "dev_intr" and re.search(r"\bif\s*\(\s*!?\s*$", before):
                kind = "dev_intr_cond"
            elif kind == "dev_intr":
                test = failure_test(texts[c["file"]], c, before)
                if test:
                    # "s = device_lock_interruptible(dev); if (s < 0)": the
                    # lock is taken where that test fails
                    sites.append("%s %d %d %d %d intr_failed %s" % ((c["file"],) + test + (c["fn"],)))
                    continue
            sites.append("%s %d %d %d %d %s %s" % (c["file"], c["line"], c["col"],
                                                   c["qlend"], c["qcend"], kind, c["fn"]))
    for (fl, fn), d in defs.items():
        if fn in DEFINED_HERE:
            sites.append("%s %d %d %d %d paren_def %s" % (fl, d["line"], d["col"],
                                                          d["lend"], d["cend"], fn))
    for s in sorted(set(sites)):
        print(s)


def failure_test(text, c, before):
    """For "v = device_lock_interruptible(E);" directly followed by an if
    whose condition is true exactly when locking failed (v, v < 0, v != 0,
    v == -EINTR), the condition's (line, col, line, col) span; else None."""
    m = re.search(r"(\w+)\s*=\s*$", before)
    if not m:
        return None
    v = m.group(1)
    lines = text.split("\n")
    off = sum(len(x) + 1 for x in lines[:c["qlend"] - 1]) + c["qcend"]
    t = re.match(r"\s*;\s*if\s*\(", text[off:])
    if not t:
        return None
    start = i = off + t.end()
    depth = 1
    while i < len(text) and depth:
        depth += (text[i] == "(") - (text[i] == ")")
        i += 1
    cond = norm(text[start:i - 1])
    if not re.match(r"^(%s|%s<0|%s!=0|%s==-E\w+)$" % ((re.escape(v),) * 4), cond):
        return None

    def pos(o):
        ln = text.count("\n", 0, o)
        return ln + 1, o - (text.rfind("\n", 0, o) + 1)
    return pos(start) + pos(i - 1)


def norm_param(p):
    m = PARAM.match(re.sub(r"\s+", " ", p.strip()))
    return (m.group(1), m.group(2)) if m else None


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""seed-compare.py SEED TREE OURDIFF

Compare the annotate rewrite with the 2023 FIXME patch (seed 000), hunk by
hunk.  A seed hunk is an added FIXME block, the context lines before it and
the call line after it.  It is present in TREE when its call appears there
(the statement around the call may have changed since 2023, e.g. gained
"ret = ").  OURDIFF reproduces it when one of its hunks adds the same lines
after the same context, above a line with the same call.  Prints per hunk
"SAME file:function", "DIFFERENT file:function" (with both hunks) or
"ABSENT file:function"; "EXTRA file" if OURDIFF annotates more calls in a
seed file than the seed has there.  Exits 1 on DIFFERENT or EXTRA.
"""
import os
import re
import sys

seed, tree, ours = sys.argv[1:4]

text = open(seed, errors="replace").read()
# An archive page carries the patch twice (quoted, then under "Patch"):
# the last copy is the unquoted one.
if "\nPatch\n" in text:
    text = text[text.rindex("\nPatch\n"):]
patch = text[text.index("diff --git"):]


def hunks(diff):
    """[(file, function, before-context, added, call line)] of a diff."""
    out, f = [], None
    for part in re.split(r"(?m)^(?=@@ |diff )", diff):
        m = re.search(r"(?m)^\+\+\+ b/(\S+)", part)
        if m:
            f = m.group(1)
            continue
        if not part.startswith("@@") or f is None:
            continue
        fn = re.match(r"@@[^@]*@@\s*(.*)", part).group(1).strip()
        lines = part.split("\n")[1:]
        i = 0
        while i < len(lines):
            if lines[i].startswith("+"):
                j = i
                while j < len(lines) and lines[j].startswith("+"):
                    j += 1
                before = [l[1:] for l in lines[max(0, i - 3):i]
                          if l.startswith(" ")]
                # the call, or an unbraced "if (...)" and the call below it
                after = " ".join(l[1:] for l in lines[j:j + 2])
                added = [l[1:] for l in lines[i:j]]
                out.append((f, name(fn), before, added, after))
                i = j
            else:
                i += 1
    return out


def name(fn):
    """Function name of a hunk header's context (spatch cuts it short)."""
    m = re.match(r"(.*?)\(", fn)
    words = re.findall(r"\w+", m.group(1) if m else fn)
    return words[-1] if words else "?"


def call(line):
    m = re.search(r"\b(of|acpi)_dma_configure\w*\([^;]*;", line)
    return m.group(0).strip() if m else None


seed_h = [h for h in hunks(patch)
          if any("FIXME: of_dma_configure()" in l for l in h[3])]
our_h = hunks(open(ours).read())
bad, present = 0, {}
for f, fn, before, added, after in seed_h:
    src = os.path.join(tree, f)
    body = open(src, errors="replace").read() if os.path.isfile(src) else ""
    c = call(after)
    where = "%s:%s" % (f, fn)
    if not c or c not in body or not re.search(r"\b%s\s*\(" % fn, body):
        print("ABSENT %s" % where)
        continue
    present[f] = present.get(f, 0) + 1
    match = [h for h in our_h if h[0] == f and call(h[4]) == c and
             fn.startswith(h[1])]
    if any(h[2] == before and h[3] == added for h in match):
        print("SAME %s" % where)
    else:
        bad = 1
        print("DIFFERENT %s\nseed: %r\nours: %r" % (where, (before, added, after), match))
for f, n in sorted(present.items()):
    if sum(1 for h in our_h if h[0] == f) > n:
        bad = 1
        print("EXTRA %s" % f)
sys.exit(bad)

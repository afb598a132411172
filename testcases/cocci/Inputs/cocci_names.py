#!/usr/bin/env python3
"""Print a Coccinelle script's view of one kind of scripts/lockrules.def
entries, in the format of "build/lockrules -r KIND", so a test can diff the
two.  Every place a script spells the names must agree, or this fails."""
import re
import sys

cocci_dir, kind = sys.argv[1], sys.argv[2]


def disj(text):
    """Names in a SmPL disjunction \\(a@p\\|b@p\\)."""
    return [n.split("@")[0] for n in text.split("\\|")]


def same(lists, what):
    first = lists[0]
    for other in lists[1:]:
        if other != first:
            sys.exit("%s: %s disagree: %r vs %r" % (kind, what, first, other))
    return first


def regex(names):
    print("^(%s)$" % "|".join(names))


if kind == "dma-configure":
    s = open(cocci_dir + "/of_dma_configure.cocci").read()
    py = re.search(r"DMA_CONFIGURE = \(([^)]*)\)", s).group(1)
    lists = [re.findall(r'"(\w+)"', py)]
    # the gate rule
    gate = re.search(r"@call@.*?@@\s*\\\((.*?)\\\)\(D@pd", s, re.S).group(1)
    lists.append(disj(gate))
    # the rewrite rules' identifier sets
    for m in re.finditer(r"identifier fnm = \{([^}]*)\};", s):
        lists.append([n.strip() for n in m.group(1).split(",")])
    fof = re.search(r"identifier fof = \{([^}]*)\};", s).group(1)
    facpi = re.search(r"identifier facpi = \{([^}]*)\};", s).group(1)
    lists.append([n.strip() for n in (fof + "," + facpi).split(",")])
    regex(same(lists, "name lists in of_dma_configure.cocci"))
elif kind == "assert":
    s = open(cocci_dir + "/device_lock_assert.cocci").read()
    gate = re.search(r"<\+\.\.\. \\\((.*?)\\\) \.\.\.\+>", s).group(1)
    regex(sorted(disj(gate)))
elif kind == "probe-structs":
    # every ENTRY(X, probe, ...) struct must match the script's regex
    s = open(cocci_dir + "/of_dma_configure.cocci").read()
    rx = re.search(r'identifier S =~ "([^"]+)";', s).group(1)
    py = re.search(r'PROBE_STRUCT = re.compile\(r"([^"]+)"\)', s).group(1)
    for line in sys.stdin:
        struct, field = line.strip().split(".")
        if field == "probe":
            ok = re.search(rx, struct) and re.search(py, struct)
            print("%s %s" % (struct, "ok" if ok else "MISSED"))
else:
    sys.exit("unknown kind " + kind)

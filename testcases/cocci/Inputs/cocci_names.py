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
    # every ENTRY(struct suffix, field, ...) of the table must be a slot the
    # script reads as entered under device_lock: bus_type's and *_driver's
    # in the slots rule (bus_type.dma_configure: not reported at all)
    s = open(cocci_dir + "/of_dma_configure.cocci").read()
    rule = re.search(r"@slots depends on call@(.*?)@@(.*?)@script", s, re.S)
    decl, body = rule.group(1), rule.group(2)
    rx = re.search(r'identifier S =~ "([^"]+)";', decl).group(1)
    py = re.search(r'PROBE_STRUCT = re.compile\(r"([^"]+)"\)', s).group(1)

    def smpl_set(name):
        m = re.search(r"identifier %s = \{([^}]*)\}" % name, decl)
        return sorted(m.group(1).replace(" ", "").split(","))

    def py_set(name):
        body = re.search(name + r" = \{([^}]*)\}", s).group(1)
        return sorted(re.findall(r'"(\w+)": "\w+"', body))

    # the SmPL slot sets are the python ones
    if smpl_set("dfld") != py_set("DRIVER_SLOTS") or \
       smpl_set("bfld") != sorted(py_set("BUS_SLOTS") + ["dma_configure"]):
        sys.exit("probe-structs: the slots rule disagrees with "
                 "DRIVER_SLOTS/BUS_SLOTS")
    # device_lock_assert.cocci reads the same slots as entries
    a = open(cocci_dir + "/device_lock_assert.cocci").read()
    aslots = {n: set(re.findall(r'"(\w+)"', re.search(
        n + r" = \{([^}]*)\}", a).group(1))) for n in ("DRIVER_SLOTS",
                                                      "BUS_SLOTS")}
    arx = re.search(r'@entry depends on asrt@\s*identifier S =~ "([^"]+)";',
                    a).group(1)
    for line in sys.stdin:
        struct, field = line.strip().split(".")
        if struct == "bus_type":
            if field not in aslots["BUS_SLOTS"]:
                print("%s.%s MISSED by device_lock_assert.cocci" % (struct, field))
            # as a variable and as an array element
            ok = "struct bus_type v = { ..., .bfld" in body and \
                "struct bus_type v[] = { ..., { ..., .bfld" in body and \
                field in smpl_set("bfld")
        else:
            # a suffix: any struct whose name ends in it
            name = "x" + struct
            if field not in aslots["DRIVER_SLOTS"] or not re.search(arx, name):
                print("%s.%s MISSED by device_lock_assert.cocci" % (struct, field))
            ok = re.search(rx, name) and re.search(py, name) and \
                field in smpl_set("dfld")
        print("%s.%s %s" % (struct, field, "ok" if ok else "MISSED"))
else:
    sys.exit("unknown kind " + kind)

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Score `iommu-lockcheck check --format=json` against the corpus labels.

    score.py [--totals-only] [--allow-errors] DIR JSON

DIR is the directory that was checked (the module tree, or a copy of it);
JSON is the check's output.  Runs nothing itself.

Labels are comments on the line of the call or return being judged:

    /* EXPECT: RULE [PATTERN] */      a finding of RULE must be printed here
    /* EXPECT-NONE: RULE */           no finding of RULE may be printed here

several per comment, separated by ';'.  A label may end in @NAME: the
lines whose labels of one rule share a NAME are one site, e.g. an
of_dma_configure() call in a static helper and the helper's call in the
unlocked caller, which an engine may name instead.  Such a site is found
when any of its lines has a finding, and a finding on any of its lines is
that site's.  PATTERN (foreign-device,
created-device, probed-device) is required for dma-configure-outside-bus
and must appear in the finding's message.  Every finding printed on a line
that carries no label of its rule is a false positive ("unlabelled").

A finding counts when `check` prints it by default.  JSON keeps findings
that the default output does not print (issue 10: an engine's finding that
the authoritative engine does not confirm); such a finding carries one of
the markers in NOT_PRINTED and is listed apart, not scored.

Exit status: 0 with full recall, every pattern right, no false positive and
no tool error; 1 otherwise; 2 on unusable input.
"""
import json
import os
import re
import sys

RULES = ('dma-configure-outside-bus', 'device-lock-required',
         'group-mutex-required', 'lock-imbalance')
PATTERNS = ('foreign-device', 'created-device', 'probed-device')
# (key, value) pairs marking a finding that the default output hides.
NOT_PRINTED = (('printed', False), ('shown', False), ('default', False),
               ('hidden', True), ('unconfirmed', True), ('suppressed', True))
LABEL = re.compile(r'\b(EXPECT(?:-NONE)?):\s*([a-z-]+)(?:[ \t]+([a-z-]+))?(?:[ \t]+@([A-Za-z0-9_-]+))?')
SOURCE = ('.c', '.h')


def die(msg):
    print('score.py: %s' % msg, file=sys.stderr)
    sys.exit(2)


def read_labels(root):
    """{(relpath, line, rule): (kind, pattern, group)} from every source
    under root; group is None or the @NAME shared by one site's lines."""
    labels = {}
    groups = {}
    for d, subdirs, files in os.walk(root):
        subdirs.sort()
        for name in sorted(files):
            if not name.endswith(SOURCE):
                continue
            path = os.path.join(d, name)
            rel = os.path.relpath(path, root)
            with open(path, encoding='utf-8', errors='replace') as f:
                for n, text in enumerate(f, 1):
                    for kind, rule, pattern, group in LABEL.findall(text):
                        where = '%s:%d' % (rel, n)
                        if rule not in RULES:
                            die('%s: unknown rule %r in label' % (where, rule))
                        if pattern and pattern not in PATTERNS:
                            die('%s: unknown pattern %r in label' % (where, pattern))
                        if kind == 'EXPECT' and rule == RULES[0] and not pattern:
                            die('%s: EXPECT: %s needs its pattern word' % (where, rule))
                        if kind == 'EXPECT-NONE' and pattern:
                            die('%s: EXPECT-NONE takes no pattern' % where)
                        if (rel, n, rule) in labels:
                            die('%s: two labels for %s' % (where, rule))
                        if group:
                            first = groups.setdefault((rule, group), (kind, where))
                            if first[0] != kind:
                                die('%s: @%s is %s at %s' % (where, group, first[0], first[1]))
                        labels[(rel, n, rule)] = (kind, pattern, group or None)
    return labels


def printed(f):
    return not any(f.get(k) is v for k, v in NOT_PRINTED)


def relpath(path, root):
    p = os.path.realpath(path)
    if p == root or not p.startswith(root + os.sep):
        return None
    return os.path.relpath(p, root)


def main(argv):
    totals_only = '--totals-only' in argv
    allow_errors = '--allow-errors' in argv
    # --bounds=TP,FP[,PAT]: a ratchet for a half whose acceptance is not
    # met yet: pass while recall is at least TP, false positives at most FP
    # and wrong patterns at most PAT (default none); the verdict against
    # the acceptance is printed.
    bounds = [a for a in argv if a.startswith('--bounds=')]
    min_tp = max_fp = max_pat = None
    if bounds:
        try:
            nums = [int(x) for x in bounds[0][len('--bounds='):].split(',')]
            if len(nums) not in (2, 3):
                raise ValueError
        except ValueError:
            die('--bounds=TP,FP[,PAT]: two or three numbers')
        min_tp, max_fp = nums[:2]
        max_pat = nums[2] if len(nums) == 3 else None
    args = [a for a in argv if not a.startswith('--')]
    if len(args) != 2 or len(args) + totals_only + allow_errors + len(bounds) != len(argv):
        die('usage: score.py [--totals-only] [--allow-errors] [--bounds=TP,FP[,PAT]] DIR JSON')
    root = os.path.realpath(args[0])
    if not os.path.isdir(root):
        die('%s: not a directory' % args[0])
    labels = read_labels(root)
    if not labels:
        die('%s: no EXPECT labels' % args[0])
    try:
        with open(args[1], encoding='utf-8') as f:
            report = json.load(f)
        findings, errors = report['findings'], report.get('errors', [])
    except (OSError, ValueError, KeyError, TypeError) as e:
        die('%s: not iommu-lockcheck JSON output: %s' % (args[1], e))

    hits = {}        # (rel, line, rule) -> [finding]
    unlabelled = []  # (where, finding)
    hidden = []
    for f in findings:
        if not printed(f):
            hidden.append(f)
            continue
        rel = relpath(f['path'], root)
        key = (rel, f['line'], f['rule'])
        if rel is not None and key in labels:
            hits.setdefault(key, []).append(f)
        else:
            where = '%s:%d' % (rel if rel else f['path'], f['line'])
            unlabelled.append((where, f))

    # a site: one labelled line, or all lines of one (rule, @NAME)
    sites = {}
    for key in sorted(labels):
        rel, line, rule = key
        kind, pattern, group = labels[key]
        sid = (rule, '@' + group) if group else key
        sites.setdefault(sid, []).append(key)

    rows = []
    stats = {r: dict(pos=0, tp=0, fn=0, neg=0, fp=0, tn=0, unl=0, pat=0) for r in RULES}
    by_engine = {}
    for sid in sorted(sites, key=lambda k: sites[k][0]):
        keys = sites[sid]
        rel, line, rule = keys[0]
        kind = labels[keys[0]][0]
        pattern = next((labels[k][1] for k in keys if labels[k][1]), '')
        got = [f for k in keys for f in hits.get(k, [])]
        s = stats[rule]
        engines = sorted({e for f in got for e in f.get('engines', [])})
        note = ''
        if kind == 'EXPECT':
            s['pos'] += 1
            if not got:
                status = 'FN'
                s['fn'] += 1
            elif pattern and not any(re.search(r'\b%s\b' % pattern, f['message']) for f in got):
                status = 'PAT'
                s['pat'] += 1
                note = 'message: %s' % got[0]['message']
            else:
                status = 'TP'
                s['tp'] += 1
        else:
            s['neg'] += 1
            status = 'FP' if got else 'TN'
            s['fp' if got else 'tn'] += 1
            if got:
                note = 'message: %s' % got[0]['message']
        for e in engines:
            be = by_engine.setdefault(e, {r: [0, 0] for r in RULES})
            be[rule][0 if kind == 'EXPECT' else 1] += 1
        where = ' '.join('%s:%d' % (k[0], k[1]) for k in keys)
        rows.append((status, where, rule, pattern, engines, note))
    for where, f in unlabelled:
        if f['rule'] in stats:
            stats[f['rule']]['unl'] += 1
        for e in f.get('engines', []):
            be = by_engine.setdefault(e, {r: [0, 0] for r in RULES})
            if f['rule'] in be:
                be[f['rule']][1] += 1

    if not totals_only:
        print('# per site: STATUS FILE:LINE RULE [PATTERN] [engines]')
        for status, where, rule, pattern, engines, note in rows:
            print('%-3s %s %s%s%s%s' % (status, where, rule,
                                        ' ' + pattern if pattern else '',
                                        ' [%s]' % ','.join(engines) if engines else '',
                                        '\n      ' + note if note else ''))
        for where, f in unlabelled:
            print('UNL %s %s [%s]\n      message: %s' % (where, f['rule'],
                                                      ','.join(f.get('engines', [])),
                                                      f['message']))
        for f in hidden:
            print('HID %s:%d %s [%s] (kept in JSON, not printed by default)' % (
                relpath(f['path'], root) or f['path'], f['line'], f['rule'],
                ','.join(f.get('engines', []))))

    print('# totals: rule: recall TP/positives, false positives (labelled negatives + unlabelled), wrong patterns')
    bad = 0
    for r in RULES:
        s = stats[r]
        if not (s['pos'] or s['neg'] or s['unl']):
            continue
        recall = 100.0 * s['tp'] / s['pos'] if s['pos'] else 100.0
        print('%s: recall %d/%d (%.0f%%), false positives %d (%d of %d negatives + %d unlabelled), wrong pattern %d'
              % (r, s['tp'], s['pos'], recall, s['fp'] + s['unl'], s['fp'], s['neg'], s['unl'], s['pat']))
        bad += s['fn'] + s['pat'] + s['fp'] + s['unl']
    tp = sum(s['tp'] for s in stats.values())
    pos = sum(s['pos'] for s in stats.values())
    fp = sum(s['fp'] + s['unl'] for s in stats.values()) + sum(
        1 for _, f in unlabelled if f['rule'] not in stats)
    print('all rules: %d labelled sites (%d positive, %d negative); recall %d/%d; false positives %d; wrong pattern %d'
          % (len(sites), pos, len(sites) - pos, tp, pos, fp,
             sum(s['pat'] for s in stats.values())))
    print('# findings per engine (from the JSON engines field): rule: on positives / false')
    for e in sorted(by_engine):
        print('%s: %s' % (e, ', '.join('%s %d/%d' % (r, v[0], v[1])
                                        for r, v in by_engine[e].items() if v != [0, 0])))
    if hidden:
        print('not printed by default (kept in JSON): %d' % len(hidden))
    for e in errors:
        print('tool error: %s: %s [%s]' % (e.get('path'), e.get('message'), e.get('engine')))
    if errors and not allow_errors:
        bad += len(errors)
    print('RESULT: %s' % ('PASS' if not bad else 'FAIL'))
    if min_tp is not None:
        pats = sum(s['pat'] for s in stats.values())
        within = (tp >= min_tp and fp <= max_fp and pats <= (max_pat or 0) and
                  (allow_errors or not errors))
        print('BOUNDS: recall at least %d, false positives at most %d%s: %s'
              % (min_tp, max_fp,
                 '' if max_pat is None else ', wrong patterns at most %d' % max_pat,
                 'within' if within else 'OUTSIDE'))
        return 0 if within else 1
    return 0 if not bad else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))

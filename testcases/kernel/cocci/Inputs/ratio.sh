#!/bin/bash
# ratio.sh BASELINE_TIME... -- REPORT_TIME...: print the runs and the ratio
# of the fastest of each, for the log.  Informational only: timings on a
# shared machine (other lit tests run beside this one) are not asserted.
b=() r=() cur=b
for f in "$@"; do
	if [ "$f" = -- ]; then cur=r; continue; fi
	if [ $cur = b ]; then b+=("$(cat "$f")"); else r+=("$(cat "$f")"); fi
done
python3 - "${b[*]}" "${r[*]}" <<'PY'
import sys
b = [float(x) for x in sys.argv[1].split()]
r = [float(x) for x in sys.argv[2].split()]
print("whole-tree wall time, --jobs 2, alternating runs: one-rule baseline %s s, "
      "of_dma_configure.cocci report %s s; best-of ratio %.2f (goal <= 1.5)"
      % (" / ".join("%.2f" % x for x in b), " / ".join("%.2f" % x for x in r),
         min(r) / min(b)))
PY

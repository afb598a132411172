#!/bin/bash
# ratio.sh BASELINE_TIME REPORT_TIME: print both and their ratio for the log.
# Informational only: timings on a shared machine are not asserted.
b=$(cat "$1"); r=$(cat "$2")
python3 -c "print('whole-tree wall time, --jobs 2: one-rule baseline %s s, of_dma_configure.cocci report %s s, ratio %.2f (goal <= 1.5)' % ('$b', '$r', $r / $b))"

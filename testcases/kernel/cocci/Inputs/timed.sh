#!/bin/bash
# timed.sh TIMEFILE CMD...: run CMD, write its wall time in seconds to TIMEFILE.
out=$1; shift
start=$(date +%s.%N)
"$@"
rc=$?
end=$(date +%s.%N)
python3 -c "print('%.2f' % ($end - $start))" > "$out"
exit $rc

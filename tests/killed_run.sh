#!/usr/bin/env bash
# A killed run leaves no half-written result: the output file is either absent or the complete
# file of an earlier run. Writes a reference result, then kills (SIGKILL and SIGTERM) runs that
# write the same file at increasing times, through the end of the run and its HDF5 write.
# usage: killed_run.sh PODSIM SCENARIO WORKDIR
set -euo pipefail
podsim=$1 scenario=$2 work=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work"
"$podsim" run "$scenario" -o out.h5 --quiet --no-baseline > /dev/null
reference=$(sha256sum < out.h5)
start=$(date +%s.%N)
"$podsim" run "$scenario" -o other.h5 --quiet --no-baseline > /dev/null
took=$(echo "$(date +%s.%N) - $start" | bc)
kills=0
for fraction in 0.05 0.2 0.4 0.6 0.8 0.9 0.95 0.98 1.0 1.02; do
  for signal in KILL TERM; do
    "$podsim" run "$scenario" -o out.h5 --quiet --no-baseline > /dev/null 2>&1 &
    pid=$!
    sleep "$(echo "$took * $fraction" | bc)"
    kill -s "$signal" "$pid" 2> /dev/null && kills=$((kills + 1)) || true
    wait "$pid" 2> /dev/null || true
    # SIGTERM removes the run's temporary folder; only SIGKILL may leave one (no command reads it).
    if [ "$signal" = TERM ] && ls -A | grep -q '^\.podsim-'; then
      echo "FAIL: SIGTERM at ${fraction} of the run left a temporary: $(ls -A)"; exit 1
    fi
    if [ "$signal" = KILL ]; then rm -rf .podsim-*; fi
    if [ "$(sha256sum < out.h5)" != "$reference" ]; then
      # A run that finished before the signal writes a whole new file: it must still be complete.
      h5dump -H out.h5 > /dev/null || { echo "FAIL: out.h5 is damaged after SIG${signal} at ${fraction} of the run"; exit 1; }
      reference=$(sha256sum < out.h5)
    fi
  done
done
h5dump -H out.h5 > /dev/null
echo "ok: $kills runs killed at 5 % .. 102 % of a ${took} s run; out.h5 was always a complete result"

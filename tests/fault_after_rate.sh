#!/usr/bin/env bash
# Issue 40: a fault that does not slow the checkpoints after it reports, for them, the rate of the
# fault-free baseline within 0.5 %, and a rate that agrees with their completion times.
# Usage: fault_after_rate.sh PODSIM SOURCE_DIR WORK_DIR
set -euo pipefail
podsim=$1 src=$2 work=$3
mkdir -p "$work" && cd "$work"
"$podsim" run "$src/tests/data/fault-after-checkpoint.yaml" --no-hdf5 --quiet --summary out.summary > out.txt
value() { awk -v k="fault-1.cnode_loss.$1:" '$1 == k { print $2 }' out.summary; }
after=$(value after) base=$(value after_baseline) took=$(value after_completion) window=$(value window_after)
for v in after base took window; do [ -n "${!v}" ] || { echo "no $v in the summary"; cat out.summary; exit 1; }; done
python3 - "$after" "$base" "$took" "$window" <<'PY'
import sys
after, base, took, window = map(float, sys.argv[1:])
checks = [
    ("after against the baseline", after, base, 0.005),
    ("after against 21 GB over its completion time", after, 21e9 / took / 1e12, 1e-4),
    ("after against the client NIC's 1 GB/s", after, 0.001, 0.005),
    ("whole samples after the fault against 1 GB/s", window, 0.001, 0.005),
]
bad = [f"{name}: {a} vs {b} TB/s" for name, a, b, tol in checks if abs(a - b) > tol * abs(b)]
if bad:
    sys.exit("\n".join(bad))
print(f"after {after} TB/s, baseline {base} TB/s, {took} s")
PY

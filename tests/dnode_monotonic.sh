#!/usr/bin/env bash
# Design 1's D-node sweep from 170 to 200 enclosures (tests/data/dnode-sweep.yaml) is monotonic:
# sustained write never falls and completion never grows as enclosures are added (a placement that
# aliases with the count made 180 a dip between 175 and 181).
#   dnode_monotonic.sh PODSIM SOURCE_DIR
set -euo pipefail
podsim=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$podsim" sweep "$src/tests/data/dnode-sweep.yaml" -o "$work/sweep" -j 2 -q
/usr/bin/python3 - "$work/sweep/sweep.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
def col(prefix):
    return next(k for k in rows[0] if k.startswith(prefix))
n, s, c = col("design.dnodes.count"), col("checkpoint-1.sustained"), col("checkpoint-1.completion")
pts = sorted((int(float(r[n])), float(r[s]), float(r[c])) for r in rows)
bad = 0
for (d0, s0, c0), (d1, s1, c1) in zip(pts, pts[1:]):
    ok = s1 >= s0 * (1 - 1e-6) and c1 <= c0 * (1 + 1e-6)
    print(f"{d1:4d} enclosures: {s1:.4f} TB/s, {c1:.4f} s{'' if ok else '   <- not monotonic'}")
    bad |= not ok
print(f"{len(pts)} points, {'monotonic' if not bad else 'NOT monotonic'}")
sys.exit(1 if bad else 0)
PY

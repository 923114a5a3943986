#!/usr/bin/env bash
# Issue 40: output.series per-class keeps one row per class label, its instances summed: every class's
# capacity and per-bucket amount equal the per-resource file's sums, and the file is much smaller.
# Usage: series_check.sh PODSIM SOURCE_DIR WORK_DIR [PYTHON]
set -euo pipefail
podsim=$1 src=$2 work=$3 python=${4:-/usr/bin/python3}
rm -rf "$work" && mkdir -p "$work" && cd "$work"
base="$src/scenarios/small-pod-training-sync.yaml"
for s in per-resource per-class; do
  sed -e "s|design: designs/|design: $src/scenarios/designs/|" \
      -e "s|output: {\(.*\)}|output: {\1, series: $s}|" "$base" > "$s.yaml"
  grep -q "series: $s" "$s.yaml"
  "$podsim" run "$s.yaml" -o "$s.h5" --quiet > /dev/null
done
"$python" - <<'PY'
import os, h5py, numpy as np
def classes(path):
    with h5py.File(path, "r") as f:
        r = f["resources"]
        labels = r["class_label"].asstr()[:]
        cap, amount = r["capacity"][:], r["amount"][:]
        out = {}
        for l in sorted(set(labels)):
            rows = labels == l
            out[l] = (cap[rows].sum(), amount[rows].sum(axis=0))
        return r.attrs["series"], out, r["instances"][:]
sr, per_res, _ = classes("per-resource.h5")
sc, per_cls, inst = classes("per-class.h5")
assert (sr, sc) == ("per-resource", "per-class"), (sr, sc)
assert per_res.keys() == per_cls.keys(), "class labels differ"
for l in per_res:
    c0, a0 = per_res[l]
    c1, a1 = per_cls[l]
    assert abs(c0 - c1) <= 1e-9 * max(1, abs(c0)), (l, c0, c1)
    assert np.allclose(a0, a1, rtol=1e-12, atol=1e-6), l
big, small = os.path.getsize("per-resource.h5"), os.path.getsize("per-class.h5")
assert small * 10 < big, (big, small)
print(f"{len(per_res)} classes equal; {big:,} B per resource, {small:,} B per class ({int(inst.sum())} resources)")
PY

#!/usr/bin/env bash
# End to end: calibrate the bundled lab example, compare the fitted knobs with the true profile the
# measurements were synthesised from (within 5 %), then check small-pod claims with the profile.
set -euo pipefail
podsim=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cd "$src/scenarios/calibration"
"$podsim" calibrate lab-poc.yaml measured/lab-runs.csv -o "$work/profile.yaml" -q > "$work/report.txt"
grep -q "leave-one-out rms error" "$work/report.txt"
value() { grep -E "^ +$1:" "$2" | sed -E 's/.*value: ([0-9.e+-]+).*/\1/; s/^ +[a-z_]+: ([0-9.e+-]+).*/\1/'; }
fail=0
for knob in client_nic_efficiency storage_nic_efficiency cnode_write_cycles_per_byte cnode_read_cycles_per_byte \
            dnode_controller_write_fraction; do
  truth=$(value "$knob" true-profile.yaml) fitted=$(value "$knob" "$work/profile.yaml")
  if ! awk -v t="$truth" -v f="$fitted" 'BEGIN { e = (f - t) / t; if (e < 0) e = -e; exit !(e <= 0.05) }'; then
    echo "FAIL $knob: fitted $fitted, true $truth"; fail=1
  else
    echo "ok   $knob: fitted $fitted, true $truth"
  fi
done
grep -q "dnode_controller_read_fraction: {value: 1, range: \[0.8, 1.2\]" "$work/profile.yaml" ||
  { echo "FAIL: an undetermined knob should carry the assumed range"; fail=1; }
"$podsim" check "$src/tests/data/small-pod-claims.yaml" --profile "$work/profile.yaml" --samples 4 --json -q > "$work/check.json"
/usr/bin/python3 - "$work/check.json" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
bands = {b["claim"]: b for b in d["bands"]}
assert set(bands) == {"write", "read"}, bands
for b in bands.values():
    assert b["samples"] == 4 and b["failed"] == 0, b
    assert b["p10"] <= b["p50"] <= b["p90"], b
    assert 0 <= b["likelihood"] <= 1, b
# The profile's controller write fraction (0.83) takes the write below the 0.22 TB/s claim in every sample.
assert bands["write"]["likelihood"] == 0 and bands["write"]["verdict"] == "likely refuted", bands["write"]
print("ok   bands:", {k: (round(v["p50"] / 1e12, 3), v["likelihood"]) for k, v in bands.items()})
PY
exit $fail

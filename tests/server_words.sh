#!/usr/bin/env bash
# A design of servers with internal drives in its own words (issue 39): design, racks, run (text,
# JSON, HDF5 labels, HTML report) and check (text, JSON) name servers, server NICs, drives and caps,
# never a C-node, a D-node or a write buffer.
#   server_words.sh PODSIM SOURCE_DIR WORKDIR
set -u
podsim=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
# Every output of one design, in folder $2, grepped for parts it does not have.
own_words() {
  local design=$1 dir=$2
  mkdir -p "$dir" && cd "$dir" || exit 1
  "$podsim" design "$design" > design.txt || fail "design $design"
  "$podsim" racks "$design" -o racks.svg > /dev/null || fail "racks $design"
  "$podsim" run "$design" -o run.h5 --quiet > run.txt || fail "run $design"
  "$podsim" run "$design" --no-hdf5 --json --quiet > run.json || fail "run --json $design"
  "$podsim" check "$design" -q > check.txt || fail "check $design"
  "$podsim" check "$design" --json -q > check.json || fail "check --json $design"
  "$podsim" report run.h5 -o run.html --quiet > /dev/null || fail "report $design"
  h5dump -d /resources/class_label run.h5 > labels.txt || fail "h5dump $design"
  for f in design.txt racks.svg run.txt run.json check.txt check.json run.html labels.txt; do
    hits=$(grep -o -i -E 'C-node|D-node|write buffer|write-buffer|cnode_|dnode_|buffer_ssd|destage' "$f" | sort | uniq -c | tr '\n' ' ')
    [ -z "$hits" ] || fail "$dir/$f speaks of parts the design does not have: $hits"
  done
  cd "$work" || exit 1
}
# The bundled competing proposals at 1,024 GPUs (an appliance and a server design), then a test design
# whose every claim outcome check reports.
own_words "$src/scenarios/designs/lustre-appliance-1024.yaml" appliance
own_words "$src/scenarios/designs/weka-1024.yaml" weka
design=$src/tests/data/bad/hostile/check-server-design-refuted.yaml
own_words "$design" .
grep -q "servers  *4 x oss, 2 x 100 Gb/s NIC ports and 10 x drive internal drives each; no cap" design.txt || fail "no servers line"
grep -q "internal drives  *write   0.032 TB/s" design.txt || fail "no internal drives ceiling"
grep -q "limited by  drives write" check.txt || fail "the bottleneck is not named as drives: $(grep 'limited by' check.txt)"
grep -q "checked at  direct: the servers write to their internal drives" check.txt || fail "no regime line"
echo "PASS: a design of servers in its own words"

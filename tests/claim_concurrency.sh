#!/usr/bin/env bash
# Issue 39: the claim-check workload sizes its streams (for check, size and sweep alike) so that the clients can load the design, says
# what it used, and never blames the storage (or "sharing and imbalance") for its own concurrency.
# Usage: claim_concurrency.sh PODSIM SOURCE_DIR WORK_DIR
set -euo pipefail
podsim=$1 src=$2 work=$3
mkdir -p "$work" && cd "$work"
fail() { echo "FAIL: $*"; exit 1; }
"$podsim" check "$src/tests/data/appliances-128.yaml" --quiet > sized.txt
grep -q "concurrency  read 3 streams per client node (384 in all), each at most 5.00 GB/s" sized.txt ||
  fail "no read concurrency of 3 streams per node: $(grep concurrency sized.txt)"
# The read reaches its bound (1.44 TB/s, the appliances' caps) and holds.
awk '/claim read/ {r=1} r && /simulated/ {print $2; exit}' sized.txt | grep -qx "1.44" || fail "read not at its 1.44 TB/s bound"
grep -A12 "claim read" sized.txt | grep -q "verdict     holds" || fail "the read claim does not hold"
# A cap stated in user bytes (cap.counts: user) lets the RAID parity through on top: the per-appliance
# write claim (65 GB/s x 16) holds at the cap, and the design says what the cap counts.
grep -A12 "claim write" sized.txt | grep -q "verdict     holds" || fail "the user-byte write cap does not hold its claim"
"$podsim" design "$src/tests/data/appliances-128.yaml" | grep -q "cap 65.0 GB/s write, 90.0 GB/s read of user bytes" ||
  fail "design does not say what the cap counts"
# Streams that cannot fill it even at the most podsim runs: client concurrency, no verdict on the claim.
sed 's/write: 5 GB\/s, read: 5 GB\/s/write: 5 GB\/s, read: 0.1 GB\/s/' "$src/tests/data/appliances-128.yaml" > slow.yaml
"$podsim" check slow.yaml --quiet > slow.txt
grep -A12 "claim read" slow.txt > slow-read.txt
grep -q "limited by  client concurrency (per stream)" slow-read.txt || fail "not client concurrency: $(cat slow-read.txt)"
grep -q "verdict     not simulated" slow-read.txt || fail "a verdict on the claim from a workload that could not load the design"
! grep -q "sharing and imbalance" slow.txt || fail "blames sharing and imbalance"
# size and run fill the same streams as check (`streams_per_reader: fill`, sized on each candidate
# design when it is loaded): 16 appliances read their 1.44 TB/s, so a 1.3 TB/s target needs no more.
"$podsim" size "$src/tests/data/appliances-128.yaml" --target read=1.3TB/s --vary servers.count=4..32 -o sized.yaml --quiet > size.txt
grep -q "read simulated *1.440 TB/s" size.txt || fail "size does not simulate the filled read: $(grep simulated size.txt)"
"$podsim" run "$src/tests/data/appliances-128.yaml" -o run.h5 --quiet > run.txt
grep -Eq "concurrency +read 3 streams per client node" run.txt || fail "run does not say the streams it filled"
grep -Eq "servers.count +16 +16" size.txt || fail "size asks for more appliances than the filled read needs: $(grep servers.count size.txt)"
echo "ok"

#!/bin/bash
# podsim size --slurm: each simulation round goes to a real single-node Slurm (brought up in WORKDIR,
# stopped at the end) as a job array, and the answer is the local one (22 enclosures, tests/size_check.sh).
# usage: size_slurm.sh PODSIM SOURCE_DIR WORKDIR
set -u
podsim=$1 src=$2 work=$3
here=$(dirname "$0")
rm -rf "$work" && mkdir -p "$work"
eval "$("$here/slurm/cluster.sh" up "$work/cluster")" || { echo "FAIL: Slurm did not start"; exit 1; }
trap '"$here/slurm/cluster.sh" down "$work/cluster"' EXIT
cd "$work"
"$podsim" size "$src/scenarios/designs/small-pod.yaml" --target write=0.5TB/s --vary dnodes.count --margin 0.05 \
  -o sized.yaml --slurm -q > out 2>&1
rc=$?
[ "$rc" -eq 0 ] || { echo "FAIL: size --slurm exited $rc"; cat out; exit 1; }
grep -Eq '^  dnodes.count +10 +22$' out || { echo "FAIL: not the local answer"; cat out; exit 1; }
ls sized.size/round-1/slurm/task-*.out > /dev/null 2>&1 || { echo "FAIL: the round did not run as a Slurm array"; exit 1; }
echo "PASS: sized to 22 enclosures with the simulation round as a Slurm job array"

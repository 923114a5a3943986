#!/bin/bash
# The same sweep through a real single-node Slurm (brought up in WORKDIR, stopped by PID at the end)
# as a job array must give exactly the local results: every point arrives, and sweep.csv is identical.
# usage: sweep_slurm.sh PODSIM SWEEP_FILE LOCAL_RESULTS_DIR WORKDIR
set -u
podsim=$1 sweep=$2 local_dir=$3 work=$4
here=$(dirname "$0")
rm -rf "$work" && mkdir -p "$work"
eval "$("$here/slurm/cluster.sh" up "$work/cluster")" || { echo "FAIL: Slurm did not start"; exit 1; }
trap '"$here/slurm/cluster.sh" down "$work/cluster"' EXIT
"$podsim" sweep "$sweep" -o "$work/slurm.sweep" --slurm --wait --points-per-task 3 -q > "$work/out" 2>&1
rc=$?
[ "$rc" -eq 0 ] || { echo "FAIL: sweep --slurm exited $rc"; cat "$work/out"; exit 1; }
grep -q "8/8 points done" "$work/out" || { echo "FAIL: not every point arrived"; cat "$work/out"; exit 1; }
[ "$(ls "$work"/slurm.sweep/slurm/task-*.out | wc -l)" -eq 3 ] || { echo "FAIL: expected 3 array tasks"; exit 1; }
cmp "$local_dir/sweep.csv" "$work/slurm.sweep/sweep.csv" || { echo "FAIL: Slurm and local results differ"; exit 1; }
echo "PASS: 8 points through a 3-task Slurm array, results identical to the local run"

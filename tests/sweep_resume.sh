#!/bin/bash
# A sweep loses nothing: one point killed on purpose is recorded as failed (exit 137) while the
# others complete; rerunning the same sweep skips the finished points and runs only the killed one.
# usage: sweep_resume.sh PODSIM SWEEP_FILE WORKDIR
set -u
podsim=$1 sweep=$2 dir=$3
rm -rf "$dir"
"$podsim" sweep "$sweep" -o "$dir" -j 2 -q > "$dir.out1" 2>&1 &
sweep_pid=$!
victim=""
for _ in $(seq 1 600); do  # up to 60 s for the last point to start
  victim=$(pgrep -f -- "run $dir/points/p0007.yaml" | head -1)
  [ -n "$victim" ] && break
  sleep 0.1
done
[ -n "$victim" ] || { echo "FAIL: point 7 never started"; exit 1; }
kill -9 "$victim"
wait "$sweep_pid"
rc=$?
[ "$rc" -eq 5 ] || { echo "FAIL: first sweep exited $rc, expected 5 (a failed point)"; cat "$dir.out1"; exit 1; }
grep -q '^7,failed,137,' "$dir/sweep.csv" || { echo "FAIL: point 7 not recorded as killed"; cat "$dir/sweep.csv"; exit 1; }
[ "$(grep -c ',done,0,' "$dir/sweep.csv")" -eq 7 ] || { echo "FAIL: the other 7 points did not all finish"; exit 1; }
[ ! -e "$dir/points/p0007.h5" ] || { echo "FAIL: the killed point left a result file"; exit 1; }
"$podsim" sweep "$sweep" -o "$dir" -j 2 > "$dir.out2" 2>&1
rc=$?
[ "$rc" -eq 0 ] || { echo "FAIL: rerun exited $rc"; cat "$dir.out2"; exit 1; }
grep -q "7 already done, 1 to run" "$dir.out2" || { echo "FAIL: rerun did not skip the finished points"; cat "$dir.out2"; exit 1; }
[ "$(grep -c ',done,0,' "$dir/sweep.csv")" -eq 8 ] || { echo "FAIL: not every point done after the rerun"; exit 1; }
echo "PASS: killed point recorded, others completed, rerun finished it"

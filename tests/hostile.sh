#!/usr/bin/env bash
# Hostile inputs and invocations (issue 25's red-team findings), one ctest case each: the case
# named on the command line runs in its own folder and fails with a message when podsim does
# not refuse, stop or clean up as docs/robustness.md says.
# usage: hostile.sh PODSIM SOURCE_DIR WORKDIR CASE
set -u
podsim=$1 src=$2 work=$3 case=$4
data=$src/tests/data
bad=$data/bad/hostile
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
cp "$data/ideal-catalog.yaml" "$data/one-link.yaml" .

fail() { echo "FAIL ($case): $*"; [ -f err ] && sed 's/^/    stderr: /' err | head -20; exit 1; }
# expect RC REGEX CMD...: runs CMD, stderr to ./err; the exit code must be RC and stderr match REGEX.
expect() {
  local rc=$1 regex=$2
  shift 2
  "$@" > out 2> err < /dev/null
  local got=$?
  [ "$got" -eq "$rc" ] || fail "exit code $got, expected $rc: $*"
  [ -z "$regex" ] || grep -Eq -- "$regex" err || fail "stderr does not match '$regex': $*"
}
# refused REGEX NAME: podsim run of tests/data/bad/hostile/NAME.yaml exits 2 with REGEX on stderr.
refused() { expect 2 "$1" "$podsim" run "$bad/$2.yaml" --quiet; }
# A one-link scenario with `key: value` lines replaced (sed expressions).
variant() { sed "$@" one-link.yaml; }
# A scenario long enough to interrupt (a few seconds of simulation).
long_scenario() {
  variant -e 's/size: 10 GB, writers: 1, chunk: 10 GB/size: 2 TB, writers: 1, chunk: 1 MB/' > long.yaml
}
fake_sbatch() {
  mkdir -p bin
  printf '#!/bin/sh\ntouch "%s/sbatch-called"\necho 42\n' "$work" > bin/sbatch
  chmod +x bin/sbatch
  export PATH="$work/bin:$PATH"
}
# The header and one row (officinalis, CephFS) of the bundled corpus, to break one cell of.
corpus_row() { sed -n -e 1p -e '/^io500-80-officinalis-write,/p' "$src/scenarios/measured/throughput-runs.csv"; }
sweep_file() {  # sweep_file NAME_YAML_SCALAR > file
  printf 'sweep:\n  name: %s\n  base: %s\n  axes:\n    output.sample_interval: [100 ms]\n' "$1" "$work/one-link.yaml"
}

case $case in
# --- security: what reaches a Slurm job script -------------------------------------------------
slurm-name-newline)
  fake_sbatch
  sweep_file '"x\ntouch /tmp/podsim-pwned"' > s.yaml
  expect 2 "s.yaml:2: sweep.name: a name is" "$podsim" sweep s.yaml --slurm -o res
  [ ! -e sbatch-called ] || fail "sbatch ran"
  [ ! -e res/slurm/array.sh ] || fail "a job script was written" ;;
slurm-partition-newline)
  fake_sbatch
  sweep_file ok > s.yaml
  expect 2 "--partition has a character a Slurm job script cannot hold safely \(byte 0x0a\)" \
    "$podsim" sweep s.yaml --slurm -o res --partition "$(printf 'debug\ntouch /tmp/podsim-pwned')"
  expect 2 "--time has a character" "$podsim" sweep s.yaml --slurm -o res --time '1:00;id'
  [ ! -e sbatch-called ] || fail "sbatch ran" ;;
slurm-folder-newline)
  fake_sbatch
  sweep_file ok > s.yaml
  expect 2 "the results folder has a character" "$podsim" sweep s.yaml --slurm -o "$(printf 'r\ntouch x')"
  [ ! -e sbatch-called ] || fail "sbatch ran" ;;
slurm-plain-values-submit)
  fake_sbatch
  sweep_file ok > s.yaml
  expect 0 "" "$podsim" sweep s.yaml --slurm -o res --partition debug --time 00:10:00 -q
  [ -e sbatch-called ] || fail "sbatch was not called"
  grep -q '^#SBATCH --partition=debug$' res/slurm/array.sh || fail "no partition line"
  [ "$(grep -c '^#SBATCH' res/slurm/array.sh)" -eq 7 ] || fail "unexpected #SBATCH lines" ;;
# --- security: what an output may replace ------------------------------------------------------
output-device)
  expect 3 "refusing to write /dev/null: it is a device" "$podsim" run one-link.yaml -o /dev/null --quiet
  [ -c /dev/null ] || fail "/dev/null is no longer a device" ;;
output-symlink)
  ln -s "$work/elsewhere" link.h5
  expect 3 "refusing to write link.h5: it is a symbolic link" "$podsim" run one-link.yaml -o link.h5 --quiet
  expect 3 "refusing to write /dev/stdout: it is a symbolic link" "$podsim" run one-link.yaml --no-hdf5 --summary /dev/stdout --quiet
  [ ! -e elsewhere ] || fail "the link was followed"
  "$podsim" run one-link.yaml --no-hdf5 --summary - --quiet > out || fail "--summary - failed"
  grep -q "checkpoint-1.sustained" out || fail "--summary - wrote no summary" ;;
output-is-input)
  before=$(sha256sum < one-link.yaml)
  expect 3 "refusing to write one-link.yaml: it is the input one-link.yaml" "$podsim" run one-link.yaml -o one-link.yaml --quiet
  [ "$(sha256sum < one-link.yaml)" = "$before" ] || fail "the scenario was changed"
  "$podsim" run one-link.yaml -o r.h5 --quiet > /dev/null || fail "run failed"
  expect 3 "refusing to write r.h5: it is the input r.h5" "$podsim" report r.h5 -o r.h5 --quiet
  h5dump -H r.h5 > /dev/null || fail "r.h5 was damaged" ;;
outputs-distinct)
  expect 3 "two outputs are the same file x.h5" "$podsim" run one-link.yaml -o x.h5 --summary x.h5 --quiet
  expect 3 "two outputs are the same file ./c.md" "$podsim" compare one-link.yaml -o c.h5 --markdown c.md --csv ./c.md --quiet
  [ ! -e x.h5 ] && [ ! -e c.h5 ] || fail "an output was written" ;;
output-folder-checked-first)
  expect 3 "the folder /no-such-podsim-dir does not exist" "$podsim" run one-link.yaml -o /no-such-podsim-dir/x.h5
  [ ! -s out ] || fail "the run was simulated before the output was checked" ;;
# --- security: names that would become paths ---------------------------------------------------
name-path-traversal)
  variant -e 's/name: one-link$/name: ..\/..\/escaped/' > s.yaml
  expect 2 "s.yaml:3: scenario.name: a name is at most 100 letters" "$podsim" run s.yaml --quiet
  sweep_file '../escaped' > w.yaml
  expect 2 "w.yaml:2: sweep.name: a name is" "$podsim" sweep w.yaml --quiet
  [ ! -e ../escaped.h5 ] && [ ! -e ../escaped.sweep ] || fail "wrote outside the folder" ;;
# --- ranges: every figure between a smallest and a largest plausible value -----------------------
range-tiny-efficiency)
  refused "catalog-tiny.yaml:4: .*efficiency: must be between 0.01 and 1, got 1e-300" range-tiny-efficiency ;;
range-tiny-rate)
  refused "catalog-tiny-rate.yaml:4: .*write: out of range: '1e-300 GB/s' is a positive figure too small" range-tiny-rate ;;
range-huge-cycles)
  refused "catalog-huge-cycles.yaml:8: .*cycles_per_byte.write: must be between 0 and 10000" range-huge-cycles ;;
range-zero-clock)
  refused "catalog-zero-clock.yaml:8: .*clock: a C-node clock runs at 1 MHz or more" range-zero-clock ;;
range-job-start-1000-years)
  refused "range-job-start-1000-years.yaml:3: scenario: the run spans at least 3.154e\+10 s .* at most 1e7 can be recorded" range-job-start-1000-years ;;
range-training-interval-1000-years)
  refused "scenario: the run spans at least 6.307e\+10 s" range-training-interval-1000-years ;;
range-link-down-1000-years)
  refused "scenario: the run spans at least 3.154e\+10 s" range-link-down-1000-years ;;
range-rebuild-byte-units)
  refused "rebuild.unit: the rebuild would move 1e\+12 units; at most 1e8" range-rebuild-byte-units ;;
range-hex-size)
  refused "checkpoint.size: expected a decimal number in '0x10 GB'" range-hex-size ;;
range-one-bit)
  refused "checkpoint.size: out of range: '1 b' is a positive figure too small" range-one-bit ;;
range-sample-interval-as-long-as-phase)
  # Adapted, not refused: the phase's figures are its average (10 GB / 10 s), utilization is sane.
  expect 0 "" "$podsim" run "$bad/range-sample-interval-as-long-as-phase.yaml" --no-hdf5 --summary - --quiet
  grep -q "^checkpoint-1.sustained: 0.001 TB/s" out || fail "sustained is not the phase's average: $(grep sustained out)"
  grep -q "^checkpoint-1.peak: 0.001 TB/s" out || fail "peak is not the phase's average: $(grep peak out)"
  grep -q "^checkpoint-1.bottleneck_utilization: 100 %" out || fail "bottleneck not 100 % busy: $(grep bottleneck_util out)"
  "$podsim" run "$bad/range-sample-interval-as-long-as-phase.yaml" --no-hdf5 --quiet | grep -q "fewer than 3 sample intervals" \
    || fail "the report does not say the figures are the average" ;;
range-trace-huge-bytes)
  refused "huge-bytes.csv:2: bytes: out of range: '1e300 EB' is beyond what podsim simulates" range-trace-huge-bytes ;;
range-series-memory)
  refused "scenario: the run spans at least 7204 s: 7.2e\+06 sample intervals x 1215 resource series would need at least 70 GB" range-series-memory ;;
range-trace-node-overflow)
  refused "node-overflow.csv:2: node: expected a node number \(0, 1, ...\), got '99999999999'" range-trace-node-overflow ;;
range-cfg-values)
  expect 2 "--cfg contexts/stack-size:1: must be between 128 and 65536" "$podsim" run one-link.yaml --no-hdf5 --quiet --cfg contexts/stack-size:1
  expect 2 "--cfg surf/precision:1e300: must be between" "$podsim" run one-link.yaml --no-hdf5 --quiet --cfg surf/precision:1e300
  expect 2 "--cfg host/model:ptask_L07: not an option podsim passes to SimGrid" "$podsim" run one-link.yaml --no-hdf5 --quiet --cfg host/model:ptask_L07
  "$podsim" run one-link.yaml --no-hdf5 --quiet --cfg network/crosstraffic:1 > /dev/null || fail "a listed option was refused" ;;
range-expect-tolerance)
  "$podsim" run one-link.yaml --no-hdf5 --quiet --summary s.txt > /dev/null || fail "run failed"
  for t in nan inf -1 2; do
    expect 2 "--tolerance must be between 0 and 1 \(a fraction: 0.01 is 1 %\)" "$podsim" run one-link.yaml --no-hdf5 --quiet --expect s.txt --tolerance $t
  done ;;
range-option-values)
  sweep_file jobs > s.yaml
  expect 2 "--jobs must be between 1 and 256, got 100000" "$podsim" sweep s.yaml -o res -j 100000 --quiet
  [ ! -e res ] || fail "a refused sweep made its folder"
  expect 2 "--jobs must be between 1 and 256, got 0" "$podsim" compare one-link.yaml -j 0 --quiet
  expect 2 "--points-per-task must be between 1 and 100000" "$podsim" sweep s.yaml --slurm --points-per-task 0 --quiet
  expect 2 "--noise must be between 0 and 1" "$podsim" calibrate "$src/scenarios/calibration/lab-poc.yaml" \
    "$src/scenarios/calibration/measured/lab-runs.csv" --synthesize "$src/scenarios/calibration/true-profile.yaml" --noise nan -o m.csv ;;
# --- hangs and runaway memory ----------------------------------------------------------------------
hang-zero-buffer)
  refused "dnodes: dnode-zero-buffer has a write buffer of 0 B" hang-zero-buffer
  expect 2 "dnode-zero-buffer has a write buffer of 0 B" "$podsim" design "$bad/hang-zero-buffer-design.yaml" ;;
hang-strip-larger-than-buffer)
  refused "hang-strip-larger-than-buffer.yaml:16: .*checkpoint: a strip of 40.00 GB would wait forever for the 20.00 GB write buffer" hang-strip-larger-than-buffer ;;
hang-fault-long-baseline)
  timeout 300 "$podsim" run "$bad/hang-fault-long-baseline.yaml" -o r.h5 --quiet > out 2> err
  rc=$?
  [ $rc -eq 0 ] || fail "exit $rc (124: still waiting after 300 s, the baseline deadlock)"
  grep -q "checkpoint-1 .*102.000 s instead of 100.000 s" out || fail "no fault impact in the report" ;;
memory-many-sequential-checkpoints)
  /usr/bin/time -f "%M" -o rss "$podsim" run "$bad/memory-many-sequential-checkpoints.yaml" --no-hdf5 --quiet > out 2> err \
    || fail "the run failed"
  [ "$(cat rss)" -lt 400000 ] || fail "peak RSS $(cat rss) KiB for 5,000 sequential checkpoints (quadratic phase series?)" ;;
unbounded-input-files)
  expect 2 "/dev/zero: not a regular file" "$podsim" run /dev/zero --quiet
  truncate -s 300M big.yaml
  expect 2 "big.yaml: the file has 300 MiB; inputs are at most 256 MiB" "$podsim" run big.yaml --quiet
  mkfifo fifo.yaml
  expect 2 "fifo.yaml: not a regular file" "$podsim" run fifo.yaml --quiet ;;
unbounded-sweep-points)
  printf 'sweep:\n  name: huge\n  base: %s\n  axes:\n    output.sample_interval: {from: 1, to: 1000000, step: 1, unit: ms}\n' "$work/one-link.yaml" > s.yaml
  expect 2 "this gives 1e\+06 values on one axis; at most 100000 points" "$podsim" sweep s.yaml -o res --quiet
  printf 'sweep:\n  name: grid\n  base: %s\n  axes:\n    output.sample_interval: {from: 1, to: 1000, step: 1, unit: ms}\n    phases[0].checkpoint.chunk: {from: 1, to: 1000, step: 1, unit: MB}\n' "$work/one-link.yaml" > g.yaml
  expect 2 "this grid has 1e\+06 points; at most 100000" "$podsim" sweep g.yaml -o res --quiet
  [ ! -e res ] || fail "a results folder was made for a refused sweep" ;;
# --- counts that overflowed --------------------------------------------------------------------------
count-gpu-overflow)
  refused "clients: this gives 2.2e\+09 GPUs, more than the 10000000" count-gpu-overflow ;;
count-scale-out-overflow)
  refused "scale_out: this gives 1e\+10 enclosures, more than the 10000000" count-scale-out-overflow ;;
count-streams-bypass)
  refused "this phase would open 2.05e\+08 streams \(200000 x 1024\); at most 1e8" count-streams-bypass ;;
# --- sweeps that mislabel, reuse or fail per point ----------------------------------------------------
sweep-zip-points)
  { printf 'sweep:\n  name: zipped\n  base: %s\n  mode: zip\n  axes:\n    output.sample_interval: [' "$work/one-link.yaml"
    seq -s, 1 100001 | sed 's/,/ ms, /g'; printf ' ms]\n'; } > s.yaml
  expect 2 "zip gives 100001 points; at most 100000" "$podsim" sweep s.yaml -o res --quiet ;;
sweep-tiny-step)
  printf 'sweep:\n  name: tiny\n  base: %s\n  axes:\n    output.sample_interval: {from: 1, to: 2, step: 1e-300, unit: ms}\n' "$work/one-link.yaml" > s.yaml
  expect 2 "s.yaml:5: sweep.axes.output.sample_interval.step: this gives 1e\+300 values" "$podsim" sweep s.yaml -o res --quiet ;;
sweep-index-spelling)
  printf 'sweep:\n  name: twice\n  base: %s\n  axes:\n    phases[0].checkpoint.chunk: [1 GB]\n    phases[00].checkpoint.chunk: [2 GB]\n' "$work/one-link.yaml" > s.yaml
  expect 2 "sweep.axes.phases\[00\].checkpoint.chunk: not a field path \(a list index is written without leading zeros\)" \
    "$podsim" sweep s.yaml -o res --quiet ;;
sweep-resume-after-catalog-change)
  sweep_file resume > s.yaml
  "$podsim" sweep s.yaml -o res --quiet > /dev/null 2>&1 || fail "first sweep failed"
  sed -i 's/nic-1GBps:   {kind: nic, source: "test: 8 Gb\/s = 1 GB\/s, no protocol loss", ports: {count: 1, speed: 8 Gb\/s}/nic-1GBps:   {kind: nic, source: "changed", ports: {count: 1, speed: 16 Gb\/s}/' ideal-catalog.yaml
  "$podsim" sweep s.yaml -o res > out 2> err || fail "rerun failed"
  grep -q "0 already done, 1 to run" err || fail "the rerun kept a result computed against the old catalog: $(cat err)" ;;
sweep-base-paths-rebased)
  mkdir -p base/traces
  printf 'time,node,op,bytes,target\n0 s,0,write,1 GB,auto\n' > base/traces/t.csv
  variant -e 's|catalog: \[ideal-catalog.yaml\]|catalog: [../ideal-catalog.yaml]|' \
          -e 's|- checkpoint: {size: 10 GB, writers: 1, chunk: 10 GB, streams_per_writer: 1}|- trace: {file: traces/t.csv}|' \
          -e '/prestage_read/d' > base/traced.yaml
  printf 'sweep:\n  name: traced\n  base: base/traced.yaml\n  axes:\n    output.sample_interval: [100 ms]\n' > s.yaml
  "$podsim" run base/traced.yaml --no-hdf5 --quiet > /dev/null 2> err || fail "the base itself does not run"
  expect 0 "" "$podsim" sweep s.yaml -o res --quiet
  grep -q "1/1 points done" out || fail "the point did not run: $(cat out) $(cat res/points/p0000.log)" ;;
sweep-base-error-once)
  variant -e 's/count: 1}/count: 0}/' > broken.yaml
  printf 'sweep:\n  name: broken\n  base: broken.yaml\n  axes:\n    output.sample_interval: [100 ms, 200 ms, 300 ms]\n' > s.yaml
  expect 2 "broken.yaml:7: scenario.design.clients.count: must be between 1 and" "$podsim" sweep s.yaml -o res --quiet
  [ "$(grep -c broken.yaml err)" -eq 1 ] || fail "the base's error was reported $(grep -c broken.yaml err) times"
  [ ! -e res ] || fail "points were made from a broken base" ;;
sweep-bad-value)
  printf 'sweep:\n  name: badvalue\n  base: %s\n  axes:\n    output.sample_interval: ["[unclosed"]\n' "$work/one-link.yaml" > s.yaml
  expect 2 "sweep.axes.output.sample_interval: the value '\[unclosed' is not YAML" "$podsim" sweep s.yaml -o res --quiet ;;
sweep-damaged-results)
  sweep_file damaged > s.yaml
  "$podsim" sweep s.yaml -o res --quiet > /dev/null 2>&1 || fail "sweep failed"
  echo "garbage" > res/points/p0000.exit
  rm res/points/p0000.h5
  expect 5 "" "$podsim" sweep collect res
  echo "name: [" > res/manifest.yaml
  expect 2 "manifest.yaml:.*not a sweep manifest" "$podsim" sweep collect res
  rm res/sweep.h5
  expect 2 "sweep.h5: cannot read it as a podsim sweep file" "$podsim" sweep summary res ;;
# --- user input that ended as an internal error (exit 4) or a traceback -----------------------------
internal-fio-json-types)
  printf '{"jobs": [{"jobname": "x", "job options": {"rw": "write", "bs": "1m"}, "write": {"io_bytes": "lots", "runtime": 1000}}]}\n' > fio.json
  expect 2 "fio.json: not the JSON fio writes" "$podsim" calibrate "$src/scenarios/calibration/lab-poc.yaml" fio.json -o p.yaml --quiet ;;
internal-name-with-slash)
  expect 2 "scenario.name: a name is at most 100 letters" "$podsim" compare "$bad/name-with-slash.yaml" --quiet ;;
internal-report-wrong-types)
  "$podsim" run one-link.yaml -o r.h5 --quiet > /dev/null || fail "run failed"
  /usr/bin/python3 - r.h5 <<'PY' || fail "could not damage the file"
import sys, h5py
with h5py.File(sys.argv[1], "a") as f:
    del f["summary/value"]
    f["summary/value"] = ["not", "numbers"]
PY
  expect 2 "podsim: error: .*r.h5" "$podsim" report r.h5 -o r.html --quiet
  ! grep -q Traceback err || fail "a Python traceback" ;;
# --- minor ---------------------------------------------------------------------------------------------
fault-after-the-run)
  expect 0 "warning: fault 1 \(link_loss of client-0-nic at 500.000 s\) comes after the workload ended" \
    "$podsim" run "$bad/fault-after-the-run.yaml" --no-hdf5 --no-baseline --quiet ;;
fault-ssd-loss-everywhere)
  refused "loses 2 of 2 enclosures whole or in part \(SSDs\)" fault-ssd-loss-everywhere ;;
fault-ssd-of-lost-enclosure)
  refused "'dnode-0' is lost whole by fault 1: its SSDs cannot be lost again" fault-ssd-of-lost-enclosure ;;
sweep-exit-codes)
  expect 2 "" "$podsim" sweep summary no-such-dir
  expect 2 "" "$podsim" sweep collect no-such-dir ;;
# --- signals -----------------------------------------------------------------------------------
interrupt-run)
  long_scenario
  for sig in INT TERM HUP; do
    "$podsim" run long.yaml -o out.h5 --quiet > /dev/null 2>&1 &
    pid=$!
    sleep 1.5
    kill -s $sig $pid
    wait $pid
    rc=$?
    case $sig in INT) want=130 ;; TERM) want=143 ;; HUP) want=129 ;; esac
    [ $rc -eq $want ] || fail "SIG$sig: exit $rc, expected $want"
    [ -z "$(ls -A | grep -E '^\.podsim-|tmp-')" ] || fail "SIG$sig left a temporary: $(ls -A)"
    [ ! -e out.h5 ] || fail "SIG$sig left a result"
  done ;;
interrupt-sweep-stops-points)
  long_scenario
  printf 'sweep:\n  name: long\n  base: %s\n  axes:\n    output.sample_interval: [100 ms, 200 ms]\n' "$work/long.yaml" > s.yaml
  "$podsim" sweep s.yaml -o "$work/res" -j 2 --quiet > /dev/null 2>&1 &
  pid=$!
  for _ in $(seq 50); do pgrep -f "$work/res/points/p000" > /dev/null && break; sleep 0.1; done
  sleep 1
  kill -TERM $pid
  wait $pid
  rc=$?
  [ $rc -eq 143 ] || fail "sweep parent: exit $rc, expected 143"
  sleep 0.5
  ! pgrep -f "$work/res/points/p000" > /dev/null || fail "points still running after the sweep was stopped"
  [ ! -e res/points/p0000.exit ] || fail "an interrupted point was recorded as finished: $(cat res/points/p0000.exit)" ;;
killed-sweep-parent-stops-points)
  long_scenario
  printf 'sweep:\n  name: long\n  base: %s\n  axes:\n    output.sample_interval: [100 ms]\n' "$work/long.yaml" > s.yaml
  "$podsim" sweep s.yaml -o "$work/res" --quiet > /dev/null 2>&1 &
  pid=$!
  for _ in $(seq 50); do pgrep -f "$work/res/points/p000" > /dev/null && break; sleep 0.1; done
  kill -KILL $pid
  wait $pid 2> /dev/null
  sleep 0.5
  ! pgrep -f "$work/res/points/p000" > /dev/null || fail "a point outlived its killed sweep" ;;
# --- podsim validate: a bad corpus is exit 2 at file:line: column, and leaves nothing behind ------
corpus-missing-column)
  corpus_row | sed '1s/,op,/,operation,/' > c.csv
  expect 2 "c.csv:1: header: missing column 'op'" "$podsim" validate c.csv -o out.h5 --quiet
  [ ! -e out.h5 ] || fail "an HDF5 file was written" ;;
corpus-unit-in-column)
  corpus_row | sed '2s/,write,62.14,/,write,62.14 GB\/s,/' > c.csv
  expect 2 "c.csv:2: column 6 \(measured_GBps\): expected a plain number \(the column's unit is in its name\)" \
    "$podsim" validate c.csv --quiet ;;
corpus-zero-count)
  corpus_row | sed '2s/,CephFS,8,4,25,/,CephFS,0,4,25,/' > c.csv
  expect 2 "c.csv:2: column 8 \(storage_servers\): a count is a whole number of at least 1" "$podsim" validate c.csv --quiet
  corpus_row | sed '2s/,CephFS,8,4,25,/,CephFS,-3,4,25,/' > c.csv
  expect 2 "c.csv:2: column 8 \(storage_servers\): a count is a whole number" "$podsim" validate c.csv --quiet ;;
corpus-unknown-fs)
  # An unfamiliar file system is not bad input: the row runs on the generic ('any') figures and says so.
  corpus_row | sed '2s/,CephFS,/,FancyFS,/' > c.csv
  expect 0 "" "$podsim" validate c.csv --json --quiet
  grep -q "file system 'FancyFS' is not one podsim knows: class 'other', generic figures" out || fail "the assumption is not stated"
  grep -q '"fs_class": "other"' out || fail "the row is not of the generic class" ;;
corpus-nothing-left-behind)
  corpus_row | sed '2s/,CephFS,8,4,25,/,CephFS,8,4,0x19,/' > c.csv
  expect 2 "column 10 \(server_nic_Gbps\): expected a plain number" "$podsim" validate c.csv -o out.h5 --markdown out.md --quiet
  [ -z "$(ls -A | grep -v -e '^c.csv$' -e '^out$' -e '^err$' -e '^ideal-catalog.yaml$' -e '^one-link.yaml$')" ] ||
    fail "files left behind: $(ls -A)" ;;
corpus-id-not-a-path)
  corpus_row | sed '2s/^io500-80-officinalis-write,/..\/..\/escaped,/' > c.csv
  mkdir emit
  expect 0 "" "$podsim" validate c.csv --line-rate --emit emit --quiet
  [ -e emit/______escaped.yaml ] || fail "the row's scenario is not inside --emit's folder: $(ls emit)"
  [ ! -e ../../escaped.yaml ] && [ ! -e ../escaped.yaml ] || fail "an id became a path" ;;
# --- issue 42, A: corpus text stays data in every generated file ---------------------------------------
corpus-id-forges-scenario)
  # An id that carries YAML: the row's scenario must stay the row's, its id a quoted source string.
  { corpus_row | sed -n 1p; corpus_row | sed -n 2p | sed 's/^io500-80-officinalis-write,/"x\nscenario:\n  name: forged\n---",/'; } | tr -d '\r' > c.csv
  mkdir emit
  expect 0 "" "$podsim" validate c.csv --line-rate --emit emit --quiet
  f=$(ls emit/*.yaml) && [ "$(ls emit | wc -l)" -eq 1 ] || fail "not one emitted scenario: $(ls emit)"
  ! grep -q '^---' "$f" && [ "$(grep -c '^scenario:' "$f")" -eq 1 ] || fail "the id added YAML of its own: $(cat "$f")"
  "$podsim" run "$f" --no-hdf5 --summary - --quiet > run.txt 2> err || fail "the emitted scenario does not run"
  grep -q '^checkpoint-1.bytes: 0.0343597 TB' run.txt || fail "the emitted scenario is not the row's: $(head -3 run.txt)" ;;
corpus-system-forges-band)
  # A system name that would add a run with ratio 1000 to check's error band, and an honest one with ': '.
  { corpus_row | sed -n 1p | tr -d '\r' | sed 's/$/,system/'
    grep -E '^io500-(80-officinalis|23-university-of-cambridge-data-accelerator)-write,' "$src/scenarios/measured/throughput-runs.csv" |
      tr -d '\r' | sed -e '1s/$/,"Acme: Storage"/' -e '2s/$/,"x, op: write, ratio: 1}\n  - {id: forged, system: x, op: write, ratio: 1000"/'; } > c.csv
  expect 0 "" "$podsim" validate c.csv --fit --write-error band.yaml --quiet
  /usr/bin/python3 - band.yaml <<'PY' || fail "the band file was forged or does not parse: $(cat band.yaml)"
import sys, yaml
runs = yaml.safe_load(open(sys.argv[1]))["runs"]
assert len(runs) == 2 and all(r["ratio"] < 10 for r in runs) and "forged" not in [r["id"] for r in runs], runs
assert "Acme: Storage" in [r["system"] for r in runs], runs
PY
  ;;
corpus-quote-and-pipe-in-cells)
  # A quote keeps its row; a pipe and a newline stay inside one Markdown cell.
  { corpus_row | sed -n 1p; corpus_row | sed -n 2p | sed 's/^io500-80-officinalis-write,/"a""b | c\nd",/'; } | tr -d '\r' > c.csv
  expect 0 "" "$podsim" validate c.csv --line-rate --markdown out.md --quiet
  grep -qF '| a"b \| c d |' out.md || fail "the row's cell is not escaped: $(grep '^| a' out.md)"
  [ "$(sed -n '/^| row |/,/^$/p' out.md | grep -c '^|')" -eq 3 ] || fail "the table has extra rows: $(cat out.md)" ;;
size-paths-not-in-comments)
  # A path with a newline and ': ' reaches the sized design only as a quoted source.
  out="$(printf 'x\ndesign: {name: forged}\n#.yaml')"
  "$podsim" size "$src/scenarios/designs/small-pod.yaml" --target write=0.5TB/s --vary dnodes.count --bound-only \
    -o "$out" -q > /dev/null 2> err || fail "size failed"
  ! grep -q '^design: {name: forged}' "$out" || fail "the output path became YAML"
  "$podsim" design "$out" > d.txt 2> err || fail "the sized design does not load"
  grep -q 'small-pod-sized' d.txt || fail "the sized design lost its name: $(head -2 d.txt)" ;;
# --- issue 42, B: no output replaces a file the command read or wrote --------------------------------
output-over-included-catalog)
  before=$(sha256sum < ideal-catalog.yaml)
  expect 3 "refusing to write ideal-catalog.yaml: it is the input .*ideal-catalog.yaml, read by this command" \
    "$podsim" run one-link.yaml -o ideal-catalog.yaml --quiet
  expect 3 "read by this command" "$podsim" run one-link.yaml --no-hdf5 --summary ideal-catalog.yaml --quiet
  [ "$(sha256sum < ideal-catalog.yaml)" = "$before" ] || fail "the catalog was replaced" ;;
output-over-trace)
  mkdir -p traces
  printf 'time,node,op,bytes,target\n0 s,0,write,1 GB,auto\n' > traces/t.csv
  variant -e 's|- checkpoint: {size: 10 GB, writers: 1, chunk: 10 GB, streams_per_writer: 1}|- trace: {file: traces/t.csv}|' \
          -e '/prestage_read/d' > traced.yaml
  expect 3 "refusing to write traces/t.csv: it is the input" "$podsim" run traced.yaml --no-hdf5 --summary traces/t.csv --quiet
  grep -q '^0 s,0,write,1 GB,auto$' traces/t.csv || fail "the trace was replaced" ;;
emit-duplicate-ids)
  { corpus_row; corpus_row | sed -n 2p; } | tr -d '\r' > c.csv
  mkdir emit
  expect 2 "c.csv:3: column 1 \(id\): the id 'io500-80-officinalis-write' is also the id of c.csv:2" \
    "$podsim" validate c.csv --line-rate --emit emit --quiet ;;
emit-names-collide)
  # Two ids that make one file name: each row keeps its own scenario.
  { corpus_row | sed -n 1p; corpus_row | sed -n 2p | sed 's/^io500-80-officinalis-write,/a\/b,/';
    corpus_row | sed -n 2p | sed 's/^io500-80-officinalis-write,/a_b,/'; } | tr -d '\r' > c.csv
  mkdir emit
  expect 0 "" "$podsim" validate c.csv --line-rate --emit emit --quiet
  [ -e emit/a_b.yaml ] && [ -e emit/a_b-line-3.yaml ] || fail "a row's scenario was overwritten: $(ls emit)" ;;
emit-vs-markdown)
  corpus_row | tr -d '\r' > c.csv
  mkdir emit
  expect 3 "refusing to write emit/io500-80-officinalis-write.yaml: this command already wrote it" \
    "$podsim" validate c.csv --line-rate --emit emit --markdown emit/io500-80-officinalis-write.yaml --quiet
  grep -q '^scenario:' emit/io500-80-officinalis-write.yaml || fail "the emitted scenario was replaced" ;;
size-work-over-design)
  mkdir work
  cp "$src/scenarios/designs/small-pod.yaml" work/base.yaml
  sed -i "s|\.\./\.\./topology/catalog/|$src/topology/catalog/|g" work/base.yaml
  before=$(sha256sum < work/base.yaml)
  expect 3 "refusing to write work/base.yaml: it is the input" \
    "$podsim" size work/base.yaml --target write=0.5TB/s --vary dnodes.count --work work -o sized.yaml -q
  [ "$(sha256sum < work/base.yaml)" = "$before" ] || fail "the design was replaced by size's work file" ;;
stdout-one-format)
  expect 2 "--json and --csv - both write to stdout" "$podsim" compare one-link.yaml --json --csv - --quiet
  expect 2 "--markdown - and --csv - both write to stdout" "$podsim" compare one-link.yaml --markdown - --csv - --quiet
  corpus_row > c.csv
  expect 2 "--json and --markdown - both print on stdout" "$podsim" validate c.csv --json --markdown - --quiet ;;
# --- issue 42, C: every duration a scenario states is in the simulated-span bound -------------------
range-round-trip-1000-years)
  refused "scenario: the run spans at least 3.154e\+12 s" range-round-trip-1000-years ;;
range-failover-1000-years)
  refused "scenario: the run spans at least 3.154e\+10 s" range-failover-1000-years ;;
# --- issue 42, D and E: report and summary on crafted files -------------------------------------------
report-crafted-values)
  "$podsim" run one-link.yaml -o r.h5 --quiet > /dev/null || fail "run failed"
  /usr/bin/python3 - <<'PY' || fail "could not craft the files"
import shutil, h5py
def craft(name, change):
    shutil.copy("r.h5", name)
    with h5py.File(name, "a") as f:
        change(f)
craft("zero.h5", lambda f: f.attrs.__setitem__("sample_interval", 0.0))
craft("inf.h5", lambda f: [f["phases"][n].attrs.__setitem__("start", float("inf")) for n in f["phases"]])
craft("math.h5", lambda f: f.attrs.__setitem__("scenario_name", "$\\frac{a}{"))
PY
  expect 2 "'sample_interval' is 0.0: not a positive finite number" "$podsim" report zero.h5 -o zero.html --quiet
  expect 2 "'start' is inf: not a finite number" "$podsim" report inf.h5 -o inf.html --quiet
  expect 0 "" "$podsim" report math.h5 -o math.html --quiet
  printf 'not hdf5\n' > text.h5
  expect 2 "text.h5: not an HDF5 file" "$podsim" report text.h5 -o text.html --quiet
  expect 2 "text.h5: not an HDF5 file" "$podsim" summary text.h5 -o text.pdf
  ! grep -q Traceback err || fail "a Python traceback" ;;
report-links-and-fifos)
  "$podsim" run one-link.yaml -o r.h5 --quiet > /dev/null || fail "run failed"
  mkfifo fifo
  /usr/bin/python3 - <<'PY' || fail "could not craft the files"
import shutil, h5py
shutil.copy("r.h5", "ext.h5")
with h5py.File("ext.h5", "a") as f:
    f["summary/evil"] = h5py.ExternalLink("fifo", "/x")
shutil.copy("r.h5", "huge.h5")
with h5py.File("huge.h5", "a") as f:
    del f["summary/value"]
    f.create_dataset("summary/value", shape=(10**9,), dtype="f8", chunks=(1000,))
PY
  expect 2 "/summary/evil is an external link" timeout 60 "$podsim" report ext.h5 -o ext.html --quiet
  expect 2 "not a regular file" timeout 60 "$podsim" report fifo -o f.html --quiet
  expect 2 "declares 1000000000 values, more than its" "$podsim" report huge.h5 -o huge.html --quiet ;;
sweep-summary-crafted)
  sweep_file crafted > s.yaml
  "$podsim" sweep s.yaml -o res --quiet > /dev/null 2>&1 || fail "sweep failed"
  cp res/sweep.h5 good.h5
  /usr/bin/python3 - res/sweep.h5 <<'PY' || fail "could not craft the file"
import sys, h5py
with h5py.File(sys.argv[1], "a") as f:
    del f["sweep/figure"]
    f.create_dataset("sweep/figure", shape=(10**9,), dtype="f8", chunks=(1000,))
PY
  /usr/bin/time -f "%M" -o rss "$podsim" sweep summary res > out 2> err
  [ $? -eq 2 ] || fail "exit $? for a file declaring 1e9 values"
  grep -q "declares 1000000000 values" err || fail "no message: $(cat err)"
  [ "$(tail -1 rss)" -lt 200000 ] || fail "peak RSS $(tail -1 rss) KiB reading a 1e9-value declaration"
  rm res/sweep.h5 && mkfifo res/sweep.h5
  expect 2 "sweep.h5: not a regular file" timeout 60 "$podsim" sweep summary res
  rm res/sweep.h5
  /usr/bin/python3 - good.h5 res/sweep.h5 <<'PY' || fail "could not craft the link"
import sys, shutil, h5py
shutil.copy(sys.argv[1], sys.argv[2])
with h5py.File(sys.argv[2], "a") as f:
    del f["sweep/status"]
    f["sweep/status"] = h5py.ExternalLink("elsewhere.h5", "/x")
PY
  expect 2 "/sweep/status|status: an external or soft link" timeout 60 "$podsim" sweep summary res ;;
summary-referenced-fifo)
  "$podsim" compare one-link.yaml -o c.h5 --runs-dir runs --quiet > /dev/null 2>&1 || fail "compare failed"
  src_run=$(/usr/bin/python3 -c "import h5py; f=h5py.File('c.h5','r'); print([s.decode() if isinstance(s, bytes) else s for s in f['compare/source'][()]][0])" 2>/dev/null)
  [ -n "$src_run" ] && [ -e "$src_run" ] || src_run=$(ls runs/*.h5 | head -1)
  rm -f "$src_run" && mkfifo "$src_run"
  expect 2 "not a regular file" timeout 60 "$podsim" summary c.h5 -o s.pdf ;;
report-child-dies-with-parent)
  # A report script that hangs: killing podsim must not leave it running.
  printf 'import time\ntime.sleep(120)\n' > hang.py
  PODSIM_REPORT_SCRIPT=$work/hang.py "$podsim" report whatever.h5 -o x.html --quiet > /dev/null 2>&1 &
  : > whatever.h5
  pid=$!
  for _ in $(seq 50); do pgrep -f "$work/hang.py" > /dev/null && break; sleep 0.1; done
  pgrep -f "$work/hang.py" > /dev/null || fail "the script did not start"
  kill -KILL $pid
  wait $pid 2> /dev/null
  sleep 0.5
  ! pgrep -f "$work/hang.py" > /dev/null || { pkill -f "$work/hang.py"; fail "the Python child outlived podsim"; } ;;
# --- issue 42, F: user input that ended as an internal error ------------------------------------------
figure-source-not-text)
  sed 's|^\(  *nic-1GBps: .*\)efficiency: \([^,}]*\)|\1efficiency: {value: \2, source: {a: b}}|' ideal-catalog.yaml > c2.yaml
  variant -e 's|catalog: \[ideal-catalog.yaml\]|catalog: [c2.yaml]|' > s.yaml
  grep -q 'source: {a: b}' c2.yaml || fail "the catalog was not crafted"
  expect 2 "c2.yaml:5: models.nic-1GBps.efficiency.source: expected a text value, got a map" "$podsim" run s.yaml --no-hdf5 --quiet ;;
inline-catalog-sweep-and-size)
  # The form validate --emit writes: a design with its catalog inline, as a sweep base and a size input.
  corpus_row | tr -d '\r' > c.csv
  mkdir emit
  "$podsim" validate c.csv --line-rate --emit emit --quiet > /dev/null || fail "validate failed"
  printf 'sweep:\n  name: inline\n  base: emit/io500-80-officinalis-write.yaml\n  axes:\n    design.servers.count: [8]\n' > s.yaml
  expect 0 "" "$podsim" sweep s.yaml -o res --quiet
  /usr/bin/python3 -c "
import yaml
d = yaml.safe_load(open('emit/io500-80-officinalis-write.yaml'))['scenario']['design']
yaml.safe_dump({'design': d}, open('d.yaml', 'w'))"
  expect 0 "" "$podsim" size d.yaml --target write=60GB/s --vary servers.count --bound-only -o sized.yaml -q ;;
# --- issue 42, G: silent wrong answers -----------------------------------------------------------------
size-wide-range)
  # The top of the range is no design at all (the fabric has too few ports): the answer is still found.
  expect 0 "" "$podsim" size "$src/scenarios/designs/small-pod.yaml" --target write=0.5TB/s --vary dnodes.count=1..100000 \
    --margin 0.05 --bound-only -o sized.yaml -q
  grep -Eq '^  dnodes.count +10 +22$' out || fail "not the 22 enclosures the narrow range gives: $(cat out)" ;;
yaml-second-document)
  { cat one-link.yaml; printf -- '---\nscenario: {name: other}\n'; } > two.yaml
  expect 2 "two.yaml:[0-9]+: a second YAML document \(after '---'\)" "$podsim" run two.yaml --no-hdf5 --quiet ;;
size-target-twice)
  expect 2 "'write' is given twice" "$podsim" size "$src/scenarios/designs/small-pod.yaml" --target write=1TB/s,write=2TB/s \
    --vary dnodes.count --bound-only -o x.yaml -q ;;
corpus-cells-as-written)
  # A column named twice is refused; hexadecimal is not a number; "1e8 processes" is 1e8, not 1.
  corpus_row | tr -d '\r' | sed '1s/$/,op/; 2s/$/,read/' > twice.csv
  expect 2 "twice.csv:1: column 24 \(op\): the column is named twice" "$podsim" validate twice.csv --quiet
  corpus_row | tr -d '\r' | sed '2s/,write,62.14,/,write,0x3E,/' > hex.csv
  expect 2 "hex.csv:2: column 6 \(measured_GBps\): expected a plain number" "$podsim" validate hex.csv --quiet
  corpus_row | tr -d '\r' | sed '2s/,256,100.0,/,2e8 processes,100.0,/' > procs.csv
  expect 2 "a count is a whole number from 1 to 1e8, got '2e8 processes'" "$podsim" validate procs.csv --quiet
  # RFC 4180: a doubled quote is one quote, a backslash a letter.
  { corpus_row | sed -n 1p; corpus_row | sed -n 2p | sed 's/^io500-80-officinalis-write,/"q""\\x",/'; } | tr -d '\r' > q.csv
  expect 0 "" "$podsim" validate q.csv --line-rate --json --quiet
  grep -qF '"id": "q\"\\x"' out || fail "the id is not as written: $(grep '"id"' out)" ;;
corpus-oceanfs-is-not-nfs)
  corpus_row | tr -d '\r' | sed '2s/,CephFS,/,OceanFS,/' > c.csv
  expect 0 "" "$podsim" validate c.csv --line-rate --json --quiet
  grep -q '"fs_class": "oceanfs"' out || fail "OceanFS read as $(grep fs_class out | head -1)" ;;
sbatch-error-not-a-job)
  mkdir -p bin
  printf '#!/bin/sh\necho "sbatch: error: Batch job submission failed: Invalid partition name specified" >&2\nexit 1\n' > bin/sbatch
  chmod +x bin/sbatch
  sweep_file sbatchfail > s.yaml
  PATH="$work/bin:$PATH" expect 3 "sbatch failed \(exit 1\)" "$podsim" sweep s.yaml --slurm --wait -o res -q
  ! grep -q "Slurm job sbatch" out err || fail "an error's text was taken as a job id" ;;
# --- issue 42, H: actor stacks under an address-space limit --------------------------------------------
memory-copy-hosts-stacks)
  # AddressSanitizer reserves terabytes of shadow memory at start: no address-space limit fits it.
  if ldd "$podsim" | grep -q libasan; then echo "PASS ($case): skipped under AddressSanitizer"; exit 0; fi
  ( ulimit -v 4000000; "$podsim" run "$bad/memory-copy-hosts-stacks.yaml" --no-hdf5 --quiet > out 2> err < /dev/null; echo $? > rc )
  [ "$(cat rc)" -eq 2 ] || fail "exit $(cat rc), expected 2 (134: SimGrid aborted)"
  grep -q "out of memory: up to 8202 actors x 8192 KiB of stack" err || fail "no out-of-memory message: $(cat err)" ;;
# --- issue 42, I: validate's corpus is bounded --------------------------------------------------------
corpus-row-limit)
  { corpus_row | sed -n 1p | tr -d '\r'; row=$(corpus_row | sed -n 2p | tr -d '\r' | cut -d, -f2-)
    for i in $(seq 20001); do echo "r$i,$row"; done; } > big.csv
  expect 2 "big.csv: the corpus has more than 20000 rows" "$podsim" validate big.csv --quiet ;;
# --- issue 42, J: spreadsheet formulas in CSV outputs -------------------------------------------------
csv-formula-cells)
  printf 'sweep:\n  name: formula\n  base: %s\n  axes:\n    phases[0].checkpoint.chunk: ["=HYPERLINK(x)", 1 GB]\n' "$work/one-link.yaml" > s.yaml
  "$podsim" sweep s.yaml -o res --quiet > /dev/null 2>&1
  grep -q "'=HYPERLINK(x)" res/sweep.csv || fail "the value is not defused: $(cat res/sweep.csv)"
  ! grep -q ',=HYPERLINK' res/sweep.csv || fail "a bare formula in sweep.csv"
  variant -e 's/name: one-link$/name: +cmd/' > p.yaml
  expect 0 "" "$podsim" compare p.yaml -o c.h5 --csv c.csv --quiet
  grep -q "'+cmd" c.csv && ! grep -q ',+cmd' c.csv || fail "a bare formula in the compare CSV: $(head -1 c.csv)" ;;
# --- issue 39: a design of servers through check and compare ------------------------------------------
check-server-design-refuted)
  # A claim above the design's 32 GB/s: check ran the count requirements on C-nodes and enclosures
  # alone, which a server design cannot vary apart, and crashed (139) or failed at random (exit 4).
  for _ in 1 2 3; do
    expect 0 "" "$podsim" check "$bad/check-server-design-refuted.yaml" -q
    grep -q "verdict     refuted" out || fail "no refuted verdict: $(cat out)"
    grep -q "needs       servers (servers.count): at least 5 (4 as designed)" out || fail "not the server count: $(grep needs out)"
  done
  expect 0 "" "$podsim" compare "$bad/check-server-design-refuted.yaml" -o c.h5 --quiet ;;
check-server-design-verdicts)
  # Every verdict on a design of servers, exit 0 each: holds (30 GB/s of its 32), holds only if (the
  # drives' figures assumed), circular (the drive write rate worked out from the claim), refuted (above).
  d="$bad/check-server-design-refuted.yaml"
  sed 's/value: 40 GB\/s/value: 30 GB\/s/' "$d" > holds.yaml
  sed -e 's/value: 40 GB\/s/value: 30 GB\/s/' -e 's|drive: {kind: ssd, source: "test"|drive: {kind: ssd, source: "assumed: no datasheet seen"|' "$d" > assumed.yaml
  sed -e 's/value: 40 GB\/s/value: 30 GB\/s/' \
      -e 's|write: 1 GB/s}|write: {value: 1 GB/s, source: "worked out from the claim", derived_from: claim}}|' "$d" > circular.yaml
  for pair in "holds.yaml:verdict     holds$" "assumed.yaml:verdict     holds only if the assumed" \
              "circular.yaml:verdict     circular: rests on" "$d:verdict     refuted"; do
    f=${pair%%:verdict*} want=verdict${pair#*:verdict}
    expect 0 "" "$podsim" check "$f" -q
    grep -q "$want" out || fail "$f: no '$want': $(grep verdict out | head -1)"
  done ;;
check-appliance-design-verdicts)
  # Every verdict on a design of controller appliances whose cap binds (issue 39), exit 0 each, on its
  # read claim: holds (90 GB/s per appliance at its 90 GB/s cap), holds only if (the cap assumed),
  # circular (the cap worked out from the claim), refuted (100 GB/s per appliance, above the cap).
  d="$src/tests/data/appliances-128.yaml"
  sed 's|source: "test: a datasheet figure, user bytes"|source: "assumed: no datasheet seen"|' "$d" > assumed.yaml
  sed 's|source: "test: a datasheet figure, user bytes"}|source: "worked out from the claim", derived_from: claim}|' "$d" > circular.yaml
  sed 's|read: {per: appliance, value: 90 GB/s|read: {per: appliance, value: 100 GB/s|' "$d" > refuted.yaml
  for pair in "$d:verdict     holds$" "assumed.yaml:verdict     holds only if the assumed" \
              "circular.yaml:verdict     circular: rests on" "refuted.yaml:verdict     refuted"; do
    f=${pair%%:verdict*} want=verdict${pair#*:verdict}
    expect 0 "" "$podsim" check "$f" -q
    grep -A14 "claim read" out | grep -q "$want" || fail "$f: no '$want': $(grep -A14 'claim read' out | grep verdict)"
  done ;;
compare-keeps-the-runs-that-ran)
  # One design's run fails (its copy hosts' stacks do not fit the address-space limit), the other's
  # does not: the table holds the one that ran, names the failed one, and exits 5.
  if ldd "$podsim" | grep -q libasan; then echo "PASS ($case): skipped under AddressSanitizer"; exit 0; fi
  ( ulimit -v 4000000
    "$podsim" compare one-link.yaml "$bad/memory-copy-hosts-stacks.yaml" -o c.h5 --markdown c.md --quiet > out 2> err < /dev/null
    echo $? > rc )
  [ "$(cat rc)" -eq 5 ] || fail "exit $(cat rc), expected 5: $(cat err)"
  grep -q "^| figure | unit | one-link |$" c.md || fail "the design that ran is not the table's column: $(head -1 c.md)"
  grep -q "Not compared, its run failed:\*\* memory-copy-hosts-stacks" c.md || fail "the failed design is not named"
  grep -q "failed (exit 2)" err || fail "no log of the failed run on stderr" ;;
*)
  fail "unknown case" ;;
esac
echo "PASS ($case)"

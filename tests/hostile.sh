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
  grep -q "file system 'FancyFS' is not one podsim knows: generic figures" out || fail "the assumption is not stated"
  grep -q '"fs_class": "any"' out || fail "the row is not of the generic class" ;;
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
*)
  fail "unknown case" ;;
esac
echo "PASS ($case)"

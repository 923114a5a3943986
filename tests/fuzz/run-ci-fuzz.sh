#!/usr/bin/env bash
# CI's fuzzing, the same on every clone: each target from its kept corpus with a fixed seed and a
# fixed number of runs (about 40 s each on 2 cores). New inputs go to empty scratch folders under the
# build folder given as $1, so a second run starts from the same state.
set -euo pipefail
build=${1:?usage: run-ci-fuzz.sh BUILD_FOLDER}
src=$(cd "$(dirname "$0")" && pwd)
run() {  # target corpus runs
  local scratch="$build/new-$1"
  rm -rf "$scratch" && mkdir -p "$scratch"
  "$build/tests/fuzz/$1" -seed=1 -runs="$3" -max_total_time=120 -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
    -print_final_stats=1 "$scratch" "$src/$2"
}
run scenario_loader_fuzz corpus 2000
run sweep_trace_fuzz corpus-sweep-trace 7000
run corpus_fuzz corpus-csv 13000

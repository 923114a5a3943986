#!/usr/bin/env bash
# The write once the buffer is full must not depend on speed knobs (issue 41). Each variant runs a
# write on DESIGN (a path under SOURCE_DIR) whose buffer-full rate is measured; they must agree within 1 % and
# with the closed form (bound.write_sustained, bound by BINDS) within 2 %.
#   buffer_full_invariance.sh PODSIM SOURCE_DIR DESIGN BINDS "CHUNK|SIZE|STREAMS|MODEL KNOBS" ...
# e.g. "4 GiB|400 TB|1|migration_unit: 16 GiB" (MODEL KNOBS may be empty).
set -euo pipefail
podsim=$1 src=$2 design=$3 binds=$4
shift 4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
for v in "$@"; do
  IFS='|' read -r chunk size streams knobs <<<"$v"
  n=$((n + 1))
  name="variant-$n"
  cat >"$work/$name.yaml" <<YAML
scenario:
  name: $name
  design: $src/$design
  placement: {policy: round_robin, multipath: 1}
  model: {buffer_strips: rotate, writer_flows: merged${knobs:+, $knobs}}
  phases:
    - checkpoint: {size: $size, writers: one-per-node, chunk: $chunk, streams_per_writer: $streams}
  output: {sample_interval: 1 s}
YAML
  echo "$name: chunk $chunk, $size, $streams stream(s) per node${knobs:+, $knobs}"
  "$podsim" run "$work/$name.yaml" --no-hdf5 --quiet --summary "$work/$name.summary" >/dev/null
done
awk -F': ' -v binds="$binds" -v want="$n" '
  $1 == "bound.write_sustained_limit" && $2 != binds { print FILENAME ": " binds " does not bind: " $2; bad = 1 }
  $1 == "bound.write_sustained" { split($2, v, " "); bound = v[1] + 0 }
  $1 == "writes.buffer_full" {
    split($2, v, " "); x = v[1] + 0; file = FILENAME; sub(".*/", "", file); n++
    printf "  %-20s %s (closed form %.4f TB/s: %+.2f %%)\n", file, $2, bound, 100 * (x - bound) / bound
    if (x < bound * 0.98 || x > bound * 1.02) { print "  more than 2 % from the closed form"; bad = 1 }
    if (n == 1 || x < lo) lo = x
    if (n == 1 || x > hi) hi = x
  }
  END {
    if (n != want) { print "expected " want " buffer-full rates, got " n; exit 1 }
    printf "buffer-full write: spread %.3f %% over the variants (limit 1 %%)\n", 100 * (hi - lo) / lo
    exit bad || (hi - lo) / lo >= 0.01
  }' "$work"/*.summary

#!/usr/bin/env bash
# Design 2's write once the buffer is full must not depend on speed knobs (issue 41): a continuous
# ingest on a scaled-down Design 2 whose C-node CPUs bind, at client chunks of 1, 4 and 16 GiB and
# migration operations of 1 (the catalog's), 4 and 16 GiB. The buffer-full rate must agree across
# the variants within 1 % and with the closed form (bound.write_sustained) within 2 %.
#   design2_invariance.sh PODSIM SOURCE_DIR DESIGN SIZE
set -euo pipefail
podsim=$1 src=$2 design=$3 size=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
variants=("4 GiB catalog" "1 GiB 4 GiB" "16 GiB 16 GiB" "4 GiB 16 GiB")
for v in "${variants[@]}"; do
  read -r chunk cu unit uu <<<"$v"
  name="chunk-$chunk$cu-unit-$unit${uu:-}"
  knob=""
  [ "$unit" != "catalog" ] && knob=", migration_unit: $unit $uu"
  cat >"$work/$name.yaml" <<YAML
scenario:
  name: $name
  design: $src/tests/data/$design.yaml
  placement: {policy: round_robin, multipath: 1}
  model: {buffer_strips: rotate, writer_flows: merged$knob}
  phases:
    - checkpoint: {size: $size, writers: one-per-node, chunk: $chunk $cu, streams_per_writer: 1}
  output: {sample_interval: 10 s}
YAML
  "$podsim" run "$work/$name.yaml" --no-hdf5 --quiet --summary "$work/$name.summary" >/dev/null
done
awk -F': ' '
  $1 == "bound.write_sustained_limit" && $2 != "cnode_cpu compute" { print FILENAME ": the CPU does not bind: " $2; bad = 1 }
  $1 == "bound.write_sustained" { split($2, v, " "); bound = v[1] + 0 }
  $1 == "writes.buffer_full" {
    split($2, v, " "); x = v[1] + 0; file = FILENAME; sub(".*/", "", file); n++
    printf "  %-34s %s (closed form %.4f TB/s: %+.2f %%)\n", file, $2, bound, 100 * (x - bound) / bound
    if (x < bound * 0.98 || x > bound * 1.02) { print "  more than 2 % from the closed form"; bad = 1 }
    if (n == 1 || x < lo) lo = x
    if (n == 1 || x > hi) hi = x
  }
  END {
    if (n != 4) { print "expected 4 buffer-full rates, got " n; exit 1 }
    printf "buffer-full write: spread %.3f %% over the variants (limit 1 %%)\n", 100 * (hi - lo) / lo
    exit bad || (hi - lo) / lo >= 0.01
  }' "$work"/*.summary

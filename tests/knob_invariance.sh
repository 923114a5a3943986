#!/usr/bin/env bash
# A figure that depends on a speed knob is a bug (issue 20). Design 1's checkpoint burst at 1/9
# scale (slices: 9) with the knobs chosen for speed -- chunk size (64 MiB, 256 MiB, 1 GiB) and the
# coarse modes (buffer_strips: rotate, writer_flows: merged) against the exact model -- must give
# the same sustained write and completion within 1 %, and the same runner-up headroom within half a
# percentage point (a stage that ran ahead of the one feeding it showed 0 % at 1 GiB chunks).
#   knob_invariance.sh PODSIM SOURCE_DIR
set -euo pipefail
podsim=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
variants=("rotate merged 1 GiB" "rotate merged 256 MiB" "rotate merged 64 MiB" "each each 1 GiB")
for v in "${variants[@]}"; do
  read -r strips flows size unit <<<"$v"
  name="$strips-$flows-$size$unit"
  cat >"$work/$name.yaml" <<YAML
scenario:
  name: knob-$name
  design: $src/scenarios/designs/ncp-pod.yaml
  placement: {policy: round_robin, multipath: 1}
  model: {buffer_strips: $strips, writer_flows: $flows, slices: 9}
  phases:
    - checkpoint: {preset: llama3-1t, writers: all-gpus, chunk: $size $unit, streams_per_writer: 1}
YAML
  "$podsim" run "$work/$name.yaml" --no-hdf5 --quiet --summary "$work/$name.summary" >/dev/null
done
# Each figure's spread over the variants: (largest - smallest) / smallest.
awk -F': ' '
  $1 == "checkpoint-1.sustained" || $1 == "checkpoint-1.completion" || $1 == "checkpoint-1.runner_up_headroom" {
    split($2, v, " "); x = v[1] + 0; file = FILENAME; sub(".*/", "", file)
    printf "  %-26s %-24s %s\n", $1, file, $2
    if (!($1 in lo) || x < lo[$1]) lo[$1] = x
    if (!($1 in hi) || x > hi[$1]) hi[$1] = x
  }
  END {
    bad = 0
    for (k in lo) {
      if (k ~ /headroom/) {  # already in %: an absolute spread in points
        printf "%s: spread %.3f points over the variants (limit 0.5)\n", k, hi[k] - lo[k]
        if (hi[k] - lo[k] >= 0.5) bad = 1
        continue
      }
      s = (hi[k] - lo[k]) / lo[k]
      printf "%s: spread %.3f %% over the variants (limit 1 %%)\n", k, 100 * s
      if (s >= 0.01) bad = 1
    }
    exit bad
  }' "$work"/*.summary

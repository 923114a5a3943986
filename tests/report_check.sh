#!/usr/bin/env bash
# Renders `podsim report` for a result file, then opens it in headless Chromium and checks it
# (tests/report_in_browser.py: figures present and decoded, numbers equal to the file, no console error).
# usage: report_check.sh PODSIM PYTHON RESULT.h5 OUTDIR
set -euo pipefail
podsim=$1 python=$2 result=$3 outdir=$4
mkdir -p "$outdir"
name=$(basename "$result" .h5)
"$podsim" report "$result" -o "$outdir/$name.html" --quiet
"$python" "$(dirname "$0")/report_in_browser.py" "$outdir/$name.html" "$result" "$outdir/$name.png"

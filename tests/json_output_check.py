#!/usr/bin/env python3
"""`--json` on run, check and compare prints valid JSON (schema podsim-json-1) with the known answers.

usage: json_output_check.py PODSIM SOURCE_DIR WORKDIR
"""
import json
import math
import os
import subprocess
import sys


def podsim_json(podsim, *args):
    out = subprocess.run([podsim, *args, "--json", "--quiet"], capture_output=True, text=True, check=True).stdout
    return json.loads(out)  # stdout is nothing but the JSON document


def main(podsim, src, work):
    os.makedirs(work, exist_ok=True)
    failures = []

    def expect(what, ok):
        if not ok:
            failures.append(what)

    run = podsim_json(podsim, "run", f"{src}/tests/data/one-link.yaml", "-o", f"{work}/one-link.h5")
    expect("run schema", run["schema"] == "podsim-json-1" and run["results"] == f"{work}/one-link.h5")
    done = run["summary"]["checkpoint-1.completion"]
    # One 10 GB writer on one 1 GB/s link: 10 s, the closed form.
    expect(f"one link completes in 10 s, not {done}", math.isclose(done["value"], 10.0, rel_tol=1e-6) and done["unit"] == "s")

    check = podsim_json(podsim, "check", f"{src}/tests/data/small-pod-claims-check.yaml")
    verdicts = [(c["claim"], c["verdict"]) for c in check["claims"]]
    expect(f"check verdicts {verdicts}", verdicts == [("write", "circular"), ("read", "circular"),
                                                      ("usable", "holds only if"), ("racks", "holds only if")])
    expect("check carries the summary", "checkpoint-1.sustained" in check["summary"])
    write = check["claims"][0]
    expect("a throughput verdict carries its resolution and reference lines",
           write["resolution"] > 0 and any(r["label"].startswith("SuperPOD guidance") for r in write["references"]))

    cmp = podsim_json(podsim, "compare", f"{src}/tests/data/one-link.yaml",
                      f"{src}/scenarios/designs/object-store-baseline.yaml", "-o", f"{work}/compare.h5", "-j", "1")
    rows = {r["key"]: r for r in cmp["rows"]}
    expect(f"compare columns {cmp['columns']}", cmp["columns"][0] == "one-link" and len(cmp["columns"]) == 2)
    expect("compare write row", math.isclose(rows["write"]["values"][0], run["summary"]["checkpoint-1.sustained"]["value"],
                                             rel_tol=1e-9))
    expect("n/a is null", rows["racks"]["values"][1] is None)
    for f in failures:
        print("FAIL:", f)
    print(f"--json: run, check and compare checked, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))

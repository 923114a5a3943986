#!/usr/bin/env python3
"""podsim's speed and scale benchmark (issue 5): wall time, peak memory and activity counts.

    bench/run_bench.py [--build build] [--only baseline,targets,scaling,sweep,breakdown,memory,migration,buffer-full,scale,validate] [--limit 900]
                       [--json bench/results.json] [--plot docs/performance-scaling.png]

Each case runs in its own process, timed here: wall clock around the process, peak resident
memory from the kernel's accounting of the process and its children (wait4), activities
(SimGrid transfers, SSD operations and CPU work started) from podsim's report. A run that passes
--limit is stopped and reported with how far its simulated clock got. Results go to stdout as
Markdown tables, to --json, and the scaling series to --plot (matplotlib).
"""
import argparse
import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))
import bench_tables  # noqa: E402  (the tables, shared with docs/regenerate.py)
from bench_tables import GIB, MIGRATION_SLOWDOWN_TARGET, fmt_case, scaled_counts  # noqa: E402


def rss_now(pid):
    """Resident memory of a running process, bytes (0 once it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def run(cmd, limit, cwd=ROOT, rss_trace=None):
    """Runs cmd; returns (returncode or None if stopped at the limit, wall s, peak RSS bytes, stdout, stderr).
    rss_trace, a list: gets (wall s, resident bytes) samples every 0.5 s while it runs."""
    out = tempfile.TemporaryFile()
    err = tempfile.TemporaryFile()
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, start_new_session=True)
    rc = None
    next_sample = 0.0
    while True:
        if rss_trace is not None and time.monotonic() - t0 >= next_sample:
            rss_trace.append((time.monotonic() - t0, rss_now(proc.pid)))
            next_sample += 0.5
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            rc = os.waitstatus_to_exitcode(status)
            break
        if time.monotonic() - t0 > limit:
            os.killpg(proc.pid, signal.SIGKILL)
            pid, status, usage = os.wait4(proc.pid, 0)
            rc = None
            break
        time.sleep(0.05)
    wall = time.monotonic() - t0
    # ru_maxrss of wait4 is the largest of the process and the descendants it waited for (sweep points).
    out.seek(0)
    err.seek(0)
    return rc, wall, usage.ru_maxrss * 1024, out.read().decode(errors="replace"), err.read().decode(errors="replace")


# The report's "simulated" row: "X s in W s wall, N activities", or "X s of workload, the run ending
# at Y s; in ..." when the run outlived its workload.
SIMULATED = re.compile(r"simulated\s+([\d.]+) s(?: of workload,[^;\n]*;)? in [\d.]+ s wall, (\d+) activities")


def podsim_case(build, name, scenario, limit, extra=(), hdf5=None):
    """Runs podsim on scenario; hdf5: a path to write the results to (default: no HDF5 file)."""
    out_args = ["-o", str(hdf5)] if hdf5 else ["--no-hdf5"]
    cmd = [str(build / "sim/cli/podsim"), "run", str(scenario), *out_args, "--no-baseline", *extra]
    rc, wall, peak, out, err = run(cmd, limit)
    res = {"case": name, "tool": "podsim", "wall_s": wall, "peak_bytes": peak, "finished": rc == 0}
    m = re.search(r"wall time\s+([\d.]+) s building the platform, (\d+) actors alive at most", out)
    if m:
        res["platform_s"], res["peak_actors"] = float(m.group(1)), int(m.group(2))
    m = re.search(r"written in ([\d.]+) s\)", out)
    if m:
        res["hdf5_write_s"] = float(m.group(1))
    m = SIMULATED.search(out)
    if m:
        res["simulated_s"] = float(m.group(1))
        res["activities"] = int(m.group(2))
    m = re.search(r"sustained \(10-90 % window\)\s+([\d.]+) TB/s", out)
    if m:
        res["sustained_tbps"] = float(m.group(1))
    if rc is None:  # stopped: how far it got
        res["stopped"] = True
        prog = re.findall(r"simulated t = ([\d.]+) s, wall (\d+) s: (.*)", err)
        if prog:
            res["reached_s"], res["reached"] = float(prog[-1][0]), prog[-1][2].strip()
    elif rc != 0:
        res["error"] = err.strip().splitlines()[-1] if err.strip() else f"exit {rc}"
    return res


def bare_case(build, name, scenario, limit):
    rc, wall, peak, out, err = run([str(build / "bench/bare-burst"), str(scenario)], limit)
    res = {"case": name, "tool": "bare-simgrid", "wall_s": wall, "peak_bytes": peak, "finished": rc == 0}
    m = re.search(r"writers=(\d+) activities=(\d+) simulated_s=([\d.]+)", out)
    if m:
        res["writers"], res["activities"], res["simulated_s"] = int(m.group(1)), int(m.group(2)), float(m.group(3))
    return res


def sweep_case(build, limit, jobs):
    with tempfile.TemporaryDirectory() as d:
        cmd = [str(build / "sim/cli/podsim"), "sweep", str(BENCH / "sweeps/pod-eighth-200.yaml"), "-o", d, "-j", str(jobs)]
        rc, wall, peak, out, err = run(cmd, limit)
        done = len(list(Path(d).glob("points/p*.h5")))  # one per finished point (sweep.h5 is the merge)
    return {"case": "sweep-eighth-200", "tool": "podsim sweep -j %d" % jobs, "wall_s": wall, "peak_bytes": peak,
            "finished": rc == 0, "points_done": done}


def scaled_design(gpus, workdir):
    """Design 1 scaled to `gpus` GPUs: trays, C-nodes and enclosures in the pod's proportions."""
    text = (ROOT / "scenarios/designs/ncp-pod.yaml").read_text()
    counts = scaled_counts(gpus)
    for old, new in counts.items():
        text = text.replace(f"count: {old}}}", f"count: {new}}}")
    text = text.replace("../../topology/", str(ROOT / "topology") + "/")
    text = re.sub(r"name: ncp-pod\n", f"name: ncp-pod-{gpus}\n", text)
    path = Path(workdir) / f"ncp-pod-{gpus}.yaml"
    path.write_text(text)
    return path, counts


def scaled_scenario(gpus, workdir, coarse):
    """The pod-burst-nodes workload (one writer per tray, 1.74 GB each in 100 MiB chunks) at `gpus` GPUs;
    coarse: with the 1 ms time quantum, and as one of 18 slices where the pod divides into them."""
    design, counts = scaled_design(gpus, workdir)
    size_tb = 18.0 * (gpus // 4) / 10368
    model = "buffer_strips: rotate, writer_flows: merged"
    if coarse:
        trays, cnodes, dnodes = counts.values()
        slices = 18 if trays % (18 * 32) == 0 and cnodes % 18 == 0 and dnodes % 18 == 0 else 1
        model += f", time_quantum: 1 ms, slices: {slices}"
    path = Path(workdir) / f"burst-{gpus}-{'coarse' if coarse else 'exact'}.yaml"
    path.write_text(f"""scenario:
  name: bench-burst-{gpus}
  design: {design}
  placement: {{policy: round_robin, multipath: 1}}
  model: {{{model}}}
  phases:
    - checkpoint: {{size: {size_tb:.6f} TB, writers: one-per-node, chunk: 100 MiB, streams_per_writer: 1}}
  output: {{sample_interval: 100 ms}}
""")
    return path, counts




def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=str(ROOT / "build"), help="the CMake build folder (default: build)")
    ap.add_argument("--only", default="baseline,targets,scaling,sweep,breakdown,memory,migration,buffer-full,scale,validate",
                    help="comma-separated: baseline,targets,scaling,sweep,breakdown,memory,migration,buffer-full,scale,validate")
    ap.add_argument("--limit", type=float, default=900, help="wall seconds after which a run is stopped (default 900)")
    ap.add_argument("--jobs", type=int, default=2, help="sweep processes at once (default 2, the machine's cores)")
    ap.add_argument("--repeats", type=int, default=3, help="runs per breakdown, baseline and scale case; the median is shown (default 3)")
    ap.add_argument("--json", help="write every measurement here")
    ap.add_argument("--plot", help="write the scaling plot here (PNG)")
    a = ap.parse_args()
    build = Path(a.build).resolve()
    only = set(a.only.split(","))
    results = []
    today = time.strftime("%Y-%m-%d")
    log = lambda r: (results.append({**r, "measured": today}), print(json.dumps(r), file=sys.stderr, flush=True))

    if "baseline" in only or "targets" in only:
        # Both tools `repeats` times, alternating, so that a busy moment of the machine falls on both;
        # the tables take each one's median.
        for case in ("pod-burst-nodes", "pod-burst-gpus"):
            scen = BENCH / "scenarios" / f"{case}.yaml"
            for _ in range(a.repeats):
                log(bare_case(build, case, scen, a.limit))
                log(podsim_case(build, case, scen, a.limit))
        show(results, "perf-baseline", "Checkpoint burst, podsim against bare SimGrid")
    if "targets" in only:
        log(podsim_case(build, "three-sites-burst-drain", BENCH / "scenarios/three-sites-burst-drain.yaml", a.limit))
    if "sweep" in only:
        log(sweep_case(build, a.limit, a.jobs))
    if "targets" in only or "sweep" in only:
        show(results, "perf-targets", "Targets")

    if "scaling" in only:
        series = []
        with tempfile.TemporaryDirectory() as d:
            for coarse in (True, False):
                for gpus in bench_tables.SCALING_GPUS:
                    if gpus == 165888:
                        scen = BENCH / "scenarios/three-sites-burst-drain.yaml"
                        if not coarse:  # the same run without the coarse options
                            text = scen.read_text().replace(", time_quantum: 1 ms, slices: 18", "")
                            text = text.replace("../../scenarios/designs/", str(ROOT / "scenarios/designs") + "/")
                            scen = Path(d) / "three-sites-exact.yaml"
                            scen.write_text(text)
                    else:
                        scen, _ = scaled_scenario(gpus, d, coarse)
                    mode = "coarse" if coarse else "exact"
                    r = podsim_case(build, f"scaling-{gpus}-{mode}", scen, a.limit)
                    m = re.search(r"slices: (\d+)", Path(scen).read_text())
                    r["gpus"], r["mode"], r["slices"] = gpus, mode, int(m.group(1)) if m else 1
                    log(r)
                    series.append(r)
        show(results, "perf-scaling", "Scaling: one writer per tray, 100 MiB chunks (17 per writer)")
        if a.plot:
            plot(series, a.plot)

    if "breakdown" in only:
        breakdown(build, a.limit, log, a.repeats)
        show(results, "perf-breakdown", "Where the wall time goes")

    if "memory" in only:
        trace = []
        cmd = [str(build / "sim/cli/podsim"), "run", str(BENCH / "scenarios/pod-eighth-long.yaml"), "--no-hdf5"]
        rc, wall, peak, out, err = run(cmd, a.limit, rss_trace=trace)
        m = SIMULATED.search(out)
        log({"case": "memory-over-time", "tool": "podsim", "wall_s": wall, "peak_bytes": peak, "finished": rc == 0,
             "activities": int(m.group(2)) if m else None, "rss_trace": trace})
        show(results, "perf-memory", "Memory over time: pod-eighth-long.yaml")

    if "migration" in only:
        migration_cost(build, a.limit, log, a.repeats)
    if "buffer-full" in only:
        for design in bench_tables.BUFFER_FULL_DESIGNS:
            median_run(build, f"buffer-full-{design}", ROOT / f"scenarios/designs/{design}.yaml", a.limit, log, a.repeats,
                       extra=("--buffer-full",))
    if "migration" in only or "buffer-full" in only:
        show(results, "perf-migration", "What C-node migration costs in wall time")

    if "scale" in only:
        scale_targets(build, a.limit, log, a.repeats)
        show(results, "perf-scale", "Issue 22: every scenario of record at full scale")

    if "validate" in only:
        # Issue 19's target: the whole corpus (every row, the loose ones too) fitted and predicted
        # leave-one-system-out in <= 10 min on 2 cores.
        corpus = [str(ROOT / "scenarios/measured" / f) for f in ("throughput-runs.csv", "checkpoint-runs.csv")]
        cmd = [str(build / "sim/cli/podsim"), "validate", *corpus, "--loose", "--fit", "-j", str(a.jobs), "--quiet"]
        rc, wall, peak, out, err = run(cmd, a.limit)
        m = re.search(r"(\d+) rows simulated", out)
        log({"case": "validate-whole-corpus", "tool": "podsim validate --loose --fit -j %d" % a.jobs, "wall_s": wall,
             "peak_bytes": peak, "finished": rc == 0, "rows": int(m.group(1)) if m else None})
        show(results, "validate", "Validation corpus (target: <= 600 s)")

    if a.json:
        merge_into(Path(a.json), results)


def scale_targets(build, limit, log, repeats):
    """Issue 22's targets that the other sections do not measure: the 1 EB claim check, the full-pod
    enclosure loss (not sliceable), `podsim compare scenarios/designs/*.yaml` and the exact whole-pod
    burst with every writer its own flow (stopped at its 300 s target when it would run longer)."""
    podsim = str(build / "sim/cli/podsim")
    rc, wall, peak, out, err = run([podsim, "check", str(ROOT / "scenarios/designs/ncp-pod-1eb.yaml"), "-q"], limit)
    log({"case": "scale-1eb-claim-check", "tool": "podsim check", "wall_s": wall, "peak_bytes": peak, "finished": rc in (0, 1)})
    # Within a few seconds of its target and noisy on a shared machine: the median of `repeats` runs.
    walls = []
    log(median_run(build, "scale-enclosure-loss", ROOT / "scenarios/ncp-pod-enclosure-loss.yaml", limit,
                   lambda r: walls.append(round(r["wall_s"], 1)), repeats) | {"walls_s": walls})
    with tempfile.TemporaryDirectory() as d:
        designs = sorted(str(p) for p in (ROOT / "scenarios/designs").glob("*.yaml"))
        rc, wall, peak, out, err = run([podsim, "compare", *designs, "-o", str(Path(d) / "compare.h5"), "-j", "2", "-q"], limit)
    log({"case": "scale-compare-designs", "tool": "podsim compare -j 2", "wall_s": wall, "peak_bytes": peak,
         "finished": rc == 0, "designs": len(designs)})
    scen = BENCH / "scenarios/pod-burst-gpus.yaml"
    with scenario_variant(scen, "exact", lambda t: t.replace(", time_quantum: 1 ms, slices: 18", "")) as copy:
        log(podsim_case(build, "scale-exact-pod-burst-gpus", copy, min(limit, bench_tables.EXACT_BURST_LIMIT)))


def show(results, table, title):
    make = bench_tables.TABLES.get(table, bench_tables.validate_table)
    print(f"## {title}\n\n{make(results)}\n", flush=True)


def merge_into(path, results):
    """Writes the measurements into `path`: the cases measured now replace their old records, the
    others stay, each record with the date it was measured (docs/performance.md reads this file)."""
    old = json.loads(path.read_text()) if path.exists() else []
    measured = {r["case"] for r in results}
    path.write_text(json.dumps([r for r in old if r["case"] not in measured] + results, indent=1) + "\n")


@contextlib.contextmanager
def scenario_variant(scenario, tag, edit):
    """A copy of scenario with edit(text) applied, written beside it (so its relative paths hold)
    while the block runs, then removed."""
    copy = scenario.with_name(f".{scenario.stem}-{tag}.yaml")
    copy.write_text(edit(scenario.read_text()))
    try:
        yield copy
    finally:
        copy.unlink()


def median_run(build, name, scenario, limit, log, repeats, hdf5=None, extra=()):
    """The run of `repeats` whose wall time is the median (wall times on this machine vary by ~10 %)."""
    runs = []
    for _ in range(repeats):
        r = podsim_case(build, name, scenario, limit, extra=extra, hdf5=hdf5)
        if hdf5 is not None:
            r["h5_bytes"] = hdf5.stat().st_size if hdf5.exists() else 0
        log(r)
        runs.append(r)
    return sorted(runs, key=lambda r: r["wall_s"])[len(runs) // 2]




def migration_cost(build, limit, log, repeats=3):
    """What migration through the C-nodes costs in wall time: the README's bundled Design-1 run
    (scenarios/ncp-pod-checkpoint.yaml, the catalog's cnodes mode) against the same run with the design
    migrating inside the enclosures (tests/data/ncp-pod-checkpoint-enclosure.yaml, the model before
    issue 21), medians of `repeats`; and the bundled ingests, where migration binds: Design 1's 2 PB
    and both Design-2 ratios (issue 41: each at most 60 s and 1 GiB)."""
    base = median_run(build, "migration-enclosure", ROOT / "tests/data/ncp-pod-checkpoint-enclosure.yaml", limit, log,
                      repeats)
    cnodes = median_run(build, "migration-cnodes", ROOT / "scenarios/ncp-pod-checkpoint.yaml", limit, log, repeats)
    ratio = cnodes["wall_s"] / base["wall_s"] if base.get("finished") and cnodes.get("finished") else None
    log({"case": "migration-slowdown", "tool": "podsim", "ratio": ratio, "target": MIGRATION_SLOWDOWN_TARGET,
         "finished": ratio is not None})
    median_run(build, "migration-ingest", ROOT / "scenarios/ncp-pod-ingest.yaml", limit, log, repeats)
    for ratio, _ in bench_tables.DESIGN2_INGESTS:
        median_run(build, f"migration-ingest-maverick-{ratio}", ROOT / f"scenarios/maverick-{ratio}-ingest.yaml", limit,
                   log, repeats)


def breakdown(build, limit, log, repeats=3):
    """Where a pod-scale run's wall time goes: platform construction and the peak actor count (podsim's
    report), the monitor's sampling (the same run sampled every 10 ms, 100 ms and 10 s: a 10 s
    interval leaves at most one sample in the burst), writing the HDF5 file (timed by podsim run), and
    building the whole, unsliced platform (read from the progress line of a run stopped after it)."""
    for case in ("pod-burst-nodes", "pod-burst-gpus", "three-sites-burst-drain"):
        scen = BENCH / "scenarios" / f"{case}.yaml"
        with tempfile.TemporaryDirectory() as d:
            median_run(build, f"breakdown-{case}-100ms", scen, limit, log, repeats, hdf5=Path(d) / "run.h5")
        for interval in ("10 s", "10 ms"):
            tag = "sampled-" + interval.replace(" ", "")
            with scenario_variant(scen, tag, lambda t: t.replace("sample_interval: 100 ms", f"sample_interval: {interval}")) as copy:
                median_run(build, f"breakdown-{case}-{interval.replace(' ', '')}", copy, limit, log, repeats)
        whole_platform_build(build, scen, log)


def whole_platform_build(build, scenario, log):
    """Seconds to build the scenario's whole platform (no slices), from the progress line of a run
    stopped 30 s after it starts."""
    with scenario_variant(scenario, "whole", lambda t: re.sub(r",\s*slices: \d+", "", t)) as copy:
        rc, wall, peak, out, err = run([str(build / "sim/cli/podsim"), "run", str(copy), "--no-hdf5"], 30)
    m = re.search(r"platform built in ([\d.]+) s: (\d+) hosts, (\d+) links", err)
    if not m:
        return "?"
    log({"case": f"platform-{scenario.stem}-whole", "tool": "podsim", "platform_s": float(m.group(1)),
         "hosts": int(m.group(2)), "links": int(m.group(3))})
    return f"{float(m.group(1)):.2f} s ({m.group(2)} hosts, {m.group(3)} links)"


def plot(series, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(1, 2, figsize=(10, 4))
    for axis, key, label in ((ax[0], "wall_s", "wall time (s)"), (ax[1], "peak_bytes", "peak memory (GiB)")):
        scale = 1 / GIB if key == "peak_bytes" else 1
        for color, mode, name in (("C0", "coarse", "time quantum 1 ms + slices"), ("C1", "exact", "exact timing, whole pod")):
            runs = [r for r in series if r.get("mode") == mode]
            done = [r for r in runs if r.get("finished")]
            stopped = [r for r in runs if not r.get("finished")]
            axis.plot([r["gpus"] for r in done], [r[key] * scale for r in done], "o-", color=color, label=name)
            for r in done:
                if r.get("slices", 1) > 1:
                    axis.annotate(f"1 of {r['slices']} slices", (r["gpus"], r[key] * scale), textcoords="offset points",
                                  xytext=(6, -12), fontsize=8, color=color)
            if stopped:
                axis.plot([r["gpus"] for r in stopped], [r[key] * scale for r in stopped], "x", color=color,
                          markersize=9, label=f"{mode}: stopped at the time limit")
        axis.set_xscale("log")
        axis.set_yscale("log")
        bottom, top = axis.get_ylim()
        axis.set_ylim(bottom / 2, top * 30)  # headroom: the legend above the stopped runs, labels below the points
        axis.set_xlabel("GPUs (one writer per 4-GPU tray)")
        axis.set_ylabel(label)
        axis.grid(True, which="both", alpha=0.3)
        axis.legend()
    fig.suptitle("podsim checkpoint burst, 100 MiB chunks: wall time and peak memory against scale")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Regenerates the figures in docs/claim-check.md, docs/results-designs-of-record.md,
docs/results-ncp-pod.md, docs/design-facts.md, docs/performance.md (from bench/results.json), docs/sizing.md, docs/sweeps.md and docs/validation.md from runs and bundled sweeps (or from
the expected summaries ctest compares with runs).

No figure in those blocks is typed by hand: each block sits between
`<!-- begin generated: NAME -->` and `<!-- end generated: NAME -->` and is rewritten from
`podsim check --json` (claim-check) or `podsim compare --markdown` (designs-of-record).

    docs/regenerate.py --podsim build/sim/cli/podsim [--only claim-check|designs-of-record|competing-proposals|validation|...] [--check]

--check rewrites nothing: it exits 1 and prints a diff when a block differs from what the runs give
(ctest docs.*-current runs it for every block).
"""
import argparse
import csv
import difflib
import json
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
DESIGNS = ["ncp-pod", "maverick-420", "maverick-105"]
COMPARED = ["ncp-pod", "ncp-pod-1eb", "maverick-420", "maverick-105"]
# Competing proposals (issue 39) beside Design 1, each at the pod's scale and at 1,024 GPUs.
PROPOSALS = ["ncp-pod", "lustre-appliance-pod", "weka-pod", "lustre-appliance-1024", "weka-1024"]


def check_json(podsim, design):
    out = subprocess.run([podsim, "check", str(ROOT / "scenarios/designs" / f"{design}.yaml"), "--json", "-q"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def claim_check_block(podsim):
    lines = ["| design | claim | claimed | simulated | max-flow bound | sourced-only ceiling | resolution | verdict |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    needs = []
    for design in DESIGNS:
        for c in check_json(podsim, design)["claims"]:
            res = f"±{100 * c['resolution']:.1f} %" if c.get("resolution") else "-"
            lines.append(f"| {design} | {c['claim']} | {c['claimed']} | {c['simulated']} | {c['bound']} | "
                         f"{c.get('sourced_ceiling') or '-'} | {res} | {c['verdict']} |")
            for r in c.get("requirements", []):
                needs.append(f"- {design}, {c['claim']}: {r}")
    lines += ["", "What each assumed figure must at least be, alone (`needs`):", ""] + needs
    return "\n".join(lines)


KEEP = {}  # --keep DIR: the designs-of-record comparison stays in DIR (ctest's summary test reads it)


def designs_block(podsim, designs=COMPARED, keep=True):
    with tempfile.TemporaryDirectory() as work:
        work = KEEP.get("dir", work) if keep else work
        pathlib.Path(work).mkdir(parents=True, exist_ok=True)
        files = [str(ROOT / "scenarios/designs" / f"{d}.yaml") for d in designs]
        files.append(str(ROOT / "scenarios/designs/object-store-baseline.yaml"))
        out = subprocess.run([podsim, "compare", *files, "-o", str(pathlib.Path(work).resolve() / "compare.h5"),
                              "--markdown", "-", "-j", "2", "-q", "--sustained"], check=True, capture_output=True, text=True).stdout
    # The last paragraph names the temporary run files: keep the table only.
    return "\n".join(line for line in out.splitlines() if line.startswith("|"))


def summary_of(name):
    """A bundled scenario's expected summary (ctest compares it with a fresh run): key -> (value, unit)."""
    out = {}
    for line in (ROOT / "scenarios/expected" / f"{name}.summary").read_text().splitlines():
        key, _, rest = line.partition(": ")
        value, _, unit = rest.partition(" ")
        out[key] = (value, unit)
    return out


def multi_site_block(_podsim):
    rows = ["| scenario | figure | value |", "| --- | --- | --- |"]
    wanted = {
        "three-sites-drain": ["design.gpus", "design.usable_capacity", "design.racks", "design.fabric_racks",
                              "design.power_typical", "site.site-a.wan", "object_store.ingress", "drain-1.bytes",
                              "drain-1.site.site-a.completion", "drain-1.site.site-b.completion",
                              "drain-1.site.site-c.completion", "drain-1.sustained", "bound.drain", "drain-1.bottleneck"],
        "three-sites-maverick-drain": ["design.gpus", "design.usable_capacity", "design.racks", "design.fabric_racks",
                                       "design.power_typical", "site.site-a.wan", "object_store.ingress", "drain-1.bytes",
                                       "drain-1.site.site-a.completion", "drain-1.site.site-b.completion",
                                       "drain-1.site.site-c.completion", "drain-1.sustained", "bound.drain",
                                       "drain-1.bottleneck"],
        "three-sites-burst": ["design.gpus", "checkpoint-1.bytes", "checkpoint-1.completion", "checkpoint-1.sustained",
                              "bound.write_burst", "checkpoint-1.bottleneck", "drain-2.site.site-a.completion",
                              "drain-2.site.site-b.completion", "drain-2.site.site-c.completion", "drain-2.bottleneck"],
        "small-sites": ["design.gpus", "checkpoint-1.bytes", "checkpoint-1.completion", "checkpoint-1.sustained",
                        "checkpoint-1.bottleneck", "drain-2.site.site-a.completion", "drain-2.site.site-b.completion",
                        "drain-2.site.site-c.completion", "bound.drain", "drain-2.bottleneck"],
    }
    for name, keys in wanted.items():
        s = summary_of(name)
        for k in keys:
            value, unit = s[k]
            rows.append(f"| {name} | {k} | {value} {unit}".rstrip() + " |")
    return "\n".join(rows)


def ingests_block(_podsim):
    """The bundled continuous writes through the buffer switch, one column per design of record,
    from their expected summaries (ctest runs each and compares)."""
    runs = [("ncp-pod", "ncp-pod-ingest"), ("maverick-420", "maverick-420-ingest"), ("maverick-105", "maverick-105-ingest")]
    rows = [("bytes written", "checkpoint-1.bytes"), ("burst, while the buffer absorbs", "writes.burst"),
            ("burst binds at", "writes.burst_bottleneck"), ("buffer first full at", "writes.switch_at"),
            ("write once the buffer is full, simulated", "writes.buffer_full"),
            ("buffer-full binds at", "writes.buffer_full_bottleneck"),
            ("write once the buffer is full, closed form", "bound.write_sustained"),
            ("closed form binds at", "bound.write_sustained_limit"), ("migration started at", "writes.migration_start")]
    summaries = [summary_of(name) for _, name in runs]
    out = ["| figure | " + " | ".join(f"{d} (`{n}`)" for d, n in runs) + " |",
           "| --- | " + " | ".join("---:" for _ in runs) + " |"]
    for label, key in rows:
        cells = []
        for s in summaries:
            value, unit = s[key]
            cells.append(f"{value} {unit}".strip())
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    gap = []
    for s in summaries:
        sim, closed = float(s["writes.buffer_full"][0]), float(s["bound.write_sustained"][0])
        gap.append(f"{100 * (sim - closed) / closed:+.1f} %")
    out.append("| simulated vs closed form | " + " | ".join(gap) + " |")
    return "\n".join(out)


def wan_outage_block(_podsim):
    """The bundled WAN outages side by side, from their expected summaries."""
    names = ["small-pod-wan-outage", "ncp-pod-wan-outage"]
    rows = [("link down from", "fault-1.wan_outage.at"), ("link back at", "fault-1.wan_outage.end"),
            ("checkpoints, one every", "training-1.interval"), ("checkpoints", "training-1.checkpoints"),
            ("backlog when the link went down", "fault-1.wan_outage.backlog_at_start"),
            ("backlog when it came back", "fault-1.wan_outage.backlog_at_end"),
            ("backlog at its peak", "fault-1.wan_outage.backlog_max"),
            ("local space for checkpoints (assumed)", "fault-1.wan_outage.local_free"),
            ("headroom at the backlog's peak", "fault-1.wan_outage.headroom"),
            ("local space outgrown at", "fault-1.wan_outage.local_full_at"),
            ("an outage this long fills the local space", "fault-1.wan_outage.outage_to_full"),
            ("catch-up after the link returns", "fault-1.wan_outage.catch_up"),
            ("drain into the store before / during / after", None),
            ("checkpoints before / overlapping / after the outage (their bytes over their times)", None),
            ("client throughput in whole samples before / during / after", None),
            ("training time lost to the outage", "training-1.fault_time_lost"),
            ("checkpoints longer than their interval", "faults.missed_intervals")]
    triples = {"drain into the store before / during / after": "fault-1.wan_outage.drain_",
               "checkpoints before / overlapping / after the outage (their bytes over their times)": "fault-1.wan_outage.",
               "client throughput in whole samples before / during / after": "fault-1.wan_outage.window_"}
    sums = [summary_of(n) for n in names]

    def cell(s, label, key):
        if key is None:
            parts = [s.get(triples[label] + w) for w in ("before", "during", "after")]
            unit = next((p[1] for p in parts if p), None)
            return " / ".join(p[0] if p else "-" for p in parts) + f" {unit}" if unit else "-"
        return " ".join(s[key]) if key in s else "-"

    out = ["| figure | " + " | ".join(f"`{n}`" for n in names) + " |", "| --- |" + " --- |" * len(names)]
    for label, key in rows:
        out.append(f"| {label} | " + " | ".join(cell(s, label, key) for s in sums) + " |")
    return "\n".join(out)


def data_movement_block(_podsim):
    """The three movement strategies on both designs of record, from the bundled runs' expected summaries."""
    designs = [("Design 1", "movement-ncp-pod"), ("Design 2", "movement-maverick")]
    moves = [("18 TB checkpoint to the store", {"storage mover": "drain-1", "copy hosts": "drain-2",
                                                 "service copy": "drain-3"}),
             ("1 PB dataset from the store", {"storage mover": "fetch-4", "copy hosts": "fetch-5"})]
    rows = [("time to move", "completion"), ("rate", "sustained"), ("WAN utilisation", "movement.wan_utilization"),
            ("bottleneck (engine)", "bottleneck"), ("binding ceiling (model)", "movement.ceiling_by"),
            ("request, round trip", None), ("streams", "movement.streams"),
            ("streams for the target", "movement.streams_for_target"),
            ("copy hosts for the target", "movement.hosts_for_target"),
            ("accounts for the target", "movement.accounts_for_target"),
            ("C-node CPU (all C-nodes)", "movement.cnode_cpu"), ("copy-host CPU", "movement.copy_host_cpu")]
    sums = {name: summary_of(name) for _, name in designs}
    strategies = ["storage mover", "copy hosts", "service copy"]
    out = []
    for title, phases in moves:
        cols = [(d, name, st) for d, name in designs for st in strategies]
        out.append(f"**{title}**, target {' '.join(sums[designs[0][1]][phases['storage mover'] + '.movement.target'])}")
        out.append("")
        out.append("| figure | " + " | ".join(f"{d}: {st}" for d, _, st in cols) + " |")
        out.append("| --- |" + " --- |" * len(cols))
        for label, key in rows:
            cells = []
            for _, name, st in cols:
                phase, s = phases.get(st), sums[name]
                if phase is None:
                    cells.append("no such copy")
                elif key is None:
                    cells.append(f"{' '.join(s[phase + '.movement.request'])}, {' '.join(s[phase + '.movement.round_trip'])}")
                else:
                    cells.append(" ".join(s[f"{phase}.{key}"]).strip() if f"{phase}.{key}" in s else "-")
            out.append(f"| {label} | " + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out).rstrip()


def ncp_pod_block(_podsim):
    s = summary_of("ncp-pod-checkpoint")
    rows = [("usable capacity", "design.usable_capacity"), ("checkpoint bytes", "checkpoint-1.bytes"),
            ("checkpoint write, burst (10-90 % window; the 18 TB fits in the buffer)", "checkpoint-1.sustained"),
            ("write max-flow bound", "bound.write_burst"), ("last rank done", "checkpoint-1.completion"),
            ("median rank done", "checkpoint-1.writer_p50"), ("write bottleneck", "checkpoint-1.bottleneck"),
            ("write bottleneck, busy", "checkpoint-1.bottleneck_utilization"),
            ("write runner-up", "checkpoint-1.runner_up"), ("write runner-up headroom", "checkpoint-1.runner_up_headroom"),
            ("write buffer drained, after the start", "checkpoint-1.buffer_drained"),
            ("destage bound", "bound.destage"), ("pre-staging read, sustained", "prestage-2.sustained"),
            ("read max-flow bound", "bound.read"), ("read bottleneck", "prestage-2.bottleneck"),
            ("read runner-up", "prestage-2.runner_up"), ("read runner-up headroom", "prestage-2.runner_up_headroom")]
    out = ["| figure | simulated | summary key |", "| --- | --- | --- |"]
    for label, key in rows:
        value, unit = s[key]
        out.append(f"| {label} | {value} {unit}".rstrip() + f" | `{key}` |")
    return "\n".join(out)


def validation_json(podsim):
    # Paths relative to the repository, so a skip reason never carries where the clone lives.
    files = [f"scenarios/measured/{f}" for f in ("throughput-runs.csv", "checkpoint-runs.csv")]
    out = subprocess.run([str(pathlib.Path(podsim).resolve()), "validate", *files, "--fit", "--json", "-q"],
                         check=True, capture_output=True, text=True, cwd=ROOT).stdout
    return json.loads(out)


def validation_plot(report, path):
    """Predicted (fitted, and leaving the row's system out) against measured, log-log, one point a row."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    rows = [r for r in report["rows"] if "predicted_GBps" in r and r["training"]]
    fig, ax = plt.subplots(figsize=(6.4, 5.6))
    m = [r["measured_GBps"] for r in rows]
    ax.scatter(m, [r["capability_GBps"] for r in rows], s=10, color="0.6", label="fitted on all systems")
    for stated, marker, label in ((True, "o", "left out of the fit: client NICs stated"),
                                  (False, "x", "left out of the fit: client NICs unstated (IO500)")):
        sub = [r for r in rows if r["client_stated"] == stated]
        ax.scatter([r["measured_GBps"] for r in sub], [r["loso_GBps"] for r in sub], s=22, marker=marker, label=label)
    lo, hi = min(m) / 2, max(m) * 2
    ax.plot([lo, hi], [lo, hi], color="grey", lw=0.8)
    for f in (0.5, 2):
        ax.plot([lo, hi], [lo * f, hi * f], color="grey", lw=0.5, ls=":")
    ax.set(xscale="log", yscale="log", xlim=(lo, hi), ylim=(lo, hi), xlabel="measured (GB/s)",
           ylabel="capability predicted by podsim (GB/s)", title="podsim validate --fit: published runs")
    ax.legend(loc="upper left")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def validation_block(podsim, check=False):
    rep = validation_json(podsim)
    if not check:
        validation_plot(rep, ROOT / "docs/validation-predicted-vs-measured.png")

    def pct(v):
        return f"{100 * v:.0f} %"

    def stats(name, s):
        return f"| {name} | {s['rows']} | {pct(s['median_abs_error'])} | {pct(s['p90_abs_error'])} | " \
               f"{pct(s['worst_abs_error'])} | {s['mean_ratio']:.2f} |"

    out = ["| error over the training rows | rows | median abs | 90th percentile | worst | predicted / measured (geometric mean) |",
           "| --- | ---: | ---: | ---: | ---: | ---: |",
           stats("fitted on all systems (in sample)", rep["error"]),
           stats("leave-one-system-out (the prediction error)", rep["error_leave_one_system_out"]),
           stats("leave-one-system-out, rows with client NICs stated (complete hardware)",
                 rep["error_leave_one_system_out_client_stated"])]
    # Every row in one group of each split, none left out: by benchmark family, by what bound the
    # capability (storage, network, client), by file-system class, by transport.
    for key in ("benchmark", "bound", "fs_class", "transport"):
        for k, s in sorted(rep.get(f"error_by_{key}_loso", {}).items()):
            out.append(stats(f"left out, {key.replace('_', ' ')} {k}", s))
    out += ["", "| row | system | op | client NICs | measured GB/s | capability, fitted | left out | bottleneck | bound |",
            "| --- | --- | --- | --- | ---: | ---: | ---: | --- | --- |"]
    skipped = {}
    for r in rep["rows"]:
        if "skipped" in r:
            skipped[r["skipped"]] = skipped.get(r["skipped"], 0) + 1
            continue
        out.append(f"| {r['id']} | {r['system']} | {r['op']} | {'stated' if r['client_stated'] else 'unstated'} | "
                   f"{r['measured_GBps']:.4g} | {r['predicted_GBps']:.4g} "
                   f"({100 * r['error']:+.0f} %) | {r['loso_GBps']:.4g} ({100 * r['loso_error']:+.0f} %) | {r['bottleneck']} | "
                   f"{r['bound_kind']} |")
    out += ["", f"Skipped, the figure the model needs named ({sum(skipped.values())} rows):", ""]
    out += [f"- {why}: {n}" for why, n in sorted(skipped.items())]
    out += ["", "| fitted knob | stage | value | sigma of ln | status |", "| --- | ---: | ---: | ---: | --- |"]
    for k in rep.get("knobs", []):
        value = f"{k['value'] / 1e9:.3g} GB/s" if k["unit"] == "B/s" else f"{k['value']:.3g}"
        out.append(f"| `{k['name']}` | {k['stage']} | {value} | {k['sigma_ln']:.2f} | {k['status']} |")
    return "\n".join(out)


def shared_knobs_block(podsim):
    """The designs of record with the catalog's figures and with the fitted shared knobs applied."""
    knobs = str(ROOT / "topology/catalog/shared-knobs.yaml")
    out = ["| design | claim | catalog figures: simulated | limited by | with the shared knobs: simulated | limited by |",
           "| --- | --- | --- | --- | --- | --- |"]
    for design in DESIGNS:
        path = str(ROOT / "scenarios/designs" / f"{design}.yaml")
        runs = []
        for extra in ([], ["--profile", knobs, "--samples", "0"]):
            res = subprocess.run([podsim, "check", path, "--json", "-q", *extra], check=True, capture_output=True,
                                 text=True).stdout
            runs.append({c["claim"]: c for c in json.loads(res)["claims"]})
        for claim in ("write", "read"):
            a, b = runs[0].get(claim), runs[1].get(claim)
            if a and b:
                out.append(f"| {design} | {claim} | {a['simulated']} | {a.get('limited_by', '-')} | {b['simulated']} | "
                           f"{b.get('limited_by', '-')} |")
    return "\n".join(out)


def bundled_sweep(podsim, name, work):
    """Runs scenarios/sweeps/NAME.yaml into WORK/sweep and returns that folder; a failed point fails the
    sweep's exit status, so every point of a returned folder is done."""
    out = pathlib.Path(work) / "sweep"
    subprocess.run([podsim, "sweep", str(ROOT / "scenarios/sweeps" / f"{name}.yaml"), "-o", str(out), "-j", "2", "-q"],
                   check=True, capture_output=True)
    return out


def buffer_cadence_block(podsim):
    """The bundled buffer-sizing sweep (buffer SSDs per enclosure x compute interval), one row per point."""
    with tempfile.TemporaryDirectory() as work:
        with open(bundled_sweep(podsim, "ncp-pod-buffer-cadence", work) / "sweep.csv", newline="") as f:
            points = list(csv.DictReader(f))

    def cell(p, key, fmt):
        v = p.get(key, "")
        return fmt % float(v) if v not in ("", None) else "-"
    out = ["| buffer SSDs per enclosure | compute interval | first checkpoint | longest stall | time lost | "
           "burst TB/s | buffer full at | buffer-full TB/s (simulated) | migration starts |",
           "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for p in points:
        out.append(f"| {p['design.dnodes.buffer_ssds']} | {p['phases[0].training.interval']} | "
                   f"{cell(p, 'training-1.checkpoint-1.completion (s)', '%.2f s')} | "
                   f"{cell(p, 'training-1.stall_max (s)', '%.2f s')} | {cell(p, 'training-1.time_lost (%)', '%.2f %%')} | "
                   f"{cell(p, 'writes.burst (TB/s)', '%.2f')} | {cell(p, 'writes.switch_at (s)', '%.0f s')} | "
                   f"{cell(p, 'writes.buffer_full (TB/s)', '%.2f')} | {cell(p, 'writes.migration_start (s)', '%.0f s')} |")
    return "\n".join(out)


def sweep_summary_block(podsim):
    """`podsim sweep summary` of the bundled small-pod sweep, its first axis."""
    with tempfile.TemporaryDirectory() as work:
        text = subprocess.run([podsim, "sweep", "summary", str(bundled_sweep(podsim, "small-pod-cnodes", work))],
                              check=True, capture_output=True, text=True).stdout
    lines = [line.rstrip() for line in text.splitlines()]
    first = next(i for i, line in enumerate(lines) if line.startswith("axis "))
    end = next((i for i in range(first + 1, len(lines)) if not lines[i].startswith(" ")), len(lines))
    return "```\n" + "\n".join(lines[first:end]) + "\n```"


def sizing_block(podsim):
    """`podsim size` answering the D-node question on Design 1: how many enclosures for 5 TB/s of writes."""
    with tempfile.TemporaryDirectory() as work:
        text = subprocess.run([str(pathlib.Path(podsim).resolve()), "size", str(ROOT / "scenarios/designs/ncp-pod.yaml"), "--target", "write_burst=5TB/s",
                               "--vary", "dnodes.count", "-o", "ncp-pod-sized.yaml", "-q"],
                              check=True, capture_output=True, text=True, cwd=work).stdout
    return "```\n$ podsim size scenarios/designs/ncp-pod.yaml --target write_burst=5TB/s --vary dnodes.count -o ncp-pod-sized.yaml\n" + \
        text.replace(str(ROOT) + "/", "").rstrip() + "\n```"


FACT_DESIGNS = ["ncp-pod", "maverick-420", "maverick-105", "ncp-pod-1eb", "three-sites"]


def design_facts_block(podsim):
    """Capacity, racks and power by side from `podsim design` (no simulation); tests/design_test.cpp pins them."""
    lines = ["| design | usable | raw | storage racks (of which spine) | storage power, typical / max | "
             "compute-fabric spine racks | compute-fabric power, typical / max |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for design in FACT_DESIGNS:
        text = subprocess.run([podsim, "design", str(ROOT / "scenarios/designs" / f"{design}.yaml")],
                              check=True, capture_output=True, text=True).stdout

        def field(label, pattern, default="-"):  # the first line with this label: a layout's totals come first
            m = re.search(rf"^  {label} +{pattern}", text, re.M)
            return m.groups() if m else (default,) * re.compile(pattern).groups

        usable, = field("usable capacity", r"([\d.]+ [PE]B)")
        raw, = field("raw capacity", r"([\d.]+ [PE]B)") if text.startswith("design ") else ("-",)  # per site only
        racks, spine = field("storage racks", r"(\d+)\b.*?of which (\d+) spine")
        typ, mx = field("storage power", r"([\d.]+) kW typical, ([\d.]+) kW max")
        frk, ftyp, fmx = field("compute fabric", r"(\d+) spine racks, ([\d.]+) kW typical, ([\d.]+) kW max")
        lines.append(f"| `{design}.yaml` | {usable} | {raw} | {racks} ({spine}) | {typ} / {mx} kW | {frk} | {ftyp} / {fmx} kW |")
    return "\n".join(lines)


def perf_block(table):
    """A table of docs/performance.md, from the benchmark's measurements (bench/results.json)."""
    def make(_podsim):
        sys.path.insert(0, str(ROOT / "bench"))
        import bench_tables
        return bench_tables.TABLES[table](json.loads((ROOT / "bench/results.json").read_text()))
    return make


BLOCKS = {
    "design-facts": (ROOT / "docs/design-facts.md", design_facts_block),
    "sizing": (ROOT / "docs/sizing.md", sizing_block),
    "sweep-summary": (ROOT / "docs/sweeps.md", sweep_summary_block),
    "buffer-cadence": (ROOT / "docs/results-ncp-pod.md", buffer_cadence_block),
    "claim-check": (ROOT / "docs/claim-check.md", claim_check_block),
    "designs-of-record": (ROOT / "docs/results-designs-of-record.md", designs_block),
    "competing-proposals": (ROOT / "docs/results-designs-of-record.md",
                            lambda podsim: designs_block(podsim, PROPOSALS, keep=False)),
    "multi-site": (ROOT / "docs/results-designs-of-record.md", multi_site_block),
    "ingests": (ROOT / "docs/results-designs-of-record.md", ingests_block),
    "data-movement": (ROOT / "docs/results-designs-of-record.md", data_movement_block),
    "ncp-pod": (ROOT / "docs/results-ncp-pod.md", ncp_pod_block),
    "wan-outage": (ROOT / "docs/faults.md", wan_outage_block),
    "validation": (ROOT / "docs/validation.md", validation_block),
    "shared-knobs": (ROOT / "docs/validation.md", shared_knobs_block),
    **{name: (ROOT / "docs/performance.md", perf_block(name)) for name in
       ("perf-targets", "perf-baseline", "perf-scaling", "perf-breakdown", "perf-memory", "perf-migration", "perf-scale",
        "perf-validate")},
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--podsim", default=str(ROOT / "build/sim/cli/podsim"))
    ap.add_argument("--only", choices=sorted(BLOCKS) + ["performance"], help="one block, or 'performance': every perf-* block")
    ap.add_argument("--check", action="store_true", help="compare, do not rewrite")
    ap.add_argument("--keep", help="designs-of-record: keep the comparison (compare.h5 and its runs) in this folder")
    args = ap.parse_args()
    if args.keep:
        KEEP["dir"] = args.keep
    stale = False
    names = sorted(BLOCKS) if not args.only else [b for b in sorted(BLOCKS) if b.startswith("perf-")] \
        if args.only == "performance" else [args.only]
    for name in names:
        path, make = BLOCKS[name]
        text = path.read_text()
        pattern = re.compile(rf"(<!-- begin generated: {name} -->\n)(.*?)(\n<!-- end generated: {name} -->)", re.S)
        m = pattern.search(text)
        if not m:
            sys.exit(f"{path}: no block '<!-- begin generated: {name} -->' ... '<!-- end generated: {name} -->'")
        block = make(args.podsim, check=True) if name == "validation" and args.check else make(args.podsim)
        if block == m.group(2):
            print(f"{path.name}: {name} is current")
            continue
        if args.check:
            stale = True
            print(f"{path.name}: {name} differs from the runs (docs/regenerate.py --only {name} rewrites it):")
            sys.stdout.writelines(difflib.unified_diff(m.group(2).splitlines(True), block.splitlines(True),
                                                       "documented", "from the runs"))
            print()
            continue
        path.write_text(text[:m.start(2)] + block + text[m.end(2):])
        print(f"{path.name}: {name} regenerated")
    sys.exit(1 if stale else 0)


if __name__ == "__main__":
    main()

"""The report of a sweep file (schema podsim-sweep-1): each varied axis against the headline
figures (each phase's sustained TB/s, mean over the other axes), the knees marked where the
bottleneck changes, and the points with their status."""
import numpy as np

from h5read import attr, require, strings
from html_page import Page, fmt, plt, slug


def axis_figure(page, g):
    axis = attr(g, "axis")
    labels = list(strings(g["label"]))
    x = g["x"][()]
    numeric = np.all(np.isfinite(x)) and len(set(x)) == len(x)
    pos = x if numeric else np.arange(len(labels), dtype=float)
    phases = list(strings(g["phase"]))
    sustained = g["sustained"][()]
    bottleneck = strings(g["bottleneck"])
    fig, ax = plt.subplots(figsize=(10, 3.8))
    for p, phase in enumerate(phases):
        ax.plot(pos, sustained[p], marker="o", label=f"{phase} sustained")
    changes = zip(*(strings(g[n]) for n in ("change_kind", "change_phase", "change_from", "change_to")),
                  g["change_group"][()].astype(int))
    knees = []
    notes = {}  # x of a marked change -> its lines, so knees at one place share one label
    for kind, phase, frm, to, k in changes:
        if kind == "knee":
            mid = (pos[k - 1] + pos[k]) / 2
            ax.axvline(mid, color="#b00020", ls="--", lw=1)
            notes.setdefault(mid, []).append(f"{phase}: {frm} -> {to}")
            knees.append(f"knee ({phase}): the bottleneck moves from {frm} to {to} between {labels[k - 1]} and {labels[k]}")
        else:
            ax.axvline(pos[k], color="#d94801", ls=":", lw=1)
            knees.append(f"co-bottleneck ({phase}): {to} as saturated as {frm} at {labels[k]}")
    ax.set_ylim(0, np.nanmax(sustained) * (1.25 + 0.12 * max((len(v) for v in notes.values()), default=0)))
    for mid, lines in notes.items():
        ax.annotate("knee\n" + "\n".join(lines), (mid, ax.get_ylim()[1]), fontsize=7, color="#b00020", ha="center",
                    va="top", xytext=(0, -3), textcoords="offset points",
                    bbox={"boxstyle": "round", "fc": "white", "ec": "#b00020", "lw": 0.5})
    if not numeric:
        ax.set_xticks(pos)
        ax.set_xticklabels(labels, rotation=15, ha="right", fontsize=8)
    ax.set_xlabel(axis)
    ax.set_ylabel("sustained (TB/s)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="lower right")
    ax.set_title(f"{axis}: headline figures (mean over the other axes)", fontsize=10)
    page.figure(fig, f"fig-axis-{slug(axis)}", "axis",
                f"{axis} against each phase's sustained rate; red dashes: the knee, where the bottleneck changes.",
                axis=axis)
    rows = []
    for i, label in enumerate(labels):
        row = [label]
        for p in range(len(phases)):
            row += [{"value": float(sustained[p, i]), "key": f"{axis}={label}/{phases[p]}.sustained"}, bottleneck[p, i]]
        rows.append(row)
    header = [axis] + [h for p in phases for h in (f"{p} TB/s", f"{p} bottleneck")]
    page.table(header, rows)
    for k in knees:
        page.paragraph(k)


def render(f, path, progress):
    g = require(f, "sweep")
    name = attr(g, "name")
    page = Page(f"podsim sweep: {name}")
    status = list(strings(g["status"]))
    done = status.count("done")
    page.paragraph(f"{path}: {len(status)} points ({attr(g, 'mode')}), {done} done, {len(status) - done} failed; "
                   f"sweep file {attr(g, 'sweep_file')}.", cls="lede")
    page.heading("Axes", anchor="axes")
    views = g["by_axis"] if "by_axis" in g else {}
    if not len(views):
        page.paragraph("No axis takes more than one value among the finished points.")
    for k in sorted(views, key=int):
        progress(f"axis {int(k) + 1}/{len(views)}")
        axis_figure(page, views[k])
    page.heading("Points", anchor="points")
    axes = list(strings(g["axis"]))
    values = strings(g["axis_value"])
    keys = list(strings(g["figure_key"]))
    units = list(strings(g["figure_unit"]))
    figures = g["figure"][()]
    shown = [i for i, k in enumerate(keys) if k.endswith(".sustained") or k.endswith(".completion")]
    rows = []
    for n in range(len(status)):
        row = [str(int(g["point"][n])), status[n]] + list(values[n])
        row += [{"value": float(figures[n, i]), "key": f"point{n}/{keys[i]}"} for i in shown]
        rows.append(row)
    page.table(["point", "status"] + axes + [f"{keys[i]} ({units[i]})" for i in shown], rows)
    return page

"""The report of a sweep file (schema podsim-sweep-1): each varied axis against the headline
figures (each phase's sustained TB/s, mean over the other axes, with a thin curve per slice of the
other axes so an average never hides a slice), the knees marked where the bottleneck changes, a
heatmap per phase for a two-axis grid (every cell its value and bottleneck), and the points with
their status and bottlenecks."""
import numpy as np

from h5read import attr, require, strings
from html_page import Page, fmt, plt, slug


def axis_figure(page, g, sweep):
    axis = attr(g, "axis")
    labels = list(strings(g["label"]))
    x = g["x"][()]
    numeric = np.all(np.isfinite(x)) and len(set(x)) == len(x)
    pos = x if numeric else np.arange(len(labels), dtype=float)
    phases = list(strings(g["phase"]))
    sustained = g["sustained"][()]
    bottleneck = strings(g["bottleneck"])
    fig, ax = plt.subplots(figsize=(10, 3.8))
    top = float(np.nanmax(sustained))
    for p, phase in enumerate(phases):
        top = max(top, slice_curves(ax, sweep, axis, pos, labels, p))
        ax.plot(pos, sustained[p], marker="o", label=f"{phase} sustained (mean)")
    names = ("change_kind", "change_phase", "change_from", "change_to")
    slices = strings(g["change_slices"]) if "change_slices" in g else [""] * len(g["change_group"])
    changes = zip(*(strings(g[n]) for n in names), g["change_group"][()].astype(int), slices)
    knees = []
    notes = {}  # x of a marked change -> its lines, so knees at one place share one label
    for kind, phase, frm, to, k, where in changes:
        where = f" (in the slices {where})" if where else ""
        if kind == "knee":
            mid = (pos[k - 1] + pos[k]) / 2
            ax.axvline(mid, color="#b00020", ls="--", lw=1)
            notes.setdefault(mid, []).append(f"{phase}: {frm} -> {to}")
            knees.append(f"knee ({phase}): the bottleneck moves from {frm} to {to} between {labels[k - 1]} and {labels[k]}{where}")
        else:
            ax.axvline(pos[k], color="#d94801", ls=":", lw=1)
            knees.append(f"co-bottleneck ({phase}): {to} as saturated as {frm} at {labels[k]}{where}")
    ax.set_ylim(0, top * (1.25 + 0.12 * max((len(v) for v in notes.values()), default=0)))
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
    ax.set_title(f"{axis}: headline figures (mean over the other axes; thin lines: each slice)", fontsize=10)
    page.figure(fig, f"fig-axis-{slug(axis)}", "axis",
                f"{axis} against each phase's sustained rate, the mean and each slice of the other axes; "
                "red dashes: the knee, where the bottleneck changes.",
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


def varied_axes(g):
    """Indices of the axes that take more than one value among the points (one-value axes are overrides)."""
    values = strings(g["axis_value"])
    return [a for a in range(values.shape[1]) if len(set(values[:, a])) > 1]


def sustained_phases(g):
    """(phase, figure column) of each phase's sustained rate."""
    keys = list(strings(g["figure_key"]))
    return [(k[: -len(".sustained")], i) for i, k in enumerate(keys) if k.endswith(".sustained")]


def text_of(g, key):
    keys = list(strings(g["text_key"]))
    return strings(g["text"])[:, keys.index(key)] if key in keys else None


def short(bottleneck):
    """'dnode_controller write' -> 'dnode_controller': what fits in a heatmap cell."""
    return str(bottleneck).split(" ")[0] if bottleneck else ""


def heatmaps(page, g):
    """A two-axis grid: each phase's sustained rate as a heatmap, each cell with its value and bottleneck."""
    varied = varied_axes(g)
    if len(varied) != 2 or attr(g, "mode") != "grid":
        return
    axes = list(strings(g["axis"]))
    values = strings(g["axis_value"])
    status = list(strings(g["status"]))
    figures = g["figure"][()]
    a, b = varied
    rows_v = list(dict.fromkeys(values[:, a]))
    cols_v = list(dict.fromkeys(values[:, b]))
    page.heading("Two-axis grid", anchor="grid")
    for phase, col in sustained_phases(g):
        grid = np.full((len(rows_v), len(cols_v)), np.nan)
        label = [["" for _ in cols_v] for _ in rows_v]
        bott = text_of(g, f"{phase}.bottleneck")
        for n in range(len(status)):
            i, j = rows_v.index(values[n, a]), cols_v.index(values[n, b])
            if status[n] == "done":
                grid[i, j] = figures[n, col]
                label[i][j] = f"{fmt(float(figures[n, col]))}\n{short(bott[n]) if bott is not None else ''}"
            else:
                label[i][j] = status[n]
        fig, ax = plt.subplots(figsize=(min(10, 2 + 1.6 * len(cols_v)), 1.2 + 0.7 * len(rows_v)))
        im = ax.imshow(grid, cmap="viridis", aspect="auto")
        for i in range(len(rows_v)):
            for j in range(len(cols_v)):
                v = grid[i, j]
                dark = np.isfinite(v) and v < np.nanmin(grid) + 0.6 * (np.nanmax(grid) - np.nanmin(grid) or 1)
                ax.text(j, i, label[i][j], ha="center", va="center", fontsize=7, color="white" if dark else "black")
        ax.set_xticks(range(len(cols_v)))
        ax.set_xticklabels(cols_v, fontsize=8)
        ax.set_yticks(range(len(rows_v)))
        ax.set_yticklabels(rows_v, fontsize=8)
        ax.set_xlabel(axes[b])
        ax.set_ylabel(axes[a])
        fig.colorbar(im, ax=ax, label=f"{phase} sustained (TB/s)")
        ax.set_title(f"{phase}: sustained TB/s and bottleneck per point", fontsize=10)
        page.figure(fig, f"fig-heatmap-{slug(phase)}", "heatmap",
                    f"{phase}: every point of the {axes[a]} x {axes[b]} grid, its sustained rate and what binds it.",
                    phase=phase)


def slice_curves(ax, g, axis, pos, labels, phase_index):
    """Thin lines, one per slice of the other varied axes, under the mean (the mean can hide a slice)."""
    axes = list(strings(g["axis"]))
    if axis not in axes:
        return 0.0
    a = axes.index(axis)
    others = [k for k in varied_axes(g) if k != a]
    if not others:
        return 0.0
    values = strings(g["axis_value"])
    status = list(strings(g["status"]))
    phases = sustained_phases(g)
    if phase_index >= len(phases):
        return 0.0
    col = phases[phase_index][1]
    figures = g["figure"][()]
    slices = {}
    for n in range(len(status)):
        if status[n] == "done" and values[n, a] in labels:
            key = " ".join(f"{axes[k]}={values[n, k]}" for k in others)
            slices.setdefault(key, {})[labels.index(values[n, a])] = figures[n, col]
    top = 0.0
    for key, pts in slices.items():
        xs = sorted(pts)
        ax.plot([pos[i] for i in xs], [pts[i] for i in xs], lw=0.7, alpha=0.45, color=f"C{phase_index}")
        top = max([top] + [float(v) for v in pts.values() if np.isfinite(v)])
    return top


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
        axis_figure(page, views[k], g)
    heatmaps(page, g)
    page.heading("Points", anchor="points")
    axes = list(strings(g["axis"]))
    values = strings(g["axis_value"])
    keys = list(strings(g["figure_key"]))
    units = list(strings(g["figure_unit"]))
    figures = g["figure"][()]
    shown = [i for i, k in enumerate(keys) if k.endswith(".sustained") or k.endswith(".completion")]
    bottlenecks = [(p, text_of(g, f"{p}.bottleneck")) for p, _ in sustained_phases(g)]
    bottlenecks = [(p, t) for p, t in bottlenecks if t is not None]
    rows = []
    for n in range(len(status)):
        row = [str(int(g["point"][n])), status[n]] + list(values[n])
        row += [{"value": float(figures[n, i]), "key": f"point{n}/{keys[i]}"} for i in shown]
        row += [{"text": str(t[n]) or "-", "key": f"point{n}/{p}.bottleneck", "cls": "text"} for p, t in bottlenecks]
        rows.append(row)
    page.table(["point", "status"] + axes + [f"{keys[i]} ({units[i]})" for i in shown] +
               [f"{p} bottleneck" for p, _ in bottlenecks], rows)
    return page

"""The report of a comparison file (schema podsim-compare-1): the side-by-side table, the
throughput figures as bars, and each design's rack elevations."""
import numpy as np

from h5read import require, strings
from html_page import Page, fmt, plt, slug

BAR_GROUPS = [  # (figure id, title, row keys of /compare/row_key)
    ("throughput", "sustained throughput and max-flow bounds", ["write", "write_bound", "read", "read_bound"]),
    ("efficiency", "throughput per storage rack", ["write_per_rack", "read_per_rack"]),
    ("capacity", "usable capacity", ["usable"]),
    ("racks", "storage racks and compute-fabric spine racks", ["racks", "fabric_racks"]),
    ("power", "storage and compute-fabric power, typical", ["power", "fabric_power"]),
]


def table_of(f):
    g = require(f, "compare")
    t = {
        "columns": list(strings(g["columns"])),
        "sources": list(strings(g["column_sources"])),
        "racks": list(strings(g["racks_svg"])) if "racks_svg" in g else [],
        "keys": list(strings(g["row_key"])),
        "labels": list(strings(g["row_label"])),
        "units": list(strings(g["row_unit"])),
        "values": g["values"][()],
        "texts": strings(g["texts"]),
        "cells": strings(g["cells"]) if "cells" in g else None,  # the Markdown table's text of each cell
    }
    return t


def bars(page, t, keys, ident, title):
    rows = [t["keys"].index(k) for k in keys if k in t["keys"]]
    rows = [r for r in rows if np.isfinite(t["values"][r]).any()]
    if not rows:
        return
    cols = t["columns"]
    fig, ax = plt.subplots(figsize=(10, 3.8))
    width = 0.8 / len(rows)
    x = np.arange(len(cols))
    for i, r in enumerate(rows):
        vals = np.nan_to_num(t["values"][r], nan=0.0)
        b = ax.bar(x + (i - (len(rows) - 1) / 2) * width, vals, width, label=f"{t['labels'][r]} ({t['units'][r]})")
        ax.bar_label(b, labels=[fmt(v) if v else "" for v in vals], fontsize=7)
    ax.set_xticks(x)
    ax.set_xticklabels(cols, rotation=15, ha="right", fontsize=8)
    ax.grid(alpha=0.3, axis="y")
    ax.legend(fontsize=8)
    ax.set_title(title, fontsize=10)
    page.figure(fig, f"fig-compare-{ident}", "compare", f"{title}, per design (empty where a figure does not apply).")


def render(f, path, progress):
    t = table_of(f)
    page = Page("podsim compare: " + ", ".join(t["columns"]))
    page.paragraph(f"{path}: {len(t['columns'])} columns. Simulated figures are each run's own HDF5 summary.",
                   cls="lede")
    page.heading("Side by side", anchor="table")
    rows = []
    for r, key in enumerate(t["keys"]):
        row = [t["labels"][r], t["units"][r]]
        for c, col in enumerate(t["columns"]):
            v, text = t["values"][r, c], t["texts"][r, c]
            shown = t["cells"][r, c] if t["cells"] is not None else (fmt(float(v)) if np.isfinite(v) else text or "-")
            if np.isfinite(v):
                row.append({"value": float(v), "key": f"{key}/{col}", "text": shown})
            else:
                row.append({"text": shown, "key": f"{key}/{col}", "cls": "text"})
        rows.append(row)
    page.table(["figure", "unit"] + t["columns"], rows)
    page.heading("Figures", anchor="figures")
    for ident, title, keys in BAR_GROUPS:
        progress(f"plot: {title}")
        bars(page, t, keys, ident, title)
    if any(t["racks"]):
        page.heading("Rack elevations", anchor="racks")
        page.raw('<div class="racks">')
        for col, svg in zip(t["columns"], t["racks"]):
            if svg:
                page.svg_figure(svg, f"fig-racks-{slug(col)}", "racks", f"{col}: storage racks, unit by unit", design=col)
        page.raw("</div>")
    page.heading("Where each column comes from", anchor="sources")
    page.table(["column", "file"], [[c, s] for c, s in zip(t["columns"], t["sources"])])
    return page

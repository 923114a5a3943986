#!/usr/bin/env python3
"""podsim summary COMPARE.h5 [-o summary.pdf|summary.odp]: one page for a deck, from a comparison
file (schema podsim-compare-1) and the run files its columns name. The page has:
- the side-by-side table with each claim's verdict, and markers on every figure that rests on an
  assumption, a closed form, an estimate or guidance;
- each design's throughput against its claimed range and the reference lines;
- rack elevations, one drawing per distinct rack layout with its count ("x 27"), so they stay legible.

The PDF is vector (matplotlib). The ODP (python3-odf) is one 16:9 slide: the table is a real,
editable table (the same cells), laid over the rest of the page, a 200 dpi image. Run by `podsim summary`, which maps its exit codes: 0 written, 2 the input is not a
comparison file, 3 the output cannot be written.
"""
import argparse
import os
import re
import sys
import textwrap
import xml.etree.ElementTree as ET

import matplotlib

matplotlib.use("Agg")
matplotlib.rcParams["text.parse_math"] = False  # a name with $...$ is text, not math (issue 42, D)
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402
from matplotlib.ticker import FuncFormatter, LogLocator  # noqa: E402

from h5read import ReportInputError, require, strings  # noqa: E402
from script_io import open_checked, open_result, run, write_or_exit_code  # noqa: E402

TABLE_ROWS = ["usable", "racks", "power", "fabric_power", "write", "read", "write_sustained", "checkpoint_1t", "write_bottleneck",
              "read_bottleneck"]
SHORT_LABEL = {
    "usable": "usable capacity", "racks": "storage racks", "power": "storage power, typical",
    "fabric_power": "compute-fabric power, typical",
    "write": "checkpoint write, sustained", "read": "read, sustained", "write_sustained": "write, buffer full",
    "checkpoint_1t": "18 TB checkpoint", "write_bottleneck": "write binds on", "read_bottleneck": "read binds on",
}
TABLE_BOX = [0.015, 0.40, 0.62, 0.50]  # the table's place on the page, figure fractions (x, y, w, h)
# A cell's text that says its figure is not simulated: the marker and what it means.
ASSUMPTION_MARKS = [("closed form", "§"), ("estimate", "§"), ("guidance", "¶")]
VERDICT_MARKS = {"holds only if": "*", "circular": "†"}
LEGEND = ("*  holds only if an assumed figure is right      †  circular: rests on a figure derived from the claim      "
          "§  closed form or estimate, not simulated      ¶  capacity-proportional guidance")


def svg_number(v):
    return float(re.match(r"-?[\d.]+", v or "0").group(0))


def rack_layouts(svg_text):
    """Distinct rack layouts of one design's elevation SVG: [(names, count, [(kind, y, h, colour)])], plus
    the SVG's rack height in its own pixels (the empty rack's rectangle)."""
    root = ET.fromstring(svg_text)
    ns = {"s": "http://www.w3.org/2000/svg"}
    layouts = {}
    order = []
    frame = None
    for g in root.findall("s:g", ns):
        rects = g.findall("s:rect", ns)
        if not rects:
            continue
        outline = rects[0]
        top, height = svg_number(outline.get("y")), svg_number(outline.get("height"))
        frame = frame or height
        items = tuple((r.get("data-kind", ""), round((svg_number(r.get("y")) - top) / height, 4),
                       round(svg_number(r.get("height")) / height, 4), r.get("fill", "#999"))
                      for r in rects[1:])
        # Racks holding the same equipment are one layout, whatever the order it was packed in.
        content = tuple(sorted((kind, h) for kind, _y, h, _c in items))
        if content not in layouts:
            layouts[content] = ([], items)
            order.append(content)
        layouts[content][0].append(g.get("data-rack", "?"))
    return [(layouts[k][0], len(layouts[k][0]), list(layouts[k][1])) for k in order]


def draw_racks(ax, design, svg_text):
    """A design's racks by side, as the table counts them: its storage racks (the storage side's spine
    racks, net-, among them) first, then apart and labelled, the compute fabric's (fab-)."""
    ax.set_axis_off()
    layouts = rack_layouts(svg_text) if svg_text else []
    fabric = [l for l in layouts if l[0][0].startswith("fab-")]
    storage = [l for l in layouts if not l[0][0].startswith("fab-")]
    if len(storage) > 6:  # the six commonest layouts; the count of the rest says what is left out
        storage.sort(key=lambda l: -l[1])
        rest = sum(l[1] for l in storage[6:])
        storage = storage[:6]
        ax.text(0, -0.2, f"+ {rest} storage racks of other layouts", fontsize=6, color="#555")
    ax.set_title(design, fontsize=8, loc="left")
    if not layouts:
        ax.text(0, 0.5, "no rack drawing", fontsize=7)
        return
    kinds = {}

    def rack(x, names, count, items):
        ax.add_patch(Rectangle((x, 0), 1, 1, fc="#f4f4f4", ec="#333", lw=0.6))
        for kind, y, h, colour in items:
            # SVG y grows downward: flip so unit 1 sits at the bottom, as in the rack.
            ax.add_patch(Rectangle((x + 0.02, 1 - y - h), 0.96, h, fc=colour, ec="#222", lw=0.2))
            kinds[kind] = colour
        ax.text(x + 0.5, -0.04, f"{names[0]}\nx {count}", ha="center", va="top", fontsize=6)

    for i, (names, count, items) in enumerate(storage):
        rack(i * 1.35, names, count, items)
    end = 1.35 * len(storage)
    if fabric:
        ax.axvline(end - 0.15, color="#777", lw=0.6, ls="--")
        ax.text(end, 1.02, "compute fabric (not storage)", fontsize=5.5, color="#555", va="bottom")
        for j, (names, count, items) in enumerate(fabric):
            rack(end + j * 1.35, names, count, items)
        end += 1.35 * len(fabric)
    ax.set_xlim(-0.1, max(end, 2.8))
    ax.set_ylim(-0.25, 1.1)
    ax.set_aspect("auto")
    return kinds


def run_claims(source, compare_dir):
    """claim -> (verdict, claimed, low, high, unit) from a run file's /claims, or {} when there is none."""
    for path in (source, os.path.join(compare_dir, source)):
        if path.endswith(".h5") and os.path.exists(path):
            with open_checked(path) as f:  # a path the compare file names: checked like the input
                if "claims" not in f:
                    return {}
                g = f["claims"]
                return {c: (v, cl, lo, hi, u) for c, v, cl, lo, hi, u in zip(
                    strings(g["claim"]), strings(g["verdict"]), strings(g["claimed"]), g["low"][()], g["high"][()],
                    strings(g["unit"]))}
    return {}


def marked(text):
    for words, mark in ASSUMPTION_MARKS:
        if words in text:
            return re.sub(r"\s*\(.*\)\s*$", "", text) + " " + mark
    return text


def render(compare, path):
    g = require(compare, "compare")
    cols = list(strings(g["columns"]))
    sources = list(strings(g["column_sources"]))
    keys = list(strings(g["row_key"]))
    units = list(strings(g["row_unit"]))
    cells = strings(g["cells"])
    values = g["values"][()]
    racks = list(strings(g["racks_svg"])) if "racks_svg" in g else [""] * len(cols)
    claims = [run_claims(s, os.path.dirname(os.path.abspath(path))) for s in sources]

    fig = plt.figure(figsize=(13.333, 7.5))  # 16:9, a slide
    fig.text(0.015, 0.965, "Storage designs side by side: throughput, capacity, racks and verdicts", fontsize=15,
             weight="bold", va="top")
    fig.text(0.015, 0.925, f"podsim summary of {os.path.basename(path)}: simulated figures from each design's run; "
             "verdicts from its claims (podsim check rules)", fontsize=8, color="#555", va="top")

    # The table: figures, then one verdict row per claim.
    rows, labels = [], []
    for k in TABLE_ROWS:
        if k not in keys:
            continue
        r = keys.index(k)
        labels.append(f"{SHORT_LABEL[k]}" + (f" ({units[r]})" if units[r] else ""))
        texts = [marked(str(cells[r, c])) for c in range(len(cols))]
        if k.endswith("_bottleneck"):  # "dnode_controller write (100)": the resource, then direction and % busy
            texts = [re.sub(r"^(\S+) (\S+) \((\d+)\)$", r"\1\n\2, \3 %", t) for t in texts]
        rows.append(texts)
    for claim in ("write", "read", "usable", "racks"):
        if not any(claim in cl for cl in claims):
            continue
        labels.append(f"claim: {claim}")
        row = []
        for cl in claims:
            if claim in cl:
                verdict, claimed = cl[claim][0], cl[claim][1]
                claimed = re.sub(r"\.00\b", "", claimed).replace(" TB/s to ", "-")
                row.append(f"{claimed}\u00a0\n{verdict}\u00a0{VERDICT_MARKS.get(verdict, '')}".strip())
            else:
                row.append("-")
        rows.append(row)
    tax = fig.add_axes(TABLE_BOX)
    tax.set_axis_off()
    def wrap(text, width, lines=2):
        """At most `lines` lines of `width` characters, broken at spaces or underscores."""
        parts = textwrap.wrap(str(text).replace("_", "_\u200b"), width) or [""]
        out = [p.replace("\u200b", "") for p in parts[:lines]]
        if len(parts) > lines:
            out[-1] = out[-1][: width - 2] + ".."
        return "\n".join(out)
    cell_chars = max(15, int(120 / max(1, len(cols))))
    header = ["figure"] + [wrap(c.replace(" (as ", " (as\u00a0"), cell_chars) for c in cols]
    body = [[wrap(label, 40, 1)] + [wrap(c, cell_chars) for c in row] for label, row in zip(labels, rows)]
    label_w = 0.26
    widths = [label_w] + [(1 - label_w) / len(cols)] * len(cols)
    fig.podsim_table = (tax, header, body, widths)  # save_odp writes it as an editable table
    table = tax.table(cellText=body, colLabels=header, colWidths=widths, loc="upper left", cellLoc="center",
                      bbox=[0, 0, 1, 1])
    table.auto_set_font_size(False)
    table.set_fontsize(6 if len(cols) > 6 else 6.5 if len(cols) > 4 else 7.5)
    for (r, c), cell in table.get_celld().items():
        cell.set_linewidth(0.3)
        if r == 0:
            cell.set_facecolor("#e8e8e8")
            cell.set_text_props(weight="bold")
        if c == 0:
            cell.set_text_props(ha="left")
            cell.PAD = 0.02
        colour = verdict_colour(cell.get_text().get_text())
        if colour:
            cell.get_text().set_color(colour)
    fig.text(0.015, 0.372, LEGEND, fontsize=6.5, color="#333")

    # Throughput against the claims and the reference lines.
    bax = fig.add_axes([0.665, 0.53, 0.32, 0.36])
    x = np.arange(len(cols))
    for i, (k, colour) in enumerate((("write", "#4e79a7"), ("read", "#f28e2b"))):
        if k not in keys:
            continue
        v = np.array(values[keys.index(k)], dtype=float)
        v[~(v > 0)] = np.nan  # no bar where there is no figure (a log axis has no zero)
        bax.bar(x + (i - 0.5) * 0.38, v, 0.38, color=colour, label=f"{k}, simulated")
        for c, cl in enumerate(claims):
            if k in cl:
                lo, hi = cl[k][2] / 1e12, cl[k][3] / 1e12
                bax.plot([x[c] + (i - 0.5) * 0.38] * 2, [lo, max(hi, lo * 1.01)], color="black", lw=3, solid_capstyle="butt")
    def leading(text, last=False):
        parts = str(text).split("/")
        m = re.match(r"\s*(-?[\d.]+)", parts[-1] if last else parts[0])
        return float(m.group(1)) if m else np.nan
    if "ref_measured_write" in keys:
        bax.plot(x - 0.19, [leading(t) for t in cells[keys.index("ref_measured_write")]], ls="none", marker="_", ms=16,
                 color="#b00020", label="best measured Llama3-1T checkpoint write")
    if "ref_write" in keys:  # "good / better / best": the best line, at each design's GPU count
        bax.plot(x - 0.19, [leading(t, last=True) for t in cells[keys.index("ref_write")]], ls="none", marker="_",
                 ms=16, color="#59a14f", label="SuperPOD write guidance, best")
    bax.plot([], [], color="black", lw=3, label="claimed range")
    bax.set_xticks(x)
    bax.set_xticklabels(cols, rotation=20, ha="right", fontsize=6.5)
    # A log axis: a 1 TB/s design stays visible beside a 15 TB/s one.
    bax.set_yscale("log")
    # Plain numbers: math text is off for every figure (names from outside are never parsed).
    plain = FuncFormatter(lambda y, _: f"{y:g}")
    bax.yaxis.set_major_formatter(plain)
    bax.yaxis.set_minor_locator(LogLocator(subs=(2, 5)))
    bax.yaxis.set_minor_formatter(plain)
    bax.tick_params(axis="y", which="minor", labelsize=6)
    bax.set_ylabel("TB/s (log scale)", fontsize=8)
    bax.tick_params(axis="y", labelsize=7)
    bax.grid(alpha=0.3, axis="y", which="both")
    # The legend below the axes, never over a bar.
    bax.legend(fontsize=6, loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=2, frameon=False)
    bax.set_title("throughput against the claims and reference lines", fontsize=9)

    # Rack elevations: the designs with a drawing, each distinct rack layout once.
    drawn = [(c, s) for c, s in zip(cols, racks) if s]
    kinds = {}
    for i, (c, s) in enumerate(drawn):
        w = 0.97 / max(1, len(drawn))
        ax = fig.add_axes([0.015 + i * w, 0.02, w * 0.95, 0.27])
        kinds.update(draw_racks(ax, c, s) or {})
    fig.text(0.015, 0.338, "racks by side, each distinct layout once with its count",
             fontsize=8, weight="bold")
    for j, (kind, colour) in enumerate(sorted(kinds.items())):
        fig.patches.append(Rectangle((0.36 + j * 0.1, 0.336), 0.008, 0.014, transform=fig.transFigure, fc=colour, ec="#222", lw=0.3))
        fig.text(0.37 + j * 0.1, 0.338, kind.replace("-", " "), fontsize=7)
    fig.text(0.015, 0.318, "net-: the storage side's spine racks (counted as storage); fab-: the compute fabric's (not storage)",
             fontsize=6.5, color="#333")
    return fig


def verdict_colour(text):
    if "refuted" in text:
        return "#b00020"
    if "holds" in text and "only if" not in text:
        return "#17692f"
    return "#6a3d9a" if "circular" in text else None


SLIDE_CM = (33.867, 19.05)


def odp_table(doc, header, body, widths):
    """The page's table as an ODF table: cells a reader can edit, the verdict colours kept."""
    from odf.style import ParagraphProperties, Style, TableCellProperties, TableColumnProperties, TextProperties
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import P, Span

    def style(name, family, *props):
        st = Style(name=name, family=family)
        for prop in props:
            st.addElement(prop)
        doc.automaticstyles.addElement(st)
        return st

    cell = style("cell", "table-cell", TableCellProperties(border="0.02cm solid #999999", padding="0.03cm"))
    head = style("head", "table-cell", TableCellProperties(border="0.02cm solid #999999", padding="0.03cm",
                                                         backgroundcolor="#e8e8e8"))
    para = style("cellpara", "paragraph", ParagraphProperties(textalign="center"))
    first = style("firstpara", "paragraph", ParagraphProperties(textalign="start"))
    size = "6pt" if len(header) > 7 else "7pt"
    texts = {None: style("celltext", "text", TextProperties(fontsize=size)),
             "bold": style("boldtext", "text", TextProperties(fontsize=size, fontweight="bold"))}
    width_cm = TABLE_BOX[2] * SLIDE_CM[0]
    table = Table(name="designs")
    for i, w in enumerate(widths):
        table.addElement(TableColumn(stylename=style(f"col{i}", "table-column",
                                                     TableColumnProperties(columnwidth=f"{w * width_cm:.3f}cm"))))
    for r, row in enumerate([header] + body):
        tr = TableRow()
        for c, text in enumerate(row):
            tc = TableCell(stylename=head if r == 0 else cell)
            colour = verdict_colour(text)
            key = ("bold" if r == 0 else colour)
            if key not in texts:
                texts[key] = style(f"text{len(texts)}", "text", TextProperties(fontsize=size, color=colour))
            for line in str(text).split("\n"):
                p = P(stylename=first if c == 0 else para)
                p.addElement(Span(stylename=texts[key], text=line))
                tc.addElement(p)
            tr.addElement(tc)
        table.addElement(tr)
    return table


def save_odp(fig, path, folder):
    from odf.draw import Frame, Image, Page
    from odf.opendocument import OpenDocumentPresentation
    from odf.style import MasterPage, PageLayout, PageLayoutProperties

    tax, header, body, widths = fig.podsim_table
    png = os.path.join(folder, "summary.png")
    tax.set_visible(False)  # the table goes in as a table, over the image's blank area
    try:
        fig.savefig(png, dpi=200)
    finally:
        tax.set_visible(True)
    doc = OpenDocumentPresentation()
    layout = PageLayout(name="Slide")
    layout.addElement(PageLayoutProperties(pagewidth="33.867cm", pageheight="19.05cm", printorientation="landscape",
                                           margin="0cm"))
    doc.automaticstyles.addElement(layout)
    master = MasterPage(name="Default", pagelayoutname=layout)
    doc.masterstyles.addElement(master)
    page = Page(name="summary", masterpagename=master)
    doc.presentation.addElement(page)
    frame = Frame(width="33.867cm", height="19.05cm", x="0cm", y="0cm")
    frame.addElement(Image(href=doc.addPicture(png)))
    page.addElement(frame)
    x, y, w, h = TABLE_BOX  # figure fractions from the bottom left; ODF measures from the top left
    table_frame = Frame(width=f"{w * SLIDE_CM[0]:.3f}cm", height=f"{h * SLIDE_CM[1]:.3f}cm",
                        x=f"{x * SLIDE_CM[0]:.3f}cm", y=f"{(1 - y - h) * SLIDE_CM[1]:.3f}cm")
    table_frame.addElement(odp_table(doc, header, body, widths))
    page.addElement(table_frame)
    doc.save(path)


def main(argv):
    ap = argparse.ArgumentParser(prog="podsim summary", description=__doc__.splitlines()[0])
    ap.add_argument("compare", help="a comparison HDF5 file (podsim compare -o)")
    ap.add_argument("-o", "--output", help="summary.pdf or summary.odp (default: COMPARE with .pdf)")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)
    output = args.output or os.path.splitext(args.compare)[0] + ".pdf"
    ext = os.path.splitext(output)[1].lower()
    if ext not in (".pdf", ".odp"):
        print(f"podsim: error: {output}: give a .pdf or .odp file", file=sys.stderr)
        return 2
    try:
        with open_result(args.compare, ["podsim-compare-1"], "a comparison file (podsim compare -o writes one)") as f:
            fig = render(f, args.compare)
    except ReportInputError as e:
        print(f"podsim: error: {e}", file=sys.stderr)
        return 2
    except (KeyError, ValueError, IndexError, TypeError, ET.ParseError) as e:
        print(f"podsim: error: {args.compare}: unreadable comparison file ({type(e).__name__}: {e})", file=sys.stderr)
        return 2
    except Exception as e:  # noqa: BLE001 - values the page cannot draw are the file's, not a crash (issue 42, D)
        print(f"podsim: error: {args.compare}: cannot draw the page ({type(e).__name__}: {e})", file=sys.stderr)
        return 2
    try:
        if write_or_exit_code(output, args.compare, (lambda tmp, _d: fig.savefig(tmp, format="pdf")) if ext == ".pdf"
                              else (lambda tmp, d: save_odp(fig, tmp, d))):
            return 3
    except Exception as e:  # noqa: BLE001 - drawing happens as the figure is saved
        print(f"podsim: error: {args.compare}: cannot draw the page ({type(e).__name__}: {e})", file=sys.stderr)
        return 2
    print(f"summary: {output} (one page)")
    return 0


if __name__ == "__main__":
    run(main)

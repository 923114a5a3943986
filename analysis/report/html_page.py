"""One self-contained HTML page: sections, tables and matplotlib figures inlined as PNG.

No network: images are data: URIs and the style sheet is inline, so the file can be mailed.
Every figure is a <figure id=... data-figure=...> and every summary number a cell with
data-key and data-value (the exact HDF5 value), so tests can find them.
"""
import base64
import html
import io
import math

import matplotlib

matplotlib.use("Agg")  # no display: render to PNG only
matplotlib.rcParams["text.parse_math"] = False  # a name with $...$ is text, not math (issue 42, D)
import matplotlib.pyplot as plt  # noqa: E402

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1150px; color: #222; line-height: 1.4; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { border-bottom: 1px solid #ccc; margin-top: 2em; }
h3 { margin-top: 1.5em; }
.lede { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.92em; }
th, td { border: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 1em 0; } figure img { max-width: 100%; border: 1px solid #eee; }
figcaption { color: #555; font-size: 0.9em; }
.verdict-holds { color: #17692f; font-weight: 600; } .verdict-refuted { color: #b00020; font-weight: 600; }
.verdict-holds-only-if { color: #9a5b00; font-weight: 600; } .verdict-circular { color: #6a3d9a; font-weight: 600; }
.verdict-too-close-to-call { color: #525252; font-weight: 600; }
/* A table wider than the page scrolls inside its own frame, its first column kept in view. */
.scroll { max-width: 100%; overflow-x: auto; margin: 0.8em 0; } .scroll table { margin: 0; }
.scroll th:first-child, .scroll td:first-child { position: sticky; left: 0; background: #fff; z-index: 1; }
.scroll th:first-child { background: #f3f3f3; }
/* Rack elevations at their drawn size (a unit is a readable row), scrolling sideways when wide. */
.racks figure { overflow-x: auto; max-width: 100%; } .racks figure img { max-width: none; }
details { margin: 0.6em 0; } code { background: #f5f5f5; padding: 0 0.2em; }
nav a { margin-right: 1em; }
"""


def fmt(value):
    """A figure as people read it: 4 significant digits, thousands separators, no exponent."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    if isinstance(value, float) and math.isinf(value):
        return "inf"
    a = abs(value)
    if a >= 1e4:
        return f"{value:,.0f}"
    if a == 0 or (float(value).is_integer() and a < 1e4):
        return f"{int(value)}"
    digits = max(0, 3 - int(math.floor(math.log10(a))))
    text = f"{value:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text  # 0.05, not 0.05000


def esc(text):
    return html.escape(str(text), quote=True)


def slug(text):
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in str(text))


class Page:
    def __init__(self, title):
        self.title = title
        self.parts = []
        self.nav = []
        self.figure_ids = []

    def heading(self, text, level=2, anchor=None):
        if level == 2 and anchor:
            self.nav.append((anchor, text))
        ident = f' id="{esc(anchor)}"' if anchor else ""
        self.parts.append(f"<h{level}{ident}>{esc(text)}</h{level}>")

    def paragraph(self, text, cls=None):
        c = f' class="{cls}"' if cls else ""
        self.parts.append(f"<p{c}>{esc(text)}</p>")

    def raw(self, markup):
        self.parts.append(markup)

    def table(self, header, rows, cls=None):
        """rows: lists of cells; a cell is text, or a dict {text, key, value, cls} for a number."""
        out = [f'<div class="scroll"><table{f" class={chr(34)}{cls}{chr(34)}" if cls else ""}><thead><tr>']
        out += [f"<th>{esc(h)}</th>" for h in header]
        out.append("</tr></thead><tbody>")
        for row in rows:
            out.append("<tr>")
            for cell in row:
                out.append(self._cell(cell))
            out.append("</tr>")
        out.append("</tbody></table></div>")
        self.parts.append("".join(out))

    @staticmethod
    def _cell(cell):
        if not isinstance(cell, dict):
            return f"<td>{esc(cell)}</td>"
        attrs = ""
        if "key" in cell:
            attrs += f' data-key="{esc(cell["key"])}"'
        if "value" in cell:
            attrs += f' data-value="{esc(repr(float(cell["value"])))}"'
        cls = cell.get("cls", "num" if "value" in cell else "")
        if cls:
            attrs += f' class="{esc(cls)}"'
        text = cell.get("text", fmt(cell.get("value")))
        return f"<td{attrs}>{esc(text)}</td>"

    def figure(self, fig, ident, kind, caption, **data):
        """Inlines a matplotlib figure as a PNG and closes it."""
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=100, bbox_inches="tight")
        plt.close(fig)
        png = base64.b64encode(buf.getvalue()).decode("ascii")
        self._figure_markup(ident, kind, caption, f"data:image/png;base64,{png}", data)

    def svg_figure(self, svg_text, ident, kind, caption, **data):
        """Inlines an SVG document as an image (kept apart from the page's own ids and styles)."""
        uri = "data:image/svg+xml;base64," + base64.b64encode(svg_text.encode("utf-8")).decode("ascii")
        self._figure_markup(ident, kind, caption, uri, data)

    def _figure_markup(self, ident, kind, caption, uri, data):
        self.figure_ids.append(ident)
        extra = "".join(f' data-{esc(k)}="{esc(v)}"' for k, v in data.items())
        self.parts.append(
            f'<figure id="{esc(ident)}" data-figure="{esc(kind)}"{extra}>'
            f'<img src="{uri}" alt="{esc(caption)}"><figcaption>{esc(caption)}</figcaption></figure>'
        )

    def render(self):
        nav = "".join(f'<a href="#{esc(a)}">{esc(t)}</a>' for a, t in self.nav)
        return (
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{esc(self.title)}</title><style>{STYLE}</style></head><body>"
            f"<h1>{esc(self.title)}</h1>"
            + (f"<nav>{nav}</nav>" if nav else "")
            + "\n".join(self.parts)
            + "</body></html>\n"
        )

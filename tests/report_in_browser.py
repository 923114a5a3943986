#!/usr/bin/env python3
"""Opens a podsim report in headless Chromium (Selenium + chromedriver) and checks it as a reader would.

usage: report_in_browser.py REPORT.html RESULT.h5 SCREENSHOT.png

Fails (exit 1) when: the browser logs a console error; an element sticks out of the page or of
the frame that clips it (a wide table must scroll inside its own frame, first column sticky); a rack
elevation is drawn smaller than its own size (unreadable thumbnails); an expected figure (derived from the
HDF5 file, not from the page) is missing or its image did not decode; a number shown differs from
the HDF5 value it claims to show, beyond the rounding of its displayed digits; or a summary figure of
the file is not on the page.
"""
import math
import re
import sys

import h5py
import numpy as np
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

sys.path.insert(0, sys.argv[0].rsplit("/", 2)[0] + "/analysis/report")
from html_page import slug  # noqa: E402  the same id rule the report uses


def strings(ds):
    return list(ds.asstr()[()].ravel())


def expected_figures(f):
    schema = f.attrs["schema"]
    schema = schema.decode() if isinstance(schema, bytes) else schema
    if schema == "podsim-run-1":
        ids = []
        for name in f["phases"]:
            ids += [f"fig-{k}-{slug(name)}" for k in ("throughput", "utilization", "writers")]
        for name in f["timelines"]:
            ids.append(f"fig-timeline-{slug(name)}")
            if "drain_backlog" in f["timelines"][name]:
                ids.append(f"fig-backlog-{slug(name)}")
        if "faults" in f:
            ids.append("fig-faults")
        return ids
    if schema == "podsim-compare-1":
        g = f["compare"]
        ids = ["fig-compare-throughput", "fig-compare-capacity"]
        return ids + [f"fig-racks-{slug(c)}" for c, svg in zip(strings(g["columns"]), strings(g["racks_svg"])) if svg]
    if schema == "podsim-sweep-1":
        g = f["sweep"]
        views = g["by_axis"]
        ids = [f"fig-axis-{slug(views[k].attrs['axis'])}" for k in views]
        values = g["axis_value"].asstr()[()]
        varied = [a for a in range(values.shape[1]) if len(set(values[:, a])) > 1]
        mode = g.attrs["mode"]
        if len(varied) == 2 and (mode.decode() if isinstance(mode, bytes) else mode) == "grid":  # a heatmap per phase
            ids += [f"fig-heatmap-{slug(k[:-len('.sustained')])}" for k in strings(g["figure_key"]) if k.endswith(".sustained")]
        return ids
    raise SystemExit(f"unknown schema {schema}")


def expected_values(f):
    """data-key -> the HDF5 value the page must show for it."""
    schema = f.attrs["schema"]
    schema = schema.decode() if isinstance(schema, bytes) else schema
    out = {}
    if schema == "podsim-run-1":
        g = f["summary"]
        for k, v, t in zip(strings(g["key"]), g["value"][()], strings(g["text"])):
            out[k] = t if t else float(v)
    elif schema == "podsim-compare-1":
        g = f["compare"]
        cols = strings(g["columns"])
        values = g["values"][()]
        for r, key in enumerate(strings(g["row_key"])):
            for c, col in enumerate(cols):
                if np.isfinite(values[r, c]):
                    out[f"{key}/{col}"] = float(values[r, c])
    elif schema == "podsim-sweep-1":
        g = f["sweep"]
        keys = strings(g["figure_key"])
        fig = g["figure"][()]
        for n in range(fig.shape[0]):
            for i, k in enumerate(keys):
                if (k.endswith(".sustained") or k.endswith(".completion")) and np.isfinite(fig[n, i]):
                    out[f"point{n}/{k}"] = float(fig[n, i])
        texts = g["text"].asstr()[()]
        for i, k in enumerate(strings(g["text_key"])):  # each point's bottleneck per phase
            if k.endswith(".bottleneck") and not k.startswith("writes."):
                for n in range(texts.shape[0]):
                    if texts[n, i]:
                        out[f"point{n}/{k}"] = texts[n, i]
    return out


# Layout as a reader at 1280 px sees it: the page never scrolls sideways; every element fits the
# element that clips it (the body, or a scroll frame, which itself fits the body); a frame that does
# scroll keeps its first column sticky; rack elevations are shown at least at their drawn size.
LAYOUT_CHECK = """
const out = [];
const body = document.body.getBoundingClientRect();
if (document.documentElement.scrollWidth > window.innerWidth + 1)
  out.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${window.innerWidth} px window`);
const clipper = e => {
  for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
    if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)) return a;
  return document.body;
};
const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '');
let reported = 0;
for (const e of document.body.querySelectorAll('*')) {
  const r = e.getBoundingClientRect();
  if (r.width === 0 || reported >= 10) continue;
  const c = clipper(e);
  const box = c === document.body ? body : c.getBoundingClientRect();
  const scrolled = c === document.body ? 0 : c.scrollWidth - c.clientWidth;
  if (r.left < box.left - 1 || r.right > box.right + scrolled + 1) {
    out.push(`${name(e)} spans ${Math.round(r.left)}-${Math.round(r.right)} px outside ${name(c)} (${Math.round(box.left)}-${Math.round(box.right)} px)`);
    reported++;
  }
}
for (const f of document.querySelectorAll('.scroll')) {
  if (f.getBoundingClientRect().right > body.right + 1) out.push('a scroll frame is wider than the page');
  if (f.scrollWidth > f.clientWidth + 1) {
    const first = f.querySelector('td:first-child, th:first-child');
    if (first && getComputedStyle(first).position !== 'sticky') out.push('a scrolling table has no sticky first column');
  }
}
for (const img of document.querySelectorAll('figure[data-figure="racks"] img')) {
  const shown = img.getBoundingClientRect().width;
  if (img.naturalWidth > 0 && shown < img.naturalWidth * 0.99)
    out.push(`${img.closest('figure').id}: drawn ${img.naturalWidth} px wide, shown at ${Math.round(shown)} px`);
}
return out;
"""

NUMBER = re.compile(r"-?[\d,]*\.?\d+")


def shown_matches(text, value):
    """The first number of the cell's text equals the value to the digits it shows."""
    m = NUMBER.search(text)
    if not m:
        return False
    digits = m.group(0).replace(",", "")
    shown = float(digits)
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return math.isclose(shown, value, rel_tol=1e-9, abs_tol=0.5 * 10 ** -decimals + 1e-12)


def main(report, result, screenshot):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    errors = []
    try:
        driver.get("file://" + report)
        height = driver.execute_script("return document.body.scrollHeight")
        driver.set_window_size(1280, min(max(height, 1000), 16000))
        driver.save_screenshot(screenshot)
        figures = driver.execute_script("""
            const out = {};
            for (const fig of document.querySelectorAll('figure')) {
              const img = fig.querySelector('img');
              out[fig.id] = !!img && img.complete && img.naturalWidth > 0;
            }
            return out;""")
        cells = driver.execute_script("""
            return Array.from(document.querySelectorAll('[data-key]')).map(
              e => [e.dataset.key, e.dataset.value === undefined ? null : e.dataset.value, e.textContent]);""")
        layout = driver.execute_script(LAYOUT_CHECK)
        console = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    finally:
        driver.quit()
    errors += [f"console error: {e['message']}" for e in console]
    errors += [f"layout: {e}" for e in layout]
    with h5py.File(result, "r") as f:
        want_figures = expected_figures(f)
        want_values = expected_values(f)
    for ident in want_figures:
        if ident not in figures:
            errors.append(f"missing figure {ident}")
        elif not figures[ident]:
            errors.append(f"figure {ident}: its image did not load")
    seen = {}
    for key, value, text in cells:
        seen.setdefault(key, (value, text))
    for key, want in want_values.items():
        if key not in seen:
            errors.append(f"{key}: not shown")
            continue
        value, text = seen[key]
        if isinstance(want, str):
            if text.strip() != want:
                errors.append(f"{key}: shows '{text}', the file says '{want}'")
        elif value is None or float(value) != want:
            errors.append(f"{key}: data-value {value}, the file says {want!r}")
        elif not shown_matches(text, want):
            errors.append(f"{key}: shows '{text}', the file says {want!r}")
    print(f"{report}: {len(figures)} figures ({len(want_figures)} expected), {len(want_values)} numbers checked, "
          f"{len(console)} console errors; screenshot {screenshot}")
    for e in errors:
        print("FAIL:", e)
    return 1 if errors else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    sys.exit(main(*sys.argv[1:]))

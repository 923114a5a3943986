#!/usr/bin/env python3
"""Checks podsim summary's one page as a reader of the deck would get it.

usage: summary_check.py PODSIM COMPARE.h5 OUTDIR

Writes OUTDIR/summary.pdf and OUTDIR/summary.odp with `podsim summary`, then fails (exit 1) when:
- the PDF is not exactly one 16:9 page once rasterised by pdftoppm, or the page is blank;
- its text (pdftotext) lacks a design column, a claim's verdict that the run files give, or the legend of
  the assumption markers;
- the ODP is not one slide holding an image of the page that decodes, and the page's table as an
  editable table (table:table) with a row per figure and claim and a column per design.
"""
import os
import re
import subprocess
import sys
import zipfile

import h5py
import matplotlib.image as mpimg
import numpy as np


def strings(ds):
    return list(ds.asstr()[()].ravel())


def main(podsim, compare, outdir):
    os.makedirs(outdir, exist_ok=True)
    errors = []
    pdf, odp = os.path.join(outdir, "summary.pdf"), os.path.join(outdir, "summary.odp")
    for out in (pdf, odp):
        subprocess.run([podsim, "summary", compare, "-o", out], check=True)
    prefix = os.path.join(outdir, "page")
    for old in os.listdir(outdir):
        if old.startswith("page"):
            os.remove(os.path.join(outdir, old))
    subprocess.run(["pdftoppm", "-r", "50", "-png", pdf, prefix], check=True)
    pages = sorted(p for p in os.listdir(outdir) if p.startswith("page") and p.endswith(".png"))
    if len(pages) != 1:
        errors.append(f"the PDF has {len(pages)} pages, not one")
    else:
        img = mpimg.imread(os.path.join(outdir, pages[0]))
        h, w = img.shape[:2]
        if abs(w / h - 16 / 9) > 0.02:
            errors.append(f"the page is {w} x {h} px, not 16:9")
        ink = float(np.mean(img[..., :3] < 0.9))
        if ink < 0.03:
            errors.append(f"the page is nearly blank ({ink:.1%} ink)")
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], check=True, capture_output=True, text=True).stdout
    flat = re.sub(r"\s+", " ", text)
    claimed = False
    with h5py.File(compare, "r") as f:
        g = f["compare"]
        columns, sources = strings(g["columns"]), strings(g["column_sources"])
        for col, src in zip(columns, sources):
            if col.split(" (as ")[0] not in flat:
                errors.append(f"design column '{col}' is not on the page")
            if src.endswith(".h5") and os.path.exists(src):
                with h5py.File(src, "r") as r:
                    if "claims" in r:
                        claimed = True
                        for claim, verdict in zip(strings(r["claims/claim"]), strings(r["claims/verdict"])):
                            if verdict not in flat:
                                errors.append(f"{col}: the {claim} verdict '{verdict}' is not on the page")
    for words in (["claim: write"] if claimed else []) + ["holds only if an assumed figure", "racks by side, each distinct layout"]:
        if words not in flat:
            errors.append(f"'{words}' is not on the page")
    with zipfile.ZipFile(odp) as z:
        content = z.read("content.xml").decode()
        if content.count("<draw:page ") != 1:
            errors.append(f"the ODP has {content.count('<draw:page ')} slides, not one")
        pictures = [n for n in z.namelist() if n.startswith("Pictures/")]
        if len(pictures) != 1:
            errors.append(f"the ODP holds {len(pictures)} pictures, not one")
        else:
            z.extract(pictures[0], outdir)
            img = mpimg.imread(os.path.join(outdir, pictures[0]))
            if img.shape[1] < 2000:
                errors.append(f"the ODP's page image is {img.shape[1]} px wide: too coarse for a slide")
        tables = re.findall(r"<table:table\b.*?</table:table>", content, re.S)
        if len(tables) != 1:
            errors.append(f"the ODP holds {len(tables)} tables, not one editable table")
        else:
            rows = tables[0].count("<table:table-row")
            cols = tables[0].count("<table:table-column ")
            if cols != len(columns) + 1:
                errors.append(f"the ODP table has {cols} columns, not {len(columns) + 1}")
            if rows < 6:
                errors.append(f"the ODP table has {rows} rows: the figures are missing")
            cell_text = re.sub(r"<[^>]+>", " ", tables[0])
            for col in columns:
                if col.split(" (as ")[0] not in cell_text:
                    errors.append(f"design column '{col}' is not in the ODP table")
        if z.read("mimetype").decode() != "application/vnd.oasis.opendocument.presentation":
            errors.append("the ODP's mimetype is not a presentation")
    for e in errors:
        print("FAIL:", e)
    if not errors:
        print(f"PASS: {pdf} one 16:9 page with {len(columns)} designs and their verdicts; {odp} one slide with an editable table")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))

#!/usr/bin/env python3
"""Issue 40: every figure on a README line about a bundled scenario agrees with that scenario's expected
summary. A figure is a number with a unit (%, ms, s, min, h, GB/s, TB/s, GB, TB, PB); "~" figures (wall
times, approximations) are left out. It agrees when some summary value, in the same dimension, rounds
to it at the digits the README prints (or is within 0.5 % of it), or when it is one of the scenario's
own inputs (the same number and unit in the scenario file, comments aside).

usage: readme_figures.py SOURCE_DIR
"""
import pathlib
import re
import sys

UNITS = {"%": ("%", 1), "ms": ("s", 1e-3), "s": ("s", 1), "min": ("s", 60), "h": ("s", 3600),
         "GB/s": ("B/s", 1e9), "TB/s": ("B/s", 1e12), "GB": ("B", 1e9), "TB": ("B", 1e12), "PB": ("B", 1e15),
         "GPUs": ("GPUs", 1)}
FIGURE = re.compile(r"(~\s*)?(\d[\d,]*(?:\.\d+)?)\s*(TB/s|GB/s|GPUs|ms|min|PB|TB|GB|%|s|h)(?![\w/])")


def summary_values(path):
    out = []
    for line in path.read_text().splitlines():
        key, _, rest = line.partition(": ")
        parts = rest.split(" ", 1)
        try:
            value = float(parts[0])
        except ValueError:
            continue
        unit = parts[1].strip() if len(parts) > 1 else ""
        if unit in UNITS:
            dim, scale = UNITS[unit]
            out.append((dim, value * scale, key))
    return out


def agrees(text, value, dim, scale, values):
    decimals = len(text.split(".")[1]) if "." in text else 0
    half = 0.5 * 10 ** -decimals * scale
    return any(d == dim and (abs(v - value) <= half * 1.0001 or abs(v - value) <= 0.005 * abs(value))
               for d, v, _ in values)


def main():
    src = pathlib.Path(sys.argv[1])
    bad, checked = [], 0
    for line in (src / "README.md").read_text().splitlines():
        m = re.match(r"\| `scenarios/([\w-]+)\.yaml` \| (.*?) \| `scenarios/expected/([\w-]+)\.summary`", line)
        if not m:
            continue
        values = summary_values(src / "scenarios/expected" / f"{m.group(3)}.summary")
        inputs = re.sub(r"#.*", "", (src / "scenarios" / f"{m.group(1)}.yaml").read_text())
        for f in FIGURE.finditer(m.group(2)):
            if f.group(1):  # "~": an approximate or wall-clock figure
                continue
            rest = m.group(2)[f.end():f.end() + 6]
            if rest.startswith(" wall"):
                continue
            text, unit = f.group(2).replace(",", ""), f.group(3)
            dim, scale = UNITS[unit]
            checked += 1
            is_input = re.search(rf"(?<![\d.]){re.escape(text)}\s*{re.escape(unit)}(?![\w/])", inputs)
            if not is_input and not agrees(text, float(text) * scale, dim, scale, values):
                bad.append(f"{m.group(1)}: '{f.group(0).strip()}' is in no figure of scenarios/expected/{m.group(3)}.summary")
    for b in bad:
        print("FAIL:", b)
    print(f"{checked} README figures checked against expected summaries, {len(bad)} disagree")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

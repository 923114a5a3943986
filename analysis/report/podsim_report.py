#!/usr/bin/env python3
"""podsim report RESULT.h5 [-o report.html]: one self-contained HTML page for a run, a
comparison or a sweep file (the schema attribute says which). Run by `podsim report`, which
maps its exit codes: 0 written, 2 the input is not a podsim result, 3 the output cannot be written.
"""
import argparse
import os
import sys
import time

from h5read import ReportInputError, attr
from script_io import open_result, run, write_or_exit_code

RENDERERS = {"podsim-run-1": "run_report", "podsim-compare-1": "compare_report", "podsim-sweep-1": "sweep_report"}


def main(argv):
    ap = argparse.ArgumentParser(prog="podsim report", description=__doc__.splitlines()[0])
    ap.add_argument("result", help="a run, compare or sweep HDF5 file")
    ap.add_argument("-o", "--output", help="HTML file to write (default: RESULT with .html)")
    ap.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    args = ap.parse_args(argv)
    output = args.output or os.path.splitext(args.result)[0] + ".html"
    started = time.monotonic()

    def progress(text):
        if not args.quiet:
            print(f"[podsim] report: {text} ({time.monotonic() - started:.1f} s)", file=sys.stderr, flush=True)

    try:
        with open_result(args.result, RENDERERS, "a podsim run, compare or sweep file") as f:
            schema = attr(f, "schema", "none")
            progress(f"{schema} file {args.result}")
            module = __import__(RENDERERS[schema])
            page = module.render(f, args.result, progress)
    except ReportInputError as e:
        print(f"podsim: error: {e}", file=sys.stderr)
        return 2
    except (KeyError, ValueError, IndexError, TypeError, AttributeError, OSError) as e:
        # a file with the right schema but a broken layout or wrong types
        print(f"podsim: error: {args.result}: unreadable podsim file ({type(e).__name__}: {e})", file=sys.stderr)
        return 2
    except Exception as e:  # noqa: BLE001 - values the plots cannot draw are the file's, not a crash (issue 42, D)
        print(f"podsim: error: {args.result}: cannot draw its figures ({type(e).__name__}: {e})", file=sys.stderr)
        return 2
    text = page.render()

    def write(path, _folder):
        with open(path, "x", encoding="utf-8") as out:
            out.write(text)
    if write_or_exit_code(output, args.result, write):
        return 3
    progress(f"{len(page.figure_ids)} figures, {len(text) / 1e6:.1f} MB")
    print(f"report: {output} ({len(page.figure_ids)} figures)")
    return 0


if __name__ == "__main__":
    run(main)

#!/usr/bin/env python3
"""podsim report RESULT.h5 [-o report.html]: one self-contained HTML page for a run, a
comparison or a sweep file (the schema attribute says which). Run by `podsim report`, which
maps its exit codes: 0 written, 2 the input is not a podsim result, 3 the output cannot be written.
"""
import argparse
import os
import sys
import time

import h5py

from h5read import ReportInputError, attr

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
        if not os.path.exists(args.result):
            raise ReportInputError(f"{args.result}: no such file")
        try:
            f = h5py.File(args.result, "r")
        except OSError as e:
            raise ReportInputError(f"{args.result}: not an HDF5 file ({e})") from None
        with f:
            schema = attr(f, "schema", "none")
            if schema not in RENDERERS:
                raise ReportInputError(f"{args.result}: schema '{schema}' is not a podsim run, compare or sweep "
                                       f"file (expected one of {', '.join(RENDERERS)})")
            progress(f"{schema} file {args.result}")
            module = __import__(RENDERERS[schema])
            page = module.render(f, args.result, progress)
    except ReportInputError as e:
        print(f"podsim: error: {e}", file=sys.stderr)
        return 2
    except (KeyError, ValueError, IndexError) as e:  # a file with the right schema but a broken layout
        print(f"podsim: error: {args.result}: unreadable podsim file ({type(e).__name__}: {e})", file=sys.stderr)
        return 2
    text = page.render()
    temporary = f"{output}.tmp-{os.getpid()}"  # never a half-written report
    try:
        with open(temporary, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, output)
    except OSError as e:
        if os.path.exists(temporary):
            os.unlink(temporary)
        print(f"podsim: error: cannot write {output}: {e.strerror}", file=sys.stderr)
        return 3
    progress(f"{len(page.figure_ids)} figures, {len(text) / 1e6:.1f} MB")
    print(f"report: {output} ({len(page.figure_ids)} figures)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

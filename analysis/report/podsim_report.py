#!/usr/bin/env python3
"""podsim report RESULT.h5 [-o report.html]: one self-contained HTML page for a run, a
comparison or a sweep file (the schema attribute says which). Run by `podsim report`, which
maps its exit codes: 0 written, 2 the input is not a podsim result, 3 the output cannot be written.
"""
import argparse
import os
import shutil
import signal
import stat
import sys
import tempfile
import time

import h5py

from h5read import ReportInputError, attr

RENDERERS = {"podsim-run-1": "run_report", "podsim-compare-1": "compare_report", "podsim-sweep-1": "sweep_report"}


class OutputRefused(Exception):
    pass


def write_atomically(output, text, result):
    """Like analysis/output_file.cpp: only a new path or a regular file, never the input; written
    in a private folder beside it (mkdtemp, 0700) and renamed when complete."""
    try:
        st = os.lstat(output)
    except FileNotFoundError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise OutputRefused(f"refusing to write {output}: it is not a regular file (a link, device or folder)")
    if st is not None and os.path.exists(result) and os.path.samefile(output, result):
        raise OutputRefused(f"refusing to write {output}: it is the input {result}")
    folder = os.path.dirname(output) or "."
    private = tempfile.mkdtemp(prefix=".podsim-", dir=folder)
    try:
        temporary = os.path.join(private, os.path.basename(output))
        with open(temporary, "x", encoding="utf-8") as out:
            out.write(text)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)
        os.replace(temporary, output)
    finally:
        shutil.rmtree(private, ignore_errors=True)


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
    except (KeyError, ValueError, IndexError, TypeError, AttributeError, OSError) as e:
        # a file with the right schema but a broken layout or wrong types
        print(f"podsim: error: {args.result}: unreadable podsim file ({type(e).__name__}: {e})", file=sys.stderr)
        return 2
    text = page.render()
    try:
        write_atomically(output, text, args.result)
    except OutputRefused as e:
        print(f"podsim: error: {e}", file=sys.stderr)
        return 3
    except OSError as e:
        print(f"podsim: error: cannot write {output}: {e.strerror}", file=sys.stderr)
        return 3
    progress(f"{len(page.figure_ids)} figures, {len(text) / 1e6:.1f} MB")
    print(f"report: {output} ({len(page.figure_ids)} figures)")
    return 0


if __name__ == "__main__":
    # SIGTERM (passed on by podsim) unwinds like Ctrl-C, so the temporary folder is removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)

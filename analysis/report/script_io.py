"""What the report scripts (podsim report, podsim summary) share: opening a podsim HDF5 file with
a clear error, writing the output atomically, and the exit codes podsim passes through
(0 written, 2 the input is not the right podsim file, 3 the output cannot be written)."""
import os
import shutil
import signal
import stat
import sys
import tempfile

import h5py

from h5read import ReportInputError, attr


class OutputRefused(Exception):
    pass


def open_result(path, schemas, what):
    """The HDF5 file at `path`, whose schema attribute is one of `schemas` (ReportInputError otherwise)."""
    if not os.path.exists(path):
        raise ReportInputError(f"{path}: no such file")
    try:
        f = h5py.File(path, "r")
    except OSError as e:
        raise ReportInputError(f"{path}: not an HDF5 file ({e})") from None
    schema = attr(f, "schema", "none")
    if schema not in schemas:
        f.close()
        raise ReportInputError(f"{path}: schema '{schema}' is not {what} (expected one of {', '.join(schemas)})")
    return f


def write_atomically(output, result, write):
    """Like analysis/output_file.cpp: only a new path or a regular file, never the input. `write(path,
    folder)` writes into a private folder beside the output (mkdtemp, 0700); the file is renamed
    into place when complete."""
    try:
        st = os.lstat(output)
    except FileNotFoundError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise OutputRefused(f"refusing to write {output}: it is not a regular file (a link, device or folder)")
    if st is not None and os.path.exists(result) and os.path.samefile(output, result):
        raise OutputRefused(f"refusing to write {output}: it is the input {result}")
    private = tempfile.mkdtemp(prefix=".podsim-", dir=os.path.dirname(output) or ".")
    try:
        temporary = os.path.join(private, os.path.basename(output))
        write(temporary, private)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)
        os.replace(temporary, output)
    finally:
        shutil.rmtree(private, ignore_errors=True)


def write_or_exit_code(output, result, write):
    """write_atomically, as an exit code: 0 written, 3 refused or failed (the reason on stderr)."""
    try:
        write_atomically(output, result, write)
    except OutputRefused as e:
        print(f"podsim: error: {e}", file=sys.stderr)
        return 3
    except OSError as e:
        print(f"podsim: error: cannot write {output}: {e.strerror}", file=sys.stderr)
        return 3
    return 0


def run(main):
    """Runs main(argv): SIGTERM (passed on by podsim) unwinds like Ctrl-C, so temporaries are removed."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)

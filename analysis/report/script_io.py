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


def check_contents(f, path):
    """A podsim file holds groups, datasets and attributes, nothing that reaches outside it: an
    external or soft link, a virtual dataset or raw data in an external file could name a FIFO
    (and hang the reader) or another file; a dataset may not declare more values than the file
    holds bytes for (a 20 kB file declaring 10^9 values asked for gigabytes). Issue 42, class E."""
    size = os.path.getsize(path)

    def walk(group):
        for name in group:
            link = group.get(name, getlink=True)
            if not isinstance(link, h5py.HardLink):
                kind = "an external link" if isinstance(link, h5py.ExternalLink) else "a soft link"
                raise ReportInputError(f"{path}: {group.name.rstrip('/')}/{name} is {kind}; a podsim file has none")
            obj = group[name]
            if isinstance(obj, h5py.Group):
                walk(obj)
                continue
            if obj.is_virtual or obj.external:
                raise ReportInputError(f"{path}: {obj.name} takes its values from another file; a podsim file has none")
            declared = obj.size * max(obj.dtype.itemsize, 1)
            if declared > 16 * size + (1 << 20):
                raise ReportInputError(f"{path}: {obj.name} declares {obj.size} values, more than its "
                                       f"{size} bytes can hold (a damaged or crafted file)")
    walk(f)


def open_checked(path):
    """An HDF5 file podsim may read: a regular file, its contents within it (check_contents)."""
    try:
        st = os.stat(path)
    except OSError:
        raise ReportInputError(f"{path}: no such file") from None
    if not stat.S_ISREG(st.st_mode):
        raise ReportInputError(f"{path}: not a regular file (a FIFO, a device or a folder)")
    try:
        f = h5py.File(path, "r")
    except OSError as e:
        raise ReportInputError(f"{path}: not an HDF5 file ({e})") from None
    try:
        check_contents(f, path)
    except ReportInputError:
        f.close()
        raise
    return f


def open_result(path, schemas, what):
    """The HDF5 file at `path`, whose schema attribute is one of `schemas` (ReportInputError otherwise)."""
    f = open_checked(path)
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

"""Small helpers over h5py: strings as str, attributes with their units, a clear error for a bad file."""
import numpy as np


class ReportInputError(Exception):
    """The file is not a podsim result, or lacks a part the report needs (exit 2)."""


def strings(dataset):
    """A string dataset (any shape) as a numpy array of str."""
    return np.asarray(dataset.asstr()[()], dtype=object)


def attr(obj, name, default=None):
    if name not in obj.attrs:
        if default is not None:
            return default
        raise ReportInputError(f"{obj.file.filename}: {obj.name} has no attribute '{name}'")
    value = obj.attrs[name]
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.ndarray) and value.shape == (1,):
        value = value[0]
    if isinstance(value, np.generic):
        return value.item()
    return value


def require(group, path):
    if path not in group:
        raise ReportInputError(f"{group.file.filename}: no '{path}' in {group.name} (is it a podsim file?)")
    return group[path]


def phase_user_bytes(phase):
    """B acknowledged per bucket from bucket 0: a phase's series starts at its own first bucket
    (attribute user_bytes_first_bucket), so late phases keep no zeros in the file."""
    first = int(attr(phase, "user_bytes_first_bucket", 0))
    user = phase["user_bytes"][()]
    return np.concatenate([np.zeros(first), user]) if first else user

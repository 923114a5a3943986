#!/usr/bin/env python3
"""Load a podsim sweep file (<sweep>.sweep/sweep.h5) into numpy arrays (h5py).

usage: python3 docs/examples/load_sweep.py SWEEP.h5
Prints every point's axis values and first phase's sustained rate, then each axis's knees.
"""
import sys

import h5py

with h5py.File(sys.argv[1], "r") as f:
    g = f["sweep"]
    axes = g["axis"].asstr()[:]                 # axis paths, e.g. design.cnodes.count
    values = g["axis_value"].asstr()[:]         # [points x axes], as written in each point's scenario
    keys = list(g["figure_key"].asstr()[:])     # every numeric summary key, e.g. checkpoint-1.sustained
    figure = g["figure"][:]                     # [points x keys]; NaN where a point has no such figure
    status = g["status"].asstr()[:]
    key = next(k for k in keys if k.endswith(".sustained"))
    column = figure[:, keys.index(key)]
    for n in range(len(status)):
        point = ", ".join(f"{a}={v}" for a, v in zip(axes, values[n]))
        print(f"point {n} ({status[n]}): {point}: {key} {column[n]:.3f} TB/s")
    for k in g["by_axis"]:                      # per axis: group means and where the bottleneck changes
        view = g["by_axis"][k]
        labels = view["label"].asstr()[:]
        for i, kind in enumerate(view["change_kind"].asstr()[:]):
            at = int(view["change_group"][i])
            print(f"{view.attrs['axis']}: {kind} ({view['change_phase'].asstr()[i]}) from "
                  f"{view['change_from'].asstr()[i]} to {view['change_to'].asstr()[i]} "
                  f"between {labels[at - 1]} and {labels[at]}")

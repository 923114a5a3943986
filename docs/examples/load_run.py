#!/usr/bin/env python3
"""Load a podsim run file into numpy arrays (h5py), the starting point for your own analysis.

usage: python3 docs/examples/load_run.py RESULT.h5
Prints each phase's sustained rate, its throughput series and the busiest resource class over time.
"""
import sys

import h5py
import numpy as np

with h5py.File(sys.argv[1], "r") as f:
    dt = f.attrs["sample_interval"]                       # s per bucket
    summary = dict(zip(f["summary/key"].asstr()[:], f["summary/value"][:]))
    units = dict(zip(f["summary/key"].asstr()[:], f["summary/unit"].asstr()[:]))

    # Resources: one row per resource direction; amount is bytes per bucket.
    res = f["resources"]
    label = res["class_label"].asstr()[:]                 # e.g. "dnode_controller write"
    capacity = res["capacity"][:]                         # B/s
    amount = res["amount"][:]                             # [resources x buckets], B per bucket

    for name in f["phases"]:
        ph = f["phases"][name]
        first = int(ph.attrs.get("user_bytes_first_bucket", 0))  # the series starts at the phase's bucket
        rate = np.concatenate([np.zeros(first), ph["user_bytes"][:]]) / dt / 1e12  # TB/s per bucket
        t = np.arange(rate.size) * dt
        busy = t[(rate > 0)]
        bottleneck = ph["utilization/resource_class"].asstr()[0]
        rows = label == bottleneck                        # every instance of the bottleneck class
        util = amount[rows].sum(axis=0) / (capacity[rows].sum() * dt)
        print(f"{name}: {ph.attrs['kind']}, sustained {ph.attrs['sustained'] / 1e12:.3f} TB/s "
              f"(summary: {summary[name + '.sustained']:.3f} {units[name + '.sustained']}), "
              f"busy from {busy.min():.2f} s to {busy.max() + dt:.2f} s, "
              f"{ph['writer_done'].size} writers, p99 {np.percentile(ph['writer_done'][:], 99):.3f} s; "
              f"bottleneck {bottleneck}, at most {util.max():.0%} busy in one bucket")

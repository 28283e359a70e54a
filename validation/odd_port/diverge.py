"""Draw-for-draw check: first week at which each series of the port differs from the engine's."""
import sys

import h5py
import numpy as np


def main(h5path, npzpath, run=0, tol=1e-9):
    f = h5py.File(h5path, "r")
    z = np.load(npzpath)
    rows = []
    for k in sorted(f["series"].keys()):
        if k in ("run", "step") or "series/" + k not in z:
            continue
        a = f["series"][k][run]
        if a.ndim != 1:
            continue
        b = z["series/" + k][run]
        d = np.abs(a - b) > tol * np.maximum(1.0, np.abs(a))
        first = int(np.argmax(d)) if d.any() else -1
        rows.append((first if first >= 0 else 10**9, k, first, a[first] if first >= 0 else a[-1],
                     b[first] if first >= 0 else b[-1]))
    for _, k, first, a, b in sorted(rows):
        print(f"{k:36s} first differs at step {first:5d}  engine {a:.10g}  port {b:.10g}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 0)

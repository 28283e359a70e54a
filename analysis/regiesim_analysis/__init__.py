"""Load, analyse and plot regiesim results files (HDF5 schema v2, docs/output.md).

``load(path)`` opens a file lazily as tidy pandas frames (``Results``); ``indices`` estimates Sobol
and Morris sensitivity indices from a sweep's design; ``plots`` draws the figures. Run with
Debian's interpreter, /usr/bin/python3, which has h5py, numpy, pandas, scipy and matplotlib.
"""

__all__ = ["Results", "load"]


def __getattr__(name):
    # Imported on first use, so that the checking child (regiesim_analysis._walk) starts without
    # pandas.
    if name in ("Results", "load"):
        from . import results

        return getattr(results, name)
    raise AttributeError(name)

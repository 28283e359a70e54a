"""Load regiesim results files (HDF5 schema v2, docs/output.md) into tidy pandas DataFrames.

Run with Debian's interpreter, /usr/bin/python3, which has h5py, numpy and pandas.
"""

from .load import Results, load

__all__ = ["Results", "load"]

"""The deep check of an untrusted results file, run in a child process.

A file damaged past its superblock can crash HDF5 1.10 (seen: SIGSEGV) or make it loop; a crash
inside a library is still a crash, so the first full walk of the file's metadata happens in a
child. The walk opens every object, reads its attributes, shape and type, and asks every chunked
dataset for its number of chunks: one pass over the chunk index, no chunk data (per-chunk
``get_chunk_info`` would be quadratic on HDF5 1.10). After each object it reports progress
through a pipe, so the parent can tell a large file that is being walked from a file that hangs.

This module imports only h5py, so that the child starts quickly.
"""

from __future__ import annotations

import h5py


def walk(path: str, connection) -> None:
    """Walks the file at ``path``; sends ("progress", n) after each object, then ("done", n), or
    ("error", object name, message) for an error HDF5 reports instead of crashing."""
    count = 0
    current = "/"
    try:
        with h5py.File(path, "r") as f:
            for key in f.attrs:
                f.attrs[key]
            names: list[str] = []
            f.visit(names.append)
            for name in names:
                current = "/" + name
                obj = f[name]
                for key in obj.attrs:
                    obj.attrs[key]
                if isinstance(obj, h5py.Dataset):
                    obj.shape, obj.dtype  # noqa: B018 -- reading the metadata is the check
                    if obj.chunks is not None:
                        obj.id.get_num_chunks()
                count += 1
                connection.send(("progress", count))
        connection.send(("done", count))
    except Exception as e:  # reported by the parent, naming the file and the object
        connection.send(("error", current, f"{type(e).__name__}: {e}"))
    finally:
        connection.close()

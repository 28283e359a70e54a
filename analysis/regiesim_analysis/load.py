"""Tidy loading of a regiesim results file (HDF5 schema v2, docs/output.md).

Every table is long ("tidy"): one row per observation, the run's identifiers as columns, so that
pandas' groupby and seaborn-style plotting work directly. For labelled arrays instead, open a
group with xarray: ``xarray.open_dataset(path, engine="h5netcdf", group="series")``.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import stat
from dataclasses import dataclass, field
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

SCHEMA = "regiesim-results"
SUPPORTED_SCHEMA_VERSION = 2


def _text(value) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


@dataclass
class Results:
    """The content of one results file as tidy tables."""

    path: Path
    attributes: dict
    runs: pd.DataFrame
    summary: pd.DataFrame
    parameters: pd.DataFrame
    series: pd.DataFrame | None = None
    events: pd.DataFrame | None = None
    meetings: pd.DataFrame | None = None
    negotiations: pd.DataFrame | None = None
    agents: pd.DataFrame | None = None
    trust: pd.DataFrame | None = None
    partners: list[str] = field(default_factory=list)
    scenarios: list[str] = field(default_factory=list)
    # A sweep: per design point (index) and swept path (column), the assignment ("path=value") that
    # applied to scenarios[0] gives the point's scenario (docs/output.md, /manifest).
    point_assignments: pd.DataFrame | None = None


def _data(group: h5py.Group) -> list[str]:
    """The data members of a group, not the coordinates (dimension scales) labelling them."""
    return [n for n in group if group[n].attrs.get("CLASS") != b"DIMENSION_SCALE"]


def _enum_names(dataset: h5py.Dataset) -> dict[int, str]:
    return {v: k for k, v in h5py.check_enum_dtype(dataset.dtype).items()}


def _runs(f: h5py.File) -> pd.DataFrame:
    raw = f["runs"][...]
    status_names = {v: k for k, v in h5py.check_enum_dtype(f["runs"].dtype["status"]).items()}
    return pd.DataFrame(
        {
            "run": raw["run_id"].astype(np.int64),
            "point": raw["point"].astype(np.int64),
            "arm": raw["arm"].astype(np.int64),
            "replication": raw["replication"].astype(np.int64),
            "seed": raw["seed"].astype(np.uint64),
            "status": [status_names[int(s)] for s in raw["status"]],
            "failure_reason": [_text(s) for s in raw["failure_reason"]],
        }
    )


def _per_run_table(group: h5py.Group, runs: pd.DataFrame) -> pd.DataFrame:
    """One row per run, one column per dataset of the group; enums by name, per-dimension
    parameters as one column per dimension (``path[k]``)."""
    wide = {"run": runs["run"].to_numpy()}
    for name in _data(group):
        dataset = group[name]
        values = dataset[...]
        if h5py.check_enum_dtype(dataset.dtype) is not None:
            names = _enum_names(dataset)
            wide[name] = [names[int(v)] for v in values]
        elif values.ndim == 2:
            for k in range(values.shape[1]):
                wide[f"{name}[{k}]"] = values[:, k]
        else:
            wide[name] = values
    return pd.DataFrame(wide)


def _series(group: h5py.Group, run_ids: np.ndarray) -> pd.DataFrame:
    frames = []
    for name in _data(group):
        values = group[name][...]  # (run, step)
        runs, steps = values.shape
        frames.append(
            pd.DataFrame(
                {
                    "run": np.repeat(run_ids, steps),
                    "step": np.tile(np.arange(steps, dtype=np.int64), runs),
                    "metric": name,
                    "value": values.reshape(-1),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def _per_sample(values: np.ndarray, run_ids, sample_steps, labels, label_name) -> pd.DataFrame:
    runs, samples, items = values.shape
    return pd.DataFrame(
        {
            "run": np.repeat(run_ids, samples * items),
            "step": np.tile(np.repeat(sample_steps, items), runs),
            label_name: np.tile(labels, runs * samples),
            "value": values.reshape(-1),
        }
    )


def _columns(group: h5py.Group, names: list[str]) -> dict:
    """The named 1-D columns of a table group, enums by name."""
    out = {}
    for name in names:
        dataset = group[name]
        values = dataset[...]
        enum = h5py.check_enum_dtype(dataset.dtype)
        if enum is not None and set(enum) != {"FALSE", "TRUE"}:
            names_of = _enum_names(dataset)
            out[name] = [names_of[int(v)] for v in values]
        else:
            out[name] = values
    return out


def _ragged(values: np.ndarray, offsets: np.ndarray, counts: np.ndarray) -> list[list]:
    return [values[o : o + c].tolist() for o, c in zip(offsets, counts)]


def _meetings(group: h5py.Group, partners: list[str]) -> pd.DataFrame:
    table = pd.DataFrame(
        _columns(group, ["run", "step", "meeting_id", "mode", "convened_by", "size"])
    )
    ids = group["participants"][...]
    names = np.array(partners, dtype=object)
    table["participants"] = [
        list(names[p]) for p in _ragged(ids, group["participants_offset"][...], table["size"])
    ]
    return table


def _negotiations(group: h5py.Group, partners: list[str]) -> pd.DataFrame:
    table = pd.DataFrame(
        _columns(
            group,
            ["run", "step", "negotiation_id", "meeting_id", "protocol", "rounds", "agreed",
             "log_nash_product", "fairness"],
        )
    )
    table["agreed"] = table["agreed"].astype(bool)
    names = np.array(partners, dtype=object)
    table["participants"] = [
        list(names[p])
        for p in _ragged(
            group["participants"][...],
            group["participants_offset"][...],
            group["participant_count"][...],
        )
    ]
    table["shares"] = _ragged(
        group["shares"][...], group["shares_offset"][...], group["share_count"][...]
    )
    return table


_SIGNATURE = b"\x89HDF\r\n\x1a\n"


def check_hdf5_file(path: Path) -> None:
    """The checks of an untrusted file before HDF5 parses anything (DECISIONS 14), as
    `regiesim inspect` makes them: a regular file, the HDF5 signature at offset 0, a known
    superblock version with sound sizes, and as long as the superblock says. Raises ValueError."""
    try:
        mode = os.stat(path).st_mode
    except OSError as e:
        raise ValueError(f"{path}: {e.strerror.lower() if e.strerror else e}") from None
    if stat.S_ISDIR(mode):
        raise ValueError(f"{path}: is a directory")
    if not stat.S_ISREG(mode):
        raise ValueError(f"{path}: not a regular file")
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        head = f.read(64)
    if head[:8] != _SIGNATURE:
        raise ValueError(f"{path}: not an HDF5 file (no HDF5 signature at offset 0)")
    if len(head) < 16:
        raise ValueError(f"{path}: truncated: the file ends inside the HDF5 superblock")
    version = head[8]
    if version in (0, 1):
        offset_size, base_at = head[13], (24 if version == 0 else 28)
    elif version in (2, 3):
        offset_size, base_at = head[9], 12
    else:
        raise ValueError(f"{path}: unsupported HDF5 superblock version {version}")
    if offset_size not in (2, 4, 8):
        raise ValueError(f"{path}: corrupt HDF5 superblock: size of offsets {offset_size}")
    eof_at = base_at + 2 * offset_size
    if len(head) < eof_at + offset_size:
        raise ValueError(f"{path}: truncated: the file ends inside the HDF5 superblock")
    eof = int.from_bytes(head[eof_at : eof_at + offset_size], "little")
    if eof > size:
        raise ValueError(f"{path}: truncated: the superblock says {eof} bytes, the file has {size}")


def _read_in_child(path: Path, timeout: float) -> None:
    """Reads the whole file once in a forked child: a file damaged past its superblock can crash
    HDF5 1.10 (seen: SIGSEGV), and a crash in a library is still a crash (DECISIONS 14)."""
    context = multiprocessing.get_context("fork")
    child = context.Process(target=_read_quietly, args=(path,))
    child.start()
    child.join(timeout)
    if child.is_alive():
        child.kill()
        child.join()
        raise ValueError(f"{path}: damaged: HDF5 did not finish reading it within {timeout:.0f} s")
    if child.exitcode is not None and child.exitcode < 0:
        name = signal.Signals(-child.exitcode).name
        raise ValueError(f"{path}: damaged: reading it crashed HDF5 ({name})")


def _read_quietly(path: Path) -> None:
    try:
        _read(path)
    except Exception:  # reported by the parent's own read, with the file's name
        pass


def load(path: str | Path, timeout: float = 60) -> Results:
    """Reads a results file into tidy DataFrames; groups absent at the file's level are None.

    Raises ValueError naming the file for anything that is not a sound regiesim results file of
    the supported schema: missing, truncated, damaged, foreign, or of another schema version. The
    file is first read once in a child process, so a file that would crash HDF5 raises instead.
    """
    path = Path(path)
    check_hdf5_file(path)
    _read_in_child(path, timeout)
    try:
        return _read(path)
    except Exception as e:  # h5py's OSError and KeyError on a damaged file, invalid UTF-8, ...
        if isinstance(e, ValueError) and str(e).startswith(f"{path}: "):
            raise  # already says which file and what is wrong with it
        raise ValueError(f"{path}: damaged or not a regiesim results file: {e}") from e


def _read(path: Path) -> Results:
    with h5py.File(path, "r") as f:
        attributes = {k: (_text(v) if isinstance(v, (bytes, str)) else v) for k, v in f.attrs.items()}
        if attributes.get("schema") != SCHEMA:
            raise ValueError(f"{path}: not a regiesim results file")
        version = int(attributes.get("schema_version", 0))
        if version != SUPPORTED_SCHEMA_VERSION:
            written_by = attributes.get("regiesim_version", "an unknown regiesim")
            raise ValueError(
                f"{path}: a results file of schema version {version} (written by regiesim "
                f"{written_by}); this package reads version {SUPPORTED_SCHEMA_VERSION} only"
                + (": run the scenario again to get a current file" if version < 2 else "")
            )
        runs = _runs(f)
        run_ids = runs["run"].to_numpy()
        partners = [_text(n) for n in f["partner"][...]]
        results = Results(
            path=path,
            attributes=attributes,
            runs=runs,
            summary=_per_run_table(f["summary"], runs),
            parameters=_per_run_table(f["parameters"], runs),
            partners=partners,
            scenarios=[_text(t) for t in f["manifest/scenarios"][...]],
        )
        if "manifest/point_assignments" in f:
            table = f["manifest/point_assignments"][...]
            results.point_assignments = pd.DataFrame(
                [[_text(a) for a in row] for row in table],
                index=pd.Index(f["manifest/point"][...].astype(np.int64), name="point"),
                columns=[_text(n) for n in f["manifest/factor"][...]],
            )
        if "series" in f:
            results.series = _series(f["series"], run_ids)
        if "events" in f:
            events = pd.DataFrame(
                _columns(f["events"], ["run", "step", "kind", "source", "target", "cost", "value"])
            )
            results.events = events
        if "meetings" in f:
            results.meetings = _meetings(f["meetings"], partners)
        if "negotiations" in f:
            results.negotiations = _negotiations(f["negotiations"], partners)
        if "agents" in f:
            sample_steps = f["agents/sample_step"][...].astype(np.int64)
            frames = []
            for name in _data(f["agents"]):
                frame = _per_sample(f["agents"][name][...], run_ids, sample_steps, partners, "partner")
                frame.insert(3, "variable", name)
                frames.append(frame)
            results.agents = pd.concat(frames, ignore_index=True)
        if "trust" in f:
            sample_steps = f["agents/sample_step"][...].astype(np.int64)
            edges = f["trust/edges"][...]
            names = np.array(partners, dtype=object)
            frame = _per_sample(
                f["trust/values"][...], run_ids, sample_steps, np.arange(len(edges)), "edge"
            )
            frame.insert(3, "truster", np.tile(names[edges[:, 0]], len(frame) // len(edges)))
            frame.insert(4, "trusted", np.tile(names[edges[:, 1]], len(frame) // len(edges)))
            results.trust = frame
    return results

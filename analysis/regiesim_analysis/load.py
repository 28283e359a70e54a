"""Tidy loading of a regiesim results file (HDF5 schema v2, docs/output.md).

Every table is long ("tidy"): one row per observation, the run's identifiers as columns, so that
pandas' groupby and seaborn-style plotting work directly. For labelled arrays instead, open a
group with xarray: ``xarray.open_dataset(path, engine="h5netcdf", group="series")``.
"""

from __future__ import annotations

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


def load(path: str | Path) -> Results:
    """Reads a results file into tidy DataFrames; groups absent at the file's level are None.

    Raises ValueError for a file that is not a regiesim results file of a supported schema.
    """
    path = Path(path)
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

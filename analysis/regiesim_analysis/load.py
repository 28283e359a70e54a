"""Tidy loading of a regiesim results file.

Every table is long ("tidy"): one row per observation, the run's identifiers as columns, so that
pandas' groupby and seaborn-style plotting work directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

SCHEMA = "regiesim-results"
SUPPORTED_SCHEMA_VERSION = 1


def _text(value) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


@dataclass
class Results:
    """The content of one results file as tidy tables."""

    path: Path
    attributes: dict
    runs: pd.DataFrame
    summary: pd.DataFrame
    series: pd.DataFrame | None = None
    events: pd.DataFrame | None = None
    agents: pd.DataFrame | None = None
    trust: pd.DataFrame | None = None
    partners: list[str] = field(default_factory=list)


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


def _per_run_metric_table(group: h5py.Group, runs: pd.DataFrame) -> pd.DataFrame:
    wide = pd.DataFrame({name: group[name][...] for name in group})
    wide.insert(0, "run", runs["run"].to_numpy())
    return wide


def _series(group: h5py.Group, run_ids: np.ndarray) -> pd.DataFrame:
    frames = []
    for name in group:
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
        if version > SUPPORTED_SCHEMA_VERSION:
            raise ValueError(
                f"{path}: schema version {version}; this package reads {SUPPORTED_SCHEMA_VERSION}"
            )
        runs = _runs(f)
        run_ids = runs["run"].to_numpy()
        partners = [_text(n) for n in f["axes/partner"][...]] if "axes/partner" in f else []
        results = Results(
            path=path,
            attributes=attributes,
            runs=runs,
            summary=_per_run_metric_table(f["summary"], runs),
            partners=partners,
        )
        if "series" in f:
            results.series = _series(f["series"], run_ids)
        if "events" in f:
            raw = f["events"][...]
            kinds = {v: k for k, v in h5py.check_enum_dtype(f["events"].dtype["kind"]).items()}
            results.events = pd.DataFrame(
                {
                    "run": raw["run"].astype(np.int64),
                    "step": raw["step"].astype(np.int64),
                    "kind": [kinds[int(k)] for k in raw["kind"]],
                    "source": raw["source"].astype(np.int64),
                    "target": raw["target"].astype(np.int64),
                    "cost": raw["cost"],
                    "value": raw["value"],
                }
            )
        if "agents" in f:
            sample_steps = f["axes/sample_step"][...].astype(np.int64)
            frames = []
            for name in f["agents"]:
                frame = _per_sample(f["agents"][name][...], run_ids, sample_steps, partners, "partner")
                frame.insert(3, "variable", name)
                frames.append(frame)
            results.agents = pd.concat(frames, ignore_index=True)
        if "trust" in f:
            sample_steps = f["axes/sample_step"][...].astype(np.int64)
            edges = f["trust/edges"][...]
            names = np.array(partners, dtype=object)
            frame = _per_sample(
                f["trust/values"][...], run_ids, sample_steps, np.arange(len(edges)), "edge"
            )
            frame.insert(3, "truster", np.tile(names[edges[:, 0]], len(frame) // len(edges)))
            frame.insert(4, "trusted", np.tile(names[edges[:, 1]], len(frame) // len(edges)))
            results.trust = frame
    return results

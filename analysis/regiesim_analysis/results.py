"""Lazy, tidy loading of a regiesim results file (HDF5 schema v2, docs/output.md).

``load(path)`` checks the file and reads only its index and small tables (``/runs``,
``/parameters``, ``/manifest``, ``/design``, ``/summary``); the series, tables, agents and trust
are read the first time they are asked for, and ``Results.select_series`` reads a subset. Every
frame is long ("tidy"): one row per observation, with the run's design point, arm and status and
the parameters that vary between runs joined in, so that pandas' groupby works directly.
``Results.as_xarray(group)`` gives the same as a labelled ``xarray.Dataset``.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import stat
import sys
from functools import cached_property
from pathlib import Path


def _start_checker() -> None:
    """Starts the forkserver that the deep check's children come from, with h5py imported in
    it, now, so that it gets ready while this process imports pandas (saves some 0.4 s on the
    first load())."""
    try:
        multiprocessing.get_context("forkserver").set_forkserver_preload(
            ["regiesim_analysis._walk"])
        from multiprocessing import forkserver

        forkserver.ensure_running()
    except Exception:  # load() starts it (or reports why it cannot) when it needs it
        pass


_start_checker()

import h5py  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

SCHEMA = "regiesim-results"
SUPPORTED_SCHEMA_VERSION = 2

# The deep check gives up when the child reports no progress for this long; a large sound file
# keeps reporting (one message per object), so it is never called damaged for its size.
STALL_SECONDS = 10.0


def _text(value) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _data(group: h5py.Group) -> list[str]:
    """The data members of a group, not the coordinates (dimension scales) labelling them."""
    return [n for n in group if group[n].attrs.get("CLASS") != b"DIMENSION_SCALE"]


def _enum_names(dtype) -> dict[int, str] | None:
    enum = h5py.check_enum_dtype(dtype)
    return None if enum is None else {int(v): k for k, v in enum.items()}


def _never_happened(attrs) -> bool:
    """A metric whose value T + 1 means "never happened" (docs/output.md: its description says
    "T + 1 while never"), exposed as pandas' nullable NA."""
    return "T + 1" in _text(attrs.get("description", ""))


def _attrs(obj) -> dict:
    out = {}
    for k, v in obj.attrs.items():
        if k in ("DIMENSION_LIST", "REFERENCE_LIST", "CLASS", "NAME", "_Netcdf4Dimid",
                 "_Netcdf4Coordinates", "_nc3_strict"):
            continue
        if isinstance(v, bytes):
            v = _text(v)
        elif isinstance(v, np.ndarray) and v.dtype.kind in "OS":
            v = [_text(x) for x in v]
        out[k] = v
    return out


def _scalar(value):
    """An attribute as a plain Python value (numpy scalars and one-element arrays unwrapped)."""
    if isinstance(value, np.ndarray) and value.size == 1:
        value = value.reshape(-1)[0]
    return value.item() if isinstance(value, np.generic) else value


def _labels(values: np.ndarray, names: dict[int, str]) -> pd.Categorical:
    """Enum codes as a categorical of their names, in the enum's number order."""
    order = sorted(names)
    codes = np.searchsorted(order, values)
    return pd.Categorical.from_codes(codes.astype(np.int64), [names[k] for k in order])


def _row_selection(rows: np.ndarray, length: int):
    """A selection h5py reads quickly: a slice when the rows are contiguous or dense, else the
    sorted rows; and the index into what it reads that gives ``rows``."""
    if len(rows) == 0:
        return slice(0, 0), np.zeros(0, dtype=np.int64)
    lo, hi = int(rows.min()), int(rows.max()) + 1
    if hi - lo <= 8 * len(rows):
        return slice(lo, hi), rows - lo
    unique = np.unique(rows)
    return unique.tolist(), np.searchsorted(unique, rows)


class Design:
    """A sweep's design (``/design``): per point its role in its scheme, the column moved, the
    base index (Saltelli row, Morris trajectory), the Morris step, and the unit-cube coordinates
    and parameter values per factor."""

    def __init__(self, group: h5py.Group):
        self.attributes = _attrs(group)
        self.kind = _text(self.attributes.get("kind", ""))
        self.factors = [_text(n) for n in group["factor"][...]]
        role = group["role"][...]
        names = _enum_names(group["role"].dtype)
        self.table = pd.DataFrame(
            {
                "point": group["point"][...].astype(np.int64),
                "role": [names[int(r)] for r in role] if names else role,
                "column": group["column"][...].astype(np.int64),
                "base_index": group["base_index"][...].astype(np.int64),
                "step": group["step"][...].astype(np.int64),
            }
        )
        self.coordinates = np.asarray(group["coordinates"][...], dtype=np.float64)
        self.values = np.asarray(group["value"][...], dtype=np.float64)
        self._path = group.file.filename
        self._has_labels = "label" in group

    @cached_property
    def labels(self) -> np.ndarray | None:
        """Per point and factor the value as text ("controlling", "0.23"); read on first use."""
        if not self._has_labels:
            return None
        with h5py.File(self._path, "r") as f:
            raw = f["design/label"][...]
        return np.char.decode(raw.astype(bytes), "utf-8").astype(object)

    def __len__(self) -> int:
        return len(self.table)

    def frame(self) -> pd.DataFrame:
        """One row per point: the table and the parameter values, one column per factor."""
        out = self.table.copy()
        for i, name in enumerate(self.factors):
            out[name] = self.values[:, i]
        return out


class Results:
    """One results file. Small tables are read on opening; the rest on first use.

    Attributes read on opening: ``attributes`` (the root's), ``runs``, ``parameters``,
    ``summary``, ``partners``, ``scenarios``, ``point_assignments`` and ``design`` (sweeps; else
    None). Read on first use and then kept: ``series``, ``events``, ``meetings``,
    ``negotiations``, ``agents``, ``trust`` (None where the file's record level has none).
    """

    def __init__(self, path: Path, f: h5py.File):
        self.path = path
        self.attributes = {
            k: (_text(v) if isinstance(v, (bytes, str)) else v) for k, v in f.attrs.items()
        }
        self.groups = {name for name in f}
        self.runs = _runs(f)
        self._rows_of_run = pd.Series(np.arange(len(self.runs)), index=self.runs["run"].to_numpy())
        self.partners = [_text(n) for n in f["partner"][...]]
        self.scenarios = [_text(t) for t in f["manifest/scenarios"][...]]
        self.manifest = _attrs(f["manifest"])
        self.steps = int(self.manifest.get("steps", 0))
        self.parameters = _per_run_table(f["parameters"], self.runs, self.steps)
        self.design = Design(f["design"]) if "design" in f else None
        self.arm_names = (
            [_text(n) for n in f["manifest/arm_names"][...]] if "manifest/arm_names" in f else None
        )
        self.units = {}
        for group in ("summary", "series", "agents"):
            if group in f:
                for name in _data(f[group]):
                    self.units[name] = _text(f[group][name].attrs.get("units", ""))
        self.summary = _per_run_table(f["summary"], self.runs, self.steps, leading=self.keys)

    @cached_property
    def point_assignments(self) -> pd.DataFrame | None:
        """A sweep: per design point (index) and swept path (column), the assignment
        ("path=value") that applied to ``scenarios[0]`` gives the point's scenario
        (docs/output.md, /manifest); None for other files. Read on first use."""
        if self.design is None:
            return None
        table = self._read("manifest/point_assignments")[0]
        return pd.DataFrame(
            np.char.decode(table.astype(bytes), "utf-8").astype(object),
            index=pd.Index(self._read("manifest/point")[0].astype(np.int64), name="point"),
            columns=[_text(n) for n in self._read("manifest/factor")[0]],
        )

    # -- what every frame is joined with ---------------------------------------------------------

    @cached_property
    def varying_parameters(self) -> list[str]:
        """The columns of ``parameters`` that differ between runs (a sweep's factors, an arm's
        settings)."""
        cols = [c for c in self.parameters.columns if c != "run"]
        return [c for c in cols if self.parameters[c].nunique(dropna=False) > 1]

    @cached_property
    def keys(self) -> pd.DataFrame:
        """Per run (row order of ``runs``): run, point, arm, replication, status and the varying
        parameters; every tidy frame is joined with these."""
        out = self.runs[["run", "point", "arm", "replication", "status"]].copy()
        if self.arm_names:
            out["arm_name"] = pd.Categorical.from_codes(out["arm"].to_numpy(), self.arm_names)
        for c in self.varying_parameters:
            out[c] = self.parameters[c].to_numpy()
        return out

    def _keys_repeated(self, rows: np.ndarray, each: int, tile: int = 1) -> pd.DataFrame:
        """The keys of ``rows``, each repeated ``each`` times, the whole tiled ``tile`` times."""
        return self._keys_at(np.tile(np.repeat(rows, each), tile))

    @cached_property
    def _compact_keys(self) -> dict:
        """The keys as compact arrays: ids int32 below 2^31 (arm int16), the varying parameters
        and other labels as categoricals (2 bytes a row for up to 32767 values, not 8;
        ``.astype(float)`` gives the numbers)."""
        compact = {"run": np.int32, "point": np.int32, "replication": np.int32, "arm": np.int16}
        out = {}
        for c in self.keys.columns:
            column = self.keys[c]
            if c in self.varying_parameters and not isinstance(column.dtype,
                                                               pd.CategoricalDtype):
                column = column.astype("category")
            if isinstance(column.dtype, pd.CategoricalDtype):
                out[c] = column.array
                continue
            values = column.to_numpy()
            if c in compact and (len(values) == 0 or abs(values).max() < 2**31 - 1):
                values = values.astype(compact[c])
            out[c] = values
        return out

    def _keys_at(self, index: np.ndarray) -> pd.DataFrame:
        """Per entry of ``index`` (rows of ``runs``) the run's keys, compact (the shipped Sobol
        example's 48 million series rows: 37 bytes a row in all, not 73)."""
        out = {}
        for c, values in self._compact_keys.items():
            if isinstance(values, pd.Categorical):
                out[c] = pd.Categorical.from_codes(values.codes[index], dtype=values.dtype)
            else:
                out[c] = values[index]
        return pd.DataFrame(out, copy=False)

    # -- reading ----------------------------------------------------------------------------------

    def _read(self, name: str, selection=()):
        """Reads a dataset (or part of it); a read error raises ValueError naming file and
        dataset."""
        try:
            with h5py.File(self.path, "r") as f:
                dataset = f[name]
                values = dataset[selection] if selection != () else dataset[...]
                return values, dataset.dtype, _attrs(dataset)
        except Exception as e:
            raise ValueError(f"{self.path}: damaged: reading /{name} failed: {e}") from e

    def _names(self, group: str) -> list[str]:
        try:
            with h5py.File(self.path, "r") as f:
                return _data(f[group])
        except Exception as e:
            raise ValueError(f"{self.path}: damaged: reading /{group} failed: {e}") from e

    def _rows(self, runs=None, points=None) -> np.ndarray:
        rows = np.arange(len(self.runs))
        if runs is not None:
            wanted = np.atleast_1d(np.asarray(runs, dtype=np.int64))
            missing = set(wanted.tolist()) - set(self._rows_of_run.index.tolist())
            if missing:
                raise KeyError(f"{self.path}: no run {sorted(missing)[0]}")
            rows = self._rows_of_run.loc[wanted].to_numpy()
        if points is not None:
            wanted = np.atleast_1d(np.asarray(points, dtype=np.int64))
            rows = rows[np.isin(self.runs["point"].to_numpy()[rows], wanted)]
        return rows

    def select_series(self, metrics=None, runs=None, points=None) -> pd.DataFrame | None:
        """The series of the given metrics (names), runs (ids) and design points, tidy: the run's
        keys (``keys``), step, metric, value. Reads only those rows and metrics. A "never happened"
        value (``goal_agreed_week`` while never reached: T + 1 in the file) is NaN here."""
        if "series" not in self.groups:
            return None
        names = self._names("series")
        if metrics is None:
            metrics = names
        elif isinstance(metrics, str):
            metrics = [metrics]
        unknown = [m for m in metrics if m not in names]
        if unknown:
            raise KeyError(f"{self.path}: no series {unknown[0]!r}; it has {', '.join(names)}")
        rows = self._rows(runs, points)
        selection, index = _row_selection(rows, len(self.runs))
        n = len(rows)
        steps = len(self._read("series/step")[0])
        # Filled in place, metric after metric: the peak is the frame itself plus one metric.
        value = np.empty(len(metrics) * n * steps)
        for m, name in enumerate(metrics):
            values, _, attrs = self._read(f"series/{name}", (selection, slice(None)))
            values = np.asarray(values, dtype=np.float64)[index]
            if _never_happened(attrs):
                values = np.where(values > self.steps, np.nan, values)
            value[m * n * steps : (m + 1) * n * steps] = values.reshape(-1)
            del values
        out = self._keys_repeated(rows, steps, len(metrics))
        step_type = np.int16 if steps < 2**15 else np.int32
        out["step"] = np.tile(np.arange(steps, dtype=step_type), n * len(metrics))
        out["metric"] = pd.Categorical.from_codes(
            np.repeat(np.arange(len(metrics), dtype=np.int16), n * steps), list(metrics))
        out["value"] = value
        return out

    @cached_property
    def series(self) -> pd.DataFrame | None:
        """Every series of every run, tidy (``select_series()`` with no selection)."""
        return self.select_series()

    def _table(self, group: str, columns: list[str]) -> pd.DataFrame:
        out = {}
        for name in columns:
            values, dtype, _ = self._read(f"{group}/{name}")
            names = _enum_names(dtype)
            if names is not None and set(names.values()) == {"FALSE", "TRUE"}:
                out[name] = values.astype(bool)
            elif names is not None:
                out[name] = _labels(values, names)
            else:
                out[name] = values
        run = out.pop("run")
        keys = self._keys_at(np.searchsorted(self.runs["run"].to_numpy(), run))
        for name, values in out.items():
            keys[name] = values
        return keys

    def _ragged(self, group: str, values: str, offsets: str, counts) -> list[list]:
        data = self._read(f"{group}/{values}")[0]
        starts = self._read(f"{group}/{offsets}")[0]
        return [data[o : o + c].tolist() for o, c in zip(starts, counts)]

    @cached_property
    def events(self) -> pd.DataFrame | None:
        """One row per event, kinds by name, with the run's keys."""
        if "events" not in self.groups:
            return None
        return self._table("events", ["run", "step", "kind", "source", "target", "cost", "value"])

    @cached_property
    def meetings(self) -> pd.DataFrame | None:
        """One row per meeting, participants as a list of partner names."""
        if "meetings" not in self.groups:
            return None
        table = self._table("meetings",
                            ["run", "step", "meeting_id", "mode", "convened_by", "size"])
        names = np.array(self.partners, dtype=object)
        table["participants"] = [
            list(names[p])
            for p in self._ragged("meetings", "participants", "participants_offset", table["size"])
        ]
        return table

    @cached_property
    def negotiations(self) -> pd.DataFrame | None:
        """One row per bargaining round, participants (names) and shares as lists."""
        if "negotiations" not in self.groups:
            return None
        table = self._table(
            "negotiations",
            ["run", "step", "negotiation_id", "meeting_id", "protocol", "rounds", "agreed",
             "log_nash_product", "fairness"],
        )
        counts = self._read("negotiations/participant_count")[0]
        names = np.array(self.partners, dtype=object)
        table["participants"] = [
            list(names[p])
            for p in self._ragged("negotiations", "participants", "participants_offset", counts)
        ]
        table["shares"] = self._ragged(
            "negotiations", "shares", "shares_offset", self._read("negotiations/share_count")[0]
        )
        return table

    def _per_sample(self, values, rows, labels: dict) -> pd.DataFrame:
        n, samples, items = values.shape
        sample_steps = self._read("agents/sample_step")[0].astype(np.int32)
        frame = self._keys_repeated(rows, samples * items)
        frame["step"] = np.tile(np.repeat(sample_steps, items), n)
        for name, label in labels.items():
            if isinstance(label, pd.Categorical):
                frame[name] = pd.Categorical.from_codes(np.tile(label.codes, n * samples),
                                                        dtype=label.dtype)
            else:
                frame[name] = np.tile(label, n * samples)
        frame["value"] = values.reshape(-1)
        return frame

    @cached_property
    def agents(self) -> pd.DataFrame | None:
        """Per partner and sample week, every agent variable, tidy (variable, value)."""
        if "agents" not in self.groups:
            return None
        rows = np.arange(len(self.runs))
        partners = pd.Categorical(self.partners, categories=self.partners)
        frames = []
        for name in self._names("agents"):
            frame = self._per_sample(self._read(f"agents/{name}")[0], rows, {"partner": partners})
            frame.insert(len(frame.columns) - 1, "variable", name)
            frames.append(frame)
        out = pd.concat(frames, ignore_index=True)
        out["variable"] = out["variable"].astype("category")
        return out

    @cached_property
    def trust(self) -> pd.DataFrame | None:
        """Per directed tie and sample week, the trust of ``truster`` in ``trusted``."""
        if "trust" not in self.groups:
            return None
        edges = self._read("trust/edges")[0]
        names = pd.Categorical(self.partners, categories=self.partners)
        return self._per_sample(
            self._read("trust/values")[0],
            np.arange(len(self.runs)),
            {"edge": np.arange(len(edges)), "truster": names[edges[:, 0]],
             "trusted": names[edges[:, 1]]},
        )

    # -- a comparison (regiesim compare) ---------------------------------------------------------

    @cached_property
    def comparison(self) -> dict | None:
        """What ``regiesim compare`` wrote in ``/comparison`` (docs/output.md), read as stored
        and never recomputed: ``{"attributes": {...}, "metrics": {metric: {...}}}`` with the
        group's attributes (parting and crossing weeks, ``week_never``, ...) and each metric's
        (means per arm, Hodges-Lehmann estimate, interval, p-values, ...); None in other files."""
        if "comparison" not in self.groups:
            return None
        try:
            with h5py.File(self.path, "r") as f:
                group = f["comparison"]
                return {
                    "attributes": {k: _scalar(v) for k, v in _attrs(group).items()},
                    "metrics": {name: {k: _scalar(v) for k, v in _attrs(group[name]).items()}
                                for name in group if isinstance(group[name], h5py.Group)},
                }
        except Exception as e:
            raise ValueError(f"{self.path}: damaged: reading /comparison failed: {e}") from e

    # -- per design point -------------------------------------------------------------------------

    def point_means(self, metric: str) -> pd.DataFrame:
        """Per design point, the mean of a summary metric over the point's ok runs, with the
        number of runs and of failed runs."""
        if metric not in self.summary.columns:
            raise KeyError(f"{self.path}: no summary metric {metric!r}")
        frame = self.summary[["point", "status", metric]].copy()
        frame["ok"] = frame["status"] == "ok"
        frame["value"] = frame[metric].astype("float64").where(frame["ok"])
        grouped = frame.groupby("point")
        return pd.DataFrame(
            {"mean": grouped["value"].mean(), "runs": grouped["ok"].size(),
             "failed": grouped["ok"].size() - grouped["ok"].sum()}
        )

    # -- xarray -----------------------------------------------------------------------------------

    def as_xarray(self, group: str = "series", metrics=None, runs=None, points=None):
        """A group as an ``xarray.Dataset``: per-run data with ``run`` as a dimension and the
        run's point, arm, replication, status and varying parameters as coordinates along it;
        tables with their row dimension and the row's run, point and arm as coordinates; choices
        as their names, with ``flag_values`` and ``flag_meanings`` attributes. "Never happened"
        values are NaN (xarray has no nullable integers)."""
        import xarray as xr

        if group not in self.groups:
            raise KeyError(f"{self.path}: no group /{group} (record level "
                           f"{self.attributes.get('record_level')})")
        if group == "design":
            return self._design_xarray(xr)
        rows = self._rows(runs, points)
        selection, index = _row_selection(rows, len(self.runs))
        keys = self.keys.iloc[rows]
        run_coords = {c: ("run", _plain(keys[c])) for c in keys.columns if c != "run"}
        run_coords["run"] = ("run", keys["run"].to_numpy())
        if group in ("series", "summary", "parameters", "agents", "trust"):
            names = self._names(group) if metrics is None else list(np.atleast_1d(metrics))
            data_vars = {}
            extra = {}
            for name in names:
                values, dtype, attrs = self._read(f"{group}/{name}")
                if name == "edges":
                    extra["truster"] = ("edge", np.array(self.partners, dtype=object)[values[:, 0]])
                    extra["trusted"] = ("edge", np.array(self.partners, dtype=object)[values[:, 1]])
                    continue
                values = values[selection][index] if values.ndim else values
                enum = _enum_names(dtype)
                if enum is not None:
                    values = np.array([enum[int(v)] for v in values.reshape(-1)],
                                      dtype=object).reshape(values.shape)
                    attrs.setdefault("flag_values", np.array(sorted(enum), dtype=dtype.base))
                    attrs.setdefault("flag_meanings", " ".join(enum[k] for k in sorted(enum)))
                elif _never_happened(attrs):
                    values = np.where(values > self.steps, np.nan, values)
                dims = {"series": ("run", "step"), "summary": ("run",),
                        "parameters": ("run", "dimension"), "agents": ("run", "sample_step",
                        "partner"), "trust": ("run", "sample_step", "edge")}[group]
                data_vars[name] = (dims[: values.ndim], values, attrs)
            coords = dict(run_coords)
            if group == "series":
                coords["step"] = ("step", self._read("series/step")[0],
                                  {"units": "week"})
            if group in ("agents", "trust"):
                coords["sample_step"] = ("sample_step", self._read("agents/sample_step")[0]
                                         if "agents" in self.groups
                                         else self._read("trust/sample_step")[0], {"units": "week"})
            if group == "agents":
                coords["partner"] = ("partner", np.array(self.partners, dtype=object))
            coords.update(extra)
            return xr.Dataset(data_vars, coords=coords, attrs=self._group_attrs(group))
        # tables: one dimension of rows
        dim = {"events": "event", "meetings": "meeting", "negotiations": "negotiation"}.get(group)
        if dim is None:
            raise KeyError(f"{self.path}: /{group} has no xarray form here; open it with "
                           f"xarray.open_dataset(path, engine='h5netcdf', group='{group}')")
        data_vars = {}
        length = None
        for name in self._names(group):
            values, dtype, attrs = self._read(f"{group}/{name}")
            if length is None:
                length = len(self._read(f"{group}/run")[0])
            if values.ndim != 1 or len(values) != length:
                continue  # a ragged list along its own dimension
            enum = _enum_names(dtype)
            if enum is not None:
                attrs.setdefault("flag_values", np.array(sorted(enum), dtype=dtype.base))
                attrs.setdefault("flag_meanings", " ".join(enum[k] for k in sorted(enum)))
                values = np.array([enum[int(v)] for v in values], dtype=object)
            data_vars[name] = (dim, values, attrs)
        ds = xr.Dataset(data_vars, attrs=self._group_attrs(group))
        table_rows = self._rows_of_run.loc[ds["run"].values].to_numpy()
        for c in ("point", "arm", "replication", "status"):
            ds = ds.assign_coords({c: (dim, _plain(self.keys[c].iloc[table_rows]))})
        ds = ds.set_coords("run")
        wanted = set(keys["run"].tolist())
        if len(wanted) != len(self.runs):
            ds = ds.isel({dim: np.isin(ds["run"].values, list(wanted))})
        return ds

    def _design_xarray(self, xr):
        d = self.design
        labels = {} if d.labels is None else {"label": (("point", "factor"), d.labels)}
        return xr.Dataset(
            {
                "role": ("point", d.table["role"].to_numpy().astype(object)),
                "column": ("point", d.table["column"].to_numpy()),
                "base_index": ("point", d.table["base_index"].to_numpy()),
                "step": ("point", d.table["step"].to_numpy()),
                "coordinates": (("point", "factor"), d.coordinates),
                "value": (("point", "factor"), d.values),
                **labels,
            },
            coords={"point": d.table["point"].to_numpy(), "factor": d.factors},
            attrs={k: v for k, v in d.attributes.items() if not isinstance(v, list)},
        )

    def _group_attrs(self, group: str) -> dict:
        try:
            with h5py.File(self.path, "r") as f:
                return {k: v for k, v in _attrs(f[group]).items() if not isinstance(v, list)}
        except Exception as e:
            raise ValueError(f"{self.path}: damaged: reading /{group} failed: {e}") from e

    def __repr__(self) -> str:
        return (f"Results({str(self.path)!r}: {len(self.runs)} runs, record level "
                f"{self.attributes.get('record_level')}, groups {sorted(self.groups)})")


def _plain(column: pd.Series) -> np.ndarray:
    """A column as a numpy array xarray keeps: categoricals and strings as objects."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.astype(object).to_numpy()
    return column.to_numpy()


def _runs(f: h5py.File) -> pd.DataFrame:
    raw = f["runs"][...]
    status_names = _enum_names(f["runs"].dtype["status"])
    return pd.DataFrame(
        {
            "run": raw["run_id"].astype(np.int64),
            "point": raw["point"].astype(np.int64),
            "arm": raw["arm"].astype(np.int64),
            "replication": raw["replication"].astype(np.int64),
            "seed": raw["seed"].astype(np.uint64),
            "status": _labels(raw["status"], status_names),
            "failure_reason": _decoded(raw["failure_reason"]),
        }
    )


def _decoded(values: np.ndarray) -> pd.Categorical:
    """Strings of a column with few distinct values (a failure reason), decoded once each."""
    codes, uniques = pd.factorize(values)
    return pd.Categorical.from_codes(codes, [_text(u) for u in uniques])


def _per_run_table(group: h5py.Group, runs: pd.DataFrame, steps: int,
                   leading: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per run, one column per dataset of the group after the ``leading`` columns (by
    default the run id); enums as categoricals of their names, per-dimension parameters as one
    column per dimension (``path[k]``), "never happened" values (T + 1 in the file) as nullable
    Int64 NA. The float columns are read straight into one block, so that 10^5 runs x 46 metrics
    are held once, not copied into a frame."""
    if leading is None:
        leading = runs[["run"]]
    order = list(leading.columns)
    other = {c: leading[c].to_numpy() if not isinstance(leading[c].dtype, pd.CategoricalDtype)
             else leading[c].array for c in leading.columns}
    float_names = [n for n in _data(group)
                   if group[n].dtype == np.float64 and group[n].ndim == 1
                   and not _never_happened(group[n].attrs)]
    block = np.empty((len(float_names), len(runs))).T  # columns contiguous
    for name in _data(group):
        dataset = group[name]
        order_name = name
        if name in float_names:
            column = block[:, float_names.index(name)]
            if len(runs):
                dataset.read_direct(column)
            order.append(name)
            continue
        values = dataset[...]
        names = _enum_names(dataset.dtype)
        if names is not None:
            other[name] = _labels(values, names)
        elif values.ndim == 2:
            for k in range(values.shape[1]):
                other[f"{name}[{k}]"] = values[:, k]
                order.append(f"{name}[{k}]")
            continue
        elif _never_happened(dataset.attrs):
            never = ~np.isfinite(values) | (values > steps)
            column = pd.array(np.where(never, 0, values).astype(np.int64), dtype="Int64")
            column[never] = pd.NA
            other[name] = column
        else:
            other[name] = values
        order.append(order_name)
    frame = pd.DataFrame(block, columns=float_names, copy=False)
    for position, name in enumerate(order):
        if name in other:
            frame.insert(position, name, other[name])
    return frame


_SIGNATURE = b"\x89HDF\r\n\x1a\n"


def check_hdf5_file(path: Path) -> None:
    """The checks of an untrusted file before HDF5 parses anything, as
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


@contextlib.contextmanager
def _main_module_hidden():
    """While a child starts, hides the caller's main script from multiprocessing, which would
    otherwise run it again in the child (a script without ``if __name__ == "__main__"`` that
    calls load() would then fail there). The walker needs nothing from it."""
    main = sys.modules.get("__main__")
    saved = {k: main.__dict__[k] for k in ("__file__", "__spec__") if main and k in main.__dict__}
    try:
        for k in saved:
            if k == "__spec__":
                main.__spec__ = None
            else:
                del main.__dict__[k]
        yield
    finally:
        for k, v in saved.items():
            main.__dict__[k] = v


def _deep_check(path: Path, stall_seconds: float, target=None) -> None:
    """Walks the file's metadata in a child (``_walk``), started by the forkserver so that it
    inherits no HDF5 state or threads of this process. The child reports after every object;
    the parent stops it after ``stall_seconds`` without progress (never after a total time, so
    a large sound file is not called damaged) and reports a crash, a hang or an HDF5 error as a
    damaged file."""
    from . import _walk

    context = multiprocessing.get_context("forkserver")
    # Start the server with only the walker imported (not the caller's __main__ script).
    context.set_forkserver_preload(["regiesim_analysis._walk"])
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=target or _walk.walk, args=(str(path), sender), daemon=True)
    with _main_module_hidden():
        child.start()
    sender.close()
    try:
        while True:
            if not receiver.poll(stall_seconds):
                child.kill()
                raise ValueError(
                    f"{path}: damaged: HDF5 made no progress reading its metadata for "
                    f"{stall_seconds:g} s"
                )
            try:
                message = receiver.recv()
            except EOFError:
                break  # the child ended without a word: see its exit status
            if message[0] == "done":
                break
            if message[0] == "error":
                raise ValueError(f"{path}: damaged: reading {message[1]} failed: {message[2]}")
    finally:
        receiver.close()
        child.join()
    if child.exitcode is not None and child.exitcode < 0:
        name = signal.Signals(-child.exitcode).name
        raise ValueError(f"{path}: damaged: reading it crashed HDF5 ({name})")
    if child.exitcode:
        raise ValueError(f"{path}: damaged: the check of its metadata failed "
                         f"(exit status {child.exitcode})")


def load(path: str | Path, timeout: float = STALL_SECONDS) -> Results:
    """Opens a results file lazily (see ``Results``).

    Raises ValueError naming the file for anything that is not a sound regiesim results file of
    the supported schema: missing, truncated, damaged, foreign, or of another schema version.
    The signature, superblock and length are checked without HDF5; then a child process walks
    every object's metadata, so a file that would crash HDF5 raises instead. ``timeout`` is the
    time the child may go without progress (not its total time). Later reads that fail raise
    ValueError naming the file and the dataset.
    """
    path = Path(path)
    check_hdf5_file(path)
    _deep_check(path, timeout)
    try:
        with h5py.File(path, "r") as f:
            attributes = {
                k: (_text(v) if isinstance(v, (bytes, str)) else v) for k, v in f.attrs.items()
            }
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
            return Results(path, f)
    except Exception as e:  # h5py's OSError and KeyError on a damaged file, invalid UTF-8, ...
        if isinstance(e, ValueError) and str(e).startswith(f"{path}: "):
            raise  # already says which file and what is wrong with it
        raise ValueError(f"{path}: damaged or not a regiesim results file: {e}") from e

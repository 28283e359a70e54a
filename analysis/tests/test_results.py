"""The lazy loader: what is read when, subsets, joined keys, nullable "never happened", labels in
xarray, and the deep check's rule (no progress, not total time)."""

import subprocess

import h5py
import numpy as np
import pandas as pd
import pytest

import walkers
from conftest import BINARY, SOURCE_DIR, run_cli
from regiesim_analysis import load
from regiesim_analysis import results as results_module


@pytest.fixture(scope="module")
def grid_file(tmp_path_factory):
    """A grid sweep of 2 x 3 points, 2 replications, 30 weeks, at record level series."""
    tmp = tmp_path_factory.mktemp("grid")
    (tmp / "short.toml").write_text(
        f'extends = "{SOURCE_DIR / "scenarios" / "default.toml"}"\n[run]\nsteps = 30\n')
    (tmp / "grid.toml").write_text(
        '[sweep]\nscenario = "short.toml"\nreplications = 2\nseed = 3\n[design]\nkind = "grid"\n'
        '[[parameters]]\npath = "trust.gain"\nvalues = [0.05, 0.2]\n'
        '[[parameters]]\npath = "meetings.probability"\nrange = [0.02, 0.3]\npoints = 3\n')
    out = tmp / "grid.h5"
    subprocess.run([str(BINARY), "sweep", str(tmp / "grid.toml"), "-o", str(out)], check=True,
                   capture_output=True)
    return out


def test_opening_reads_only_the_small_tables(grid_file):
    r = load(grid_file)
    lazy = ["series", "events", "meetings", "negotiations", "agents", "trust"]
    assert not any(name in r.__dict__ for name in lazy)  # cached_property: absent until read
    assert len(r.runs) == 12 and r.design.kind == "grid" and len(r.design) == 6
    assert r.agents is None and r.trust is None  # not at level series
    r.series
    assert "series" in r.__dict__


def test_select_series_reads_the_subset_with_keys_joined(grid_file):
    r = load(grid_file)
    part = r.select_series(metrics=["realisation", "trust_mean"], points=[1, 4])
    assert set(part["point"]) == {1, 4}
    assert set(part["metric"]) == {"realisation", "trust_mean"}
    assert {"trust.gain", "meetings.probability", "arm", "status"} <= set(part.columns)
    with h5py.File(grid_file) as f:
        values = f["series/trust_mean"][...]
        runs = f["runs"]["run_id"]
        points = f["runs"]["point"]
        gain = f["parameters/trust.gain"][...]
    for run in set(part["run"]):
        row = int(np.flatnonzero(runs == run)[0])
        assert points[row] in (1, 4)
        mine = part[(part.run == run) & (part.metric == "trust_mean")].sort_values("step")
        np.testing.assert_array_equal(mine["value"].to_numpy(), values[row])
        assert set(mine["trust.gain"]) == {gain[row]}
    assert len(part) == 2 * 2 * 2 * 31  # points x replications x metrics x weeks
    one = r.select_series(metrics="realisation", runs=[5])
    assert set(one["run"]) == {5} and len(one) == 31
    with pytest.raises(KeyError, match="no series 'nonsense'"):
        r.select_series(metrics=["nonsense"])
    # The whole property equals the union of the subsets.
    whole = r.series
    assert len(whole) == 12 * 31 * whole["metric"].nunique()


def test_never_happened_is_nullable_na_and_failed_runs_keep_their_status(grid_file):
    r = load(grid_file)
    column = r.summary["goal_agreed_week"]
    assert str(column.dtype) == "Int64"
    with h5py.File(grid_file) as f:
        raw = f["summary/goal_agreed_week"][...]
        steps = int(f["manifest"].attrs["steps"])
    never = raw == steps + 1
    assert never.any() or (~never).any()
    assert column.isna().to_numpy().tolist() == never.tolist()
    assert (column[~never].to_numpy(dtype=float) == raw[~never]).all()
    series = r.select_series(metrics="goal_agreed_week")
    assert not (series["value"] > steps).any()
    assert set(r.summary["status"]) == {"ok"}
    assert list(r.summary["status"].cat.categories) == ["ok", "failed"]


def test_as_xarray_has_run_point_coordinates_and_choice_labels(grid_file, full_file):
    r = load(grid_file)
    ds = r.as_xarray("series", metrics=["realisation"])
    assert ds["realisation"].dims == ("run", "step")
    assert list(ds["point"].values) == list(r.runs["point"])
    assert "trust.gain" in ds.coords
    means = ds["realisation"].groupby("point").mean(...)
    assert len(means) == 6
    # A choice: run with the strategy overridden, so /parameters holds it as an enum.
    events = load(full_file).as_xarray("events")
    assert events["kind"].dtype == object and "convene" in set(events["kind"].values)
    meanings = events["kind"].attrs["flag_meanings"].split()
    values = list(events["kind"].attrs["flag_values"])
    with h5py.File(full_file) as f:
        enum = h5py.check_enum_dtype(f["events/kind"].dtype)
    assert dict(zip(meanings, values)) == dict(enum)
    params = load(full_file).as_xarray("parameters")
    assert set(params["record.level"].values) == {"full"}
    assert params["record.level"].attrs["flag_meanings"].split()[0] == "summary"


def test_a_choice_parameter_is_a_label_in_pandas_and_xarray(tmp_path):
    out = tmp_path / "c.h5"
    subprocess.run([str(BINARY), "run", str(SOURCE_DIR / "scenarios" / "default.toml"), "-o",
                    str(out), "--replications", "2", "--set", "run.steps=10",
                    "--set", "regisseur.strategy=controlling"], check=True, capture_output=True)
    r = load(out)
    assert list(r.parameters["regisseur.strategy"]) == ["controlling", "controlling"]
    assert isinstance(r.parameters["regisseur.strategy"].dtype, pd.CategoricalDtype)
    ds = r.as_xarray("parameters")
    assert list(ds["regisseur.strategy"].values) == ["controlling", "controlling"]
    assert "controlling" in ds["regisseur.strategy"].attrs["flag_meanings"].split()


def test_a_slow_check_that_keeps_progressing_is_not_called_damaged(full_file):
    # 1.5 s in all, but never 0.5 s without progress.
    results_module._deep_check(full_file, 0.5, target=walkers.steady)


def test_a_check_without_progress_is_stopped(full_file):
    with pytest.raises(ValueError, match="no progress .* for 0.5 s"):
        results_module._deep_check(full_file, 0.5, target=walkers.silent)


def test_a_crash_in_the_check_is_a_damaged_file(full_file):
    with pytest.raises(ValueError, match=r"crashed HDF5 \(SIGSEGV\)"):
        results_module._deep_check(full_file, 5, target=walkers.crash)


def test_a_read_error_after_opening_names_file_and_dataset(tmp_path, full_file):
    import shutil

    path = tmp_path / "later.h5"
    shutil.copy(full_file, path)
    r = load(path)
    with h5py.File(path, "r+") as f:
        del f["series/trust_mean"]
        f["series/trust_mean"] = np.zeros(3)  # now 1-D: indexing it as (run, step) fails
    with pytest.raises(ValueError, match=f"{path}: damaged: reading /series/trust_mean"):
        r.select_series(metrics=["trust_mean"])


def test_the_command_line_works_from_any_folder(tmp_path):
    done = run_cli("--help", cwd=tmp_path)
    assert "indices" in done.stdout and "plot" in done.stdout
    refused = run_cli("plot", tmp_path / "missing.h5", "-o", tmp_path, check=False, cwd="/")
    assert refused.returncode == 2 and "missing.h5" in refused.stderr
    text = (SOURCE_DIR / "analysis" / "pyproject.toml").read_text()
    assert 'regiesim-analysis = "regiesim_analysis.__main__:main"' in text


def test_the_binary_is_found_in_the_documented_order(tmp_path, monkeypatch):
    from regiesim_analysis.binary import REPOSITORY, find_regiesim

    fake = tmp_path / "regiesim"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    other = tmp_path / "other"
    other.write_text("#!/bin/sh\n")
    other.chmod(0o755)
    monkeypatch.setenv("REGIESIM_BINARY", str(other))
    assert find_regiesim(fake) == fake  # --regiesim first
    assert find_regiesim() == other  # then $REGIESIM_BINARY
    with pytest.raises(FileNotFoundError, match="--regiesim"):
        find_regiesim(tmp_path / "missing")  # a wrong explicit path is an error, not a hint
    monkeypatch.delenv("REGIESIM_BINARY")
    in_repository = REPOSITORY / "build" / "release" / "regiesim"
    monkeypatch.setenv("PATH", str(tmp_path))
    expected = in_repository if in_repository.is_file() else fake  # then the repository, PATH
    assert find_regiesim() == expected

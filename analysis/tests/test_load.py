"""regiesim_analysis.load gives tidy tables consistent with the file."""

import subprocess

import numpy as np
import pytest

from regiesim_analysis import load


def test_load_gives_tidy_tables(full_file):
    r = load(full_file)
    assert list(r.runs["run"]) == [0, 1, 2]
    assert set(r.runs["status"]) == {"ok"}
    metrics = r.series["metric"].nunique()
    assert metrics >= 7
    assert len(r.series) == 3 * 61 * metrics
    # arm_name: every file names its arms in /manifest/arm_names (a run's one arm: its scenario)
    assert set(r.series.columns) == {"run", "point", "arm", "arm_name", "replication", "status",
                                     "step", "metric", "value"}
    assert r.series["arm_name"].nunique() == 1
    final = r.series[(r.series.metric == "realisation") & (r.series.step == 60)]
    np.testing.assert_array_equal(final["value"].to_numpy(), r.summary["realisation"].to_numpy())
    assert {"passion", "commitment", "trust_given", "active"} <= set(r.agents["variable"])
    assert len(r.agents) == r.agents["variable"].nunique() * 3 * 7 * 12
    assert {"truster", "trusted"} <= set(r.trust.columns)
    assert "convene" in set(r.events["kind"])
    # The default regisseur convenes everyone every 4 weeks: 15 meetings in 60 weeks, each seating
    # every partner still active at the start of its week (12 until the general practice leaves).
    everyone = r.meetings[r.meetings["convened_by"] == "regisseur"]
    assert len(everyone) == 3 * 15, "every 4 weeks over 60 weeks, in each run"
    active = r.series[r.series.metric == "active_partners"].set_index(["run", "step"])["value"]
    for run, step, size in zip(everyone["run"], everyone["step"], everyone["size"]):
        assert size == active[(run, step - 1)], (run, step)
    assert set(r.meetings["mode"]) <= {"co_create", "negotiate"}
    assert all(len(p) == s for p, s in zip(r.meetings["participants"], r.meetings["size"]))
    assert everyone["participants"].iloc[0][0] == "gemeente"
    assert r.negotiations is not None
    assert set(r.negotiations["meeting_id"]) <= set(r.meetings["meeting_id"])
    assert list(r.parameters.columns) == ["run", "record.level", "run.steps",
                                          "record.agent_interval", "run.replications"]
    assert set(r.parameters["record.level"]) == {"full"}
    assert len(r.scenarios) == 1 and "[partners.politie]" in r.scenarios[0]


def test_load_refuses_a_version_1_file_naming_its_version(tmp_path, full_file):
    import shutil

    import h5py

    path = tmp_path / "old.h5"
    shutil.copy(full_file, path)
    with h5py.File(path, "r+") as f:
        f.attrs["schema_version"] = np.int32(1)
    with pytest.raises(ValueError, match="schema version 1 .*reads version 2"):
        load(path)


def test_load_refuses_a_foreign_hdf5_file(tmp_path):
    import h5py

    path = tmp_path / "foreign.h5"
    with h5py.File(path, "w") as f:
        f["x"] = [1, 2, 3]
    with pytest.raises(ValueError, match="not a regiesim results file"):
        load(path)


def test_load_answers_every_damaged_copy_with_a_value_error_naming_the_file(tmp_path, full_file):
    """design decision 14: damaged at 20 offsets across the file, the loader returns or raises
    ValueError with the file's name; it never crashes this interpreter."""
    data = full_file.read_bytes()
    outcomes = {"loaded": 0, "refused": 0}
    for k in range(20):
        offset = (k * 7919 + 13) % len(data) if k else 8  # k = 0: the superblock itself
        damaged = bytearray(data)
        for i in range(offset, min(offset + 64, len(damaged))):
            damaged[i] ^= 0xA5
        path = tmp_path / f"damaged_{k}.h5"
        path.write_bytes(bytes(damaged))
        try:
            load(path, timeout=5)
            outcomes["loaded"] += 1
        except ValueError as e:
            assert str(path) in str(e)
            outcomes["refused"] += 1
    assert outcomes["refused"] >= 1, outcomes


def test_load_refuses_truncated_missing_and_text_files(tmp_path, full_file):
    half = tmp_path / "half.h5"
    half.write_bytes(full_file.read_bytes()[: len(full_file.read_bytes()) // 2])
    with pytest.raises(ValueError, match="truncated"):
        load(half)
    with pytest.raises(ValueError, match="no such file"):
        load(tmp_path / "missing.h5")
    text = tmp_path / "text.h5"
    text.write_text("not hdf5")
    with pytest.raises(ValueError, match="no HDF5 signature"):
        load(text)
    with pytest.raises(ValueError, match="is a directory"):
        load(tmp_path)


def test_a_sweep_gives_its_base_once_and_each_points_assignments(tmp_path):
    """A sweep's manifest: the base scenario once, per design point the --set assignments that
    make its scenario from it (docs/output.md); their values are /parameters' for its runs."""
    from conftest import BINARY, SOURCE_DIR

    (tmp_path / "short.toml").write_text(
        f'extends = "{SOURCE_DIR / "scenarios" / "default.toml"}"\n[run]\nsteps = 8\n'
    )
    (tmp_path / "grid.toml").write_text(
        '[sweep]\nscenario = "short.toml"\nreplications = 2\nseed = 3\n[design]\nkind = "grid"\n'
        '[[parameters]]\npath = "trust.gain"\nvalues = [0.05, 0.2]\n'
        '[[parameters]]\npath = "meetings.probability"\nrange = [0.02, 0.3]\npoints = 3\n'
    )
    out = tmp_path / "grid.h5"
    subprocess.run([str(BINARY), "sweep", str(tmp_path / "grid.toml"), "-o", str(out)],
                   check=True, capture_output=True)
    r = load(out)
    assert len(r.scenarios) == 1 and "[partners.politie]" in r.scenarios[0]
    table = r.point_assignments
    assert list(table.columns) == ["trust.gain", "meetings.probability"]
    assert list(table.index) == list(range(6))
    for _, run in r.runs.iterrows():
        row = table.loc[run["point"]]
        for path in table.columns:
            text = row[path]
            assert text.startswith(path + "=")
            value = r.parameters.loc[r.parameters["run"] == run["run"], path].item()
            assert float(text.split("=", 1)[1]) == value

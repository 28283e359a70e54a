"""regiesim_analysis.load gives tidy tables consistent with the file."""

import numpy as np
import pytest

from regiesim_analysis import load


def test_load_gives_tidy_tables(full_file):
    r = load(full_file)
    assert list(r.runs["run"]) == [0, 1, 2]
    assert set(r.runs["status"]) == {"ok"}
    assert len(r.series) == 3 * 61 * 7
    assert set(r.series.columns) == {"run", "step", "metric", "value"}
    final = r.series[(r.series.metric == "realisation") & (r.series.step == 60)]
    np.testing.assert_array_equal(final["value"].to_numpy(), r.summary["realisation"].to_numpy())
    assert set(r.agents["variable"]) == {"passion", "commitment", "trust_given", "active"}
    assert len(r.agents) == 4 * 3 * 7 * 12
    assert {"truster", "trusted"} <= set(r.trust.columns)
    assert set(r.events["kind"]) <= {"convene", "exit"}


def test_load_refuses_a_foreign_hdf5_file(tmp_path):
    import h5py

    path = tmp_path / "foreign.h5"
    with h5py.File(path, "w") as f:
        f["x"] = [1, 2, 3]
    with pytest.raises(ValueError, match="not a regiesim results file"):
        load(path)

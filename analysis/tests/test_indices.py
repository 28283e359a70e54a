"""The estimators against functions with known indices, fed through real design files written
by `regiesim sweep --design-only` (the design's unit-cube coordinates in, analytic outputs per
point, the estimators out)."""

import subprocess

import numpy as np
import pandas as pd
import pytest

from conftest import BINARY, SOURCE_DIR, run_cli
from regiesim_analysis import load
from regiesim_analysis.indices import (elementary_effects, morris, saltelli_blocks, sobol)

FACTORS = ["trust.gain", "trust.loss", "passion.contagion", "commitment.passion_weight",
           "trust.initial"]


def design_file(tmp_path, kind_lines: str, k: int):
    ranges = {"trust.gain": "[0.0, 1.0]", "trust.loss": "[0.0, 1.0]",
              "passion.contagion": "[0.0, 0.2]", "commitment.passion_weight": "[0.1, 0.9]",
              "trust.initial": "[0.1, 0.6]"}
    scenario = SOURCE_DIR / "scenarios" / "default.toml"
    text = (f'[sweep]\nname = "analytic"\nscenario = "{scenario}"\n'
            f'replications = 1\nseed = 11\n[design]\n{kind_lines}\n')
    for path in FACTORS[:k]:
        text += f'[[parameters]]\npath = "{path}"\nrange = {ranges[path]}\n'
    (tmp_path / "sweep.toml").write_text(text)
    out = tmp_path / "design.h5"
    subprocess.run([str(BINARY), "sweep", str(tmp_path / "sweep.toml"), "-o", str(out),
                    "--design-only"], check=True, capture_output=True)
    return load(out)


def ishigami_indices(a, b):
    """Analytic first- and total-order indices of the Ishigami function on [-pi, pi]^3
    (Ishigami and Homma 1990; Sobol' and Levitan 1999)."""
    v1 = 0.5 * (1 + b * np.pi**4 / 5) ** 2
    v2 = a**2 / 8
    v13 = b**2 * np.pi**8 * (1 / 18 - 1 / 50)
    v = v1 + v2 + v13
    return np.array([v1, v2, 0]) / v, np.array([v1 + v13, v2, v13]) / v


def within(estimate, low, high, truth, tolerance):
    """The analytic value inside the bootstrap interval, or within the tolerance."""
    return (low <= truth <= high) or abs(estimate - truth) <= tolerance


def test_sobol_recovers_the_ishigami_indices(tmp_path):
    load_design = design_file(tmp_path, 'kind = "saltelli"\nbase_samples = 1024', 3)
    d = load_design.design
    assert d.kind == "saltelli" and len(d) == 1024 * 5
    # The layout of docs/sweeps.md: per base row A, AB_0 .. AB_2, B; AB_i is A with column i
    # from B.
    rows = d.table.set_index(["base_index", "role", "column"])
    assert list(d.table["role"][:5]) == ["A", "AB", "AB", "AB", "B"]
    j = 7
    a, b = d.coordinates[rows.loc[(j, "A", -1), "point"]], d.coordinates[rows.loc[(j, "B", -1),
                                                                                  "point"]]
    for i in range(3):
        mixed = a.copy()
        mixed[i] = b[i]
        np.testing.assert_array_equal(d.coordinates[rows.loc[(j, "AB", i), "point"]], mixed)
    x = -np.pi + 2 * np.pi * d.coordinates
    a_, b_ = 7.0, 0.1
    y = np.sin(x[:, 0]) + a_ * np.sin(x[:, 1]) ** 2 + b_ * x[:, 2] ** 4 * np.sin(x[:, 0])
    table = sobol(saltelli_blocks(d.table, 3, y), d.factors, resamples=400)
    first, total = ishigami_indices(a_, b_)
    assert np.allclose(first, [0.3139, 0.4424, 0.0], atol=1e-4)  # the formulas, as published
    for i, name in enumerate(d.factors):
        row = table.loc[name]
        assert within(row.S1, row.S1_low, row.S1_high, first[i], 0.03), (name, row, first[i])
        assert within(row.ST, row.ST_low, row.ST_high, total[i], 0.03), (name, row, total[i])
        assert row.S1_low < row.S1 < row.S1_high and row.ST_low < row.ST < row.ST_high


def test_sobol_and_morris_recover_a_linear_model(tmp_path):
    coefficients = np.array([3.0, -2.0, 1.0, 0.0])
    # Sobol: y = sum c_i u_i with independent uniform u_i: S_i = ST_i = c_i^2 / sum c^2.
    d = design_file(tmp_path, 'kind = "saltelli"\nbase_samples = 512', 4).design
    y = d.coordinates @ coefficients
    table = sobol(saltelli_blocks(d.table, 4, y), d.factors, resamples=400)
    share = coefficients**2 / (coefficients**2).sum()
    for i, name in enumerate(d.factors):
        row = table.loc[name]
        assert within(row.S1, row.S1_low, row.S1_high, share[i], 0.02), (name, row)
        assert within(row.ST, row.ST_low, row.ST_high, share[i], 0.02), (name, row)
    # Morris: every elementary effect of a linear model is its coefficient, so mu = c, mu* = |c|,
    # sigma = 0, whatever the trajectories.
    (tmp_path / "m").mkdir()
    m = design_file(tmp_path / "m", 'kind = "morris"\ntrajectories = 30\nlevels = 4', 4).design
    assert m.kind == "morris" and len(m) == 30 * 5
    y = m.coordinates @ coefficients + 0.5
    effects = elementary_effects(m.table, m.coordinates, y, 4)
    table = morris(effects, m.factors, resamples=200)
    np.testing.assert_allclose(table["mu"], coefficients, atol=1e-9)
    np.testing.assert_allclose(table["mu_star"], np.abs(coefficients), atol=1e-9)
    np.testing.assert_allclose(table["sigma"], 0, atol=1e-9)
    # An interaction u_0 u_1 gives factors 0 and 1 a spread of effects and factor 2 none.
    y = m.coordinates @ coefficients + 4 * m.coordinates[:, 0] * m.coordinates[:, 1]
    table = morris(elementary_effects(m.table, m.coordinates, y, 4), m.factors, resamples=200)
    assert table["sigma"].iloc[0] > 0.5 and table["sigma"].iloc[1] > 0.5
    assert table["sigma"].iloc[2] < 1e-9
    # The effect of u_0 is 3 + 4 u_1 with u_1 on the 4-level grid: its mean lies in [3, 7].
    assert 3 <= table["mu"].iloc[0] <= 7
    assert table["mu_low"].iloc[0] <= table["mu"].iloc[0] <= table["mu_high"].iloc[0]


def test_indices_command_prints_a_table_per_metric_of_a_real_sweep(tmp_path, saltelli_file,
                                                                 lhs_file):
    """A small Saltelli sweep run by the binary; the command reads /design and /summary."""
    out = saltelli_file
    done = run_cli("indices", out, "--metric", "realisation", "--metric", "trust_mean",
                   "--resamples", "100", "--csv", tmp_path / "i.csv", cwd=tmp_path)
    assert done.stdout.count("Sobol indices") == 2
    assert "realisation (1)" in done.stdout and "trust.gain" in done.stdout
    csv = pd.read_csv(tmp_path / "i.csv")
    assert set(csv["metric"]) == {"realisation", "trust_mean"}
    # The same numbers as the estimator on per-point means computed here from /summary.
    r = load(out)
    means = r.summary.groupby("point")["realisation"].mean().to_numpy()
    expected = sobol(saltelli_blocks(r.design.table, 2, means), r.design.factors, resamples=100)
    got = csv[csv["metric"] == "realisation"].set_index("factor")
    np.testing.assert_allclose(got["S1"].to_numpy(), expected["S1"].to_numpy(), rtol=1e-12)
    # A Latin hypercube has no indices: exit 2 with one line.
    refused = run_cli("indices", lhs_file, check=False)
    assert refused.returncode == 2 and "latin_hypercube design has no sensitivity" in refused.stderr


def test_a_failed_run_is_refused_by_point(tmp_path):
    class Fake:
        path = "fake.h5"

    from regiesim_analysis.indices import _outputs

    fake = Fake()
    fake.design = type("D", (), {"table": pd.DataFrame({"point": [0, 1]})})()
    fake.point_means = lambda metric: pd.DataFrame(
        {"mean": [1.0, 2.0], "runs": [2, 2], "failed": [0, 1]}, index=[0, 1])
    with pytest.raises(ValueError, match="design point 1 has a failed run"):
        _outputs(fake, "realisation")

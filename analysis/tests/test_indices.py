"""The estimators against functions with known indices, fed through real design files written
by `regiesim sweep --design-only` (the design's unit-cube coordinates in, analytic outputs per
point, the estimators out)."""

import subprocess

import h5py
import numpy as np
import pandas as pd
import pytest

from conftest import BINARY, SOURCE_DIR, TWO_FACTORS, run_cli, sweep
from regiesim_analysis import load
from regiesim_analysis.indices import (elementary_effects, morris, saltelli_blocks, sobol,
                                       sobol_second_order)

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


def ishigami(coordinates, a=7.0, b=0.1):
    x = -np.pi + 2 * np.pi * coordinates
    return np.sin(x[:, 0]) + a * np.sin(x[:, 1]) ** 2 + b * x[:, 2] ** 4 * np.sin(x[:, 0])


def test_second_order_recovers_the_ishigami_interaction(tmp_path):
    """second_order = true adds BA_i (B with column i from A) after the AB rows; the closed
    second-order estimator (Saltelli 2002) on them recovers the Ishigami function's one
    interaction, S_13 = V_13 / V, and S_12 = S_23 = 0, each inside its 95% bootstrap interval."""
    n = 4096
    (tmp_path / "first").mkdir()
    plain = design_file(tmp_path / "first", f'kind = "saltelli"\nbase_samples = {n}', 3).design
    loaded = design_file(tmp_path, f'kind = "saltelli"\nbase_samples = {n}\nsecond_order = true',
                         3)
    d = loaded.design
    assert d.kind == "saltelli" and len(d) == n * (2 * 3 + 2)
    assert list(d.table["role"][:8]) == ["A", "AB", "AB", "AB", "BA", "BA", "BA", "B"]
    assert list(d.table["column"][:8]) == [-1, 0, 1, 2, 0, 1, 2, -1]
    with h5py.File(loaded.path, "r") as f:
        assert "BA" in h5py.check_enum_dtype(f["design/role"].dtype)
    with h5py.File(tmp_path / "first" / "design.h5", "r") as f:
        assert "BA" not in h5py.check_enum_dtype(f["design/role"].dtype)
    rows = d.table.set_index(["base_index", "role", "column"])
    for j in (1, 7, n - 1):
        a = d.coordinates[rows.loc[(j, "A", -1), "point"]]
        b = d.coordinates[rows.loc[(j, "B", -1), "point"]]
        for i in range(3):
            mixed = b.copy()
            mixed[i] = a[i]
            np.testing.assert_array_equal(d.coordinates[rows.loc[(j, "BA", i), "point"]], mixed)
    # A, B and the AB_i are the first-order design's points, so S1 and ST are unchanged.
    keep = d.table["role"].to_numpy() != "BA"
    np.testing.assert_array_equal(d.coordinates[keep], plain.coordinates)
    blocks = saltelli_blocks(d.table, 3, ishigami(d.coordinates))
    pd.testing.assert_frame_equal(
        sobol(blocks, d.factors, resamples=200),
        sobol(saltelli_blocks(plain.table, 3, ishigami(plain.coordinates)), plain.factors,
              resamples=200))
    assert saltelli_blocks(plain.table, 3, ishigami(plain.coordinates)).ba is None

    table = sobol_second_order(blocks, d.factors, resamples=1000)
    b_ = 0.1
    v = 0.5 * (1 + b_ * np.pi**4 / 5) ** 2 + 7.0**2 / 8 + b_**2 * np.pi**8 * (1 / 18 - 1 / 50)
    s13 = b_**2 * np.pi**8 * (1 / 18 - 1 / 50) / v
    assert abs(s13 - 0.2437) < 1e-4  # as published (Saltelli et al. 2010, table 3)
    truth = {("trust.gain", "trust.loss"): 0.0, ("trust.gain", "passion.contagion"): s13,
             ("trust.loss", "passion.contagion"): 0.0}
    assert list(table.index) == list(truth)
    for pair, value in truth.items():
        row = table.loc[pair]
        assert row.S2_low <= value <= row.S2_high, (pair, row, value)
        assert row.S2_low < row.S2 < row.S2_high
        # The interval is narrow enough to tell the interaction from none and from the closed
        # index V_13^c / V = S_1 + S_3 + S_13 (the estimator without S_i and S_j subtracted).
        assert row.S2_high - row.S2_low < 0.15, (pair, row)
    # The same numbers, recomputed here pair by pair from the formula, uncentred: centring moves
    # the estimate only within its sampling error.
    ya, yb, yab, yba = blocks.a, blocks.b, blocks.ab, blocks.ba
    var = np.concatenate([ya, yb]).var()
    s1 = [np.mean(yb * (yab[:, i] - ya)) / var for i in range(3)]
    for (i, j), pair in zip([(0, 1), (0, 2), (1, 2)], truth):
        plain_estimate = np.mean(yba[:, i] * yab[:, j] - ya * yb) / var - s1[i] - s1[j]
        row = table.loc[pair]
        assert row.S2_low <= plain_estimate <= row.S2_high, (pair, plain_estimate, row)


def test_second_order_needs_the_ba_points(tmp_path):
    d = design_file(tmp_path, 'kind = "saltelli"\nbase_samples = 64', 3).design
    with pytest.raises(ValueError, match="second_order = true"):
        sobol_second_order(saltelli_blocks(d.table, 3, ishigami(d.coordinates)), d.factors)


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


def test_indices_command_prints_second_order_pairs_of_a_real_sweep(tmp_path, saltelli_file):
    """A small second-order Saltelli sweep run by the binary: the command prints the pairs' table
    after the first- and total-order one, and the CSV holds them as rows with factor_2; a sweep
    without second order prints none."""
    out = sweep(tmp_path, "second", 'kind = "saltelli"\nbase_samples = 8\nsecond_order = true',
                TWO_FACTORS)
    r = load(out)
    assert len(r.design) == 8 * (2 * 2 + 2)
    done = run_cli("indices", out, "--metric", "realisation", "--resamples", "100", "--csv",
                   tmp_path / "i.csv", cwd=tmp_path)
    assert done.stdout.count("second-order Sobol indices") == 1, done.stdout
    csv = pd.read_csv(tmp_path / "i.csv")
    pair = csv[csv["factor_2"].notna()]
    assert list(zip(pair["factor"], pair["factor_2"])) == [("trust.gain", "meetings.probability")]
    means = r.summary.groupby("point")["realisation"].mean().to_numpy()
    expected = sobol_second_order(saltelli_blocks(r.design.table, 2, means), r.design.factors,
                                  resamples=100)
    np.testing.assert_allclose(pair["S2"].to_numpy(), expected["S2"].to_numpy(), rtol=1e-12)
    first = run_cli("indices", saltelli_file, "--metric", "realisation", "--resamples", "50",
                    cwd=tmp_path)
    assert "second-order" not in first.stdout


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

"""The patterns-sweep figure: per cell of the other factors, the Hodges-Lehmann paired difference
between the arm factor's two levels (paired by replication), in the row's direction, against a
direct computation from the file; the row's minimum effect; the figure written."""

import statistics
import subprocess
from itertools import combinations_with_replacement

import h5py
import matplotlib.image as mpimg
import numpy as np
import pytest

from conftest import BINARY, SOURCE_DIR, run_cli
from regiesim_analysis.patterns import hodges_lehmann, pattern_grid

ROWS = """
[frozen]
[[frozen.rows]]
id = "T1"
kind = "ensemble"
pitfall = "tiny_control"
arms = "both"
key = "regisseur.strategy"
trap = "controlling"
twin = "facilitative"
metric = "realisation"
steps = [30, 30]
direction = "twin_above_trap"
minimum_effect = { kind = "relative_to_level", value = 0.05 }
minimum_effect_text = "5% of level"

[[frozen.rows]]
id = "T2"
kind = "ensemble"
pitfall = "tiny_control"
arms = "both"
key = "regisseur.strategy"
trap = "controlling"
twin = "facilitative"
metric = "realisation"
steps = [30, 30]
direction = "trap_above_twin"
minimum_effect = { kind = "absolute", value = 0.001 }
minimum_effect_text = "0.001 absolute"
"""


def swept(tmp, base_tables, sweep_text, rows, name):
    """Writes base.toml (the default scenario with `base_tables`), sweep.toml and patterns.toml
    in `tmp`, runs the sweep and returns (tmp, the results file)."""
    (tmp / "base.toml").write_text(
        f'extends = "{SOURCE_DIR / "scenarios" / "default.toml"}"\n' + base_tables)
    (tmp / "sweep.toml").write_text(sweep_text)
    (tmp / "patterns.toml").write_text(rows)
    out = tmp / name
    subprocess.run([str(BINARY), "sweep", str(tmp / "sweep.toml"), "-o", str(out), "-j", "2"],
                   check=True, capture_output=True)
    return tmp, out


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """A 2 x 2 x 3 grid (the arm, two mechanism parameters), 7 replications, 30 weeks."""
    return swept(tmp_path_factory.mktemp("patterns"), "[run]\nsteps = 30\n",
                 '[sweep]\nscenario = "base.toml"\nreplications = 7\nseed = 11\n'
                 '[base]\nrecord.level = "summary"\n[design]\nkind = "grid"\n'
                 '[[parameters]]\npath = "trust.regisseur_loss"\nvalues = [0.1, 0.5]\n'
                 '[[parameters]]\npath = "regisseur.strategy"\n'
                 'values = ["facilitative", "controlling"]\n'
                 '[[parameters]]\npath = "regisseur.own_effort"\nvalues = [0.5, 1.0, 2.0]\n',
                 ROWS, "tiny.h5")


def direct(path):
    """Per (regisseur.trust_loss label, own_effort label): the twin - trap differences of
    realisation, paired by replication, read with h5py alone."""
    with h5py.File(path, "r") as f:
        factors = [n.decode() for n in f["design/factor"][...]]
        labels = [[x.decode() for x in row] for row in f["design/label"][...]]
        runs = f["runs"][...]
        realisation = f["summary/realisation"][...]
    arm = factors.index("regisseur.strategy")
    others = [i for i in range(len(factors)) if i != arm]
    value = {}
    for run, r in enumerate(runs):
        row = labels[int(r["point"])]
        key = tuple(row[i] for i in others)
        value[(key, row[arm], int(r["replication"]))] = float(realisation[run])
    out = {}
    for (key, strategy, replication), v in value.items():
        if strategy == "facilitative":
            out.setdefault(key, []).append((replication,
                                            v - value[(key, "controlling", replication)],
                                            v, value[(key, "controlling", replication)]))
    return out


def walsh_median(d):
    return statistics.median((a + b) / 2 for a, b in combinations_with_replacement(d, 2))


def test_the_grid_is_the_hodges_lehmann_of_the_paired_differences(tiny):
    tmp, path = tiny
    grid = pattern_grid(path, patterns=tmp / "patterns.toml")
    assert grid.row["id"] == "T1"  # the first row the file can compute
    assert grid.arm_factor == "regisseur.strategy"
    assert (grid.trap_label, grid.twin_label) == ("controlling", "facilitative")
    assert grid.factors == ["trust.regisseur_loss", "regisseur.own_effort"]
    assert grid.levels == [["0.1", "0.5"], ["0.5", "1", "2"]]
    expected = direct(path)
    assert len(expected) == 6
    for (loss, effort), entries in expected.items():
        cell = (grid.levels[0].index(loss), grid.levels[1].index(effort))
        entries.sort()
        d = [e[1] for e in entries]
        twin_mean = float(np.mean([e[2] for e in entries]))
        assert grid.pairs[cell] == 7
        assert grid.estimate[cell] == pytest.approx(walsh_median(d), abs=1e-12)
        assert grid.minimum[cell] == pytest.approx(0.05 * twin_mean, rel=1e-12)
        assert grid.margin[cell] == pytest.approx(walsh_median(d) - 0.05 * twin_mean, abs=1e-12)
    assert np.isfinite(grid.estimate).all()


def test_the_direction_turns_the_difference_and_the_minimum_is_absolute(tiny):
    tmp, path = tiny
    forward = pattern_grid(path, patterns=tmp / "patterns.toml", row_id="T1")
    backward = pattern_grid(path, patterns=tmp / "patterns.toml", row_id="T2")
    np.testing.assert_allclose(backward.estimate, -forward.estimate, atol=1e-12)
    np.testing.assert_allclose(backward.minimum, 0.001)
    np.testing.assert_allclose(backward.margin, backward.estimate - 0.001, atol=1e-12)


def test_hodges_lehmann_of_a_small_sample():
    # Walsh averages of (0, 1, 5): 0, 0.5, 2.5, 1, 3, 5 -> median (1 + 2.5) / 2.
    assert hodges_lehmann([0.0, 1.0, 5.0]) == pytest.approx(1.75)
    assert np.isnan(hodges_lehmann([]))


def test_the_command_writes_the_figure_and_prints_the_grid(tiny, tmp_path):
    tmp, path = tiny
    png = tmp_path / "where.png"
    done = run_cli("patterns-sweep", path, "-o", png, "--patterns", tmp / "patterns.toml")
    pixels = mpimg.imread(png)
    assert pixels.shape[0] > 100 and float(pixels[..., :3].std()) > 0.02
    assert "row T1" in done.stdout and done.stdout.count(" pairs: ") == 6
    svg = tmp_path / "waar.svg"
    run_cli("patterns-sweep", path, "-o", svg, "--patterns", tmp / "patterns.toml", "--lang",
            "nl", "--row", "T2")
    text = svg.read_text(encoding="utf-8")
    assert "Waar T2 standhoudt" in text and "valkuil" in text and "tweeling" in text


def test_a_row_whose_key_is_not_swept_is_refused(tiny, tmp_path):
    tmp, path = tiny
    rows = tmp_path / "other.toml"
    rows.write_text(ROWS.replace('key = "regisseur.strategy"', 'key = "trust.gain"'))
    done = run_cli("patterns-sweep", path, "-o", tmp_path / "x.png", "--patterns", rows,
                   check=False)
    assert done.returncode == 2 and "trust.gain" not in done.stdout
    assert "no paired row" in done.stderr


def test_a_row_value_matches_the_label_the_design_writes():
    from regiesim_analysis.patterns import _same

    assert _same("true", True) and _same("1", True) and not _same("false", True)
    assert _same("false", False) and _same("0", False) and not _same("true", False)
    assert _same("0.2", 0.2) and _same("1", 1.0) and _same("26", 26) and not _same("4", 26)
    assert _same("controlling", "controlling") and not _same("controlling", "facilitative")


WINDOW_ROWS = """
[frozen]
[[frozen.rows]]
id = "W1"
kind = "ensemble"
pitfall = "tiny_passion"
arms = "both"
key = "partners.wijkteam.passion"
trap = 0.95
twin = 0.5545
metric = "neighbour_passion_mean"
steps = [9, 16]
direction = "trap_above_twin"
minimum_effect = { kind = "absolute", value = 0.02 }
minimum_effect_text = "0.02 absolute"

[[frozen.rows]]
id = "W2"
kind = "ensemble"
pitfall = "tiny_passion"
arms = "both"
key = "partners.wijkteam.passion"
trap = 0.95
twin = 0.5545
metric = "commitment_mean"
steps = [9, 16]
direction = "trap_above_twin"
minimum_effect = { kind = "relative_to_level", value = 0.05 }
minimum_effect_text = "5% of level"
"""


@pytest.fixture(scope="module")
def passion(tmp_path_factory):
    """The energetic partner's arm crossed with passion contagion, at level full, 20 weeks."""
    return swept(tmp_path_factory.mktemp("passion"), "[run]\nsteps = 20\n[trust]\ninitial = 0.6\n",
                 '[sweep]\nscenario = "base.toml"\nreplications = 5\nseed = 3\n'
                 '[base]\nrecord.level = "full"\nrecord.agent_interval = 1\n[design]\n'
                 'kind = "grid"\n'
                 '[[parameters]]\npath = "partners.wijkteam.passion"\nvalues = [0.95, 0.5545]\n'
                 '[[parameters]]\npath = "passion.contagion"\nvalues = [0.05, 0.2]\n',
                 WINDOW_ROWS, "passion.h5")


def per_run_direct(path, metric):
    """Per run: the neighbours' passion (ties from /trust/edges, active partners only) or the
    series, averaged over weeks 9..16, computed here loop by loop."""
    with h5py.File(path, "r") as f:
        if metric == "series":
            table = f["series/commitment_mean"][...]
            steps = list(f["series/step"][...])
            return [float(np.mean([row[steps.index(w)] for w in range(9, 17)])) for row in table]
        names = [n.decode() for n in f["partner"][...]]
        me = names.index("wijkteam")
        ties = set()
        for a, b in f["trust/edges"][...]:
            if a == me:
                ties.add(int(b))
            if b == me:
                ties.add(int(a))
        weeks = list(f["agents/sample_step"][...])
        passion, active = f["agents/passion"][...], f["agents/active"][...]
        out = []
        for run in range(passion.shape[0]):
            per_week = []
            for w in range(9, 17):
                s = weeks.index(w)
                here = [passion[run, s, j] for j in sorted(ties) if active[run, s, j] > 0.5]
                per_week.append(sum(here) / len(here))
            out.append(sum(per_week) / len(per_week))
        return out


@pytest.mark.parametrize("row, metric", [("W1", "neighbours"), ("W2", "series")])
def test_a_window_of_weeks_is_read_from_the_agents_or_the_series(passion, row, metric):
    tmp, path = passion
    grid = pattern_grid(path, patterns=tmp / "patterns.toml", row_id=row)
    values = per_run_direct(path, metric)
    with h5py.File(path, "r") as f:
        runs = f["runs"][...]
        labels = [[x.decode() for x in r] for r in f["design/label"][...]]
    assert "weeks 9..16" in grid.note
    for cell, contagion in enumerate(grid.levels[0]):
        pair = {}
        for run, r in enumerate(runs):
            arm, level = labels[int(r["point"])]
            if level == contagion:
                pair.setdefault(int(r["replication"]), {})[arm] = values[run]
        d = [p["0.95"] - p["0.5545"] for _, p in sorted(pair.items())]  # trap - twin
        assert grid.pairs[cell] == 5
        assert grid.estimate[cell] == pytest.approx(walsh_median(d), abs=1e-12)

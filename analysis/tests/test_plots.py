"""The plot command: every figure the file supports, as PNG and SVG, not blank, with labelled
axes (units from the file) and Dutch labels on request; figures that need more are skipped with
a message."""

import matplotlib.image as mpimg
import numpy as np


from conftest import run_cli
from regiesim_analysis import load


def not_blank(path):
    pixels = mpimg.imread(path)
    return pixels.shape[0] > 100 and float(pixels[..., :3].std()) > 0.02


def svg_text(path):
    return path.read_text(encoding="utf-8")


def test_a_full_run_file_gives_series_distributions_network_and_timeline(tmp_path, full_file):
    out = tmp_path / "figures"
    done = run_cli("plot", full_file, "-o", out, "--metric", "realisation", "--metric",
                   "trust_mean", cwd=tmp_path)
    stems = ["series_realisation", "series_trust_mean", "final_values", "trust_network",
             "timeline"]
    for stem in stems:
        assert not_blank(out / f"{stem}.png"), stem
        assert (out / f"{stem}.svg").stat().st_size > 1000, stem
    assert done.stdout.count("wrote") >= len(stems)
    # Axis labels with the units of the file (realisation: units "1", a share).
    text = svg_text(out / "series_realisation.svg")
    assert "realisation (share, 0-1)" in text and "week (week)" in text
    assert "median" in text and "5-95% band" in text
    assert "politie" in svg_text(out / "trust_network.svg")  # partners by name
    assert "commitment" in svg_text(out / "trust_network.svg")
    # Exits are named on the timeline when a partner left in the run drawn.
    r = load(full_file)
    first = r.events[r.events["run"] == 0]
    for source in first.loc[first["kind"] == "exit", "source"]:
        assert r.partners[source] in svg_text(out / "timeline.svg")


def plot(path, out, **options):
    """The command's work in this process (the command itself is run in the first test)."""
    from regiesim_analysis.plots import plot_all

    return "\n".join(plot_all(load(path), out, **options))


def test_dutch_labels(tmp_path, full_file):
    out = tmp_path / "nl"
    plot(full_file, out, lang="nl", formats=["svg"], metrics=["realisation"])
    text = svg_text(out / "series_realisation.svg")
    assert "mediaan" in text and "realisatie (aandeel, 0-1)" in text
    assert "median" not in text and "over time" not in text
    assert "vertrouwensnetwerk" in svg_text(out / "trust_network.svg")
    assert "tijdlijn" in svg_text(out / "timeline.svg")


def test_a_summary_sweep_gives_heatmap_and_partial_dependence_and_skips_the_rest(tmp_path,
                                                                                   lhs_file):
    out = tmp_path / "lhs"
    done = plot(lhs_file, out, formats=["png"], metrics=["realisation"])
    assert "skipped series" in done and "skipped trust network" in done
    assert not_blank(out / "heatmap_realisation.png")
    assert not_blank(out / "partial_dependence_realisation.png")
    assert not_blank(out / "final_values.png")


def test_sobol_and_morris_figures(tmp_path, saltelli_file, morris_file):
    plot(saltelli_file, tmp_path / "s", metrics=["realisation"])
    assert not_blank(tmp_path / "s" / "sobol_realisation.png")
    text = svg_text(tmp_path / "s" / "sobol_realisation.svg")
    assert "first order" in text and "total order" in text and "trust.gain" in text
    plot(morris_file, tmp_path / "m", metrics=["realisation"])
    assert not_blank(tmp_path / "m" / "morris_realisation.png")
    assert "mu*" in svg_text(tmp_path / "m" / "morris_realisation.svg")


def test_the_series_band_is_the_runs_5_to_95_percent(tmp_path, full_file):
    """The band drawn is the per-week quantile of the ok runs (checked on the numbers)."""
    import matplotlib

    matplotlib.use("Agg")
    from regiesim_analysis import plots

    r = load(full_file)
    captured = {}
    original = plots.plt.Axes.fill_between

    def spy(self, x, low, high, **kw):
        captured["low"], captured["high"] = np.asarray(low), np.asarray(high)
        return original(self, x, low, high, **kw)

    plots.plt.Axes.fill_between = spy
    try:
        plots.plot_series(r, "trust_mean", tmp_path,
                          plots._Text("en"), formats=[])
    finally:
        plots.plt.Axes.fill_between = original
    table = r.select_series(metrics="trust_mean").pivot(index="run", columns="step",
                                                         values="value").to_numpy()
    np.testing.assert_allclose(captured["low"], np.quantile(table, 0.05, axis=0))
    np.testing.assert_allclose(captured["high"], np.quantile(table, 0.95, axis=0))

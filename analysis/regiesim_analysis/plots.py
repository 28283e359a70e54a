"""Figures of a results file, drawn with matplotlib's Agg backend (no display needed).

Every figure has a title, labelled axes with the units the file records (the ``units`` attribute
of each dataset), and English or Dutch labels (``lang="nl"``). ``plot_all`` draws every figure the
file supports and says which it skipped and why.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

MAIN_METRICS = ["realisation", "trust_mean", "commitment_mean", "passion_mean", "goal_clarity",
                "active_partners", "regie_effort"]

WORDS = {
    "en": {"band": "5-95% band"},
    "nl": {
        "week": "week", "median": "mediaan", "band": "5-95%-band", "runs": "runs",
        "all runs": "alle runs", "arm": "arm", "point": "ontwerppunt", "count": "aantal runs",
        "over time": "in de tijd", "final values": "eindwaarden", "at the end": "aan het eind",
        "trust network": "vertrouwensnetwerk", "run": "run", "commitment": "commitment",
        "trust": "vertrouwen", "timeline": "tijdlijn", "interventions and exits":
        "interventies en vertrek", "exit": "vertrek", "intervention": "interventie",
        "mean of": "gemiddelde van", "partial dependence": "partiële afhankelijkheid",
        "first order": "eerste orde", "total order": "totale orde",
        "Sobol indices": "Sobol-indices", "Morris screening": "Morris-screening",
        "index": "index", "factor": "factor", "interval": "interval",
        "mean over runs": "gemiddelde over runs", "of the runs": "van de runs",
        "sample week": "meetweek", "kind": "soort",
        "realisation": "realisatie", "trust_mean": "gemiddeld vertrouwen",
        "commitment_mean": "gemiddelde commitment", "passion_mean": "gemiddelde passie",
        "goal_clarity": "helderheid van het doel", "active_partners": "actieve partners",
        "regie_effort": "regie-inspanning", "progress_rate": "voortgang per week",
        "never": "nooit", "left": "vertrokken", "unit share": "aandeel", "in week": "in week",
    },
}

UNIT_WORDS = {"en": {"1": "share, 0-1"}, "nl": {"1": "aandeel, 0-1", "week": "week",
                                                "partners": "partners", "effort": "inspanning"}}


class _Text:
    def __init__(self, lang: str):
        self.lang = lang

    def __call__(self, key: str) -> str:
        return WORDS.get(self.lang, {}).get(key, key)

    def metric(self, results, name: str) -> str:
        """A metric with its units: ``realisation (share, 0-1)``."""
        unit = results.units.get(name, "")
        unit = UNIT_WORDS.get(self.lang, {}).get(unit, unit)
        label = self(name) if self.lang != "en" else name
        return f"{label} ({unit})" if unit else label


def _save(fig, out: Path, stem: str, formats) -> list[str]:
    fig.tight_layout()
    written = []
    for fmt in formats:
        path = out / f"{stem}.{fmt}"
        fig.savefig(path, dpi=110)
        written.append(str(path))
    plt.close(fig)
    return written


def grouping(results) -> str | None:
    """The column the runs are compared by: the arm, a varied strategy, or the design point when
    a sweep has few points; None for one group."""
    runs = results.runs
    if runs["arm"].nunique() > 1:
        return "arm_name" if "arm_name" in results.keys.columns else "arm"
    if "regisseur.strategy" in results.varying_parameters:
        return "regisseur.strategy"
    if 1 < runs["point"].nunique() <= 8:
        return "point"
    return None


def _groups(results, frame: pd.DataFrame, key: str | None):
    if key is None:
        yield None, frame
        return
    for value, part in frame.groupby(key, sort=True, observed=True):
        yield value, part


def _group_label(t, key, value) -> str:
    if key is None:
        return t("all runs")
    if key in ("arm", "arm_name", "point"):
        return f"{t('arm' if key.startswith('arm') else 'point')} {value}"
    return f"{value}"


def plot_series(results, metric: str, out: Path, t: _Text, formats) -> list[str]:
    """Median and 5-95% band per group over the weeks (ok runs only)."""
    frame = results.select_series(metrics=[metric])
    frame = frame[frame["status"] == "ok"]
    key = grouping(results)
    fig, ax = plt.subplots(figsize=(7, 4))
    for value, part in _groups(results, frame, key):
        table = part.pivot_table(index="run", columns="step", values="value", observed=True)
        steps = table.columns.to_numpy()
        values = table.to_numpy()
        with np.errstate(all="ignore"):
            low, mid, high = np.nanquantile(values, [0.05, 0.5, 0.95], axis=0)
        line, = ax.plot(steps, mid, label=f"{_group_label(t, key, value)} ({len(table)} "
                                           f"{t('runs')})")
        ax.fill_between(steps, low, high, color=line.get_color(), alpha=0.2, linewidth=0)
    ax.set_xlabel(f"{t('week')} (week)")
    ax.set_ylabel(t.metric(results, metric))
    ax.set_title(f"{t(metric) if t.lang != 'en' else metric} {t('over time')}: "
                 f"{t('median')}, {t('band')}")
    ax.legend(fontsize=8)
    return _save(fig, out, f"series_{metric}", formats)


def plot_final(results, metrics: list[str], out: Path, t: _Text, formats) -> list[str]:
    """Distributions of the summary values per group, one panel per metric."""
    summary = results.summary[results.summary["status"] == "ok"]
    key = grouping(results)
    metrics = [m for m in metrics if m in summary.columns]
    fig, axes = plt.subplots(1, len(metrics), figsize=(3.2 * len(metrics), 3.8), squeeze=False)
    for ax, metric in zip(axes[0], metrics):
        data, labels = [], []
        for value, part in _groups(results, summary, key):
            data.append(part[metric].astype("float64").dropna().to_numpy())
            labels.append(_group_label(t, key, value))
        ax.boxplot(data, labels=labels, showfliers=True)
        ax.set_ylabel(t.metric(results, metric))
        ax.set_title(t(metric) if t.lang != "en" else metric, fontsize=10)
        ax.tick_params(axis="x", labelrotation=30, labelsize=8)
    fig.suptitle(f"{t('final values')} ({len(summary)} {t('runs')})")
    return _save(fig, out, "final_values", formats)


def _circle(n: int) -> np.ndarray:
    angle = np.pi / 2 - 2 * np.pi * np.arange(n) / n
    return np.column_stack([np.cos(angle), np.sin(angle)])


def plot_trust_network(results, weeks, run, out: Path, t: _Text, formats) -> list[str]:
    """Trust between partners at chosen weeks of one run: edge width by the mean trust of the
    two directions of a tie, node colour by commitment, partners by name."""
    trust = results.trust
    trust = trust[trust["run"] == run]
    agents = results.agents
    commitment = agents[(agents["run"] == run) & (agents["variable"] == "commitment")]
    active = agents[(agents["run"] == run) & (agents["variable"] == "active")]
    available = sorted(trust["step"].unique())
    if not weeks:
        weeks = [available[0], available[len(available) // 2], available[-1]]
    weeks = [min(available, key=lambda s: abs(s - w)) for w in weeks]
    names = results.partners
    xy = _circle(len(names))
    fig, axes = plt.subplots(1, len(weeks), figsize=(5 * len(weeks), 3.9), squeeze=False)
    cmap = plt.get_cmap("viridis")
    for ax, week in zip(axes[0], weeks):
        at = trust[trust["step"] == week]
        pair = {}
        for i, j, v in zip(at["truster"].cat.codes, at["trusted"].cat.codes, at["value"]):
            pair.setdefault((min(i, j), max(i, j)), []).append(v)
        c = commitment[commitment["step"] == week].set_index("partner")["value"]
        here = active[active["step"] == week].set_index("partner")["value"]
        gone = np.array([float(here.get(n, 1.0)) < 0.5 for n in names])
        for (i, j), values in pair.items():
            if gone[i] or gone[j]:
                continue  # ties of a partner who left are not drawn
            v = float(np.mean(values))
            ax.plot(*xy[[i, j]].T, color="0.35", linewidth=0.3 + 5 * v, alpha=0.3 + 0.6 * v,
                    zorder=1)
        colours = [cmap(float(c[n])) if n in c.index else "0.8" for n in names]
        ax.scatter(xy[~gone, 0], xy[~gone, 1], s=260,
                   c=[col for col, g in zip(colours, gone) if not g], edgecolors="black",
                   zorder=2)
        ax.scatter(xy[gone, 0], xy[gone, 1], s=260, facecolors="white", edgecolors="0.5",
                   linestyles="dashed", zorder=2)  # partners who left: hollow
        for (x, y), name, g in zip(xy, names, gone):
            ha = "left" if x > 0.15 else "right" if x < -0.15 else "center"
            va = "bottom" if y > 0.9 else "top" if y < -0.9 else "center"
            ax.annotate(name + (f" ({t('left')})" if g else ""), (x * 1.13, y * 1.13), ha=ha,
                        va=va, fontsize=8, color="0.5" if g else "black")
        ax.set_xlim(-1.9, 1.9)
        ax.set_ylim(-1.3, 1.3)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title(f"{t('in week')} {week}")
    scale = plt.cm.ScalarMappable(cmap=cmap, norm=plt.Normalize(0, 1))
    bar = fig.colorbar(scale, ax=axes[0].tolist(), shrink=0.7, pad=0.02)
    bar.set_label(f"{t('commitment')} (" + UNIT_WORDS.get(t.lang, {}).get("1", "1") + ")")
    fig.suptitle(f"{t('trust network')}, {t('run')} {run}: "
                 f"{t('trust')} = {'lijndikte' if t.lang == 'nl' else 'edge width'}")
    written = []
    for fmt in formats:
        path = out / f"trust_network.{fmt}"
        fig.savefig(path, dpi=110, bbox_inches="tight")
        written.append(str(path))
    plt.close(fig)
    return written


def plot_timeline(results, run, out: Path, t: _Text, formats) -> list[str]:
    """The interventions (by kind) and exits (by partner) of one run over the weeks."""
    events = results.events
    events = events[events["run"] == run]
    kinds = [k for k in events["kind"].cat.categories if (events["kind"] == k).any()
             and not str(k).startswith("skipped")]
    fig, ax = plt.subplots(figsize=(8, 0.45 * max(3, len(kinds)) + 1.2))
    for row, kind in enumerate(kinds):
        at = events[events["kind"] == kind]
        marker = "x" if kind == "exit" else "|"
        ax.scatter(at["step"], np.full(len(at), row), marker=marker, s=60,
                   color="crimson" if kind == "exit" else "C0")
        if kind == "exit":
            for step, source in zip(at["step"], at["source"]):
                if 0 <= source < len(results.partners):
                    ax.annotate(results.partners[source], (step, row), xytext=(3, 5),
                                textcoords="offset points", fontsize=7, color="crimson")
    ax.set_yticks(range(len(kinds)))
    ax.set_yticklabels([t("exit") if k == "exit" else k for k in kinds], fontsize=8)
    ax.set_xlabel(f"{t('week')} (week)")
    ax.set_ylabel(t("kind"))
    ax.set_xlim(0, results.steps)
    ax.set_title(f"{t('timeline')}: {t('interventions and exits')}, {t('run')} {run}")
    return _save(fig, out, "timeline", formats)


def plot_heatmaps(results, metric: str, out: Path, t: _Text, formats) -> list[str]:
    """Mean of a metric over the first two swept parameters (a grid: its levels; other designs:
    ten quantile bins per parameter), averaged over the other factors and the runs."""
    factors = [f for f in results.design.factors if f in results.summary.columns]
    if len(factors) < 2:
        return []
    x, y = factors[:2]
    summary = results.summary[results.summary["status"] == "ok"]
    frame = pd.DataFrame({x: _bins(summary[x]), y: _bins(summary[y]),
                          "value": summary[metric].astype("float64")})
    table = frame.pivot_table(index=y, columns=x, values="value", aggfunc="mean", observed=True)
    fig, ax = plt.subplots(figsize=(6.5, 5))
    image = ax.imshow(table.to_numpy(), origin="lower", aspect="auto", cmap="viridis")
    ax.set_xticks(range(len(table.columns)))
    ax.set_xticklabels([_fmt(c) for c in table.columns], rotation=45, fontsize=8)
    ax.set_yticks(range(len(table.index)))
    ax.set_yticklabels([_fmt(c) for c in table.index], fontsize=8)
    ax.set_xlabel(_param_label(results, x))
    ax.set_ylabel(_param_label(results, y))
    bar = fig.colorbar(image, ax=ax)
    bar.set_label(f"{t('mean of')} " + t.metric(results, metric))
    ax.set_title(f"{t(metric) if t.lang != 'en' else metric}: {t('mean over runs')}")
    return _save(fig, out, f"heatmap_{metric}", formats)


def _bins(column: pd.Series):
    values = column.to_numpy()
    if column.nunique() <= 12 or not np.issubdtype(values.dtype, np.number):
        return column
    return pd.qcut(column, 10, duplicates="drop").apply(lambda i: i.mid).astype(float)


def _fmt(v) -> str:
    return f"{v:.3g}" if isinstance(v, (float, np.floating)) else str(v)


def _param_label(results, path: str) -> str:
    try:
        with __import__("h5py").File(results.path, "r") as f:
            unit = f["parameters"][path].attrs.get("units", b"")
            unit = unit.decode() if isinstance(unit, bytes) else str(unit)
    except Exception:
        unit = ""
    return f"{path} ({unit})" if unit else path


def plot_partial_dependence(results, metric: str, out: Path, t: _Text, formats) -> list[str]:
    """Per swept parameter the metric's mean (line) and 5-95% of the runs (band) against the
    parameter's value, the other factors averaged over."""
    factors = [f for f in results.design.factors if f in results.summary.columns]
    if not factors:
        return []
    summary = results.summary[results.summary["status"] == "ok"]
    columns = min(3, len(factors))
    rows = -(-len(factors) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(3.6 * columns, 3.2 * rows + 0.6),
                             sharey=True, squeeze=False)
    for ax in axes.flat[len(factors):]:
        ax.set_visible(False)
    for ax, factor in zip(axes.flat, factors):
        frame = pd.DataFrame({"x": _bins(summary[factor]),
                              "value": summary[metric].astype("float64")})
        grouped = frame.groupby("x", observed=True)["value"]
        mean = grouped.mean()
        low, high = grouped.quantile(0.05), grouped.quantile(0.95)
        xs = np.arange(len(mean)) if mean.index.dtype == object else mean.index.to_numpy(float)
        ax.plot(xs, mean.to_numpy(), marker="o", markersize=3)
        ax.fill_between(xs, low.to_numpy(), high.to_numpy(), alpha=0.2, linewidth=0)
        if mean.index.dtype == object:
            ax.set_xticks(xs)
            ax.set_xticklabels(mean.index, rotation=30, fontsize=8)
        ax.set_xlabel(_param_label(results, factor), fontsize=8)
    for row in axes:
        row[0].set_ylabel(t.metric(results, metric))
    fig.suptitle(f"{t('partial dependence')}: {t(metric) if t.lang != 'en' else metric} "
                 f"({t('mean over runs')}, {t('band')} {t('of the runs')})")
    return _save(fig, out, f"partial_dependence_{metric}", formats)


def plot_sobol(results, table: pd.DataFrame, metric: str, out: Path, t: _Text,
               formats) -> list[str]:
    fig, ax = plt.subplots(figsize=(max(5, 1.1 * len(table)), 4))
    xs = np.arange(len(table))
    for offset, name, label in ((-0.18, "S1", t("first order")), (0.18, "ST", t("total order"))):
        value = table[name].to_numpy()
        err = np.vstack([value - table[f"{name}_low"], table[f"{name}_high"] - value])
        ax.bar(xs + offset, value, width=0.34, label=label)
        ax.errorbar(xs + offset, value, yerr=np.clip(err, 0, None), fmt="none", color="black",
                    capsize=3, linewidth=1)
    ax.axhline(0, color="0.5", linewidth=0.8)
    ax.set_xticks(xs)
    ax.set_xticklabels(table.index, rotation=25, ha="right", fontsize=8)
    ax.set_xlabel(t("factor"))
    ax.set_ylabel(f"{t('index')} (1)")
    ax.set_title(f"{t('Sobol indices')}: {t(metric) if t.lang != 'en' else metric}, "
                 f"95% {t('interval')}")
    ax.legend(fontsize=8)
    return _save(fig, out, f"sobol_{metric}", formats)


def plot_morris(results, table: pd.DataFrame, metric: str, out: Path, t: _Text,
                formats) -> list[str]:
    fig, ax = plt.subplots(figsize=(6, 4.5))
    unit = results.units.get(metric, "")
    x, y = table["mu_star"].to_numpy(), table["sigma"].to_numpy()
    xerr = np.clip(np.vstack([x - table["mu_star_low"], table["mu_star_high"] - x]), 0, None)
    yerr = np.clip(np.vstack([y - table["sigma_low"], table["sigma_high"] - y]), 0, None)
    ax.errorbar(x, y, xerr=xerr, yerr=yerr, fmt="o", capsize=3)
    for name, xi, yi in zip(table.index, x, y):
        ax.annotate(name, (xi, yi), xytext=(4, 4), textcoords="offset points", fontsize=8)
    per = f"{unit} per unit of the factor's range" if t.lang == "en" else \
        f"{unit} per eenheid van het bereik"
    ax.set_xlabel(f"mu* ({per})")
    ax.set_ylabel(f"sigma ({per})")
    ax.set_xlim(left=0)
    ax.set_ylim(bottom=0)
    ax.set_title(f"{t('Morris screening')}: {t(metric) if t.lang != 'en' else metric}, "
                 f"95% {t('interval')}")
    return _save(fig, out, f"morris_{metric}", formats)


def plot_all(results, output, lang="en", metrics=None, weeks=None, run=None,
             formats=("png", "svg")):
    """Draws every figure the file supports into ``output``; yields one line per figure or per
    figure skipped (with the reason)."""
    out = Path(output)
    out.mkdir(parents=True, exist_ok=True)
    t = _Text(lang)
    if metrics is None:
        metrics = [m for m in MAIN_METRICS if m in results.summary.columns]
    ok = results.runs[results.runs["status"] == "ok"]
    if run is None:
        run = int(ok["run"].iloc[0]) if len(ok) else int(results.runs["run"].iloc[0])

    def done(paths):
        return "wrote " + ", ".join(paths)

    if results.design is None or len(results.runs) > 0:
        if "series" in results.groups:
            for metric in metrics:
                yield done(plot_series(results, metric, out, t, formats))
        else:
            yield "skipped series: the file's record level is summary (no /series)"
        if len(results.runs):
            yield done(plot_final(results, metrics[:4], out, t, formats))
    if "trust" in results.groups and "agents" in results.groups:
        yield done(plot_trust_network(results, weeks, run, out, t, formats))
    else:
        yield "skipped trust network: needs record level full (no /trust)"
    if "events" in results.groups:
        yield done(plot_timeline(results, run, out, t, formats))
    else:
        yield "skipped timeline: needs record level series or above (no /events)"
    if results.design is None:
        return
    if len(results.runs) == 0:
        yield "skipped sweep figures: the file has no runs (sweep --design-only)"
        return
    main = metrics[0]
    if results.design.kind in ("grid", "latin_hypercube"):
        paths = plot_heatmaps(results, main, out, t, formats)
        yield done(paths) if paths else "skipped heatmap: needs two swept parameters"
    paths = plot_partial_dependence(results, main, out, t, formats)
    if paths:
        yield done(paths)
    if results.design.kind in ("saltelli", "morris"):
        from .indices import indices

        for metric in metrics[:2]:
            table = indices(results, metric)
            draw = plot_sobol if results.design.kind == "saltelli" else plot_morris
            yield done(draw(results, table, metric, out, t, formats))


# -- a comparison of two arms (regiesim compare), as the trainer's report shows it ----------------

ARM_WORDS = {"nl": {"trap": "valkuil", "twin": "tweeling"}}

PAIR_WORDS = {
    "en": {"level": "realisation of the opgave (share, 0-1)", "title_level": "Realisation per arm",
           "title_difference": "Paired difference, {b} - {a}",
           "difference": "difference in realisation, {b} - {a}", "week": "week",
           "median": "median", "band": "5-95% of the runs", "pairs": "pairs",
           "band_pairs": "5-95% of the pairs",
           "parting": "parted for good from week {w}", "crossing": "curves last cross, week {w}",
           "years": "year"},
    "nl": {"level": "realisatie van de opgave (aandeel, 0-1)",
           "title_level": "Realisatie per arm",
           "title_difference": "Verschil per paar, {b} - {a}",
           "difference": "verschil in realisatie, {b} - {a}", "week": "week",
           "median": "mediaan", "band": "5-95% van de runs", "pairs": "paren",
           "band_pairs": "5-95% van de paren",
           "parting": "blijvend uiteen vanaf week {w}",
           "crossing": "curven kruisen het laatst in week {w}", "years": "jaar"},
}


def arm_label(name: str, lang: str) -> str:
    """An arm's name as the reader sees it (``trap`` and ``twin`` in Dutch: valkuil, tweeling)."""
    return ARM_WORDS.get(lang, {}).get(name, name)


def _week_ticks(ax, steps: int) -> None:
    """Ticks every year (52 weeks) when the horizon spans two years or more."""
    if steps >= 104:
        years = 52 * np.arange(0, steps // 52 + 1)
        if len(years) > 11:
            years = years[:: -(-len(years) // 11)]
        ax.set_xticks(years)


def comparison_figure(results, lang: str = "en", metric: str = "realisation"):
    """Two panels side by side: the metric over the weeks per arm (median line and 5-95% band of
    the ok runs), and the paired difference arm 1 - arm 0 per replication (median and 5-95%
    band over the pairs in which both runs finished), with the parting and crossing weeks that
    ``compare`` wrote in /comparison drawn as vertical lines. Returns the matplotlib Figure."""
    words = PAIR_WORDS.get(lang, PAIR_WORDS["en"])
    frame = results.select_series(metrics=[metric])
    if frame is None:
        raise ValueError(f"{results.path}: no /series (record level summary): the comparison "
                         "figure needs realisation week by week")
    names = results.arm_names or ["0", "1"]
    a, b = arm_label(names[0], lang), arm_label(names[1], lang)
    frame = frame[frame["status"] == "ok"]
    table = frame.pivot_table(index=["arm", "replication"], columns="step", values="value",
                              observed=True)
    steps = table.columns.to_numpy()
    colours = ("#c0392b", "#1f6fb4")  # arm 0 (the trap) warm, arm 1 (the twin) cool
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.1))
    for arm, label, colour in ((0, a, colours[0]), (1, b, colours[1])):
        if arm not in table.index.get_level_values("arm"):
            continue
        values = table.loc[arm].to_numpy()
        with np.errstate(all="ignore"):
            low, mid, high = np.nanquantile(values, [0.05, 0.5, 0.95], axis=0)
        left.fill_between(steps, low, high, color=colour, alpha=0.18, linewidth=0)
        left.plot(steps, mid, color=colour, linewidth=2.2,
                  label=f"{label}: {words['median']} ({len(values)} runs)")
    left.plot([], [], color="0.6", alpha=0.4, linewidth=8, label=words["band"])
    pairs = table.index.get_level_values("replication")
    both = sorted(set(pairs[table.index.get_level_values("arm") == 0])
                  & set(pairs[table.index.get_level_values("arm") == 1]))
    difference = None
    if both:
        difference = (table.loc[1].loc[both].to_numpy() - table.loc[0].loc[both].to_numpy())
        with np.errstate(all="ignore"):
            low, mid, high = np.nanquantile(difference, [0.05, 0.5, 0.95], axis=0)
        right.fill_between(steps, low, high, color="#6c5b7b", alpha=0.22, linewidth=0,
                           label=words["band_pairs"])
        right.plot(steps, mid, color="#6c5b7b", linewidth=2.2,
                   label=f"{words['median']} ({len(both)} {words['pairs']})")
    right.axhline(0, color="0.3", linewidth=0.9)
    comparison = results.comparison or {"attributes": {}}
    attributes = comparison["attributes"]
    never = attributes.get("week_never")
    for key, style in (("parting_week", "--"), ("crossing_week", ":")):
        week = attributes.get(key)
        if week is None or week == never:
            continue
        text = words["parting" if key == "parting_week" else "crossing"].format(w=week)
        for ax in (left, right):
            ax.axvline(week, color="0.25", linestyle=style, linewidth=1.2,
                       label=text if ax is right else None)
    for ax in (left, right):
        ax.set_xlabel(f"{words['week']} (52 = 1 {words['years']})" if results.steps >= 104
                      else words["week"])
        ax.set_xlim(steps[0], steps[-1])
        ax.grid(True, color="0.9", linewidth=0.8)
        ax.spines[["top", "right"]].set_visible(False)
        _week_ticks(ax, int(steps[-1]))
    left.set_ylabel(words["level"])
    left.set_title(words["title_level"], fontsize=11)
    left.legend(fontsize=8, loc="upper left", frameon=False)
    right.set_ylabel(words["difference"].format(a=a, b=b))
    right.set_title(words["title_difference"].format(a=a, b=b), fontsize=11)
    right.legend(fontsize=8, loc="best", frameon=False)
    fig.tight_layout()
    return fig

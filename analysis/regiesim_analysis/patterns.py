"""Where each pattern stops holding: the patterns sweeps (``scenarios/sweeps/patterns/``).

A patterns sweep is a grid whose factors are a pitfall's arm key (two levels: the trap's value and
the twin's, as ``trap.toml`` and ``twin.toml`` set it) and two or three parameters of the row's
mechanism. Per cell of the other factors, the two points of the arm factor ran with the same
replications and so the same run seeds (common random numbers): their runs pair by replication.
``pattern_grid`` computes per cell the Hodges-Lehmann estimate of the paired differences (the
median of their Walsh averages), oriented so that a positive value is the row's direction, and the
row's minimum effect in the same units; ``plot_pattern_sweep`` draws the estimate with the minimum
effect as a contour: inside the contour the pattern is as large as pre-registered, outside it is
not. The rows (``[[frozen.rows]]`` of ``validation/patterns.toml``) give the key, the trap's and the
twin's values, the metric, the weeks, the direction and the minimum effect.

The values are read from ``/design/label`` (the arm's levels and the other factors' levels as
people read them) and ``/summary``, ``/series`` or, for P12, ``/agents`` and ``/trust``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import h5py
import numpy as np

from .binary import REPOSITORY

PATTERNS_FILE = REPOSITORY / "validation" / "patterns.toml"


# -- the rows --------------------------------------------------------------------------------------

def read_rows(path: str | Path | None = None) -> list[dict]:
    """The pre-registered rows (``[[frozen.rows]]``) of a patterns file."""
    path = Path(path) if path else PATTERNS_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no patterns file (give --patterns FILE)")
    with open(path, "rb") as f:
        data = tomllib.load(f)
    return list(data.get("frozen", {}).get("rows", []))


def _same(label: str, value) -> bool:
    """Whether a design label (``"negotiation"``, ``"true"``, ``"0.2"``, ``"26"``) is a row's
    value."""
    label = label.strip()
    if isinstance(value, bool):  # written as true/false, or as the value 1/0
        return label.lower() in (("true", "1") if value else ("false", "0"))
    if isinstance(value, (int, float)):
        try:
            return float(label) == float(value)
        except ValueError:
            return False
    return label == str(value)


def _sweep_base(design_attributes: dict) -> str:
    text = design_attributes.get("sweep_text", "")
    text = text.decode() if isinstance(text, bytes) else str(text)
    for line in text.splitlines():
        key, _, rest = line.partition("=")
        if key.strip() == "scenario":
            return rest.split("#")[0].strip().strip('"')
    return ""


def _pitfall_of(scenario: str) -> str | None:
    """The folder name of a base scenario path (``../../pitfalls/control_trap/base.toml``)."""
    parts = Path(scenario).parts
    return parts[-2] if len(parts) >= 2 else None


@dataclass
class _File:
    """What the grid needs from a sweep file, read once with h5py."""

    path: Path
    factors: list[str]
    labels: np.ndarray  # (point, factor) str
    design_attributes: dict
    run_point: np.ndarray
    run_replication: np.ndarray
    run_ok: np.ndarray
    steps: int
    groups: set = field(default_factory=set)
    summary_names: list = field(default_factory=list)
    series_names: list = field(default_factory=list)


def _text(v) -> str:
    return v.decode() if isinstance(v, bytes) else str(v)


def _open(path: Path) -> _File:
    with h5py.File(path, "r") as f:
        if "design" not in f:
            raise ValueError(f"{path}: not a sweep file (no /design)")
        design = f["design"]
        attributes = {k: v for k, v in design.attrs.items()}
        if _text(attributes.get("kind", "")) != "grid":
            raise ValueError(f"{path}: a patterns sweep is a grid; this design is "
                             f"{_text(attributes.get('kind', ''))!r}")
        factors = [_text(n) for n in design["factor"][...]]
        labels = np.char.decode(design["label"][...].astype(bytes), "utf-8").astype(object)
        runs = f["runs"][...]
        status = f["runs"].dtype["status"]
        names = h5py.check_enum_dtype(status) or {}
        ok_code = names.get("ok", 0)
        steps = int(f["manifest"].attrs.get("steps", 0))
        return _File(
            path=path, factors=factors, labels=labels, design_attributes=attributes,
            run_point=runs["point"].astype(np.int64),
            run_replication=runs["replication"].astype(np.int64),
            run_ok=runs["status"] == ok_code, steps=steps, groups=set(f),
            summary_names=list(f["summary"]) if "summary" in f else [],
            series_names=list(f["series"]) if "series" in f else [],
        )


def _arm_factor(sweep: _File, row: dict) -> int | None:
    if row.get("key") not in sweep.factors:
        return None
    i = sweep.factors.index(row["key"])
    levels = list(dict.fromkeys(sweep.labels[:, i]))
    if len(levels) != 2:
        return None
    trap = [lv for lv in levels if _same(lv, row.get("trap"))]
    twin = [lv for lv in levels if _same(lv, row.get("twin"))]
    return i if trap and twin else None


def _computable(sweep: _File, row: dict) -> bool:
    metric = row.get("metric", "")
    if metric == "neighbour_passion_mean":
        return {"agents", "trust"} <= sweep.groups
    steps = row.get("steps")
    if metric in sweep.series_names:
        return True
    return metric in sweep.summary_names and (not steps or list(steps) == [sweep.steps] * 2)


def choose_row(sweep: _File, rows: list[dict], row_id: str | None = None) -> dict:
    """The row a sweep plots: ``row_id`` if given; else, of the paired rows (``arms = "both"``)
    whose key is a two-level factor with the trap's and the twin's values and whose folder is the
    sweep's base, the first the file can compute exactly, else the first."""
    if row_id:
        for row in rows:
            if row.get("id") == row_id:
                if _arm_factor(sweep, row) is None:
                    raise ValueError(f"{sweep.path}: row {row_id}'s key {row.get('key')} is not a "
                                     f"factor with the levels {row.get('trap')!r} and "
                                     f"{row.get('twin')!r}")
                return row
        raise KeyError(f"no row {row_id!r} in the patterns file")
    pitfall = _pitfall_of(_sweep_base(sweep.design_attributes))
    candidates = [r for r in rows if r.get("arms") == "both" and r.get("kind") == "ensemble"
                  and _arm_factor(sweep, r) is not None]
    same_folder = [r for r in candidates if r.get("pitfall") == pitfall]
    candidates = same_folder or candidates
    if not candidates:
        raise ValueError(f"{sweep.path}: no paired row of the patterns file has a key among the "
                         f"factors {', '.join(sweep.factors)} with its trap's and twin's values "
                         "as the two levels (give --row)")
    exact = [r for r in candidates if _computable(sweep, r)]
    return (exact or candidates)[0]


# -- the metric per run ----------------------------------------------------------------------------

def _window(row: dict, steps: int) -> tuple[int, int]:
    window = row.get("steps")
    if not window:
        return steps, steps
    return int(window[0]), int(window[1])


def _neighbour_passion(f: h5py.File, partner: str, first: int, last: int) -> np.ndarray:
    """P12's metric per run: the mean passion of the partner's neighbours (its ties in
    ``/trust/edges``, still active), mean over the agent samples in weeks first..last."""
    names = [_text(n) for n in f["partner"][...]]
    if partner not in names:
        raise ValueError(f"{f.filename}: no partner {partner!r}")
    me = names.index(partner)
    edges = f["trust/edges"][...]
    neighbours = sorted({int(b) for a, b in edges if int(a) == me}
                        | {int(a) for a, b in edges if int(b) == me})
    if not neighbours:
        raise ValueError(f"{f.filename}: {partner} has no ties")
    sample = f["agents/sample_step"][...]
    inside = (sample >= first) & (sample <= last)
    if not inside.any():
        raise ValueError(f"{f.filename}: no agent sample in weeks {first}..{last}")
    passion = f["agents/passion"][:, inside, :][:, :, neighbours]
    if "active" in f["agents"]:
        active = f["agents/active"][:, inside, :][:, :, neighbours] > 0.5
        passion = np.where(active, passion, np.nan)
    with np.errstate(all="ignore"):
        return np.nanmean(np.nanmean(passion, axis=2), axis=1)


def metric_values(sweep: _File, row: dict, metric: str | None = None) -> tuple[np.ndarray, str]:
    """Per run (the order of ``/runs``) the row's metric, and a note saying what was read. A
    goal never agreed keeps the file's T + 1 (the rows count it so)."""
    name = metric or row["metric"]
    first, last = _window(row, sweep.steps)
    with h5py.File(sweep.path, "r") as f:
        if name == "neighbour_passion_mean":
            key = row.get("key", "")
            parts = key.split(".")
            if not {"agents", "trust"} <= sweep.groups or len(parts) != 3 \
                    or parts[0] != "partners":
                raise ValueError(f"{sweep.path}: {name} needs record level full and a key "
                                 "partners.<name>.<column>")
            return (_neighbour_passion(f, parts[1], first, last),
                    f"mean passion of {parts[1]}'s neighbours, weeks {first}..{last}")
        if name in sweep.series_names and row.get("steps"):
            step = f["series/step"][...] if "step" in f["series"] else np.arange(sweep.steps + 1)
            inside = (step >= first) & (step <= last)
            values = f["series"][name][:, inside]
            where = f"week {first}" if first == last else f"mean over weeks {first}..{last}"
            return np.asarray(values, dtype=np.float64).mean(axis=1), f"{name}, {where}"
        if name in sweep.summary_names:
            dataset = f["summary"][name]
            summary = _text(dataset.attrs.get("summary", "final value"))
            values = np.asarray(dataset[...], dtype=np.float64)
            if not row.get("steps") or (first, last) == (sweep.steps, sweep.steps):
                where = f"week {sweep.steps}" if summary == "final value" else summary
                return values, f"{name}, {where}" if row.get("steps") else name
            return values, (f"{name}, {summary} (the row reads weeks {first}..{last}: record "
                            "at level series for that)")
    raise ValueError(f"{sweep.path}: no metric {name!r} in /summary or /series (give --metric)")


# -- the grid --------------------------------------------------------------------------------------

def hodges_lehmann(differences) -> float:
    """The median of the Walsh averages (d_i + d_j) / 2, i <= j, of paired differences."""
    d = np.asarray(differences, dtype=np.float64)
    if len(d) == 0:
        return float("nan")
    i, j = np.triu_indices(len(d))
    return float(np.median((d[i] + d[j]) / 2))


@dataclass
class PatternGrid:
    """Per cell of the other factors (an array indexed by their levels, in file order):
    ``estimate`` the Hodges-Lehmann paired difference oriented to the row's direction,
    ``minimum`` the row's minimum effect there, ``margin`` (>= 0 where the pattern is as large as
    pre-registered), ``pairs`` the pairs used, ``trap_mean`` and ``twin_mean``."""

    path: Path
    row: dict
    arm_factor: str
    trap_label: str
    twin_label: str
    factors: list[str]
    levels: list[list[str]]
    estimate: np.ndarray
    minimum: np.ndarray
    margin: np.ndarray
    pairs: np.ndarray
    trap_mean: np.ndarray
    twin_mean: np.ndarray
    sign: int  # +1: twin - trap; -1: trap - twin
    note: str


def _sign(direction: str) -> int:
    if direction in ("twin_above_trap", "trap_below_twin"):
        return 1
    if direction == "trap_above_twin":
        return -1
    raise ValueError(f"a patterns sweep plots paired rows; direction {direction!r} is not one")


def _minimum(row: dict, trap_mean: float, twin_mean: float, estimate: float) -> tuple[float, float]:
    """The minimum effect in the estimate's units, and the margin (>= 0: the row's effect holds)."""
    effect = row.get("minimum_effect", {})
    kind, value = effect.get("kind"), float(effect.get("value", 0.0))
    if kind == "relative_to_level":
        minimum = value * abs(twin_mean)
    elif kind in ("absolute", "median_difference_at_least"):
        minimum = value
    elif kind == "trap_mean_at_most_share_of_twin_mean":
        # Not a bound on the estimate: the trap's mean at most value x the twin's. Drawn on the
        # estimate's scale as the difference it takes, twin - trap >= (1 - value) twin.
        minimum = (1 - value) * twin_mean
        return minimum, value * twin_mean - trap_mean
    else:
        raise ValueError(f"row {row.get('id')}: minimum effect {kind!r} is not a paired one")
    return minimum, estimate - minimum


def pattern_grid(path, row_id: str | None = None, metric: str | None = None,
                 patterns: str | Path | None = None, rows: list[dict] | None = None
                 ) -> PatternGrid:
    """The Hodges-Lehmann grid of a patterns sweep (see the module's text)."""
    path = Path(path)
    sweep = _open(path)
    rows = rows if rows is not None else read_rows(patterns)
    row = choose_row(sweep, rows, row_id)
    arm = _arm_factor(sweep, row)
    sign = _sign(row.get("direction", ""))
    values, note = metric_values(sweep, row, metric)
    arm_labels = sweep.labels[:, arm]
    trap_label = next(lv for lv in arm_labels if _same(lv, row["trap"]))
    twin_label = next(lv for lv in arm_labels if _same(lv, row["twin"]))
    others = [i for i in range(len(sweep.factors)) if i != arm]
    levels = [list(dict.fromkeys(sweep.labels[:, i])) for i in others]
    shape = tuple(len(lv) for lv in levels) or (1,)
    cells = {}
    for point, label_row in enumerate(sweep.labels):
        cell = tuple(levels[k].index(label_row[i]) for k, i in enumerate(others)) or (0,)
        cells.setdefault(cell, {})[label_row[arm]] = point
    out = {name: np.full(shape, np.nan) for name in
           ("estimate", "minimum", "margin", "trap_mean", "twin_mean")}
    pairs = np.zeros(shape, dtype=np.int64)
    for cell, points in cells.items():
        if trap_label not in points or twin_label not in points:
            continue
        by_arm = []
        for label in (trap_label, twin_label):
            mine = (sweep.run_point == points[label]) & sweep.run_ok
            by_arm.append(dict(zip(sweep.run_replication[mine].tolist(), values[mine])))
        both = sorted(set(by_arm[0]) & set(by_arm[1]))
        both = [r for r in both if np.isfinite(by_arm[0][r]) and np.isfinite(by_arm[1][r])]
        trap = np.array([by_arm[0][r] for r in both])
        twin = np.array([by_arm[1][r] for r in both])
        estimate = hodges_lehmann(sign * (twin - trap))
        trap_mean = float(trap.mean()) if len(trap) else np.nan
        twin_mean = float(twin.mean()) if len(twin) else np.nan
        minimum, margin = _minimum(row, trap_mean, twin_mean, estimate)
        for name, value in (("estimate", estimate), ("minimum", minimum), ("margin", margin),
                            ("trap_mean", trap_mean), ("twin_mean", twin_mean)):
            out[name][cell] = value
        pairs[cell] = len(both)
    return PatternGrid(path=path, row=row, arm_factor=sweep.factors[arm], trap_label=trap_label,
                       twin_label=twin_label, factors=[sweep.factors[i] for i in others],
                       levels=levels, pairs=pairs, sign=sign, note=note, **out)


# -- the figure -----------------------------------------------------------------------------------

WORDS = {
    "en": {"title": "Where {id} holds: {pitfall}", "twin": "twin", "trap": "trap",
           "estimate": "Hodges-Lehmann paired difference, {a} - {b}",
           "contour": "minimum effect ({text}): where the estimate equals it",
           "holds": "holds (estimate at least the minimum effect)",
           "pairs": "pairs per cell", "all": "holds in every cell",
           "none": "holds in no cell", "cells": "cells"},
    "nl": {"title": "Waar {id} standhoudt: {pitfall}", "twin": "tweeling", "trap": "valkuil",
           "estimate": "Hodges-Lehmann-verschil per paar, {a} - {b}",
           "contour": "minimale effectgrootte ({text}): waar de schatting die bereikt",
           "holds": "houdt stand (schatting minstens de minimale effectgrootte)",
           "pairs": "paren per cel", "all": "houdt stand in elke cel",
           "none": "houdt in geen enkele cel stand", "cells": "cellen"},
}


def plot_pattern_sweep(grid: PatternGrid, output, lang: str = "en"):
    """Draws the grid: one panel per combination of the third and later factors' levels, the
    first other factor across, the second up (one row if there is none); colour and number the
    Hodges-Lehmann estimate in the row's direction, the row's minimum effect as a contour (the
    zero line of the margin), a dot in every cell where the pattern holds. Writes ``output``
    (its suffix: .png or .svg) and returns the Figure."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.colors import TwoSlopeNorm
    from matplotlib.lines import Line2D

    words = WORDS.get(lang, WORDS["en"])
    row = grid.row
    trap, twin = f"{words['trap']} ({grid.trap_label})", f"{words['twin']} ({grid.twin_label})"
    a, b = (twin, trap) if grid.sign > 0 else (trap, twin)
    estimate = grid.estimate
    margin = grid.margin
    while estimate.ndim < 2:
        estimate, margin = estimate[..., None], margin[..., None]
    factors = list(grid.factors) + [""] * max(0, 2 - len(grid.factors))
    levels = list(grid.levels) + [[""]] * max(0, 2 - len(grid.levels))
    panels = list(np.ndindex(*estimate.shape[2:])) or [()]
    columns = min(3, len(panels))
    rows = -(-len(panels) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(4.4 * columns + 2.6, 3.8 * rows + 1.9),
                             squeeze=False)
    finite = estimate[np.isfinite(estimate)]
    span = float(np.max(np.abs(finite))) if finite.size else 1.0
    span = span or 1.0
    norm = TwoSlopeNorm(vcenter=0.0, vmin=-span, vmax=span)
    image = None
    for ax, panel in zip(axes.flat, panels):
        index = (slice(None), slice(None)) + panel
        z = estimate[index].T  # rows: the second factor's levels, columns: the first's
        m = margin[index].T
        image = ax.imshow(z, origin="lower", cmap="RdBu", norm=norm, aspect="auto")
        ny, nx = z.shape
        for y in range(ny):
            for x in range(nx):
                dark = np.isfinite(z[y, x]) and abs(z[y, x]) > 0.6 * span
                ink = "white" if dark else "black"
                if np.isfinite(z[y, x]):
                    ax.text(x, y - 0.22, f"{z[y, x]:.3g}", ha="center", va="center", fontsize=7,
                            color=ink)
                if np.isfinite(m[y, x]) and m[y, x] >= 0:
                    ax.plot(x, y + 0.18, "o", color=ink, markersize=4)
        if nx >= 2 and ny >= 2 and np.isfinite(m).all() and m.min() < 0 <= m.max():
            ax.contour(np.arange(nx), np.arange(ny), m, levels=[0.0], colors="black",
                       linewidths=2.0)
        elif nx >= 2 and ny == 1 and np.isfinite(m).all() and m.min() < 0 <= m.max():
            for x in range(nx - 1):  # one row: the crossing between two cells as a line
                if (m[0, x] >= 0) != (m[0, x + 1] >= 0):
                    ax.axvline(x + m[0, x] / (m[0, x] - m[0, x + 1]), color="black",
                               linewidth=2.0)
        ax.set_xticks(range(nx))
        ax.set_xticklabels(levels[0], fontsize=8)
        ax.set_yticks(range(ny))
        ax.set_yticklabels(levels[1], fontsize=8)
        ax.set_xlabel(factors[0])
        ax.set_ylabel(factors[1])
        title = ", ".join(f"{grid.factors[2 + k]} = {grid.levels[2 + k][i]}"
                          for k, i in enumerate(panel))
        share = (m >= 0)[np.isfinite(m)]
        verdict = words["all"] if share.size and share.all() else \
            words["none"] if share.size and not share.any() else ""
        if verdict:
            title = f"{title}\n({verdict})" if title else f"({verdict})"
        if title:
            ax.set_title(title, fontsize=9)
    for ax in axes.flat[len(panels):]:
        ax.set_visible(False)
    width, height = fig.get_size_inches()
    top = 1 - 1.0 / height
    bottom = 0.9 / height
    right = 1 - 1.7 / width  # room for the colour bar and its two-line label
    fig.subplots_adjust(left=0.9 / width, right=right, bottom=bottom, top=top, wspace=0.4,
                        hspace=0.5)
    bar = fig.colorbar(image, cax=fig.add_axes([right + 0.3 / width, bottom, 0.15 / width,
                                                top - bottom]))
    bar.set_label(words["estimate"].format(a=a, b=b) + f"\n{grid.note}", fontsize=8)
    handles = [Line2D([], [], color="black", linewidth=2.0,
                      label=words["contour"].format(text=row.get("minimum_effect_text", ""))),
               Line2D([], [], color="black", marker="o", linestyle="none", markersize=4,
                      label=words["holds"])]
    pairs = grid.pairs[grid.pairs > 0]
    counted = f"{pairs.min()}" if pairs.size and pairs.min() == pairs.max() else \
        (f"{pairs.min()}-{pairs.max()}" if pairs.size else "0")
    fig.legend(handles=handles, loc="lower center", ncol=2 if columns > 1 else 1, fontsize=8,
               frameon=False)
    fig.suptitle(words["title"].format(id=row.get("id", "?"), pitfall=row.get("pitfall", ""))
                 + f"\n{grid.arm_factor} = {grid.trap_label} / {grid.twin_label}; "
                 + f"{counted} {words['pairs']}", fontsize=10)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(output, dpi=110)
    plt.close(fig)
    return fig


def print_grid(grid: PatternGrid) -> str:
    """The grid as text: one line per cell with the estimate, the minimum effect and the pairs."""
    lines = [f"{grid.path}: row {grid.row.get('id')} ({grid.row.get('pitfall')}), "
             f"{grid.arm_factor} = {grid.trap_label} (trap) / {grid.twin_label} (twin); "
             f"{grid.note}; estimate = Hodges-Lehmann of "
             f"{'twin - trap' if grid.sign > 0 else 'trap - twin'}"]
    for cell in np.ndindex(*grid.estimate.shape):
        where = " ".join(f"{f}={grid.levels[k][i]}" for k, (f, i) in
                         enumerate(zip(grid.factors, cell)))
        holds = "holds" if grid.margin[cell] >= 0 else "does not hold"
        lines.append(f"  {where}: estimate {grid.estimate[cell]:+.4g}, minimum "
                     f"{grid.minimum[cell]:.4g}, {grid.pairs[cell]} pairs: {holds}")
    return "\n".join(lines)

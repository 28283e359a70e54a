"""Sensitivity indices from a sweep's design (``/design``) and its per-point outputs.

Sobol indices (Saltelli scheme): the design holds, per base row j, A_j, AB_0 .. AB_(k-1) row j and
B_j (role, column and base index in ``/design``). With the outputs centred on the mean of all A
and B outputs (centring keeps the estimators' variance down, Saltelli et al. 2010, section 3):

- first order, Saltelli et al. (2010), eq. (b) of table 2: V_i = mean(f(B) (f(AB_i) - f(A)))
- total order, Jansen (1999): V_Ti = mean((f(A) - f(AB_i))^2) / 2
- both divided by the variance of the A and B outputs together;
- closed second order (a design with ``second_order = true`` holds, per row j, also BA_0 ..
  BA_(k-1) row j, BA_i being B with column i from A), Saltelli (2002), as SALib's ``second_order``:
  V_ij^c = mean(f(BA_i) f(AB_j) - f(A) f(B)) for i < j (BA_i and AB_j share x_i from A and x_j
  from B, nothing else, so the mean of their product less f0^2 is the variance of E[Y | x_i,
  x_j]); S_ij = V_ij^c / V - S_i - S_j with S_i, S_j the first-order indices above.

Morris elementary effects (Morris 1991; mu* of Campolongo et al. 2007): per trajectory and step
the change of the output divided by the step's change of the moved factor's unit-cube coordinate;
per factor mu (mean), mu* (mean absolute) and sigma (standard deviation, ddof 1).

Intervals are bootstrap percentile intervals: Sobol resamples the base rows j, Morris the
trajectories (each a whole block, so the rows of one block stay together).

The outputs per design point are the means over the point's ok runs (``Results.point_means``); a
block (a Saltelli row j or a Morris trajectory) with a failed run is refused by name, because the
estimators need every point of a block.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass
class SaltelliBlocks:
    """The outputs of a Saltelli design arranged per base row: a (N,), b (N,), ab (N, k), and
    ba (N, k) when the design has second-order points (else None)."""

    a: np.ndarray
    b: np.ndarray
    ab: np.ndarray
    ba: np.ndarray | None = None


def saltelli_blocks(table: pd.DataFrame, k: int, y: np.ndarray) -> SaltelliBlocks:
    """Arranges per-point outputs ``y`` (indexed like ``table``'s rows) by the roles of a
    Saltelli design table (columns role, column, base_index)."""
    role = table["role"].to_numpy()
    base = table["base_index"].to_numpy()
    column = table["column"].to_numpy()
    n = int(base.max()) + 1 if len(base) else 0
    a = np.full(n, np.nan)
    b = np.full(n, np.nan)
    ab = np.full((n, k), np.nan)
    is_a, is_b, is_ab, is_ba = role == "A", role == "B", role == "AB", role == "BA"
    if not (is_a | is_b | is_ab | is_ba).all():
        raise ValueError("not a Saltelli design: roles other than A, B, AB and BA")
    a[base[is_a]] = y[is_a]
    b[base[is_b]] = y[is_b]
    ab[base[is_ab], column[is_ab]] = y[is_ab]
    ba = None
    if is_ba.any():
        ba = np.full((n, k), np.nan)
        ba[base[is_ba], column[is_ba]] = y[is_ba]
    return SaltelliBlocks(a, b, ab, ba)


@np.errstate(invalid="ignore", divide="ignore")  # a resample without variance gives NaN
def _sobol_point(a, b, ab):
    """First and total order for blocks a (..., N), b (..., N), ab (..., N, k); outputs centred."""
    centre = np.concatenate([a, b], axis=-1).mean(axis=-1, keepdims=True)
    a, b = a - centre, b - centre
    ab = ab - centre[..., None]
    variance = np.concatenate([a, b], axis=-1).var(axis=-1)
    first = (b[..., None] * (ab - a[..., None])).mean(axis=-2) / variance[..., None]
    total = 0.5 * ((a[..., None] - ab) ** 2).mean(axis=-2) / variance[..., None]
    return first, total


def sobol(blocks: SaltelliBlocks, factors: list[str], resamples: int = 1000,
          confidence: float = 0.95, seed: int = 0) -> pd.DataFrame:
    """First-order (S1) and total-order (ST) Sobol indices per factor, with bootstrap percentile
    intervals (S1_low, S1_high, ST_low, ST_high) over resampled base rows."""
    a, b, ab = blocks.a, blocks.b, blocks.ab
    if np.isnan(a).any() or np.isnan(b).any() or np.isnan(ab).any():
        raise ValueError("a Saltelli block is incomplete (a point without output)")
    first, total = _sobol_point(a, b, ab)
    rng = np.random.default_rng(seed)
    n = len(a)
    tail = (1 - confidence) / 2
    s1 = np.empty((resamples, ab.shape[1]))
    st = np.empty_like(s1)
    batch = max(1, int(2e7 // max(1, n * ab.shape[1])))
    for start in range(0, resamples, batch):
        rows = rng.integers(0, n, size=(min(batch, resamples - start), n))
        s1[start : start + len(rows)], st[start : start + len(rows)] = _sobol_point(
            a[rows], b[rows], ab[rows]
        )
    return pd.DataFrame(
        {
            "S1": first,
            "S1_low": np.quantile(s1, tail, axis=0),
            "S1_high": np.quantile(s1, 1 - tail, axis=0),
            "ST": total,
            "ST_low": np.quantile(st, tail, axis=0),
            "ST_high": np.quantile(st, 1 - tail, axis=0),
        },
        index=pd.Index(factors, name="factor"),
    )


@np.errstate(invalid="ignore", divide="ignore")
def _second_order_point(a, b, ab, ba):
    """Closed second-order indices S_ij (..., k, k), upper triangle meaningful, for blocks a, b
    (..., N) and ab, ba (..., N, k); outputs centred on the mean of the A and B outputs."""
    centre = np.concatenate([a, b], axis=-1).mean(axis=-1, keepdims=True)
    a, b = a - centre, b - centre
    ab, ba = ab - centre[..., None], ba - centre[..., None]
    variance = np.concatenate([a, b], axis=-1).var(axis=-1)
    first = (b[..., None] * (ab - a[..., None])).mean(axis=-2) / variance[..., None]
    n = a.shape[-1]
    # closed[..., i, j] = mean over rows of f(BA_i) f(AB_j), less mean(f(A) f(B)) (f0^2).
    closed = np.einsum("...ni,...nj->...ij", ba, ab) / n - (a * b).mean(axis=-1)[..., None, None]
    closed = closed / variance[..., None, None]
    return closed - first[..., :, None] - first[..., None, :]


def sobol_second_order(blocks: SaltelliBlocks, factors: list[str], resamples: int = 1000,
                       confidence: float = 0.95, seed: int = 0) -> pd.DataFrame:
    """Closed second-order Sobol indices S_ij for every pair i < j (Saltelli 2002), with
    bootstrap percentile intervals (S2_low, S2_high) over resampled base rows; one row per pair,
    indexed by (factor, factor_2). Needs a design with second-order points (BA)."""
    a, b, ab, ba = blocks.a, blocks.b, blocks.ab, blocks.ba
    if ba is None:
        raise ValueError("no second-order points (BA): sweep with second_order = true in [design]")
    if np.isnan(a).any() or np.isnan(b).any() or np.isnan(ab).any() or np.isnan(ba).any():
        raise ValueError("a Saltelli block is incomplete (a point without output)")
    k = ab.shape[1]
    upper_i, upper_j = np.triu_indices(k, 1)
    estimate = _second_order_point(a, b, ab, ba)[upper_i, upper_j]
    rng = np.random.default_rng(seed)
    n = len(a)
    sample = np.empty((resamples, len(upper_i)))
    batch = max(1, int(2e7 // max(1, n * k * 2)))
    for start in range(0, resamples, batch):
        rows = rng.integers(0, n, size=(min(batch, resamples - start), n))
        sample[start : start + len(rows)] = _second_order_point(
            a[rows], b[rows], ab[rows], ba[rows]
        )[:, upper_i, upper_j]
    tail = (1 - confidence) / 2
    return pd.DataFrame(
        {
            "S2": estimate,
            "S2_low": np.quantile(sample, tail, axis=0),
            "S2_high": np.quantile(sample, 1 - tail, axis=0),
        },
        index=pd.MultiIndex.from_arrays(
            [[factors[i] for i in upper_i], [factors[j] for j in upper_j]],
            names=["factor", "factor_2"],
        ),
    )


def elementary_effects(table: pd.DataFrame, coordinates: np.ndarray, y: np.ndarray,
                       k: int) -> np.ndarray:
    """Per trajectory and factor the elementary effect (r, k): the change of the output over a
    step divided by the step's change of the moved factor's unit-cube coordinate."""
    trajectories = table["base_index"].to_numpy()
    step = table["step"].to_numpy()
    column = table["column"].to_numpy()
    r = int(trajectories.max()) + 1 if len(trajectories) else 0
    index = np.full((r, k + 1), -1, dtype=np.int64)
    index[trajectories, step] = np.arange(len(table))
    if (index < 0).any():
        raise ValueError("a Morris trajectory is incomplete")
    effects = np.full((r, k), np.nan)
    for s in range(1, k + 1):
        here, before = index[:, s], index[:, s - 1]
        moved = column[here]
        delta = coordinates[here, moved] - coordinates[before, moved]
        effects[np.arange(r), moved] = (y[here] - y[before]) / delta
    return effects


def _morris_point(effects):
    return (effects.mean(axis=-2), np.abs(effects).mean(axis=-2), effects.std(axis=-2, ddof=1))


def morris(effects: np.ndarray, factors: list[str], resamples: int = 1000,
           confidence: float = 0.95, seed: int = 0) -> pd.DataFrame:
    """mu, mu* and sigma per factor with bootstrap percentile intervals over trajectories."""
    with np.errstate(invalid="ignore"):
        mu, mu_star, sigma = _morris_point(effects)
    rng = np.random.default_rng(seed)
    rows = rng.integers(0, len(effects), size=(resamples, len(effects)))
    boot = _morris_point(effects[rows])
    tail = (1 - confidence) / 2
    out = {}
    for name, value, sample in zip(("mu", "mu_star", "sigma"), (mu, mu_star, sigma), boot):
        out[name] = value
        out[f"{name}_low"] = np.quantile(sample, tail, axis=0)
        out[f"{name}_high"] = np.quantile(sample, 1 - tail, axis=0)
    return pd.DataFrame(out, index=pd.Index(factors, name="factor"))


def _outputs(results, metric: str) -> np.ndarray:
    """Per design point (in the design's order) the mean of ``metric`` over its ok runs; refuses
    a point without ok runs or with a failed run, naming it."""
    means = results.point_means(metric)
    points = results.design.table["point"].to_numpy()
    missing = np.setdiff1d(points, means.index.to_numpy())
    if len(missing):
        raise ValueError(f"{results.path}: design point {missing[0]} has no runs")
    means = means.loc[points]
    failed = means.index[means["failed"] > 0]
    if len(failed):
        raise ValueError(
            f"{results.path}: design point {failed[0]} has a failed run; the estimators need "
            "every point of its block"
        )
    return means["mean"].to_numpy(dtype=np.float64)


def indices(results, metric: str, resamples: int = 1000, confidence: float = 0.95,
            seed: int = 0) -> pd.DataFrame:
    """The sweep's indices for one summary metric: Sobol (saltelli designs) or Morris."""
    design = results.design
    if design is None:
        raise ValueError(f"{results.path}: not a sweep (no /design)")
    y = _outputs(results, metric)
    k = len(design.factors)
    if design.kind == "saltelli":
        return sobol(saltelli_blocks(design.table, k, y), design.factors, resamples, confidence,
                     seed)
    if design.kind == "morris":
        return morris(elementary_effects(design.table, design.coordinates, y, k), design.factors,
                      resamples, confidence, seed)
    raise ValueError(f"{results.path}: a {design.kind} design has no sensitivity indices "
                     "(use a saltelli or morris sweep)")


def second_order_indices(results, metric: str, resamples: int = 1000, confidence: float = 0.95,
                         seed: int = 0) -> pd.DataFrame | None:
    """The closed second-order Sobol indices of one summary metric, or None when the sweep's
    design has no second-order points (a saltelli design without second_order = true)."""
    design = results.design
    if design is None or design.kind != "saltelli" or not (design.table["role"] == "BA").any():
        return None
    y = _outputs(results, metric)
    blocks = saltelli_blocks(design.table, len(design.factors), y)
    return sobol_second_order(blocks, design.factors, resamples, confidence, seed)


def print_indices(results, metrics=None, resamples=1000, confidence=0.95, seed=0, csv=None,
                  out=None) -> None:
    """Prints one table per summary metric (every metric by default)."""
    import sys

    out = out or sys.stdout
    design = results.design
    if design is None:
        raise ValueError(f"{results.path}: not a sweep (no /design): no indices")
    if design.kind not in ("saltelli", "morris"):
        raise ValueError(f"{results.path}: a {design.kind} design has no sensitivity indices "
                         "(use a saltelli or morris sweep)")
    if metrics is None:
        metrics = [c for c in results.summary.columns if c in results.units]
    kind = "Sobol indices (Saltelli, Jansen)" if design.kind == "saltelli" else "Morris"
    pct = f"{confidence:.0%}"
    tables = []
    for metric in metrics:
        print(f"\n{metric} ({results.units.get(metric, '')}): ", end="", file=out)
        y = _outputs(results, metric)
        if np.ptp(y) == 0:
            print(f"the same at every design point ({y[0]:g}): no indices", file=out)
            continue
        table = indices(results, metric, resamples, confidence, seed)
        print(f"{kind}, {pct} bootstrap intervals, {resamples} resamples", file=out)
        print(table.to_string(float_format=lambda v: f"{v:.4f}"), file=out)
        tables.append(table.assign(metric=metric).reset_index())
        pairs = second_order_indices(results, metric, resamples, confidence, seed)
        if pairs is not None:
            print(f"second-order Sobol indices S_ij (Saltelli 2002), {pct} bootstrap intervals",
                  file=out)
            print(pairs.to_string(float_format=lambda v: f"{v:.4f}"), file=out)
            tables.append(pairs.assign(metric=metric).reset_index())
    if csv:
        pd.concat(tables, ignore_index=True).to_csv(csv, index=False)

"""`regiesim compare` checked from outside: the binary runs the tiny pair in tests/compare, and
the Hodges-Lehmann estimate, its interval, the Wilcoxon p-values and the parting and crossing
weeks are recomputed here from /runs, /summary and /series with numpy and scipy, independently of
the engine's code, and compared with /comparison and with what --json printed.

Conventions recomputed (docs/output.md, /comparison): differences are arm 1 - arm 0; HL is the
median of the Walsh averages of all paired differences; the 95% interval is [W_(k), W_(M+1-k)]
with k the smallest t with P(T+ <= t) >= 0.025 (at least 1) under the tie-free signed-rank
distribution (normal approximation with continuity correction above 50 pairs); the test drops
zero differences, gives ties midranks, and is exact over every sign assignment up to 50 non-zero
differences (scipy's method="exact" where there are no ties), normal with the tie correction
above (scipy's method="approx")."""

import itertools
import json
import math
import os
import subprocess
import warnings
from pathlib import Path

import h5py
import numpy as np
import pytest
from scipy import stats

SOURCE_DIR = Path(os.environ.get("REGIESIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))
BINARY = Path(os.environ.get("REGIESIM_BINARY", SOURCE_DIR / "build" / "release" / "regiesim"))
FOLDER = SOURCE_DIR / "tests" / "compare"

NUMBERS = ["mean_arm0", "mean_arm1", "mean_difference", "hodges_lehmann", "ci_low", "ci_high",
           "ci_coverage", "statistic", "p_greater", "p_less"]


def run_compare(out: Path, *extra: str) -> dict:
    done = subprocess.run([str(BINARY), "compare", str(FOLDER), "-o", str(out), "--json", *extra],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def tie_free_distribution(n: int) -> np.ndarray:
    """P(T+ = t), t = 0..n(n+1)/2: the coefficients of prod (1 + x^i) / 2^n."""
    counts = np.array([1], dtype=np.int64)
    for i in range(1, n + 1):
        grown = np.zeros(len(counts) + i, dtype=np.int64)
        grown[: len(counts)] += counts
        grown[i:] += counts
        counts = grown
    return counts / 2.0**n


def exact_conditional_p(d: np.ndarray) -> tuple[float, float]:
    """(P(T+ >= observed), P(T+ <= observed)) over every sign assignment of the midranks of the
    non-zero differences, by convolution over the doubled midranks."""
    d = d[d != 0]
    if len(d) == 0:
        return 1.0, 1.0
    doubled = np.rint(2 * stats.rankdata(np.abs(d))).astype(np.int64)
    observed = int(doubled[d > 0].sum())
    counts = np.array([1], dtype=np.int64)
    for w in doubled:
        grown = np.zeros(len(counts) + w, dtype=np.int64)
        grown[: len(counts)] += counts
        grown[w:] += counts
        counts = grown
    total = 2.0 ** len(d)
    return counts[observed:].sum() / total, counts[: observed + 1].sum() / total


def brute_force_p_greater(d: np.ndarray) -> float:
    d = d[d != 0]
    ranks = stats.rankdata(np.abs(d))
    observed = ranks[d > 0].sum()
    hits = sum(1 for signs in itertools.product([0, 1], repeat=len(d))
               if np.dot(signs, ranks) >= observed - 1e-9)
    return hits / 2 ** len(d)


def wilcoxon_ps(d: np.ndarray) -> tuple[float, float]:
    nonzero = d[d != 0]
    if len(nonzero) == 0:
        return 1.0, 1.0
    if len(nonzero) > 50:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            g = stats.wilcoxon(d, alternative="greater", method="approx", zero_method="wilcox")
            l = stats.wilcoxon(d, alternative="less", method="approx", zero_method="wilcox")
        return g.pvalue, l.pvalue
    ties = len(np.unique(np.abs(nonzero))) < len(nonzero)
    if len(nonzero) == len(d) and not ties:
        return (stats.wilcoxon(d, alternative="greater", method="exact").pvalue,
                stats.wilcoxon(d, alternative="less", method="exact").pvalue)
    return exact_conditional_p(d)


def hodges_lehmann(d: np.ndarray) -> tuple[float, float, float, float]:
    n = len(d)
    walsh = np.sort((d[:, None] + d[None, :])[np.triu_indices(n)] / 2)
    m = len(walsh)
    if n <= 50:
        cdf = np.cumsum(tie_free_distribution(n))
        k = max(int(np.argmax(cdf >= 0.025)), 1)
        coverage = 1 - 2 * cdf[k - 1]
    else:
        mu = n * (n + 1) / 4
        sigma = math.sqrt(n * (n + 1) * (2 * n + 1) / 24)
        k = max(math.ceil(mu - 0.5 - stats.norm.ppf(0.975) * sigma), 1)
        coverage = 1 - 2 * stats.norm.cdf((k - 0.5 - mu) / sigma)
    return float(np.median(walsh)), walsh[k - 1], walsh[m - k], coverage


def paired(f: h5py.File, dataset: str) -> tuple[np.ndarray, np.ndarray]:
    runs = f["runs"][...]
    values = f[dataset][...]
    by_arm = [{}, {}]
    for row, v in zip(runs, values):
        if row["status"] == 0:
            by_arm[row["arm"]][row["replication"]] = v
    both = sorted(set(by_arm[0]) & set(by_arm[1]))
    return (np.array([by_arm[0][r] for r in both]), np.array([by_arm[1][r] for r in both]))


def parting_week(r0: np.ndarray, r1: np.ndarray) -> int | None:
    parting, direction = None, 0
    for t in range(r0.shape[1] - 1, -1, -1):
        greater, less = wilcoxon_ps(r1[:, t] - r0[:, t])
        sign = 1 if greater < 0.05 else (-1 if less < 0.05 else 0)
        if sign == 0 or (direction != 0 and sign != direction):
            break
        direction, parting = sign, t
    return parting


def crossing_week(r0: np.ndarray, r1: np.ndarray) -> int | None:
    diff = r1.mean(axis=0) - r0.mean(axis=0)
    crossing, last = None, 0
    for t, v in enumerate(diff):
        sign = int(np.sign(v))
        if sign == 0:
            continue
        if last != 0 and sign != last:
            crossing = t
        last = sign
    return crossing


def check_file(path: Path, printed: dict, exact_expected: bool) -> int:
    """Recomputes every metric of /comparison; returns how many were checked against scipy's own
    exact or approximate test."""
    against_scipy = 0
    with h5py.File(path, "r") as f:
        comparison = f["comparison"]
        assert [n.decode() for n in f["manifest/arm_names"][...]] == printed["arm_names"]
        never = int(comparison.attrs["week_never"])
        for metric in f["summary"]:
            if metric in ("run",) or metric not in comparison:
                continue
            a0, a1 = paired(f, f"summary/{metric}")
            d = a1 - a0
            attrs = comparison[metric].attrs
            hl, low, high, coverage = hodges_lehmann(d)
            greater, less = wilcoxon_ps(d)
            expected = {"mean_arm0": a0.mean(), "mean_arm1": a1.mean(), "mean_difference": d.mean(),
                        "hodges_lehmann": hl, "ci_low": low, "ci_high": high,
                        "ci_coverage": coverage, "p_greater": greater, "p_less": less}
            for key, value in expected.items():
                assert attrs[key] == pytest.approx(value, rel=1e-12, abs=1e-12), (metric, key)
            assert attrs["n_pairs"] == len(d)
            assert attrs["n_nonzero"] == np.count_nonzero(d)
            assert bool(attrs["p_exact"]) == (np.count_nonzero(d) <= 50), metric
            assert bool(attrs["ci_exact"]) == exact_expected, metric
            nonzero = d[d != 0]
            if len(nonzero) > 50 or (len(nonzero) == len(d) and
                                     len(np.unique(np.abs(nonzero))) == len(nonzero)):
                against_scipy += 1
            # What --json printed is what the file holds.
            entry = printed["metrics"][metric]
            for key in NUMBERS:
                value = attrs[key]
                assert entry[key] == (None if math.isnan(value) else value), (metric, key)
        r0, r1 = paired(f, "series/realisation")
        assert comparison.attrs["parting_week"] == (parting_week(r0, r1) or never) == \
            printed["parting_week"]
        expected_crossing = crossing_week(r0, r1)
        assert comparison.attrs["crossing_week"] == (
            never if expected_crossing is None else expected_crossing) == printed["crossing_week"]
    return against_scipy


def test_exact_conditional_p_matches_brute_force_and_scipy():
    rng = np.random.default_rng(3)
    for _ in range(20):
        d = np.round(rng.normal(0.2, 1, size=9), 1)  # ties and zeros
        greater, _ = exact_conditional_p(d)
        assert greater == pytest.approx(brute_force_p_greater(d), abs=1e-15)
        free = rng.normal(0.2, 1, size=12)
        assert exact_conditional_p(free)[0] == pytest.approx(
            stats.wilcoxon(free, alternative="greater", method="exact").pvalue, abs=1e-15)


def test_small_pair_recomputed_with_scipy(tmp_path):
    out = tmp_path / "pair.h5"
    printed = run_compare(out)
    assert printed["output"] == str(out)
    against_scipy = check_file(out, printed["comparison"], exact_expected=True)
    assert against_scipy >= 5, "some metrics must be tie-free, checked with scipy's exact test"
    from regiesim_analysis import load  # the package reads a compare file like any other

    results = load(out)
    assert sorted(results.runs["arm"].unique()) == [0, 1]


def test_above_fifty_pairs_the_normal_approximations_recomputed(tmp_path):
    out = tmp_path / "many.h5"
    printed = run_compare(out, "--replications", "60", "--set", "run.steps=12")
    with h5py.File(out, "r") as f:
        assert f["comparison"].attrs["n_pairs"] == 60
        assert f["comparison/realisation"].attrs["ci_exact"] == 0
    assert check_file(out, printed["comparison"], exact_expected=False) >= 1

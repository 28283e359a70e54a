"""The pattern validation of docs/ODD.md section 8, row by row, on the shipped folders.

Each row of validation/patterns.toml ([[frozen.rows]], kind "ensemble") compares the two arms of
one folder (`trap.toml` = arm 0, `twin.toml` = arm 1), run by `regiesim compare` on common random
numbers, replication by replication. A row holds when

  * its one-sided Wilcoxon signed-rank p (in the row's direction; one-sample where the row says
    so), Holm-adjusted across the 17 rows of the family, is below alpha (0.01), and
  * its minimum effect holds, measured on the Hodges-Lehmann estimate of the paired differences
    (or on the statistic the row names: P2a the ratio of the arms' means, P2b and P5b a median),
  * and its own extra rule: P7a fails if more than half the pairs are censored (never agreed) in
    both arms; P5b fails if more than half the replications are left out (fewer than 2 exits).

Summary metrics are read from the numbers `regiesim compare` writes under /comparison/<metric>
(means, Hodges-Lehmann estimate and 95% interval, one-sided p): nothing is recomputed. Rows on a
window of weeks (P2a, P3a, P6), the one-sample rows (P2b, P5b) and P12 (its neighbours' passion)
compute the same statistics, by the same rules, from /series, /events, /agents and /trust.

The negative controls (one per mechanism, [[frozen.negative_controls]] plus the settings that
[[added]] entries name) rerun a row's folder with the mechanism's parameters at their neutral
values, the same `--set` on both arms, and pass when the row's one-sided 95% Hodges-Lehmann bound
lies below its minimum effect: evidence that the pattern is absent without the mechanism.

Used by validation/tests/test_patterns.py (ctest label `validation`), scripts/patterns_report.py
(the measured table and validation/measured.toml) and scripts/pattern_robustness.py.
"""
from __future__ import annotations

import dataclasses
import hashlib
import math
import os
import pathlib
import subprocess
import tomllib

import h5py
import numpy as np
from scipy import stats

ROOT = pathlib.Path(__file__).resolve().parent.parent
PATTERNS = ROOT / "validation" / "patterns.toml"
MEASURED = ROOT / "validation" / "measured.toml"

# z quantiles of the normal approximation, as `regiesim compare` uses for more than 50 pairs
Z_TWO_SIDED_95 = 1.959963984540054
Z_ONE_SIDED_95 = 1.6448536269514722


def binary() -> str:
    """The regiesim binary: $REGIESIM_BINARY (set by ctest), else build/release/regiesim here."""
    return os.environ.get("REGIESIM_BINARY", str(ROOT / "build" / "release" / "regiesim"))


def load_patterns(path: pathlib.Path = PATTERNS) -> dict:
    with open(path, "rb") as f:
        return tomllib.load(f)


def ensemble_rows(patterns: dict) -> list[dict]:
    return [r for r in patterns["frozen"]["rows"] if r["kind"] == "ensemble"]


# ---------------------------------------------------------------------------------------------
# Statistics for the rows compare does not summarise (windows, one-sample rows, P12). The rules
# are those `regiesim compare` documents (docs/output.md, /comparison): Hodges-Lehmann estimate
# = median of all n(n+1)/2 Walsh averages, zeros included; interval [W_(k), W_(M+1-k)] from the
# signed-rank distribution (exact up to 50 pairs, normal above); Wilcoxon drops zeros, midranks.


def walsh(d: np.ndarray) -> np.ndarray:
    i, j = np.triu_indices(len(d))
    return np.sort((d[i] + d[j]) / 2.0)


def signed_rank_k(n: int, tail: float, z: float) -> int:
    """The order statistic k of the Walsh averages for a one-tail probability `tail`."""
    if n > 50:
        sd = math.sqrt(n * (n + 1) * (2 * n + 1) / 24.0)
        return max(1, math.ceil(n * (n + 1) / 4.0 - 0.5 - z * sd))
    # exact: counts of T+ over the 2^n sign assignments of the ranks 1..n
    counts = np.zeros(n * (n + 1) // 2 + 1)
    counts[0] = 1.0
    for r in range(1, n + 1):
        counts[r:] = counts[r:] + counts[:-r].copy()
    cdf = np.cumsum(counts) / 2.0**n
    t = int(np.argmax(cdf >= tail))
    return max(1, t)


def hodges_lehmann(d: np.ndarray) -> tuple[float, float, float, float]:
    """Estimate, 95% interval (low, high) and the one-sided 95% upper bound."""
    d = np.asarray(d, float)
    w = walsh(d)
    m = len(w)
    k2 = signed_rank_k(len(d), 0.025, Z_TWO_SIDED_95)
    k1 = signed_rank_k(len(d), 0.05, Z_ONE_SIDED_95)
    return float(np.median(w)), float(w[k2 - 1]), float(w[m - k2]), float(w[m - k1])


def wilcoxon_greater(d: np.ndarray) -> float:
    """One-sided signed-rank p for "d is above 0" (zeros dropped; exact up to 50 non-zero)."""
    d = np.asarray(d, float)
    nz = d[d != 0]
    if len(nz) == 0:
        return 1.0
    method = "exact" if len(nz) <= 50 else "approx"
    return float(stats.wilcoxon(nz, alternative="greater", zero_method="wilcox", method=method,
                                correction=False).pvalue)


def holm_adjusted(ps: dict[str, float]) -> dict[str, float]:
    """Holm's step-down adjusted p-values: a row is rejected at alpha iff its value is < alpha."""
    order = sorted(ps, key=lambda i: ps[i])
    m = len(order)
    out, running = {}, 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * ps[i]))
        out[i] = running
    return out


# ---------------------------------------------------------------------------------------------
# Running compare and reading its file


@dataclasses.dataclass
class Run:
    path: pathlib.Path
    git_commit: str


def run_compare(folder, out: pathlib.Path, sets=(), level: str | None = None,
                agent_interval: int | None = None, jobs: int = 2, arms=None) -> Run:
    """`regiesim compare` on a folder (or two files in `arms`), `sets` applied to both arms."""
    cmd = [binary(), "compare"]
    cmd += [str(a) for a in arms] if arms else [str(folder)]
    cmd += ["-o", str(out), "--force", "-j", str(jobs)]
    if level:
        cmd += ["--set", f"record.level={level}"]
    if agent_interval:
        cmd += ["--set", f"record.agent_interval={agent_interval}"]
    for s in sets:
        cmd += ["--set", s]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"compare failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr}")
    with h5py.File(out, "r") as f:
        commit = str(f.attrs["git_commit"])
    return Run(out, commit)


class Comparison:
    """A compare file, its runs paired by replication (pairs where both runs finished)."""

    def __init__(self, path):
        self.f = h5py.File(path, "r")
        runs = self.f["runs"][:]
        ok = runs["status"] == 0
        arm, rep = runs["arm"], runs["replication"]
        reps = sorted(set(rep[ok & (arm == 0)]) & set(rep[ok & (arm == 1)]))
        index = {(int(a), int(r)): k for k, (a, r) in enumerate(zip(arm, rep))}
        self.i0 = np.array([index[(0, int(r))] for r in reps], dtype=int)
        self.i1 = np.array([index[(1, int(r))] for r in reps], dtype=int)
        self.run_ids = runs["run_id"]
        self.git_commit = str(self.f.attrs["git_commit"])

    def attrs(self, metric: str) -> dict:
        return dict(self.f["comparison"][metric].attrs)

    def summary(self, metric):
        v = self.f["summary"][metric][:]
        return v[self.i0], v[self.i1]

    def series_window(self, metric, first, last):
        steps = self.f["series/step"][:]
        cols = (steps >= first) & (steps <= last)
        v = self.f["series"][metric][:, cols].mean(axis=1)
        return v[self.i0], v[self.i1]

    def series_at(self, metric, week):
        steps = self.f["series/step"][:]
        c = int(np.flatnonzero(steps == week)[0])
        v = self.f["series"][metric][:, c]
        return v[self.i0], v[self.i1]

    def partner_names(self):
        return [n.decode() if isinstance(n, bytes) else str(n) for n in self.f["partner"][:]]

    def scenario(self, arm: int) -> dict:
        t = self.f["manifest/scenarios"][arm]
        return tomllib.loads(t.decode() if isinstance(t, bytes) else t)


# ---------------------------------------------------------------------------------------------
# Rows


@dataclasses.dataclass
class RowResult:
    id: str
    trap: float  # the trap arm's mean (one-sample rows: the tested statistic's mean)
    twin: float
    effect: float  # the estimate the minimum effect is measured on, in the row's direction
    ci_low: float  # its 95% interval (NaN where the row has none)
    ci_high: float
    bound: float  # its one-sided 95% upper bound (the negative controls' criterion)
    threshold: float  # what the effect must reach (at least; P2b and P5b: at most)
    p: float  # one-sided p in the row's direction
    effect_ok: bool
    extra_ok: bool  # the row's own rule (P7a censoring, P5b left out); True where none
    note: str  # the figures beside the row
    p_holm: float = float("nan")
    alpha: float = 0.01

    @property
    def significant(self) -> bool:
        return self.p_holm < self.alpha

    @property
    def holds(self) -> bool:
        return self.significant and self.effect_ok and self.extra_ok


def _paired(row, trap, twin, note=""):
    """A paired row from raw per-replication values (window rows and P12)."""
    trap, twin = np.asarray(trap, float), np.asarray(twin, float)
    d = twin - trap if row["direction"] in ("twin_above_trap", "trap_below_twin") else trap - twin
    hl, lo, hi, bound = hodges_lehmann(d)
    return _finish(row, float(trap.mean()), float(twin.mean()), hl, lo, hi, bound,
                   wilcoxon_greater(d), note)


def _summary_paired(row, cmp: Comparison, note=""):
    """A paired row on a summary metric: read from /comparison/<metric>."""
    a = cmp.attrs(row["metric"])
    flip = row["direction"] == "trap_above_twin"
    hl = -a["hodges_lehmann"] if flip else a["hodges_lehmann"]
    lo, hi = (-a["ci_high"], -a["ci_low"]) if flip else (a["ci_low"], a["ci_high"])
    p = a["p_less"] if flip else a["p_greater"]
    # The one-sided 95% bound is not in the file (it holds the two-sided 95% interval): from the
    # paired values by the same rule.
    trap, twin = cmp.summary(row["metric"])
    d = trap - twin if flip else twin - trap
    bound = hodges_lehmann(d)[3]
    return _finish(row, float(a["mean_arm0"]), float(a["mean_arm1"]), float(hl), float(lo),
                   float(hi), bound, float(p), note)


def _finish(row, trap_mean, twin_mean, hl, lo, hi, bound, p, note):
    me = row["minimum_effect"]
    level = twin_mean
    if me["kind"] == "relative_to_level":
        threshold = me["value"] * abs(level)
    elif me["kind"] == "trap_mean_at_most_share_of_twin_mean":
        # trap <= share * twin  <=>  twin - trap >= (1 - share) * twin
        threshold = (1.0 - me["value"]) * twin_mean
    elif me["kind"] in ("absolute", "median_difference_at_least"):
        threshold = me["value"]
    else:
        raise ValueError(f"{row['id']}: unknown minimum effect {me['kind']}")
    if me["kind"] == "trap_mean_at_most_share_of_twin_mean":
        ok = trap_mean <= me["value"] * twin_mean
        text = f"trap/twin {trap_mean / twin_mean if twin_mean else float('nan'):.3f} (<= {me['value']})"
    else:
        ok = hl >= threshold
        text = f"HL {hl:+.4g} (>= {threshold:.4g})"
    return RowResult(row["id"], trap_mean, twin_mean, hl, lo, hi, bound, threshold, p, ok, True,
                     "; ".join(x for x in (text, note) if x))


def evaluate_row(row: dict, cmp: Comparison, p12_file: Comparison | None = None) -> RowResult:
    """One row of the table on its folder's compare file (P12 on a file recorded at `full`)."""
    rid, metric, steps = row["id"], row["metric"], row.get("steps")
    if row["arms"] == "trap":
        if metric == "realisation_gain_260_520":
            return _p2b(row, cmp)
        if metric == "spearman_divergence_exit_week":
            return _p5b(row, cmp)
        raise ValueError(f"{rid}: no one-sample rule for {metric}")
    if metric == "neighbour_passion_mean":
        return _p12(row, p12_file or cmp)
    last_week = int(cmp.f["series/step"][-1]) if "series" in cmp.f else None
    if steps is None or (steps[0] == steps[1] and steps[1] == last_week):
        note = ""
        if rid == "P7a":
            return _p7a(row, cmp)
        if rid in ("P9", "P10"):
            a = cmp.attrs("regie_effort")
            note = f"effort trap {a['mean_arm0']:.4g} twin {a['mean_arm1']:.4g}"
        if row["minimum_effect"]["kind"] == "median_difference_at_least":
            # the minimum effect is read on the Hodges-Lehmann estimate (the estimate of the median
            # difference); the plain median of the paired differences is shown beside it
            trap, twin = cmp.summary(metric)
            d = trap - twin if row["direction"] == "trap_above_twin" else twin - trap
            note = f"median of the paired differences {np.median(d):+.3g}"
        if rid == "P8":
            t156, w156 = cmp.series_at("realisation", 156)
            note = f"week 156: trap {t156.mean():.4g} twin {w156.mean():.4g}"
        return _summary_paired(row, cmp, note)
    trap, twin = cmp.series_window(metric, steps[0], steps[1])
    return _paired(row, trap, twin)


def _p7a(row, cmp):
    r = _summary_paired(row, cmp)
    never = int(cmp.f["comparison"].attrs["week_never"])
    trap, twin = cmp.summary(row["metric"])
    c0, c1 = np.mean(trap >= never), np.mean(twin >= never)
    both = float(np.mean((trap >= never) & (twin >= never)))
    r.extra_ok = both <= row["max_censored_share"]
    r.note += f"; never agreed: trap {c0:.0%}, twin {c1:.0%}, both {both:.0%} (at most {row['max_censored_share']:.0%})"
    return r


def _p2b(row, cmp):
    r520, _ = cmp.series_at("realisation", row["steps"][1])
    r260, _ = cmp.series_at("realisation", row["steps"][0])
    g = r520 - r260
    med = float(np.median(g))
    bound = row["bound"]
    # one-sample: is R(520) - R(260) below the bound?  d = bound - g above 0
    p = wilcoxon_greater(bound - g)
    limit = row["minimum_effect"]["value"]
    note = (f"median R(520)-R(260) {med:.4f} (<= {limit}); R(260) {r260.mean():.4g}, "
            f"R(520) {r520.mean():.4g}")
    first = first_agreement_realisation(cmp)
    if first is not None:
        note += first
    return RowResult(row["id"], float(g.mean()), float("nan"), med, float("nan"), float("nan"),
                     float("nan"), limit, p, med <= limit, True, note)


def first_agreement_realisation(cmp: Comparison) -> str | None:
    """Beside P2b: the trap arm's realisation at its first agreement (from /negotiations; the
    allocations' sum is not recorded, so it is not added here)."""
    if "negotiations" not in cmp.f:
        return None
    neg = cmp.f["negotiations"]
    run, step, agreed = neg["run"][:], neg["step"][:], neg["agreed"][:].astype(bool)
    steps = cmp.f["series/step"][:]
    realisation = cmp.f["series/realisation"]
    at, never = [], 0
    for idx in cmp.i0:
        sel = agreed & (run == cmp.run_ids[idx])
        if not sel.any():
            never += 1
            continue
        week = int(step[sel].min())
        at.append(float(realisation[idx, int(np.flatnonzero(steps == week)[0])]))
    if not at:
        return "; no agreement in any replication"
    return (f"; R at the first agreement {np.mean(at):.4g} ({len(at)} replications; "
            f"{never} without one)")


def divergence(cmp: Comparison, arm: int = 0) -> np.ndarray:
    """div_i (docs/ODD.md section 8): the mean interest distance to every other partner, with
    d_ij = (1 / 2K) sum_k |theta_ik - theta_jk| (3.5), from the scenario as run."""
    spec = cmp.scenario(arm)
    names = cmp.partner_names()
    theta = np.array([spec["partners"][n]["interests"] for n in names], float)
    k = theta.shape[1]
    d = np.abs(theta[:, None, :] - theta[None, :, :]).sum(axis=2) / (2 * k)
    return d.sum(axis=1) / (len(names) - 1)


def _p5b(row, cmp):
    f = cmp.f
    div = divergence(cmp, 0)
    n = len(div)
    ev = f["events"]
    names = {v: k for k, v in h5py.check_enum_dtype(ev["kind"].dtype).items()}
    kind = np.array([names[k] for k in ev["kind"][:]])
    # an exit event names the leaver as its source (target -1; docs/ODD.md section 11)
    run, step, leaver = ev["run"][:], ev["step"][:], ev["source"][:]
    exits = kind == "exit"
    never = int(f["series/step"][-1]) + 1
    corrs, left_out = [], 0
    for idx in cmp.i0:
        sel = exits & (run == cmp.run_ids[idx])
        if sel.sum() < row["min_exits"]:
            left_out += 1
            continue
        week = np.full(n, float(never))
        for s, t in zip(step[sel], leaver[sel]):
            week[t] = min(week[t], s)
        rho = stats.spearmanr(div, week).statistic
        if np.isfinite(rho):
            corrs.append(float(rho))
        else:
            left_out += 1
    corrs = np.array(corrs)
    total = len(cmp.i0)
    limit = row["minimum_effect"]["value"]
    med = float(np.median(corrs)) if len(corrs) else float("nan")
    p = wilcoxon_greater(-corrs) if len(corrs) else 1.0
    share = left_out / total if total else 1.0
    median_text = (f"median rho {med:+.3f} (<= {limit}) over {len(corrs)} replications" if len(corrs)
                   else f"no correlation (needs at most {limit}): no replication has {row['min_exits']} exits")
    note = (f"{median_text}; {left_out} of {total} left out (fewer than {row['min_exits']} exits; "
            f"at most {row['max_left_out_share']:.0%} may be)")
    return RowResult(row["id"], med, float("nan"), med, float("nan"), float("nan"),
                     float("nan"), limit, p, len(corrs) > 0 and med <= limit,
                     share <= row["max_left_out_share"], note)


P12_PARTNER_KEY = "partners."


def _p12(row, cmp):
    """The energetic partner's neighbours' mean passion over the row's weeks (every week sampled:
    the file is recorded with record.agent_interval = 1)."""
    partner = row["key"][len(P12_PARTNER_KEY):].split(".")[0]
    names = cmp.partner_names()
    w = names.index(partner)
    edges = cmp.f["trust/edges"][:]
    neighbours = sorted({int(b) for a, b in edges if a == w})
    ss = cmp.f["agents/sample_step"][:]
    cols = (ss >= row["steps"][0]) & (ss <= row["steps"][1])
    passion = cmp.f["agents/passion"][:][:, cols][:, :, neighbours].mean(axis=(1, 2))
    return _paired(row, passion[cmp.i0], passion[cmp.i1],
                   f"{len(neighbours)} neighbours, {int(cols.sum())} sampled weeks")


# ---------------------------------------------------------------------------------------------
# The table


def needs_full(row) -> bool:
    return row["metric"] == "neighbour_passion_mean"


class Runner:
    """Runs each folder once (per record need) and caches the file: one compare per folder."""

    def __init__(self, workdir: pathlib.Path, root: pathlib.Path = ROOT, sets=(), jobs=2):
        self.workdir = pathlib.Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.root, self.sets, self.jobs = root, list(sets), jobs
        self.files: dict = {}
        self.commits: set = set()

    def comparison(self, folder: str, full: bool = False, extra_sets=()) -> Comparison:
        key = (folder, full, tuple(extra_sets))
        if key not in self.files:
            name = folder.replace("/", "_") + ("_full" if full else "")
            if extra_sets:
                name += "_" + hashlib.sha256("\n".join(extra_sets).encode()).hexdigest()[:10]
            out = self.workdir / (name + ".h5")
            run = run_compare(self.root / folder, out, [*self.sets, *extra_sets],
                              level="full" if full else None, agent_interval=1 if full else None,
                              jobs=self.jobs)
            self.commits.add(run.git_commit)
            self.files[key] = Comparison(out)
        return self.files[key]


def evaluate_table(runner: Runner, patterns: dict, extra_sets=()) -> dict[str, RowResult]:
    """Every ensemble row, with Holm across the family (patterns' holm_family)."""
    frozen = patterns["frozen"]
    results = {}
    for row in ensemble_rows(patterns):
        cmp = runner.comparison(row["folder"], needs_full(row), extra_sets)
        results[row["id"]] = evaluate_row(row, cmp)
    family = [i for i in frozen["holm_family"] if i in results]
    adjusted = holm_adjusted({i: results[i].p for i in family})
    for i, r in results.items():
        r.p_holm = adjusted.get(i, r.p)
        r.alpha = frozen["alpha"]
    return results


def fmt(x, digits=4):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    return f"{x:.{digits}g}"


TABLE_HEADER = ("| row | trap | twin | effect (HL or stated) | 95% interval | p | Holm p | "
                "result | minimum effect and figures |\n|---|---|---|---|---|---|---|---|---|")


def markdown_table(patterns, results: dict[str, RowResult]) -> str:
    lines = [TABLE_HEADER]
    for row in ensemble_rows(patterns):
        r = results[row["id"]]
        interval = "-" if math.isnan(r.ci_low) else f"[{fmt(r.ci_low)}, {fmt(r.ci_high)}]"
        lines.append(f"| {r.id} | {fmt(r.trap)} | {fmt(r.twin)} | {fmt(r.effect)} | {interval} | "
                     f"{fmt(r.p, 3)} | {fmt(r.p_holm, 3)} | {'holds' if r.holds else 'fails'} | "
                     f"{r.note} |")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Reported checks outside the Holm family

# P5a with the capacity that surfacing interests would use kept from going to addressing
# responsibility (which writes commitment directly): the same pair with
# `regisseur.arsenal.address_responsibility.enabled = false` on both arms. Reported beside the
# table, its p not Holm-corrected (alpha as is); "equal regie effort" is not a design offered.
CHECKS = {"P5a_without_address_responsibility":
          ("P5a", ["regisseur.arsenal.address_responsibility.enabled=false"])}


def evaluate_checks(runner: Runner, patterns: dict) -> dict[str, RowResult]:
    rows = {r["id"]: r for r in patterns["frozen"]["rows"]}
    out = {}
    for name, (rid, sets) in CHECKS.items():
        row = rows[rid]
        r = evaluate_row(row, runner.comparison(row["folder"], needs_full(row), sets))
        r.p_holm, r.alpha = r.p, patterns["frozen"]["alpha"]
        r.note += "; with " + ", ".join(sets) + " (outside the Holm family)"
        out[name] = r
    return out


# ---------------------------------------------------------------------------------------------
# Negative controls


@dataclasses.dataclass
class Control:
    name: str  # a stable id: the rows joined by '+'
    mechanism: str
    rows: list
    settings: list  # [(key, value)], the frozen settings and those of [[added]] entries
    check: str
    added_time: str = ""  # what its [[added]] entry must state (a mechanism still to come)


def toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return f'"{v}"'
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    return repr(v)


def added_settings(entry: dict) -> list:
    """The (key, value) settings an [[added]] entry's negative_control names (a value for the
    entry's own parameter, a {key, value} table, or a list of them)."""
    nc = entry.get("negative_control")
    if nc is None:
        return []
    path = entry.get("path") or entry.get("key") or entry.get("parameter")
    items = nc if isinstance(nc, list) and nc and isinstance(nc[0], dict) else [nc]
    out = []
    for item in items:
        if isinstance(item, dict):
            out.append((item.get("key") or item.get("path") or path, item["value"]))
        else:
            out.append((path, item))
    return out


def negative_controls(patterns: dict) -> list[Control]:
    """One control per [[frozen.negative_controls]] entry, with the settings of every [[added]]
    entry whose `rows` are that entry's rows; an [[added]] entry whose rows match no frozen
    entry is a control of its own."""
    controls = []
    by_rows = {}
    for e in patterns["frozen"]["negative_controls"]:
        c = Control("+".join(e["rows"]), e["mechanism"], list(e["rows"]),
                    [(s["key"], s["value"]) for s in e.get("settings", [])], e.get("check", ""),
                    e.get("added_time", ""))
        controls.append(c)
        by_rows[tuple(sorted(e["rows"]))] = c
    for entry in patterns.get("added", []):
        settings = added_settings(entry)
        if not settings or "rows" not in entry:
            continue
        key = tuple(sorted(entry["rows"]))
        if key not in by_rows:
            c = Control("+".join(entry["rows"]), entry.get("mechanism", ""), list(entry["rows"]),
                        [], "the one-sided 95% Hodges-Lehmann bound lies below the row's minimum effect")
            controls.append(c)
            by_rows[key] = c
        for s in settings:
            if s not in by_rows[key].settings:
                by_rows[key].settings.append(s)
    return controls


def missing_parameters(settings) -> list[str]:
    """Keys `regiesim describe` does not list (the mechanism is not in this binary)."""
    missing = []
    for key, _ in settings:
        out = subprocess.run([binary(), "describe", key], capture_output=True, text=True)
        if f"{key} =" not in out.stdout:
            missing.append(key)
    return missing


@dataclasses.dataclass
class ControlResult:
    name: str
    status: str  # "passes", "fails" or "mechanism not present"
    figures: str


def _control_row(row, r: RowResult) -> tuple[bool, str]:
    """Absence of a row's pattern: the one-sided 95% bound below the minimum effect (P2b, P5b:
    the median is not within its limit)."""
    if row["id"] in ("P2b", "P5b"):
        ok = not (r.effect <= r.threshold)
        return ok, f"{row['id']}: median {fmt(r.effect)} (not <= {r.threshold})"
    ok = r.bound < r.threshold
    return ok, f"{row['id']}: HL {fmt(r.effect)}, one-sided 95% bound {fmt(r.bound)} (< {fmt(r.threshold)})"


def run_control(runner: Runner, patterns: dict, control: Control, workdir) -> ControlResult:
    if not control.settings:
        return ControlResult(control.name, "mechanism not present",
                             "no [[added]] entry names a negative_control for these rows yet; "
                             "pre-registered: " + control.added_time)
    missing = missing_parameters(control.settings)
    if missing:
        return ControlResult(control.name, "mechanism not present",
                             "not in this binary: " + ", ".join(missing))
    sets = [f"{k}={toml_value(v)}" for k, v in control.settings]
    rows = {r["id"]: r for r in patterns["frozen"]["rows"]}
    if control.rows == ["P1"]:
        return _p1_control(runner, rows["P1"], control, sets, workdir)
    ok_all, texts = True, []
    for rid in control.rows:
        row = rows[rid]
        cmp = runner.comparison(row["folder"], needs_full(row), sets)
        r = evaluate_row(row, cmp)
        ok, text = _control_row(row, r)
        ok_all &= ok
        texts.append(text)
    return ControlResult(control.name, "passes" if ok_all else "fails",
                         "; ".join(texts) + " with " + ", ".join(sets))


def _p1_control(runner, row, control, sets, workdir):
    """P1 held before its mechanism, so it is checked on the mechanism's own metric: the trap's
    negotiating_share exceeds the twin's (p < alpha, HL > 0), and with the mechanism at its
    neutral setting the trap's negotiating_share does not exceed (HL <= 0) that of
    regisseur.strategy = "none" on the same base."""
    folder = runner.root / row["folder"]
    a = Comparison(run_compare(folder, pathlib.Path(workdir) / "p1_control_pair.h5").path) \
        .attrs("negotiating_share")
    exceeds = a["p_less"] < 0.01 and a["hodges_lehmann"] < 0  # twin - trap below 0
    none = pathlib.Path(workdir) / "p1_none.toml"
    none.write_text(f'extends = "{(folder / "base.toml").as_posix()}"\n\n[regisseur]\nstrategy = "none"\n')
    b = Comparison(run_compare(None, pathlib.Path(workdir) / "p1_control_none.h5", sets,
                               arms=[folder / "trap.toml", none]).path).attrs("negotiating_share")
    not_above = -b["hodges_lehmann"] <= 0  # trap - none
    text = (f"negotiating_share trap {a['mean_arm0']:.4g} vs twin {a['mean_arm1']:.4g} "
            f"(p {a['p_less']:.3g}); with {', '.join(sets)}: trap {b['mean_arm0']:.4g} vs none "
            f"{b['mean_arm1']:.4g}, HL(trap - none) {-b['hodges_lehmann']:+.4g} (<= 0)")
    return ControlResult(control.name, "passes" if exceeds and not_above else "fails", text)


# ---------------------------------------------------------------------------------------------
# The measured record (validation/measured.toml)


def load_measured(path: pathlib.Path = MEASURED) -> dict:
    if not path.exists():
        return {"rows": {}, "negative_controls": {}}
    with open(path, "rb") as f:
        return tomllib.load(f)


def _q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def measured_text(commit: str, results: dict[str, RowResult], controls: list[ControlResult],
                  checks: dict[str, RowResult] | None = None) -> str:
    lines = [
        "# Measured outcomes of the pattern validation (docs/ODD.md section 8), written by",
        "# `/usr/bin/python3 scripts/patterns_report.py --write`. The validation tests",
        "# (validation/tests/test_patterns.py, ctest label `validation`) hold the model to it: a row",
        "# recorded `holds` must hold, a row recorded `fails` must still fail (printed with its",
        "# figures), so any change of a result fails CI until this file is regenerated and committed.",
        "# Negative controls: `passes`, `fails` or `mechanism not present` (no neutral setting yet).",
        "",
        f"commit = {_q(commit)}",
        "",
    ]
    for rid, r in results.items():
        lines += [f"[rows.{rid}]", f"outcome = {_q('holds' if r.holds else 'fails')}"]
        for name in ("trap", "twin", "effect", "ci_low", "ci_high", "threshold", "p", "p_holm"):
            v = getattr(r, name)
            if not (isinstance(v, float) and math.isnan(v)):
                lines.append(f"{name} = {v!r}")
        lines += [f"figures = {_q(r.note)}", ""]
    for name, r in (checks or {}).items():
        lines += [f"[checks.{name}]", f"outcome = {_q('holds' if r.holds else 'fails')}",
                  f"figures = {_q(r.note)}", ""]
    for c in controls:
        lines += [f'[negative_controls."{c.name}"]', f"status = {_q(c.status)}",
                  f"figures = {_q(c.figures)}", ""]
    return "\n".join(lines)

#!/usr/bin/python3
"""Robustness of the patterns (docs/ODD.md section 8.1): every row of the validation table under a
change of one model-wide setting, applied to both arms with `regiesim compare --set`.

Conditions: the activation order (`run.activation` fixed, synchronous), `trust.loss` at the ends
of its plausible range (0.12, 0.4), the network (`network.kind` = complete; the default small
world drawn anew for every replication, `network.per_replication` = true) and the bargaining
protocol (`negotiation.protocol` alternating_offers, nash). Each condition is evaluated as the
table is (100 paired replications, Holm across the rows of that condition, minimum effects;
validation/pattern_rows.py). P12 needs the ties recorded (`record.level` = full), which a network
drawn per replication cannot give: it is "n/a" there.

    /usr/bin/python3 scripts/pattern_robustness.py            # markdown table, ~5 minutes on 2 cores
    /usr/bin/python3 scripts/pattern_robustness.py --conditions trust.loss=0.4

Output: a markdown table pattern x condition -> holds / fails with the effect (the estimate the
minimum effect is measured on, in the row's direction; P2a the trap/twin ratio of means).
"""
import argparse
import os
import pathlib
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "validation"))
import pattern_rows as pr  # noqa: E402

CONDITIONS = [
    "run.activation=\"fixed\"",
    "run.activation=\"synchronous\"",
    "trust.loss=0.12",
    "trust.loss=0.4",
    "network.kind=\"complete\"",
    "network.per_replication=true",
    "negotiation.protocol=\"alternating_offers\"",
    "negotiation.protocol=\"nash\"",
]


def evaluate(runner, patterns):
    """The table under the runner's settings; rows that cannot be recorded become None."""
    results, missing = {}, {}
    for row in pr.ensemble_rows(patterns):
        try:
            cmp = runner.comparison(row["folder"], pr.needs_full(row))
        except RuntimeError as e:
            missing[row["id"]] = str(e).strip().splitlines()[-1]
            continue
        results[row["id"]] = pr.evaluate_row(row, cmp)
    frozen = patterns["frozen"]
    adjusted = pr.holm_adjusted({i: r.p for i, r in results.items() if i in frozen["holm_family"]})
    for i, r in results.items():
        r.p_holm, r.alpha = adjusted.get(i, r.p), frozen["alpha"]
    return results, missing


def cell(row, r):
    if r is None:
        return "n/a"
    if row["minimum_effect"]["kind"] == "trap_mean_at_most_share_of_twin_mean":
        effect = f"trap/twin {r.trap / r.twin:.2f}" if r.twin else "-"
    elif row["arms"] == "trap":
        effect = f"median {pr.fmt(r.effect, 3)}"
    else:
        effect = f"{r.effect:+.3g}"
        if row["minimum_effect"]["kind"] == "relative_to_level" and r.twin:
            effect += f" ({r.effect / abs(r.twin) * 100:+.1f}%)"
    if r.holds:
        return f"holds {effect}"
    why = [w for w, failed in (("p", not r.significant), ("effect", not r.effect_ok),
                               ("own rule", not r.extra_ok)) if failed]
    return f"fails ({', '.join(why)}) {effect}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--binary", help="regiesim binary (default $REGIESIM_BINARY or build/release)")
    ap.add_argument("--conditions", nargs="*", default=CONDITIONS,
                    help="settings key=value (TOML value), one condition each")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    a = ap.parse_args()
    if a.binary:
        os.environ["REGIESIM_BINARY"] = str(pathlib.Path(a.binary).resolve())
    patterns = pr.load_patterns()
    rows = pr.ensemble_rows(patterns)
    columns, commits, notes = [], set(), []
    with tempfile.TemporaryDirectory() as tmp:
        for k, condition in enumerate(["as shipped", *a.conditions]):
            sets = [] if condition == "as shipped" else [condition]
            runner = pr.Runner(pathlib.Path(tmp) / f"c{k}", sets=sets, jobs=a.jobs)
            results, missing = evaluate(runner, patterns)
            commits |= runner.commits
            columns.append((condition, results))
            for rid, why in missing.items():
                notes.append(f"{rid} under `{condition}`: {why}")
            print(f"done: {condition}", file=sys.stderr)
    print(f"Measured at commit {', '.join(sorted(commits))}; each column: both arms with the "
          f"setting, {patterns['frozen']['replications']} paired replications, Holm across the "
          f"column's rows at alpha {patterns['frozen']['alpha']}; effect = the Hodges-Lehmann "
          f"estimate in the row's direction (% of the twin's level), P2a the ratio of the arms' "
          f"means, P2b and P5b the median; a failing row says what failed: p (not significant "
          f"after Holm), effect (below its minimum effect), own rule (P7a: more than half the "
          f"pairs never agreed in both arms; P5b: more than half the replications with fewer "
          f"than two exits).\n")
    header = "| row | " + " | ".join(f"`{c}`" if c != "as shipped" else c for c, _ in columns) + " |"
    print(header)
    print("|---" * (len(columns) + 1) + "|")
    for row in rows:
        cells = [cell(row, res.get(row["id"])) for _, res in columns]
        print(f"| {row['id']} | " + " | ".join(cells) + " |")
    held = ["| rows holding | " + " | ".join(str(sum(r.holds for r in res.values()))
                                            for _, res in columns) + " |"]
    print("\n".join(held))
    if notes:
        print()
        for n in notes:
            print(f"- {n}")


if __name__ == "__main__":
    main()

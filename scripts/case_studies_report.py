#!/usr/bin/python3
"""The out-of-sample check: section 8's table run once on each case study's own pairs.

The five case studies (`scenarios/cases/<case>.toml`, their pairs in `scenarios/cases/<case>/<pitfall>/`)
were committed with the pre-registration and are never used for tuning: this script runs them only
on the frozen model: the model at HEAD (engine/, scenarios/ and validation/patterns.toml) must be
the one of the commit tagged `pitfalls-freeze`, with no changes in the tree there, and the binary
must be built from a commit with that model. Anything else is refused (exit 2) before a single
replication runs. (Scripts and documents may change after the tag; the model may not.) Each row of
`validation/patterns.toml` is evaluated on the case's pair of the row's folder (the pitfall's
name; P12 on the case's `passion_spread`), with the same statistics, minimum effects and Holm
family as on the shipped folders (validation/pattern_rows.py).

    /usr/bin/python3 scripts/case_studies_report.py                  # every case, markdown
    /usr/bin/python3 scripts/case_studies_report.py --case woningbouw
    /usr/bin/python3 scripts/case_studies_report.py --status         # frozen or not, and why

The binary is $REGIESIM_BINARY, else build/release/regiesim (--binary overrides).
"""
import argparse
import copy
import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
FREEZE_TAG = "pitfalls-freeze"
CASES = ["kansrijke_start", "omgevingswet", "woningbouw", "energietransitie", "jeugdzorgregio"]


def git(root: pathlib.Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)


# What "the model" is for the freeze: a change here changes what the case studies would measure.
MODEL_PATHS = ["engine", "scenarios", "validation/patterns.toml"]


def model_differs(root: pathlib.Path, commit: str) -> bool:
    """True when `commit`'s model differs from the frozen one (or `commit` is unknown)."""
    r = git(root, "diff", "--quiet", f"refs/tags/{FREEZE_TAG}", commit, "--", *MODEL_PATHS)
    return r.returncode != 0


def freeze_refusal(root: pathlib.Path) -> str | None:
    """Why the case studies may not run here (None when the tree holds the frozen model)."""
    head = git(root, "rev-parse", "HEAD")
    if head.returncode != 0:
        return f"{root} is not a git checkout, so the frozen model cannot be checked"
    tagged = git(root, "rev-parse", "-q", "--verify", f"refs/tags/{FREEZE_TAG}^{{commit}}")
    if tagged.returncode != 0:
        return (f"the defaults are not frozen: no tag {FREEZE_TAG} exists. The case studies are "
                "out of sample and run only on the frozen model")
    if model_differs(root, head.stdout.strip()):
        return (f"the model at HEAD ({head.stdout.strip()[:12]}) is not the one tagged {FREEZE_TAG} "
                f"({tagged.stdout.strip()[:12]}): {', '.join(MODEL_PATHS)} differ; check that "
                "commit out to run the case studies")
    dirty = git(root, "status", "--porcelain", "--untracked-files=no", "--", *MODEL_PATHS)
    if dirty.stdout.strip():
        first = dirty.stdout.strip().splitlines()[0]
        return f"the model in the tree has changes against {FREEZE_TAG} (first: {first.strip()})"
    return None


def case_patterns(patterns: dict, case: str) -> dict:
    """The patterns with every row's folder replaced by the case's pair of the same name, and P12's
    energetic partner by the case's (validation/patterns.toml, [frozen.cases.<case>])."""
    out = copy.deepcopy(patterns)
    energetic = patterns["frozen"]["cases"][case]["energetic_partner"]
    for row in out["frozen"]["rows"]:
        if "folder" in row:
            row["folder"] = f"scenarios/cases/{case}/{pathlib.PurePosixPath(row['folder']).name}"
        if row.get("metric") == "neighbour_passion_mean":
            row["key"] = f"partners.{energetic}.passion"
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--binary", help="regiesim binary (default $REGIESIM_BINARY or build/release)")
    ap.add_argument("--case", action="append", choices=CASES, help="one case (repeatable)")
    ap.add_argument("--status", action="store_true", help="say whether the model is frozen, run nothing")
    ap.add_argument("--keep", help="directory for the compare files (default: a temporary one)")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    a = ap.parse_args()
    refusal = freeze_refusal(ROOT)
    if a.status:
        print(refusal or f"frozen: the model at HEAD is the one tagged {FREEZE_TAG}, unchanged in the tree")
        return 0 if refusal is None else 2
    if refusal:
        print(f"case_studies_report: {refusal}", file=sys.stderr)
        return 2
    if a.binary:
        os.environ["REGIESIM_BINARY"] = str(pathlib.Path(a.binary).resolve())
    sys.path.insert(0, str(ROOT / "validation"))
    import pattern_rows as pr  # noqa: E402

    tagged = git(ROOT, "rev-parse", f"refs/tags/{FREEZE_TAG}^{{commit}}").stdout.strip()
    patterns = pr.load_patterns()
    with tempfile.TemporaryDirectory() as tmp:
        for case in a.case or CASES:
            work = pathlib.Path(a.keep or tmp) / case
            runner = pr.Runner(work, jobs=a.jobs)
            results = pr.evaluate_table(runner, case_patterns(patterns, case))
            stale = [c for c in sorted(runner.commits) if model_differs(ROOT, c)]
            if stale:
                print(f"case_studies_report: the binary was built from {', '.join(stale)}, whose "
                      f"model is not the one tagged {FREEZE_TAG}; rebuild it", file=sys.stderr)
                return 2
            held = [k for k, r in results.items() if r.holds]
            built = ", ".join(c[:12] for c in sorted(runner.commits))
            print(f"## {case}\n\nThe model of {FREEZE_TAG} ({tagged[:12]}; binary built from "
                  f"{built}), the case's own pairs, "
                  f"{patterns['frozen']['replications']} paired replications per arm as each pair "
                  f"sets, Holm across {len(results)} rows. Holding: {', '.join(held) or 'none'}.\n")
            print(pr.markdown_table(patterns, results))
    return 0


if __name__ == "__main__":
    sys.exit(main())

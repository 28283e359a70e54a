#!/usr/bin/python3
"""The measured pattern table of docs/ODD.md section 8, and validation/measured.toml.

Runs `regiesim compare` once on each folder of validation/patterns.toml's rows (100 paired
replications, as shipped), evaluates every row (Holm across the 17, minimum effects;
validation/pattern_rows.py), runs the negative controls, and prints markdown: the table (row,
trap, twin, effect, interval, p, Holm-adjusted p, holds/fails, figures) and the controls.

    /usr/bin/python3 scripts/patterns_report.py                 # print the tables
    /usr/bin/python3 scripts/patterns_report.py --write         # and rewrite validation/measured.toml
    /usr/bin/python3 scripts/patterns_report.py --no-controls   # the rows only

The binary is $REGIESIM_BINARY, else build/release/regiesim (--binary overrides). Its commit is
the one recorded; a binary built from a tree with changes says so (`-dirty`).
"""
import argparse
import os
import pathlib
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "validation"))
import pattern_rows as pr  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--binary", help="regiesim binary (default $REGIESIM_BINARY or build/release)")
    ap.add_argument("--write", action="store_true", help="rewrite validation/measured.toml")
    ap.add_argument("--no-controls", action="store_true", help="skip the negative controls")
    ap.add_argument("--keep", help="directory for the compare files (default: a temporary one)")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    a = ap.parse_args()
    if a.binary:
        os.environ["REGIESIM_BINARY"] = str(pathlib.Path(a.binary).resolve())
    if a.write and a.no_controls:
        sys.exit("--write records the controls too: drop --no-controls")
    patterns = pr.load_patterns()
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(a.keep or tmp)
        runner = pr.Runner(work, jobs=a.jobs)
        results = pr.evaluate_table(runner, patterns)
        commit = ", ".join(sorted(runner.commits))
        print(f"Measured at commit {commit} ({pr.binary()}), "
              f"{patterns['frozen']['replications']} paired replications per arm, "
              f"Holm across {len(results)} rows at alpha {patterns['frozen']['alpha']}.\n")
        print(pr.markdown_table(patterns, results))
        checks = pr.evaluate_checks(runner, patterns)
        print("Reported outside the Holm family:\n")
        for name, r in checks.items():
            print(f"- {name}: {'holds' if r.holds else 'fails'}; p {pr.fmt(r.p, 3)}; {r.note}")
        print()
        controls = []
        if not a.no_controls:
            print("| negative control (rows) | result | figures |\n|---|---|---|")
            for c in pr.negative_controls(patterns):
                r = pr.run_control(runner, patterns, c, work)
                controls.append(r)
                print(f"| {c.name} | {r.status} | {r.figures} |")
        if a.write:
            pr.MEASURED.write_text(pr.measured_text(commit, results, controls, checks))
            print(f"\nwrote {pr.MEASURED.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Writes docs/ODD.md section 8's validation table from validation/patterns.toml ([frozen.rows]).

The table is pre-registered data: the file is the source, the ODD shows it. Usage:

    /usr/bin/python3 scripts/patterns_table.py            # print the table
    /usr/bin/python3 scripts/patterns_table.py --write    # replace the table in docs/ODD.md
    /usr/bin/python3 scripts/patterns_table.py --check    # exit 1 if docs/ODD.md's table differs
"""
import argparse
import pathlib
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
PATTERNS = ROOT / "validation" / "patterns.toml"
ODD = ROOT / "docs" / "ODD.md"
SECTION = "## 8. Validation table"
HEADER = (
    "| pattern | scenario pair: trap vs twin (the one key that differs) | metric | at steps | "
    "direction | minimum effect | test | replications |\n"
    "|---|---|---|---|---|---|---|---|"
)


def value_text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def pair_cell(row):
    if row["kind"] == "unit_test":
        return row["pair_text"]
    if row["arms"] == "trap":
        return f"{row['pitfall']}, trap arm alone"
    if "same_as" in row:
        return f"{row['pitfall']} (as {row['same_as']})"
    trap = value_text(row["trap"]) + (" " + row["trap_note"] if "trap_note" in row else "")
    twin = value_text(row["twin"]) + (" " + row["pair_note"] if "pair_note" in row else "")
    return f"{row['pitfall']}: `{row['key']}` = {trap} vs {twin}"


def table(patterns):
    lines = [HEADER]
    for row in patterns["frozen"]["rows"]:
        cells = [row["id"], pair_cell(row), row["metric_text"], row["steps_text"],
                 row["direction_text"], row["minimum_effect_text"], row["test_text"],
                 row["replications_text"]]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def odd_table_span(text):
    """Start and end offsets of the table in section 8 (its header line to its last row)."""
    section = text.index(SECTION)
    start = text.index("| pattern |", section)
    end = start
    while end < len(text) and text.startswith("|", end):
        end = text.index("\n", end) + 1
    return start, end


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--write", action="store_true", help="replace the table in docs/ODD.md")
    group.add_argument("--check", action="store_true", help="exit 1 if docs/ODD.md differs")
    args = parser.parse_args()
    with open(PATTERNS, "rb") as f:
        generated = table(tomllib.load(f))
    if not (args.write or args.check):
        sys.stdout.write(generated)
        return 0
    text = ODD.read_text(encoding="utf-8")
    start, end = odd_table_span(text)
    if args.check:
        if text[start:end] != generated:
            print("docs/ODD.md section 8 differs from validation/patterns.toml; run "
                  "scripts/patterns_table.py --write", file=sys.stderr)
            return 1
        return 0
    ODD.write_text(text[:start] + generated + text[end:], encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""The core's folders form a strict order: each includes only folders before it, so data flows one
way (random streams and bargaining at the bottom, the step loop and the designs at the top) and
every folder can be read, tested and compiled to WebAssembly without the ones above it.

Usage: check_layers.py [ENGINE_DIR]. Exits 1 naming every include that goes up or sideways."""
import pathlib
import re
import sys

# Bottom to top. The edges (io, sweep, cli) may include any of these.
ORDER = ["random", "negotiation", "model", "record", "network", "dynamics", "regie", "scenario",
         "sim", "design", "comparison"]


def main() -> int:
    engine = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else
                          pathlib.Path(__file__).resolve().parent.parent / "engine")
    rank = {folder: i for i, folder in enumerate(ORDER)}
    include = re.compile(r'#include "([a-z_]+)/')
    wrong = []
    for folder in ORDER:
        for path in sorted((engine / folder).glob("*.[ch]pp")):
            for number, line in enumerate(path.read_text().splitlines(), 1):
                m = include.match(line.strip())
                if m and m.group(1) in rank and rank[m.group(1)] > rank[folder]:
                    wrong.append(f"{path.relative_to(engine)}:{number}: {folder}/ includes "
                                 f"{m.group(1)}/, a folder above it")
                elif m and m.group(1) not in rank:
                    wrong.append(f"{path.relative_to(engine)}:{number}: the core folder {folder}/ "
                                 f"includes {m.group(1)}/, an edge (files, HDF5, threads, MPI)")
    for w in wrong:
        print(w)
    print(f"layers: {len(wrong)} include(s) against the order {' < '.join(ORDER)}")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())

"""Check the WebAssembly build against the CLI: every summary value and every series of every run
of the default scenario, to the last bit.

    /usr/bin/python3 classroom/compare_with_cli.py build/release/regiesim build/classroom/regiesim-klas-spike.js

Runs `regiesim run scenarios/default.toml` (its seed and replications) into a temporary HDF5 file
and the spike under node, then compares the spike's hexadecimal summaries with /summary/<metric>
and its FNV-1a hashes of each series with /series/<metric>. Exit status 1 on any difference.
"""

import pathlib
import subprocess
import sys
import tempfile

import h5py
import numpy as np

FNV_OFFSET = 14695981039346656037
FNV_PRIME = 1099511628211


def fnv1a(values: np.ndarray) -> int:
    h = FNV_OFFSET
    for byte in np.ascontiguousarray(values, dtype="<f8").tobytes():
        h = ((h ^ byte) * FNV_PRIME) & 0xFFFFFFFFFFFFFFFF
    return h


def main() -> int:
    regiesim, spike = sys.argv[1], sys.argv[2]
    root = pathlib.Path(__file__).resolve().parent.parent
    # Node 18 and later have a global fetch, which emscripten 3.1.6's loader then tries on a file
    # path; without it the loader reads the .wasm with fs.
    out = subprocess.run(["node", "--no-experimental-fetch", spike], check=True,
                         capture_output=True, text=True).stdout.splitlines()
    with tempfile.TemporaryDirectory() as tmp:
        h5 = pathlib.Path(tmp) / "default.h5"
        subprocess.run([regiesim, "run", str(root / "scenarios/default.toml"), "-o", str(h5),
                        "-j2"], check=True, capture_output=True)
        compared = differ = 0
        with h5py.File(h5, "r") as f:
            runs = list(f["/summary/run"][:])
            for line in out:
                kind, *rest = line.split()
                if kind not in ("summary", "series"):
                    continue
                run, metric, value = int(rest[0]), rest[1], rest[2]
                row = runs.index(run)
                if kind == "summary":
                    cli = np.float64(f[f"/summary/{metric}"][row])
                    same = np.float64(float.fromhex(value)).tobytes() == cli.tobytes()
                else:
                    same = int(value, 16) == fnv1a(f[f"/series/{metric}"][row, :])
                compared += 1
                if not same:
                    differ += 1
                    print(f"DIFFERENT: {kind} run {run} {metric}: wasm {value}")
    print(f"{compared} values compared ({len(runs)} runs), {differ} different")
    return 1 if differ or compared == 0 else 0


if __name__ == "__main__":
    sys.exit(main())

"""Run the port: python3 -m validation.odd_port.run_port SCENARIO OUT.npz --replications R [--set k=v ...]"""
import argparse
import time

import numpy as np

from . import scenario
from .model import Model, summary


def run_one(path, sets, r):
    prm, partners = scenario.load(path, sets)
    mdl = Model(prm, partners, r)
    series = mdl.run()
    return series, summary(series, prm["run.steps"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario")
    ap.add_argument("out")
    ap.add_argument("--replications", type=int, default=10)
    ap.add_argument("--first", type=int, default=0)
    ap.add_argument("--set", action="append", default=[])
    args = ap.parse_args()
    t0 = time.time()
    sums = {}
    series_all = {}
    for r in range(args.first, args.first + args.replications):
        s, sm = run_one(args.scenario, args.set, r)
        for k, v in sm.items():
            sums.setdefault(k, []).append(v)
        for k, v in s.items():
            series_all.setdefault(k, []).append(v)
    np.savez_compressed(args.out, **{"summary/" + k: np.array(v) for k, v in sums.items()},
                        **{"series/" + k: np.array(v) for k, v in series_all.items()})
    print(f"{args.replications} runs in {time.time() - t0:.1f} s")


if __name__ == "__main__":
    main()

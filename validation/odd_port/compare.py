"""Compare the port with the engine: draw for draw (series per run) and statistically (two-sample KS
on every summary metric).

/usr/bin/python3 -m validation.odd_port.compare NAME --replications R [--set k=v ...] [--jobs 2]
Writes validation/odd_port/results/NAME.json.
"""
import argparse
import json
import os
import subprocess
import time
from multiprocessing import Pool

import h5py
import numpy as np
from scipy import stats

from .run_port import run_one

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
ENGINE = os.path.join(ROOT, "build", "release", "regiesim")
TMP = "/tmp/odd_port"


def _port(args):
    path, sets, r = args
    series, summ = run_one(path, sets, r)
    return r, {k: np.asarray(v) for k, v in series.items()}, summ


def engine_run(scenario, sets, reps, out):
    cmd = [ENGINE, "run", scenario, "-o", out, "--force", "--replications", str(reps), "-j", "1"]
    for s in sets:
        cmd += ["--set", s]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    f = h5py.File(out, "r")
    series = {k: f["series"][k][:] for k in f["series"] if k not in ("run", "step") and f["series"][k].ndim == 2}
    summ = {k: f["summary"][k][:] for k in f["summary"] if k != "run"}
    return series, summ


def compare(name, scenario, sets, reps, jobs):
    os.makedirs(TMP, exist_ok=True)
    t0 = time.time()
    eser, esum = engine_run(scenario, sets, reps, os.path.join(TMP, name + ".h5"))
    t1 = time.time()
    with Pool(jobs) as pool:
        res = pool.map(_port, [(scenario, sets, r) for r in range(reps)])
    t2 = time.time()
    res.sort(key=lambda x: x[0])
    psum = {k: np.array([x[2][k] for x in res]) for k in res[0][2]}
    pser = {k: np.stack([x[1][k] for x in res]) for k in res[0][1]}
    # draw for draw
    identical_runs = 0
    first_div = {}
    for r in range(reps):
        same = True
        for k in eser:
            if k not in pser:
                continue
            a, b = eser[k][r], pser[k][r]
            d = np.abs(a - b) > 1e-9 * np.maximum(1.0, np.abs(a))
            if d.any():
                same = False
                s = int(np.argmax(d))
                first_div[k] = min(first_div.get(k, 10 ** 9), s)
        identical_runs += same
    metrics = {}
    for k in sorted(esum):
        if k not in psum:
            metrics[k] = dict(missing_in_port=True)
            continue
        # rounded to 9 decimals: sums of decimal costs differ in the last bit between the two
        # (221 vs 221.00000000000003), which KS would otherwise count as a difference
        a, b = np.round(np.asarray(esum[k], float), 9), np.round(np.asarray(psum[k], float), 9)
        if np.all(a == a[0]) and np.all(b == b[0]) and a[0] == b[0]:
            p = 1.0
        else:
            p = float(stats.ks_2samp(a, b).pvalue)
        metrics[k] = dict(engine_mean=float(a.mean()), port_mean=float(b.mean()), engine_sd=float(a.std()),
                          port_sd=float(b.std()), ks_p=p, engine=a.tolist(), port=b.tolist(), equal_runs=int(np.sum(np.abs(a - b) <= 1e-9 * np.maximum(1, np.abs(a)))))
    out = dict(name=name, scenario=os.path.relpath(scenario, ROOT), sets=sets, replications=reps,
               identical_runs=identical_runs, first_divergence=first_div, metrics=metrics,
               seconds_engine=t1 - t0, seconds_port=t2 - t1)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", name + ".json"), "w") as fh:
        json.dump(out, fh, indent=1, sort_keys=True)
    low = {k: m["ks_p"] for k, m in metrics.items() if "ks_p" in m and m["ks_p"] <= 0.01}
    print(f"{name}: {identical_runs}/{reps} runs identical series; KS p<=0.01: {low}; first divergences: "
          f"{dict(sorted(first_div.items(), key=lambda kv: kv[1])[:6])}; engine {t1 - t0:.0f} s, port {t2 - t1:.0f} s")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("name")
    ap.add_argument("--scenario", default=os.path.join(ROOT, "scenarios", "default.toml"))
    ap.add_argument("--replications", type=int, default=100)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--set", action="append", default=[])
    a = ap.parse_args()
    compare(a.name, a.scenario, a.set, a.replications, a.jobs)


if __name__ == "__main__":
    main()

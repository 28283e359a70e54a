"""Tables for REPORT.md from results/*.json (the 100-replication comparisons of run_all.sh)."""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
VARIANTS = ["default", "trust_loss_0.3", "passion_fade_0.1", "visible_progress_0.5", "strategy_controlling",
            "strategy_negotiation", "strategy_none", "strategy_scattershot", "strategy_commissioning",
            "protocol_nash", "protocol_alternating"]
KEY = ["realisation", "trust_mean", "commitment_mean", "passion_mean", "goal_clarity", "agreements",
       "meetings_negotiating", "regie_effort"]


def load(n):
    p = os.path.join(HERE, "results", n + ".json")
    return json.load(open(p)) if os.path.exists(p) else None


def main():
    res = {n: load(n) for n in VARIANTS}
    print("| variant (`--set`) | runs with identical series (1e-9) | summary metrics | min KS p | metrics with KS p <= 0.01 |")
    print("|---|---|---|---|---|")
    for n, d in res.items():
        if d is None:
            print(f"| {n} | not run | | | |")
            continue
        ps = {k: m["ks_p"] for k, m in d["metrics"].items() if "ks_p" in m}
        low = [k for k, p in ps.items() if p <= 0.01]
        sets = ", ".join(f"`{s}`" for s in d["sets"]) or "(none)"
        print(f"| {n}: {sets} | {d['identical_runs']}/{d['replications']} | {len(ps)} | {min(ps.values()):.3g} | "
              f"{', '.join(low) or '-'} |")
    base = res["default"]
    if base is None:
        return
    print()
    print(f"Mean over {base['replications']} replications, engine / port, and the change from the default (engine / port):")
    print()
    print("| variant | " + " | ".join(KEY) + " |")
    print("|---|" + "---|" * len(KEY))
    for n, d in res.items():
        if d is None:
            continue
        cells = []
        for k in KEY:
            e, p = d["metrics"][k]["engine_mean"], d["metrics"][k]["port_mean"]
            if n == "default":
                cells.append(f"{e:.4g} / {p:.4g}")
            else:
                de = e - base["metrics"][k]["engine_mean"]
                dp = p - base["metrics"][k]["port_mean"]
                cells.append(f"{de:+.3g} / {dp:+.3g}")
        print(f"| {n} | " + " | ".join(cells) + " |")
    print()
    print("KS p-value of every summary metric in the default scenario:")
    print()
    ms = base["metrics"]
    print("| metric | engine mean | port mean | KS p |")
    print("|---|---|---|---|")
    for k in sorted(ms):
        m = ms[k]
        print(f"| {k} | {m['engine_mean']:.6g} | {m['port_mean']:.6g} | {m['ks_p']:.3g} |")


def stress():
    import glob
    print("| configuration | scenario | `--set` | identical runs | agreements | negotiating meetings | exits | releases | first divergence |")
    print("|---|---|---|---|---|---|---|---|---|")
    for path in sorted(glob.glob(os.path.join(HERE, "results", "s_*.json")), key=os.path.getmtime):
        d = json.load(open(path))
        m = d["metrics"]
        fd = min(d["first_divergence"].values()) if d["first_divergence"] else "-"
        print(f"| {d['name'][2:]} | {os.path.basename(d['scenario'])} | {' '.join(d['sets']) or '-'} | "
              f"{d['identical_runs']}/{d['replications']} | {m['agreements']['engine_mean']:.3g} | "
              f"{m['meetings_negotiating']['engine_mean']:.4g} | {m['exits']['engine_mean']:.3g} | "
              f"{m['releases']['engine_mean']:.3g} | {fd} |")


if __name__ == "__main__":
    import sys
    if len(sys.argv) > 1 and sys.argv[1] == "stress":
        stress()
        sys.exit(0)
    main()

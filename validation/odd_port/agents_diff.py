"""Per-partner draw-for-draw check against an engine file at record level agents, interval 1.
python3 -m validation.odd_port.agents_diff SCENARIO REPLICATION WEEKS [--set k=v ...]"""
import subprocess
import sys

import h5py
import numpy as np

from . import scenario
from .compare import ENGINE
from .model import Model


def main():
    sc, rep, weeks = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    sets = [a.split("=", 1)[1] if False else a for a in sys.argv[5::2]] if len(sys.argv) > 4 else []
    cmd = [ENGINE, "run", sc, "-o", "/tmp/odd_port/agents.h5", "--force", "--replication", str(rep),
           "--set", "record.level=agents", "--set", "record.agent_interval=1", "--set", f"run.steps={weeks}"]
    for s in sets:
        cmd += ["--set", s]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    f = h5py.File("/tmp/odd_port/agents.h5", "r")
    a = f["agents"]
    steps = list(a["sample_step"][:])
    prm, pl = scenario.load(sc, sets + [f"run.steps={weeks}"])
    md = Model(prm, pl, rep)
    for t in range(1, weeks + 1):
        md.step(t)
        s = steps.index(t)
        O, _ = md.ownership()
        for name, mine in [("trust_in_regisseur", md.V), ("passion", md.p), ("commitment", md.m), ("focus", md.f),
                           ("salience", md.z), ("interests_known", md.kap), ("perspective", md.x),
                           ("settled", md.settled.astype(float)), ("allocation", md.q), ("contribution", md.y),
                           ("ownership", O), ("active", md.act.astype(float))]:
            e = a[name][0, s]
            ok = np.ones(md.N, dtype=bool) if name == "active" else md.act
            d = np.abs(e - mine) * ok
            if d.max() > 1e-12:
                idx = np.where(d > 1e-12)[0]
                print(t, name, idx, e[idx], mine[idx])
                return


if __name__ == "__main__":
    main()

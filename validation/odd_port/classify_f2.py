"""For every run of a comparison whose series differ, the first differing week and whether a Zeuthen
round at a rounding tie (F2: a concession to a floor with |sum of concessions - e| < 1e-12) or an
agreement with D_F >= 1 (F13) happened in that week in the port.
python3 -m validation.odd_port.classify_f2 ENGINE.h5 SCENARIO [--set k=v ...]"""
import sys

import h5py
import numpy as np

from . import negotiation as ng
from . import scenario
from .model import Model


def main():
    h5, sc = sys.argv[1], sys.argv[2]
    sets = sys.argv[4::2]
    f = h5py.File(h5, "r")
    keys = [k for k in f["series"] if k not in ("run", "step") and f["series"][k].ndim == 2]
    prm, pl = scenario.load(sc, sets)
    R = f["series"][keys[0]].shape[0]
    ties = {}
    week = [0]
    orig_round = ng.zeuthen_round

    def hooked(P, B, mfl, z, prm_):
        res = orig_round(P, B, mfl, z, prm_)
        if z is not None or True:
            nb = len(B)
            zz = [1.0] * nb if z is None else z
            floor = [max(0.0, m) for m in mfl]
            zz = [min(1.0, max(floor[k], zz[k])) for k in range(nb)]
            e = sum(zz) - 1.0
            if e > 0 and res[0] in ("agreed", "ongoing"):
                newz = res[1]
                if res[0] == "ongoing":
                    tot = sum(zz[k] - newz[k] for k in range(nb))
                    if abs(tot - e) < 1e-12:
                        ties.setdefault(week[0], []).append("F2 ongoing at tie")
                elif any(abs(x) < 1e-12 for x in newz) and abs(sum(zz) - 1 - e) < 1e-12:
                    tot = e
                    ties.setdefault(week[0], []).append("F2 agreed, a share ~0")
        return res

    ng.zeuthen_round = hooked
    orig_neg = ng.negotiate

    def hooked_neg(*a):
        res = orig_neg(*a)
        if res[0] == "agreed" and res[2] is not None and res[2] >= 1.0:
            ties.setdefault(week[0], []).append("F13 D_F >= 1")
        return res

    ng.negotiate = hooked_neg
    for r in range(R):
        ties.clear()
        md = Model(prm, pl, r)
        step = md.step

        def st(t, step=step):
            week[0] = t
            step(t)

        md.step = st
        s = md.run()
        first = None
        for k in keys:
            a, b = f["series"][k][r], np.asarray(s[k])
            d = np.abs(a - b) > 1e-9 * np.maximum(1, np.abs(a))
            if d.any():
                w = int(np.argmax(d))
                first = w if first is None else min(first, w)
        if first is not None:
            print(f"run {r}: first differing week {first}; port events that week: {ties.get(first, 'none')}; "
                  f"the week before: {ties.get(first - 1, 'none')}")


if __name__ == "__main__":
    main()

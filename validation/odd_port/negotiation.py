"""The bargaining of docs/ODD.md 7.5 (one round), written from the text alone."""
import math
import os

import numpy as np

INF = float("inf")

# The rules of 7.5 (e) and of D_F before the F2 and F13 fixes (REPORT.md); ODD_PORT_PRE_F2_F13=1
# reproduces an engine built before them.
PRE_F2_F13 = os.environ.get("ODD_PORT_PRE_F2_F13", "") == "1"


class Problem:
    """Utilities of the parties of one negotiating meeting (ODD 7.5 step 3)."""

    def __init__(self, E, theta, c, m, r, C, Rk, prm):
        K = c.shape[1]
        n = len(E)
        chi = prm["negotiation.scope"]
        H = prm["negotiation.horizon"]
        rho_x = prm["negotiation.execution_rate"]
        self.kappa = prm["negotiation.effort_cost"]
        self.rho = prm["negotiation.utility_exponent"]
        W = chi * C * (1.0 - Rk)
        a = np.maximum(0.0, theta[E])
        cE = c[E]
        rt = rho_x * H * m[E] * r[E]
        e = np.zeros((n, K))
        for ii in range(n):
            den = sum(cE[ii, l] * W[l] for l in range(K))
            if den > 0:
                for k in range(K):
                    e[ii, k] = rt[ii] * cE[ii, k] * W[k] / den
        e0 = e.copy()
        for k in range(K):
            tot = sum(cE[ii, k] * e[ii, k] for ii in range(n))
            if tot > W[k]:
                f = W[k] / tot
                for ii in range(n):
                    e[ii, k] *= f
        y = np.array([min(W[k], sum(cE[ii, k] * e[ii, k] for ii in range(n))) for k in range(K)])
        self.e = e
        self.Ei = e.sum(axis=1)
        asum = a.sum(axis=0)
        self.common = np.zeros(n)
        self.rival = np.zeros(n)
        self.d = np.zeros(n)
        for ii in range(n):
            abar = (asum - a[ii]) / (n - 1) if n > 1 else np.zeros(K)
            self.common[ii] = sum(min(a[ii, k], abar[k]) * y[k] for k in range(K))
            self.rival[ii] = sum(max(0.0, a[ii, k] - abar[k]) * y[k] for k in range(K))
            y0 = 0.0
            E0 = 0.0
            for k in range(K):
                y0 += a[ii, k] * min(W[k], cE[ii, k] * e0[ii, k])
                if cE[ii, k] > 0:
                    E0 += min(e0[ii, k], W[k] / cE[ii, k])
                else:
                    E0 += e0[ii, k]
            self.d[ii] = max(0.0, y0 ** self.rho - self.kappa * E0)
        self.q = np.array([sum(cE[ii, k] * e[ii, k] for k in range(K)) / K for ii in range(n)])
        # ODD 7.5 step 6 / 7.9: E_i = sum_k e_ik, summed in k order, for the plan's yield q_i / E_i
        self.Eplan = np.array([sum(e[ii, k] for k in range(K)) for ii in range(n)])
        self.n = n

    def U(self, i, x):
        return (self.common[i] + self.rival[i] * x) ** self.rho - self.kappa * self.Ei[i]

    def Uinv(self, i, u):
        return ((u + self.kappa * self.Ei[i]) ** (1.0 / self.rho) - self.common[i]) / self.rival[i]

    def Uprime(self, i, x):
        base = self.common[i] + self.rival[i] * x
        if self.rho == 1.0:
            return self.rival[i]
        return self.rho * self.rival[i] * base ** (self.rho - 1.0) if base > 0 else INF

    def breakeven(self, i):
        return ((self.d[i] + self.kappa * self.Ei[i]) ** (1.0 / self.rho) - self.common[i]) / self.rival[i]


def nash(P, B, mfl):
    """x* over the bargainers B (indices into P); mfl: break-even shares."""
    if P.rho == 1.0:
        # water-filling x_i = max(0, m_i + t), sum 1
        lo, hi = -max(mfl) - 1.0, 1.0 - min(mfl) + 1.0
        for _ in range(200):
            t = 0.5 * (lo + hi)
            s = sum(max(0.0, mi + t) for mi in mfl)
            if s > 1.0:
                hi = t
            else:
                lo = t
        t = 0.5 * (lo + hi)
        # exact: solve on the active set
        act = [k for k, mi in enumerate(mfl) if mi + t > 0]
        t = (1.0 - sum(mfl[k] for k in act)) / len(act)
        return [max(0.0, mi + t) for mi in mfl]

    def g(i, x):  # (U - d) / U'
        return (P.U(i, x) - P.d[i]) / P.Uprime(i, x)

    def x_of_t(i, t):
        if g(i, 0.0) >= t:
            return 0.0
        lo, hi = 0.0, 1.0
        if g(i, 1.0) < t:
            return 1.0 + 1e-9  # beyond: the sum will be > 1
        for _ in range(100):
            mid = 0.5 * (lo + hi)
            if g(i, mid) < t:
                lo = mid
            else:
                hi = mid
        return 0.5 * (lo + hi)

    lo, hi = 0.0, max(g(i, 1.0) for i in B) + 1.0
    for _ in range(100):
        t = 0.5 * (lo + hi)
        s = sum(x_of_t(i, t) for i in B)
        if s > 1.0:
            hi = t
        else:
            lo = t
    t = 0.5 * (lo + hi)
    xs = [x_of_t(i, t) for i in B]
    s = sum(xs)
    return [x / s for x in xs]


def alternating(P, B, mfl, u_urg, prm):
    dc = prm["negotiation.discount_calm"]
    du = prm["negotiation.discount_urgent"]
    nb = len(B)
    delta = [dc - (dc - du) * u_urg[i] for i in B]
    fl = [max(0.0, m) for m in mfl]
    # V[q][j]: what j receives when q proposes
    V = []
    for q in range(nb):
        row = list(fl)
        row[q] = 1.0 - sum(fl[j] for j in range(nb) if j != q)
        V.append(row)
    for _ in range(100000):
        newV = []
        for p in range(nb):
            nxt = V[(p + 1) % nb]
            row = [0.0] * nb
            for j in range(nb):
                if j == p:
                    continue
                i = B[j]
                target = P.d[i] + delta[j] * (P.U(i, nxt[j]) - P.d[i])
                x = P.Uinv(i, target) if target + P.kappa * P.Ei[i] > 0 else -INF
                row[j] = max(0.0, x)
            row[p] = 1.0 - sum(row[j] for j in range(nb) if j != p)
            newV.append(row)
        ch = max(abs(newV[p][j] - V[p][j]) for p in range(nb) for j in range(nb))
        V = newV
        if ch <= 1e-13:
            break
    return V[0]


def zeuthen_round(P, B, mfl, z, prm):
    """One Zeuthen round; z: standing demands (list over B) or None. Returns (status, shares/demands)."""
    eps = prm["negotiation.concession"]
    nb = len(B)
    if z is None:
        z = [1.0] * nb
    floor = [max(0.0, m) for m in mfl]
    z = [min(1.0, max(floor[k], z[k])) for k in range(nb)]
    e = sum(z) - 1.0
    if e <= 0:
        return "agreed", [zk + (-e) / nb for zk in z]
    c = e / (nb - 1)
    rl = []
    for k in range(nb):
        i = B[k]
        if z[k] <= floor[k]:
            rl.append(INF)
        else:
            rl.append((P.U(i, z[k]) - P.U(i, z[k] - c)) / (P.U(i, z[k]) - P.d[i]))
    if all(math.isinf(x) for x in rl):
        return "broke", None
    rmin = min(rl)
    conc = [0.0] * nb
    newz = list(z)
    for k in range(nb):
        if not math.isinf(rl[k]) and abs(rl[k] - rmin) <= 1e-12 * abs(rmin):
            i = B[k]
            target = P.U(i, z[k]) - eps * (P.U(i, 1.0) - P.d[i])
            base = target + P.kappa * P.Ei[i]
            x = P.Uinv(i, target) if base > 0 else -INF
            newz[k] = max(floor[k], x)
            conc[k] = z[k] - newz[k]
    tot = sum(conc)
    if PRE_F2_F13:
        # The text before the F2 fix (7.5 (e)): agree iff the concessions sum to at least e, which at
        # a concession to a floor of 0 against a demand of 1 is decided by the last bit (REPORT F2).
        if tot >= e:
            f = e / tot
            return "agreed", [z[k] - conc[k] * f for k in range(nb)]
        return "ongoing", newz
    # F2 fix: agree when the concessions reach e within 1e-12; scale them back by e / conceded only
    # when that is below 1 (a concession short of e by less than 1e-12 stands as it is).
    if tot >= e - 1e-12:
        f = min(1.0, e / tot) if tot > 0 else 1.0
        return "agreed", [z[k] - conc[k] * f for k in range(nb)]
    return "ongoing", newz


def negotiate(E, theta, c, m, r, u_urg, C, Rk, prm, protocol, demands):
    """One round for parties E (ascending ids). Returns (status, x over E or None, D_F, new demands, q over E, allocated effort E_i over E)."""
    P = Problem(E, theta, c, m, r, C, Rk, prm)
    n = len(E)
    bargain = [k for k in range(n) if P.rival[k] > 1e-12 * max(1.0, P.common[k] + P.rival[k])]
    for k in range(n):
        if k not in bargain and P.U(k, 0.0) < P.d[k]:
            return "broke", None, None, None, P.q, P.Eplan
    if not bargain:
        return "agreed", [1.0 / n] * n, 0.0, None, P.q, P.Eplan
    mfl = [P.breakeven(k) for k in bargain]
    if sum(max(0.0, x) for x in mfl) >= 1.0 or any(P.U(k, 1.0) - P.d[k] <= 0 for k in bargain):
        return "broke", None, None, None, P.q, P.Eplan
    xstar = nash(P, bargain, mfl)
    if protocol == "nash":
        xb = xstar
        status = "agreed"
        newdem = None
    elif protocol == "alternating_offers":
        xb = alternating(P, bargain, mfl, u_urg[E], prm)
        status = "agreed"
        newdem = None
    else:
        status, res = zeuthen_round(P, bargain, mfl, demands, prm)
        if status == "agreed":
            xb = res
            newdem = None
        elif status == "ongoing":
            return "ongoing", None, None, res, P.q, P.Eplan
        else:
            return "broke", None, None, None, P.q, P.Eplan
    DF = 0.5 * sum(abs(xb[k] - xstar[k]) for k in range(len(bargain)))
    if not PRE_F2_F13:
        DF = min(1.0, max(0.0, DF))  # F13 fix: a total variation distance, clipped to [0, 1]
    x = [0.0] * n
    for kk, k in enumerate(bargain):
        x[k] = xb[kk]
    return status, x, DF, newdem, P.q, P.Eplan

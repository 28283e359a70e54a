"""The regie model of docs/ODD.md, re-implemented from the text alone (processes 1-15 of 3.1).

Every rule cites the ODD section it comes from. Where the text left a choice open, the choice made
is marked GUESS and listed in REPORT.md.
"""
import math

import numpy as np

from . import negotiation
from .network import small_world
from .philox import (NO_OBJECT, P_ACTIVATION, P_DEBATE, P_EXPERIENCE, P_MEETING, P_MEETING_MODE,
                     P_REGIE_CHOICE, Stream, first_uniforms, run_seed, two_uniforms)

# ODD 10.3: numbers and scope
INTERVENTIONS = [
    (0, "convene", "group"), (2, "surface_interests", "partner"), (3, "refocus", "group"),
    (4, "clarify_goal", "group"), (5, "commission_goal", "group"), (6, "make_concrete", "group"),
    (7, "build_language", "group"), (8, "delegate", "partner"), (9, "control", "partner"),
    (10, "appreciate", "partner"), (11, "address_responsibility", "partner"),
    (12, "release", "partner"), (13, "organise", "group"), (14, "reflect", "group"),
    (15, "acknowledge_perspectives", "group"), (19, "table_division", "partner"),
]
KIND = {name: num for num, name, _ in INTERVENTIONS}
SCOPE = {name: sc for _, name, sc in INTERVENTIONS}
NAMES = [name for _, name, _ in INTERVENTIONS]
FACILITATIVE_LIST = ["surface_interests", "refocus", "clarify_goal", "make_concrete", "build_language",
                     "delegate", "appreciate", "address_responsibility", "release", "organise", "reflect",
                     "acknowledge_perspectives"]
COMMISSIONING_LIST = ["refocus", "commission_goal", "make_concrete", "build_language", "appreciate",
                      "address_responsibility", "release", "organise", "reflect", "acknowledge_perspectives"]
TOL = 1e-9


def logistic(y):
    return 1.0 / (1.0 + math.exp(-y))


def clusters(xs, eps):
    """ODD 7.7: sort, cut between neighbours that differ by more than eps; list of sizes."""
    if len(xs) == 0:
        return []
    s = sorted(xs)
    sizes = [1]
    for a, b in zip(s, s[1:]):
        if b - a > eps:
            sizes.append(1)
        else:
            sizes[-1] += 1
    return sizes



# ---------------------------------------------------------------------- pair sums (ODD 7.4, 7.7)
# A meeting's sums over pairs, from its participants sorted by the compared value (ascending, ties
# by ascending id), in the summation order the ODD states.
def _sorted_members(G, v):
    return sorted((int(i) for i in G), key=lambda i: (float(v[i]), i))


def weighted_pair_distance_sum(G, v, w):
    """sum over pairs of |v_i - v_j| (w_i + w_j): adds v_p (p w_p + W) - (w_p A + AW)."""
    total = a_sum = w_sum = aw_sum = 0.0
    for p, i in enumerate(_sorted_members(G, v)):
        vp, wp = float(v[i]), float(w[i])
        total += vp * (float(p) * wp + w_sum) - (wp * a_sum + aw_sum)
        a_sum += vp
        w_sum += wp
        aw_sum += vp * wp
    return total


def pair_distance_sum(G, x):
    """sum over pairs of |x_i - x_j|: adds p x_p - S, S the sum of the values before p."""
    total = before = 0.0
    for p, i in enumerate(_sorted_members(G, x)):
        xp = float(x[i])
        total += float(p) * xp - before
        before += xp
    return total


def add_within_confidence(G, x, eps, sums, counts):
    """Bounded confidence in one meeting: the window [lo, hi) of the sorted values within eps."""
    if not eps > 0.0 or len(G) < 2:
        return
    order = _sorted_members(G, x)
    y = [float(x[i]) for i in order]
    n = len(y)
    prefix = [0.0] * (n + 1)
    for q in range(n):
        prefix[q + 1] = prefix[q] + y[q]
    lo = hi = 0
    for p in range(n):
        while not (y[p] - y[lo] < eps):
            lo += 1
        hi = max(hi, p + 1)
        while hi < n and y[hi] - y[p] < eps:
            hi += 1
        sums[order[p]] += (prefix[hi] - prefix[lo]) - y[p]
        counts[order[p]] += hi - lo - 1


class Model:
    # Play mode (ODD 3.3): None, or a function of the week giving the caller's span.
    players = None

    def __init__(self, prm, partners, replication):
        self.prm = prm
        self.T = prm["run.steps"]
        self.seed = run_seed(prm["run.seed"], replication)
        N = self.N = len(partners)
        K = self.K = prm["opgave.dimensions"]
        self.names = [p["name"] for p in partners]
        self.c = np.array([p["capabilities"] for p in partners], dtype=float)
        self.theta = np.array([p.get("interests", p["capabilities"]) for p in partners], dtype=float)
        self.p0 = np.array([p["passion"] for p in partners], dtype=float)
        self.p = self.p0.copy()
        self.m = np.array([p["commitment"] for p in partners], dtype=float)
        self.u = np.array([p["urgency"] for p in partners], dtype=float)
        self.r = np.array([p["resources"] for p in partners], dtype=float)
        self.x = np.array([p.get("perspective", (i + 0.5) / N) for i, p in enumerate(partners)], dtype=float)
        disc = [p.get("discipline", p["name"]) for p in partners]
        first = {}
        self.l = np.array([first.setdefault(d, i) for i, d in enumerate(disc)])
        self.act = np.ones(N, dtype=bool)
        self.V = np.full(N, float(prm["trust.regisseur_initial"]))
        self.kap = np.full(N, float(prm["interests.initial_known"]))
        self.f = np.full(N, float(prm["focus.initial"]))
        self.z = np.zeros(N)
        self.settled = np.zeros(N, dtype=bool)
        self.q = np.zeros(N)
        self.eta = np.zeros(N)  # ODD 7.5 step 6: the plan's realisation per unit of effort
        self.w = np.zeros(N, dtype=int)
        self.y = np.zeros(N)
        self.Lam = np.full(N, prm["ownership.initial_influence"] / N)
        self.LamW = np.zeros(N)  # work ledger (ODD 2, 7.9)
        self.surfaced = np.zeros(N, dtype=bool)
        # network (ODD 9 gap 1/2): complete only
        if prm["network.kind"] == "complete":
            self.ties = [(i, j) for i in range(N) for j in range(i + 1, N)]
        else:
            key = self.seed if prm["network.per_replication"] else prm["run.seed"]
            self.ties = small_world(N, prm["network.neighbours"], prm["network.rewiring"], key)
        self.nbrs = [[] for _ in range(N)]
        for (i, j) in self.ties:
            self.nbrs[i].append(j)
            self.nbrs[j].append(i)
        self.nbrs = [sorted(v) for v in self.nbrs]
        self.ti = np.array([t[0] for t in self.ties])
        self.tj = np.array([t[1] for t in self.ties])
        # directed ties in compressed rows: i -> j, i ascending, j ascending
        self.di = np.array([i for i in range(N) for j in self.nbrs[i]], dtype=int)
        self.dj = np.array([j for i in range(N) for j in self.nbrs[i]], dtype=int)
        self.T_ = np.full(len(self.di), float(prm["trust.initial"]))
        self.diffdisc = (self.l[self.di] != self.l[self.dj]).astype(float)
        self.dindex = {(int(a), int(b)): k for k, (a, b) in enumerate(zip(self.di, self.dj))}
        # opgave
        self.g = np.array(prm["opgave.goal"], dtype=float)  # g_k = opgave.goal[k] (ODD 6)
        self.C = prm["opgave.concreteness"]
        self.Q = prm["opgave.clarity"]
        self.Rk = np.zeros(K)
        self.L = prm["language.initial"]
        self.eps = prm["perspectives.confidence"]
        self.AP = 0.0
        self.OL = prm["organisation.initial"]
        self.t_agree = self.T + 1
        # regisseur
        self.LamR = 0.0
        self.LamWR = 0.0
        self.AR = prm["regisseur.awareness_initial"]
        self.WR = np.zeros(K)
        self.dhat = 0.0
        self.low_weeks = np.zeros(N, dtype=int)
        self.cursor = 0
        self.weeks_since_all = 0
        # negotiations
        self.open_negs = {}  # tuple(E) -> dict(demands, bargain, rounds, last, id)
        self.neg_id = 0
        # last week's tallies for the Observation
        self.last = dict(cocreating=0, negotiating=0, debate=0, agreements=0, effort=0.0)
        self.exits_total = 0
        self.releases_total = 0
        self.R_hist = [0.0, 0.0]
        self.effort_cum = 0.0
        self.series = {}

    # ------------------------------------------------------------------ helpers
    def arsenal(self, a, field):
        return self.prm[f"regisseur.arsenal.{a}.{field}"]

    def sigma(self, i=None, g=None):
        g = self.g if g is None else g
        s = g.sum()
        gw = g / s if s > 0 else np.full(self.K, 1.0 / self.K)
        if i is None:
            return 0.5 + 0.5 * (self.theta @ gw)
        return 0.5 + 0.5 * float(self.theta[i] @ gw)

    def shares(self, ledger, reg):
        """A ledger's shares (ODD 2): partners' and the regisseur's."""
        act = self.act
        den = reg
        for j in range(self.N):
            if act[j]:
                den += ledger[j]
        Na = act.sum()
        if den > 0:
            return ledger / den, reg / den
        return np.full(self.N, 1.0 / Na if Na else 0.0), 0.0

    def ownership(self, regisseur=False):
        act = self.act
        Na = act.sum()
        O, OR = self.shares(self.Lam, self.LamR)
        wW = self.prm["ownership.work_weight"]
        if wW > 0:
            OW, OWR = self.shares(self.LamW, self.LamWR)
            O = (1 - wW) * O + wW * OW
            OR = (1 - wW) * OR + wW * OWR
        if regisseur:
            return OR
        Ohat = np.minimum(1.0, Na * O)
        return O, Ohat

    def mu(self, i, j):
        return self.prm["language.misunderstanding"] * (1.0 - self.L) if self.l[i] != self.l[j] else 0.0

    def Vbar(self):
        a = self.act
        return float(self.V[a].mean()) if a.any() else 0.0

    def tf(self, target):
        psi = self.prm["regisseur.trust_dependence"]
        if target is None:
            return 1 - psi + psi * self.Vbar()
        return 1 - psi + psi * self.V[target]

    def dbar_x(self, H):
        n = len(H)
        if n < 2:
            return 0.0
        return pair_distance_sum(H, self.x) / (n * (n - 1) / 2.0)

    def goal_cocreation(self, H, a, t):
        """ODD 7.7 goal co-creation over H with weight a."""
        k0 = self.prm["ownership.voice_floor"]
        gstar = np.maximum(0.0, self.theta[H])
        vs = np.array([k0 + self.kap[i] for i in H])
        ssum = vs.sum()
        pi = vs / ssum if ssum > 0 else np.full(len(H), 1.0 / len(H))
        # voice by known interests (C2): the known share heard_i = 1 - lambda_K (1 - kappa_i) pulls
        # toward gstar_i, the unknown share keeps the current goal
        lamK = self.prm["ownership.voice_known"]
        target = np.zeros_like(self.g)
        for kk in range(len(self.g)):
            cur = self.g[kk]
            s = 0.0
            for idx, i in enumerate(H):
                h = 1.0 - lamK * (1.0 - self.kap[i])
                s += pi[idx] * (h * gstar[idx, kk] + (1.0 - h) * cur)
            target[kk] = s
        self.g = self.g + a * (target - self.g)
        db = self.dbar_x(H)
        self.Q = self.Q + a * (1.0 - min(1.0, self.C * db / self.eps)) * (1.0 - self.Q)
        for idx, i in enumerate(H):
            self.Lam[i] += a * pi[idx]
        self.check_agreed(t)

    def agreement_clarity(self):
        """ODD 7.7 agreement: q_agree (1 - d_A (1 - C)) (C3)."""
        return self.prm["opgave.agreed_clarity"] * (1.0 - self.prm["opgave.abstract_consent"] * (1.0 - self.C))

    def check_agreed(self, t):
        if self.Q >= self.agreement_clarity() and self.t_agree == self.T + 1:
            self.t_agree = t

    # ------------------------------------------------------------------ 1 observe
    def observe(self, t):
        O, Ohat = self.ownership()
        return dict(active=self.act.copy(), y=self.y.copy(), kap=self.kap.copy(), surfaced=self.surfaced.copy(),
                    O=O, Ohat=Ohat, settled=self.settled.copy(), q=self.q.copy(), V=self.V.copy(),
                    R=float(self.Rk.mean()), progress=self.R_hist[-1] - self.R_hist[-2], g=self.g.copy(),
                    C=self.C, Q=self.Q, OL=self.OL, L=self.L, AR=self.AR, **self.last)

    # ------------------------------------------------------------------ 2 choose
    def update_memory(self, ob):
        ymax = ob["y"][ob["active"]].max() if ob["active"].any() else 0.0
        thr = self.prm["regisseur.release_threshold"] * ymax
        for i in range(self.N):
            reads = self.prm["regisseur.release_reads_decisions"] and ob["settled"][i]
            if ob["active"][i] and not reads and ob["y"][i] < thr:
                self.low_weeks[i] += 1
            else:
                self.low_weeks[i] = 0
        nm = ob["cocreating"] + ob["negotiating"]
        share = ob["debate"] / nm if nm > 0 else 0.0
        self.dhat += 0.25 * (share - self.dhat)
        self.weeks_since_all += 1

    def cost_of(self, a, target):
        return self.arsenal(a, "cost")

    def candidates(self, ob, lst):
        """(a, target, gap, intensity) for the facilitative family, in table order."""
        prm = self.prm
        act = ob["active"]
        ids = [i for i in range(self.N) if act[i]]
        ymax = max((ob["y"][i] for i in ids), default=0.0)
        nm = ob["cocreating"] + ob["negotiating"]
        dead = self.low_weeks >= prm["regisseur.release_weeks"]
        out = []
        for a in lst:
            if not self.arsenal(a, "enabled"):
                continue
            if a == "surface_interests":
                for i in ids:
                    out.append((a, i, 1.0 - ob["kap"][i], 1.0))
            elif a == "refocus":
                s1 = ob["negotiating"] / nm if nm > 0 else 0.0
                s2 = sum(ob["settled"][i] for i in ids) / len(ids) if ids else 0.0
                out.append((a, None, max(s1, s2), 1.0))
            elif a == "clarify_goal":
                sh = self.sigma(g=ob["g"])
                vals = [ob["kap"][i] * (1.0 - (sh[i] if ob["surfaced"][i] else 0.0)) for i in ids]
                out.append((a, None, max(1.0 - ob["Q"], float(np.mean(vals)) if vals else 0.0), 1.0))
            elif a == "commission_goal":
                out.append((a, None, 1.0 - ob["Q"], 1.0))
            elif a == "make_concrete":
                wC = prm["regisseur.concretise_early"]  # ODD 3.3: (1 - C) (w_C + (1 - w_C) Q)
                out.append((a, None, (1.0 - ob["C"]) * (wC + (1.0 - wC) * ob["Q"]), 1.0))
            elif a == "build_language":
                pairs = [(i, j) for (i, j) in self.ties if act[i] and act[j]]
                sh = sum(self.l[i] != self.l[j] for i, j in pairs) / len(pairs) if pairs else 0.0
                out.append((a, None, (1.0 - ob["L"]) * sh, 1.0))
            elif a == "delegate":
                for i in ids:
                    out.append((a, i, 1.0 - ob["Ohat"][i], 1.0))
            elif a == "appreciate":
                for i in ids:
                    gap = (ob["y"][i] / ymax) * (1.0 - ob["V"][i]) if ymax > 0 else 0.0
                    out.append((a, i, gap, 1.0))
            elif a == "address_responsibility":
                for i in ids:
                    if not dead[i]:
                        ratio = ob["y"][i] / ymax if ymax > 0 else 0.0  # GUESS: 0 when ymax = 0
                        out.append((a, i, 1.0 - ratio, 1.0))
            elif a == "release":
                for i in ids:
                    if dead[i]:
                        out.append((a, i, 1.0, 1.0))
            elif a == "organise":
                lam = prm["regisseur.light_level"] if ob["Q"] < prm["opgave.agreed_clarity"] else prm["organisation.fit"]
                out.append((a, None, abs(lam - ob["OL"]), lam))
            elif a == "reflect":
                out.append((a, None, 1.0 - ob["AR"], 1.0))
            elif a == "acknowledge_perspectives":
                out.append((a, None, self.dhat, 1.0))
        return out

    def choose(self, t, ob):
        prm = self.prm
        strat = prm["regisseur.strategy"]
        self.update_memory(ob)
        B = prm["regisseur.capacity"]
        span = []
        spent = 0.0
        Na = int(ob["active"].sum())
        # ODD 3.3, play mode: a caller's span (self.players(t): a list of (intervention, target,
        # intensity)) replaces the strategy's chooser; the rhythm below still runs every week and
        # the span is appended only in choice weeks
        play = self.players is not None
        if strat == "none" and not play:
            return span
        if strat == "planned" and not play:  # ODD 3.3: the plan's entries of week t in file order, nothing else
            for e in self.prm.get("regisseur.plan", []):
                if e["week"] != t:
                    continue
                a = e["intervention"]
                tg = e.get("target", "all")
                if tg == "all":
                    tg = "all" if (a == "convene" or SCOPE[a] == "partner") else None
                else:
                    tg = self.names.index(tg)
                span.append((a, tg, float(e.get("intensity", 1.0))))
            return span
        interval = prm["regisseur.convene_interval"]
        if interval > 0 and self.weeks_since_all >= interval and self.arsenal("convene", "enabled"):
            # GUESS (found against the engine, not in ODD 3.3): the strategy convenes only when the
            # whole cost of convening everyone (all groups and seats) fits the capacity.
            # GUESS 2 (also found against the engine): the strategy budgets convening everyone as
            # cost_convene x ceil(N_a / max_size) + seat x N_a, not by the groups 7.2 will draw.
            ngroups = -(-Na // prm["meetings.max_size"]) if Na >= 2 else 0
            cst = self.arsenal("convene", "cost") * ngroups + prm["regisseur.seat_cost"] * Na
            if cst <= B + TOL:
                span.append(("convene", "all", 1.0))
                spent += cst
        # ODD 3.3: with regisseur.choice_interval k, a strategy chooses only in weeks 1, 1 + k, ...;
        # in the weeks between only the convening rhythm above runs
        k = int(prm.get("regisseur.choice_interval", 1))
        if k > 1 and (t - 1) % k != 0:
            return span
        if play:
            span.extend(self.players(t))
            return span
        if strat == "negotiation":
            # ODD 3.3: table_division for every active partner not settled, ascending id, until
            # the first that does not fit
            if self.arsenal("table_division", "enabled"):
                for i in range(self.N):
                    if not ob["active"][i] or ob["settled"][i]:
                        continue
                    cst = self.arsenal("table_division", "cost")
                    if spent + cst > B + TOL:
                        break
                    span.append(("table_division", i, 1.0))
                    spent += cst
            return span
        if strat == "controlling":
            if not self.arsenal("control", "enabled"):
                return span
            ids = sorted([i for i in range(self.N) if ob["active"][i]], key=lambda i: (ob["y"][i], i))
            for i in ids:
                cst = self.arsenal("control", "cost")
                if spent + cst <= B + TOL:
                    span.append(("control", i, 1.0))
                    spent += cst
                else:
                    break
            return span
        lst = FACILITATIVE_LIST if strat in ("facilitative", "scattershot") else COMMISSIONING_LIST
        cands = self.candidates(ob, lst)
        if strat == "scattershot":
            L = len(cands)
            if L == 0:
                return span
            start = self.cursor % L
            last_added = None
            for k in range(L):
                idx = (start + k) % L
                a, tgt, gap, inten = cands[idx]
                cst = self.cost_of(a, tgt)
                if spent + cst <= B + TOL:
                    span.append((a, tgt, inten))
                    spent += cst
                    last_added = idx
            if last_added is not None:
                self.cursor = last_added + 1
            return span
        # facilitative / commissioning: greedy with awareness
        psi = prm["regisseur.trust_dependence"]
        act = ob["active"]
        Vbar = float(ob["V"][act].mean()) if act.any() else 0.0
        scored = []
        for (a, tgt, gap, inten) in cands:
            tfh = 1 - psi + psi * (Vbar if tgt is None else ob["V"][tgt])
            cst = self.cost_of(a, tgt)
            E = self.arsenal(a, "effectiveness") * inten * tfh * gap / cst if cst > 0 else math.inf
            scored.append((a, tgt, gap, inten, cst, E))
        taken = [False] * len(scored)
        pick = 0
        min_gap = prm["regisseur.min_gap"]
        while True:
            u, u2 = two_uniforms(self.seed, t, P_REGIE_CHOICE, pick, 0)
            pick += 1
            if u >= ob["AR"]:
                fits = [k for k in range(len(scored)) if not taken[k] and spent + scored[k][4] <= B + TOL]
                if not fits:
                    break
                k = fits[int(u2 * len(fits))]
            else:
                best = None
                for k in range(len(scored)):
                    if taken[k] or scored[k][2] < min_gap or spent + scored[k][4] > B + TOL:
                        continue
                    if best is None or scored[k][5] > scored[best][5]:
                        best = k  # ties: table order kept (first wins)
                if best is None:
                    break
                if scored[best][5] < prm["regisseur.min_effect_per_effort"]:
                    break  # the spending gate (ODD 3.3): not worth the effort, picking ends
                k = best
            taken[k] = True
            a, tgt, gap, inten, cst, E = scored[k]
            span.append((a, tgt, inten))
            spent += cst
        return span

    # ------------------------------------------------------------------ 3 apply
    def apply(self, t, span, W):
        prm = self.prm
        B = prm["regisseur.capacity"]
        spent = 0.0
        self.convened = []  # list of [seed, participants]
        self.named = np.zeros(self.N, dtype=bool)
        self.named_all = False
        eff_by = {a: 0.0 for a in NAMES}
        for (a, tgt, inten) in span:
            if tgt not in (None, "all") and not self.act[tgt]:
                W["skips"] += 1
                continue
            if not self.arsenal(a, "enabled"):
                W["skips"] += 1
                continue
            Na = int(self.act.sum())
            if a == "convene":
                groups = self.convene_groups(tgt)
                cost = self.arsenal("convene", "cost") * len(groups) + prm["regisseur.seat_cost"] * sum(len(g) for _, g in groups)
            elif tgt == "all" and SCOPE[a] == "partner":
                cost = self.arsenal(a, "cost") * Na
            else:
                cost = self.arsenal(a, "cost")
            if spent + cost > B + TOL:
                W["skips"] += 1
                continue
            spent += cost
            eff_by[a] += cost
            targets = [i for i in range(self.N) if self.act[i]] if tgt == "all" else [tgt]
            if tgt == "all" or tgt is None:
                self.named_all = True
            else:
                self.named[tgt] = True
            self.apply_one(t, a, targets if SCOPE[a] == "partner" else tgt, inten, groups if a == "convene" else None)
        # ODD 13: a partner released later than a convene that placed it does not attend
        conv = []
        for seed_, members in self.convened:
            members = [i for i in members if self.act[i]]
            if len(members) >= 2:
                conv.append((seed_, members))
        self.convened = conv
        W["effort"] = spent
        W["effort_by"] = eff_by

    def convene_groups(self, tgt):
        nmax = self.prm["meetings.max_size"]
        act = self.act
        if tgt == "all":
            ids = [i for i in range(self.N) if act[i]]
            if len(ids) <= nmax:
                return [(ids[0], ids)] if len(ids) >= 2 else []
            placed = set()
            groups = []
            for i in ids:
                if i in placed:
                    continue
                grp = [i]
                placed.add(i)
                for j in self.nbrs[i]:
                    if len(grp) >= nmax:
                        break
                    if act[j] and j not in placed:
                        grp.append(j)
                        placed.add(j)
                if len(grp) >= 2:
                    groups.append((i, grp))
            return groups
        grp = [tgt] + [j for j in self.nbrs[tgt] if act[j]]
        grp = grp[:nmax]
        return [(tgt, sorted(grp))] if len(grp) >= 2 else []

    def apply_one(self, t, a, tgt, inten, groups):
        prm = self.prm
        eta = self.arsenal(a, "effectiveness")
        if a == "convene":
            for seed_, grp in groups:
                self.convened.append((seed_, list(grp)))
            return
        if SCOPE[a] == "partner":
            for i in tgt:
                aa = eta * inten * self.tf(i)
                if a == "surface_interests":
                    self.kap[i] += aa * (1 - self.kap[i])
                    self.z[i] += aa * prm["interests.surfacing_salience"] * (1 - self.sigma(i)) * (1 - self.z[i])
                    if aa > 0:
                        self.surfaced[i] = True
                elif a == "delegate":
                    self.Lam[i] += (1 - prm["ownership.measured"]) * aa * prm["regisseur.delegate_influence"]
                    self.V[i] += aa * prm["trust.regisseur_gain"] * (1 - self.V[i])
                elif a == "control":
                    ks = int(np.argmax(self.c[i]))
                    self.WR[ks] += eta * inten * prm["regisseur.own_effort"] * prm["regisseur.capabilities"][ks]
                    lV = prm["trust.regisseur_loss"]
                    xi = prm["regisseur.control_signal"]
                    self.V[i] -= eta * inten * lV * self.V[i]
                    for j in range(self.N):
                        if j != i and self.act[j]:
                            self.V[j] -= eta * inten * xi * lV * self.V[j]
                    self.LamR += (1 - prm["ownership.measured"]) * eta * inten * prm["regisseur.control_influence"]
                elif a == "appreciate":
                    # ODD 2.1 (C5): the lift of passion follows the responsibility the partner
                    # visibly took, y_i / ymax over the active partners (0 if ymax = 0)
                    w = prm["regisseur.appreciation_contingency"]
                    ymax = max((self.y[j] for j in range(self.N) if self.act[j]), default=0.0)
                    merit = (self.y[i] / ymax if ymax > 0 else 0.0) if w > 0 else 0.0
                    self.p[i] += aa * (1 - w + w * merit) * (1 - self.p[i])
                    self.V[i] += aa * prm["trust.regisseur_gain"] * (1 - self.V[i])
                elif a == "address_responsibility":
                    self.m[i] += aa * (self.u[i] - self.m[i])
                    self.f[i] += aa * (1 - self.f[i])
                    self.z[i] *= (1 - aa)
                elif a == "table_division":  # ODD 2.1: z_i <- z_i + a (1 - z_i)
                    self.z[i] += aa * (1 - self.z[i])
                elif a == "release":
                    self.act[i] = False
                    self.q[i] = 0.0
                    self.releases_week += 1
            return
        aa = eta * inten * self.tf(None)
        ids = [i for i in range(self.N) if self.act[i]]
        if a == "refocus":
            for i in ids:
                self.f[i] += aa * (1 - self.f[i])
                self.settled[i] = False
                self.q[i] = 0.0
        elif a == "clarify_goal":
            self.goal_cocreation(ids, aa, t)
        elif a == "commission_goal":
            self.g = np.array(prm["regisseur.goal"], dtype=float)  # g_k <- gR_k (7.2)
            self.C = max(self.C, prm["regisseur.commission_concreteness"])
            self.Q += eta * (1 - self.Q)
            chi = prm["ownership.measured"]
            self.LamR += (1 - chi) * eta + chi  # a decree: a goal update of weight 1 (7.2)
            self.check_agreed(t)
        elif a == "make_concrete":
            dC = aa * (1 - self.C)
            db = self.dbar_x(ids)
            self.Q *= (1 - min(1.0, dC * db / self.eps))
            self.C += dC
        elif a == "build_language":
            self.L += aa * (1 - self.L)
        elif a == "organise":
            self.OL += eta * self.tf(None) * (inten - self.OL)
        elif a == "reflect":
            self.AR += aa * (1 - self.AR)
            for i in ids:
                self.z[i] *= (1 - aa * prm["regisseur.reflect_relief"])
        elif a == "acknowledge_perspectives":
            self.eps += aa * (prm["perspectives.confidence_max"] - self.eps)
            self.AP += aa * (1 - self.AP)

    # ------------------------------------------------------------------ 4 meetings
    def form_meetings(self, t):
        meetings = []  # dict(G, key, convened)
        inconv_sets = []
        for c, (seed_, G) in enumerate(self.convened):
            meetings.append(dict(G=sorted(G), key=(seed_, 0xFFFFFFFE - c), convened=True))
            inconv_sets.append(set(G))
        u = first_uniforms(self.seed, t, P_MEETING, self.ti, self.tj)
        prob = self.prm["meetings.probability"]
        for k, (i, j) in enumerate(self.ties):
            if not (self.act[i] and self.act[j]):
                continue
            if u[k] < prob and not any(i in s and j in s for s in inconv_sets):
                meetings.append(dict(G=[i, j], key=(i, j), convened=False))
        M = np.zeros((self.N, self.N), dtype=bool)
        for mt in meetings:
            G = mt["G"]
            for a in G:
                for b in G:
                    if a != b:
                        M[a, b] = True
        self.M = M
        return meetings

    # ------------------------------------------------------------------ 5 modes
    def modes(self, t, meetings):
        prm = self.prm
        K = self.K
        sig = self.sigma()
        rho = 1.0 - self.kap * sig
        beta = prm["meetings.switch_steepness"]
        if not meetings:
            return
        ka = np.array([mt["key"][0] for mt in meetings])
        kb = np.array([mt["key"][1] for mt in meetings])
        um = first_uniforms(self.seed, t, P_MEETING_MODE, ka, kb)
        ud = first_uniforms(self.seed, t, P_DEBATE, ka, kb)
        for idx, mt in enumerate(meetings):
            G = mt["G"]
            n = len(G)
            # ODD 7.4: sum over k of the sorted weighted pair sums, divided by 4K pairs
            s = 0.0
            for k in range(K):
                s += weighted_pair_distance_sum(G, self.theta[:, k], rho)
            Dbase = s / (4.0 * K * (n * (n - 1) / 2.0))
            zbar = float(np.mean(self.z[G]))
            D = Dbase * (1 + zbar) / 2
            F = float(np.mean(self.f[G]))
            P = logistic(beta * (D - F))
            mt["negotiate"] = um[idx] < P
            mt["debate"] = False
            if not mt["negotiate"]:
                xs = self.x[G]
                if xs.max() - xs.min() > self.eps:
                    mt["debate"] = ud[idx] < prm["perspectives.debate_propensity"] * (1 - self.AP)

    # ------------------------------------------------------------------ 6 negotiate
    def negotiate(self, t, meetings, W):
        prm = self.prm
        proto = prm["negotiation.protocol"]
        agreements = []
        # values at the start of process 6
        m0 = self.m.copy()
        Rk0 = self.Rk.copy()
        C0 = self.C
        for mt in meetings:
            if not mt["negotiate"]:
                continue
            E = [i for i in mt["G"] if not self.settled[i]]  # GUESS: settled as updated by earlier meetings this week
            if len(E) < 2:
                continue
            keyE = tuple(E)
            on = self.open_negs.get(keyE)
            if on is None and prm["negotiation.continue_contained"]:
                # ODD 7.5 step 2: the open negotiation waiting longest (oldest last round, lowest
                # id) whose parties all sit among E holds this round, with its own parties only
                inside = [(v["last"], v["id"], k) for k, v in self.open_negs.items() if set(k) <= set(E)]
                if inside:
                    keyE = min(inside)[2]
                    E = list(keyE)
                    on = self.open_negs[keyE]
            if on is None:
                on = dict(demands=None, rounds=0, last=t, id=self.neg_id)
                self.neg_id += 1
                self.open_negs[keyE] = on
            status, x, DF, dem, qE, EE = negotiation.negotiate(E, self.theta, self.c, m0, self.r, self.u, C0, Rk0, prm,
                                                          proto, on["demands"])
            on["rounds"] += 1
            on["last"] = t
            W["rounds"] += 1
            if status == "agreed":
                for idx, i in enumerate(E):
                    self.settled[i] = True
                    self.q[i] = qE[idx]
                    if prm["negotiation.execute_as_planned"]:
                        self.eta[i] = qE[idx] / EE[idx] if EE[idx] > 0 else 0.0
                agreements.append((E, 1.0 - DF))
                del self.open_negs[keyE]
            elif status == "broke":
                del self.open_negs[keyE]
            else:
                on["demands"] = dem
        for key in [k for k, v in self.open_negs.items() if t - v["last"] >= prm["negotiation.patience"]]:
            del self.open_negs[key]
        self.agreements = agreements
        W["agreements"] = len(agreements)

    # ------------------------------------------------------------------ 7 meeting effects
    def meeting_effects(self, meetings):
        prm = self.prm
        for mt in meetings:
            G = mt["G"]
            if mt["negotiate"]:
                for i in G:
                    self.f[i] -= prm["focus.negotiation"] * self.f[i]
                    self.z[i] += prm["interests.salience_gain"] * (1 - self.z[i])
            elif not mt["debate"]:
                for i in G:
                    self.f[i] += prm["focus.co_creation"] * (1 - self.f[i])
                    self.z[i] -= prm["interests.salience_relief"] * self.z[i]
                if len(set(self.l[G])) >= 2:
                    self.L += prm["language.learning"] * (1 - self.L)

    # ------------------------------------------------------------------ 8 goal and perspectives
    def goal_perspectives(self, t, meetings):
        prm = self.prm
        x0 = self.x.copy()
        sums = [0.0] * self.N
        counts = [0] * self.N
        for mt in meetings:
            if mt["negotiate"] or mt["debate"]:
                continue
            add_within_confidence(mt["G"], x0, self.eps, sums, counts)
        mux = prm["perspectives.convergence"]
        for i in range(self.N):
            if not self.act[i]:
                continue
            if counts[i] > 0:
                self.x[i] = x0[i] + mux * (sums[i] / counts[i] - x0[i])
        emin = prm["perspectives.confidence_min"]
        for mt in meetings:
            if mt["debate"]:
                self.eps -= prm["perspectives.debate_narrowing"] * (self.eps - emin)
        for mt in meetings:
            if mt["convened"] and not mt["negotiate"] and not mt["debate"]:
                self.goal_cocreation(mt["G"], prm["opgave.meeting_clarification"], t)
        self.check_agreed(t)

    # ------------------------------------------------------------------ 9 trust
    def trust(self, t):
        prm = self.prm
        act = self.act
        u = first_uniforms(self.seed, t, P_EXPERIENCE, self.di, self.dj)
        gain, loss, decay = prm["trust.gain"], prm["trust.loss"], prm["trust.decay"]
        T = self.T_
        m = self.m
        both = act[self.di] & act[self.dj]
        met = self.M[self.di, self.dj] & both
        mu = prm["language.misunderstanding"] * (1.0 - self.L) * self.diffdisc
        good = u < (1 + m[self.dj]) / 2 * (1 - mu)
        up = met & good
        down = met & ~good
        dec = both & ~met
        T[up] += gain * (1 - T[up])
        T[down] -= loss * T[down]
        T[dec] -= decay * T[dec]
        gf = prm["trust.fairness"]
        for E, phi in self.agreements:
            if negotiation.PRE_F2_F13 and phi < 0:
                continue  # the engine before the F13 fix applied no pull at D_F > 1 (REPORT F13)
            for i in E:
                for j in E:
                    if i != j and (i, j) in self.dindex:
                        k = self.dindex[(i, j)]
                        T[k] += gf * (phi - T[k])
        sat = np.zeros(self.N, dtype=bool)
        for _, G in self.convened:
            sat[G] = True
        gV = prm["trust.regisseur_gain"] * self.arsenal("convene", "effectiveness")
        for i in range(self.N):
            if not act[i]:
                continue
            if sat[i]:
                self.V[i] += gV * (1 - self.V[i])
            elif not (self.named_all or self.named[i]):
                self.V[i] -= decay * self.V[i]

    # ------------------------------------------------------------------ 10 co-create
    def cocreate(self):
        prm = self.prm
        K = self.K
        Rb = float(self.Rk.mean())
        oc = prm["organisation.overhead"]
        cc = self.act & ~self.settled
        e = np.where(cc, self.m * self.r * (1 - oc * self.OL), 0.0)
        cov = np.zeros(K)
        for i in range(self.N):
            if cc[i]:
                cov += e[i] * self.c[i]
        cov += self.WR
        workR = float(self.WR.sum()) / K
        S = prm["opgave.saturation"]
        h = cov / (cov + S)
        weak = float(h.min())
        ccids = [i for i in range(self.N) if cc[i]]
        sel = cc[self.di] & cc[self.dj]
        ts = self.T_[sel].tolist()
        mus = (prm["language.misunderstanding"] * (1.0 - self.L) * self.diffdisc[sel]).tolist()
        Tcc = sum(ts) / len(ts) if ts else 0.0
        mucc = sum(mus) / len(mus) if mus else 0.0
        if len(ccids) <= 1:
            Phi = 1.0
        else:
            sizes = clusters([self.x[i] for i in ccids], self.eps)
            Phi = sum((s / len(ccids)) ** 2 for s in sizes)
        sT = prm["opgave.trust_synergy"]
        Syn = (1 + sT * Tcc * (1 - mucc) * Phi) / (1 + sT)
        og = prm["organisation.gain"]  # ODD 7.9: rigidity of structure on an unclear goal (C7)
        Org = max(0.0, 1 + og * self.Q * min(self.OL, prm["organisation.fit"])
                  - og * prm["organisation.rigidity"] * (1.0 - self.Q) * self.OL)
        rho = prm["opgave.progress_rate"]
        gain = np.array([min(1 - self.Rk[k], rho * (1 - self.Rk[k]) * math.sqrt(h[k] * weak) * Syn * Org)
                         for k in range(K)])
        xi = np.zeros(K)
        dlv = np.zeros(self.N)
        rx = prm["negotiation.execution_rate"]
        for i in range(self.N):
            cs = self.c[i].sum()
            if self.act[i] and self.settled[i] and self.q[i] > 0 and cs > 0:
                # ODD 7.9: rho_x m_i r_i effort a week, at the plan's work per unit of effort
                pace = rx * self.m[i] * self.r[i]
                dlv[i] = min(self.q[i], pace * self.eta[i] if prm["negotiation.execute_as_planned"] else pace)
                xi += dlv[i] * K * self.c[i] / cs
        self.Rk = np.minimum(1.0, self.Rk + gain + xi)
        self.q = self.q - dlv
        cbar = self.c.mean(axis=1)
        self.y = np.where(self.act, e * cbar + dlv, 0.0)
        self.LamW = self.LamW + self.y
        self.LamWR += workR
        self.WR = np.zeros(K)
        R = float(self.Rk.mean())
        if Rb >= 1.0:
            self.v = 1.0
        else:
            rel = (R - Rb) / (1 - Rb)
            if rho > 0:
                self.v = min(1.0, rel / (rho * prm["opgave.visible_progress"]))
            else:
                self.v = 1.0 if rel > 0 else 0.0

    # ------------------------------------------------------------------ 11 activation
    def activation(self, t):
        mode = self.prm["run.activation"]
        if mode != "random_sequential":
            return list(range(self.N))
        order = list(range(self.N))
        if self.N < 2:
            return order
        st = Stream(self.seed, t, P_ACTIVATION, 0, NO_OBJECT)
        for i in range(self.N - 1, 0, -1):
            j = st.uniform_int(i)
            order[i], order[j] = order[j], order[i]
        return order

    # ------------------------------------------------------------------ 12 passion
    def passion(self, order):
        prm = self.prm
        sync = prm["run.activation"] == "synchronous"
        seen = self.p.copy() if sync else self.p
        cont, fade = prm["passion.contagion"], prm["passion.fade"]
        new = self.p.copy() if sync else None
        for i in order:
            if not self.act[i]:
                continue
            Wt = 0.0
            s = 0.0
            for j in self.nbrs[i]:
                if self.act[j]:
                    Tij = self.T_[self.dindex[(i, j)]]
                    Wt += Tij
                    s += Tij * seen[j]
            pulled = seen[i] + cont * (s / Wt - seen[i]) if Wt > 0 else seen[i]
            val = (1 - fade) * pulled + fade * self.v * self.p0[i]
            if sync:
                new[i] = val
            else:
                self.p[i] = val
        if sync:
            self.p = new

    # ------------------------------------------------------------------ 13 commitment
    def commitment(self):
        prm = self.prm
        wp, wT, ws, wo, wg = (prm["commitment.passion_weight"], prm["commitment.trust_weight"],
                              prm["commitment.interest_weight"], prm["commitment.ownership_weight"],
                              prm["commitment.goal_weight"])
        tot = wp + wT + ws + wo + wg
        sig = self.sigma()
        _, Ohat = self.ownership()
        ad = prm["commitment.adaptation"]
        for i in range(self.N):
            if not self.act[i]:
                continue
            vals = [self.T_[self.dindex[(i, j)]] for j in self.nbrs[i] if self.act[j]]
            tau = sum(vals) / len(vals) if vals else 0.0
            nu = prm["commitment.lived_ownership"]
            lived = self.C * self.Q * (1 - nu + nu * Ohat[i]) if nu > 0 else self.C * self.Q
            target = self.u[i] * (wp * self.p[i] + wT * tau + ws * sig[i] + wo * Ohat[i] + wg * lived) / tot
            self.m[i] += ad * (target - self.m[i])

    # ------------------------------------------------------------------ 14 upkeep
    def upkeep(self):
        prm = self.prm
        _, Ohat = self.ownership()
        for i in range(self.N):
            if not self.act[i]:
                continue
            self.f[i] -= prm["focus.decay"] * (1 - prm["focus.hold"] * self.C * Ohat[i]) * self.f[i]
            self.z[i] -= prm["interests.salience_decay"] * self.z[i]
            self.kap[i] -= prm["interests.forgetting"] * self.kap[i]
        self.Q -= prm["opgave.clarity_decay"] * self.Q
        self.AP -= prm["perspectives.acknowledgement_decay"] * self.AP
        self.AR -= prm["regisseur.awareness_decay"] * self.AR
        mem = prm["ownership.memory"]
        self.Lam *= (1 - mem)
        self.LamR *= (1 - mem)
        self.LamW *= (1 - mem)
        self.LamWR *= (1 - mem)

    # ------------------------------------------------------------------ 15 exit
    def exit(self, W):
        prm = self.prm
        for i in range(self.N):
            if not self.act[i]:
                continue
            if self.m[i] < prm["exit.threshold"]:
                self.w[i] += 1
            else:
                self.w[i] = 0
            if self.w[i] >= prm["exit.patience"]:
                self.act[i] = False
                self.q[i] = 0.0
                W["exits"] += 1

    # ------------------------------------------------------------------ recording
    def record(self, W):
        act = self.act
        ids = [i for i in range(self.N) if act[i]]
        tv = [self.T_[k] for k in range(len(self.di)) if act[self.di[k]] and act[self.dj[k]]]
        R = float(self.Rk.mean())
        mean = lambda arr: float(np.mean(arr[act])) if ids else 0.0
        nm = W["cocreating"] + W["negotiating"]
        rec = dict(
            realisation=R,
            progress_rate=R - self.R_hist[-1],
            trust_mean=float(np.mean(tv)) if tv else 0.0,
            trust_sd=float(np.std(tv)) if tv else 0.0,
            trust_regisseur_mean=mean(self.V),
            passion_mean=mean(self.p), commitment_mean=mean(self.m), focus_mean=mean(self.f),
            salience_mean=mean(self.z), interests_known_mean=mean(self.kap),
            ownership_regisseur=self.ownership(regisseur=True),
            goal_clarity=self.Q, goal_concreteness=self.C, common_language=self.L, confidence_bound=self.eps,
            organisation=self.OL,
            perspective_clusters=float(sum(1 for s in clusters([self.x[i] for i in ids], self.eps)
                                           if s >= max(1, math.ceil(0.02 * len(ids))))),
            active_partners=float(len(ids)), settled_partners=float(sum(self.settled[i] for i in ids)),
            meetings=float(W["ties_met"]), meetings_cocreating=float(W["cocreating"]),
            meetings_negotiating=float(W["negotiating"]), meetings_debate=float(W["debate"]),
            negotiating_share=W["negotiating"] / nm if nm > 0 else 0.0,
            agreements=float(W["agreements"]), exits=float(W["exits"]), releases=float(W["releases"]),
            regie_effort=W["effort"],
            goal_agreed_week=float(self.t_agree),
        )
        self.effort_cum += W["effort"]
        rec["realisation_per_effort"] = R / self.effort_cum if self.effort_cum > 0 else 0.0
        for a in NAMES:
            rec["effort_" + a] = W["effort_by"][a]
        for k, v in rec.items():
            self.series.setdefault(k, []).append(v)
        self.R_hist.append(R)

    # ------------------------------------------------------------------ the week
    def step(self, t):
        W = dict(skips=0, rounds=0, agreements=0, exits=0)
        self.releases_week = 0
        ob = self.observe(t)                       # 1
        span = self.choose(t, ob)                  # 2
        self.apply(t, span, W)                     # 3
        if any(a == "convene" and tg == "all" for a, tg, _ in span) and W["effort_by"]["convene"] > 0:
            self.weeks_since_all = 0
        meetings = self.form_meetings(t)           # 4
        self.modes(t, meetings)                    # 5
        self.negotiate(t, meetings, W)             # 6
        self.meeting_effects(meetings)             # 7
        self.goal_perspectives(t, meetings)        # 8
        self.trust(t)                              # 9
        self.cocreate()                            # 10
        order = self.activation(t)                 # 11
        self.passion(order)                        # 12
        self.commitment()                          # 13
        self.upkeep()                              # 14
        self.exit(W)                               # 15
        W["releases"] = self.releases_week
        W["cocreating"] = sum(1 for mt in meetings if not mt["negotiate"])
        W["negotiating"] = sum(1 for mt in meetings if mt["negotiate"])
        W["debate"] = sum(1 for mt in meetings if mt.get("debate"))
        W["ties_met"] = int(self.M[self.ti, self.tj].sum())
        self.record(W)
        self.last = dict(cocreating=W["cocreating"], negotiating=W["negotiating"], debate=W["debate"],
                         agreements=W["agreements"], effort=W["effort"])

    def run(self):
        zeroW = dict(ties_met=0, cocreating=0, negotiating=0, debate=0, agreements=0, exits=0, releases=0,
                     effort=0.0, effort_by={a: 0.0 for a in NAMES})
        self.R_hist = [0.0]
        self.record(zeroW)  # step 0
        self.R_hist = [0.0, 0.0]
        for t in range(1, self.T + 1):
            self.step(t)
        return self.series


COUNT_METRICS = {"meetings", "meetings_cocreating", "meetings_negotiating", "meetings_debate", "agreements",
                 "exits", "releases", "regie_effort"} | {"effort_" + a for a in NAMES}
RECENT_MEAN = {"progress_rate", "negotiating_share"}


def summary(series, T):
    out = {}
    for k, v in series.items():
        arr = np.asarray(v)
        if k in COUNT_METRICS:
            out[k] = float(arr[1:].sum())
        elif k in RECENT_MEAN:
            n = min(52, T)
            out[k] = float(arr[-n:].mean())
        else:
            out[k] = float(arr[-1])
    tot = float(np.sum(series["regie_effort"][1:]))
    out["realisation_per_effort"] = series["realisation"][-1] / tot if tot > 0 else 0.0
    return out

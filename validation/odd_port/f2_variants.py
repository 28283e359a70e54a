"""F2: which variant of Zeuthen's agreement test reproduces the engine on table 4's differing runs.
Needs /tmp/odd_port/stress_zeuthen_100.h5 (from compare.py). Usage: python3 f2_variants.py text tol newsum_minus1 e_from_minus1"""
import sys, h5py, numpy as np, math
sys.path.insert(0, __import__('os').path.join(__import__('os').path.dirname(__file__), '..', '..'))
from validation.odd_port import negotiation as ng, scenario
from validation.odd_port.model import Model
INF=float('inf')
f=h5py.File('/tmp/odd_port/stress_zeuthen_100.h5')
keys=[k for k in f['series'] if k not in ('run','step') and f['series'][k].ndim==2]
sets=['regisseur.strategy=negotiation','negotiation.utility_exponent=0.7','negotiation.concession=0.2']
prm,pl=scenario.load('validation/odd_port/scenarios/stress.toml',sets)
runs=[1,10,18,24,26,34,44,61,77,93,98,0,2,3]
orig=ng.zeuthen_round
def make(variant):
    def zr(P,B,mfl,z,prm):
        eps=prm['negotiation.concession']; nb=len(B)
        if z is None: z=[1.0]*nb
        floor=[max(0.0,m) for m in mfl]
        z=[min(1.0,max(floor[k],z[k])) for k in range(nb)]
        if variant=='e_from_minus1':
            e=-1.0
            for x in z: e+=x
        else:
            e=sum(z)-1.0
        if e<=0: return 'agreed',[zk+(-e)/nb for zk in z]
        c=e/(nb-1)
        rl=[]
        for k in range(nb):
            i=B[k]
            if z[k]<=floor[k]: rl.append(INF)
            else: rl.append((P.U(i,z[k])-P.U(i,z[k]-c))/(P.U(i,z[k])-P.d[i]))
        if all(math.isinf(x) for x in rl): return 'broke',None
        rmin=min(rl); conc=[0.0]*nb; newz=list(z)
        for k in range(nb):
            if not math.isinf(rl[k]) and abs(rl[k]-rmin)<=1e-12*abs(rmin):
                i=B[k]
                target=P.U(i,z[k])-eps*(P.U(i,1.0)-P.d[i])
                base=target+P.kappa*P.Ei[i]
                x=P.Uinv(i,target) if base>0 else -INF
                newz[k]=max(floor[k],x); conc[k]=z[k]-newz[k]
        tot=sum(conc)
        if variant=='newsum':
            ok = sum(newz) <= 1.0
        elif variant=='newsum_minus1':
            s=-1.0
            for x in newz: s+=x
            ok = s <= 0
        elif variant=='tol':
            ok = tot >= e*(1-1e-12)
        else:
            ok = tot >= e
        if ok:
            fct=e/tot if tot>0 else 1.0
            return 'agreed',[z[k]-conc[k]*fct for k in range(nb)]
        return 'ongoing',newz
    return zr
for variant in sys.argv[1:]:
    ng.zeuthen_round = orig if variant=='text' else make(variant)
    same=[]
    for r in runs:
        md=Model(prm,pl,r); s=md.run()
        ok=all(np.max(np.abs(f['series'][k][r]-np.asarray(s[k])))<=1e-9 for k in keys)
        same.append(ok)
    print(variant, 'identical', sum(same), '/', len(runs), [r for r,o in zip(runs,same) if not o])

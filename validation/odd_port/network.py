"""ODD 9 gaps 1 and 2: the network (complete, or Boost 1.74's small_world_iterator fed by Philox)."""
from .philox import NO_OBJECT, P_NETWORK, Stream


def uniform01(st):
    while True:
        x = float(st.word()) * 2.0 ** -64  # int -> double rounds to nearest, as the ODD says
        if x < 1.0:
            return x


def small_world(n, k, p, key):
    st = Stream(key, 0, P_NETWORK, 0, NO_OBJECT)
    half = k // 2
    pairs = [(0, 1)]
    source, target = 0, 1
    count = n * k // 2
    while True:
        target = (target + 1) % n
        if target == (source + half + 1) % n:
            source += 1
            target = (source + 1) % n
        x = uniform01(st)
        if x < p:
            lower = (source + n - half) % n
            upper = (source + half) % n
            while True:
                v = st.uniform_int(n - 1)
                if (lower <= v <= upper) or (upper < lower and (v >= lower or v <= upper)):
                    continue
                break
            cur = (source, v)
        else:
            cur = (source, target)
        if source == n:
            break  # the draws of this step are made and discarded
        pairs.append(cur)
    assert len(pairs) == count, (len(pairs), count)
    ties = sorted({(min(a, b), max(a, b)) for a, b in pairs if a != b})
    return ties

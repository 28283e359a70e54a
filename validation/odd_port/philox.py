"""Philox4x32-10 counter-based streams, written from docs/ODD.md section 9 (gap 2) and
docs/design/foundation_odd.md section 5 ("Random streams").

Counter = (step, purpose << 24 | block, subject, object), key = (seed low 32, seed high 32).
Block b gives 32-bit words v0..v3; the stream's 64-bit words are v0 | v1 << 32, v2 | v3 << 32,
then block b + 1. The hot-loop uniform is (w >> 11) * 2^-53 of the first word.
"""
import numpy as np

M0 = np.uint64(0xD2511F53)
M1 = np.uint64(0xCD9E8D57)
W0 = 0x9E3779B9
W1 = 0xBB67AE85
MASK32 = np.uint64(0xFFFFFFFF)
NO_OBJECT = 0xFFFFFFFF

# purposes (ODD 9, foundation ODD 5, ODD 11)
P_RUN_SEED, P_NETWORK, P_ACTIVATION, P_MEETING, P_EXPERIENCE = 1, 2, 3, 4, 5
P_MEETING_MODE, P_DEBATE, P_REGIE_CHOICE = 6, 7, 8


def philox4x32_10(c0, c1, c2, c3, seed):
    """Vectorised Philox4x32-10; c* are arrays (broadcastable) of uint32 values; seed a Python int."""
    c0 = np.asarray(c0, dtype=np.uint64) & MASK32
    c1 = np.asarray(c1, dtype=np.uint64) & MASK32
    c2 = np.asarray(c2, dtype=np.uint64) & MASK32
    c3 = np.asarray(c3, dtype=np.uint64) & MASK32
    c0, c1, c2, c3 = np.broadcast_arrays(c0, c1, c2, c3)
    k0 = seed & 0xFFFFFFFF
    k1 = (seed >> 32) & 0xFFFFFFFF
    for r in range(10):
        p0 = M0 * c0
        p1 = M1 * c2
        hi0, lo0 = p0 >> np.uint64(32), p0 & MASK32
        hi1, lo1 = p1 >> np.uint64(32), p1 & MASK32
        n0 = hi1 ^ c1 ^ np.uint64(k0)
        n1 = lo1
        n2 = hi0 ^ c3 ^ np.uint64(k1)
        n3 = lo0
        c0, c1, c2, c3 = n0, n1, n2, n3
        k0 = (k0 + W0) & 0xFFFFFFFF
        k1 = (k1 + W1) & 0xFFFFFFFF
    return c0, c1, c2, c3


def philox_scalar(c0, c1, c2, c3, seed):
    """The same function on Python ints (faster for one block)."""
    k0 = seed & 0xFFFFFFFF
    k1 = (seed >> 32) & 0xFFFFFFFF
    for _ in range(10):
        p0 = 0xD2511F53 * c0
        p1 = 0xCD9E8D57 * c2
        c0, c1, c2, c3 = ((p1 >> 32) ^ c1 ^ k0, p1 & 0xFFFFFFFF, (p0 >> 32) ^ c3 ^ k1, p0 & 0xFFFFFFFF)
        k0 = (k0 + W0) & 0xFFFFFFFF
        k1 = (k1 + W1) & 0xFFFFFFFF
    return c0, c1, c2, c3


def first_uniforms(seed, step, purpose, subject, obj):
    """u = (w >> 11) 2^-53 of the first 64-bit word of each stream (vectorised over subject/object)."""
    v0, v1, _, _ = philox4x32_10(step, purpose << 24, subject, obj, seed)
    w = v0 | (v1 << np.uint64(32))
    return (w >> np.uint64(11)).astype(np.float64) * 2.0 ** -53


def two_uniforms(seed, step, purpose, subject, obj):
    """first and second hot-loop uniforms (words 0 and 1 of block 0)."""
    v0, v1, v2, v3 = philox_scalar(step, purpose << 24, subject, obj, seed)
    w0 = int(v0) | (int(v1) << 32)
    w1 = int(v2) | (int(v3) << 32)
    return (w0 >> 11) * 2.0 ** -53, (w1 >> 11) * 2.0 ** -53


class Stream:
    """Sequential 64-bit words of one stream (for Boost-style distributions)."""

    def __init__(self, seed, step, purpose, subject, obj, batch=8):
        self.seed, self.step, self.purpose, self.subject, self.obj = seed, step, purpose, subject, obj
        self.block = 0
        self.buf = []
        self.batch = batch

    def _refill(self):
        v0, v1, v2, v3 = philox_scalar(self.step, (self.purpose << 24) | self.block, self.subject, self.obj, self.seed)
        self.buf = [v2 | (v3 << 32), v0 | (v1 << 32)]
        self.block += 1

    def word(self):
        if not self.buf:
            self._refill()
            # after reverse the next word is at the end
        return self.buf.pop()

    def uniform_int(self, m):
        """Boost uniform_int(0, m) over a 64-bit engine (ODD 9, gap 2)."""
        if m == 0:
            return 0
        rng = (1 << 64) - 1
        bucket = rng // (m + 1)
        if rng % (m + 1) == m:
            bucket += 1
        while True:
            r = self.word() // bucket
            if r <= m:
                return r


def run_seed(master_seed, r):
    v0, v1, _, _ = philox_scalar(0, P_RUN_SEED << 24, r & 0xFFFFFFFF, (r >> 32) & 0xFFFFFFFF, master_seed)
    return int(v0) | (int(v1) << 32)

#!/usr/bin/env python3
"""Reference values for the Probability module's tests.

Writes two CSV files next to this script:

distributions.csv  columns: dist,param1,param2,function,x,value
    dist      normal (param1 = mean, param2 = sd), t (param1 = df), chi2 (param1 = df),
              f (param1 = numerator df, param2 = denominator df)
    function  pdf, cdf, sf (upper tail), ppf (quantile), isf (upper-tail quantile)
    x         the argument (a probability for ppf/isf), written with repr() so that it
              round-trips exactly to the double the Swift test passes in.

    Reference values are computed with mpmath at 50 significant digits from the exact
    binary value of every input, then rounded once to double.  scipy is *not* the
    reference: it is only used for starting points of the quantile root-finding, and the
    script reports where scipy itself disagrees with mpmath by more than 1e-12 (this
    happens for tiny tails and large degrees of freedom).  Every mpmath value is
    recomputed at 80 digits and must agree to 1e-30 relative, so a reference cannot be
    silently wrong because of cancellation inside mpmath.

    Cases whose reference value has magnitude below 1e-300 (or overflows) are omitted:
    doubles below that are subnormal and cannot carry 1e-12 relative accuracy.

xoshiro256starstar.csv  columns: seed,transform,index,output,uniform,open_uniform
    First outputs of xoshiro256** seeded through SplitMix64, from the short independent
    implementation below (a transcription of Vigna's reference C code), optionally after
    jump()/long_jump(). uniform = (output >> 11) * 2^-53,
    open_uniform = ((output >> 12) + 0.5) * 2^-52.

Run:  python3 make_fixtures.py      (Python 3.11, numpy, scipy, mpmath 1.3)
"""

import csv
import math
import os
import sys

import mpmath
from mpmath import mp, mpf
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
MASK = (1 << 64) - 1
TINY = 1e-300

# --------------------------------------------------------------------------------------
# PRNG reference
# --------------------------------------------------------------------------------------


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


class Xoshiro256StarStar:
    JUMP = [0x180EC6D33CFD0ABA, 0xD5A61266F0C9392C, 0xA9582618E03FC9AA, 0x39ABDC4529B1661C]
    LONG_JUMP = [0x76E15D3EFEFDCBBF, 0xC5004E441C522FB3, 0x77710069854EE241, 0x39109BB02ACBE635]

    def __init__(self, seed):
        self.s = []
        state = seed
        for _ in range(4):
            state, value = splitmix64(state)
            self.s.append(value)

    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def _jump(self, table):
        acc = [0, 0, 0, 0]
        for word in table:
            for bit in range(64):
                if word & (1 << bit):
                    acc = [a ^ b for a, b in zip(acc, self.s)]
                self.next()
        self.s = acc

    def jump(self):
        self._jump(self.JUMP)

    def long_jump(self):
        self._jump(self.LONG_JUMP)


def check_splitmix():
    # Published SplitMix64 outputs (Vigna's splitmix64.c with seed 0; the widely quoted
    # seed-1234567 sequence), guarding the independent implementation itself.
    _, first = splitmix64(0)
    assert first == 0xE220A8397B1DCDAF, hex(first)
    state, values = 1234567, []
    for _ in range(5):
        state, v = splitmix64(state)
        values.append(v)
    assert values == [6457827717110365317, 3203168211198807973, 9817491932198370423,
                      4593380528125082431, 16408922859458223821], values


def write_prng():
    check_splitmix()
    rows = []
    for seed in [0, 1, 42, 0xDEADBEEF, 12345678901234567890, MASK]:
        for transform in ["none", "jump", "jump2", "long_jump"]:
            g = Xoshiro256StarStar(seed)
            if transform == "jump":
                g.jump()
            elif transform == "jump2":
                g.jump()
                g.jump()
            elif transform == "long_jump":
                g.long_jump()
            for index in range(8):
                out = g.next()
                uniform = (out >> 11) * 2.0 ** -53
                open_uniform = ((out >> 12) + 0.5) * 2.0 ** -52
                rows.append([seed, transform, index, out, repr(uniform), repr(open_uniform)])
    with open(os.path.join(HERE, "xoshiro256starstar.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["seed", "transform", "index", "output", "uniform", "open_uniform"])
        w.writerows(rows)
    return len(rows)


# --------------------------------------------------------------------------------------
# Distribution references (mpmath)
# --------------------------------------------------------------------------------------


def normal_fns(mu, sd):
    mu, sd = mpf(mu), mpf(sd)
    z = lambda x: (x - mu) / (sd * mp.sqrt(2))
    return dict(
        pdf=lambda x: mp.exp(-((x - mu) / sd) ** 2 / 2) / (sd * mp.sqrt(2 * mp.pi)),
        cdf=lambda x: mp.erfc(-z(x)) / 2,
        sf=lambda x: mp.erfc(z(x)) / 2,
    )


def t_fns(df):
    nu = mpf(df)

    def tail(x):  # P(T > |x|) = I_{nu/(nu+x^2)}(nu/2, 1/2) / 2
        y = x * x / (nu + x * x)
        if abs(x) < 1:  # tail > 0.15: no cancellation, and no argument within 1e-20 of 1
            return (1 - mp.betainc(mpf(1) / 2, nu / 2, 0, y, regularized=True)) / 2
        return mp.betainc(nu / 2, mpf(1) / 2, 0, nu / (nu + x * x), regularized=True) / 2

    def cdf(x):
        return tail(x) if x < 0 else 1 - tail(x)

    def pdf(x):
        logc = mp.loggamma((nu + 1) / 2) - mp.loggamma(nu / 2) - mp.log(nu * mp.pi) / 2
        return mp.exp(logc - (nu + 1) / 2 * mp.log1p(x * x / nu))

    return dict(pdf=pdf, cdf=cdf, sf=lambda x: cdf(-x))


def chi2_fns(df):
    a = mpf(df) / 2
    return dict(
        pdf=lambda x: mp.exp((a - 1) * mp.log(x) - x / 2 - a * mp.log(2) - mp.loggamma(a)),
        cdf=lambda x: mp.gammainc(a, 0, x / 2, regularized=True),
        sf=lambda x: mp.gammainc(a, x / 2, mp.inf, regularized=True),
    )


def f_fns(d1, d2):
    d1, d2 = mpf(d1), mpf(d2)
    a, b = d1 / 2, d2 / 2
    frac = lambda x: d1 * x / (d1 * x + d2)

    def pdf(x):
        logv = (a * mp.log(d1 / d2) + (a - 1) * mp.log(x) - (a + b) * mp.log1p(d1 * x / d2)
                - (mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(a + b)))
        return mp.exp(logv)

    return dict(
        pdf=pdf,
        cdf=lambda x: mp.betainc(a, b, 0, frac(x), regularized=True),
        # Upper tail via the symmetry I_x(a, b) = 1 - I_{1-x}(b, a): mpmath's betainc(x, 1)
        # subtracts two values and loses digits for tiny tails.
        sf=lambda x: mp.betainc(b, a, 0, d2 / (d1 * x + d2), regularized=True),
    )


FAMILIES = {"normal": normal_fns, "t": t_fns, "chi2": chi2_fns, "f": f_fns}


def scipy_dist(dist, p1, p2):
    if dist == "normal":
        return stats.norm(p1, p2)
    if dist == "t":
        return stats.t(p1)
    if dist == "chi2":
        return stats.chi2(p1)
    return stats.f(p1, p2)


def family(dist, p1, p2):
    return FAMILIES[dist](p1, p2) if dist in ("normal", "f") else FAMILIES[dist](p1)


def evaluate(dist, p1, p2, function, x):
    fns = family(dist, p1, p2)
    if function in ("pdf", "cdf", "sf"):
        return fns[function](mpf(x))
    # Quantiles: Newton's method in mpmath on the tail that contains the target,
    # started from scipy's answer.
    # ppf with x <= 0.5 solves cdf = x, with x > 0.5 solves sf = 1 - x; isf the reverse.
    lower_tail = (function == "ppf") == (x <= 0.5)
    target = mpf(x) if x <= 0.5 else 1 - mpf(x)
    tail = fns["cdf"] if lower_tail else fns["sf"]
    sp = scipy_dist(dist, p1, p2)
    guess = sp.ppf(x) if function == "ppf" else sp.isf(x)
    if not math.isfinite(guess):
        return None
    r = mpf(guess)
    positive = dist in ("chi2", "f")
    for _ in range(200):
        value = tail(r)
        slope = fns["pdf"](r)
        if slope == 0:
            return None
        step = (value - target) / slope * (1 if lower_tail else -1)
        new = r - step
        if positive and new <= 0:
            new = r / 2
        if abs(new - r) <= abs(r) * mpf(10) ** (-(mp.dps - 8)) or new == r:
            r = new
            break
        r = new
    # Whether or not the step test fired (it can stall at the last digit), the root is
    # accepted only if the tail there matches the target to dps - 10 digits.
    check = tail(r)
    if abs(check - target) > abs(target) * mpf(10) ** (-(mp.dps - 10)):
        raise RuntimeError(f"bad root {dist} {p1} {p2} {function} {x}")
    return r


def reference(dist, p1, p2, function, x):
    with mp.workdps(50):
        v50 = evaluate(dist, p1, p2, function, x)
    if v50 is None:
        return None
    with mp.workdps(80):
        v80 = evaluate(dist, p1, p2, function, x)
    if v80 != 0 and abs(v50 - v80) > abs(v80) * mpf(10) ** -30:
        raise RuntimeError(f"mpmath unstable for {dist} {p1} {p2} {function} {x}: {v50} vs {v80}")
    return v80


# ---- the grid ------------------------------------------------------------------------

P_GRID = [1e-15, 1e-12, 1e-8, 1e-4, 0.01, 0.025, 0.1, 0.3, 0.45, 0.5 - 1e-9, 0.5, 0.5 + 1e-9,
          0.55, 0.7, 0.9, 0.975, 0.99, 1 - 1e-8, 1 - 1e-12, 1 - 1e-15]
Q_GRID = [1e-100, 1e-30, 1e-12, 1e-6, 0.05, 0.4]


def cases():
    out = []

    def add(dist, p1, p2, functions, xs):
        for x in xs:
            for fn in functions:
                out.append((dist, p1, p2, fn, float(x)))

    # Normal.
    zs = [-40, -38.5, -37, -30, -25, -20, -12, -8, -5, -3, -1.96, -1, -0.5, -1e-3,
          -1e-200, 0, 1e-10, 0.25, 0.5, 1, 1.5, 2, 3, 6, 9, 15, 26, 37.5]
    add("normal", 0.0, 1.0, ["pdf", "cdf", "sf"], zs)
    add("normal", 3.0, 2.0, ["pdf", "cdf", "sf"], [3 + 2 * z for z in (-30, -7, -1.5, 0.1, 2, 10, 30)])
    add("normal", 0.0, 1.0, ["ppf"], [1e-300, 1e-200, 1e-100, 1e-50, 1e-20, 1e-9, 1e-3, 0.05,
                                      0.075, 0.2, 0.4, 0.6, 0.8, 0.925, 0.95, 0.999, 1 - 1e-6] + P_GRID)
    add("normal", 0.0, 1.0, ["isf"], [1e-300, 1e-200] + Q_GRID)
    add("normal", 3.0, 2.0, ["ppf", "isf"], [1e-12, 0.025, 0.3, 0.8])

    # Student t.
    ts = [-40, -12, -5, -2, -1, -0.5, -0.01, 0, 1e-8, 0.1, 0.7, 1.5, 3, 8, 20, 40]
    for df in [0.5, 1, 1.5, 2, 3, 4, 5, 7.5, 10, 30, 100, 1000, 1e4, 1e5, 1e6]:
        add("t", df, 0.0, ["pdf", "cdf", "sf"], ts)
        add("t", df, 0.0, ["ppf"], P_GRID)
        add("t", df, 0.0, ["isf"], Q_GRID)
    for df in [0.5, 1, 2]:
        # Heavy tails, including |t| beyond 1e154 where t*t overflows.
        add("t", df, 0.0, ["pdf", "cdf", "sf"], [-1e10, 1e3, 1e6, 1e10, 1e160, -1e200])

    # Chi-squared.
    xs = [1e-10, 1e-3, 0.1, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 400, 700, 1000]
    for df in [0.5, 1, 2, 3, 5, 7.5, 10, 25, 50, 100, 250, 500, 1000]:
        extra = [df / 2, df - 1, df, df + 3 * math.sqrt(2 * df)]
        add("chi2", df, 0.0, ["pdf", "cdf", "sf"], sorted(set(xs + [e for e in extra if e > 0])))
    for df in [1e4, 1e6]:
        sd = math.sqrt(2 * df)
        add("chi2", df, 0.0, ["pdf", "cdf", "sf"], [df + k * sd for k in (-8, -3, -0.5, 0, 1, 4, 10)])
    for df in [0.5, 1, 2, 3, 7.5, 10, 50, 100, 1000, 1e4, 1e5, 1e6]:
        add("chi2", df, 0.0, ["ppf"], P_GRID)
        add("chi2", df, 0.0, ["isf"], Q_GRID)

    # F.
    fs = [1e-8, 1e-3, 0.1, 0.5, 0.9, 1, 1.2, 2, 3.5, 6, 10, 30, 100, 1e3, 1e5]
    pairs = [(1, 1), (1, 2), (1, 10), (2, 2), (2, 30), (3, 7), (5, 1), (10, 10), (10, 100),
             (30, 5), (50, 50), (100, 1), (100, 100), (1, 10000), (5, 10000), (100, 10000),
             (20, 1000), (0.5, 3)]
    for d1, d2 in pairs:
        add("f", d1, d2, ["pdf", "cdf", "sf"], fs)
        add("f", d1, d2, ["ppf"], P_GRID)
        add("f", d1, d2, ["isf"], Q_GRID)
    return out


def write_distributions():
    rows, disagreements, skipped = [], [], 0
    for dist, p1, p2, fn, x in cases():
        ref = reference(dist, p1, p2, fn, x)
        if ref is None or not (TINY <= abs(ref) <= 1e300 or ref == 0):
            skipped += 1
            continue
        value = float(ref)
        sp = scipy_dist(dist, p1, p2)
        scipy_value = float(getattr(sp, fn)(x))
        if value != 0 and abs(scipy_value - value) > 1e-12 * abs(value):
            disagreements.append((dist, p1, p2, fn, x, value, scipy_value))
        rows.append([dist, repr(float(p1)), repr(float(p2)), fn, repr(x), repr(value)])
    with open(os.path.join(HERE, "distributions.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["dist", "param1", "param2", "function", "x", "value"])
        w.writerows(rows)
    return rows, disagreements, skipped


def main():
    n_prng = write_prng()
    rows, disagreements, skipped = write_distributions()
    print(f"xoshiro256starstar.csv: {n_prng} rows")
    print(f"distributions.csv: {len(rows)} rows ({skipped} cases omitted: |value| < 1e-300 or not finite)")
    print(f"scipy {stats.__name__} disagrees with mpmath by > 1e-12 relative in {len(disagreements)} cases:")
    for d in disagreements[:40]:
        print("   ", d)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Reader of Foresight's synthetic datasets, and an independent implementation of their recipes.

The peers in this folder read the files written by `foresight synth` with `read(path)`; the
layout is documented in Sources/Synthetic/SyntheticFile.swift (little-endian; magic FSGROWTH,
FSDECMAT or FSCOUNTS, then uint64 version 1, uint64 header fields, float64 arrays):

  FSGROWTH  curve(1 logistic, 2 gompertz, 3 richards), S, N, P, seed, noise(f64) | x[N] y[S][N] start[S][P] truth[S][P]
  FSDECMAT  m, n, draws, seed                                                  | weights[n] benefit[n] values[n][m]
  FSCOUNTS  S, N, seed                                                         | t[N] mean[S][N] count[S][N]

The recipes (Sources/Synthetic/*.swift) are re-implemented here from their documentation with
a pure-Python xoshiro256** (seeded by SplitMix64) and scipy's inverse normal CDF, so that

  synthetic.py check FILE          regenerates a growth or decision-matrix file from its header
                                   and reports the largest relative difference (exit 1 above 1e-12);
  synthetic.py reference growth CURVE S N NOISE SEED | decision M N SEED
                                   prints the values as JSON (the fixtures of Tests/SyntheticTests).

Count files are checked statistically by the Swift tests (their Poisson sampler consumes a
variable number of words), not here.
"""
import json
import math
import struct
import sys

import numpy as np

MASK = (1 << 64) - 1
CURVES = {1: "logistic", 2: "gompertz", 3: "richards"}
RANGES = {
    "logistic": [(50, 150), (7, 13), (1.5, 3.5)],
    "gompertz": [(50, 150), (2, 6), (0.6, 0.85)],
    "richards": [(50, 150), (7, 13), (1.5, 3.5), (0.5, 2)],
}


def read(path):
    """The dataset as a dict of numpy arrays (C-contiguous, float64) and header values."""
    raw = open(path, "rb").read()
    magic = raw[:8]
    version = struct.unpack_from("<Q", raw, 8)[0]
    if version != 1:
        raise ValueError(f"{path}: unsupported layout version {version}")

    def arrays(offset, *shapes):
        out = []
        for shape in shapes:
            count = int(np.prod(shape))
            out.append(np.frombuffer(raw, "<f8", count, offset).reshape(shape).copy())
            offset += 8 * count
        return out

    if magic == b"FSGROWTH":
        code, s, n, p, seed = struct.unpack_from("<5Q", raw, 16)
        noise = struct.unpack_from("<d", raw, 56)[0]
        x, y, start, truth = arrays(64, (n,), (s, n), (s, p), (s, p))
        return dict(kind="growth", curve=CURVES[code], series=s, points=n, seed=seed, noise=noise,
                    x=x, y=y, start=start, truth=truth)
    if magic == b"FSDECMAT":
        m, n, draws, seed = struct.unpack_from("<4Q", raw, 16)
        weights, benefit, values = arrays(48, (n,), (n,), (n, m))
        return dict(kind="decision", alternatives=m, criteria=n, draws=draws, seed=seed, weights=weights,
                    benefit=benefit.astype(bool), values=np.ascontiguousarray(values.T))
    if magic == b"FSCOUNTS":
        s, n, seed = struct.unpack_from("<3Q", raw, 16)
        t, mean, count = arrays(40, (n,), (s, n), (s, n))
        return dict(kind="counts", series=s, periods=n, seed=seed, t=t, mean=mean, count=count)
    raise ValueError(f"{path}: not a Foresight synthetic dataset")


class Xoshiro:
    """xoshiro256** seeded with the first four SplitMix64 outputs (Blackman & Vigna)."""

    def __init__(self, seed):
        self.s = []
        state = seed & MASK
        for _ in range(4):
            state = (state + 0x9E3779B97F4A7C15) & MASK
            z = state
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            self.s.append(z ^ (z >> 31))

    def next(self):
        s0, s1, s2, s3 = self.s
        rotl = lambda x, k: ((x << k) | (x >> (64 - k))) & MASK
        result = (rotl((s1 * 5) & MASK, 7) * 9) & MASK
        t = (s1 << 17) & MASK
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t
        self.s = [s0, s1, s2, rotl(s3, 45)]
        return result

    def uniform(self):  # [0, 1): top 53 bits
        return (self.next() >> 11) * 2.0 ** -53

    def normal(self):  # inversion of the open uniform (k + 1/2) 2^-52
        from scipy.special import ndtri
        return float(ndtri(((self.next() >> 12) + 0.5) * 2.0 ** -52))


def curve_value(curve, x, p):
    if curve == "logistic":
        return p[0] / (1 + math.exp((p[1] - x) / p[2]))
    if curve == "gompertz":
        return p[0] * math.exp(-p[1] * p[2] ** x)
    return p[0] / (1 + p[3] * math.exp((p[1] - x) / p[2])) ** (1 / p[3])


def start(curve, x, y):
    upper = 1.05 * max(y)
    pts = [(xi, yi) for xi, yi in zip(x, y) if 0.02 * upper < yi < upper]
    fallback = {"logistic": [max(y), sum(x) / len(x), 1.0], "gompertz": [max(y), 1.0, 0.8],
                "richards": [max(y), sum(x) / len(x), 1.0, 1.0]}[curve]
    if len(pts) < 2:
        return fallback
    z = [math.log(-math.log(yi / upper)) if curve == "gompertz" else math.log(upper / yi - 1) for _, yi in pts]
    xs = [xi for xi, _ in pts]
    xm, zm = sum(xs) / len(xs), sum(z) / len(z)
    sxx = sum((xi - xm) ** 2 for xi in xs)
    b = sum((xi - xm) * (zi - zm) for xi, zi in zip(xs, z)) / sxx if sxx > 0 else 0.0
    a = zm - b * xm
    if b == 0 or not math.isfinite(a) or not math.isfinite(b):
        return fallback
    if curve == "gompertz":
        return [upper, math.exp(a), math.exp(b)]
    return [upper, -a / b, -1 / b] + ([1.0] if curve == "richards" else [])


def growth(curve, series, points, noise, seed):
    rng = Xoshiro(seed)
    x = [float(i) for i in range(1, points + 1)]
    ys, starts, truths = [], [], []
    for _ in range(series):
        p = [lo + (hi - lo) * rng.uniform() for lo, hi in RANGES[curve]]
        y = [curve_value(curve, xi, p) + noise * p[0] * rng.normal() for xi in x]
        ys.append(y); starts.append(start(curve, x, y)); truths.append(p)
    return dict(x=x, y=ys, start=starts, truth=truths)


def decision(m, n, seed):
    rng = Xoshiro(seed)
    raw = [0.5 + rng.uniform() for _ in range(n)]
    weights = [w / sum(raw) for w in raw]
    benefit = [rng.uniform() < 0.5 for _ in range(n)]
    values = [[0.0] * n for _ in range(m)]
    for j in range(n):
        for i in range(m):
            values[i][j] = 1 + 99 * rng.uniform()
    return dict(weights=weights, benefit=benefit, values=values)


def max_rel(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(np.max(np.abs(a - b) / np.maximum(np.maximum(np.abs(a), np.abs(b)), 1e-300)))


def check(path, limit=200):
    d = read(path)
    if d["kind"] == "growth":
        k = min(d["series"], limit)
        ref = growth(d["curve"], k, d["points"], d["noise"], d["seed"])
        worst = max(max_rel(ref["y"], d["y"][:k]), max_rel(ref["start"], d["start"][:k]), max_rel(ref["truth"], d["truth"][:k]))
        what = f"{k} of {d['series']} {d['curve']} series"
    elif d["kind"] == "decision":
        m = d["alternatives"] if d["alternatives"] * d["criteria"] <= 200_000 else None
        if m is None:
            raise SystemExit("decision matrices above 200,000 cells are not regenerated in Python (too slow)")
        ref = decision(m, d["criteria"], d["seed"])
        worst = max(max_rel(ref["weights"], d["weights"]), max_rel(ref["values"], d["values"]),
                    float(np.any(np.asarray(ref["benefit"]) != d["benefit"])))
        what = f"{m} x {d['criteria']} decision matrix"
    else:
        raise SystemExit("count files are checked statistically by the Swift tests")
    print(f"{path}: {what}: largest relative difference from the recipe {worst:.3g}")
    return worst <= 1e-12


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "check":
        sys.exit(0 if check(sys.argv[2]) else 1)
    if len(sys.argv) == 8 and sys.argv[1:3] == ["reference", "growth"]:
        _, _, _, curve, s, n, noise, seed = sys.argv
        print(json.dumps(growth(curve, int(s), int(n), float(noise), int(seed))))
    elif len(sys.argv) == 6 and sys.argv[1:3] == ["reference", "decision"]:
        print(json.dumps(decision(int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))))
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(64)

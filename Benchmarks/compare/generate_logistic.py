#!/usr/bin/env python3
"""Synthetic logistic series for the Foresight vs MINPACK batch-fitting comparison.

Model (R's SSlogis):  y = Asym / (1 + exp((xmid - x) / scal)) + e,  x = 1, 2, ..., 20.

Per series (numpy.random.default_rng(seed), drawn in this order, vectorised over series):
    Asym ~ U[50, 150],  xmid ~ U[7, 13],  scal ~ U[1.5, 3.5],  e_i ~ N(0, (0.02 * Asym)^2).

Shared start rule (the same start vector is given to both peers, so that they solve the same
problems from the same points; it is deliberately cheap, a closed-form linearization as in R's
SSlogis):
    U     = 1.05 * max(y)
    use   = points with 0.02 * U < y < U            (the logit is defined and not noise-dominated)
    z_i   = log(U / y_i - 1)  =  (xmid - x_i) / scal  (ordinary least squares line z = a + b x)
    start = [Asym, xmid, scal] = [U, a * scal, -1 / b]   with scal = -1/b
    fallback (fewer than 2 usable points, or b == 0 or non-finite): [max(y), mean(x), 1].

Binary layout, little-endian throughout (both peers read it):
    offset  0: 8 bytes  magic "FSLOGIS1"
    offset  8: uint64   S, number of series
    offset 16: uint64   N, points per series
    offset 24: uint64   P, parameters per series (3: Asym, xmid, scal)
    offset 32: uint64   seed
    offset 40: float64  x[N]           (shared by every series)
               float64  y[S][N]        (series-major)
               float64  start[S][P]
               float64  truth[S][P]
Optional CSV (long format, header "series,x,y"; series ids s000000, s000001, ...).
"""
import argparse
import struct
import sys

import numpy as np

MAGIC = b"FSLOGIS1"


def generate(series: int, points: int, seed: int):
    rng = np.random.default_rng(seed)
    x = np.arange(1, points + 1, dtype=np.float64)
    asym = rng.uniform(50.0, 150.0, series)
    xmid = rng.uniform(7.0, 13.0, series)
    scal = rng.uniform(1.5, 3.5, series)
    clean = asym[:, None] / (1.0 + np.exp((xmid[:, None] - x[None, :]) / scal[:, None]))
    y = clean + rng.normal(0.0, 1.0, (series, points)) * (0.02 * asym)[:, None]
    truth = np.stack([asym, xmid, scal], axis=1)
    return x, y, starts(x, y), truth


def starts(x, y):
    series = y.shape[0]
    out = np.empty((series, 3))
    with np.errstate(divide="ignore", invalid="ignore"):
        for k in range(series):
            yk = y[k]
            upper = 1.05 * yk.max()
            use = (yk > 0.02 * upper) & (yk < upper)
            start = None
            if use.sum() >= 2:
                xs = x[use]
                z = np.log(upper / yk[use] - 1.0)
                xm, zm = xs.mean(), z.mean()
                sxx = ((xs - xm) ** 2).sum()
                b = ((xs - xm) * (z - zm)).sum() / sxx if sxx > 0 else 0.0
                a = zm - b * xm
                if b != 0 and np.isfinite(a) and np.isfinite(b):
                    s = -1.0 / b
                    start = (upper, a * s, s)
            out[k] = start if start is not None else (yk.max(), x.mean(), 1.0)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--series", type=int, default=100_000)
    parser.add_argument("--points", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20250101)
    parser.add_argument("--out", required=True, help="binary output file")
    parser.add_argument("--csv", help="also write the long-format CSV (series,x,y) here")
    args = parser.parse_args()
    x, y, start, truth = generate(args.series, args.points, args.seed)
    with open(args.out, "wb") as f:
        f.write(MAGIC)
        f.write(struct.pack("<4Q", args.series, args.points, 3, args.seed))
        for array in (x, y, start, truth):
            f.write(np.ascontiguousarray(array, dtype="<f8").tobytes())
    if args.csv:
        ids = np.repeat([f"s{k:06d}" for k in range(args.series)], args.points)
        xs = np.tile(x, args.series)
        with open(args.csv, "w") as f:
            f.write("series,x,y\n")
            for i, xv, yv in zip(ids, xs, y.ravel()):
                f.write(f"{i},{xv:.17g},{yv:.17g}\n")
    print(f"wrote {args.series} series of {args.points} points (seed {args.seed}) to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()

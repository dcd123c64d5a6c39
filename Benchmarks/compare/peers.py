#!/usr/bin/env python3
"""Python peers of Foresight's benchmarks, on the files written by `foresight synth`.

  peers.py topsis-numpy  FSDECMAT.bin [--out closeness.bin]  vectorized numpy TOPSIS (vector normalization)
  peers.py topsis-pymcdm FSDECMAT.bin                         pymcdm.methods.TOPSIS with vector normalization
  peers.py smaa-numpy    FSDECMAT.bin                         vectorized numpy SMAA-2 with the file's draw count
  peers.py curve-fit     FSGROWTH.bin [--series K]            scipy.optimize.curve_fit (method lm = MINPACK lmder, analytic Jacobian)
  peers.py least-squares FSGROWTH.bin [--series K]            scipy.optimize.least_squares (trf, analytic Jacobian)

Each prints one line `peer=NAME seconds=S work=W rate=R ...` where seconds is the median of
--reps timings (default 5; 3 for the fits) and rate is work per second. Fits start from the
file's start vectors (the same as every peer's) with the peer's default tolerances (looser than
Foresight's 1e-14, which favours the peer), on the first K series (default: all).
"""
import argparse
import sys
import time
import warnings

import numpy as np

from synthetic import read


def timed(fn, reps):
    times, result = [], None
    for _ in range(reps):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return float(np.median(times)), result


def topsis(values, weights, benefit):
    v = values / np.sqrt((values * values).sum(axis=0)) * weights
    best = np.where(benefit, v.max(axis=0), v.min(axis=0))
    worst = np.where(benefit, v.min(axis=0), v.max(axis=0))
    d_best = np.sqrt(((v - best) ** 2).sum(axis=1))
    d_worst = np.sqrt(((v - worst) ** 2).sum(axis=1))
    return d_worst / (d_best + d_worst)


def smaa(values, benefit, draws, rng):
    m, n = values.shape
    lo, hi = values.min(axis=0), values.max(axis=0)
    span = np.where(hi > lo, hi - lo, 1.0)
    norm = np.where(benefit, (values - lo) / span, (hi - values) / span)
    w = rng.exponential(size=(draws, n))
    w /= w.sum(axis=1, keepdims=True)
    scores = w @ norm.T
    ranks = np.argsort(np.argsort(-scores, axis=1, kind="stable"), axis=1)
    acceptability = np.stack([(ranks == r).mean(axis=0) for r in range(m)], axis=1)
    central = np.stack([w[ranks[:, i] == 0].mean(axis=0) if (ranks[:, i] == 0).any() else np.zeros(n) for i in range(m)])
    return acceptability, central


def logistic(x, asym, xmid, scal):
    return asym / (1.0 + np.exp((xmid - x) / scal))


def logistic_jac(x, asym, xmid, scal):
    e = np.exp((xmid - x) / scal)
    shape = 1.0 / (1.0 + e)
    value = asym * shape
    q = 1.0 / (1.0 / e + 1.0)
    return np.stack([shape, -value * q / scal, value * q * (xmid - x) / (scal * scal)], axis=1)


def fits(data, k, method):
    from scipy.optimize import curve_fit, least_squares

    x, y, start = data["x"], data["y"][:k], data["start"][:k]
    est, ok = np.full((k, 3), np.nan), np.zeros(k)
    for i in range(k):
        try:
            if method == "curve-fit":
                p, _ = curve_fit(logistic, x, y[i], p0=start[i], jac=logistic_jac, method="lm")
                est[i], ok[i] = p, 1.0
            else:
                r = least_squares(lambda t: logistic(x, *t) - y[i], start[i], jac=lambda t: logistic_jac(x, *t))
                est[i], ok[i] = r.x, float(r.success)
        except (RuntimeError, ValueError):
            pass
    return est, ok


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("peer", choices=["topsis-numpy", "topsis-pymcdm", "smaa-numpy", "curve-fit", "least-squares"])
    parser.add_argument("file")
    parser.add_argument("--series", type=int)
    parser.add_argument("--reps", type=int)
    parser.add_argument("--out")
    args = parser.parse_args()
    data = read(args.file)
    if args.peer in ("curve-fit", "least-squares"):
        if data["kind"] != "growth" or data["curve"] != "logistic":
            sys.exit(f"{args.file}: a logistic growth-series file is required")
        k = min(args.series or data["series"], data["series"])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            seconds, (est, ok) = timed(lambda: fits(data, k, args.peer), args.reps or 3)
        if args.out:
            np.concatenate([est.ravel(), ok]).astype("<f8").tofile(args.out)
        print(f"peer={args.peer} seconds={seconds:.6g} work={k} rate={k / seconds:.6g} converged={int(ok.sum())}")
        return
    if data["kind"] != "decision":
        sys.exit(f"{args.file}: a decision-matrix file is required")
    values, weights, benefit = data["values"], data["weights"], data["benefit"]
    reps = args.reps or 5
    if args.peer == "topsis-numpy":
        seconds, c = timed(lambda: topsis(values, weights, benefit), reps)
        if args.out:
            c.astype("<f8").tofile(args.out)
        print(f"peer=topsis-numpy seconds={seconds:.6g} work={len(c)} rate={len(c) / seconds:.6g} checksum={c.sum():.12g}")
    elif args.peer == "topsis-pymcdm":
        from pymcdm import normalizations
        from pymcdm.methods import TOPSIS

        method = TOPSIS(normalization_function=normalizations.vector_normalization)
        types = np.where(benefit, 1, -1)
        seconds, c = timed(lambda: method(values, weights, types), reps)
        print(f"peer=topsis-pymcdm seconds={seconds:.6g} work={len(c)} rate={len(c) / seconds:.6g}")
    else:
        draws = data["draws"]
        rng = np.random.default_rng(data["seed"])
        seconds, (acc, _) = timed(lambda: smaa(values, benefit, draws, rng), reps)
        print(f"peer=smaa-numpy seconds={seconds:.6g} work={draws} rate={draws / seconds:.6g} "
              f"first_rank_acceptability={','.join(f'{a:.4f}' for a in acc[:, 0])}")


if __name__ == "__main__":
    main()

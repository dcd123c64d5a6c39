#!/usr/bin/env python3
"""Peer for the scoring benchmarks: vectorized numpy TOPSIS and SMAA-2 on the same data as Foresight.

Usage:
  python3 scoring_numpy.py generate DIR [--seed 1]   # writes DIR/topsis.bin and DIR/smaa.bin
  python3 scoring_numpy.py topsis DIR/topsis.bin      # prints seconds per run and a checksum
  python3 scoring_numpy.py smaa DIR/smaa.bin          # prints seconds per run and acceptabilities

Binary layout (little-endian), shared with the Swift benchmark:
  magic   4 bytes  b"FSDM"
  version uint32   1
  rows    uint64   alternatives (m)
  cols    uint64   criteria (n)
  draws   uint64   SMAA weight draws (0 for TOPSIS data)
  seed    uint64   seed the generator used
  weights float64[n]
  benefit int8[n]  (1 benefit, 0 cost)
  values  float64[m*n] row-major (alternative by alternative)
SMAA draws weights uniformly on the simplex (normalised exponentials); numpy draws its own weights
with numpy's generator, so SMAA results agree in distribution (to Monte Carlo error), not bit for bit.
"""
import struct, sys, time, pathlib
import numpy as np

def write(path, values, weights, benefit, draws, seed):
    m, n = values.shape
    with open(path, "wb") as f:
        f.write(b"FSDM" + struct.pack("<IQQQQ", 1, m, n, draws, seed))
        f.write(np.asarray(weights, "<f8").tobytes()); f.write(np.asarray(benefit, "i1").tobytes())
        f.write(np.ascontiguousarray(values, "<f8").tobytes())

def read(path):
    data = pathlib.Path(path).read_bytes()
    assert data[:4] == b"FSDM", "not a Foresight decision-matrix file"
    _, m, n, draws, seed = struct.unpack_from("<IQQQQ", data, 4)
    offset = 4 + 36
    weights = np.frombuffer(data, "<f8", n, offset); offset += 8 * n
    benefit = np.frombuffer(data, "i1", n, offset).astype(bool); offset += n
    values = np.frombuffer(data, "<f8", m * n, offset).reshape(m, n)
    return values, weights, benefit, draws, seed

def topsis(values, weights, benefit):
    v = values / np.sqrt((values * values).sum(axis=0)) * weights
    best = np.where(benefit, v.max(axis=0), v.min(axis=0))
    worst = np.where(benefit, v.min(axis=0), v.max(axis=0))
    d_best = np.sqrt(((v - best) ** 2).sum(axis=1)); d_worst = np.sqrt(((v - worst) ** 2).sum(axis=1))
    return d_worst / (d_best + d_worst)

def smaa(values, benefit, draws, rng):
    m, n = values.shape
    lo, hi = values.min(axis=0), values.max(axis=0)
    span = np.where(hi > lo, hi - lo, 1.0)
    norm = np.where(benefit, (values - lo) / span, (hi - values) / span)
    w = rng.exponential(size=(draws, n)); w /= w.sum(axis=1, keepdims=True)
    scores = w @ norm.T                                   # draws x m
    ranks = np.argsort(np.argsort(-scores, axis=1, kind="stable"), axis=1)
    acceptability = np.stack([(ranks == r).mean(axis=0) for r in range(m)], axis=1)
    central = np.stack([w[ranks[:, i] == 0].mean(axis=0) if (ranks[:, i] == 0).any() else np.zeros(n) for i in range(m)])
    return acceptability, central

def timed(fn, repeats=5):
    times = []
    for _ in range(repeats):
        t = time.perf_counter(); result = fn(); times.append(time.perf_counter() - t)
    return float(np.median(times)), result

if __name__ == "__main__":
    cmd, target = sys.argv[1], sys.argv[2]
    if cmd == "generate":
        seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
        rng = np.random.default_rng(seed)
        d = pathlib.Path(target); d.mkdir(parents=True, exist_ok=True)
        n = 16; w = rng.uniform(0.5, 1.5, n); w /= w.sum()
        write(d / "topsis.bin", rng.uniform(1, 100, (1_000_000, n)), w, rng.integers(0, 2, n), 0, seed)
        n = 10; w = np.full(n, 1 / n)
        write(d / "smaa.bin", rng.uniform(1, 100, (3, n)), w, rng.integers(0, 2, n), 1_000_000, seed)
    elif cmd == "topsis":
        values, weights, benefit, _, _ = read(target)
        seconds, c = timed(lambda: topsis(values, weights, benefit))
        print(f"numpy topsis {values.shape[0]}x{values.shape[1]}: {seconds:.4f} s (median of 5), checksum {c.sum():.10g}, best {int(c.argmax())}")
    elif cmd == "smaa":
        values, weights, benefit, draws, seed = read(target)
        rng = np.random.default_rng(seed)
        seconds, (acc, central) = timed(lambda: smaa(values, benefit, draws, rng))
        print(f"numpy smaa {draws} draws, {values.shape[0]}x{values.shape[1]}: {seconds:.4f} s (median of 5)")
        print("rank acceptabilities:", np.round(acc, 4).tolist())

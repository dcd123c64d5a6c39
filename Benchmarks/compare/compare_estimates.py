#!/usr/bin/env python3
"""Agreement between two peers' estimates (files: float64 est[S][P] then float64 converged[S], 1 or 0).

Prints the number of series both peers report as converged, the median and maximum over those
series of the largest relative difference across the three parameters, and how many exceed 1e-6.
Usage: compare_estimates.py A.bin B.bin SERIES
"""
import sys

import numpy as np


def load(path, series):
    raw = open(path, "rb").read()
    est = np.frombuffer(raw, dtype="<f8", count=3 * series).reshape(series, 3)
    ok = np.frombuffer(raw, dtype="<f8", count=series, offset=24 * series) != 0
    return est, ok


def main():
    a_path, b_path, series = sys.argv[1], sys.argv[2], int(sys.argv[3])
    a, a_ok = load(a_path, series)
    b, b_ok = load(b_path, series)
    both = a_ok & b_ok
    rel = np.abs(a - b) / np.maximum(np.maximum(np.abs(a), np.abs(b)), 1e-300)
    worst = rel.max(axis=1)[both]
    print(f"both_converged={both.sum()} only_first={int((a_ok & ~b_ok).sum())} only_second={int((~a_ok & b_ok).sum())} "
          f"median_rel_diff={np.median(worst):.3g} p99_rel_diff={np.quantile(worst, 0.99):.3g} "
          f"max_rel_diff={worst.max():.3g} above_1e-6={int((worst > 1e-6).sum())}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Reference quantiles for ForecastingTests: numpy.quantile with its default method ("linear",
Hyndman & Fan / R type 7) on a few sorted vectors, including +inf at the top (draws that never
reach a target). Writes quantiles.json next to this script; non-finite values as the strings
"inf" / "nan".

numpy interpolates between +inf and +inf (or with weight 0 next to +inf) to nan, whereas the
quantile of draws some of which are +inf is meant as the limit when those draws grow without
bound; so +inf is replaced by a huge finite surrogate (1e200) before numpy.quantile, and results
above 1e100 are mapped back to +inf. Run: python3 make_quantiles.py"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = {
    "single": [7.0],
    "two": [1.0, 3.0],
    "ties": [2.0, 2.0, 2.0, 5.0, 5.0, 9.0],
    "irregular": [-3.5, -1.0, 0.0, 0.25, 2.0, 2.0, 7.5, 11.0, 40.0, 41.5, 100.0],
    "inf_top": [2021.5, 2022.25, 2023.0, 2024.75, float("inf"), float("inf"), float("inf")],
    "mostly_inf": [2026.1, float("inf"), float("inf"), float("inf"), float("inf")],
}
PROBABILITIES = [0.0, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.975, 1.0, 1 / 3]


def encode(x):
    x = float(x)
    if np.isnan(x):
        return "nan"
    if np.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def main():
    cases = []
    for name, values in VECTORS.items():
        values = sorted(values)
        surrogate = np.array([1e200 if np.isinf(v) else v for v in values])
        q = [np.quantile(surrogate, p) for p in PROBABILITIES]
        q = [float("inf") if v > 1e100 else v for v in q]
        cases.append({"name": name, "values": [encode(v) for v in values], "probabilities": PROBABILITIES,
                      "quantiles": [encode(v) for v in q]})
    with open(os.path.join(HERE, "quantiles.json"), "w") as f:
        json.dump({"generated_by": "make_quantiles.py", "numpy": np.__version__, "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()

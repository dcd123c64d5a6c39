#!/usr/bin/env python3
"""Reference values for ProperScoresTests and the calibration study's true predictive
distribution. Writes proper_scores.json next to this script. Run: python3 make_proper_scores.py
(needs numpy, scipy and properscoring: pip install properscoring scipy numpy).

Each quantity is computed independently of the Swift code:

- crps: properscoring.crps_ensemble(y, members, weights=...) -- the CRPS of the (weighted)
  empirical distribution, E|X - y| - 1/2 E|X - X'| (not the "fair" variant).
- interval: the interval score of Gneiting & Raftery (2007), eq. 43, in numpy:
  (u - l) + (2/alpha)(l - y)1{y < l} + (2/alpha)(y - u)1{y > u}, alpha = 1 - level.
- log: the log score as documented in ProperScores.swift: -log p(y), p(y) the weight of the
  members equal to y (weights normalized), floored at 1/(2N) with N the members of positive
  weight (integer-valued members).
- pit: the non-randomized PIT histogram of Czado, Gneiting & Held (2009), Biometrics 65,
  eq. 2-3: F(u | y) = 1 for u >= P(y), 0 for u <= P(y-1), (u - P(y-1))/(P(y) - P(y-1))
  between (a point mass when P(y-1) = P(y)); the bins are differences of the mean of
  F(u | y) at u = j/bins, with 0 at u = 0 (the first bin is [0, 1/bins]). P is each
  forecast's empirical CDF. The case includes an outcome above every member (PIT 1), one below
  every member (PIT 0) and a one-member forecast.
- brier: (p - o)^2.
- poisson: the predictive distribution shift + Poisson(mean) of a count (the calibration
  study's truth, N(T) + Poisson(m(t) - m(T))): its CRPS exactly as
  sum_x (F(x) - 1{y <= x})^2 over the integers x (scipy.stats.poisson), its central intervals
  (lower = shift + ppf(alpha/2), upper = shift + ppf(1 - alpha/2)) and their exact coverage
  P(lower <= X <= upper), and P(X >= target).
"""
import json
import os

import numpy as np
import properscoring
import scipy
from scipy.stats import poisson

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20251203)


def crps_cases():
    draws = rng.poisson(20.0, size=500).astype(float)
    mixed = np.concatenate([rng.poisson(12.0, size=300), rng.poisson(30.0, size=200)]).astype(float)
    mixed_weights = np.concatenate([np.full(300, 0.7 / 300), np.full(200, 0.3 / 200)])
    spread = rng.normal(3.0, 2.0, size=97)
    cases = [
        ("single member, above", [7.0], None, 9.5),
        ("single member, equal", [7.0], None, 7.0),
        ("two members", [1.0, 3.0], None, 2.5),
        ("ties", [2.0, 2.0, 2.0, 5.0, 5.0, 9.0], None, 5.0),
        ("ties, observation below all", [2.0, 2.0, 2.0, 5.0, 5.0, 9.0], None, -1.0),
        ("ties, observation above all", [2.0, 2.0, 2.0, 5.0, 5.0, 9.0], None, 40.0),
        ("unsorted, non-integer", [4.25, -1.5, 0.0, 11.0, 3.0, 3.0, 2.75], None, 1.0),
        ("weighted", [1.0, 2.0, 4.0, 8.0], [0.1, 0.2, 0.3, 0.4], 3.0),
        ("weighted, unnormalized, ties", [3.0, 1.0, 3.0, 6.0, 1.0], [2.0, 0.5, 1.0, 4.0, 0.5], 2.0),
        ("weighted, one zero weight", [5.0, 10.0, 20.0], [1.0, 0.0, 3.0], 11.0),
        ("500 Poisson(20) draws", draws.tolist(), None, 24.0),
        ("mixture of Poisson draws, weighted", mixed.tolist(), mixed_weights.tolist(), 19.0),
        ("97 normal draws", spread.tolist(), None, 2.0),
        ("97 normal draws, random weights", spread.tolist(), rng.uniform(0.1, 2.0, size=97).tolist(), 6.5),
    ]
    out = []
    for name, members, weights, y in cases:
        w = None if weights is None else np.array(weights)
        value = float(properscoring.crps_ensemble(y, np.array(members), weights=w))
        out.append({"name": name, "members": members, "weights": weights, "observation": y, "crps": value})
    return out


def interval_score(lower, upper, level, y):
    alpha = 1.0 - level
    return (upper - lower) + (2.0 / alpha) * np.maximum(0.0, lower - y) + (2.0 / alpha) * np.maximum(0.0, y - upper)


def interval_cases():
    rows = [(10, 20, 0.8, 15), (10, 20, 0.8, 10), (10, 20, 0.8, 20), (10, 20, 0.8, 7), (10, 20, 0.8, 26.5),
            (10, 20, 0.95, 7), (10, 20, 0.95, 26.5), (3.5, 3.5, 0.95, 3.5), (3.5, 3.5, 0.95, 4.0), (0, 100, 0.5, -3)]
    return [{"lower": float(l), "upper": float(u), "level": lv, "observation": float(y),
             "score": float(interval_score(l, u, lv, y))} for l, u, lv, y in rows]


def log_score(members, weights, y):
    members = np.asarray(members, dtype=float)
    w = np.ones_like(members) if weights is None else np.asarray(weights, dtype=float)
    keep = w > 0
    members, w = members[keep], w[keep] / w[keep].sum()
    mass = w[members == y].sum()
    return float(-np.log(max(mass, 1.0 / (2 * len(members)))))


def log_cases():
    draws = rng.poisson(8.0, size=400).tolist()
    cases = [
        ("hit", [3, 4, 4, 5, 6], None, 4),
        ("miss: half a draw", [3, 4, 4, 5, 6], None, 9),
        ("single member hit", [7], None, 7),
        ("weighted hit", [1, 2, 2, 3], [0.1, 0.2, 0.3, 0.4], 2),
        ("weighted, zero weight on the outcome", [1, 2, 3], [1.0, 0.0, 1.0], 2),
        ("400 Poisson(8) draws", draws, None, 8),
        ("400 Poisson(8) draws, far tail", draws, None, 30),
    ]
    return [{"name": n, "members": [float(v) for v in m], "weights": w, "observation": float(y), "log_score": log_score(m, w, y)}
            for n, m, w, y in cases]


def ecdf(members, weights, x):
    members = np.asarray(members, dtype=float)
    w = np.ones_like(members) if weights is None else np.asarray(weights, dtype=float)
    return float(w[members <= x].sum() / w.sum())


def pit_case(bins):
    forecasts, observations = [], []
    for _ in range(40):
        mean = rng.uniform(2.0, 15.0)
        forecasts.append(rng.poisson(mean, size=int(rng.integers(1, 60))).astype(float).tolist())
        observations.append(float(rng.poisson(mean * rng.uniform(0.6, 1.5))))
    forecasts.append([5.0])  # a point forecast: P(y-1), P(y) are 0 or 1
    observations.append(5.0)
    forecasts.append([1.0, 2.0, 3.0])  # an outcome below every member
    observations.append(0.0)
    ranges = [(ecdf(f, None, y - 1), ecdf(f, None, y)) for f, y in zip(forecasts, observations)]

    def conditional(u, lower, upper):
        # The CDF of a PIT uniform on [lower, upper] (a point mass when they are equal).
        if u >= upper:
            return 1.0
        if u <= lower:
            return 0.0
        return (u - lower) / (upper - lower)

    # Every PIT lies in [0, 1]: the mean CDF is 0 just below u = 0 (the first bin is [0, 1/bins]).
    levels = np.array([0.0] + [np.mean([conditional(j / bins, lo, up) for lo, up in ranges]) for j in range(1, bins + 1)])
    return {"bins": bins, "forecasts": forecasts, "observations": observations,
            "ranges": [[lo, up] for lo, up in ranges], "histogram": np.diff(levels).tolist()}


def poisson_cases():
    rows = [(0, 3.2, 2), (25, 4.7, 31), (25, 4.7, 25), (30, 0.8, 30), (30, 0.8, 36), (12, 17.5, 12), (12, 17.5, 60),
            (40, 1e-3, 40), (18, 35.25, 50)]
    out = []
    for shift, mean, y in rows:
        top = int(shift + poisson.ppf(1 - 1e-15, mean)) + 5
        xs = np.arange(shift, max(top, y) + 1)
        F = poisson.cdf(xs - shift, mean)
        crps = float(np.sum((F - (y <= xs)) ** 2))
        intervals = []
        for level in (0.8, 0.95):
            alpha = 1 - level
            lo, up = shift + poisson.ppf(alpha / 2, mean), shift + poisson.ppf(1 - alpha / 2, mean)
            cover = poisson.cdf(up - shift, mean) - poisson.cdf(lo - shift - 1, mean)
            intervals.append({"level": level, "lower": float(lo), "upper": float(up), "coverage": float(cover)})
        target = shift + 3
        out.append({"shift": shift, "mean": mean, "observation": float(y), "crps": crps, "intervals": intervals,
                    "target": target, "probability_reaching_target": float(poisson.sf(target - shift - 1, mean))})
    return out


def main():
    document = {
        "generated_by": "make_proper_scores.py",
        "numpy": np.__version__, "scipy": scipy.__version__, "properscoring": "0.1",
        "crps": crps_cases(), "interval": interval_cases(), "log": log_cases(),
        "pit": pit_case(10),
        "brier": [{"probability": p, "happened": o, "score": (p - (1.0 if o else 0.0)) ** 2}
                  for p, o in [(0.0, False), (0.0, True), (0.3, True), (0.3, False), (1.0, True), (0.975, False)]],
        "poisson": poisson_cases(),
    }
    with open(os.path.join(HERE, "proper_scores.json"), "w") as f:
        json.dump(document, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Reference CRPS-stacking weights for ForecastingTests (Stacking.crpsWeights): seeded ensembles
of integer counts from three or four "models" (Poisson / negative binomial draws around different
means) at several backtest points, the observed outcomes, and the weights that minimize the mean
CRPS of the mixture over the simplex, found independently: the mixture CRPS is computed with
properscoring.crps_ensemble (weighted members) and minimized with scipy.optimize.minimize (SLSQP,
tight tolerances, several starts; the best kept). Writes stacking.json.
Run: pip install properscoring scipy numpy; python3 make_stacking.py"""
import json
import os

import numpy as np
import properscoring as ps
from scipy.optimize import minimize

HERE = os.path.dirname(os.path.abspath(__file__))


def mixture_crps(w, samples, outcomes):
    total = 0.0
    for j, y in enumerate(outcomes):
        members = np.concatenate([s[j] for s in samples])
        weights = np.concatenate([np.full(len(s[j]), wk / len(s[j])) for s, wk in zip(samples, w)])
        total += ps.crps_ensemble(y, members, weights=weights)
    return total / len(outcomes)


def solve(samples, outcomes):
    k = len(samples)
    best = None
    rng = np.random.default_rng(7)
    starts = [np.full(k, 1 / k)] + [rng.dirichlet(np.ones(k)) for _ in range(4)]
    for x0 in starts:
        r = minimize(lambda w: mixture_crps(np.clip(w, 0, None), samples, outcomes), x0, method="SLSQP",
                     bounds=[(0, 1)] * k, constraints=[{"type": "eq", "fun": lambda w: np.sum(w) - 1}],
                     options={"ftol": 1e-14, "maxiter": 1000})
        if best is None or r.fun < best.fun:
            best = r
    w = np.clip(best.x, 0, None)
    return (w / w.sum()).tolist(), float(best.fun)


def case(name, seed, means, dispersions, truth_mean, points, draws):
    rng = np.random.default_rng(seed)
    outcomes = rng.poisson(truth_mean, size=points).astype(float).tolist()
    samples = []
    for m, phi in zip(means, dispersions):
        per_point = []
        for j in range(points):
            mu = m * (1 + 0.1 * j)
            if phi > 1:
                lam = rng.gamma(mu / (phi - 1), phi - 1, size=draws)
                per_point.append(rng.poisson(lam).astype(float))
            else:
                per_point.append(rng.poisson(mu, size=draws).astype(float))
        samples.append(per_point)
    weights, value = solve(samples, outcomes)
    return {"name": name, "outcomes": outcomes,
            "samples": [[s.tolist() for s in per_point] for per_point in samples],
            "weights": weights, "mean_crps": value}


cases = [
    case("two_good_one_bad", 1, [10, 12, 30], [1, 2, 1], 11, 8, 60),
    case("spread_matters", 2, [20, 20, 20], [1, 4, 12], 20, 10, 80),
    case("four_models", 3, [5, 8, 11, 14], [1, 1, 3, 1], 9, 12, 50),
]
with open(os.path.join(HERE, "stacking.json"), "w") as f:
    json.dump({"generator": "make_stacking.py", "cases": cases}, f)
print("wrote stacking.json:", [(c["name"], [round(w, 4) for w in c["weights"]]) for c in cases])

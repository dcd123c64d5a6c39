"""Reference SMAA-2 rank acceptabilities with Dirichlet weights centred on stated weights.

An independent numpy implementation, written from the definitions (Lahdelma & Salminen 2001,
SMAA-2), not from the Swift code:
  * weights  w ~ Dirichlet(kappa * wbar), wbar = stated weights / their sum (numpy's
             Generator.dirichlet);
  * values   a cell is a number or an interval [low, high], drawn uniformly per draw;
  * model    linear partial values over each criterion's range [lo, hi] = [min, max] of the cell
             values and interval bounds: (x - lo)/(hi - lo) for benefit, (hi - x)/(hi - lo) for
             cost; additive utility u_i = sum_j w_j u_j(x_ij);
  * ranks    competition ranks 1 + #{k : u_k > u_i}; b[i][r] = share of draws with rank r + 1.
With 2,000,000 draws numpy's own standard error is at most 0.5/sqrt(2e6) = 3.5e-4.
Run:  python3 make_smaa_dirichlet.py   (writes smaa_dirichlet.json next to this file; needs numpy)
"""
import json
import os

import numpy as np

DRAWS = 2_000_000
CHUNK = 250_000
SEED = 20261204

# One exact 4x4 matrix, under two weight models.
EXACT_ROWS = [[8.0, 30.0, 5.0, 2.0],
              [6.0, 20.0, 7.0, 3.0],
              [9.0, 40.0, 6.0, 1.0],
              [7.0, 25.0, 4.0, 2.0]]
EXACT_DIRECTIONS = ["benefit", "cost", "benefit", "cost"]

CASES = [
    {
        "name": "exact 4x4, kappa 50",
        "rows": EXACT_ROWS,
        "directions": EXACT_DIRECTIONS,
        "weights": [0.4, 0.3, 0.2, 0.1],
        "concentration": 50.0,
    },
    {
        "name": "exact 4x4, kappa 5, unnormalised stated weights",
        "rows": EXACT_ROWS,
        "directions": EXACT_DIRECTIONS,
        "weights": [4.0, 3.0, 2.0, 1.0],
        "concentration": 5.0,
    },
    {
        "name": "interval cells 4x3, kappa 20",
        "rows": [[[0.5, 0.9], 120.0, 3.0],
                 [0.6, [90.0, 140.0], 4.0],
                 [0.8, 150.0, [2.0, 5.0]],
                 [[0.4, 0.7], 100.0, 5.0]],
        "directions": ["benefit", "cost", "benefit"],
        "weights": [0.5, 0.3, 0.2],
        "concentration": 20.0,
    },
]


def acceptabilities(case, rng):
    rows = case["rows"]
    m, n = len(rows), len(rows[0])
    low = np.array([[c[0] if isinstance(c, list) else c for c in row] for row in rows])
    high = np.array([[c[1] if isinstance(c, list) else c for c in row] for row in rows])
    lo, hi = low.min(axis=0), high.max(axis=0)
    benefit = np.array([d == "benefit" for d in case["directions"]])
    wbar = np.array(case["weights"]) / np.sum(case["weights"])
    alpha = case["concentration"] * wbar
    counts = np.zeros((m, m))
    done = 0
    while done < DRAWS:
        size = min(CHUNK, DRAWS - done)
        w = rng.dirichlet(alpha, size=size)                                  # (size, n)
        x = low[None, :, :] + (high - low)[None, :, :] * rng.random((size, m, n))
        partial = np.where(benefit, (x - lo) / (hi - lo), (hi - x) / (hi - lo))
        u = np.einsum("dij,dj->di", partial, w)                             # (size, m)
        rank = (u[:, None, :] > u[:, :, None]).sum(axis=2)                  # rank - 1 of i
        for i in range(m):
            counts[i] += np.bincount(rank[:, i], minlength=m)
        done += size
    return (counts / DRAWS).tolist()


def main():
    rng = np.random.default_rng(SEED)
    out = {
        "script": "Tests/ScoringTests/Fixtures/make_smaa_dirichlet.py",
        "command": "python3 Tests/ScoringTests/Fixtures/make_smaa_dirichlet.py",
        "numpy": np.__version__,
        "seed": SEED,
        "draws": DRAWS,
        "cases": [],
    }
    for case in CASES:
        out["cases"].append(dict(case, acceptability=acceptabilities(case, rng)))
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "smaa_dirichlet.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()

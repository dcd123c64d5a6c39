"""Reference values for the Scoring tests: an independent re-implementation in numpy.

Written from the published definitions, not from the Swift code:
  * CRITIC  - Diakoulaki, Mavrotas & Papayannakis (1995), Computers & OR 22(7):763-770.
              Criteria are min-max normalized towards "goodness" (cost: (max-x)/(max-min)),
              C_j = std_j * sum_k (1 - corr_jk), w = C / sum C.
  * PROMETHEE II - Brans & Vincke (1985), Management Science 31(6):647-656. pi(a,b) = sum_j w_j P_j(d_j),
              phi+ and phi- averaged over m-1, net flow phi = phi+ - phi-.
  * VIKOR   - Opricovic & Tzeng (2004), EJOR 156(2):445-455. S, R, Q with v = 0.5.
Run:  python3 make_fixtures.py   (writes reference.json next to this file; needs only numpy)
"""
import json
import os

import numpy as np

X = np.array([[250.0, 7.0, 12.0, 3.0],
              [200.0, 6.0, 10.0, 4.0],
              [300.0, 9.0, 15.0, 5.0],
              [275.0, 8.0, 8.0, 2.0],
              [225.0, 5.0, 14.0, 4.0]])
TYPES = np.array([-1, 1, -1, 1])          # price (cost), quality, delivery days (cost), support
W = np.array([0.35, 0.30, 0.20, 0.15])
V = 0.5

PROMETHEE = {
    "usual": {},
    "linear": {"q": [10.0, 0.5, 1.0, 0.5], "p": [50.0, 2.0, 4.0, 2.0]},
    "vshape": {"p": [60.0, 3.0, 5.0, 2.0]},
    "gaussian": {"s": [30.0, 1.5, 2.5, 1.0]},
}


def critic(x, types):
    lo, hi = x.min(axis=0), x.max(axis=0)
    n = np.where(types == 1, (x - lo) / (hi - lo), (hi - x) / (hi - lo))
    std = n.std(axis=0, ddof=1)
    r = np.corrcoef(n, rowvar=False)
    c = std * (1.0 - r).sum(axis=1)
    return c / c.sum()


def preference(kind, d, j):
    params = PROMETHEE[kind]
    if d <= 0:
        return 0.0
    if kind == "usual":
        return 1.0
    if kind == "linear":
        q, p = params["q"][j], params["p"][j]
        return 0.0 if d <= q else (1.0 if d > p else (d - q) / (p - q))
    if kind == "vshape":
        p = params["p"][j]
        return 1.0 if d > p else d / p
    if kind == "gaussian":
        s = params["s"][j]
        return 1.0 - np.exp(-d * d / (2 * s * s))
    raise ValueError(kind)


def promethee(x, types, w, kind):
    m, n = x.shape
    pi = np.zeros((m, m))
    for a in range(m):
        for b in range(m):
            if a != b:
                pi[a, b] = sum(w[j] * preference(kind, types[j] * (x[a, j] - x[b, j]), j) for j in range(n))
    plus = pi.sum(axis=1) / (m - 1)
    minus = pi.sum(axis=0) / (m - 1)
    return plus, minus, plus - minus


def vikor(x, types, w, v):
    best = np.where(types == 1, x.max(axis=0), x.min(axis=0))
    worst = np.where(types == 1, x.min(axis=0), x.max(axis=0))
    d = w * (best - x) / (best - worst)
    s, r = d.sum(axis=1), d.max(axis=1)
    q = v * (s - s.min()) / (s.max() - s.min()) + (1 - v) * (r - r.min()) / (r.max() - r.min())
    return s, r, q


def main():
    out = {
        "matrix": X.tolist(),
        "types": TYPES.tolist(),
        "weights": W.tolist(),
        "critic_weights": critic(X, TYPES).tolist(),
        "promethee": {},
        "vikor": dict(zip(("s", "r", "q"), (a.tolist() for a in vikor(X, TYPES, W, V)))),
    }
    out["vikor"]["v"] = V
    for kind in PROMETHEE:
        plus, minus, net = promethee(X, TYPES, W, kind)
        out["promethee"][kind] = {"params": PROMETHEE[kind], "leaving": plus.tolist(),
                                  "entering": minus.tolist(), "net": net.tolist()}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()

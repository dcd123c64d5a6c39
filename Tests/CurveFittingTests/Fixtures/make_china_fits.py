#!/usr/bin/env python3
"""Reference fits of growth curves to China's national MIC cumulative counts (writes china_mic_fits.json).

Data: the rows of Data/ official_center_counts.csv (program "China MICs", count_type starting with
"national, cumulative"), dates as decimal years (a day: year + (day of year - 1)/days in year; a
month alone: its midpoint), rounded to 4 decimals, exactly as in GrowthModelRealDataTests.swift.

Method: scipy.optimize.least_squares (method "lm", MINPACK, analytic Jacobian) with tolerances at
machine precision, started from values near the optimum; standard errors from
sigma^2 (J^T J)^-1 with sigma^2 = RSS/(n - p), J from an SVD (as R's nls summary does).
Parametrizations (as in Foresight's growth models):
  logistic  y = Asym / (1 + exp((xmid - x)/scal))
  gompertz  y = Asym * exp(-b2 * b3**(x - 2015))          (time origin 2015)
  richards  y = Asym / (1 + nu*exp((xmid - x)/scal))**(1/nu)

Richards is fitted to NIST's Rat43 data (onion bulb growth, the Richards family), and to the China
counts with the model extended as Foresight defines it for nu < 0: the curve is 0 where
1 + nu*exp((xmid - x)/scal) <= 0 (growth starts at a finite x), with a zero gradient there. From
the start (40, 2020, 1.5, 0.5) that fit converges to a local minimum with nu = -0.92 (RSS 5.874);
the textbook model without the extension stops on the edge of its domain instead (nu -> -0.55,
RSS 7.71 to 7.84 depending on start and method). Lower sums of squares exist toward nu < -1 with
estimates running off (RSS 4.73 at Asym = 4e4 from the start (35, 2019, 2, -0.5)), so the reference
is the local minimum from that start.
"""
import json, pathlib
import numpy as np, scipy
from scipy.optimize import least_squares

x = np.array([2016.4945, 2017.1890, 2017.9068, 2018.0795, 2018.4548, 2019.0425, 2019.3712, 2019.4795,
              2020.8743, 2023.9575, 2024.2063, 2024.5273, 2024.7077, 2025.4932, 2025.6877])
y = np.array([1, 1, 3, 5, 7, 10, 12, 13, 17, 29, 29, 30, 30, 33, 33], dtype=float)

def logistic(b, x):
    A, m, s = b; e = np.exp((m - x) / s); f = A / (1 + e)
    return f, np.column_stack([1 / (1 + e), -A * e / s / (1 + e) ** 2, A * e * (m - x) / s**2 / (1 + e) ** 2])

def gompertz(b, x):
    A, b2, b3 = b; t = x - 2015; p = b3 ** t; f = A * np.exp(-b2 * p)
    return f, np.column_stack([np.exp(-b2 * p), -A * p * np.exp(-b2 * p), -A * b2 * t * b3 ** (t - 1) * np.exp(-b2 * p)])

def richards(b, x):
    A, m, s, nu = b; e = np.exp((m - x) / s); base = 1 + nu * e; f = A * base ** (-1 / nu)
    dA = base ** (-1 / nu)
    dbase = -A / nu * base ** (-1 / nu - 1)
    dm = dbase * nu * e / s
    ds = dbase * nu * e * (-(m - x) / s**2)
    dnu = f * (np.log(base) / nu**2) + dbase * e
    return f, np.column_stack([dA, dm, ds, dnu])

def richards_extended(b, x):
    A, m, s, nu = b; e = np.exp((m - x) / s); base = 1 + nu * e
    inside = base > 0; safe = np.where(inside, base, 1.0)
    f = np.where(inside, A * safe ** (-1 / nu), 0.0)
    dbase = np.where(inside, -A / nu * safe ** (-1 / nu - 1), 0.0)
    return f, np.column_stack([np.where(inside, safe ** (-1 / nu), 0.0), dbase * nu * e / s,
                               dbase * nu * e * (-(m - x) / s**2),
                               np.where(inside, f * (np.log(safe) / nu**2) + dbase * e, 0.0)])

def fit(model, start):
    res = least_squares(lambda b: model(b, x)[0] - y, start, jac=lambda b: model(b, x)[1], method="lm",
                        xtol=1e-15, ftol=1e-15, gtol=1e-15, max_nfev=100000)
    b = res.x; f, J = model(b, x); r = y - f; rss = float(r @ r); n, p = J.shape
    U, s, Vt = np.linalg.svd(J, full_matrices=False)
    cov = rss / (n - p) * (Vt.T / s**2) @ Vt
    return {"start": list(map(float, start)), "estimates": b.tolist(), "std_errors": np.sqrt(np.diag(cov)).tolist(),
            "rss": rss, "status": int(res.status), "message": res.message}

rat43_x = np.arange(1.0, 16.0)
rat43_y = np.array([16.08, 33.83, 65.80, 97.20, 191.55, 326.20, 386.87, 520.53, 590.03, 651.92, 724.93, 699.56,
                    689.96, 637.56, 717.41])

def fit_on(model, start, xs, ys):
    global x, y
    saved = (x, y)
    x, y = xs, ys
    try:
        return fit(model, start)
    finally:
        x, y = saved

out = {"generator": f"scipy {scipy.__version__} least_squares(method='lm'), numpy {np.__version__}",
       "x": x.tolist(), "y": y.tolist(),
       "logistic": fit(logistic, [35.0, 2020.0, 1.5]),
       "gompertz": fit(gompertz, [40.0, 5.0, 0.7]),
       "richards": fit(richards_extended, [40.0, 2020.0, 1.5, 0.5]),
       "richards_rat43": dict(fit_on(richards, [700.0, 5.0, 1.3, 1.3], rat43_x, rat43_y),
                              x=rat43_x.tolist(), y=rat43_y.tolist())}
path = pathlib.Path(__file__).resolve().parent / "china_mic_fits.json"
path.write_text(json.dumps(out, indent=1) + "\n")
for k in ("logistic", "gompertz", "richards", "richards_rat43"):
    print(k, out[k]["estimates"], out[k]["std_errors"], out[k]["rss"], out[k]["message"])

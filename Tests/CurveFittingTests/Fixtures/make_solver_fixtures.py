#!/usr/bin/env python3
"""Reference values for SolverFeatureTests.swift and ModelComparisonTests.swift (writes solver_features.json).

Every case names its model by a formula that Foresight's FormulaModel and sympy both read (`**` for powers,
`exp`); sympy differentiates it, so scipy runs with the analytic Jacobian. Data are generated here from a
fixed seed, rounded to 4 decimals, and stored: the Swift tests fit the stored numbers, never regenerate them.

Sections (scipy 1.17, numpy 2; tolerances at machine precision everywhere):
- weighted: curve_fit(sigma=1/sqrt(w), absolute_sigma=False, method='lm'), which minimizes sum w r^2;
  standard errors from its pcov = s^2 (Jw^T Jw)^-1, s^2 = sum w r^2 / (n - p).
- robust: least_squares(loss=..., f_scale=C, method='trf'); Foresight minimizes sum C^2 rho((r/C)^2),
  which is 2 * scipy's cost. Each fit is repeated with method='dogbox' from another start and must agree to 1e-8
  relative (trf stops about 1e-9 short of the minimum for these losses, well inside the tests' 1e-6).
- bounds: least_squares(bounds=..., method='trf'); cases with an active upper bound of a two-sided box,
  an active lower-only bound, and boxes that are all inactive (equal to the unconstrained fit).
- bands: delta method at new x: g = df/dtheta at theta_hat, se = sqrt(g^T Cov g), Cov = s^2 (J^T J)^-1 from
  an SVD, t = scipy.stats.t.ppf((1 + level)/2, n - p); confidence fitted +- t*se, prediction
  fitted +- t*sqrt(se^2 + s^2).
- criteria: R's logLik.nls convention, k = p + 1 (the variance counts):
  logLik = -n/2 (log 2pi + log(RSS/n) + 1) + 1/2 sum log w, AIC = -2 logLik + 2k,
  AICc = AIC + 2k(k+1)/(n-k-1), BIC = -2 logLik + k log n.
- comparison: growth models (Foresight's parametrizations, time origin 0) fitted with method='lm' to data
  generated from a Gompertz curve, then polished by Newton's method in 40-digit arithmetic (mpmath; see
  polish(): lm stops 6e-6 short in the Richards nu), ranked by AICc with Akaike weights
  exp(-delta/2)/sum exp(-delta/2). scipy's own estimates are kept as scipy_estimates.

Run: python3 make_solver_fixtures.py   (rewrites solver_features.json beside this script)
"""
import json, pathlib
import mpmath, numpy as np, scipy, sympy
from scipy import stats
from scipy.optimize import curve_fit, least_squares

TOL = dict(xtol=1e-15, ftol=1e-15, gtol=1e-15)


class Model:
    """A formula with its sympy gradient, evaluated with numpy."""

    def __init__(self, formula, parameters):
        self.formula, self.parameters = formula, parameters
        symbols = {name: sympy.Symbol(name) for name in parameters + ["x"]}
        expr = sympy.sympify(formula, locals=symbols)
        args = [symbols["x"]] + [symbols[name] for name in parameters]
        self._f = sympy.lambdify(args, expr, "numpy")
        self._g = [sympy.lambdify(args, sympy.diff(expr, symbols[name]), "numpy") for name in parameters]

    def value(self, b, x):
        return np.broadcast_to(np.asarray(self._f(x, *b), dtype=float), x.shape).copy()

    def jacobian(self, b, x):
        return np.column_stack([np.broadcast_to(np.asarray(g(x, *b), dtype=float), x.shape) for g in self._g])


def polish(model, b, x, y, steps=30):
    """The least-squares minimum near b by Newton's method on the gradient of sum r^2 in 40-digit arithmetic.

    MINPACK's lm stops about 6e-6 (relative) short in nu for the Richards curve of the comparison, whose nu is
    poorly determined near the Gompertz limit (nu -> 0); the polished value has a gradient of ~1e-30.
    """
    mpmath.mp.dps = 40
    symbols = [sympy.Symbol(name) for name in model.parameters]
    expr = sympy.sympify(model.formula, locals={name: s for name, s in zip(model.parameters, symbols)} | {"x": sympy.Symbol("x")})
    rss = sum((sympy.Float(repr(float(yi)), 40) - expr.subs("x", sympy.Float(repr(float(xi)), 40))) ** 2 for xi, yi in zip(x, y))
    gradient = [sympy.diff(rss, s) for s in symbols]
    g = sympy.lambdify(symbols, gradient, "mpmath")
    h = sympy.lambdify(symbols, [[sympy.diff(d, s) for s in symbols] for d in gradient], "mpmath")
    theta = mpmath.matrix([mpmath.mpf(repr(float(v))) for v in b])
    for _ in range(steps):
        step = mpmath.lu_solve(mpmath.matrix(h(*theta)), mpmath.matrix(g(*theta)))
        theta -= step
        if mpmath.norm(step) <= mpmath.mpf(10) ** -30 * mpmath.norm(theta):
            break
    assert mpmath.norm(mpmath.matrix(g(*theta))) < 1e-20, model.formula
    polished = np.array([float(v) for v in theta])
    assert np.allclose(polished, b, rtol=1e-4, atol=0), (model.formula, polished, b)
    return polished


def covariance(J, rss, n, p):
    U, s, Vt = np.linalg.svd(J, full_matrices=False)
    return rss / (n - p) * (Vt.T / s**2) @ Vt


def criteria(rss, n, p, w=None):
    logw = float(np.sum(np.log(w))) if w is not None else 0.0
    ll = -n / 2 * (np.log(2 * np.pi) + np.log(rss / n) + 1) + logw / 2
    k = p + 1
    aic = -2 * ll + 2 * k
    return {"log_likelihood": float(ll), "aic": float(aic), "aicc": float(aic + 2 * k * (k + 1) / (n - k - 1)),
            "bic": float(-2 * ll + k * np.log(n))}


def data(model, truth, x, sd, rng, outliers=()):
    y = model.value(truth, x) + sd * rng.standard_normal(x.size)
    for i, shift in outliers:
        y[i] += shift
    return np.round(y, 4)


rng = np.random.default_rng(20240611)
out = {"generator": f"scipy {scipy.__version__}, numpy {np.__version__}, sympy {sympy.__version__}"}

# --- weighted: y = b1*exp(-b2*x) + b3, standard deviation 5% of the mean plus 0.05 -------------------------
decay = Model("b1*exp(-b2*x) + b3", ["b1", "b2", "b3"])
xw = np.arange(0.0, 15.0)
truth = [10.0, 0.4, 2.0]
sd = np.round(0.05 + 0.05 * decay.value(truth, xw), 4)
yw = np.round(decay.value(truth, xw) + sd * rng.standard_normal(xw.size), 4)
ww = 1 / sd**2
start = [8.0, 0.3, 1.0]
popt, pcov = curve_fit(lambda x, *b: decay.value(b, x), xw, yw, p0=start, sigma=1 / np.sqrt(ww),
                       absolute_sigma=False, jac=lambda x, *b: decay.jacobian(b, x), method="lm", **TOL)
r = yw - decay.value(popt, xw)
rss = float(np.sum(ww * r**2))
cov = covariance(decay.jacobian(popt, xw) * np.sqrt(ww)[:, None], rss, xw.size, 3)
assert np.allclose(np.sqrt(np.diag(cov)), np.sqrt(np.diag(pcov)), rtol=1e-9, atol=0)
out["weighted"] = {"formula": decay.formula, "parameters": decay.parameters, "x": xw.tolist(), "y": yw.tolist(),
                   "weights": ww.tolist(), "start": start, "estimates": popt.tolist(),
                   "std_errors": np.sqrt(np.diag(pcov)).tolist(), "rss": rss,
                   "criteria": criteria(rss, xw.size, 3, ww)}

# --- robust losses: y = b1*(1 - exp(-b2*x)) with three outliers ------------------------------------------
rise = Model("b1*(1 - exp(-b2*x))", ["b1", "b2"])
xr = np.arange(1.0, 21.0)
yr = data(rise, [20.0, 0.15], xr, 0.3, rng, outliers=[(4, 5.0), (11, -4.0), (17, 6.0)])
wr = np.round(1 / (0.5 + 0.05 * xr) ** 2, 6)


def robust(loss, scale, weights=None, start=(15.0, 0.2)):
    sw = np.sqrt(weights) if weights is not None else np.ones_like(xr)
    fun = lambda b: sw * (rise.value(b, xr) - yr)
    jac = lambda b: sw[:, None] * rise.jacobian(b, xr)
    res = least_squares(fun, list(start), jac=jac, loss=loss, f_scale=scale, method="trf", max_nfev=100000, **TOL)
    check = least_squares(fun, [25.0, 0.1], jac=jac, loss=loss, f_scale=scale, method="dogbox", max_nfev=100000, **TOL)
    assert np.allclose(res.x, check.x, rtol=1e-8, atol=0), (loss, res.x, check.x)
    return {"loss": loss, "scale": scale, "weighted": weights is not None, "start": list(start),
            "estimates": res.x.tolist(), "objective": 2 * float(res.cost), "status": int(res.status)}


out["robust"] = {"formula": rise.formula, "parameters": rise.parameters, "x": xr.tolist(), "y": yr.tolist(),
                 "weights": wr.tolist(), "outlier_rows": [5, 12, 18],
                 "least_squares_estimates": least_squares(lambda b: rise.value(b, xr) - yr, [15.0, 0.2],
                                                          jac=lambda b: rise.jacobian(b, xr), method="lm",
                                                          **TOL).x.tolist(),
                 "fits": [robust("huber", 0.5), robust("soft_l1", 0.5), robust("cauchy", 0.5),
                          robust("huber", 1.5), robust("cauchy", 1.0, weights=wr)]}

# --- bounds: the same curve on x = 1..12, where b1 and b2 trade off ---------------------------------------
xb = np.arange(1.0, 13.0)
yb = data(rise, [20.0, 0.15], xb, 0.2, rng)
unconstrained = least_squares(lambda b: rise.value(b, xb) - yb, [15.0, 0.2], jac=lambda b: rise.jacobian(b, xb),
                              method="lm", **TOL).x


def bounded(name, lower, upper, start, active):
    inf = np.inf
    lb = [-inf if v is None else v for v in lower]
    ub = [inf if v is None else v for v in upper]
    res = least_squares(lambda b: rise.value(b, xb) - yb, start, jac=lambda b: rise.jacobian(b, xb), bounds=(lb, ub),
                        method="trf", max_nfev=100000, **TOL)
    for j in active:
        bound = lb[j] if abs(res.x[j] - lb[j]) < abs(res.x[j] - ub[j]) else ub[j]
        assert abs(res.x[j] - bound) < 1e-9 * max(1, abs(bound)), (name, res.x)
    for j in set(range(2)) - set(active):
        assert lb[j] + 1e-6 < res.x[j] < ub[j] - 1e-6, (name, res.x)
    return {"name": name, "lower": lower, "upper": upper, "start": start, "active": active,
            "estimates": res.x.tolist(), "rss": 2 * float(res.cost), "status": int(res.status)}


out["bounds"] = {"formula": rise.formula, "parameters": rise.parameters, "x": xb.tolist(), "y": yb.tolist(),
                 "unconstrained": unconstrained.tolist(),
                 "cases": [bounded("two-sided box, b1 active at its upper bound", [0.0, 0.0], [18.0, None], [10.0, 0.3], [0]),
                           bounded("lower-only bound on b2 active", [None, 0.2], [100.0, None], [15.0, 0.3], [1]),
                           bounded("two-sided boxes, both inactive", [0.0, 0.01], [50.0, 1.0], [15.0, 0.2], [])]}
assert unconstrained[0] > 18 and unconstrained[1] < 0.2, unconstrained

# --- bands and criteria: logistic, unweighted -------------------------------------------------------------
logistic = Model("Asym/(1 + exp((xmid - x)/scal))", ["Asym", "xmid", "scal"])
xl = np.arange(1.0, 16.0)
yl = data(logistic, [50.0, 8.0, 2.0], xl, 1.0, rng)
start = [45.0, 7.0, 1.5]
res = least_squares(lambda b: logistic.value(b, xl) - yl, start, jac=lambda b: logistic.jacobian(b, xl), method="lm", **TOL)
theta = res.x
n, p = xl.size, 3
rss = float(np.sum((yl - logistic.value(theta, xl)) ** 2))
cov = covariance(logistic.jacobian(theta, xl), rss, n, p)
sigma2 = rss / (n - p)
at = np.array([0.0, 1.0, 7.5, 8.0, 12.25, 15.0, 20.0])
bands = []
for level in (0.95, 0.9):
    t = float(stats.t.ppf((1 + level) / 2, n - p))
    fitted = logistic.value(theta, at)
    g = logistic.jacobian(theta, at)
    se = np.sqrt(np.einsum("ia,ab,ib->i", g, cov, g))
    pse = np.sqrt(se**2 + sigma2)
    bands.append({"level": level, "t_quantile": t, "fitted": fitted.tolist(), "std_errors": se.tolist(),
                  "confidence_lower": (fitted - t * se).tolist(), "confidence_upper": (fitted + t * se).tolist(),
                  "prediction_lower": (fitted - t * pse).tolist(), "prediction_upper": (fitted + t * pse).tolist()})
out["bands"] = {"formula": logistic.formula, "parameters": logistic.parameters, "x": xl.tolist(), "y": yl.tolist(),
                "start": start, "estimates": theta.tolist(), "std_errors": np.sqrt(np.diag(cov)).tolist(),
                "rss": rss, "criteria": criteria(rss, n, p), "at": at.tolist(), "levels": bands}

# --- model comparison: growth models on Gompertz data -------------------------------------------------------
candidates = [
    ("linear", "a + b*x", ["a", "b"], [0.0, 5.0]),
    ("exponential", "a*exp(b*x)", ["a", "b"], [10.0, 0.1]),
    ("logistic", "Asym/(1 + exp((xmid - x)/scal))", ["Asym", "xmid", "scal"], [100.0, 7.0, 3.0]),
    ("gompertz", "Asym*exp(-b2*b3**x)", ["Asym", "b2", "b3"], [100.0, 5.0, 0.75]),
    ("richards", "Asym/(1 + nu*exp((xmid - x)/scal))**(1/nu)", ["Asym", "xmid", "scal", "nu"], [100.0, 7.0, 3.0, 0.5]),
]
xc = np.arange(0.0, 20.0)
gompertz = Model(candidates[3][1], candidates[3][2])
yc = data(gompertz, [100.0, 5.0, 0.75], xc, 1.5, rng)
fits = []
for name, formula, names, start in candidates:
    m = Model(formula, names)
    res = least_squares(lambda b: m.value(b, xc) - yc, start, jac=lambda b: m.jacobian(b, xc), method="lm",
                        max_nfev=100000, **TOL)
    theta = polish(m, res.x, xc, yc)
    rss = float(np.sum((yc - m.value(theta, xc)) ** 2))
    fits.append({"name": name, "formula": formula, "parameters": names, "start": start, "estimates": theta.tolist(),
                 "scipy_estimates": res.x.tolist(), "rss": rss, "status": int(res.status),
                 **criteria(rss, xc.size, len(names))})
best = min(f["aicc"] for f in fits)
total = sum(np.exp(-(f["aicc"] - best) / 2) for f in fits)
for f in fits:
    f["delta_aicc"] = f["aicc"] - best
    f["akaike_weight"] = float(np.exp(-f["delta_aicc"] / 2) / total)
out["comparison"] = {"x": xc.tolist(), "y": yc.tolist(), "truth": "gompertz Asym=100, b2=5, b3=0.75, sd 1.5",
                     "fits": fits, "ranking": [f["name"] for f in sorted(fits, key=lambda f: f["aicc"])]}

path = pathlib.Path(__file__).resolve().parent / "solver_features.json"
path.write_text(json.dumps(out, indent=1) + "\n")
print("weighted", out["weighted"]["estimates"], out["weighted"]["std_errors"])
for f in out["robust"]["fits"]:
    print("robust", f["loss"], f["scale"], f["weighted"], f["estimates"], f["objective"], f["status"])
print("least squares with outliers", out["robust"]["least_squares_estimates"])
print("unconstrained", out["bounds"]["unconstrained"])
for c in out["bounds"]["cases"]:
    print("bounds", c["name"], c["estimates"], c["status"])
print("bands", out["bands"]["estimates"], out["bands"]["criteria"])
for f in fits:
    print("compare", f["name"], f["estimates"], f["rss"], f["aicc"], f["delta_aicc"], f["akaike_weight"], f["status"])
print("ranking", out["comparison"]["ranking"])

#!/usr/bin/env python3
"""Reference values for the Regression tests, computed with statsmodels OLS (writes ols.json).

Run: python3 make_fixtures.py   (needs numpy and statsmodels; `pip install statsmodels`)

Conventions recorded so that the Swift tests compare like with like:
- AIC/BIC follow R's `AIC(lm)`: k = rank + 1 (the error variance counts as a parameter);
  statsmodels' own aic/bic use k = rank, so they are recomputed here from its log-likelihood.
- Without an intercept, R-squared is uncentered (statsmodels and R agree).
"""
import json, pathlib
import numpy as np
import statsmodels.api as sm
import statsmodels

here = pathlib.Path(__file__).resolve().parent

# A small data set with two predictors (deterministic, from a fixed formula plus fixed "noise").
x1 = np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
x2 = np.array([2.3, 1.9, 4.1, 3.7, 5.2, 4.4, 6.8, 7.1, 6.0, 8.9, 9.3, 8.1])
noise = np.array([0.3, -0.2, 0.1, -0.4, 0.5, -0.1, 0.2, -0.3, 0.0, 0.4, -0.5, 0.1])
y = 1.5 + 0.8 * x1 - 0.35 * x2 + noise

def summary(X, y, names, has_const):
    fit = sm.OLS(y, X).fit()
    ci = fit.conf_int(0.05)
    k = int(fit.df_model + (1 if has_const else 0))
    llf = float(fit.llf)
    n = len(y)
    return {
        "names": names,
        "estimate": fit.params.tolist(), "std_error": fit.bse.tolist(), "t_value": fit.tvalues.tolist(),
        "p_value": fit.pvalues.tolist(), "ci_lower": ci[:, 0].tolist(), "ci_upper": ci[:, 1].tolist(),
        "rss": float(fit.ssr), "sigma": float(np.sqrt(fit.scale)), "r_squared": float(fit.rsquared),
        "adjusted_r_squared": float(fit.rsquared_adj), "f_statistic": float(fit.fvalue), "f_p_value": float(fit.f_pvalue),
        "df_residual": int(fit.df_resid), "log_likelihood": llf,
        "aic": -2 * llf + 2 * (k + 1), "bic": -2 * llf + np.log(n) * (k + 1),
    }

X = sm.add_constant(np.column_stack([x1, x2]))
out = {
    "generator": f"statsmodels {statsmodels.__version__}, numpy {np.__version__}",
    "x1": x1.tolist(), "x2": x2.tolist(), "y": y.tolist(),
    "with_intercept": summary(X, y, ["(Intercept)", "x1", "x2"], True),
    "no_intercept": summary(np.column_stack([x1, x2]), y, ["x1", "x2"], False),
    # Quadratic in x1 (poly degree 2): y ~ x1 + x1^2.
    "quadratic": summary(sm.add_constant(np.column_stack([x1, x1 ** 2])), y, ["(Intercept)", "x1", "x1^2"], True),
}
(here / "ols.json").write_text(json.dumps(out, indent=1) + "\n")
print("wrote", here / "ols.json")

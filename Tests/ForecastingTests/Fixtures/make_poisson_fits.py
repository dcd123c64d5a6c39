#!/usr/bin/env python3
"""Reference fits for ForecastingTests (Python 3.11, numpy, scipy).

Reads China's official national MIC counts (Data/programs/official_center_counts.csv, program
"China MICs", rows that are not "at least" lower bounds), dates each statement at the midpoint of
its span as a decimal year, and fits:

- the Poisson-process models nhpp-logistic, nhpp-gompertz (origin 2015), nhpp-bass (origin 2015)
  and nhpp-linear (rate * (x - 2015)) by maximizing the Poisson log-likelihood of the increments
  between consecutive statements (scipy.optimize.minimize from several starts, then Newton
  polishing until the score is ~0; the optimum is confirmed by the score and a negative-definite
  Hessian), with standard errors from the inverse expected information J'WJ (W = 1/mu) and the
  inverse observed information;
- the least-squares logistic on the cumulative counts (scipy.optimize.least_squares and curve_fit).

AICc = -2 logLik + 2k + 2k(k+1)/(n-k-1): process k = p, n = increments; curve k = p + 1 (sigma),
n = statements, Gaussian logLik = -n/2 (log(2 pi RSS/n) + 1).

Writes poisson_fits.json next to this script. Run: python3 make_poisson_fits.py
"""
import csv
import datetime as dt
import json
import math
import os

import numpy as np
from scipy import optimize, stats
from scipy.special import gammaln

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
ORIGIN = 2015.0


def decimal_year(day):
    days = 366 if (day.year % 4 == 0 and (day.year % 100 != 0 or day.year % 400 == 0)) else 365
    return day.year + (day.timetuple().tm_yday - 1) / days


def span(text):
    """First day and the day after the last day of a date as written in the CSV."""
    text = text.strip()
    if text.endswith("(mid)"):
        year = int(text[:4])
        first, after = dt.date(year, 6, 1), dt.date(year, 8, 1)  # 2022-06-01..2022-07-31
    elif len(text) == 10:
        first = dt.date.fromisoformat(text)
        after = first + dt.timedelta(days=1)
    elif len(text) == 7:
        year, month = int(text[:4]), int(text[5:7])
        first = dt.date(year, month, 1)
        after = dt.date(year + (month == 12), month % 12 + 1, 1)
    elif len(text) == 4:
        first, after = dt.date(int(text), 1, 1), dt.date(int(text) + 1, 1, 1)
    else:
        raise ValueError(text)
    return decimal_year(first), decimal_year(after)


def read_series():
    rows = []
    with open(os.path.join(ROOT, "Data", "programs", "official_center_counts.csv"), newline="") as f:
        for row in csv.DictReader(f):
            if row["program"] != "China MICs" or "at least" in row["count_type"] or row["count"].startswith(">"):
                continue
            start, end = span(row["date"])
            rows.append(((start + end) / 2, int(row["count"]), row["date"]))
    rows.sort()
    times, counts = [], []
    running = 0
    for t, c, _ in rows:
        running = max(running, c)
        if times and t - times[-1] < 1e-9:
            counts[-1] = running
        else:
            times.append(t)
            counts.append(running)
    return np.array(times), np.array(counts, dtype=float), [r[2] for r in rows]


# Mean functions m(t; theta); written with numpy so that complex-step derivatives work.
def logistic(x, th):
    asym, xmid, scal = th
    return asym / (1 + np.exp((xmid - x) / scal))


def gompertz(x, th):
    asym, b2, b3 = th
    return asym * np.exp(-b2 * b3 ** (x - ORIGIN))


def bass(x, th):
    m, p, q = th
    t = x - ORIGIN
    decay = np.exp(-(p + q) * t)
    return m * (1 - decay) / (1 + (q / p) * decay)


def linear(x, th):
    return th[0] * (x - ORIGIN)


MODELS = {
    "nhpp-logistic": (logistic, [[35, 2020, 2], [40, 2021, 3], [30, 2019.5, 1.5], [50, 2022, 4]]),
    "nhpp-gompertz": (gompertz, [[40, 5, 0.7], [35, 10, 0.6], [60, 3, 0.85], [45, 4, 0.8]]),
    "nhpp-bass": (bass, [[40, 0.01, 0.3], [35, 0.02, 0.5], [60, 0.005, 0.2], [50, 0.05, 0.1]]),
    "nhpp-linear": (linear, [[3.0], [1.0], [10.0]]),
}


def jacobian(f, x, th):
    """d m(x_i)/d theta_k by complex step (exact to rounding)."""
    th = np.asarray(th, dtype=float)
    h = 1e-30
    cols = []
    for k in range(len(th)):
        z = th.astype(complex)
        z[k] += 1j * h
        cols.append(np.imag(f(x, z)) / h)
    return np.column_stack(cols)


class Process:
    def __init__(self, f, times, counts):
        self.f, self.t, self.y = f, times, np.diff(counts)

    def mu(self, th):
        return np.diff(self.f(self.t, np.asarray(th, dtype=float)))

    def J(self, th):
        return np.diff(jacobian(self.f, self.t, th), axis=0)

    def loglik(self, th):
        mu = self.mu(th)
        if np.any(~np.isfinite(mu)) or np.any(mu < 0) or np.any((mu == 0) & (self.y > 0)):
            return -np.inf
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = np.where(self.y > 0, self.y * np.log(mu), 0.0)
        return float(np.sum(terms - mu - gammaln(self.y + 1)))

    def score(self, th):
        return self.J(th).T @ (self.y / self.mu(th) - 1)

    def hessian(self, th):
        """Observed Hessian of the log-likelihood: -J' diag(y/mu^2) J + sum (y/mu - 1) d2mu."""
        th = np.asarray(th, dtype=float)
        mu, J = self.mu(th), self.J(th)
        H = -(J.T * (self.y / mu**2)) @ J
        p = len(th)
        for k in range(p):
            step = 1e-5 * max(abs(th[k]), 1e-3)
            up, down = th.copy(), th.copy()
            up[k] += step
            down[k] -= step
            d2 = (self.J(up) - self.J(down)) / (2 * step)  # d/d theta_k of J: n x p
            H[k, :] += (self.y / mu - 1) @ d2
        return (H + H.T) / 2

    def expected_information(self, th):
        J = self.J(th)
        return (J.T / self.mu(th)) @ J


def fit_process(name):
    f, starts = MODELS[name]
    times, counts, _ = read_series()
    problem = Process(f, times, counts)
    best = None
    for start in starts:
        def objective(th):
            value = problem.loglik(th)
            return 1e10 if not np.isfinite(value) else -value

        res = optimize.minimize(objective, start, method="Nelder-Mead",
                                options={"xatol": 1e-12, "fatol": 1e-14, "maxiter": 40000, "maxfev": 80000})
        res = optimize.minimize(objective, res.x, jac=lambda th: -problem.score(th), method="BFGS",
                                options={"gtol": 1e-12, "maxiter": 10000})
        th = res.x
        # Newton polishing with the observed Hessian.
        for _ in range(50):
            H = problem.hessian(th)
            step = np.linalg.solve(H, -problem.score(th))
            trial = th + step
            if not np.isfinite(problem.loglik(trial)):
                break
            th = trial
            if np.max(np.abs(step) / (np.abs(th) + 1e-12)) < 1e-15:
                break
        ll = problem.loglik(th)
        if best is None or ll > best[1] + 1e-9:
            best = (th, ll)
    th, ll = best
    # Every start must reach the same optimum (no competing local maximum).
    score = problem.score(th)
    H = problem.hessian(th)
    assert np.all(np.linalg.eigvalsh(H) < 0), (name, np.linalg.eigvalsh(H))
    assert np.max(np.abs(score)) < 1e-7 * max(1.0, float(np.max(np.abs(H)))), (name, score)
    expected = np.linalg.inv(problem.expected_information(th))
    observed = np.linalg.inv(-H)
    n = len(problem.y)
    k = len(th)
    aicc = -2 * ll + 2 * k + 2 * k * (k + 1) / (n - k - 1)
    # Quasi-Poisson dispersion: Pearson's X^2 over n - k when X^2 exceeds the 95% quantile of
    # chi-square(n - k) (overdispersion), else 1; standard errors scaled by its root.
    mu = problem.mu(th)
    pearson = float(np.sum((problem.y - mu) ** 2 / mu))
    dispersion = pearson / (n - k) if n > k and pearson > stats.chi2.ppf(0.95, n - k) else 1.0
    return {
        "dispersion": dispersion,
        "pearson": pearson,
        "se_quasi": (np.sqrt(np.diag(expected)) * math.sqrt(dispersion)).tolist(),
        "estimates": th.tolist(),
        "log_likelihood": ll,
        "score": score.tolist(),
        "se_expected": np.sqrt(np.diag(expected)).tolist(),
        "se_observed": np.sqrt(np.diag(observed)).tolist(),
        "n": n,
        "k": k,
        "aicc": aicc,
    }


def fit_least_squares_logistic():
    times, counts, _ = read_series()
    res = optimize.least_squares(lambda th: logistic(times, th) - counts, [35, 2020, 2], xtol=1e-15, ftol=1e-15,
                                 gtol=1e-15, method="lm", max_nfev=100000)
    popt, pcov = optimize.curve_fit(lambda x, a, b, c: logistic(x, (a, b, c)), times, counts, p0=[35, 2020, 2], xtol=1e-15, ftol=1e-15, gtol=1e-15,
                                    maxfev=100000)
    assert np.allclose(res.x, popt, rtol=1e-9), (res.x, popt)
    rss = float(np.sum((logistic(times, popt) - counts) ** 2))
    n, p = len(times), 3
    ll = -n / 2 * (math.log(2 * math.pi * rss / n) + 1)
    k = p + 1
    return {
        "estimates": popt.tolist(),
        "rss": rss,
        "se": np.sqrt(np.diag(pcov)).tolist(),
        "log_likelihood": ll,
        "n": n,
        "k": k,
        "aicc": -2 * ll + 2 * k + 2 * k * (k + 1) / (n - k - 1),
    }


def main():
    times, counts, labels = read_series()
    out = {
        "generated_by": "make_poisson_fits.py",
        "origin": ORIGIN,
        "times": times.tolist(),
        "counts": counts.tolist(),
        "labels": labels,
        "process": {name: fit_process(name) for name in MODELS},
        "least_squares_logistic": fit_least_squares_logistic(),
    }
    with open(os.path.join(HERE, "poisson_fits.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()

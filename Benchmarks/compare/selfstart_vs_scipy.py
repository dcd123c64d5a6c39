#!/usr/bin/env python3
"""Self-started `foresight fit-batch` against scipy curve_fit started from the true parameters.

  selfstart_vs_scipy.py make DIR [--series-per-model 800] [--seed 12]
      writes DIR/{logistic,gompertz,richards}.csv (long format: series,x,y) and DIR/truth.json
  selfstart_vs_scipy.py compare DIR
      fits every series with scipy.optimize.curve_fit (method 'lm', from the truth), reads
      DIR/<model>-fits.csv (fit-batch output) and prints the comparison and `metric` lines.

The batch (seeded numpy Generator): per model, series of 20-40 equally spaced points on
x in [0, 20] with Gaussian noise of 0.5%-8% of the asymptote, and among them
  10% short series of 4-6 points,
  10% count-like series starting at exactly 0 and clipped at 0 (no negative values),
   8% flat series observed on the saturated tail (x from xmid + 4 scal on),
and the rest as drawn (negative noise values near the start kept).
Parameter ranges as Sources/Synthetic: logistic Asym 50-150, xmid 7-13, scal 1.5-3.5;
Gompertz Asym 50-150, b2 2-6, b3 0.6-0.85; Richards as logistic with nu 0.5-2.

Converged for scipy: curve_fit returns (no RuntimeError) with finite estimates and RSS.
Converged for Foresight: the row's status is `converged` (usable). RSS worse: Foresight's RSS
exceeds scipy's by more than 1e-6 relative (plus 1e-20 of the sum of squares of y, so that two
exact fits of a series with as many points as parameters, RSS 1e-30 against 3e-30, are equal).
"""
import csv, json, math, sys, warnings
import numpy as np
from scipy.optimize import curve_fit, OptimizeWarning

def logistic(x, asym, xmid, scal):
    return asym / (1 + np.exp((xmid - x) / scal))

def gompertz(x, asym, b2, b3):
    return asym * np.exp(-b2 * np.power(b3, x))

def richards(x, asym, xmid, scal, nu):
    return asym * np.power(1 + nu * np.exp((xmid - x) / scal), -1 / nu)

MODELS = {"logistic": (logistic, [(50, 150), (7, 13), (1.5, 3.5)]),
          "gompertz": (gompertz, [(50, 150), (2, 6), (0.6, 0.85)]),
          "richards": (richards, [(50, 150), (7, 13), (1.5, 3.5), (0.5, 2)])}

def make(folder, per_model, seed):
    rng = np.random.default_rng(seed)
    truth = {}
    for name, (f, ranges) in MODELS.items():
        rows = []
        for k in range(per_model):
            theta = [rng.uniform(lo, hi) for lo, hi in ranges]
            u = rng.uniform()
            kind = "short" if u < 0.10 else "zero" if u < 0.20 else "flat" if u < 0.28 else "plain"
            n = int(rng.integers(4, 7)) if kind == "short" else int(rng.integers(20, 41))
            if kind == "flat":
                # The saturated tail: from 4 scales past the midpoint (Gompertz: past 98% of Asym).
                if name == "gompertz":
                    start = math.log(math.log(1 / 0.98) / theta[1]) / math.log(theta[2])
                else:
                    start = theta[1] + 4 * theta[2]
                x = np.linspace(start, start + 20, n)
            else:
                x = np.linspace(0, 20, n)
            sigma = theta[0] * rng.uniform(0.005, 0.08)
            y = f(x, *theta) + sigma * rng.standard_normal(n)
            if kind == "zero":
                y = np.maximum(y, 0)
                y[0] = 0
            sid = f"{name}-{k:04d}-{kind}"
            truth[sid] = {"model": name, "kind": kind, "theta": theta}
            rows += [(sid, repr(float(a)), repr(float(b))) for a, b in zip(x, y)]
        with open(f"{folder}/{name}.csv", "w", newline="") as out:
            w = csv.writer(out)
            w.writerow(["series", "x", "y"])
            w.writerows(rows)
    json.dump(truth, open(f"{folder}/truth.json", "w"))

def read_series(path):
    series = {}
    with open(path) as f:
        for row in csv.DictReader(f):
            s = series.setdefault(row["series"], ([], []))
            s[0].append(float(row["x"]))
            s[1].append(float(row["y"]))
    return {k: (np.array(a), np.array(b)) for k, (a, b) in series.items()}

def scipy_fit(f, x, y, p0):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            p, _ = curve_fit(f, x, y, p0=p0, maxfev=20000)
        except (RuntimeError, ValueError, OptimizeWarning):
            return None
    rss = float(np.sum((y - f(x, *p)) ** 2))
    return rss if np.all(np.isfinite(p)) and math.isfinite(rss) else None

def compare(folder):
    truth = json.load(open(f"{folder}/truth.json"))
    totals = {"series": 0, "scipy": 0, "ours": 0, "both": 0, "ours_on_scipy": 0, "worse": 0}
    by_kind = {}
    worst = []
    for name, (f, _) in MODELS.items():
        data = read_series(f"{folder}/{name}.csv")
        ours = {}
        with open(f"{folder}/{name}-fits.csv") as fits:
            for row in csv.DictReader(fits):
                ours[row["series"]] = (row["status"], float(row["rss"]) if row["rss"] else None, row["message"])
        for sid, (x, y) in data.items():
            t = truth[sid]
            reference = scipy_fit(f, x, y, t["theta"])
            status, rss, message = ours.get(sid, ("missing", None, "no output row"))
            converged = status == "converged" and rss is not None and math.isfinite(rss)
            kind = by_kind.setdefault(f"{name}/{t['kind']}", {"series": 0, "scipy": 0, "ours_on_scipy": 0, "worse": 0})
            totals["series"] += 1
            kind["series"] += 1
            totals["ours"] += converged
            if reference is None:
                continue
            totals["scipy"] += 1
            kind["scipy"] += 1
            if converged:
                totals["ours_on_scipy"] += 1
                kind["ours_on_scipy"] += 1
                if rss > reference * (1 + 1e-6) + 1e-20 * float(np.sum(y * y)):
                    totals["worse"] += 1
                    kind["worse"] += 1
                    worst.append((rss / reference - 1, sid, rss, reference))
            elif len(worst) < 10_000:
                worst.append((math.inf, sid, status, message[:90]))
    print(f"series {totals['series']}; scipy curve_fit (lm, from the truth) converged on {totals['scipy']}"
          f" ({100 * totals['scipy'] / totals['series']:.1f}%); fit-batch self-start converged on {totals['ours']}"
          f" ({100 * totals['ours'] / totals['series']:.1f}%)")
    share = totals["ours_on_scipy"] / max(totals["scipy"], 1)
    worse = totals["worse"] / max(totals["scipy"], 1)
    print(f"fit-batch converged on {totals['ours_on_scipy']} of the {totals['scipy']} series scipy converged on"
          f" ({100 * share:.2f}%; target >= 97%)")
    print(f"fit-batch RSS worse than scipy's by > 1e-6 relative on {totals['worse']} of them"
          f" ({100 * worse:.2f}%; target <= 0.5%)")
    print("by model/kind: series, scipy converged, fit-batch converged among them, RSS worse")
    for key in sorted(by_kind):
        k = by_kind[key]
        print(f"  {key:18s} {k['series']:5d} {k['scipy']:5d} {k['ours_on_scipy']:5d} {k['worse']:4d}")
    failures = [w for w in worst if w[0] == math.inf]
    print(f"first failures ({len(failures)}):")
    for w in failures[:8]:
        print("  ", w[1], w[2], w[3])
    print("largest RSS excesses:")
    for w in sorted([w for w in worst if w[0] != math.inf], reverse=True)[:8]:
        print(f"   {w[1]} ours {w[2]:.6g} scipy {w[3]:.6g} (+{100 * w[0]:.3g}%)")
    print(f"metric selfstart_converged_share_of_scipy {share:.4f}")
    print(f"metric selfstart_rss_worse_share {worse:.4f}")
    return 0 if share >= 0.97 and worse <= 0.005 else 1

if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["make"]:
        opts = dict(zip(args[2::2], args[3::2]))
        make(args[1], int(opts.get("--series-per-model", 800)), int(opts.get("--seed", 12)))
    elif args[:1] == ["compare"]:
        sys.exit(compare(args[1]))
    else:
        sys.exit(__doc__)

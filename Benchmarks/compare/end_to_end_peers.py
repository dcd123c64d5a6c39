#!/usr/bin/env python3
"""Whole-process peers of Foresight's end-to-end benchmarks (Benchmarks/compare/end_to_end.sh),
and the data they share.

  end_to_end_peers.py matrix-data   OUT.csv SPEC.yaml [--alternatives 100000] [--criteria 20]
        a decision matrix CSV (first column the alternative) and the scorecard spec that reads it
  end_to_end_peers.py regress-data  OUT.csv [--megabytes 200]
        y, x1..x5 with y = 1 + 2 x1 - 3 x2 + 0.5 x3 + x4 - x5 + noise, about MEGABYTES of text
  end_to_end_peers.py scorecard     MATRIX.csv OUT.csv     pandas read_csv + numpy TOPSIS and WSM
  end_to_end_peers.py regress       DATA.csv               pandas read_csv + statsmodels OLS
  end_to_end_peers.py curve-fit     DATA.csv OUT.csv       pandas read_csv + scipy curve_fit per series
        (logistic, a self-start like R's SSlogis: asymptote 1.05·max, then a linear fit of the logit)

Each peer is a whole process, timed from outside (/usr/bin/time -v) like Foresight itself; the
scorecard weights are equal, criteria 1, 4, 7, … are costs (as in the spec), TOPSIS uses vector
normalization and WSM min-max normalization (Foresight's defaults).
"""
import sys


def matrix_data(out, spec, alternatives, criteria):
    import numpy as np
    rng = np.random.default_rng(1)
    values = np.round(rng.uniform(1, 100, size=(alternatives, criteria)), 6)
    with open(out, "w") as f:
        f.write("alternative," + ",".join(f"c{j + 1}" for j in range(criteria)) + "\n")
        for i in range(alternatives):
            f.write(f"a{i + 1}," + ",".join(repr(float(v)) for v in values[i]) + "\n")
    with open(spec, "w") as f:
        f.write(f"schema: 1\nname: end-to-end {alternatives} x {criteria}\nmatrix: {out.rsplit('/', 1)[-1]}\ncriteria:\n")
        for j in range(criteria):
            f.write(f"  - {{id: c{j + 1}, direction: {'cost' if j % 3 == 0 else 'benefit'}, weight: {1 / criteria!r}}}\n")
        f.write("methods: [topsis, wsm]\n")


def regress_data(out, megabytes):
    import numpy as np
    rng = np.random.default_rng(2)
    beta = np.array([2.0, -3.0, 0.5, 1.0, -1.0])
    written = 0
    with open(out, "w") as f:
        f.write("y,x1,x2,x3,x4,x5\n")
        while written < megabytes * 1_000_000:
            x = rng.normal(size=(100_000, 5)) * [1, 10, 100, 0.1, 1000]
            y = 1 + x @ beta + rng.normal(size=100_000)
            block = "\n".join(",".join(repr(float(v)) for v in row) for row in np.column_stack([y, x])) + "\n"
            f.write(block)
            written += len(block)


def scorecard(matrix, out):
    import numpy as np
    import pandas as pd
    frame = pd.read_csv(matrix)
    names = frame.iloc[:, 0].to_numpy()
    values = frame.iloc[:, 1:].to_numpy(dtype=float)
    n = values.shape[1]
    weights = np.full(n, 1 / n)
    benefit = np.array([j % 3 != 0 for j in range(n)])
    v = values / np.sqrt((values * values).sum(axis=0)) * weights
    best = np.where(benefit, v.max(axis=0), v.min(axis=0))
    worst = np.where(benefit, v.min(axis=0), v.max(axis=0))
    d_best = np.sqrt(((v - best) ** 2).sum(axis=1))
    d_worst = np.sqrt(((v - worst) ** 2).sum(axis=1))
    topsis = d_worst / (d_best + d_worst)
    lo, hi = values.min(axis=0), values.max(axis=0)
    norm = np.where(benefit, (values - lo) / (hi - lo), (hi - values) / (hi - lo))
    wsm = norm @ weights
    pd.DataFrame({"alternative": names, "topsis": topsis, "wsm": wsm}).to_csv(out, index=False, float_format="%.10g")


def regress(data):
    import pandas as pd
    import statsmodels.api as sm
    frame = pd.read_csv(data)
    model = sm.OLS(frame["y"], sm.add_constant(frame[["x1", "x2", "x3", "x4", "x5"]])).fit()
    print(" ".join(f"{name}={value!r}" for name, value in model.params.items()))


def curve_fit(data, out):
    import warnings
    import numpy as np
    import pandas as pd
    from scipy.optimize import curve_fit as fit

    def logistic(x, asym, xmid, scal):
        return asym / (1.0 + np.exp((xmid - x) / scal))

    frame = pd.read_csv(data)
    rows = []
    warnings.simplefilter("ignore")
    for series, group in frame.groupby("series", sort=False):
        x, y = group["x"].to_numpy(), group["y"].to_numpy()
        try:
            asym = 1.05 * y.max()
            z = np.log(np.clip(y, 1e-12, None) / np.clip(asym - y, 1e-12, None))
            slope, intercept = np.polyfit(x, z, 1)
            start = [asym, -intercept / slope, 1 / slope]
            estimates, _ = fit(logistic, x, y, p0=start, method="lm")
            rows.append((series, *estimates))
        except Exception:
            rows.append((series, np.nan, np.nan, np.nan))
    pd.DataFrame(rows, columns=["series", "Asym", "xmid", "scal"]).to_csv(out, index=False, float_format="%.12g")


def main():
    command, args = sys.argv[1], sys.argv[2:]
    options = {args[k][2:]: int(args[k + 1]) for k in range(len(args)) if args[k].startswith("--")}
    positional = [a for k, a in enumerate(args) if not a.startswith("--") and (k == 0 or not args[k - 1].startswith("--"))]
    if command == "matrix-data":
        matrix_data(*positional, options.get("alternatives", 100_000), options.get("criteria", 20))
    elif command == "regress-data":
        regress_data(*positional, options.get("megabytes", 200))
    elif command == "scorecard":
        scorecard(*positional)
    elif command == "regress":
        regress(*positional)
    elif command == "curve-fit":
        curve_fit(*positional)
    else:
        sys.exit(f"unknown command {command}")


if __name__ == "__main__":
    main()

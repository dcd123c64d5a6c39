#!/usr/bin/env python3
"""Provenance and validation of the six NIST StRD nonlinear regression problems that
../../../Data/reference/strd/nonlinear lacks: Bennett5, Eckerle4, Hahn1, MGH09, MGH10 and Thurber.
They live in strd-extra/<Name>.dat, in NIST's original file layout, so that `verify strd` is tested
on all 27 nonlinear problems.

Where the files come from (NIST/ITL StRD, public domain,
https://www.itl.nist.gov/div898/strd/nls/nls_main.shtml)
--------------------------------------------------------------------------------------------------
Each of the six files is a verbatim, byte-for-byte copy of the NIST original as vendored by refnx
(GitHub refnx/refnx, path refnx/analysis/tests/NIST_STRD/<Name>.dat; taken from the PyPI wheel
refnx-0.1.67, `pip download --no-deps refnx`). The copy was written out unchanged.
Why that vendoring can be trusted to be verbatim: its copies of the 21 other nonlinear problems are
byte-identical to the 21 files this project already ships in Data/reference/strd/nonlinear/.

Cross-checks made when the files were added (the ones marked [here] are re-run by this script):
- [here] lmfit (GitHub lmfit/lmfit-py, NIST_STRD/<Name>.dat; PyPI sdist lmfit-1.3.4) vendors the
  same NIST files independently, with trailing blanks stripped. All six agree with ours line for line
  once trailing blanks are ignored: LMFIT_SHA256 below is the SHA-256 of lmfit's text with trailing
  blanks removed from every line. (lmfit's copies of the other 21 problems also agree with this
  project's originals in the same way.)
- [here] Certified parameters and residual sums of squares as transcribed in Eigen's
  unsupported/test/levenberg_marquardt.cpp (GitHub eigenteam/eigen-git-mirror; functions
  testNistBennett5, testNistEckerle4, testNistHahn1, testNistMGH09, testNistMGH10, testNistThurber),
  and the NIST starting values used there: the EIGEN table below.
- [here] Starting values as transcribed in JuliaSmoothOptimizers/OptimizationProblems.jl
  (src/PureJuMP/bennett5.jl, eckerle4.jl, hahn1.jl, mgh09.jl, mgh10.jl, thurber.jl): included in the EIGEN table (Eigen's Thurber start 1 sets b7 = 0.0, so b7 start 1
  there is taken from OptimizationProblems.jl, 0.03).
- [here] Residual sums of squares quoted in the task from a public source: MGH09 3.0750560385E-04,
  MGH10 8.7945855171E+01, Thurber 5.6427082397E+03.
- (once) Data rows compared value by value, as exact decimals, against independent transcriptions:
  Bennett5 against OptimizationProblems.jl src/PureJuMP/bennett5.jl; Eckerle4 against
  OptimizationProblems.jl src/PureJuMP/eckerle4.jl and Eigen's eckerle4_functor; Hahn1 against
  OptimizationProblems.jl src/PureJuMP/hahn1.jl (rationals) and an R script that embeds the
  NIST-formatted rows; MGH09, MGH10 and Thurber against Eigen's MGH09_functor, MGH10_functor and
  thurber_functor, and against R problem files of a NISTnls test collection (MGH09, MGH10) and a
  MATLAB exercise (Thurber) found through the code index, repositories not named by it.
  All 154 + 35 + 236 + 11 + 16 + 37 rows agreed.
- (once, by eye) Header text (description, reference, model lines) agrees with the NIST header quoted
  in OptimizationProblems.jl's src/PureJuMP/*.jl, apart from blank lines that copy drops.

What this script checks, per file (it writes nothing)
----------------------------------------------------
1. The raw bytes hash to the SHA-256 pinned in SHA256 (the verbatim refnx/NIST copy).
2. Its text matches lmfit's independent copy (trailing blanks ignored) and the Eigen /
   OptimizationProblems.jl values.
3. Layout: the three line pointers in the header are right (Starting Values = exactly the b1..bp
   lines, Certified Values = b1 line .. "Number of Observations" line, Data = first .. last data row,
   which is the last line of the file, with the "Data:  y  x" column header just before it); the
   model text equals the NIST model; the number of data rows equals the stated observations, the
   count in the description and the count the task names; degrees of freedom = n - p.
4. Least squares: the model evaluated at the certified parameters gives the certified residual sum of
   squares (relative difference < 1e-6); the certified residual SD equals sqrt(RSS/(n-p)); the
   gradient of the RSS at the certified values is ~0 (scipy.optimize.least_squares started there, with
   an exact complex-step Jacobian, moves no parameter by more than 1e-6 relative; the Gauss-Newton
   step R^-1 Q'r that would zero the gradient -2 J'r is < 1e-6 relative in every parameter; and the
   residuals are orthogonal to the Jacobian's columns, |Q'r|/|r| < 1e-5); and the certified standard
   deviations equal s * sqrt(diag((J'J)^-1)) at the certified values (relative difference < 1e-6).

Run: python3 make_extra_strd_nonlinear.py   (exit status 0 when all six pass)

Notes on the layout: as in NIST's originals, Hahn1's and Thurber's model equations span two lines
(the second begins "(1+b5*x..." / "(1 + b5*x..."), as Kirby2's and ENSO's already do in
Data/reference/strd/nonlinear; the header pointers of Bennett5 and Hahn1 are written with two
blanks before a two-digit number, "(lines 41 to  43)", again exactly as NIST has them (Kirby2's and
ENSO's are written the same way).
"""
import hashlib
import math
import pathlib
import re
import sys

import numpy as np
from scipy.optimize import least_squares

HERE = pathlib.Path(__file__).resolve().parent / "strd-extra"

# SHA-256 of each fixture's raw bytes (verbatim NIST file, as vendored by refnx 0.1.67).
SHA256 = {
    "Bennett5": "f5ac6bc6243acfcaf51e468a23476275d445c8f09e0f5fc5e29d7c48d3f0cf71",
    "Eckerle4": "007c2b0674e1b06e040045f7c68566a5e5e5537d8c18e51dfdbe20b308a3a16d",
    "Hahn1": "6c5dd6bab7d724111645738aa4b4cbd01dd8e6b95b9de83fb611b46c6d7955f4",
    "MGH09": "7652a2f0128f47266fe65d9feeb852b9109d3e59346cf9240163db3fe4276975",
    "MGH10": "0729895421bd4a158ae88fa3ea1b863e018eb0d8d5b7dbdfc8b60d4237bf50f6",
    "Thurber": "dcf20ab4ddd93676ec993bb785675d378d97ebdbae8f37b884e8e68d30949bbc",
}

# SHA-256 of lmfit 1.3.4's NIST_STRD/<Name>.dat with trailing blanks stripped from every line.
LMFIT_SHA256 = {
    "Bennett5": "e2be71fffe2a78821361ff3e71eef4549df7015911e3e8e893f3914829872ab4",
    "Eckerle4": "b91c6505f0f0c8504e1b4c87b2a043368a8e18bd5ecb5efeb7a0fb346e9a3e10",
    "Hahn1": "251ab6520101c6a14d50a3f3b9472b4ab9f720852efbd735c7a3aee12a9c65f5",
    "MGH09": "6913c6e6f158da10d70154b6288883e81bc17f69e6092ae87ad44977552d18bf",
    "MGH10": "f89e5ff39d3b77dcb8bd6df9c5f93ff9872350aadc902b68d718ee229c484fb4",
    "Thurber": "b66224bd6ec25754af5ec16f00b25ce18ccc8c09b40ebe0acf8515d01abec0a4",
}

# Second-source values: certified parameters and RSS from Eigen's levenberg_marquardt.cpp,
# starting values from Eigen / OptimizationProblems.jl (see the docstring).
EIGEN = {
    "Bennett5": dict(params=[-2.5235058043E+03, 4.6736564644E+01, 9.3218483193E-01], rss=5.2404744073E-04,
                     start1=[-2000, 50, 0.8], start2=[-1500, 45, 0.85]),
    "Eckerle4": dict(params=[1.5543827178, 4.0888321754, 4.5154121844E+02], rss=1.4635887487E-03,
                     start1=[1, 10, 500], start2=[1.5, 5, 450]),
    "Hahn1": dict(params=[1.0776351733E+00, -1.2269296921E-01, 4.0863750610E-03, -1.4262662514E-06,
                          -5.7609940901E-03, 2.4053735503E-04, -1.2314450199E-07], rss=1.5324382854E+00,
                  start1=[10, -1, 0.05, -0.00001, -0.05, 0.001, -0.000001],
                  start2=[1, -0.1, 0.005, -0.000001, -0.005, 0.0001, -0.0000001]),
    "MGH09": dict(params=[1.9280693458E-01, 1.9128232873E-01, 1.2305650693E-01, 1.3606233068E-01],
                  rss=3.0750560385E-04, start1=[25, 39, 41.5, 39], start2=[0.25, 0.39, 0.415, 0.39]),
    "MGH10": dict(params=[5.6096364710E-03, 6.1813463463E+03, 3.4522363462E+02], rss=8.7945855171E+01,
                  start1=[2, 400000, 25000], start2=[0.02, 4000, 250]),
    "Thurber": dict(params=[1.2881396800E+03, 1.4910792535E+03, 5.8323836877E+02, 7.5416644291E+01,
                            9.6629502864E-01, 3.9797285797E-01, 4.9727297349E-02], rss=5.6427082397E+03,
                    start1=[1000, 1000, 400, 40, 0.7, 0.3, 0.03], start2=[1300, 1500, 500, 75, 1, 0.4, 0.05]),
}

# RSS values quoted in the task from a public source.
TASK_RSS = {"MGH09": 3.0750560385E-04, "MGH10": 8.7945855171E+01, "Thurber": 5.6427082397E+03}


def _rational(b, x):
    return (b[0] + b[1] * x + b[2] * x**2 + b[3] * x**3) / (1 + b[4] * x + b[5] * x**2 + b[6] * x**3)


# name: (model as NIST writes it, model function, parameters, observations, level of difficulty)
PROBLEMS = {
    "Bennett5": ("y = b1 * (b2+x)**(-1/b3)  +  e",
                 lambda b, x: b[0] * (b[1] + x) ** (-1 / b[2]), 3, 154, "Higher"),
    "Eckerle4": ("y = (b1/b2) * exp[-0.5*((x-b3)/b2)**2]  +  e",
                 lambda b, x: (b[0] / b[1]) * np.exp(-0.5 * ((x - b[2]) / b[1]) ** 2), 3, 35, "Higher"),
    "Hahn1": ("y = (b1+b2*x+b3*x**2+b4*x**3) / (1+b5*x+b6*x**2+b7*x**3)  +  e", _rational, 7, 236, "Average"),
    "MGH09": ("y = b1*(x**2+x*b2) / (x**2+x*b3+b4)  +  e",
              lambda b, x: b[0] * (x**2 + x * b[1]) / (x**2 + x * b[2] + b[3]), 4, 11, "Higher"),
    "MGH10": ("y = b1 * exp[b2/(x+b3)]  +  e", lambda b, x: b[0] * np.exp(b[1] / (x + b[2])), 3, 16, "Higher"),
    "Thurber": ("y = (b1 + b2*x + b3*x**2 + b4*x**3) / (1 + b5*x + b6*x**2 + b7*x**3)  +  e",
                _rational, 7, 37, "Higher"),
}


def squash(s):
    return " ".join(s.split())


def parse(path, p):
    """Parses a NIST StRD nonlinear file by its own line pointers."""
    text = path.read_text()
    assert text.endswith("\n"), "file must end with a newline"
    lines = text.split("\n")[:-1]
    line = lambda k: lines[k - 1]  # NIST line numbers are 1-based
    head = "\n".join(lines[:10])
    ptr = {}
    for key, label in (("start", "Starting Values"), ("cert", "Certified Values"), ("data", "Data")):
        m = re.search(label + r"\s+\(lines\s+(\d+)\s+to\s+(\d+)\)", head)
        assert m, f"no '{label} (lines a to b)' pointer in the header"
        ptr[key] = (int(m.group(1)), int(m.group(2)))
    (s0, s1), (c0, c1), (d0, d1) = ptr["start"], ptr["cert"], ptr["data"]
    assert s1 - s0 + 1 == p, f"Starting Values pointer covers {s1 - s0 + 1} lines, not {p}"
    assert c0 == s0, "Certified Values must start at the first parameter line"
    start1, start2, params, sds = [], [], [], []
    for i, k in enumerate(range(s0, s1 + 1)):
        m = re.fullmatch(r"\s*b(\d+)\s*=\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*", line(k))
        assert m and int(m.group(1)) == i + 1, f"line {k} is not the b{i + 1} row: {line(k)!r}"
        start1.append(float(m.group(2)))
        start2.append(float(m.group(3)))
        params.append(float(m.group(4)))
        sds.append(float(m.group(5)))
    assert s0 > 1 and re.search(r"Start 1\s+Start 2\s+Parameter\s+Standard Deviation", line(s0 - 1)), \
        "the column header must precede the parameter rows"
    stats = {}
    for k in range(s1 + 1, c1 + 1):
        m = re.fullmatch(r"(Residual Sum of Squares|Residual Standard Deviation|Degrees of Freedom|"
                         r"Number of Observations):\s+(\S+)\s*", line(k))
        if m:
            stats[m.group(1)] = m.group(2)
        else:
            assert not line(k).strip(), f"unexpected line {k} in the certified block: {line(k)!r}"
    assert len(stats) == 4, f"certified block lacks {set(['Residual Sum of Squares', 'Residual Standard Deviation', 'Degrees of Freedom', 'Number of Observations']) - set(stats)}"
    assert line(c1).startswith("Number of Observations:"), "Certified Values must end at 'Number of Observations'"
    assert all(not line(k).strip() for k in range(c1 + 1, d0 - 1)), "lines between certified block and data must be blank"
    assert re.fullmatch(r"Data:\s+y\s+x\s*", line(d0 - 1)), f"line {d0 - 1} must be the 'Data:  y  x' header"
    assert d1 == len(lines), f"Data pointer ends at {d1} but the file has {len(lines)} lines"
    rows = []
    for k in range(d0, d1 + 1):
        f = line(k).split()
        assert len(f) == 2, f"data line {k} must hold y and x: {line(k)!r}"
        rows.append((float(f[0]), float(f[1])))
    y, x = np.array(rows).T
    # Header texts: observation count, parameter count, difficulty, model.
    desc = "\n".join(lines[: s0 - 3])
    n_desc = int(re.search(r"^\s+(\d+) Observations\s*$", desc, re.M).group(1))
    p_desc = int(re.search(r"^\s+(\d+) Parameters \(b1 to b\d+\)\s*$", desc, re.M).group(1))
    level = re.search(r"^\s+(\w+) Level of Difficulty\s*$", desc, re.M).group(1)
    model_start = next(i for i, l in enumerate(lines) if l.strip().startswith("y = "))
    model_lines = []
    for l in lines[model_start:]:
        if not l.strip():
            break
        model_lines.append(l.strip())
    return dict(start1=start1, start2=start2, params=np.array(params), sds=np.array(sds),
                rss=float(stats["Residual Sum of Squares"]), rsd=float(stats["Residual Standard Deviation"]),
                dof=int(stats["Degrees of Freedom"]), n=int(stats["Number of Observations"]),
                x=x, y=y, n_desc=n_desc, p_desc=p_desc, level=level, model=" ".join(model_lines),
                text=text)


def jacobian(f, b, x):
    """Exact Jacobian of the model by complex-step differentiation."""
    h = 1e-30
    cols = []
    for j in range(len(b)):
        bc = b.astype(complex)
        bc[j] += 1j * h
        cols.append(f(bc, x.astype(complex)).imag / h)
    return np.column_stack(cols)


def rel(a, b):
    return abs(a - b) / abs(b)


def check(name):
    model_text, f, p, n_task, level = PROBLEMS[name]
    path = HERE / f"{name}.dat"
    raw = path.read_bytes()
    out = []

    def ok(cond, msg):
        if not cond:
            raise AssertionError(msg)

    ok(hashlib.sha256(raw).hexdigest() == SHA256[name], "raw bytes differ from the verbatim NIST copy")
    d = parse(path, p)
    stripped = "\n".join(l.rstrip() for l in d["text"].split("\n"))
    ok(hashlib.sha256(stripped.encode()).hexdigest() == LMFIT_SHA256[name],
       "text differs from lmfit's independent copy (trailing blanks ignored)")

    n = len(d["y"])
    ok(n == d["n"] == d["n_desc"] == n_task, f"observations: rows {n}, stated {d['n']}, "
                                              f"description {d['n_desc']}, task {n_task}")
    ok(len(d["params"]) == d["p_desc"] == p, f"parameters: rows {len(d['params'])}, description {d['p_desc']}")
    ok(d["dof"] == n - p, f"degrees of freedom {d['dof']} != n - p = {n - p}")
    ok(d["level"] == level, f"level of difficulty {d['level']} != {level}")
    ok(squash(d["model"]) == squash(model_text), f"model text {d['model']!r} != {model_text!r}")

    e = EIGEN[name]
    ok(list(d["params"]) == e["params"], "certified parameters differ from Eigen's transcription")
    ok(d["rss"] == e["rss"], "certified RSS differs from Eigen's transcription")
    ok(d["start1"] == e["start1"] and d["start2"] == e["start2"], "starting values differ from the second source")
    if name in TASK_RSS:
        ok(d["rss"] == TASK_RSS[name], "certified RSS differs from the value quoted in the task")

    b = d["params"]
    r = d["y"] - f(b, d["x"])
    rss = float(r @ r)
    ok(rel(rss, d["rss"]) < 1e-6, f"RSS at certified values {rss:.10E} vs certified {d['rss']:.10E}")
    out.append(f"RSS {rss:.10E} (certified {d['rss']:.10E}, rel diff {rel(rss, d['rss']):.1e})")

    s = math.sqrt(d["rss"] / (n - p))
    ok(rel(s, d["rsd"]) < 1e-9, f"sqrt(RSS/(n-p)) = {s:.10E} vs certified residual SD {d['rsd']:.10E}")
    out.append(f"residual SD sqrt(RSS/{n - p}) {s:.10E} (certified {d['rsd']:.10E})")

    # Gradient of the RSS, -2 J'r, in scale-free form: with J = QR, the Gauss-Newton step that would
    # zero it is R^-1 Q'r, and |Q'r| / |r| is the cosine between the residuals and the tangent plane.
    J = jacobian(f, b, d["x"])
    Q, R = np.linalg.qr(J)
    qtr = Q.T @ r
    step = float(np.max(np.abs(np.linalg.solve(R, qtr) / b)))
    cosine = float(np.linalg.norm(qtr) / np.linalg.norm(r))
    ok(step < 1e-6, f"the Gauss-Newton step from the certified values is {step:.1e} relative")
    ok(cosine < 1e-5, f"residuals are not orthogonal to the Jacobian: cosine {cosine:.1e}")
    fit = least_squares(lambda bb: f(bb, d["x"]) - d["y"], b, jac=lambda bb: jacobian(f, bb, d["x"]),
                        method="lm", xtol=1e-15, ftol=1e-15, gtol=1e-15, x_scale="jac", max_nfev=2000)
    moved = float(np.max(np.abs(fit.x - b) / np.abs(b)))
    ok(moved < 1e-6, f"least_squares from the certified values moved a parameter by {moved:.1e} relative")
    ok(2 * fit.cost <= rss * (1 + 1e-12), "least_squares found a larger RSS")
    out.append(f"gradient ~0: Gauss-Newton step {step:.1e} rel., cos(r, span J) {cosine:.1e}; least_squares "
               f"from certified moves params by {moved:.1e} rel., RSS -> {2 * fit.cost:.10E}")

    Rinv = np.linalg.inv(R)
    sd = s * np.sqrt(np.sum(Rinv**2, axis=1))
    worst = float(np.max(np.abs(sd - d["sds"]) / d["sds"]))
    ok(worst < 1e-6, f"standard deviations s*sqrt(diag((J'J)^-1)) differ by {worst:.1e} relative")
    out.append(f"standard deviations reproduced to {worst:.1e} relative")
    return n, p, out


def main():
    failed = 0
    for name in PROBLEMS:
        try:
            n, p, out = check(name)
            print(f"PASS {name}: {n} observations, {p} parameters")
            for line in out:
                print(f"     {line}")
        except AssertionError as err:
            failed += 1
            print(f"FAIL {name}: {err}")
    print(f"{len(PROBLEMS) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

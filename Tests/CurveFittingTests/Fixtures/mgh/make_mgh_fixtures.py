#!/usr/bin/env python3
"""MGH test problems whose Jacobian is rank deficient at the start (writes mgh_rank_deficient.json).

Definitions and standard starts from J. J. More, B. S. Garbow and K. E. Hillstrom, "Testing
unconstrained optimization software", ACM TOMS 7(1), 1981, pp. 17-41, written as data fits
y_i ~ model(t_i; b) so that f_i = model - y_i is the paper's residual:

  (12) Box three-dimensional, n = 3, m = 10, t_i = 0.1 i:
       f_i = exp(-t_i x1) - exp(-t_i x2) - x3 (exp(-t_i) - exp(-10 t_i)),  y_i = 0;
       x0 = (0, 10, 20), f = 0 at (1, 10, 1). Started from 10 x0 = (0, 100, 200).
  (18) Biggs EXP6, n = 6, m = 13, t_i = 0.1 i, y_i = exp(-t_i) - 5 exp(-10 t_i) + 3 exp(-4 t_i):
       f_i = x3 exp(-t_i x1) - x4 exp(-t_i x2) + x6 exp(-t_i x5) - y_i;
       x0 = (1, 2, 1, 1, 1, 1), f = 0 at (1, 10, 1, 5, 4, 3). At x0 the columns of x3 and x6
       are equal (x1 = x5 = 1), so the Jacobian is rank deficient there.

The formulas use Foresight's formula syntax with predictor t and parameters b1..bn.
"""
import json, math

t12 = [0.1 * i for i in range(1, 11)]
t18 = [0.1 * i for i in range(1, 14)]
problems = [
    {"name": "Box 3-D", "number": 12, "formula": "exp(-t*b1) - exp(-t*b2) - b3*(exp(-t) - exp(-10*t))",
     "parameters": ["b1", "b2", "b3"], "t": t12, "y": [0.0] * len(t12),
     "standardStart": [0, 10, 20], "startFactor": 10, "solution": [1, 10, 1]},
    {"name": "Biggs EXP6", "number": 18, "formula": "b3*exp(-t*b1) - b4*exp(-t*b2) + b6*exp(-t*b5)",
     "parameters": ["b1", "b2", "b3", "b4", "b5", "b6"], "t": t18,
     "y": [math.exp(-t) - 5 * math.exp(-10 * t) + 3 * math.exp(-4 * t) for t in t18],
     "standardStart": [1, 2, 1, 1, 1, 1], "startFactor": 1, "solution": [1, 10, 1, 5, 4, 3]},
]
with open("mgh_rank_deficient.json", "w") as f:
    json.dump({"source": "More, Garbow & Hillstrom (1981), problems 12 and 18", "problems": problems}, f, indent=1)

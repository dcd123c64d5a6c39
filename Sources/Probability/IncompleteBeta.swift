import RealModule

/// Regularized incomplete beta function and its inverse (internal core shared by
/// Student's t and the F distribution).
///
/// `I_x(a, b) = B(x; a, b)/B(a, b)`. The arguments are always the pair `(x, y)` with
/// `y = 1 − x` supplied by the caller, because for the distributions the small one of
/// the two (e.g. `y = t²/(ν + t²)` for small t) must keep full relative precision.
enum IncompleteBeta {
    /// Returns `(I_x(a, b), 1 − I_x(a, b))`; NaN for invalid arguments.
    ///
    /// Uses the continued fraction BFRAC of DiDonato & Morris (ACM TOMS 18, 1992,
    /// Algorithm 708; the even contraction of the classical fraction in Numerical Recipes
    /// §6.4),
    ///
    ///     I_x(a, b) = xᵃyᵇ/B(a, b) / (β₀ + α₁/(β₁ + α₂/(β₂ + …)))
    ///     αₘ = (a+m−1)(a+b+m−1)·m(b−m)·x² / (a+2m−1)²
    ///     βₘ = m + m(b−m)x/(a+2m−1) + (a+m)(a·y − b·x + 1 + m(1+y))/(a+2m+1),
    ///
    /// evaluated with the modified Lentz algorithm. Writing `βₘ` with `y` rather than
    /// `1 − x` matters: the classical form's first denominator `1 − (a+b)x/(a+1)` cancels
    /// catastrophically for large `a` and `x → 1` (≈1e−11 relative error for Student's t
    /// with ν = 1e6). The fraction converges quickly for `x < (a+1)/(a+b+2)`; otherwise the
    /// symmetry `I_x(a, b) = 1 − I_y(b, a)` is applied. Either way the directly computed
    /// value is the smaller tail, so both returned values are accurate. The prefactor is
    /// ``DensityKernel/betaTerm(_:_:x:y:)``.
    static func regularized(a: Double, b: Double, x: Double, y: Double) -> (lower: Double, upper: Double) {
        guard a > 0, b > 0, a.isFinite, b.isFinite, x >= 0, y >= 0 else { return (.nan, .nan) }
        if x == 0 { return (0, 1) }
        if y == 0 { return (1, 0) }
        let prefactor = DensityKernel.betaTerm(a, b, x: x, y: y)
        if x * (a + b + 2) < a + 1 {
            let lower = prefactor / continuedFraction(a: a, b: b, x: x, y: y)
            return (lower, 1 - lower)
        }
        let upper = prefactor / continuedFraction(a: b, b: a, x: y, y: x)
        return (1 - upper, upper)
    }

    /// `β₀ + α₁/(β₁ + α₂/(β₂ + …))` of BFRAC (see ``regularized(a:b:x:y:)``).
    private static func continuedFraction(a: Double, b: Double, x: Double, y: Double) -> Double {
        let tiny = Double.leastNormalMagnitude / Double.ulpOfOne
        func nonzero(_ v: Double) -> Double { v == 0 ? tiny : v }
        let base = a * y - b * x + 1
        func beta(_ m: Double) -> Double {
            m + m * (b - m) * x / (a + 2 * m - 1) + (a + m) * (base + m * (1 + y)) / (a + 2 * m + 1)
        }
        var f = nonzero(a * base / (a + 1))  // β₀ (the general formula is 0/0 at a = 1)
        var c = f
        var d = 0.0
        for i in 1...1_000_000 {
            let m = Double(i)
            let denominator = a + 2 * m - 1
            let alpha = (a + m - 1) * (a + b + m - 1) * m * (b - m) * x * x / (denominator * denominator)
            let betaM = beta(m)
            d = 1 / nonzero(betaM + alpha * d)
            c = nonzero(betaM + alpha / c)
            let delta = c * d
            f *= delta
            if abs(delta - 1) <= Double.ulpOfOne { break }
        }
        return f
    }

    /// Returns `(x, y)` with `I_x(a, b) = p`, `1 − I_x(a, b) = q` and `y = 1 − x`, where
    /// `p + q = 1` and the smaller of `x`, `y` carries full relative precision.
    ///
    /// The iteration variable is whichever of `x` or `y` is below ½ (decided by comparing
    /// `p` with `I_½(a, b)`), using `I_x(a, b) = 1 − I_y(b, a)`. Starting values follow
    /// Numerical Recipes §6.4 (after AS 109 / Abramowitz & Stegun 26.5.22): a Cornish–Fisher
    /// normal approximation when `a, b ≥ 1`, otherwise the power-law limits
    /// `x ≈ (p·a·w)^(1/a)` / `y ≈ (q·b·w)^(1/b)`. Refinement: ``TailInversion`` on the
    /// smaller tail, with slope `x·∂I/∂x = betaTerm / y`.
    static func inverse(a: Double, b: Double, p: Double, q: Double) -> (x: Double, y: Double) {
        guard a > 0, b > 0, a.isFinite, b.isFinite, p >= 0, q >= 0, p <= 1, q <= 1 else {
            return (.nan, .nan)
        }
        if p == 0 { return (0, 1) }
        if q == 0 { return (1, 0) }
        if p <= regularized(a: a, b: b, x: 0.5, y: 0.5).lower {
            let x = solveBelowHalf(a: a, b: b, p: p, q: q)
            return (x, 1 - x)
        }
        let y = solveBelowHalf(a: b, b: a, p: q, q: p)
        return (1 - y, y)
    }

    /// Solves `I_z(a, b) = p` for a root known to lie in `(0, ½]`.
    private static func solveBelowHalf(a: Double, b: Double, p: Double, q: Double) -> Double {
        let useLower = p <= q
        return TailInversion.solve(
            target: useLower ? p : q,
            increasing: useLower,
            initial: initialGuess(a: a, b: b, p: p, q: q),
            upper: 0.5
        ) { z in
            let w = 1 - z
            let (lower, upper) = regularized(a: a, b: b, x: z, y: w)
            let slope = DensityKernel.betaTerm(a, b, x: z, y: w) / w
            return useLower ? (lower, slope) : (upper, -slope)
        }
    }

    private static func initialGuess(a: Double, b: Double, p: Double, q: Double) -> Double {
        if a >= 1 && b >= 1 {
            let z = -Normal.standardQuantile(p: p, q: q)  // upper-tail normal deviate of p
            let lambda = (z * z - 3) / 6
            let h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1))
            let w = z * (lambda + h).squareRoot() / h
                - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (lambda + 5.0 / 6 - 2 / (3 * h))
            let e = b * Double.exp(2 * w)
            return a / (a + e)
        }
        let n = a + b
        let lowerMass = Double.exp(a * Double.log(a / n)) / a
        let upperMass = Double.exp(b * Double.log(b / n)) / b
        let total = lowerMass + upperMass
        if p < lowerMass / total { return Double.exp(Double.log(a * total * p) / a) }
        return 1 - Double.exp(Double.log(b * total * q) / b)
    }
}

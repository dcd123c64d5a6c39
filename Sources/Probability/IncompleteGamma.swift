import RealModule

/// Regularized incomplete gamma functions and their inverses (internal core).
///
/// `P(a, x) = γ(a, x)/Γ(a)` and `Q(a, x) = Γ(a, x)/Γ(a) = 1 − P(a, x)`. Both are returned
/// together: the one that is the smaller tail is computed directly (no cancellation)
/// and the other as its complement. See ``SpecialFunctions`` for the public entry points.
enum IncompleteGamma {
    /// Returns `(P(a, x), Q(a, x))`; NaN for `a ≤ 0`, `x < 0` or NaN input.
    ///
    /// - `x < a + 1`: the power series
    ///   `P = xᵃe⁻ˣ/Γ(a+1) · Σₙ xⁿ / ((a+1)(a+2)…(a+n))` (all terms positive).
    /// - otherwise: the Legendre continued fraction for `Q`, evaluated with the modified
    ///   Lentz algorithm (Numerical Recipes 3rd ed. §6.2; Lentz 1976).
    ///
    /// The prefactor `xᵃe⁻ˣ/Γ(a+1)` comes from ``DensityKernel/poissonTerm(_:_:)``, so the
    /// relative error stays near 1e−15 even for a = 5e5.
    static func regularized(a: Double, x: Double) -> (lower: Double, upper: Double) {
        guard a > 0, a.isFinite, x >= 0 else { return (.nan, .nan) }
        if x == 0 { return (0, 1) }
        if x == .infinity { return (1, 0) }
        let prefactor = DensityKernel.poissonTerm(a, x)
        if x < a + 1 {
            let lower = prefactor * series(a: a, x: x)
            return (lower, 1 - lower)
        }
        let upper = a * prefactor * continuedFraction(a: a, x: x)
        return (1 - upper, upper)
    }

    /// Iteration cap for the series and the continued fraction. Both need about `10·√a`
    /// terms near `x ≈ a`, so the cap only binds beyond `a ≈ 1e12`, where results are
    /// truncated (and the rounding accumulated over ~√a steps already exceeds 1e−12).
    private static let maximumTerms = 10_000_000

    /// `Σₙ xⁿ / ((a+1)…(a+n))`, summed until the terms no longer change the sum.
    private static func series(a: Double, x: Double) -> Double {
        var term = 1.0
        var sum = 1.0
        for n in 1...maximumTerms {
            term *= x / (a + Double(n))
            sum += term
            if term <= sum * 0.5 * Double.ulpOfOne { break }
        }
        return sum
    }

    /// `1/(x+1−a− 1·(1−a)/(x+3−a− 2·(2−a)/(x+5−a− …)))`, so that `Q = a·prefactor·CF`.
    private static func continuedFraction(a: Double, x: Double) -> Double {
        let tiny = Double.leastNormalMagnitude / Double.ulpOfOne
        var b = x + (1 - a)
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1...maximumTerms {
            let n = Double(i)
            let an = -n * (n - a)
            b = x + (2 * n + 1 - a)
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) <= Double.ulpOfOne { break }
        }
        return h
    }

    /// Returns `x` with `P(a, x) = p` and `Q(a, x) = q`, where `p + q = 1` and both are given
    /// so that whichever is smaller is used at full relative precision.
    ///
    /// Starting value: Wilson–Hilferty, `x ≈ a(1 − 1/(9a) + z/(3√a))³` with `z = Φ⁻¹(p)`,
    /// falling back to the small-`x` limit `x ≈ (p·Γ(a+1))^(1/a)` or the large-`x` limit
    /// `x ≈ −log(q·Γ(a))` where those are better (Numerical Recipes §6.2.1). Refinement:
    /// ``TailInversion`` (safeguarded Newton in log x) on the smaller tail.
    static func inverse(a: Double, p: Double, q: Double) -> Double {
        guard a > 0, a.isFinite, p >= 0, q >= 0, p <= 1, q <= 1 else { return .nan }
        if p == 0 { return 0 }
        if q == 0 { return .infinity }
        let useLower = p <= q
        return TailInversion.solve(
            target: useLower ? p : q,
            increasing: useLower,
            initial: initialGuess(a: a, p: p, q: q)
        ) { x in
            let (lower, upper) = regularized(a: a, x: x)
            let slope = a * DensityKernel.poissonTerm(a, x)  // x · dP/dx
            return useLower ? (lower, slope) : (upper, -slope)
        }
    }

    private static func initialGuess(a: Double, p: Double, q: Double) -> Double {
        if a >= 1 {
            let z = Normal.standardQuantile(p: p, q: q)
            let cube = 1 - 1 / (9 * a) + z / (3 * a.squareRoot())
            if cube > 0 { return a * cube * cube * cube }
            // Far lower tail: P ≈ xᵃ/Γ(a+1).
            return Double.exp((Double.log(p) + Double.logGamma(a + 1)) / a)
        }
        let t = 1 - a * (0.253 + a * 0.12)
        if p < t { return Double.exp(Double.log(p / t) / a) }
        // Upper tail, Q ≈ e⁻ˣ up to slowly varying factors: x ≈ 1 − log(q/(1−t)).
        return 1 - Double.log(q / (1 - t))
    }
}

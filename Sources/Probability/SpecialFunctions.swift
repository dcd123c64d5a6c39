/// Regularized incomplete gamma and beta functions and their inverses.
///
/// These are the numerical core of ``ChiSquared``, ``StudentT`` and ``FDistribution``.
/// Related functions come from RealModule (swift-numerics), which forwards to the
/// platform libm (glibc on Linux, accurate to a few ulps): `Double.logGamma`,
/// `Double.erf`, `Double.erfc`.
///
/// All functions are total: invalid arguments (non-positive or non-finite shape
/// parameters, `x` or probabilities outside their domain, NaN) return NaN.
/// Accuracy, measured through the distributions against 50-digit mpmath references in
/// the test fixtures, is within 2e−13 relative (typically a few ulps) for shape
/// parameters from 0.25 to 5e5, in both tails until they underflow.
public enum SpecialFunctions {
    /// The regularized lower incomplete gamma function `P(a, x) = γ(a, x)/Γ(a)`, `a > 0`, `x ≥ 0`.
    ///
    /// Power series for `x < a + 1`, else `1 − Q` with `Q` from the Legendre continued
    /// fraction (modified Lentz), with Loader's cancellation-free prefactor
    /// `xᵃe⁻ˣ/Γ(a+1)`. Whichever of `P`, `Q` is smaller is computed directly.
    public static func regularizedGammaP(a: Double, x: Double) -> Double {
        IncompleteGamma.regularized(a: a, x: x).lower
    }

    /// The regularized upper incomplete gamma function `Q(a, x) = Γ(a, x)/Γ(a) = 1 − P(a, x)`,
    /// computed without cancellation when it is small.
    public static func regularizedGammaQ(a: Double, x: Double) -> Double {
        IncompleteGamma.regularized(a: a, x: x).upper
    }

    /// The `x ≥ 0` with `P(a, x) = p`: 0 at `p = 0`, `+∞` at `p = 1`.
    ///
    /// Wilson–Hilferty (or power-law) starting value refined by safeguarded Newton
    /// iteration in `log x` on the smaller tail.
    public static func inverseRegularizedGammaP(a: Double, p: Double) -> Double {
        IncompleteGamma.inverse(a: a, p: p, q: 1 - p)
    }

    /// The `x ≥ 0` with `Q(a, x) = q`, accurate for tiny `q` (e.g. `q = 1e−200`).
    public static func inverseRegularizedGammaQ(a: Double, q: Double) -> Double {
        IncompleteGamma.inverse(a: a, p: 1 - q, q: q)
    }

    /// The regularized incomplete beta function `I_x(a, b) = B(x; a, b)/B(a, b)`,
    /// `a, b > 0`, `0 ≤ x ≤ 1`.
    ///
    /// Continued fraction (modified Lentz) with the symmetry `I_x(a, b) = 1 − I_{1−x}(b, a)`
    /// applied so that the smaller tail is computed directly, and Loader's
    /// cancellation-free prefactor `xᵃ(1−x)ᵇ/B(a, b)`.
    public static func regularizedBeta(a: Double, b: Double, x: Double) -> Double {
        guard x >= 0, x <= 1 else { return .nan }
        return IncompleteBeta.regularized(a: a, b: b, x: x, y: 1 - x).lower
    }

    /// `1 − I_x(a, b)`, computed without cancellation when it is small.
    ///
    /// Note `1 − x` itself is rounded for `x < ½`; callers that know `1 − x` more accurately
    /// should use the symmetric form `regularizedBeta(a: b, b: a, x: 1 − x)`.
    public static func regularizedBetaComplement(a: Double, b: Double, x: Double) -> Double {
        guard x >= 0, x <= 1 else { return .nan }
        return IncompleteBeta.regularized(a: a, b: b, x: x, y: 1 - x).upper
    }

    /// The `x ∈ [0, 1]` with `I_x(a, b) = p`.
    ///
    /// Cornish–Fisher or power-law starting value (Numerical Recipes §6.4), refined by
    /// safeguarded Newton iteration in the log of whichever of `x`, `1 − x` is below ½.
    public static func inverseRegularizedBeta(a: Double, b: Double, p: Double) -> Double {
        IncompleteBeta.inverse(a: a, b: b, p: p, q: 1 - p).x
    }

    /// The `x ∈ [0, 1]` with `1 − I_x(a, b) = q`.
    ///
    /// Tiny `q` is handled without cancellation, but a root close to 1 can only be
    /// returned to absolute precision ~1e−16; `1 − x` to full relative precision is
    /// `inverseRegularizedBeta(a: b, b: a, p: q)` (from `1 − I_x(a, b) = I_{1−x}(b, a)`).
    public static func inverseRegularizedBetaComplement(a: Double, b: Double, q: Double) -> Double {
        IncompleteBeta.inverse(a: a, b: b, p: 1 - q, q: q).x
    }
}

import RealModule

/// The chi-squared distribution with `k > 0` (real) degrees of freedom.
///
/// The distribution of a sum of `k` squared standard normals: a gamma distribution with
/// shape `k/2` and scale 2, so `cdf(x) = P(k/2, x/2)` and `survival(x) = Q(k/2, x/2)`,
/// the regularized incomplete gamma functions (see ``SpecialFunctions``). Halving `x` is
/// exact, so accuracy is that of the gamma core: within 2e−13 relative (typically a few
/// ulps) for `k ∈ [0.5, 1e6]` in both tails until they underflow. Cost grows like `√k`
/// (a series or continued fraction of ~10·√(k/2) terms near the mean), so `k` up to about
/// 1e12 is supported; beyond that the expansions are truncated.
public struct ChiSquared: ContinuousDistribution, Hashable {
    /// The degrees of freedom `k`.
    public let degreesOfFreedom: Double

    /// Creates a chi-squared distribution.
    /// - Throws: ``ProbabilityError/invalidParameter(name:value:requirement:)`` unless
    ///   `degreesOfFreedom` is finite and positive.
    public init(degreesOfFreedom: Double) throws(ProbabilityError) {
        try Validate.positiveFinite(degreesOfFreedom, "degreesOfFreedom")
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// `x^(k/2−1)·e^(−x/2) / (2^(k/2)·Γ(k/2))`; at `x = 0` this is `+∞`, ½ or 0 for
    /// `k < 2`, `k = 2`, `k > 2`.
    public func pdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x < 0 { return 0 }
        let a = degreesOfFreedom / 2, half = x / 2
        if a >= 1 { return 0.5 * DensityKernel.poissonTerm(a - 1, half) }
        if x == 0 { return .infinity }
        return a * DensityKernel.poissonTerm(a, half) / x
    }

    /// `P(k/2, x/2)`, the regularized lower incomplete gamma function.
    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        return IncompleteGamma.regularized(a: degreesOfFreedom / 2, x: max(x, 0) / 2).lower
    }

    /// `Q(k/2, x/2)`, computed directly (not as `1 − P`) when it is the smaller tail.
    public func survival(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        return IncompleteGamma.regularized(a: degreesOfFreedom / 2, x: max(x, 0) / 2).upper
    }

    /// `2·P⁻¹(k/2, p)`: 0 at `p = 0`, `+∞` at `p = 1`.
    public func quantile(_ p: Double) -> Double {
        2 * IncompleteGamma.inverse(a: degreesOfFreedom / 2, p: p, q: 1 - p)
    }

    /// `2·Q⁻¹(k/2, q)`, accurate for tiny upper-tail probabilities (e.g. `q = 1e−100`).
    public func upperQuantile(_ q: Double) -> Double {
        2 * IncompleteGamma.inverse(a: degreesOfFreedom / 2, p: 1 - q, q: q)
    }
}

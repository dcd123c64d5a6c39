import RealModule

/// Snedecor's F distribution with `d₁, d₂ > 0` (real) degrees of freedom.
///
/// The distribution of `(U₁/d₁)/(U₂/d₂)` for independent chi-squared `U₁, U₂`.
/// `cdf(f) = I_x(d₁/2, d₂/2)` with `x = d₁f/(d₁f + d₂)`, the regularized incomplete beta
/// function; `x` and `y = d₂/(d₁f + d₂)` are each formed to full relative precision and
/// the upper tail is computed directly, so ``survival(_:)`` is accurate for tiny
/// p-values. Quantiles invert the same function and return `f = d₂·x/(d₁·y)`.
public struct FDistribution: ContinuousDistribution, Hashable {
    /// The numerator degrees of freedom `d₁`.
    public let numeratorDF: Double
    /// The denominator degrees of freedom `d₂`.
    public let denominatorDF: Double

    /// Creates an F distribution.
    /// - Throws: ``ProbabilityError/invalidParameter(name:value:requirement:)`` unless
    ///   both degrees of freedom are finite and positive.
    public init(numeratorDF: Double, denominatorDF: Double) throws(ProbabilityError) {
        try Validate.positiveFinite(numeratorDF, "numeratorDF")
        try Validate.positiveFinite(denominatorDF, "denominatorDF")
        self.numeratorDF = numeratorDF
        self.denominatorDF = denominatorDF
    }

    /// The density; at `f = 0` it is `+∞`, 1 or 0 for `d₁ < 2`, `d₁ = 2`, `d₁ > 2`.
    public func pdf(_ f: Double) -> Double {
        if f.isNaN { return .nan }
        if f < 0 || f == .infinity { return 0 }
        let a = numeratorDF / 2
        if f == 0 { return a < 1 ? .infinity : (a == 1 ? 1 : 0) }
        let (x, y) = fractions(f)
        // d/df I_x = (xᵃyᵇ/B)/(x·y) · dx/df and dx/df = x·y/f.
        return DensityKernel.betaTerm(a, denominatorDF / 2, x: x, y: y) / f
    }

    /// `I_x(d₁/2, d₂/2)` with `x = d₁f/(d₁f + d₂)`.
    public func cdf(_ f: Double) -> Double {
        incompleteBeta(f).lower
    }

    /// `1 − I_x(d₁/2, d₂/2) = I_y(d₂/2, d₁/2)`, computed directly when it is the smaller tail.
    public func survival(_ f: Double) -> Double {
        incompleteBeta(f).upper
    }

    /// `d₂·x/(d₁·y)` where `I_x(d₁/2, d₂/2) = p`: 0 at `p = 0`, `+∞` at `p = 1`.
    public func quantile(_ p: Double) -> Double {
        value(IncompleteBeta.inverse(a: numeratorDF / 2, b: denominatorDF / 2, p: p, q: 1 - p))
    }

    /// The `f` with `survival(f) = q`, solving for the small beta variate directly.
    public func upperQuantile(_ q: Double) -> Double {
        value(IncompleteBeta.inverse(a: numeratorDF / 2, b: denominatorDF / 2, p: 1 - q, q: q))
    }

    // MARK: - Implementation

    /// `(x, y) = (d₁f, d₂)/(d₁f + d₂)`, formed as `(f, d₂/d₁)/(f + d₂/d₁)` to avoid overflow.
    private func fractions(_ f: Double) -> (x: Double, y: Double) {
        let split = DensityKernel.fractions(f, denominatorDF / numeratorDF)
        return (split.first, split.second)
    }

    private func incompleteBeta(_ f: Double) -> (lower: Double, upper: Double) {
        if f.isNaN { return (.nan, .nan) }
        if f <= 0 { return (0, 1) }
        if f == .infinity { return (1, 0) }
        let (x, y) = fractions(f)
        return IncompleteBeta.regularized(a: numeratorDF / 2, b: denominatorDF / 2, x: x, y: y)
    }

    /// Maps the beta variate `(x, y)` back to `f = d₂·x / (d₁·y)`.
    private func value(_ beta: (x: Double, y: Double)) -> Double {
        if beta.x.isNaN { return .nan }
        if beta.y == 0 { return .infinity }
        return (denominatorDF * beta.x) / (numeratorDF * beta.y)
    }
}

import RealModule

/// Random variate generation on any `RandomNumberGenerator`.
///
/// Every sampler is a deterministic function of the words drawn from the generator, so
/// with a ``SeededGenerator`` the results are reproducible run to run. The word stream
/// and ``nextUniform()``/``nextOpenUniform()`` are bit-identical on every platform; the
/// other variates also go through libm's `log`/`exp`, so they are bit-identical for a
/// given libm (e.g. every Linux/glibc machine) and may differ in the last ulp elsewhere.
/// The number of words each sampler consumes never depends on the libm, so streams stay
/// aligned. Parameters are validated and an invalid one throws ``ProbabilityError``
/// before any word is consumed.
extension RandomNumberGenerator {
    /// A uniform double in `[0, 1)`: the top 53 bits of one word times 2⁻⁵³.
    ///
    /// Every multiple of 2⁻⁵³ in `[0, 1)` is equally likely; this is the finest equally
    /// spaced grid a double can represent over the whole interval.
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform double in the open interval `(0, 1)`: `(k + ½)·2⁻⁵²` with `k` the top 52
    /// bits of one word.
    ///
    /// The midpoint grid is symmetric (`1 − u` has the same distribution and is exact),
    /// never returns 0 or 1, so `log(u)` and `log(1 − u)` are always finite.
    public mutating func nextOpenUniform() -> Double {
        (Double(next() >> 12) + 0.5) * 0x1p-52
    }

    /// A standard normal variate, by inversion: `Φ⁻¹(u)` with `u = nextOpenUniform()`.
    ///
    /// Inversion (Wichura's AS 241, relative accuracy ~1e−16) consumes exactly one word per
    /// variate, which keeps streams aligned and makes results easy to reproduce; the
    /// extreme values it can produce are ±8.3 (at `u = 2⁻⁵³`), i.e. tail mass below 1e−16
    /// is truncated, far beyond what any simulation in this package can detect.
    public mutating func nextStandardNormal() -> Double {
        let u = nextOpenUniform()
        return Normal.standardQuantile(p: u, q: 1 - u)
    }

    /// An exponential variate with the given rate (mean `1/rate`): `−log(u)/rate`.
    /// - Throws: ``ProbabilityError`` unless `rate` is finite and positive.
    public mutating func nextExponential(rate: Double = 1) throws(ProbabilityError) -> Double {
        try Validate.positiveFinite(rate, "rate")
        return -Double.log(nextOpenUniform()) / rate
    }

    /// A gamma variate with density `x^(k−1)e^(−x/θ) / (Γ(k)θ^k)` (shape `k`, scale `θ`).
    ///
    /// Marsaglia & Tsang, "A simple method for generating gamma variables" (ACM TOMS 26,
    /// 2000): squeeze-and-reject on `d·(1 + c·z)³` with `d = k − ⅓`, `c = 1/√(9d)`,
    /// acceptance ≥ 95% for all `k ≥ 1`. For `k < 1` the same paper's boost
    /// `Gamma(k) = Gamma(k + 1)·U^(1/k)` is applied (in log space, so it cannot underflow
    /// prematurely).
    /// - Throws: ``ProbabilityError`` unless `shape` and `scale` are finite and positive.
    public mutating func nextGamma(shape: Double, scale: Double = 1) throws(ProbabilityError) -> Double {
        try Validate.positiveFinite(shape, "shape")
        try Validate.positiveFinite(scale, "scale")
        return scale * Double.exp(nextLogStandardGamma(shape: shape))
    }

    /// A Poisson variate with the given mean.
    ///
    /// For `mean < 10`, inversion by sequential search of the cumulative probabilities
    /// (one uniform per variate). For `mean ≥ 10`, Hörmann's transformed rejection with
    /// squeeze, PTRS ("The transformed rejection method for generating Poisson random
    /// variables", Insurance: Mathematics and Economics 12, 1993), whose cost is bounded
    /// independently of the mean; the constants are Hörmann's.
    /// - Throws: ``ProbabilityError`` unless `0 ≤ mean ≤ 1e15` (beyond 1e15 doubles can no
    ///   longer resolve the integers PTRS works with).
    public mutating func nextPoisson(mean: Double) throws(ProbabilityError) -> Int {
        guard mean >= 0, mean <= 1e15 else {
            throw .invalidParameter(name: "mean", value: mean, requirement: "finite, >= 0 and <= 1e15")
        }
        if mean == 0 { return 0 }
        if mean < 10 {
            let u = nextUniform()
            var k = 0
            var probability = Double.exp(-mean)
            var cumulative = probability
            while u > cumulative && probability > 0 {
                k += 1
                probability *= mean / Double(k)
                cumulative += probability
            }
            return k
        }
        let squareRootMean = mean.squareRoot(), logMean = Double.log(mean)
        let b = 0.931 + 2.53 * squareRootMean
        let a = -0.059 + 0.02483 * b
        let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = nextOpenUniform() - 0.5
            let v = nextOpenUniform()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + mean + 0.43).rounded(.down)
            if us >= 0.07 && v <= vr { return Int(k) }
            if k < 0 || (us < 0.013 && v > us) { continue }
            let logAcceptance = Double.log(v) + Double.log(inverseAlpha) - Double.log(a / (us * us) + b)
            if logAcceptance <= -mean + k * logMean - Double.logGamma(k + 1) { return Int(k) }
        }
    }

    /// A Dirichlet variate: a probability vector with density ∝ `Π xᵢ^(αᵢ−1)` on the simplex.
    ///
    /// Normalized independent `Gamma(αᵢ, 1)` variates. The gammas are generated and
    /// normalized in log space (subtracting the largest log before exponentiating), so
    /// small concentrations such as `αᵢ = 1e−3`, whose gamma variates routinely underflow,
    /// still give a valid vector that sums to 1.
    /// - Throws: ``ProbabilityError`` if `alphas` is empty or any `αᵢ` is not finite and positive.
    public mutating func nextDirichlet(_ alphas: [Double]) throws(ProbabilityError) -> [Double] {
        guard !alphas.isEmpty else {
            throw .invalidCount(name: "alphas.count", value: 0, requirement: ">= 1")
        }
        for alpha in alphas { try Validate.positiveFinite(alpha, "alpha") }
        let logs = alphas.map { nextLogStandardGamma(shape: $0) }
        return Self.normalizedExponentials(logs)
    }

    /// A point uniformly distributed on the probability simplex `{x ≥ 0, Σ xᵢ = 1}` of the
    /// given dimension (the Dirichlet(1, …, 1) distribution).
    ///
    /// Normalized i.i.d. standard exponentials (Devroye, "Non-Uniform Random Variate
    /// Generation", 1986, §V.2), one word per coordinate.
    /// - Throws: ``ProbabilityError`` unless `dimension ≥ 1`.
    public mutating func nextUniformOnSimplex(dimension: Int) throws(ProbabilityError) -> [Double] {
        guard dimension >= 1 else {
            throw .invalidCount(name: "dimension", value: dimension, requirement: ">= 1")
        }
        let exponentials = (0..<dimension).map { _ in -Double.log(nextOpenUniform()) }
        let total = exponentials.reduce(0, +)
        return exponentials.map { $0 / total }
    }

    // MARK: - Implementation

    /// The logarithm of a `Gamma(shape, 1)` variate, by the method of ``nextGamma(shape:scale:)``
    /// (Marsaglia–Tsang, with the `shape < 1` boost applied in log space).
    ///
    /// Normalizing `exp(lᵢ − max l)` over independent draws gives a Dirichlet vector without
    /// underflow even for tiny shapes (as ``nextDirichlet(_:)`` does). Unlike the throwing
    /// samplers this one does not validate: `shape` must be finite and positive.
    public mutating func nextLogStandardGamma(shape: Double) -> Double {
        if shape < 1 {
            return nextLogStandardGamma(shape: shape + 1) + Double.log(nextOpenUniform()) / shape
        }
        let d = shape - 1.0 / 3
        let c = 1 / (9 * d).squareRoot()
        while true {
            var z: Double
            var v: Double
            repeat {
                z = nextStandardNormal()
                v = 1 + c * z
            } while v <= 0
            v = v * v * v
            let u = nextOpenUniform()
            let z2 = z * z
            if u < 1 - 0.0331 * z2 * z2 || Double.log(u) < 0.5 * z2 + d * (1 - v + Double.log(v)) {
                return Double.log(d * v)
            }
        }
    }

    /// `exp(lᵢ)/Σ exp(lⱼ)`, shifted by the maximum so the largest term is exactly 1.
    private static func normalizedExponentials(_ logs: [Double]) -> [Double] {
        let largest = logs.max() ?? 0
        let weights = logs.map { Double.exp($0 - largest) }
        let total = weights.reduce(0, +)
        return weights.map { $0 / total }
    }
}

import RealModule

/// The normal (Gaussian) distribution `N(μ, σ²)`.
///
/// Density `φ((x − μ)/σ)/σ` with `φ(z) = e^(−z²/2)/√(2π)`; distribution function
/// `Φ(z) = erfc(−z/√2)/2`.
///
/// - ``cdf(_:)`` / ``survival(_:)`` use glibc's `erfc` (through RealModule) on whichever
///   tail is being asked for, and correct for the rounding of `z/√2` to first order, so
///   the relative error stays at a few ulps out to `|z| ≈ 38` (where the tail underflows).
/// - ``pdf(_:)`` splits `z = zₕ + zₗ` with `zₕ` a multiple of 1/16 so that `zₕ²` is exact
///   (Cody's device), avoiding the `ε·z²` relative error of `exp(−z·z/2)`.
/// - ``quantile(_:)`` is Wichura's algorithm AS 241 (PPND16, Applied Statistics 37, 1988),
///   accurate to about 1 part in 10¹⁶; the tail branch uses the smaller of `p`, `1 − p`.
public struct Normal: ContinuousDistribution, Hashable {
    /// The mean `μ`.
    public let mean: Double
    /// The standard deviation `σ`.
    public let sd: Double

    /// Creates `N(mean, sd²)`.
    /// - Throws: ``ProbabilityError/invalidParameter(name:value:requirement:)`` unless
    ///   `mean` is finite and `sd` is finite and positive.
    public init(mean: Double, sd: Double) throws(ProbabilityError) {
        try Validate.finite(mean, "mean")
        try Validate.positiveFinite(sd, "sd")
        self.mean = mean
        self.sd = sd
    }

    private init(uncheckedMean mean: Double, sd: Double) {
        self.mean = mean
        self.sd = sd
    }

    /// The standard normal distribution `N(0, 1)`.
    public static let standard = Normal(uncheckedMean: 0, sd: 1)

    /// The density `φ((x − μ)/σ)/σ`.
    public func pdf(_ x: Double) -> Double {
        Self.standardPDF((x - mean) / sd) / sd
    }

    /// `Φ((x − μ)/σ)`, to full relative precision deep into the lower tail.
    public func cdf(_ x: Double) -> Double {
        Self.standardCDF((x - mean) / sd)
    }

    /// `Φ((μ − x)/σ)`: the upper tail by symmetry, never as `1 − cdf`.
    public func survival(_ x: Double) -> Double {
        Self.standardCDF((mean - x) / sd)
    }

    /// `μ + σ·Φ⁻¹(p)` by AS 241; `−∞`/`+∞` at `p = 0`/`1`.
    public func quantile(_ p: Double) -> Double {
        mean + sd * Self.standardQuantile(p: p, q: 1 - p)
    }

    /// `μ − σ·Φ⁻¹(q)`, so tiny upper-tail probabilities keep full precision.
    public func upperQuantile(_ q: Double) -> Double {
        mean - sd * Self.standardQuantile(p: q, q: 1 - q)
    }

    // MARK: - Standard normal kernels

    /// `φ(z)` with `z² ` split as `zₕ² + zₗ(z + zₕ)`, `zₕ = trunc(16z)/16` (exact square).
    static func standardPDF(_ z: Double) -> Double {
        guard z.isFinite else { return z.isNaN ? .nan : 0 }
        let a = abs(z)
        let high = (a * 16).rounded(.towardZero) / 16
        let low = a - high
        return Double.exp(-0.5 * high * high) * Double.exp(-0.5 * low * (a + high))
            / (2 * Double.pi).squareRoot()
    }

    /// `Φ(z) = erfc(w)/2` with `w = −z/√2`, where `w` is formed as `wₕ + wₗ` and the
    /// rounding part is added back as `erfc(wₕ + wₗ) ≈ erfc(wₕ) − wₗ·(2/√π)e^(−wₕ²)`.
    static func standardCDF(_ z: Double) -> Double {
        guard z.isFinite else { return z.isNaN ? .nan : (z > 0 ? 1 : 0) }
        let w = -z * inverseSqrt2
        // −z/√2 = w + residual exactly (to ~1e−32 relative): FMA rounding error plus the
        // contribution of the constant's own rounding.
        let residual = (-w).addingProduct(-z, inverseSqrt2) - z * inverseSqrt2Low
        let correction = residual * twoOverSqrtPi * Double.exp(-w * w)
        return 0.5 * (Double.erfc(w) - correction)
    }

    /// The double nearest to `1/√2`, and the remainder `1/√2 − inverseSqrt2`.
    private static let inverseSqrt2 = 0.707_106_781_186_547_6
    private static let inverseSqrt2Low = -4.833_646_656_726_456_5e-17
    private static let twoOverSqrtPi = 1.128_379_167_095_512_573_896_158_903_121_545

    /// AS 241 (PPND16): `Φ⁻¹` given `p` and `q = 1 − p`, using the smaller one in the tails.
    ///
    /// Returns `−∞`/`+∞` at `p = 0`/`q = 0` and NaN outside `[0, 1]`.
    static func standardQuantile(p: Double, q: Double) -> Double {
        guard p >= 0, p <= 1, q >= 0, q <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if q == 0 { return .infinity }
        let centred = p <= q ? p - 0.5 : 0.5 - q
        if abs(centred) <= 0.425 {
            let r = 0.180625 - centred * centred
            return centred * horner(centralNumerator, r) / horner(centralDenominator, r)
        }
        var r = Double.log(min(p, q)).magnitude.squareRoot()
        let value: Double
        if r <= 5 {
            r -= 1.6
            value = horner(tailNumerator, r) / horner(tailDenominator, r)
        } else {
            r -= 5
            value = horner(farNumerator, r) / horner(farDenominator, r)
        }
        return centred < 0 ? -value : value
    }

    private static func horner(_ coefficients: [Double], _ x: Double) -> Double {
        var sum = 0.0
        var index = coefficients.count
        while index > 0 {
            index -= 1
            sum = sum * x + coefficients[index]
        }
        return sum
    }

    // AS 241 coefficients, ascending powers; each denominator's constant term is 1.
    private static let centralNumerator = [
        3.3871328727963666080e0, 1.3314166789178437745e+2, 1.9715909503065514427e+3,
        1.3731693765509461125e+4, 4.5921953931549871457e+4, 6.7265770927008700853e+4,
        3.3430575583588128105e+4, 2.5090809287301226727e+3,
    ]
    private static let centralDenominator = [
        1.0, 4.2313330701600911252e+1, 6.8718700749205790830e+2, 5.3941960214247511077e+3,
        2.1213794301586595867e+4, 3.9307895800092710610e+4, 2.8729085735721942674e+4,
        5.2264952788528545610e+3,
    ]
    private static let tailNumerator = [
        1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0,
        3.64784832476320460504e0, 1.27045825245236838258e0, 2.41780725177450611770e-1,
        2.27238449892691845833e-2, 7.74545014278341407640e-4,
    ]
    private static let tailDenominator = [
        1.0, 2.05319162663775882187e0, 1.67638483018380384940e0, 6.89767334985100004550e-1,
        1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4,
        1.05075007164441684324e-9,
    ]
    private static let farNumerator = [
        6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0,
        2.96560571828504891230e-1, 2.65321895265761230930e-2, 1.24266094738807843860e-3,
        2.71155556874348757815e-5, 2.01033439929228813265e-7,
    ]
    private static let farDenominator = [
        1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2,
        7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7,
        2.04426310338993978564e-15,
    ]
}

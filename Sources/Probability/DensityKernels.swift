import RealModule

/// Cancellation-free building blocks for gamma- and beta-type densities.
///
/// Densities such as `x^a e^(−x) / Γ(a+1)` are products of huge and tiny factors. Taking
/// logarithms naively (`a·log x − x − logΓ(a+1)`) leaves an absolute error of about
/// `ε·a·|log x|` in the exponent, i.e. a *relative* error that grows with the parameter
/// (≈1e−10 at a = 5e5). Loader's saddle-point decomposition instead writes them as
///
///     exp(−stirlingError(·) − deviance(·,·)) / sqrt(2π·…)
///
/// where every piece is small or computed to full relative precision, so the result is
/// accurate to a few ulps for any parameter size (C. Loader, "Fast and accurate
/// computation of binomial probabilities", 2000; the scheme used by R's `dbinom`,
/// `dpois`, `dt`).
enum DensityKernel {
    /// `log(sqrt(2π))`.
    static let logSqrtTwoPi = 0.918_938_533_204_672_741_780_329_736_406

    /// `2π`.
    static let twoPi = 6.283_185_307_179_586_476_925_286_766_559

    /// Stirling's-series remainder `δ(z) = logΓ(z+1) − [(z + ½)·log z − z + log√(2π)]`, `z > 0`.
    ///
    /// For `z > 15` the asymptotic series `1/(12z) − 1/(360z³) + 1/(1260z⁵) − …` is used with
    /// enough terms for full double precision (truncation < 3e−16 absolute at z = 15); below
    /// that the definition is evaluated directly, whose absolute error (what matters in an
    /// exponent) stays under ~1e−14 because every term is below 45 in magnitude.
    static func stirlingError(_ z: Double) -> Double {
        if z > 15 {
            let s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188
            let zz = z * z
            if z > 500 { return (s0 - s1 / zz) / z }
            if z > 80 { return (s0 - (s1 - s2 / zz) / zz) / z }
            if z > 35 { return (s0 - (s1 - (s2 - s3 / zz) / zz) / zz) / z }
            return (s0 - (s1 - (s2 - (s3 - s4 / zz) / zz) / zz) / zz) / z
        }
        return Double.logGamma(z + 1) - (z + 0.5) * Double.log(z) + z - logSqrtTwoPi
    }

    /// The deviance term `bd0(x, m) = x·log(x/m) + m − x ≥ 0` for `x ≥ 0`, `m ≥ 0`.
    ///
    /// Near `x = m` it is evaluated with Loader's series in `v = (x − m)/(x + m)`,
    /// `bd0 = (x − m)·v + 2x·Σ_{j≥1} v^(2j+1)/(2j+1)`, which has no cancellation; elsewhere
    /// from the definition, where `x/m` is bounded away from 1 so at most one decimal digit
    /// cancels.
    /// The result therefore has a small *relative* error.
    static func deviance(_ x: Double, _ m: Double) -> Double {
        if x == 0 { return m }
        if m == 0 || m == .infinity { return .infinity }
        let difference = x - m
        if abs(difference) < 0.1 * (x + m) {
            let v = difference / (x + m)
            let v2 = v * v
            var sum = difference * v
            var power = 2 * x * v
            for j in 1...100 {
                power *= v2
                let next = sum + power / Double(2 * j + 1)
                if next == sum { break }
                sum = next
            }
            return sum
        }
        // |v| ≥ 0.1 means x/m ∉ (0.82, 1.22): the two terms cancel by at most a factor ~10.
        let ratio = x / m
        let logRatio = ratio.isNormal ? Double.log(ratio) : Double.log(x) - Double.log(m)
        return x * logRatio + (m - x)
    }

    /// The Poisson-type term `x^a · e^(−x) / Γ(a+1)` for `a ≥ 0`, `x ≥ 0`.
    ///
    /// This is the common prefactor of the regularized incomplete gamma functions and of
    /// the gamma density: `d/dx P(a, x) = a · poissonTerm(a, x) / x`. Computed as
    /// `exp(−δ(a) − bd0(a, x)) / sqrt(2πa)`.
    static func poissonTerm(_ a: Double, _ x: Double) -> Double {
        if x == 0 { return a == 0 ? 1 : 0 }
        if x == .infinity { return 0 }
        if a == 0 { return Double.exp(-x) }
        return Double.exp(-stirlingError(a) - deviance(a, x)) / (twoPi * a).squareRoot()
    }

    /// The beta-type term `x^a · y^b / B(a, b)` where `y = 1 − x`, both supplied.
    ///
    /// `x` and `y` are passed separately so callers can compute each to full relative
    /// precision (for example `y = t²/(ν + t²)` for Student's t). With `n = a + b` it is
    /// `sqrt(ab / (2πn)) · exp(δ(n) − δ(a) − δ(b) − bd0(a, n·x) − bd0(b, n·y))`, which is
    /// insensitive to first order to the rounding of `x` and `y` near the mode.
    /// `d/dx I_x(a, b) = betaTerm / (x·y)`.
    static func betaTerm(_ a: Double, _ b: Double, x: Double, y: Double) -> Double {
        if x == 0 || y == 0 { return 0 }
        let n = a + b
        let exponent = stirlingError(n) - stirlingError(a) - stirlingError(b)
            - deviance(a, n * x) - deviance(b, n * y)
        return Double.exp(exponent) * (a / twoPi).squareRoot() * (b / n).squareRoot()
    }

    /// Splits `u/(u+v)` and `v/(u+v)` (for `u, v ≥ 0`) into two values that are each
    /// correct to a few ulps, avoiding both `1 − x` cancellation and overflow of `u + v`.
    static func fractions(_ u: Double, _ v: Double) -> (first: Double, second: Double) {
        if u <= v {
            let r = u / v
            return (r / (1 + r), 1 / (1 + r))
        }
        let r = v / u
        return (1 / (1 + r), r / (1 + r))
    }
}

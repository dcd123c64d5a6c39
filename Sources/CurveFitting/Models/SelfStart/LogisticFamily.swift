import Foundation

extension GrowthSelfStart {
    /// The generalized logistic curve `Asym / (1 + ν·exp((xmid − x)/scal))^(1/ν)` shared by the
    /// logistic (ν = 1), 4-parameter logistic and Richards models: its value and gradient, and
    /// its linearization.
    enum LogisticFamily {
        /// The curve's value and its partial derivatives at one x.
        struct Terms {
            let value: Double
            let dAsym: Double
            let dXmid: Double
            let dScal: Double
            let dNu: Double
        }

        /// Value and gradient, in forms that stay finite when `exp((xmid − x)/scal)` overflows
        /// or underflows and accurate as ν → 0 (the Gompertz limit, where the textbook forms
        /// divide 0 by 0). With `e = exp((xmid − x)/scal)` and `u = ν·e`:
        /// `f = Asym·exp(−log1p(u)/ν)`, written `Asym·exp(−e·log1p(u)/u)` (and `Asym·exp(−e)` at
        /// `u = 0`); `∂f/∂ν = f·e²·h(u)` with `h(u) = (log1p(u) − u/(1 + u))/u²`, summed as its
        /// series `Σ_{k≥2} (−1)^k (k − 1)/k·u^{k−2}` for `|u| < 10⁻²`.
        ///
        /// For ν < 0 (von Bertalanffy-type curves, ν = −1/3) the base `1 + ν·e` reaches 0 at a
        /// finite x, where the curve reaches 0 (its exponent `−1/ν` is positive): the curve is 0,
        /// with a zero gradient, wherever `1 + ν·e ≤ 0`, so growth starts at a finite x and the
        /// model is defined for every x.
        static func terms(x: Double, asym: Double, xmid: Double, scal: Double, nu: Double) -> Terms {
            let e = exp((xmid - x) / scal)
            let u = nu * e
            guard u > -1, e < .infinity else { return Terms(value: 0, dAsym: 0, dXmid: 0, dScal: 0, dNu: 0) }
            let small = abs(u) < 1e-2
            let logDenominator = log1p(u)
            let exponent = small ? e * (u == 0 ? 1 : logDenominator / u) : logDenominator / nu
            let shape = exp(-exponent)
            let value = asym * shape
            let eOverDenominator = 1 / (1 / e + nu)
            let dNu: Double
            if shape == 0 {
                dNu = 0
            } else if small {
                dNu = value * e * e * seriesH(u)
            } else {
                dNu = value * (logDenominator / (nu * nu) - eOverDenominator / nu)
            }
            return Terms(
                value: value,
                dAsym: shape,
                dXmid: -value * eOverDenominator / scal,
                dScal: value * eOverDenominator * (xmid - x) / (scal * scal),
                dNu: dNu)
        }

        /// `h(u) = (log1p(u) − u/(1 + u))/u²` for `|u| < 10⁻²` by its series (ten terms: the
        /// remainder is below `u¹⁰ < 10⁻²⁰`).
        @inline(__always)
        private static func seriesH(_ u: Double) -> Double {
            var sum = 0.0
            for k in stride(from: 11, through: 2, by: -1) {
                let coefficient = Double(k - 1) / Double(k)
                sum = (k % 2 == 0 ? coefficient : -coefficient) + u * sum
            }
            return sum
        }

        /// The curve from 0 to 1, `(1 + ν·exp((xmid − x)/scal))^(−1/ν)`, finite where the
        /// exponential overflows; for ν = 1 (the logistic) `1/(1 + exp((xmid − x)/scal))`, one
        /// exponential instead of two and a `log1p`.
        @inline(__always)
        static func shape(x: Double, xmid: Double, scal: Double, nu: Double) -> Double {
            if nu == 1 { return 1 / (1 + exp((xmid - x) / scal)) }
            return exp(-log1p(nu * exp((xmid - x) / scal)) / nu)
        }

        /// The variable-projection start (``SeparableSearch``) over the location `xmid`, the log
        /// scale `log|scal|` and, for the Richards curve, `log ν`, with the asymptotes fitted by
        /// linear least squares. For the Richards curve the scale searched is that of the
        /// logistic with the same slope at the inflection point, `scal·(1 + ν)^(1/ν + 1)/4`, which
        /// keeps the coordinates nearly independent.
        ///
        /// The location ranges over the data's x range widened by its span on both sides, the
        /// log scale over ``logScaleRange(_:margin:)``, `ν` from 0.02 to 50 (held at 1 on the grid).
        /// - Parameters:
        ///   - lowerAsymptote: `false` fixes the lower asymptote at 0 (parameters `[Asym, xmid,
        ///     scal]` plus `nu` when searched, `scal` signed by the trend); `true` fits it too
        ///     (parameters `[A, B, xmid, scal]`, lower and upper asymptote, `scal > 0`).
        ///   - searchesShape: whether `ν` is searched (appended to the parameters) or fixed at 1.
        ///   - seeds: extra points `[xmid, log|scal|(, log ν)]`, such as a linearization's start.
        static func separableStart(
            _ data: Observations, lowerAsymptote: Bool, searchesShape: Bool, seeds: [[Double]] = []
        ) -> Candidate? {
            let (first, last) = (data.x.first ?? 0, data.x.last ?? 1)
            let span = last - first
            let sign: Double = lowerAsymptote || data.increases ? 1 : -1
            let scale = logScaleRange(data)
            let search = SeparableSearch(
                lowerBounds: [first - span, scale.lowerBound] + (searchesShape ? [log(0.02)] : []),
                upperBounds: [last + span, scale.upperBound] + (searchesShape ? [log(50)] : []),
                gridCounts: [11, 8] + (searchesShape ? [1] : []))
            // Buffers reused by every evaluation of the objective (it runs hundreds of times).
            var curve = [Double](repeating: 0, count: data.x.count)
            var complement = lowerAsymptote ? curve : []
            return search.minimize(seeds: seeds) { point in
                let nu = searchesShape ? exp(point[2]) : 1
                // The slope at the inflection xmid is Asym/(4s) for the searched scale s whatever ν:
                // scal = 4s·(1 + ν)^(−1/ν − 1), so that ν changes the shape, not the steepness.
                let steepness = searchesShape ? 4 * pow(1 + nu, -1 / nu - 1) : 1
                let (xmid, scal) = (point[0], sign * exp(point[1]) * steepness)
                for i in data.x.indices { curve[i] = shape(x: data.x[i], xmid: xmid, scal: scal, nu: nu) }
                if lowerAsymptote {
                    for i in curve.indices { complement[i] = 1 - curve[i] }
                    guard let fit = project(data.y, onto: complement, curve) else { return nil }
                    return Candidate(parameters: [fit.first, fit.second, xmid, scal], residualSumOfSquares: fit.rss)
                }
                guard let fit = project(data.y, onto: curve) else { return nil }
                return Candidate(
                    parameters: [fit.coefficient, xmid, scal] + (searchesShape ? [nu] : []),
                    residualSumOfSquares: fit.rss)
            }
        }
    }
}

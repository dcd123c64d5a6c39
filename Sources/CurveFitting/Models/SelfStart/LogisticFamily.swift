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
        /// or underflows.
        static func terms(x: Double, asym: Double, xmid: Double, scal: Double, nu: Double) -> Terms {
            let e = exp((xmid - x) / scal)
            let logDenominator = log1p(nu * e)
            let shape = exp(-logDenominator / nu)
            let value = asym * shape
            let eOverDenominator = 1 / (1 / e + nu)
            return Terms(
                value: value,
                dAsym: shape,
                dXmid: -value * eOverDenominator / scal,
                dScal: value * eOverDenominator * (xmid - x) / (scal * scal),
                dNu: shape == 0 ? 0 : value * (logDenominator / (nu * nu) - eOverDenominator / nu))
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

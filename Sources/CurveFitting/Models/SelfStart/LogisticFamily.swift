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

        /// The candidate whose shape comes from linearizing the data between two levels, with the
        /// asymptotes then fitted by linear least squares.
        ///
        /// With `lower` level `L` and `upper` level `U` bracketing the data,
        /// `log((((U − L)/(y − L))^ν − 1)/ν) = (xmid − x)/scal` is a straight line in x, fitted with
        /// the delta-method weights of ``straightLine(x:y:weights:)``.
        ///
        /// - Parameter lower: `nil` fixes the lower asymptote at 0 (parameters `[Asym, xmid, scal]`);
        ///   a level estimates it too (parameters `[A, B, xmid, scal]`, lower and upper asymptote).
        static func candidate(_ data: Observations, lower: Double?, upper: Double, nu: Double) -> Candidate? {
            let floor = lower ?? 0
            let powers = data.y.map { pow((upper - floor) / ($0 - floor), nu) }
            let z = powers.map { log(($0 - 1) / nu) }
            let weights = zip(powers, data.y).map { power, y in pow((power - 1) * (y - floor) / (nu * power), 2) }
            guard let line = straightLine(x: data.x, y: z, weights: weights), line.slope != 0 else { return nil }
            let scal = -1 / line.slope
            let xmid = line.intercept * scal
            let shape = data.x.map { terms(x: $0, asym: 1, xmid: xmid, scal: scal, nu: nu).value }
            let columns = lower == nil ? [shape] : [shape.map { 1 - $0 }, shape]
            return leastSquares(columns: columns, response: data.y)?.candidate(followedBy: [xmid, scal])
        }

        /// The logistic start `[Asym, xmid, scal]`: the upper level searched with the lower
        /// asymptote at 0 and ν = 1.
        static func logisticStart(_ data: Observations) -> CoordinateSearch.Minimum? {
            CoordinateSearch.levels(1).minimize(from: [CoordinateSearch.typicalExcess]) { point in
                candidate(data, lower: nil, upper: data.level(above: true, excess: point[0]), nu: 1)
            }
        }
    }
}

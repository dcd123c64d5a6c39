import Foundation

/// Weibull growth, R's `SSweibull`: `y = Asym − Drop·exp(−exp(lrc)·t^pwr)` with `t = x − origin ≥ 0`.
///
/// A curve from `Asym − Drop` at the origin to the asymptote `Asym`, shaped by the Weibull
/// cumulative distribution: sigmoid for `pwr > 1`, concave for `pwr ≤ 1` (`pwr = 1` is the
/// monomolecular curve).
///
/// Parameters:
/// - `Asym`: the asymptote as t → ∞ (units of y).
/// - `Drop`: the difference between the asymptote and the response at t = 0 (units of y);
///   positive for growth.
/// - `lrc`: the natural logarithm of the rate constant (the rate is in units of x^(−pwr)).
/// - `pwr`: the power of t (dimensionless, > 0).
///
/// The self-start searches an asymptote level beyond the data in the direction of the trend and a
/// starting level beyond its other end, linearizes
/// `log(−log((Asym − y)/Drop)) = lrc + pwr·log(t)` over the rows with t > 0, and refits `Asym` and
/// `Drop` by linear least squares, keeping the levels with the smallest residual sum of squares.
/// It needs every x at or after the origin.
public struct WeibullGrowth: SelfStartingModel {
    /// Where t = 0 on the x axis (units of x): the start of growth, before which the curve is
    /// undefined.
    public let origin: Double

    /// The Weibull growth model with time measured from `origin`.
    public init(origin: Double = 0) {
        self.origin = origin
    }

    public var name: String { "weibull" }
    public var title: String { "Weibull growth" }
    public var summary: String { "growth from a start value to an asymptote along a Weibull distribution curve" }
    public var formula: String {
        "y = Asym - Drop * exp(-exp(lrc) * \(GrowthSelfStart.timeExpression(origin: origin))^pwr)"
    }
    public var parameterNames: [String] { ["Asym", "Drop", "lrc", "pwr"] }
    public var parameterDescriptions: [String] {
        [
            "Asym: asymptote as x -> infinity (units of y)",
            "Drop: asymptote minus the response at the origin x = \(origin) (units of y)",
            "lrc: natural log of the rate constant (rate in units of x^-pwr)",
            "pwr: power of the time since the origin, > 0 (dimensionless)",
        ]
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double]) -> Double {
        let t = predictors.columns[0][row] - origin
        return parameters[0] - parameters[1] * exp(-exp(parameters[2]) * pow(t, parameters[3]))
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double], gradient: inout [Double]) -> Double {
        let (asym, drop, lrc, pwr) = (parameters[0], parameters[1], parameters[2], parameters[3])
        let t = predictors.columns[0][row] - origin
        let power = pow(t, pwr)
        let shape = exp(-exp(lrc) * power)
        let dLrc = drop * shape * exp(lrc) * power
        gradient[0] = 1
        gradient[1] = -shape
        gradient[2] = dLrc
        // At t = 0 the power is 0 for every pwr > 0, so its derivative vanishes (log(0) would give NaN).
        gradient[3] = power == 0 ? 0 : dLrc * log(t)
        return asym - drop * shape
    }

    public func initialParameters(x: [Double], y: [Double]) throws -> [Double] {
        let data = try GrowthSelfStart.Observations(x: x, y: y, for: self)
        try data.requireGrowth()
        try data.requireNoPredictor(before: origin)
        let t = data.time(from: origin)
        let positive = t.indices.filter { t[$0] > 0 }
        let logTime = positive.map { log(t[$0]) }
        let increases = data.increases
        let typical = [Double](repeating: GrowthSelfStart.CoordinateSearch.typicalExcess, count: 2)
        let minimum = GrowthSelfStart.CoordinateSearch.levels(2).minimize(from: typical) { point in
            let asymptote = data.level(above: increases, excess: point[0])
            let initial = data.level(above: !increases, excess: point[1])
            let distances = positive.map { asymptote - data.y[$0] }
            let logFractions = distances.map { log($0 / (asymptote - initial)) }
            let weights = zip(distances, logFractions).map { pow($0 * $1, 2) }
            let z = logFractions.map { log(-$0) }
            guard let line = GrowthSelfStart.straightLine(x: logTime, y: z, weights: weights) else { return nil }
            let shape = t.map { -exp(-exp(line.intercept) * pow($0, line.slope)) }
            let ones = [Double](repeating: 1, count: t.count)
            return GrowthSelfStart.leastSquares(columns: [ones, shape], response: data.y)?
                .candidate(followedBy: [line.intercept, line.slope])
        }
        return try GrowthSelfStart.finiteParameters(of: minimum?.candidate, for: self)
    }
}

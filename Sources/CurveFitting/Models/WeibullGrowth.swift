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
/// The self-start writes `exp(lrc)·t^pwr = (t/t₀)^pwr` and searches `log t₀` and `log pwr` by
/// variable projection, with `Asym` and `Drop` fitted by linear least squares for each
/// (``GrowthSelfStart/SeparableSearch``). It needs every x at or after the origin and one after it.
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
        guard let earliest = t.first(where: { $0 > 0 }), let latest = t.last else {
            throw GrowthModelError.selfStartFailed(model: title, reason: "no x value lies after the origin x = \(origin)")
        }
        let ones = [Double](repeating: 1, count: t.count)
        let search = GrowthSelfStart.SeparableSearch(
            lowerBounds: [log(earliest) - 2, log(0.1)], upperBounds: [log(latest) + 2, log(20)], gridCounts: [11, 8])
        let start = search.minimize { point in
            let pwr = exp(point[1])
            let lrc = -pwr * point[0]
            let shape = t.map { -exp(-exp(lrc) * pow($0, pwr)) }
            guard let fit = GrowthSelfStart.project(data.y, onto: ones, shape) else { return nil }
            return GrowthSelfStart.Candidate(parameters: [fit.first, fit.second, lrc, pwr], residualSumOfSquares: fit.rss)
        }
        return try GrowthSelfStart.finiteParameters(of: start, for: self)
    }

}

import Foundation

/// Asymptotic regression through the origin, R's `SSasympOrig`: `y = Asym·(1 − exp(−exp(lrc)·x))`.
///
/// ``AsymptoticRegression`` with `R0 = 0`: growth from 0 at x = 0 towards `Asym`.
///
/// Parameters (R's names):
/// - `Asym`: the asymptote as x → ∞ (units of y).
/// - `lrc`: the natural logarithm of the rate constant (rate per unit of x).
///
/// The self-start searches `lrc` by variable projection (``GrowthSelfStart/SeparableSearch``),
/// with `Asym` fitted by linear least squares for each rate.
public struct AsymptoticRegressionThroughOrigin: SelfStartingModel {
    /// The asymptotic regression model through the origin.
    public init() {}

    public var name: String { "asymporig" }
    public var title: String { "asymptotic regression through the origin" }
    public var summary: String { "growth from 0 at x = 0 towards an asymptote at a constant rate (R's SSasympOrig)" }
    public var formula: String { "y = Asym * (1 - exp(-exp(lrc) * x))" }
    public var parameterNames: [String] { ["Asym", "lrc"] }
    public var parameterDescriptions: [String] {
        [
            "Asym: asymptote as x -> infinity (units of y)",
            "lrc: natural log of the rate constant (rate per unit of x)",
        ]
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double]) -> Double {
        parameters[0] * (1 - exp(-exp(parameters[1]) * predictors.columns[0][row]))
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double], gradient: inout [Double]) -> Double {
        let x = predictors.columns[0][row]
        let rate = exp(parameters[1])
        let decay = exp(-rate * x)
        gradient[0] = 1 - decay
        gradient[1] = parameters[0] * decay * rate * x
        return parameters[0] * (1 - decay)
    }

    public func initialParameters(x: [Double], y: [Double]) throws -> [Double] {
        let data = try GrowthSelfStart.Observations(x: x, y: y, for: self)
        try data.requireGrowth()
        let start = GrowthSelfStart.logRateSearch(data).minimize { point in
            let rise = data.x.map { 1 - exp(-exp(point[0]) * $0) }
            guard let fit = GrowthSelfStart.project(data.y, onto: rise) else { return nil }
            return GrowthSelfStart.Candidate(parameters: [fit.coefficient, point[0]], residualSumOfSquares: fit.rss)
        }
        return try GrowthSelfStart.finiteParameters(of: start, for: self)
    }
}

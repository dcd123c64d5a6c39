import Foundation

/// Exponential growth, `y = a·exp(b·t)` with `t = x − origin`.
///
/// Unbounded growth (b > 0) or decay towards 0 (b < 0) at a constant relative rate.
///
/// Parameters:
/// - `a`: the response at the origin, t = 0 (units of y).
/// - `b`: the relative growth rate (per unit of x); the doubling time is `log(2)/b`.
///
/// The self-start searches the rate by variable projection (``GrowthSelfStart/SeparableSearch``
/// over `asinh(b·span)`), with `a` fitted by linear least squares for each rate. Any response
/// will do.
public struct ExponentialGrowth: SelfStartingModel {
    /// Where t = 0 on the x axis (units of x). With calendar years as x, an origin near the data
    /// keeps `a` a readable number instead of the extrapolated response in year 0.
    public let origin: Double

    /// The exponential model with time measured from `origin`.
    public init(origin: Double = 0) {
        self.origin = origin
    }

    public var name: String { "exponential" }
    public var title: String { "exponential" }
    public var summary: String { "exponential growth or decay at a constant relative rate" }
    public var formula: String { "y = a * exp(b * \(GrowthSelfStart.timeExpression(origin: origin)))" }
    public var parameterNames: [String] { ["a", "b"] }
    public var parameterDescriptions: [String] {
        [
            "a: response at the origin x = \(origin) (units of y)",
            "b: relative growth rate (per unit of x; doubling time log(2)/b)",
        ]
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double]) -> Double {
        parameters[0] * exp(parameters[1] * (predictors.columns[0][row] - origin))
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double], gradient: inout [Double]) -> Double {
        let t = predictors.columns[0][row] - origin
        let growth = exp(parameters[1] * t)
        gradient[0] = growth
        gradient[1] = parameters[0] * t * growth
        return parameters[0] * growth
    }

    public func initialParameters(x: [Double], y: [Double]) throws -> [Double] {
        let data = try GrowthSelfStart.Observations(x: x, y: y, for: self)
        let t = data.time(from: origin)
        let start = GrowthSelfStart.rateSearch(data).minimize { point in
            let b = GrowthSelfStart.rate(point[0], data)
            guard let fit = GrowthSelfStart.project(data.y, onto: t.map { exp(b * $0) }) else { return nil }
            return GrowthSelfStart.Candidate(parameters: [fit.coefficient, b], residualSumOfSquares: fit.rss)
        }
        return try GrowthSelfStart.finiteParameters(of: start, for: self)
    }

}

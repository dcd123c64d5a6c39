import Foundation

/// Asymptotic regression, R's `SSasymp`: `y = Asym + (R0 − Asym)·exp(−exp(lrc)·x)`.
///
/// Growth or decay from `R0` at x = 0 towards the asymptote `Asym` at a rate proportional to the
/// remaining distance. ``MonomolecularGrowth`` is the same curve with the rate itself as a
/// parameter and a time origin; this model keeps R's parameterisation, whose log rate keeps
/// the rate positive.
///
/// Parameters (R's names):
/// - `Asym`: the asymptote as x → ∞ (units of y).
/// - `R0`: the response at x = 0 (units of y).
/// - `lrc`: the natural logarithm of the rate constant (rate per unit of x); the half-life of
///   the distance to `Asym` is `log(2)/exp(lrc)`.
///
/// The self-start searches `lrc` by variable projection (``GrowthSelfStart/SeparableSearch``),
/// with `Asym` and `R0` fitted by linear least squares for each rate.
public struct AsymptoticRegression: SelfStartingModel {
    /// The asymptotic regression model.
    public init() {}

    public var name: String { "asymp" }
    public var title: String { "asymptotic regression" }
    public var summary: String { "growth or decay from R0 towards an asymptote at a constant rate (R's SSasymp)" }
    public var formula: String { "y = Asym + (R0 - Asym) * exp(-exp(lrc) * x)" }
    public var parameterNames: [String] { ["Asym", "R0", "lrc"] }
    public var parameterDescriptions: [String] {
        [
            "Asym: asymptote as x -> infinity (units of y)",
            "R0: response at x = 0 (units of y)",
            "lrc: natural log of the rate constant (rate per unit of x)",
        ]
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double]) -> Double {
        let decay = exp(-exp(parameters[2]) * predictors.columns[0][row])
        return parameters[0] + (parameters[1] - parameters[0]) * decay
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double], gradient: inout [Double]) -> Double {
        let (asym, r0, lrc) = (parameters[0], parameters[1], parameters[2])
        let x = predictors.columns[0][row]
        let rate = exp(lrc)
        let decay = exp(-rate * x)
        gradient[0] = 1 - decay
        gradient[1] = decay
        gradient[2] = -(r0 - asym) * decay * rate * x
        return asym + (r0 - asym) * decay
    }

    public func initialParameters(x: [Double], y: [Double]) throws -> [Double] {
        let data = try GrowthSelfStart.Observations(x: x, y: y, for: self)
        try data.requireGrowth()
        let start = GrowthSelfStart.logRateSearch(data).minimize { point in
            let decay = data.x.map { exp(-exp(point[0]) * $0) }
            guard let fit = GrowthSelfStart.project(data.y, onto: decay.map { 1 - $0 }, decay) else { return nil }
            return GrowthSelfStart.Candidate(parameters: [fit.first, fit.second, point[0]], residualSumOfSquares: fit.rss)
        }
        return try GrowthSelfStart.finiteParameters(of: start, for: self)
    }
}

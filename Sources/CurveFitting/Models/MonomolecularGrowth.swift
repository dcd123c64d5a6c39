import Foundation

/// Monomolecular (Mitscherlich) growth, R's `SSasymp` with a plain rate:
/// `y = Asym + (R0 − Asym)·exp(−k·t)` with `t = x − origin`.
///
/// Growth (or decay) towards an asymptote at a rate proportional to the remaining distance, with
/// no inflection: the first-order kinetics of a single reaction.
///
/// Parameters:
/// - `Asym`: the asymptote as t → ∞ for k > 0 (units of y).
/// - `R0`: the response at the origin t = 0 (units of y).
/// - `k`: the rate constant (per unit of x); the half-life of the remaining distance is `log(2)/k`.
///
/// R's `SSasymp` uses `lrc = log(k)`; this model keeps `k` itself. NIST's Misra1a and BoxBOD curve
/// `y = b1·(1 − exp(−b2·x))` is the special case `R0 = 0` with `Asym = b1`, `k = b2`.
///
/// The self-start searches the rate by variable projection (``GrowthSelfStart/SeparableSearch``
/// over `asinh(k·span)`, which covers decay, growth away from the asymptote and rates near 0),
/// with `Asym` and `R0` fitted by linear least squares for each rate.
public struct MonomolecularGrowth: SelfStartingModel {
    /// Where t = 0 on the x axis (units of x); `R0` is the response there. With calendar years as x,
    /// set it near the data so that `R0` is not an extrapolation to year 0.
    public let origin: Double

    /// The monomolecular model with time measured from `origin`.
    public init(origin: Double = 0) {
        self.origin = origin
    }

    public var name: String { "monomolecular" }
    public var title: String { "monomolecular" }
    public var summary: String { "growth towards an asymptote at a rate proportional to the remaining distance" }
    public var formula: String {
        "y = Asym + (R0 - Asym) * exp(-k * \(GrowthSelfStart.timeExpression(origin: origin)))"
    }
    public var parameterNames: [String] { ["Asym", "R0", "k"] }
    public var parameterDescriptions: [String] {
        [
            "Asym: asymptote as x -> infinity (units of y)",
            "R0: response at the origin x = \(origin) (units of y)",
            "k: rate constant; log(2)/k halves the distance to Asym (per unit of x)",
        ]
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double]) -> Double {
        let t = predictors.columns[0][row] - origin
        return parameters[0] + (parameters[1] - parameters[0]) * exp(-parameters[2] * t)
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double], gradient: inout [Double]) -> Double {
        let (asym, r0, k) = (parameters[0], parameters[1], parameters[2])
        let t = predictors.columns[0][row] - origin
        let decay = exp(-k * t)
        gradient[0] = 1 - decay
        gradient[1] = decay
        gradient[2] = (asym - r0) * t * decay
        return asym + (r0 - asym) * decay
    }

    public func initialParameters(x: [Double], y: [Double]) throws -> [Double] {
        let data = try GrowthSelfStart.Observations(x: x, y: y, for: self)
        try data.requireGrowth()
        let t = data.time(from: origin)
        let start = GrowthSelfStart.rateSearch(data).minimize { point in
            let k = GrowthSelfStart.rate(point[0], data)
            let decay = t.map { exp(-k * $0) }
            guard let fit = GrowthSelfStart.project(data.y, onto: decay.map { 1 - $0 }, decay) else { return nil }
            return GrowthSelfStart.Candidate(parameters: [fit.first, fit.second, k], residualSumOfSquares: fit.rss)
        }
        return try GrowthSelfStart.finiteParameters(of: start, for: self)
    }

}

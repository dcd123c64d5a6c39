import Foundation

/// The Michaelis–Menten curve, R's `SSmicmen`: `y = Vm·x/(K + x)`.
///
/// The rate of an enzyme reaction at substrate concentration x: it rises from 0 and saturates
/// at `Vm`, reaching half of it at `x = K`.
///
/// Parameters (R's names):
/// - `Vm`: the maximum rate, the asymptote as x → ∞ (units of y).
/// - `K`: the half-saturation constant, the x at which `y = Vm/2` (units of x).
///
/// The self-start searches `log K` by variable projection (``GrowthSelfStart/SeparableSearch``),
/// with `Vm` fitted by linear least squares for each `K`.
public struct MichaelisMenten: SelfStartingModel {
    /// The Michaelis–Menten model.
    public init() {}

    public var name: String { "micmen" }
    public var title: String { "Michaelis-Menten" }
    public var summary: String { "saturating rate Vm*x/(K + x) of an enzyme reaction (R's SSmicmen)" }
    public var formula: String { "y = Vm * x / (K + x)" }
    public var parameterNames: [String] { ["Vm", "K"] }
    public var parameterDescriptions: [String] {
        [
            "Vm: maximum rate, the asymptote as x -> infinity (units of y)",
            "K: half-saturation constant, the x where y = Vm/2 (units of x)",
        ]
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double]) -> Double {
        let x = predictors.columns[0][row]
        return parameters[0] * x / (parameters[1] + x)
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double], gradient: inout [Double]) -> Double {
        let x = predictors.columns[0][row]
        let fraction = x / (parameters[1] + x)
        gradient[0] = fraction
        gradient[1] = -parameters[0] * fraction / (parameters[1] + x)
        return parameters[0] * fraction
    }

    public func initialParameters(x: [Double], y: [Double]) throws -> [Double] {
        let data = try GrowthSelfStart.Observations(x: x, y: y, for: self)
        try data.requireGrowth()
        let range = GrowthSelfStart.logScaleRange(data, margin: 3)
        let search = GrowthSelfStart.SeparableSearch(
            lowerBounds: [range.lowerBound], upperBounds: [range.upperBound], gridCounts: [25], goldenSteps: 30, sweeps: 1)
        let start = search.minimize { point in
            let k = exp(point[0])
            guard let fit = GrowthSelfStart.project(data.y, onto: data.x.map { $0 / (k + $0) }) else { return nil }
            return GrowthSelfStart.Candidate(parameters: [fit.coefficient, k], residualSumOfSquares: fit.rss)
        }
        return try GrowthSelfStart.finiteParameters(of: start, for: self)
    }
}

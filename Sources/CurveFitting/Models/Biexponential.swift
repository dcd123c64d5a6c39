import Foundation

/// The biexponential curve, R's `SSbiexp`: `y = A1·exp(−exp(lrc1)·x) + A2·exp(−exp(lrc2)·x)`.
///
/// The sum of a fast and a slow exponential decay, as in the concentration of a drug in a
/// two-compartment model after an intravenous dose.
///
/// Parameters (R's names):
/// - `A1`: the amplitude of the fast component (units of y).
/// - `lrc1`: the natural logarithm of the fast rate (per unit of x).
/// - `A2`: the amplitude of the slow component (units of y).
/// - `lrc2`: the natural logarithm of the slow rate; the self-start keeps `lrc1 > lrc2`, as R does.
///
/// The self-start searches `lrc1` and `lrc2` by variable projection
/// (``GrowthSelfStart/SeparableSearch`` over the pairs with `lrc1 > lrc2`), with `A1` and `A2`
/// fitted by linear least squares for each pair.
public struct Biexponential: SelfStartingModel {
    /// The biexponential model.
    public init() {}

    public var name: String { "biexp" }
    public var title: String { "biexponential" }
    public var summary: String { "sum of a fast and a slow exponential decay (R's SSbiexp)" }
    public var formula: String { "y = A1 * exp(-exp(lrc1) * x) + A2 * exp(-exp(lrc2) * x)" }
    public var parameterNames: [String] { ["A1", "lrc1", "A2", "lrc2"] }
    public var parameterDescriptions: [String] {
        [
            "A1: amplitude of the fast decay (units of y)",
            "lrc1: natural log of the fast rate (per unit of x)",
            "A2: amplitude of the slow decay (units of y)",
            "lrc2: natural log of the slow rate (per unit of x), below lrc1",
        ]
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double]) -> Double {
        let x = predictors.columns[0][row]
        return parameters[0] * exp(-exp(parameters[1]) * x) + parameters[2] * exp(-exp(parameters[3]) * x)
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double], gradient: inout [Double]) -> Double {
        let x = predictors.columns[0][row]
        let (fast, slow) = (exp(parameters[1]), exp(parameters[3]))
        let (first, second) = (exp(-fast * x), exp(-slow * x))
        gradient[0] = first
        gradient[1] = -parameters[0] * first * fast * x
        gradient[2] = second
        gradient[3] = -parameters[2] * second * slow * x
        return parameters[0] * first + parameters[2] * second
    }

    public func initialParameters(x: [Double], y: [Double]) throws -> [Double] {
        let data = try GrowthSelfStart.Observations(x: x, y: y, for: self)
        try data.requireGrowth()
        let rates = GrowthSelfStart.logRateSearch(data)
        let search = GrowthSelfStart.SeparableSearch(
            lowerBounds: rates.lowerBounds + rates.lowerBounds, upperBounds: rates.upperBounds + rates.upperBounds,
            gridCounts: [16, 16])
        let start = search.minimize { point in
            // The fast rate first; rates closer than a factor 1.1 give nearly equal columns.
            guard point[0] > point[1] + 0.1 else { return nil }
            let first = data.x.map { exp(-exp(point[0]) * $0) }
            let second = data.x.map { exp(-exp(point[1]) * $0) }
            guard let fit = GrowthSelfStart.project(data.y, onto: first, second) else { return nil }
            return GrowthSelfStart.Candidate(
                parameters: [fit.first, point[0], fit.second, point[1]], residualSumOfSquares: fit.rss)
        }
        return try GrowthSelfStart.finiteParameters(of: start, for: self)
    }
}

import Foundation

/// Gompertz growth, R's `SSgompertz`: `y = Asym·exp(−b2·b3^t)` with `t = x − origin`.
///
/// An asymmetric S-shaped curve from 0 to `Asym` whose inflection comes early, at 1/e ≈ 37% of the
/// asymptote (the logistic's is at 50%).
///
/// Parameters:
/// - `Asym`: the upper asymptote, the saturation level (units of y).
/// - `b2`: the displacement (dimensionless): `y = Asym·exp(−b2)` at the origin t = 0.
/// - `b3`: the per-unit-of-x decay factor of `b2` (dimensionless, 0 < b3 < 1 for growth); the
///   growth-rate constant is `−log(b3)` per unit of x and the inflection is at
///   `t = log(b2)/(−log(b3))`.
///
/// The self-start searches the level `c > max(y)` whose linearization
/// `log(log(c/y)) = log(b2) + t·log(b3)` gives the least-squares curve with the smallest residual
/// sum of squares, `Asym` being refitted on the original scale for each level. It needs a positive
/// response.
public struct GompertzGrowth: SelfStartingModel {
    /// Where t = 0 on the x axis (units of x). `b2` grows like `b3^(−t)`, so with calendar years as x
    /// and origin 0 it overflows: set the origin near the data (e.g. the first year).
    public let origin: Double

    /// The Gompertz model with time measured from `origin`.
    public init(origin: Double = 0) {
        self.origin = origin
    }

    public var name: String { "gompertz" }
    public var title: String { "Gompertz" }
    public var summary: String { "asymmetric S-shaped growth to a saturation level, inflecting at 37% of it" }
    public var formula: String {
        "y = Asym * exp(-b2 * b3^\(GrowthSelfStart.timeExpression(origin: origin)))"
    }
    public var parameterNames: [String] { ["Asym", "b2", "b3"] }
    public var parameterDescriptions: [String] {
        [
            "Asym: upper asymptote, the saturation level (units of y)",
            "b2: displacement, y = Asym * exp(-b2) at the origin x = \(origin) (dimensionless)",
            "b3: per-unit-of-x factor of the displacement, 0 < b3 < 1 for growth (dimensionless)",
        ]
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double]) -> Double {
        let t = predictors.columns[0][row] - origin
        return parameters[0] * exp(-parameters[1] * pow(parameters[2], t))
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double], gradient: inout [Double]) -> Double {
        let (asym, b2, b3) = (parameters[0], parameters[1], parameters[2])
        let t = predictors.columns[0][row] - origin
        let power = pow(b3, t)
        let shape = exp(-b2 * power)
        // Where the shape underflows to 0 its derivatives vanish too (0·∞ would give NaN).
        let shapeTimesPower = shape == 0 ? 0 : shape * power
        gradient[0] = shape
        gradient[1] = -asym * shapeTimesPower
        gradient[2] = -asym * b2 * t * shapeTimesPower / b3
        return asym * shape
    }

    public func initialParameters(x: [Double], y: [Double]) throws -> [Double] {
        let data = try GrowthSelfStart.Observations(x: x, y: y, for: self)
        try data.requireGrowth()
        try data.requirePositiveResponse()
        let t = data.time(from: origin)
        let search = GrowthSelfStart.CoordinateSearch.levels(1)
        let minimum = search.minimize(from: [GrowthSelfStart.CoordinateSearch.typicalExcess]) { point in
            let level = data.level(above: true, excess: point[0])
            let logRatios = data.y.map { log(level / $0) }
            let weights = zip(data.y, logRatios).map { pow($0 * $1, 2) }
            guard let line = GrowthSelfStart.straightLine(x: t, y: logRatios.map { log($0) }, weights: weights) else {
                return nil
            }
            let shape = t.map { exp(-exp(line.intercept + line.slope * $0)) }
            return GrowthSelfStart.leastSquares(columns: [shape], response: data.y)?
                .candidate(followedBy: [exp(line.intercept), exp(line.slope)])
        }
        return try GrowthSelfStart.finiteParameters(of: minimum?.candidate, for: self)
    }
}

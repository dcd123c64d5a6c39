/// Straight-line growth, `y = a + b·x`.
///
/// The baseline against which curved growth models are compared.
///
/// Parameters:
/// - `a`: the response at x = 0 (units of y).
/// - `b`: the growth per unit of x (units of y per unit of x).
///
/// The self-start is the ordinary least-squares line, which is already the least-squares fit.
public struct LinearGrowth: SelfStartingModel {
    /// The linear model.
    public init() {}

    public var name: String { "linear" }
    public var title: String { "linear" }
    public var summary: String { "straight line: constant growth per unit of x" }
    public var formula: String { "y = a + b * x" }
    public var parameterNames: [String] { ["a", "b"] }
    public var parameterDescriptions: [String] {
        [
            "a: response at x = 0 (units of y)",
            "b: growth per unit of x (units of y per unit of x)",
        ]
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double]) -> Double {
        parameters[0] + parameters[1] * predictors.columns[0][row]
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double], gradient: inout [Double]) -> Double {
        let x = predictors.columns[0][row]
        gradient[0] = 1
        gradient[1] = x
        return parameters[0] + parameters[1] * x
    }

    public func initialParameters(x: [Double], y: [Double]) throws -> [Double] {
        let data = try GrowthSelfStart.Observations(x: x, y: y, for: self)
        let ones = [Double](repeating: 1, count: data.x.count)
        let fit = GrowthSelfStart.leastSquares(columns: [ones, data.x], response: data.y)
        return try GrowthSelfStart.finiteParameters(of: fit?.candidate(), for: self)
    }
}

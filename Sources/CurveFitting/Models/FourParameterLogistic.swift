/// Four-parameter logistic growth, R's `SSfpl`: `y = A + (B − A) / (1 + exp((xmid − x)/scal))`.
///
/// The logistic curve between a lower asymptote `A` and an upper asymptote `B` (for scal > 0),
/// with `y = (A + B)/2` at the inflection point `x = xmid`.
///
/// Parameters:
/// - `A`: the asymptote as x → −∞ (units of y): the baseline before growth.
/// - `B`: the asymptote as x → +∞ (units of y): the saturation level.
///
/// These readings hold for `scal > 0`; `(B, A, xmid, −scal)` describes the same curve, and the
/// self-start returns the form with `scal > 0` (a decreasing curve then has `A > B`).
/// - `xmid`: the inflection point (units of x).
/// - `scal`: the scale (units of x), as in ``LogisticGrowth``.
///
/// The self-start searches `xmid` and `log scal` by variable projection with `A` and `B` fitted by
/// linear least squares for each (``GrowthSelfStart/LogisticFamily/separableStart(_:lowerAsymptote:searchesShape:seeds:)``).
/// The response may take any sign.
public struct FourParameterLogistic: SelfStartingModel {
    /// The 4-parameter logistic model.
    public init() {}

    public var name: String { "logistic4" }
    public var title: String { "4-parameter logistic" }
    public var summary: String { "S-shaped growth between a baseline and a saturation level" }
    public var formula: String { "y = A + (B - A) / (1 + exp((xmid - x) / scal))" }
    public var parameterNames: [String] { ["A", "B", "xmid", "scal"] }
    public var parameterDescriptions: [String] {
        [
            "A: asymptote as x -> -infinity, the baseline (units of y)",
            "B: asymptote as x -> +infinity, the saturation level (units of y)",
            "xmid: inflection point, where y = (A + B)/2 (units of x)",
            "scal: scale, x distance from 50% to 73% of the rise (units of x)",
        ]
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double]) -> Double {
        let shape = shape(row: row, of: predictors, parameters: parameters)
        return parameters[0] + (parameters[1] - parameters[0]) * shape.value
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double], gradient: inout [Double]) -> Double {
        let shape = shape(row: row, of: predictors, parameters: parameters)
        let rise = parameters[1] - parameters[0]
        gradient[0] = 1 - shape.value
        gradient[1] = shape.value
        gradient[2] = rise * shape.dXmid
        gradient[3] = rise * shape.dScal
        return parameters[0] + rise * shape.value
    }

    public func initialParameters(x: [Double], y: [Double]) throws -> [Double] {
        let data = try GrowthSelfStart.Observations(x: x, y: y, for: self)
        try data.requireGrowth()
        return try GrowthSelfStart.finiteParameters(
            of: GrowthSelfStart.LogisticFamily.separableStart(data, lowerAsymptote: true, searchesShape: false),
            for: self)
    }

    /// The logistic curve from 0 to 1 and its derivatives.
    private func shape(
        row: Int, of predictors: Predictors, parameters: [Double]
    ) -> GrowthSelfStart.LogisticFamily.Terms {
        GrowthSelfStart.LogisticFamily.terms(
            x: predictors.columns[0][row], asym: 1, xmid: parameters[2], scal: parameters[3], nu: 1)
    }
}

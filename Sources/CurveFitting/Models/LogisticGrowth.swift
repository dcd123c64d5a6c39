/// Three-parameter logistic growth, R's `SSlogis`: `y = Asym / (1 + exp((xmid − x)/scal))`.
///
/// An S-shaped curve from 0 to `Asym`, symmetric about its inflection point at `x = xmid`, where
/// `y = Asym/2`.
///
/// Parameters:
/// - `Asym`: the upper asymptote, the saturation level (units of y).
/// - `xmid`: the inflection point, where half the asymptote is reached (units of x).
/// - `scal`: the scale (units of x): y rises from 27% to 73% of `Asym` between `xmid − scal` and
///   `xmid + scal`; the maximal growth rate `Asym/(4·scal)` is at `xmid`. A negative `scal` gives a
///   decreasing curve.
///
/// The self-start searches the level `c > max(y)` whose linearization
/// `log(c/y − 1) = (xmid − x)/scal` gives the least-squares curve with the smallest residual sum
/// of squares, `Asym` being refitted on the original scale for each level. It needs a positive
/// response.
public struct LogisticGrowth: SelfStartingModel {
    /// The 3-parameter logistic model.
    public init() {}

    public var name: String { "logistic" }
    public var title: String { "logistic" }
    public var summary: String { "S-shaped growth from 0 to a saturation level, symmetric about its midpoint" }
    public var formula: String { "y = Asym / (1 + exp((xmid - x) / scal))" }
    public var parameterNames: [String] { ["Asym", "xmid", "scal"] }
    public var parameterDescriptions: [String] {
        [
            "Asym: upper asymptote, the saturation level (units of y)",
            "xmid: inflection point, where y = Asym/2 (units of x)",
            "scal: scale, x distance from 50% to 73% of Asym (units of x)",
        ]
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double]) -> Double {
        terms(row: row, of: predictors, parameters: parameters).value
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double], gradient: inout [Double]) -> Double {
        let terms = terms(row: row, of: predictors, parameters: parameters)
        gradient[0] = terms.dAsym
        gradient[1] = terms.dXmid
        gradient[2] = terms.dScal
        return terms.value
    }

    public func initialParameters(x: [Double], y: [Double]) throws -> [Double] {
        let data = try GrowthSelfStart.Observations(x: x, y: y, for: self)
        try data.requireGrowth()
        try data.requirePositiveResponse()
        return try GrowthSelfStart.finiteParameters(
            of: GrowthSelfStart.LogisticFamily.logisticStart(data)?.candidate, for: self)
    }

    private func terms(
        row: Int, of predictors: Predictors, parameters: [Double]
    ) -> GrowthSelfStart.LogisticFamily.Terms {
        GrowthSelfStart.LogisticFamily.terms(
            x: predictors.columns[0][row], asym: parameters[0], xmid: parameters[1], scal: parameters[2], nu: 1)
    }
}

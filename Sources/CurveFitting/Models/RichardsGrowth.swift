import Foundation

/// Richards (generalized logistic) growth:
/// `y = Asym / (1 + ν·exp((xmid − x)/scal))^(1/ν)`.
///
/// The logistic curve with a shape parameter ν > 0 that moves the inflection point: ν = 1 is
/// exactly ``LogisticGrowth`` (same `Asym`, `xmid`, `scal`), ν → 0 tends to the Gompertz curve,
/// and the inflection is at `y = Asym·(1 + ν)^(−1/ν)`. The parametrization keeps the logistic's
/// location and scale, so a logistic fit is a natural start, and x may be calendar years.
///
/// Parameters:
/// - `Asym`: the upper asymptote, the saturation level (units of y).
/// - `xmid`: the location (units of x): `y = Asym·(1 + ν)^(−1/ν)` there, which is the inflection
///   point (`Asym/2` for ν = 1).
/// - `scal`: the scale (units of x); the rate constant is `1/scal`.
/// - `nu`: the shape ν (dimensionless); small values inflect early, large values late. The fit
///   may take ν ≤ 0: ν → 0 is the Gompertz curve (evaluated without loss of accuracy there), and
///   ν < 0 gives curves that are 0 until a finite x, where `1 + ν·exp((xmid − x)/scal)` turns
///   positive (von Bertalanffy's curve is ν = −1/3): the model is 0 before it, so it is defined for
///   every x and parameter.
///
/// ## Relation to NIST's Rat43
/// The StRD problem Rat43 writes the curve as `y = b1 / (1 + exp(b2 − b3·x))^(1/b4)`. The two
/// forms are the same curve with `b1 = Asym`, `b2 = log(ν) + xmid/scal`, `b3 = 1/scal`, `b4 = ν`;
/// conversely `Asym = b1`, `nu = b4`, `scal = 1/b3`, `xmid = (b2 − log(b4))/b3`.
///
/// The self-start searches `xmid`, `log scal` and `log ν` by variable projection with `Asym`
/// fitted by linear least squares (``GrowthSelfStart/LogisticFamily/separableStart(_:lowerAsymptote:searchesShape:seeds:)``:
/// a grid over location and scale at ν = 1, then a refinement that scans ν from 0.02 to 50).
/// Any response will do, zeros and negative noise included.
public struct RichardsGrowth: SelfStartingModel {
    /// The Richards model.
    public init() {}

    public var name: String { "richards" }
    public var title: String { "Richards" }
    public var summary: String { "generalized logistic: S-shaped growth with an adjustable inflection point" }
    public var formula: String { "y = Asym / (1 + nu * exp((xmid - x) / scal))^(1 / nu)" }
    public var parameterNames: [String] { ["Asym", "xmid", "scal", "nu"] }
    public var parameterDescriptions: [String] {
        [
            "Asym: upper asymptote, the saturation level (units of y)",
            "xmid: inflection point, where y = Asym * (1 + nu)^(-1/nu) (units of x)",
            "scal: scale; the rate constant is 1/scal (units of x)",
            "nu: shape; 1 is the logistic, near 0 the Gompertz curve, < 0 starts from 0 at a finite x (dimensionless)",
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
        gradient[3] = terms.dNu
        return terms.value
    }

    public func initialParameters(x: [Double], y: [Double]) throws -> [Double] {
        let data = try GrowthSelfStart.Observations(x: x, y: y, for: self)
        try data.requireGrowth()
        return try GrowthSelfStart.finiteParameters(
            of: GrowthSelfStart.LogisticFamily.separableStart(data, lowerAsymptote: false, searchesShape: true),
            for: self)
    }

    /// The logistic's linearized start (``LogisticGrowth/quickStart(x:y:)``) with ν = 1, the
    /// Richards curve that is that logistic.
    public func quickStart(x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>) -> [Double]? {
        LogisticGrowth.linearizedStart(x: x, y: y).map { $0 + [1] }
    }

    private func terms(
        row: Int, of predictors: Predictors, parameters: [Double]
    ) -> GrowthSelfStart.LogisticFamily.Terms {
        GrowthSelfStart.LogisticFamily.terms(
            x: predictors.columns[0][row], asym: parameters[0], xmid: parameters[1], scal: parameters[2],
            nu: parameters[3])
    }
}

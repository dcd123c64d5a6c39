import Foundation

/// The first-order compartment model, R's `SSfol`:
/// `y = Dose·exp(lKe + lKa − lCl)·(exp(−exp(lKe)·x) − exp(−exp(lKa)·x))/(exp(lKa) − exp(lKe))`.
///
/// The concentration of a drug x time units after an oral dose, absorbed at rate `exp(lKa)`
/// and eliminated at rate `exp(lKe)` with clearance `exp(lCl)`. R passes the dose as a data
/// column; here it is a property of the model (one dose per series, as in R's `Theoph` data),
/// given on the command line by `--dose`.
///
/// Parameters (R's names and order):
/// - `lKe`: the natural logarithm of the elimination rate constant (per unit of x).
/// - `lKa`: the natural logarithm of the absorption rate constant (per unit of x).
/// - `lCl`: the natural logarithm of the clearance (dose units per unit of y per unit of x).
///
/// The self-start searches `lKe` and `lKa` (with `lKa > lKe`, absorption faster than
/// elimination, as R's self-start returns) by variable projection
/// (``GrowthSelfStart/SeparableSearch``), with the scale `Dose·Ke·Ka/(Cl·(Ka − Ke))` fitted by
/// linear least squares and `lCl` computed from it.
public struct FirstOrderCompartment: SelfStartingModel {
    /// The dose given at x = 0 (units of the dose; `y` is in dose units per volume).
    public let dose: Double

    /// The first-order compartment model for a dose `dose` at x = 0.
    public init(dose: Double = 1) {
        self.dose = dose
    }

    public var name: String { "fol" }
    public var title: String { "first-order compartment" }
    public var summary: String { "drug concentration after an oral dose, first-order absorption and elimination (R's SSfol)" }
    public var formula: String {
        "y = \(dose) * exp(lKe + lKa - lCl) * (exp(-exp(lKe) * x) - exp(-exp(lKa) * x)) / (exp(lKa) - exp(lKe))"
    }
    public var parameterNames: [String] { ["lKe", "lKa", "lCl"] }
    public var parameterDescriptions: [String] {
        [
            "lKe: natural log of the elimination rate constant (per unit of x)",
            "lKa: natural log of the absorption rate constant (per unit of x)",
            "lCl: natural log of the clearance",
        ]
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double]) -> Double {
        let x = predictors.columns[0][row]
        let (ke, ka) = (exp(parameters[0]), exp(parameters[1]))
        return dose * exp(parameters[0] + parameters[1] - parameters[2]) * (exp(-ke * x) - exp(-ka * x)) / (ka - ke)
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double], gradient: inout [Double]) -> Double {
        let x = predictors.columns[0][row]
        let (ke, ka) = (exp(parameters[0]), exp(parameters[1]))
        let (elimination, absorption) = (exp(-ke * x), exp(-ka * x))
        // y = c·g with c = Dose·Ke·Ka/(Cl·(Ka − Ke)) and g = exp(−Ke·x) − exp(−Ka·x).
        let c = dose * exp(parameters[0] + parameters[1] - parameters[2]) / (ka - ke)
        let y = c * (elimination - absorption)
        gradient[0] = y * (1 + ke / (ka - ke)) - c * ke * x * elimination
        gradient[1] = y * (1 - ka / (ka - ke)) + c * ka * x * absorption
        gradient[2] = -y
        return y
    }

    public func initialParameters(x: [Double], y: [Double]) throws -> [Double] {
        let data = try GrowthSelfStart.Observations(x: x, y: y, for: self)
        try data.requireGrowth()
        guard dose > 0, dose.isFinite else {
            throw GrowthModelError.selfStartFailed(model: title, reason: "the dose must be positive, not \(dose)")
        }
        let rates = GrowthSelfStart.logRateSearch(data)
        let search = GrowthSelfStart.SeparableSearch(
            lowerBounds: rates.lowerBounds + rates.lowerBounds, upperBounds: rates.upperBounds + rates.upperBounds,
            gridCounts: [12, 12])
        let start = search.minimize { point in
            let (lKe, lKa) = (point[0], point[1])
            guard lKa > lKe + 0.1 else { return nil }
            let (ke, ka) = (exp(lKe), exp(lKa))
            let curve = data.x.map { exp(-ke * $0) - exp(-ka * $0) }
            guard let fit = GrowthSelfStart.project(data.y, onto: curve), fit.coefficient > 0 else { return nil }
            let lCl = log(dose) + lKe + lKa - log(fit.coefficient * (ka - ke))
            return GrowthSelfStart.Candidate(parameters: [lKe, lKa, lCl], residualSumOfSquares: fit.rss)
        }
        return try GrowthSelfStart.finiteParameters(of: start, for: self)
    }
}

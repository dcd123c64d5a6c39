import CurveFitting

/// A candidate forecasting model: a growth curve, fitted either to the cumulative counts by least
/// squares or as the mean function of a non-homogeneous Poisson process by maximum likelihood.
///
/// ## Families
/// - ``Family/curve`` (`logistic`, `gompertz`, …): `N(t) = m(t; θ) + ε` with independent
///   Gaussian errors, fitted by least squares with ``CurveFitter`` (what `nls` in R or scipy's
///   `curve_fit` do with cumulative counts). Its AICc is the Gaussian one of ``FitResult``.
/// - ``Family/process`` (`nhpp-logistic`, …): arrivals form a Poisson process whose expected
///   cumulative number since the start is `m(t; θ)`, so the count in `(a, b]` is
///   `Poisson(m(b) − m(a))`, independently across disjoint periods. Fitted by maximum likelihood
///   to the increments between statements (or per period for events). `nhpp-linear` is the
///   homogeneous process `m(t) = rate·(t − origin)`. Its AICc uses the Poisson log-likelihood
///   with `n` the number of periods.
///
/// AICc values compare models of one family only: the two families describe different data
/// (levels versus increments) by different likelihoods.
///
/// Both families project the same way: future arrivals are Poisson with mean given by the
/// increase of the curve after the last observation (see ``ProjectionEngine``).
public struct ForecastModel: Sendable {
    /// The likelihood family.
    public enum Family: String, Sendable, CaseIterable {
        case curve, process
    }

    public let family: Family
    /// The growth curve's name (`logistic`).
    public let growthName: String
    /// The curve `m(t; θ)` with its gradient.
    public let curve: any CurveModel
    /// Starting values from data (`x`, `y`), by the curve's self-start.
    let selfStart: @Sendable ([Double], [Double]) throws -> [Double]
    /// The index of the saturation level (`Asym`, Bass's `m`) of the curves it scales as a whole
    /// (logistic, Gompertz, Richards, Bass), which a capacity rescales; `nil` for other curves.
    public let capacityIndex: Int?

    /// The prefix of process-family names.
    public static let processPrefix = "nhpp-"

    /// The name as written in a scenario: `logistic` or `nhpp-logistic`.
    public var name: String { family == .curve ? growthName : Self.processPrefix + growthName }

    /// The parameter names.
    public var parameterNames: [String] { curve.parameterNames }

    /// The model called `name`, with calendar time measured from `origin` where the curve has one.
    /// - Throws: ``ForecastError/unknownModel(_:valid:)``.
    public static func named(_ name: String, origin: Double) throws -> ForecastModel {
        let key = name.trimmingCharacters(in: .whitespaces).lowercased()
        let family: Family = key.hasPrefix(processPrefix) ? .process : .curve
        let growth = family == .process ? String(key.dropFirst(processPrefix.count)) : key
        if family == .process, growth == changePointName {
            let model = ChangePointRate(origin: origin)
            return ForecastModel(family: family, growthName: growth, curve: model,
                                 selfStart: { x, y in try model.initialParameters(x: x, y: y) }, capacityIndex: nil)
        }
        guard GrowthModels.names.contains(growth) else { throw ForecastError.unknownModel(name, valid: validNames) }
        if family == .process, growth == "linear" {
            let model = ConstantRate(origin: origin)
            return ForecastModel(family: family, growthName: growth, curve: model,
                                 selfStart: { x, y in try model.initialParameters(x: x, y: y) }, capacityIndex: nil)
        }
        let model = try GrowthModels.named(growth, origin: origin)
        // Curves proportional to their level parameter (the level scales the whole curve).
        let capacity = ["logistic", "gompertz", "richards", "bass"].contains(growth)
            ? model.parameterNames.firstIndex { $0 == "Asym" || $0 == "m" } : nil
        return ForecastModel(family: family, growthName: growth, curve: model,
                             selfStart: { x, y in try model.initialParameters(x: x, y: y) }, capacityIndex: capacity)
    }

    /// Every valid model name: the growth curves, then their count-process versions and the
    /// change-point process.
    public static var validNames: [String] {
        GrowthModels.names + GrowthModels.names.map { processPrefix + $0 } + [processPrefix + changePointName]
    }

    /// The growth name of the change-point process (`nhpp-changepoint`, see ``ChangePointFit``).
    public static let changePointName = "changepoint"

    /// Whether this is the change-point process, estimated by a profile search instead of
    /// Fisher scoring.
    var isChangePoint: Bool { family == .process && growthName == Self.changePointName }

    /// A number for the model's random streams that depends on its name only (FNV-1a), so that
    /// a model's draws do not change when the model list is reordered.
    var streamIndex: Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return Int(truncatingIfNeeded: hash >> 1)
    }

    /// The fitted means on `series`: cumulative counts (curve) or increments (process); `nil`
    /// when a value is not finite.
    func means(_ theta: [Double], on series: RealizedSeries) -> [Double]? {
        CountFitter(curve: curve, objective: family == .curve ? .leastSquares : .poisson, series: series).means(theta)
    }
}

/// The mean function of a homogeneous Poisson process, `m(t) = rate·(t − origin)`.
struct ConstantRate: CurveModel {
    let origin: Double

    var parameterNames: [String] { ["rate"] }
    var predictorNames: [String] { ["x"] }

    func value(row: Int, of predictors: Predictors, parameters: [Double]) -> Double {
        parameters[0] * (predictors.columns[0][row] - origin)
    }

    func value(row: Int, of predictors: Predictors, parameters: [Double], gradient: inout [Double]) -> Double {
        let t = predictors.columns[0][row] - origin
        gradient[0] = t
        return parameters[0] * t
    }

    /// The average rate: the increase over the elapsed time.
    func initialParameters(x: [Double], y: [Double]) throws -> [Double] {
        guard let first = x.first, let last = x.last, last > first, let y0 = y.first, let y1 = y.last else {
            throw ForecastError.insufficientData("a constant rate needs observations at two different times")
        }
        return [max((y1 - y0) / (last - first), 1e-6)]
    }
}

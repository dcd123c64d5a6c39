/// A nonlinear least-squares problem: a model, the data, and how observations are weighed.
///
/// The solver minimizes `Σᵢ C²·ρ((rᵢ/C)²)` with `rᵢ = √wᵢ·(f(xᵢ;θ) − yᵢ)` subject to the
/// bounds (see ``Loss`` and ``ParameterBounds``).
public struct FitProblem: Sendable {
    public let model: any CurveModel
    public let predictors: Predictors
    public let response: [Double]
    /// Observation weights `wᵢ > 0` (inverse variances), or `nil` for equal weights.
    public let weights: [Double]?
    public let bounds: ParameterBounds
    public let loss: Loss

    /// Validates and assembles a problem.
    ///
    /// - Throws: ``FitError`` when lengths differ, a value is NaN or infinite (naming the
    ///   1-based row), a weight is not positive, the predictors do not match the model's, or
    ///   there are fewer distinct predictor values than parameters.
    public init(
        model: any CurveModel, predictors: Predictors, response: [Double], weights: [Double]? = nil,
        bounds: ParameterBounds? = nil, loss: Loss = .linear
    ) throws {
        let n = response.count
        let p = model.parameterCount
        guard predictors.names == model.predictorNames else {
            throw FitError.invalidSetup(
                "the model reads predictors \(model.predictorNames.joined(separator: ", ")), the data give \(predictors.names.joined(separator: ", "))")
        }
        guard predictors.count == n else {
            throw FitError.invalidData("\(predictors.count) predictor values but \(n) responses")
        }
        if let row = response.firstIndex(where: { !$0.isFinite }) {
            throw FitError.invalidData("response at row \(row + 1) is \(response[row]); remove or fix it")
        }
        for (name, column) in zip(predictors.names, predictors.columns) {
            if let row = column.firstIndex(where: { !$0.isFinite }) {
                throw FitError.invalidData("predictor \(name) at row \(row + 1) is \(column[row]); remove or fix it")
            }
        }
        if let weights {
            guard weights.count == n else { throw FitError.invalidData("\(weights.count) weights but \(n) observations") }
            if let row = weights.firstIndex(where: { !($0 > 0 && $0.isFinite) }) {
                throw FitError.invalidData("weight at row \(row + 1) is \(weights[row]); weights must be positive and finite")
            }
        }
        let distinct = Set((0..<n).map { i in predictors.columns.map { $0[i] } }).count
        guard distinct >= p else {
            throw FitError.invalidData(
                "too few distinct x values to fit \(p) parameters: \(distinct) distinct value\(distinct == 1 ? "" : "s"), at least \(p) needed")
        }
        if let bounds, bounds.lower.count != p {
            throw FitError.invalidSetup("bounds are given for \(bounds.lower.count) parameters, the model has \(p)")
        }
        self.model = model
        self.predictors = predictors
        self.response = response
        self.weights = weights
        self.bounds = bounds ?? .unbounded(p)
        self.loss = loss
    }

    /// Number of observations.
    public var observationCount: Int { response.count }
    /// Number of parameters.
    public var parameterCount: Int { model.parameterCount }
}

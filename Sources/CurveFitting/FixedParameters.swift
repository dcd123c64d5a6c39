/// Parameters held at given values during a fit: they are excluded from the optimization (the
/// solver sees only the free ones) and reported as fixed, without a standard error (R's
/// `nls` with a parameter turned into a constant, `minpack.lm`'s fixed `start`).
public struct FixedParameters: Sendable, Equatable {
    /// Indices into the model's parameter vector, increasing.
    public let indices: [Int]
    /// The values, in the order of ``indices``.
    public let values: [Double]

    /// No parameter fixed.
    public static let none = FixedParameters(uncheckedIndices: [], values: [])

    /// Fixes the named parameters of a model with parameters `names`.
    /// - Throws: ``FitError/invalidSetup(_:)`` for an unknown name, a non-finite value, or when
    ///   every parameter would be fixed.
    public init(_ values: [String: Double], names: [String]) throws {
        for (name, value) in values {
            guard names.contains(name) else {
                throw FitError.invalidSetup("cannot fix \(name): the model's parameters are \(names.joined(separator: ", "))")
            }
            guard value.isFinite else { throw FitError.invalidSetup("fixed value of \(name) is \(value)") }
        }
        guard values.count < names.count else { throw FitError.invalidSetup("every parameter is fixed: nothing to fit") }
        let indices = names.indices.filter { values[names[$0]] != nil }
        self.init(uncheckedIndices: indices, values: indices.map { values[names[$0]]! })
    }

    init(uncheckedIndices indices: [Int], values: [Double]) {
        self.indices = indices
        self.values = values
    }

    /// Whether no parameter is fixed.
    public var isEmpty: Bool { indices.isEmpty }

    /// The indices of the free parameters among `count`.
    func freeIndices(of count: Int) -> [Int] { (0..<count).filter { !indices.contains($0) } }

    /// The full parameter vector from the free values.
    func expand(_ free: [Double], count: Int) -> [Double] {
        var full = [Double](repeating: 0, count: count)
        for (k, j) in freeIndices(of: count).enumerated() { full[j] = free[k] }
        for (j, value) in zip(indices, values) { full[j] = value }
        return full
    }

    /// `problem` with these parameters fixed: the model of the free parameters, their bounds.
    func reduce(_ problem: FitProblem) throws -> FitProblem {
        guard !isEmpty else { return problem }
        let free = freeIndices(of: problem.parameterCount)
        let names = problem.model.parameterNames
        let bounds = try ParameterBounds(lower: free.map { problem.bounds.lower[$0] }, upper: free.map { problem.bounds.upper[$0] },
                                         names: free.map { names[$0] })
        return try FitProblem(model: FixedParameterModel(base: problem.model, fixed: self), predictors: problem.predictors,
                              response: problem.response, weights: problem.weights, bounds: bounds, loss: problem.loss)
    }
}

/// A model with some parameters held fixed: `f(x; θ_free)` = the base model at the expanded vector.
struct FixedParameterModel: CurveModel {
    let base: any CurveModel
    let fixed: FixedParameters
    let parameterNames: [String]
    private let free: [Int]

    init(base: any CurveModel, fixed: FixedParameters) {
        self.base = base
        self.fixed = fixed
        free = fixed.freeIndices(of: base.parameterCount)
        parameterNames = free.map { base.parameterNames[$0] }
    }

    var predictorNames: [String] { base.predictorNames }

    func value(row: Int, of predictors: Predictors, parameters: [Double]) -> Double {
        base.value(row: row, of: predictors, parameters: fixed.expand(parameters, count: base.parameterCount))
    }

    func value(row: Int, of predictors: Predictors, parameters: [Double], gradient: inout [Double]) -> Double {
        var full = [Double](repeating: 0, count: base.parameterCount)
        let value = base.value(row: row, of: predictors, parameters: fixed.expand(parameters, count: base.parameterCount),
                               gradient: &full)
        for (k, j) in free.enumerated() { gradient[k] = full[j] }
        return value
    }
}

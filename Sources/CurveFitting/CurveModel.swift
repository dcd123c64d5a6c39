/// The predictor values of a data set, one column per predictor, all of equal length.
///
/// A model reads row `i` of every column to evaluate the curve at observation `i`; no array
/// is allocated per observation.
public struct Predictors: Sendable, Equatable {
    /// Predictor names, in column order (e.g. `["x"]`, or `["x1", "x2"]`).
    public let names: [String]
    /// The values, `columns[k][i]` = predictor `k` at observation `i`.
    public let columns: [[Double]]

    /// Predictors from named columns.
    /// - Precondition: `names.count == columns.count` and every column has the same length;
    ///   callers validate user data before building this.
    public init(names: [String], columns: [[Double]]) {
        precondition(names.count == columns.count, "one name per predictor column")
        precondition(columns.allSatisfy { $0.count == columns[0].count }, "predictor columns must have equal length")
        self.names = names
        self.columns = columns
    }

    /// A single predictor named `name`.
    public init(_ x: [Double], name: String = "x") {
        self.init(names: [name], columns: [x])
    }

    /// Number of observations.
    public var count: Int { columns.first?.count ?? 0 }
}

/// A nonlinear regression function `f(x; θ)` with its gradient `∂f/∂θ`.
///
/// Conforming types are immutable values: the parameter vector `θ` is passed in, never stored.
public protocol CurveModel: Sendable {
    /// Parameter names, in the order of the parameter vector.
    var parameterNames: [String] { get }
    /// Names of the predictors the model reads, in the order of ``Predictors/columns``.
    var predictorNames: [String] { get }

    /// `f(x_i; θ)` for observation `row`.
    func value(row: Int, of predictors: Predictors, parameters: [Double]) -> Double

    /// `f(x_i; θ)` for observation `row`, writing `∂f/∂θ_j` into `gradient[j]`
    /// (`gradient.count == parameterNames.count`).
    func value(row: Int, of predictors: Predictors, parameters: [Double], gradient: inout [Double]) -> Double
}

extension CurveModel {
    /// Number of parameters.
    public var parameterCount: Int { parameterNames.count }
}

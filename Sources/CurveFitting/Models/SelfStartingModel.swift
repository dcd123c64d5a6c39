/// A growth curve that describes itself and computes its own starting values from the data.
///
/// Like R's self-starting models (`SSlogis`, `SSgompertz`, `SSweibull`, `SSasymp`, …) a conforming
/// model linearizes the curve to estimate ``initialParameters(x:y:)``, which a nonlinear
/// least-squares solver then refines. All growth models read a single predictor named `"x"`.
///
/// ## Self-starts
/// Each start transforms the response so that the curve becomes a straight line in x (or log x),
/// given the level(s) it approaches, fits that line by least squares weighted by `1/g′(y)²` for
/// the transform `g` (so that it approximates a fit on the original scale), and refits the
/// parameters that enter linearly (asymptotes, scales) on the original scale. The levels
/// themselves, unknown, are chosen by a bounded one- or two-dimensional search that minimizes the
/// residual sum of squares of the resulting curve. On data generated exactly by the model the
/// start is the truth; on noisy data it is close to a least-squares fit. Replicates at one x are
/// averaged first.
///
/// ## Identifiability
/// A model with `p` parameters needs at least `p` distinct x values: fewer leave a family of curves
/// that pass equally well through the data. ``minimumDistinctX`` is therefore the parameter count
/// (the bare minimum: with exactly `p` values the curve interpolates and no residual degrees of
/// freedom remain). Replicate observations at one x value count once.
public protocol SelfStartingModel: CurveModel {
    /// The command-line name, lower case without spaces (e.g. `logistic`).
    var name: String { get }
    /// The human-readable name used in sentences (e.g. `4-parameter logistic`).
    var title: String { get }
    /// A one-line description of the curve and its typical use.
    var summary: String { get }
    /// The formula in plain ASCII text (e.g. `y = Asym / (1 + exp((xmid - x) / scal))`).
    var formula: String { get }
    /// One line per parameter, in the order of ``CurveModel/parameterNames``: the name, its
    /// meaning and its units.
    var parameterDescriptions: [String] { get }
    /// The number of distinct x values needed to fit the model (see "Identifiability").
    var minimumDistinctX: Int { get }

    /// Starting values for the parameters, estimated from the data by linearizing the curve.
    ///
    /// - Parameters:
    ///   - x: The predictor, one value per observation (any order, replicates allowed).
    ///   - y: The response, `y.count == x.count`.
    /// - Returns: Finite parameter values in the order of ``CurveModel/parameterNames``.
    /// - Throws: ``GrowthModelError`` when the data cannot support a start: unequal lengths,
    ///   non-finite values, too few distinct x values, or data outside the model's domain.
    func initialParameters(x: [Double], y: [Double]) throws -> [Double]

    /// A cheap start for the batch fitter's first attempt: a closed-form linearization costing
    /// a few evaluations of the curve, where ``initialParameters(x:y:)`` runs a search costing
    /// hundreds. ``BatchFitter/fit(_:model:starts:options:threads:)`` fits from it first and
    /// keeps that fit only when it converges; otherwise it fits again from
    /// ``initialParameters(x:y:)``. `nil` when the model has no such start or the data do not
    /// allow it (the default).
    ///
    /// - Parameters:
    ///   - x: The predictor, strictly increasing (no replicates).
    ///   - y: The response, `y.count == x.count`, finite.
    /// - Returns: Finite parameter values in the order of ``CurveModel/parameterNames``, or `nil`.
    func quickStart(x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>) -> [Double]?
}

extension SelfStartingModel {
    /// Growth models have one predictor, named `"x"`.
    public var predictorNames: [String] { ["x"] }

    /// One distinct x value per parameter.
    public var minimumDistinctX: Int { parameterCount }

    /// No quick start: the batch fitter starts from ``initialParameters(x:y:)``.
    public func quickStart(x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>) -> [Double]? { nil }
}

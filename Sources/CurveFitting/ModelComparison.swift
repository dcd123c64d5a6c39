import Foundation

/// A model to fit in a ``ModelComparison``: a name, the model, and where to start.
public struct ModelCandidate: Sendable {
    /// The name the comparison reports (e.g. `gompertz`).
    public let name: String
    public let model: any CurveModel
    /// Start values, or `nil` to self-start (the model must be a ``SelfStartingModel``).
    public let start: [Double]?
    /// Bounds on the parameters, or `nil` for none.
    public let bounds: ParameterBounds?

    /// A candidate started from `start`, or from the model's self-start when `start` is `nil`.
    public init(name: String, model: any CurveModel, start: [Double]? = nil, bounds: ParameterBounds? = nil) {
        self.name = name
        self.model = model
        self.start = start
        self.bounds = bounds
    }

    /// A self-starting growth model under its command-line name.
    public init(_ model: any SelfStartingModel) {
        self.init(name: model.name, model: model)
    }
}

/// One candidate's place in a ``ModelComparison``.
///
/// A candidate is *usable* when its fit converged (``FitResult/isUsable``), is not exact to
/// working precision, and has a finite AICc (see ``ModelComparison``); only usable candidates
/// have an AICc, an AICc difference and a share of the Akaike weights.
public struct ModelCandidateResult: Sendable {
    /// The candidate's name.
    public let name: String
    /// The fit, or `nil` when it could not be set up (no start values, invalid data or start).
    /// A fit that ran but is not usable is kept here for inspection.
    public let result: FitResult?
    /// Why the candidate is not usable, or `nil` when it is.
    public let error: String?
    /// The fit's ``FitResult/aicc``, `nil` when the candidate is not usable.
    public let aicc: Double?
    /// `Δᵢ = AICcᵢ − min_j AICc_j` over the usable candidates (0 for the best), `nil` when not usable.
    public let deltaAICc: Double?
    /// The Akaike weight `wᵢ` (0 when not usable).
    public let akaikeWeight: Double

    /// Whether the candidate took part in the ranking.
    public var isUsable: Bool { error == nil }
}

/// Fits candidate models to one series and ranks them by AICc with Akaike weights
/// (Burnham & Anderson, *Model Selection and Multimodel Inference*, 2nd ed., 2002, §2.4–2.6).
///
/// Definitions (`n` observations, `p` parameters of candidate `i`, `k = p + 1` counting the
/// residual variance, as in R's `AIC(nls)`; see ``FitResult``):
/// - `AICcᵢ = −2ℓᵢ + 2k + 2k(k+1)/(n − k − 1)`, with `ℓᵢ` the Gaussian log-likelihood at the
///   least-squares estimate;
/// - `Δᵢ = AICcᵢ − min_j AICc_j`, so the best candidate has `Δ = 0`;
/// - Akaike weight `wᵢ = exp(−Δᵢ/2) / Σ_j exp(−Δ_j/2)`, the sums running over the usable
///   candidates only: the weights of the usable candidates add up to 1, and `wᵢ/w_j` is the
///   evidence ratio of `i` over `j`.
///
/// Burnham & Anderson's rule of thumb: `Δ ≤ 2` is substantial support, `4 ≤ Δ ≤ 7` considerably
/// less, `Δ > 10` essentially none.
///
/// Every candidate is fitted by (weighted) least squares, with the linear ``Loss``, to the same
/// response and weights: AICc values are comparable only between models of the same data (a model
/// of `log y` cannot be ranked against one of `y`), and the likelihood is Gaussian.
///
/// A fit is not ranked when it did not converge, when it is exact to working precision
/// (`RSS ≤ n·(64·ε·max √wᵢ|yᵢ|)²`, `ε` the machine epsilon: the likelihood is then unbounded and
/// its value mere rounding noise), or when its AICc is not finite (`n ≤ k + 1`).
///
/// Order of the returned list: usable candidates by increasing AICc, equal AICc keeping the input
/// order; then the unusable ones in input order, each with weight 0 and its reason in
/// ``ModelCandidateResult/error``. The comparison never throws: a candidate that cannot be fitted
/// is reported, not raised.
public enum ModelComparison {
    /// Fits each candidate to the data and ranks them (see the type's description).
    ///
    /// - Parameters:
    ///   - candidates: The models, each with start values or a self-start.
    ///   - predictors: The predictor columns every candidate reads.
    ///   - response: The observed responses.
    ///   - weights: Observation weights `wᵢ > 0` shared by all candidates, or `nil`.
    ///   - options: Solver options for every fit.
    public static func compare(
        _ candidates: [ModelCandidate], predictors: Predictors, response: [Double], weights: [Double]? = nil,
        options: FitOptions = .init()
    ) -> [ModelCandidateResult] {
        rank(candidates.map { fit($0, predictors: predictors, response: response, weights: weights, options: options) })
    }

    /// Fits named models from given start values and ranks them.
    public static func compare(
        _ candidates: [(name: String, model: any CurveModel, start: [Double])], predictors: Predictors,
        response: [Double], weights: [Double]? = nil, options: FitOptions = .init()
    ) -> [ModelCandidateResult] {
        compare(candidates.map { ModelCandidate(name: $0.name, model: $0.model, start: $0.start) },
                predictors: predictors, response: response, weights: weights, options: options)
    }

    /// Fits self-starting growth models to `y` against `x` and ranks them under their names.
    public static func compare(
        models: [any SelfStartingModel], x: [Double], y: [Double], weights: [Double]? = nil,
        options: FitOptions = .init()
    ) -> [ModelCandidateResult] {
        compare(models.map(ModelCandidate.init), predictors: Predictors(x), response: y, weights: weights,
                options: options)
    }

    /// Akaike weights `wᵢ = exp(−Δᵢ/2) / Σ_j exp(−Δ_j/2)` of the given AICc values, in their order.
    ///
    /// Values that are not finite (NaN, ±∞) take no part and get weight 0; with no finite value
    /// every weight is 0. Computed from the differences `Δᵢ`, so that values in the thousands
    /// neither overflow nor underflow the best model's term.
    public static func akaikeWeights(_ aicc: [Double]) -> [Double] {
        guard let best = aicc.filter(\.isFinite).min() else { return aicc.map { _ in 0 } }
        let terms = aicc.map { $0.isFinite ? exp(-($0 - best) / 2) : 0 }
        let total = terms.reduce(0, +)
        return terms.map { $0 / total }
    }

    /// A candidate's fit or the reason it has none.
    struct Outcome {
        let name: String
        let result: FitResult?
        let error: String?
    }

    static func fit(
        _ candidate: ModelCandidate, predictors: Predictors, response: [Double], weights: [Double]?, options: FitOptions
    ) -> Outcome {
        let result: FitResult
        do {
            let start: [Double]
            if let given = candidate.start {
                start = given
            } else if let model = candidate.model as? any SelfStartingModel {
                guard predictors.columns.count == 1 else {
                    return Outcome(name: candidate.name, result: nil,
                                   error: "a self-starting model reads one predictor, the data give \(predictors.columns.count)")
                }
                start = try model.initialParameters(x: predictors.columns[0], y: response)
            } else {
                return Outcome(name: candidate.name, result: nil,
                               error: "no start values: give them, or use a self-starting model")
            }
            let problem = try FitProblem(model: candidate.model, predictors: predictors, response: response,
                                         weights: weights, bounds: candidate.bounds)
            result = try CurveFitter.fit(problem, start: start, options: options)
        } catch {
            return Outcome(name: candidate.name, result: nil, error: "\(error)")
        }
        return Outcome(name: candidate.name, result: result, error: unusableReason(result, response: response, weights: weights))
    }

    /// Why a fit that ran cannot be ranked, or `nil`.
    static func unusableReason(_ result: FitResult, response: [Double], weights: [Double]?) -> String? {
        guard result.isUsable else { return "the fit did not converge: \(result.termination.description)" }
        let (n, p) = (result.observationCount, result.modelParameterNames.count)
        if isExact(result, response: response, weights: weights) {
            return "the fit is exact to working precision (residual sum of squares \(result.residualSumOfSquares)): "
                + "the likelihood is unbounded and AICc meaningless"
        }
        guard !result.aicc.isFinite else { return nil }
        if n <= p + 2 {
            return "AICc needs more than k + 1 = \(p + 2) observations for \(p) parameters (k = p + 1), the data have \(n)"
        }
        return "AICc is not finite (\(result.aicc))"
    }

    /// Whether the residuals are at the level of rounding errors, `RSS ≤ n·(64·ε·max √wᵢ|yᵢ|)²`:
    /// the curve passes through the data, and the Gaussian log-likelihood, which grows like
    /// `−n/2·log RSS`, measures nothing but rounding.
    static func isExact(_ result: FitResult, response: [Double], weights: [Double]?) -> Bool {
        var scale = 0.0
        for (i, y) in response.enumerated() { scale = max(scale, (weights?[i] ?? 1).squareRoot() * abs(y)) }
        let floor = 64 * Double.ulpOfOne * scale
        return !(result.residualSumOfSquares > Double(response.count) * floor * floor)
    }

    /// Ranks fitted candidates: usable ones by (AICc, input position), then the others in input order.
    static func rank(_ outcomes: [Outcome]) -> [ModelCandidateResult] {
        var scored: [(index: Int, aicc: Double)] = []
        for (index, outcome) in outcomes.enumerated() where outcome.error == nil {
            if let result = outcome.result { scored.append((index, result.aicc)) }
        }
        scored.sort { $0.aicc != $1.aicc ? $0.aicc < $1.aicc : $0.index < $1.index }
        let weights = akaikeWeights(scored.map(\.aicc))
        let best = scored.first?.aicc ?? 0
        var ranked = zip(scored, weights).map { entry, weight in
            ModelCandidateResult(name: outcomes[entry.index].name, result: outcomes[entry.index].result, error: nil,
                                 aicc: entry.aicc, deltaAICc: entry.aicc - best, akaikeWeight: weight)
        }
        let placed = Set(scored.map(\.index))
        for (index, outcome) in outcomes.enumerated() where !placed.contains(index) {
            ranked.append(ModelCandidateResult(name: outcome.name, result: outcome.result,
                                               error: outcome.error ?? "the fit has no result", aicc: nil, deltaAICc: nil,
                                               akaikeWeight: 0))
        }
        return ranked
    }
}

/// The weighted sum model (WSM, simple additive weighting).
///
/// `score_i = Σ_j w_j · r_ij`, where `r` is the matrix normalized by ``normalization`` (which
/// also turns cost criteria, see ``Normalization``) and `w` the weights scaled to sum 1.
public struct WeightedSum: Sendable, Hashable {
    /// Normalization applied before weighting. Default ``Normalization/minMax``, which puts
    /// every criterion on `[0, 1]` so weights mean what they say; ``Normalization/none``
    /// reproduces textbook examples on commensurable benefit criteria.
    public var normalization: Normalization

    public init(normalization: Normalization = .minMax) {
        self.normalization = normalization
    }

    /// Scores and ranks the alternatives.
    public func evaluate(_ matrix: DecisionMatrix, weights: [Double]) throws(ScoringError) -> MethodResult {
        let w = try WeightValidation.normalized(weights, criteria: matrix.criteria)
        let r = try normalization.apply(to: matrix)
        let scores = Self.scores(normalizedColumnMajor: r, alternativeCount: matrix.alternativeCount, weights: w)
        return MethodResult(method: .wsm, alternatives: matrix.alternatives, scores: scores, details: .weightedSum)
    }

    /// `Σ_j w_j r_ij` over a column-major matrix.
    static func scores(normalizedColumnMajor r: [Double], alternativeCount m: Int, weights: [Double]) -> [Double] {
        var scores = [Double](repeating: 0, count: m)
        for (j, weight) in weights.enumerated() {
            let offset = j * m
            for i in 0..<m { scores[i] += weight * r[offset + i] }
        }
        return scores
    }
}

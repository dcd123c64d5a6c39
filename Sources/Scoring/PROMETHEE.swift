/// PROMETHEE II (Brans & Vincke 1985): complete ranking by net outranking flow.
///
/// With weights `w` scaled to sum 1, per-criterion preference functions `P_j`, and
/// `d_j(a, b)` the benefit-oriented difference (see ``PreferenceFunction``):
///
/// - `π(a, b) = Σ_j w_j·P_j(d_j(a, b))`;
/// - leaving flow `φ⁺(a) = 1/(m − 1)·Σ_{b≠a} π(a, b)`, entering flow
///   `φ⁻(a) = 1/(m − 1)·Σ_{b≠a} π(b, a)`;
/// - net flow `φ(a) = φ⁺(a) − φ⁻(a)`, the score (higher is better; `Σ_a φ(a) = 0`).
///
/// Work is `O(m²·n)`.
public struct PROMETHEE: Sendable, Hashable {
    /// Preference function of criteria not listed in ``perCriterion``; default ``PreferenceFunction/usual``.
    public var defaultFunction: PreferenceFunction
    /// Preference functions by criterion name.
    public var perCriterion: [String: PreferenceFunction]

    public init(defaultFunction: PreferenceFunction = .usual, perCriterion: [String: PreferenceFunction] = [:]) {
        self.defaultFunction = defaultFunction
        self.perCriterion = perCriterion
    }

    /// Net flows (the scores), ranking, and leaving/entering flows in the details.
    /// - Throws: ``ScoringError/unknownCriterion(_:)`` for a preference function keyed by an
    ///   unknown criterion, ``ScoringError/invalidParameter(name:value:requirement:)`` for bad thresholds.
    public func evaluate(_ matrix: DecisionMatrix, weights: [Double]) throws(ScoringError) -> MethodResult {
        let w = try WeightValidation.normalized(weights, criteria: matrix.criteria)
        for name in perCriterion.keys.sorted() { _ = try matrix.criterionIndex(name) }
        let functions = matrix.criteria.map { perCriterion[$0.name] ?? defaultFunction }
        for function in functions { try function.validate() }
        let m = matrix.alternativeCount
        var leaving = [Double](repeating: 0, count: m), entering = leaving
        for (j, criterion) in matrix.criteria.enumerated() where w[j] > 0 {
            let sign: Double = criterion.direction == .benefit ? 1 : -1
            for a in 0..<m {
                let xa = matrix[alternative: a, criterion: j]
                for b in 0..<m where b != a {
                    let preference = w[j] * functions[j].preference(sign * (xa - matrix[alternative: b, criterion: j]))
                    leaving[a] += preference
                    entering[b] += preference
                }
            }
        }
        let scale = 1 / Double(m - 1)
        leaving = leaving.map { $0 * scale }
        entering = entering.map { $0 * scale }
        let net = zip(leaving, entering).map { $0 - $1 }
        let details = PROMETHEEDetails(leavingFlow: leaving, enteringFlow: entering, netFlow: net)
        return MethodResult(method: .promethee2, alternatives: matrix.alternatives, scores: net,
                            details: .promethee(details))
    }
}

/// PROMETHEE flows, in input order.
public struct PROMETHEEDetails: Sendable, Hashable {
    /// `φ⁺`, how much each alternative outranks the others.
    public let leavingFlow: [Double]
    /// `φ⁻`, how much each alternative is outranked.
    public let enteringFlow: [Double]
    /// `φ = φ⁺ − φ⁻`.
    public let netFlow: [Double]
}

/// A full two-level AHP hierarchy: criteria compared pairwise, and the alternatives compared
/// pairwise under each criterion.
public struct AHPHierarchy: Sendable, Hashable {
    /// Criterion names, in the order of ``criteriaComparisons``.
    public let criteria: [String]
    /// Alternative names, in the order of every matrix in ``alternativeComparisons``.
    public let alternatives: [String]
    /// Criteria compared with each other (`n × n`).
    public let criteriaComparisons: PairwiseMatrix
    /// Alternatives compared under each criterion (`n` matrices of `m × m`).
    public let alternativeComparisons: [PairwiseMatrix]

    /// - Throws: ``ScoringError`` when names repeat or matrix sizes do not match the names.
    public init(
        criteria: [String], alternatives: [String], criteriaComparisons: PairwiseMatrix,
        alternativeComparisons: [PairwiseMatrix]
    ) throws(ScoringError) {
        guard alternatives.count >= 2 else { throw .tooFewAlternatives(count: alternatives.count) }
        guard !criteria.isEmpty else { throw .noCriteria }
        var seen = Set<String>()
        for name in alternatives where !seen.insert(name).inserted { throw .duplicateAlternative(name) }
        seen.removeAll()
        for name in criteria where !seen.insert(name).inserted { throw .duplicateCriterion(name) }
        guard criteriaComparisons.size == criteria.count else {
            throw .dimensionMismatch("criteria matrix is \(criteriaComparisons.size)×\(criteriaComparisons.size) for \(criteria.count) criteria")
        }
        guard alternativeComparisons.count == criteria.count else {
            throw .dimensionMismatch("\(alternativeComparisons.count) alternative matrices for \(criteria.count) criteria")
        }
        for (j, comparisons) in alternativeComparisons.enumerated() where comparisons.size != alternatives.count {
            throw .dimensionMismatch(
                "alternative matrix for '\(criteria[j])' is \(comparisons.size)×\(comparisons.size) for \(alternatives.count) alternatives")
        }
        self.criteria = criteria
        self.alternatives = alternatives
        self.criteriaComparisons = criteriaComparisons
        self.alternativeComparisons = alternativeComparisons
    }

    /// Criteria priorities, local priorities, and the global priorities as scores.
    public func evaluate(
        priorityMethod: AHP.PriorityMethod = .eigenvector, randomIndex: RandomIndexTable = .saaty1980,
        synthesis: AHP.SynthesisMode = .distributive
    ) throws(ScoringError) -> MethodResult {
        let criteriaPriorities = try AHP.priorities(criteriaComparisons, method: priorityMethod, randomIndex: randomIndex)
        var local: [AHPPriorities] = []
        for comparisons in alternativeComparisons {
            local.append(try AHP.priorities(comparisons, method: priorityMethod, randomIndex: randomIndex))
        }
        let global = try AHP.synthesize(criteriaWeights: criteriaPriorities.weights, local: local.map(\.weights),
                                        mode: synthesis)
        let details = AHPSynthesis(mode: synthesis, criteriaWeights: criteriaPriorities.weights,
                                   criteriaPriorities: criteriaPriorities, localPriorities: local.map(\.weights),
                                   localConsistency: local, globalPriorities: global)
        return MethodResult(method: .ahp, alternatives: alternatives, scores: global, details: .ahp(details))
    }
}

/// The synthesis step of AHP.
public struct AHPSynthesis: Sendable, Hashable {
    /// Distributive or ideal.
    public let mode: AHP.SynthesisMode
    /// Criteria weights used (sum 1).
    public let criteriaWeights: [Double]
    /// Their derivation when they came from a pairwise matrix.
    public let criteriaPriorities: AHPPriorities?
    /// `localPriorities[j][i]`: priority of alternative `i` under criterion `j` (sum 1 over `i`).
    public let localPriorities: [[Double]]
    /// Per criterion, the consistency of the alternatives' pairwise matrix, or `nil` when the
    /// local priorities were derived from values.
    public let localConsistency: [AHPPriorities?]
    /// Global priorities (the scores), in alternative order.
    public let globalPriorities: [Double]
}

/// AHP as a scoring method on a ``DecisionMatrix``.
///
/// Criteria weights are the weights passed in (use ``Weighting/ahp(_:method:randomIndex:)``
/// to derive them from a pairwise matrix). Local priorities of the alternatives under a
/// criterion come from its pairwise matrix in ``alternativeComparisons`` when one is given;
/// otherwise from the values by ``Normalization/sum`` — `x/Σx` for benefit, `(1/x)/Σ(1/x)` for
/// cost — which is the priority vector of the perfectly consistent matrix `a_ik = x_i/x_k`.
public struct AHPScoring: Sendable, Hashable {
    /// Distributive (default) or ideal synthesis.
    public var synthesis: AHP.SynthesisMode
    /// Priority derivation for the pairwise matrices.
    public var priorityMethod: AHP.PriorityMethod
    /// RI table for their consistency ratios.
    public var randomIndex: RandomIndexTable
    /// Pairwise matrices of the alternatives (in matrix order), keyed by criterion name.
    public var alternativeComparisons: [String: PairwiseMatrix]

    public init(
        synthesis: AHP.SynthesisMode = .distributive, priorityMethod: AHP.PriorityMethod = .eigenvector,
        randomIndex: RandomIndexTable = .saaty1980, alternativeComparisons: [String: PairwiseMatrix] = [:]
    ) {
        self.synthesis = synthesis
        self.priorityMethod = priorityMethod
        self.randomIndex = randomIndex
        self.alternativeComparisons = alternativeComparisons
    }

    /// Global priorities as scores.
    public func evaluate(_ matrix: DecisionMatrix, weights: [Double]) throws(ScoringError) -> MethodResult {
        let w = try WeightValidation.normalized(weights, criteria: matrix.criteria)
        for name in alternativeComparisons.keys.sorted() { _ = try matrix.criterionIndex(name) }
        let m = matrix.alternativeCount
        var local: [[Double]] = [], consistency: [AHPPriorities?] = []
        for (j, criterion) in matrix.criteria.enumerated() {
            if let comparisons = alternativeComparisons[criterion.name] {
                guard comparisons.size == m else {
                    throw .dimensionMismatch("alternative matrix for '\(criterion.name)' is \(comparisons.size)×\(comparisons.size) for \(m) alternatives")
                }
                let priorities = try AHP.priorities(comparisons, method: priorityMethod, randomIndex: randomIndex)
                local.append(priorities.weights)
                consistency.append(priorities)
            } else {
                local.append(try Normalization.sum.apply(to: matrix, criterion: j))
                consistency.append(nil)
            }
        }
        let global = try AHP.synthesize(criteriaWeights: w, local: local, mode: synthesis)
        let details = AHPSynthesis(mode: synthesis, criteriaWeights: w, criteriaPriorities: nil,
                                   localPriorities: local, localConsistency: consistency, globalPriorities: global)
        return MethodResult(method: .ahp, alternatives: matrix.alternatives, scores: global, details: .ahp(details))
    }
}

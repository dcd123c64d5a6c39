import Foundation

/// Where criteria weights come from.
public enum Weighting: Sendable, Hashable {
    /// The ``Criterion/weight`` of every criterion. Negative weights are an error; weights that
    /// do not sum to 1 are divided by their sum, with a note saying so.
    case given
    /// Explicit weights in criterion order, treated like ``given``.
    case values([Double])
    /// `w_j = 1/n`.
    case equal
    /// Shannon entropy weights, ``EntropyWeighting``.
    case entropy
    /// CRITIC weights (Diakoulaki et al. 1995), ``CRITICWeighting``.
    case critic
    /// AHP priorities of a criteria pairwise matrix (in criterion order).
    case ahp(PairwiseMatrix, method: AHP.PriorityMethod = .eigenvector, randomIndex: RandomIndexTable = .saaty1980)

    /// The weights for `matrix`, summing to 1.
    public func weights(for matrix: DecisionMatrix) throws(ScoringError) -> WeightVector {
        switch self {
        case .given:
            var values: [Double] = []
            for criterion in matrix.criteria {
                guard let weight = criterion.weight else { throw .missingWeight(criterion: criterion.name) }
                values.append(weight)
            }
            return try Self.normalizedGiven(values, criteria: matrix.criteria)
        case .values(let values):
            return try Self.normalizedGiven(values, criteria: matrix.criteria)
        case .equal:
            return WeightVector(values: Array(repeating: 1 / Double(matrix.criterionCount), count: matrix.criterionCount))
        case .entropy:
            return try EntropyWeighting.weights(for: matrix)
        case .critic:
            return try CRITICWeighting.weights(for: matrix)
        case .ahp(let comparisons, let method, let table):
            guard comparisons.size == matrix.criterionCount else {
                throw .dimensionMismatch(
                    "criteria pairwise matrix is \(comparisons.size)×\(comparisons.size) for \(matrix.criterionCount) criteria")
            }
            let priorities = try AHP.priorities(comparisons, method: method, randomIndex: table)
            var notes: [String] = []
            if priorities.isInconsistent, let cr = priorities.consistencyRatio {
                notes.append("criteria pairwise matrix is inconsistent: CR = \(String(format: "%.3f", cr)) > 0.1 (\(table.rawValue) RI)")
            }
            return WeightVector(values: priorities.weights, notes: notes, ahp: priorities)
        }
    }

    /// Checks signs and finiteness, then divides by the sum (noting it when it is not 1).
    private static func normalizedGiven(_ values: [Double], criteria: [Criterion]) throws(ScoringError) -> WeightVector {
        let normalized = try WeightValidation.normalized(values, criteria: criteria)
        let total = values.reduce(0, +)
        guard abs(total - 1) > 1e-9 else { return WeightVector(values: normalized) }
        return WeightVector(values: normalized, notes: [
            "given weights sum to \(String(format: "%.6g", total)), not 1; they were divided by their sum",
        ])
    }
}

/// Criteria weights summing to 1, with remarks on how they were obtained.
public struct WeightVector: Sendable, Hashable {
    /// One weight per criterion, in criterion order; non-negative, summing to 1.
    public let values: [Double]
    /// Human-readable remarks (normalization applied, inconsistency, degenerate data).
    public let notes: [String]
    /// The AHP derivation when the weights came from a pairwise matrix.
    public let ahp: AHPPriorities?

    init(values: [Double], notes: [String] = [], ahp: AHPPriorities? = nil) {
        self.values = values
        self.notes = notes
        self.ahp = ahp
    }
}

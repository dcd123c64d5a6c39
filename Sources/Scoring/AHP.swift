import Foundation
import LinearAlgebra

/// Analytic Hierarchy Process (Saaty 1980): priorities from pairwise comparisons.
public enum AHP {
    /// How priorities are derived from a pairwise matrix.
    public enum PriorityMethod: String, Sendable, Hashable, CaseIterable {
        /// The principal right eigenvector `A·w = λmax·w` (LAPACK `dgeev`), scaled to sum 1,
        /// which also fixes its sign positive. `λmax` is the principal eigenvalue.
        case eigenvector
        /// Row geometric mean (RGMM, Crawford & Williams 1985): `w_i ∝ (Π_j a_ij)^(1/n)`,
        /// scaled to sum 1. `λmax` is estimated as `(1/n)·Σ_i (A·w)_i / w_i`. Agrees with the
        /// eigenvector for consistent matrices, differs for inconsistent ones.
        case geometricMean = "geometric_mean"
    }

    /// The CR above which judgments are flagged inconsistent (Saaty's 10 % rule).
    public static let consistencyThreshold = 0.1

    /// Priorities and consistency of one pairwise matrix.
    ///
    /// `CI = (λmax − n)/(n − 1)` and `CR = CI/RI(n)` for `n ≥ 3`; both are 0 for `n ≤ 2`.
    /// - Throws: ``ScoringError/eigenDecompositionFailed(_:)`` if LAPACK fails or finds no
    ///   real principal eigenvalue with a one-signed eigenvector (impossible for a positive
    ///   matrix by Perron–Frobenius, barring numerical breakdown).
    public static func priorities(
        _ comparisons: PairwiseMatrix, method: PriorityMethod = .eigenvector,
        randomIndex table: RandomIndexTable = .saaty1980
    ) throws(ScoringError) -> AHPPriorities {
        let n = comparisons.size
        let weights: [Double], lambdaMax: Double
        switch method {
        case .eigenvector:
            (weights, lambdaMax) = try principalEigenvector(comparisons.matrix)
        case .geometricMean:
            let logs = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + log(comparisons[i, $1]) } / Double(n) }
            let largest = logs.max() ?? 0
            let g = logs.map { exp($0 - largest) }
            let total = g.reduce(0, +)
            weights = g.map { $0 / total }
            lambdaMax = (0..<n).reduce(0.0) { sum, i in
                sum + (0..<n).reduce(0.0) { $0 + comparisons[i, $1] * weights[$1] } / weights[i]
            } / Double(n)
        }
        let ci = n <= 2 ? 0 : (lambdaMax - Double(n)) / Double(n - 1)
        let ri = table.value(size: n)
        let cr: Double? = n <= 2 ? 0 : ri.map { ci / $0 }
        return AHPPriorities(weights: weights, method: method, lambdaMax: lambdaMax, consistencyIndex: ci,
                             randomIndexTable: table, randomIndex: ri, consistencyRatio: cr)
    }

    private static func principalEigenvector(_ a: Matrix) throws(ScoringError) -> ([Double], Double) {
        let eigen: GeneralEigen
        do {
            eigen = try GeneralEigen(a)
        } catch {
            throw .eigenDecompositionFailed("\(error)")
        }
        guard let k = eigen.indexOfLargestRealEigenvalue() else {
            throw .eigenDecompositionFailed("no real eigenvalue")
        }
        let vector = eigen.vectors.column(k)
        let total = vector.reduce(0, +)
        let weights = vector.map { $0 / total }
        guard total != 0, weights.allSatisfy({ $0 > 0 }) else {
            throw .eigenDecompositionFailed("the principal eigenvector \(vector) is not one-signed")
        }
        return (weights, eigen.realParts[k])
    }

    /// Synthesis of a hierarchy: global priority of each alternative from the criteria
    /// weights `w_j` and the local priorities `p_ij` of the alternatives under each criterion
    /// (`local[j][i]`, each `local[j]` summing to 1).
    ///
    /// - Distributive: `g_i = Σ_j w_j·p_ij`.
    /// - Ideal: `g_i ∝ Σ_j w_j·p_ij / max_k p_kj`, scaled to sum 1 (Saaty's ideal mode, which
    ///   keeps the order of the others when a dominated alternative is added).
    public static func synthesize(
        criteriaWeights: [Double], local: [[Double]], mode: SynthesisMode
    ) throws(ScoringError) -> [Double] {
        guard local.count == criteriaWeights.count else {
            throw .dimensionMismatch("\(local.count) local priority vectors for \(criteriaWeights.count) criteria")
        }
        let m = local.first?.count ?? 0
        for (j, vector) in local.enumerated() where vector.count != m {
            throw .dimensionMismatch("local priorities of criterion \(j + 1) have \(vector.count) entries, expected \(m)")
        }
        var global = [Double](repeating: 0, count: m)
        for (weight, vector) in zip(criteriaWeights, local) {
            let scale = mode == .ideal ? 1 / (vector.max() ?? 1) : 1
            for i in 0..<m { global[i] += weight * vector[i] * scale }
        }
        guard mode == .ideal else { return global }
        let total = global.reduce(0, +)
        return global.map { $0 / total }
    }

    /// How global priorities are synthesized.
    public enum SynthesisMode: String, Sendable, Hashable, CaseIterable {
        /// Local priorities sum to 1 per criterion; can reverse ranks when alternatives are added.
        case distributive
        /// Local priorities divided by the best alternative's per criterion.
        case ideal
    }
}

/// Priorities derived from one pairwise matrix, with its consistency.
public struct AHPPriorities: Sendable, Hashable {
    /// The priorities, summing to 1, in the matrix's order.
    public let weights: [Double]
    /// How they were derived.
    public let method: AHP.PriorityMethod
    /// `λmax` (see ``AHP/PriorityMethod``).
    public let lambdaMax: Double
    /// `CI = (λmax − n)/(n − 1)`; 0 for `n ≤ 2`.
    public let consistencyIndex: Double
    /// The table `RI` was taken from.
    public let randomIndexTable: RandomIndexTable
    /// `RI(n)`, `nil` when the table has no entry for `n`.
    public let randomIndex: Double?
    /// `CR = CI/RI(n)`; 0 for `n ≤ 2`; `nil` when `RI(n)` is unknown.
    public let consistencyRatio: Double?

    /// Whether `CR > 0.1` (``AHP/consistencyThreshold``): the judgments should be revised.
    public var isInconsistent: Bool { (consistencyRatio ?? 0) > AHP.consistencyThreshold }
}

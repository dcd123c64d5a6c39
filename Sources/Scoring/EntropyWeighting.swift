import Foundation

/// Shannon entropy weights: criteria whose values vary more across alternatives carry more
/// information and weigh more (Zeleny 1982; Xu 2004).
///
/// On the central values (which must be `≥ 0`), with `m` alternatives:
/// `p_ij = x_ij/Σ_i x_ij`, `E_j = −(Σ_i p_ij·ln p_ij)/ln m` with `0·ln 0 = 0`,
/// `d_j = 1 − E_j`, `w_j = d_j/Σ_k d_k`.
///
/// The direction of a criterion does not matter (entropy measures dispersion only). A
/// column of zeros carries no information (`E_j = 1`). If every `d_j` is 0 the weights are
/// equal, with a note.
public enum EntropyWeighting {
    /// The entropy weights of `matrix`.
    /// - Throws: ``ScoringError/nonPositiveValue(alternative:criterion:value:context:)`` for a negative value.
    public static func weights(for matrix: DecisionMatrix) throws(ScoringError) -> WeightVector {
        let m = matrix.alternativeCount, n = matrix.criterionCount
        let logM = log(Double(m))
        var divergence = [Double](repeating: 0, count: n)
        for j in 0..<n {
            let column = matrix.column(j)
            if let index = column.firstIndex(where: { $0 < 0 }) {
                throw .nonPositiveValue(alternative: matrix.alternatives[index - j * m], criterion: matrix.criteria[j].name,
                                        value: column[index], context: "entropy weighting needs values ≥ 0")
            }
            let total = column.reduce(0, +)
            guard total > 0 else { continue }
            var entropy = 0.0
            for x in column where x > 0 {
                let p = x / total
                entropy -= p * log(p)
            }
            divergence[j] = Swift.max(0, 1 - entropy / logM)
        }
        let sum = divergence.reduce(0, +)
        guard sum > 0 else {
            return WeightVector(values: Array(repeating: 1 / Double(n), count: n),
                                notes: ["every criterion has maximal entropy (no dispersion); weights are equal"])
        }
        return WeightVector(values: divergence.map { $0 / sum })
    }
}

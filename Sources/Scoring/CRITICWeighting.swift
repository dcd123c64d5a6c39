/// CRITIC weights, "CRiteria Importance Through Intercriteria Correlation" (Diakoulaki,
/// Mavrotas & Papayannakis 1995): contrast intensity times conflict with the other criteria.
///
/// With `r` the min-max normalized, benefit-oriented matrix (``Normalization/minMax``: cost
/// criteria are turned by `(max − x)/(max − min)`, so correlations are between "goodness"
/// scores), `σ_j` the standard deviation of column `j` and `ρ_jk` Pearson's correlation:
///
/// `C_j = σ_j · Σ_k (1 − ρ_jk)`, `w_j = C_j/Σ_k C_k`.
///
/// Whether `σ` divides by `m` or `m − 1` is immaterial: the factor cancels in `w`. A single
/// criterion gets weight 1; if every `C_j` is 0 (all criteria perfectly correlated) the
/// weights are equal, with a note.
public enum CRITICWeighting {
    /// The CRITIC weights of `matrix`.
    /// - Throws: ``ScoringError/constantCriterion(criterion:context:)`` for a constant criterion.
    public static func weights(for matrix: DecisionMatrix) throws(ScoringError) -> WeightVector {
        let m = matrix.alternativeCount, n = matrix.criterionCount
        guard n > 1 else { return WeightVector(values: [1]) }
        var centered: [[Double]] = [], deviations: [Double] = []
        for j in 0..<n {
            let column = try Normalization.minMax.apply(to: matrix, criterion: j)
            let mean = column.reduce(0, +) / Double(m)
            let c = column.map { $0 - mean }
            centered.append(c)
            deviations.append((c.reduce(0) { $0 + $1 * $1 } / Double(m)).squareRoot())
        }
        var information = [Double](repeating: 0, count: n)
        for j in 0..<n {
            var conflict = 0.0
            for k in 0..<n where k != j {
                let covariance = zip(centered[j], centered[k]).reduce(0) { $0 + $1.0 * $1.1 } / Double(m)
                conflict += 1 - covariance / (deviations[j] * deviations[k])
            }
            information[j] = deviations[j] * conflict
        }
        let total = information.reduce(0, +)
        guard total > 0 else {
            return WeightVector(values: Array(repeating: 1 / Double(n), count: n),
                                notes: ["all criteria are perfectly correlated; CRITIC weights are equal"])
        }
        return WeightVector(values: information.map { $0 / total })
    }
}

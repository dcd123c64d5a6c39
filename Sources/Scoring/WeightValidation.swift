/// Checks weights handed directly to a method and scales them to sum 1.
enum WeightValidation {
    /// `weights / Σ weights`, after checking count, finiteness, signs and a positive sum.
    static func normalized(_ weights: [Double], criteria: [Criterion]) throws(ScoringError) -> [Double] {
        guard weights.count == criteria.count else {
            throw .dimensionMismatch("\(weights.count) weights for \(criteria.count) criteria")
        }
        for (weight, criterion) in zip(weights, criteria) {
            guard weight.isFinite else { throw .invalidWeights("weight of '\(criterion.name)' is \(weight)") }
            guard weight >= 0 else { throw .negativeWeight(criterion: criterion.name, value: weight) }
        }
        let total = weights.reduce(0, +)
        guard total > 0 else { throw .invalidWeights("all weights are 0") }
        return weights.map { $0 / total }
    }
}

/// Which weight vectors SMAA considers, each drawn uniformly from its feasible set.
public enum SMAAWeightConstraints: Sendable, Hashable {
    /// No information: uniform on the simplex `{w ≥ 0, Σw = 1}` (the spacings of `n − 1`
    /// sorted i.i.d. uniforms, one word per criterion but one; see ``SMAA``).
    case uniform
    /// `low_j ≤ w_j ≤ high_j` per criterion (in criterion order): uniform simplex draws are
    /// rejected until one satisfies every interval. The acceptance rate is estimated first
    /// from a pilot of ``SMAA/pilotDraws`` draws; below ``SMAA/minimumAcceptanceRate`` the
    /// run stops with ``ScoringError/lowAcceptanceRate(rate:minimum:)``.
    case intervals([ClosedRange<Double>])
    /// A complete importance order, most important first, by criterion name:
    /// `w_{c1} ≥ w_{c2} ≥ … ≥ w_{cn}`. Drawn exactly by sorting a uniform simplex draw in
    /// decreasing order (every ordering cell of the simplex has the same volume).
    case rankOrder([String])
}

/// The constraints resolved against a decision matrix.
enum ResolvedWeightConstraints {
    case uniform
    case intervals(low: [Double], high: [Double])
    case rankOrder([Int])

    init(_ constraints: SMAAWeightConstraints, criteria: [Criterion]) throws(ScoringError) {
        let n = criteria.count
        switch constraints {
        case .uniform:
            self = .uniform
        case .intervals(let ranges):
            guard ranges.count == n else {
                throw .dimensionMismatch("\(ranges.count) weight intervals for \(n) criteria")
            }
            for (range, criterion) in zip(ranges, criteria) {
                guard range.lowerBound.isFinite, range.upperBound.isFinite, range.lowerBound >= 0, range.upperBound <= 1 else {
                    throw .infeasibleWeightConstraints(
                        "interval [\(range.lowerBound), \(range.upperBound)] of '\(criterion.name)' is not within [0, 1]")
                }
            }
            let lowSum = ranges.reduce(0) { $0 + $1.lowerBound }, highSum = ranges.reduce(0) { $0 + $1.upperBound }
            guard lowSum <= 1, highSum >= 1 else {
                throw .infeasibleWeightConstraints(
                    "lower bounds sum to \(lowSum) and upper bounds to \(highSum); weights sum to 1")
            }
            self = .intervals(low: ranges.map(\.lowerBound), high: ranges.map(\.upperBound))
        case .rankOrder(let names):
            var order: [Int] = []
            for name in names {
                guard let index = criteria.firstIndex(where: { $0.name == name }) else { throw .unknownCriterion(name) }
                guard !order.contains(index) else { throw .duplicateCriterion(name) }
                order.append(index)
            }
            guard order.count == n else {
                throw .dimensionMismatch("the importance order names \(order.count) of \(n) criteria")
            }
            self = .rankOrder(order)
        }
    }
}

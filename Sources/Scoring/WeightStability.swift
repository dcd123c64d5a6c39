/// How far each criterion's weight can move before the best alternative changes.
///
/// Along the path for criterion `j`, its weight is `t ∈ [0, 1]` and the others are rescaled
/// proportionally to fill `1 − t`: `w_k(t) = w_k·(1 − t)/(1 − w_j)` (shared equally when
/// `w_j = 1`). The stability interval is the largest `[lower, upper] ∋ w_j` on which the
/// alternative ranked first at the current weights stays first (an alternative that merely
/// ties it does not displace it).
///
/// - WSM: scores are linear in `t`, `s_i(t) = t·r_ij + (1 − t)·c_i`, so the crossing with each
///   rival `i` is solved exactly: `t* = D₀/(D₀ − D₁)` with `D₀ = c_a − c_i`,
///   `D₁ = r_aj − r_ij` for the leader `a`.
/// - Other methods: `t` is scanned outward from `w_j` in steps of `1/gridSteps` until the
///   leader changes, then the change point is bisected to within ``tolerance``. A reversal and
///   return inside one grid step is not detected.
public struct WeightStability: Sendable, Hashable {
    /// The method whose leader is tracked.
    public var method: ScoringMethod
    /// Its settings.
    public var configuration: MethodConfiguration
    /// Grid steps over `[0, 1]` for the scan (non-WSM methods); default 200.
    public var gridSteps: Int
    /// Bisection tolerance on `t` (non-WSM methods); default 1e−9.
    public var tolerance: Double

    public init(
        method: ScoringMethod, configuration: MethodConfiguration = MethodConfiguration(), gridSteps: Int = 200,
        tolerance: Double = 1e-9
    ) {
        self.method = method
        self.configuration = configuration
        self.gridSteps = gridSteps
        self.tolerance = tolerance
    }

    /// One interval per criterion, in criterion order.
    public func intervals(_ matrix: DecisionMatrix, weights: [Double]) throws(ScoringError) -> [WeightStabilityInterval] {
        guard gridSteps >= 1 else {
            throw .invalidParameter(name: "gridSteps", value: Double(gridSteps), requirement: "≥ 1")
        }
        guard tolerance > 0 else { throw .invalidParameter(name: "tolerance", value: tolerance, requirement: "> 0") }
        let w = try WeightValidation.normalized(weights, criteria: matrix.criteria)
        let leader = try method.evaluate(matrix, weights: w, configuration: configuration).top.index
        var result: [WeightStabilityInterval] = []
        for j in 0..<matrix.criterionCount {
            let bounds = method == .wsm
                ? try exactWeightedSum(matrix, weights: w, criterion: j, leader: leader)
                : try scanned(matrix, weights: w, criterion: j, leader: leader)
            result.append(WeightStabilityInterval(
                criterion: matrix.criteria[j].name, weight: w[j], lower: bounds.lower.t, upper: bounds.upper.t,
                leader: matrix.alternatives[leader],
                replacedBelowBy: bounds.lower.rival.map { matrix.alternatives[$0] },
                replacedAboveBy: bounds.upper.rival.map { matrix.alternatives[$0] }))
        }
        return result
    }

    /// `w(t)` for criterion `j`.
    static func path(_ w: [Double], criterion j: Int, t: Double) -> [Double] {
        let rest = 1 - w[j]
        return w.indices.map { k in
            if k == j { return t }
            return rest > 0 ? w[k] * (1 - t) / rest : (1 - t) / Double(w.count - 1)
        }
    }

    private typealias Bound = (t: Double, rival: Int?)

    private func exactWeightedSum(
        _ matrix: DecisionMatrix, weights w: [Double], criterion j: Int, leader a: Int
    ) throws(ScoringError) -> (lower: Bound, upper: Bound) {
        guard w.count > 1 else { return ((w[j], nil), (w[j], nil)) }
        let m = matrix.alternativeCount
        let r = try configuration.weightedSum.normalization.apply(to: matrix)
        let others = Self.path(w, criterion: j, t: 0)
        let c = WeightedSum.scores(normalizedColumnMajor: r, alternativeCount: m, weights: others)
        var lower: Bound = (0, nil), upper: Bound = (1, nil)
        for i in 0..<m where i != a {
            let d0 = c[a] - c[i], d1 = r[a + j * m] - r[i + j * m]
            let slope = d1 - d0
            guard slope != 0 else { continue }
            let crossing = d0 / (d0 - d1)
            // The rival overtakes beyond the crossing in the direction where the gap shrinks.
            if slope < 0, crossing >= w[j], crossing < upper.t {
                upper = (crossing, i)
            } else if slope > 0, crossing <= w[j], crossing > lower.t {
                lower = (crossing, i)
            }
        }
        return (lower, upper)
    }

    private func scanned(
        _ matrix: DecisionMatrix, weights w: [Double], criterion j: Int, leader a: Int
    ) throws(ScoringError) -> (lower: Bound, upper: Bound) {
        guard w.count > 1 else { return ((w[j], nil), (w[j], nil)) }
        func top(_ t: Double) throws(ScoringError) -> Int {
            try method.evaluate(matrix, weights: Self.path(w, criterion: j, t: t), configuration: configuration).top.index
        }
        func search(towards end: Double) throws(ScoringError) -> Bound {
            let step = (end - w[j]).sign == .minus ? -1 / Double(gridSteps) : 1 / Double(gridSteps)
            var inside = w[j]
            while inside != end {
                let next = step < 0 ? Swift.max(end, inside + step) : Swift.min(end, inside + step)
                let leaderThere = try top(next)
                if leaderThere != a {
                    var good = inside, bad = next, rival = leaderThere
                    while abs(bad - good) > tolerance {
                        let mid = 0.5 * (good + bad)
                        let leaderMid = try top(mid)
                        if leaderMid == a { good = mid } else { (bad, rival) = (mid, leaderMid) }
                    }
                    return (good, rival)
                }
                inside = next
            }
            return (end, nil)
        }
        return (try search(towards: 0), try search(towards: 1))
    }
}

/// The stability interval of one criterion's weight.
public struct WeightStabilityInterval: Sendable, Hashable {
    /// The criterion.
    public let criterion: String
    /// Its current weight (after scaling all weights to sum 1).
    public let weight: Double
    /// Smallest weight at which the leader is still first (0 if it always is below).
    public let lower: Double
    /// Largest weight at which the leader is still first (1 if it always is above).
    public let upper: Double
    /// The alternative first at the current weights.
    public let leader: String
    /// Who takes the lead just below ``lower``; `nil` when nobody does.
    public let replacedBelowBy: String?
    /// Who takes the lead just above ``upper``; `nil` when nobody does.
    public let replacedAboveBy: String?
}

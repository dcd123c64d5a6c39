/// Which weight vectors SMAA considers, and how they are drawn: uniformly from a feasible set
/// (``uniform``, ``intervals(_:)``, ``rankOrder(_:)``), or from a Dirichlet distribution centred
/// on stated weights (``dirichlet(center:concentration:)``).
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
    /// Weights around stated ones: `w ~ Dirichlet(κ·w̄)`, with `w̄ = center/Σ center` (criterion
    /// order) and `κ` the concentration. The mean is `w̄` and `Var(w_j) = w̄_j(1 − w̄_j)/(κ + 1)`,
    /// so the coefficient of variation of `w_j` is `√((1 − w̄_j)/(w̄_j(κ + 1)))`: about 0.24 for
    /// four equal weights at `κ = 50`; larger `κ` means weights closer to the stated ones (see
    /// ``relativeSpread``). A criterion with stated weight 0 keeps weight 0 in every draw (the
    /// limit of its Beta(κw̄_j, κ(1 − w̄_j)) marginal as `w̄_j → 0`). The centre must be finite
    /// and non-negative with a positive sum, and `κ` finite and positive.
    ///
    /// Each draw normalizes independent `Gamma(κw̄_j, 1)` variates (Marsaglia–Tsang, in log
    /// space; see `nextLogStandardGamma(shape:)`).
    case dirichlet(center: [Double], concentration: Double)

    /// The concentration ``dirichlet(center:concentration:)`` uses when a scorecard does not
    /// give one: `κ = 50`, i.e. four equal weights vary by about ±24% (one standard deviation).
    public static let defaultConcentration = 50.0

    /// For ``dirichlet(center:concentration:)``, how far the weights stray from the stated ones:
    /// the relative standard deviation `sd(w_j)/w̄_j` averaged over the criteria with the stated
    /// weights `w̄_j` as weights, which is `Σ_j √(w̄_j(1 − w̄_j)/(κ + 1))` (0.24 for four equal
    /// weights at `κ = 50`). `nil` for the other cases, or when the centre is not valid.
    public var relativeSpread: Double? {
        guard case .dirichlet(let center, let concentration) = self, concentration > 0, concentration.isFinite else { return nil }
        let total = center.reduce(0, +)
        guard total > 0, total.isFinite, center.allSatisfy({ $0 >= 0 }) else { return nil }
        return center.reduce(0) { sum, c in
            let w = c / total
            return sum + (w * (1 - w) / (concentration + 1)).squareRoot()
        }
    }

    /// What the acceptabilities mean under this weight model, in words for reports: e.g. "if
    /// the weights are uncertain by about ±24% around the stated weights (Dirichlet,
    /// concentration 50)" or "if nothing is known about the weights (uniform over all weight
    /// vectors)".
    public var label: String {
        switch self {
        case .uniform:
            return "if nothing is known about the weights (uniform over all weight vectors)"
        case .intervals:
            return "if only the weight intervals are known (uniform over the weight vectors within them)"
        case .rankOrder(let order):
            return "if only the importance order \(order.joined(separator: " ≥ ")) is known "
                + "(uniform over the weight vectors in that order)"
        case .dirichlet(_, let concentration):
            let spread = relativeSpread.map { "\(Int(($0 * 100).rounded()))%" } ?? "an unknown amount"
            let kappa = concentration == concentration.rounded() && abs(concentration) < 1e15
                ? String(Int(concentration)) : String(concentration)
            return "if the weights are uncertain by about ±\(spread) around the stated weights (Dirichlet, concentration \(kappa))"
        }
    }
}

/// The constraints resolved against a decision matrix.
enum ResolvedWeightConstraints {
    case uniform
    case intervals(low: [Double], high: [Double])
    case rankOrder([Int])
    /// Dirichlet parameters `κ·w̄_j` (0 for a criterion held at weight 0).
    case dirichlet(alphas: [Double])

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
        case .dirichlet(let center, let concentration):
            guard center.count == n else {
                throw .dimensionMismatch("\(center.count) stated weights for \(n) criteria")
            }
            guard concentration.isFinite, concentration > 0 else {
                throw .invalidParameter(name: "concentration", value: concentration, requirement: "finite and > 0")
            }
            for (weight, criterion) in zip(center, criteria) where !(weight.isFinite && weight >= 0) {
                throw .infeasibleWeightConstraints("stated weight \(weight) of '\(criterion.name)' is not finite and ≥ 0")
            }
            let total = center.reduce(0, +)
            guard total > 0, total.isFinite else {
                throw .infeasibleWeightConstraints("stated weights sum to \(total); they need a positive sum")
            }
            self = .dirichlet(alphas: center.map { concentration * $0 / total })
        }
    }
}

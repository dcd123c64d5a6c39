/// Scores and ranking from one scoring method, plus that method's intermediate quantities.
public struct MethodResult: Sendable {
    /// The method that produced the result.
    public let method: ScoringMethod
    /// Alternative names, in input order.
    public let alternatives: [String]
    /// Scores in input order (see ``higherIsBetter``).
    public let scoreValues: [Double]
    /// `false` only for VIKOR, whose Q is a regret (smaller is better).
    public let higherIsBetter: Bool
    /// Best first; ties share a rank and keep input order.
    public let ranking: [RankedAlternative]
    /// Method-specific intermediate results.
    public let details: MethodDetails

    init(method: ScoringMethod, alternatives: [String], scores: [Double], higherIsBetter: Bool = true,
         details: MethodDetails) {
        self.method = method
        self.alternatives = alternatives
        self.scoreValues = scores
        self.higherIsBetter = higherIsBetter
        self.ranking = Ranking.rank(names: alternatives, scores: scores, higherIsBetter: higherIsBetter)
        self.details = details
    }

    /// Scores keyed by alternative name.
    public var scores: [String: Double] { Dictionary(uniqueKeysWithValues: zip(alternatives, scoreValues)) }

    /// 1-based ranks in input order.
    public var ranks: [Int] { Ranking.ranks(of: ranking) }

    /// The best-ranked alternative (the first in input order among tied leaders).
    public var top: RankedAlternative {
        // A DecisionMatrix always has at least two alternatives, so the ranking is never empty.
        ranking[0]
    }

    /// Groups of alternatives that share a rank, in ranking order.
    public var ties: [[String]] {
        Dictionary(grouping: ranking.filter(\.isTied), by: \.rank)
            .sorted { $0.key < $1.key }
            .map { $0.value.map(\.name) }
    }
}

/// What each method computes besides its score.
public enum MethodDetails: Sendable {
    /// Weighted sum: nothing beyond the scores.
    case weightedSum
    /// Weighted product: log-scores and pairwise ratios.
    case weightedProduct(WeightedProductDetails)
    /// TOPSIS: ideal, anti-ideal and distances.
    case topsis(TOPSISDetails)
    /// VIKOR: S, R, Q and the compromise solution.
    case vikor(VIKORDetails)
    /// PROMETHEE II: leaving, entering and net flows.
    case promethee(PROMETHEEDetails)
    /// AHP: local priorities per criterion and the synthesis.
    case ahp(AHPSynthesis)
}

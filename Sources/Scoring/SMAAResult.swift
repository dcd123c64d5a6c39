/// The output of an SMAA-2 run; every array is in alternative (input) order.
public struct SMAAResult: Sendable, Hashable {
    /// Alternative names.
    public let alternatives: [String]
    /// Criterion names (the order of the central weight vectors).
    public let criteria: [String]
    /// Number of accepted Monte Carlo draws `N`.
    public let draws: Int
    /// Share of candidate weight vectors accepted (1 without interval constraints).
    public let acceptanceRate: Double
    /// Rank acceptability indices: `acceptability[i][r]` is `b_i^(r+1)`, the share of draws
    /// in which alternative `i` has rank `r + 1` (competition ranks, so exact ties share a rank).
    public let acceptability: [[Double]]
    /// Monte Carlo standard errors `√(b(1 − b)/N)` of ``acceptability``.
    public let standardErrors: [[Double]]
    /// Central weight vectors `w_i^c`: the mean weight vector over the draws where `i` ranks
    /// first; `nil` when it never does (`b_i^1 = 0`).
    public let centralWeights: [[Double]?]
    /// Confidence factors `p_i^c`: the probability, over the criterion values only, that `i`
    /// ranks first when the weights are its central weight vector; `nil` when `b_i^1 = 0`.
    public let confidenceFactors: [Double?]
    /// The weight model the draws came from (as given to ``SMAA``); its
    /// ``SMAAWeightConstraints/label`` says in words what the acceptabilities mean.
    public let weightModel: SMAAWeightConstraints

    /// `b_i^r` by name and 1-based rank.
    public func acceptability(of alternative: String, rank: Int) throws(ScoringError) -> Double {
        guard let i = alternatives.firstIndex(of: alternative) else { throw .unknownAlternative(alternative) }
        guard rank >= 1, rank <= alternatives.count else {
            throw .invalidParameter(name: "rank", value: Double(rank), requirement: "in 1...\(alternatives.count)")
        }
        return acceptability[i][rank - 1]
    }
}

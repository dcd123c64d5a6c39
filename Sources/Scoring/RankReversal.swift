/// Rank reversal check: does changing the set of alternatives change the relative order of
/// the alternatives that stay?
///
/// Two kinds of perturbation, one case each:
/// - removing alternative `k` (skipped when only two alternatives remain);
/// - adding a dominated copy of alternative `k`: every central value moved by
///   ``degradation``·|x| towards worse (benefit `x − δ|x|`, cost `x + δ|x|`; a zero moves by δ
///   times the criterion's range, or δ if constant), which keeps positive values positive
///   for the weighted product.
///
/// For each case the pairs of original alternatives whose order changed (including a strict
/// order becoming a tie or a tie becoming strict) are listed. Methods that normalize by the
/// column (TOPSIS, min-max WSM, AHP distributive) can show reversals; the ideal mode of AHP
/// and the weighted product cannot.
public struct RankReversal: Sendable, Hashable {
    /// The method checked.
    public var method: ScoringMethod
    /// Its settings.
    public var configuration: MethodConfiguration
    /// Relative worsening `δ` of the dominated copies; default 0.05.
    public var degradation: Double

    public init(method: ScoringMethod, configuration: MethodConfiguration = MethodConfiguration(), degradation: Double = 0.05) {
        self.method = method
        self.configuration = configuration
        self.degradation = degradation
    }

    /// Runs every case.
    public func check(_ matrix: DecisionMatrix, weights: [Double]) throws(ScoringError) -> [RankReversalCase] {
        guard degradation > 0, degradation < 1 else {
            throw .invalidParameter(name: "degradation", value: degradation, requirement: "in (0, 1)")
        }
        let baseRanks = try method.evaluate(matrix, weights: weights, configuration: configuration).ranks
        var cases: [RankReversalCase] = []
        let m = matrix.alternativeCount
        if m > 2 {
            for k in 0..<m {
                let kept = (0..<m).filter { $0 != k }
                let outcome = Result { () throws(ScoringError) -> [Int] in
                    try method.evaluate(try matrix.removingAlternative(at: k), weights: weights, configuration: configuration).ranks
                }
                cases.append(Self.compare(.removed(matrix.alternatives[k]), baseRanks: baseRanks, kept: kept,
                                          outcome: outcome, names: matrix.alternatives))
            }
        }
        for k in 0..<m {
            let outcome = Result { () throws(ScoringError) -> [Int] in
                let extended = try matrix.appendingAlternative(copyName(matrix, k), values: dominatedCopy(matrix, k))
                return Array(try method.evaluate(extended, weights: weights, configuration: configuration).ranks.prefix(m))
            }
            cases.append(Self.compare(.addedDominatedCopy(of: matrix.alternatives[k]), baseRanks: baseRanks,
                                      kept: Array(0..<m), outcome: outcome, names: matrix.alternatives))
        }
        return cases
    }

    private func copyName(_ matrix: DecisionMatrix, _ k: Int) -> String {
        var name = "\(matrix.alternatives[k]) (dominated copy)"
        while matrix.alternatives.contains(name) { name += "'" }
        return name
    }

    private func dominatedCopy(_ matrix: DecisionMatrix, _ k: Int) -> [CriterionValue] {
        matrix.criteria.indices.map { j in
            let x = matrix[alternative: k, criterion: j]
            let column = matrix.column(j)
            let range = (column.max() ?? 0) - (column.min() ?? 0)
            let shift = degradation * (x != 0 ? abs(x) : (range > 0 ? range : 1))
            return .point(matrix.criteria[j].direction == .benefit ? x - shift : x + shift)
        }
    }

    /// Pairs of `kept` (original indices) whose order differs; `outcome` ranks them in order.
    private static func compare(
        _ change: RankReversalCase.Change, baseRanks: [Int], kept: [Int], outcome: Result<[Int], ScoringError>,
        names: [String]
    ) -> RankReversalCase {
        switch outcome {
        case .failure(let error):
            return RankReversalCase(change: change, reversedPairs: [], error: error)
        case .success(let newRanks):
            var pairs: [RankReversalCase.Pair] = []
            for a in kept.indices {
                for b in kept.indices where b > a {
                    let before = (baseRanks[kept[a]] - baseRanks[kept[b]]).signum()
                    let after = (newRanks[a] - newRanks[b]).signum()
                    if before != after {
                        pairs.append(RankReversalCase.Pair(
                            first: names[kept[a]], second: names[kept[b]],
                            ranksBefore: [baseRanks[kept[a]], baseRanks[kept[b]]], ranksAfter: [newRanks[a], newRanks[b]]))
                    }
                }
            }
            return RankReversalCase(change: change, reversedPairs: pairs, error: nil)
        }
    }
}

/// One rank reversal experiment.
public struct RankReversalCase: Sendable, Equatable {
    /// What was changed.
    public enum Change: Sendable, Hashable {
        /// The named alternative was removed.
        case removed(String)
        /// A dominated copy of the named alternative was added.
        case addedDominatedCopy(of: String)
    }

    /// Two original alternatives whose relative order changed.
    public struct Pair: Sendable, Hashable {
        /// The earlier of the two in input order.
        public let first: String
        /// The later of the two in input order.
        public let second: String
        /// Their ranks (first, second) in the original problem.
        public let ranksBefore: [Int]
        /// Their ranks (first, second) in the changed problem.
        public let ranksAfter: [Int]
    }

    /// The perturbation.
    public let change: Change
    /// Pairs whose relative order changed (empty: no rank reversal).
    public let reversedPairs: [Pair]
    /// Why the method could not be run on the changed problem (e.g. a criterion became
    /// constant under min-max normalization), else `nil`.
    public let error: ScoringError?

    /// Whether any relative order changed.
    public var hasReversal: Bool { !reversedPairs.isEmpty }
}

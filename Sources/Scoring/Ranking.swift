/// One alternative's place in a ranking.
public struct RankedAlternative: Sendable, Hashable {
    /// The alternative's name.
    public let name: String
    /// Its 0-based position in the decision matrix.
    public let index: Int
    /// The score it was ranked by (closeness, net flow, Q, …).
    public let score: Double
    /// 1-based competition rank ("1, 2, 2, 4"): one plus the number of alternatives with a
    /// strictly better score. Tied alternatives share a rank.
    public let rank: Int
    /// Whether at least one other alternative has the same rank.
    public let isTied: Bool
}

/// Ranks scores with stable, explicit ties.
public enum Ranking {
    /// The relative tolerance under which two scores count as equal:
    /// `|a − b| ≤ 1e−12 · max(1, |a|, |b|)`. It absorbs the rounding of sums that are equal in
    /// exact arithmetic (22.00 = 0.2·10 + 0.15·30 + 0.4·20 + 0.25·30 = 0.2·30 + … in E10), and
    /// nothing else.
    public static let tieTolerance = 1e-12

    /// Whether two scores are equal within ``tieTolerance``.
    public static func areTied(_ a: Double, _ b: Double) -> Bool {
        a == b || abs(a - b) <= tieTolerance * Swift.max(1, abs(a), abs(b))
    }

    /// The alternatives ordered from best to worst.
    ///
    /// Order: by score (descending when `higherIsBetter`, ascending otherwise); equal scores
    /// keep input order. A run of scores each tied with the run's first score forms one tie
    /// group and shares the run's first rank. NaN scores rank last.
    public static func rank(names: [String], scores: [Double], higherIsBetter: Bool) -> [RankedAlternative] {
        let order = scores.indices.sorted { a, b in
            let x = scores[a], y = scores[b]
            if x.isNaN != y.isNaN { return y.isNaN }
            if x != y && !(x.isNaN && y.isNaN) { return higherIsBetter ? x > y : x < y }
            return a < b
        }
        var result: [RankedAlternative] = []
        result.reserveCapacity(order.count)
        var start = 0
        while start < order.count {
            let leader = scores[order[start]]
            var end = start + 1
            while end < order.count, areTied(leader, scores[order[end]]) { end += 1 }
            for position in start..<end {
                let index = order[position]
                result.append(RankedAlternative(
                    name: names[index], index: index, score: scores[index], rank: start + 1, isTied: end - start > 1))
            }
            start = end
        }
        return result
    }

    /// Ranks in input order (`ranks[i]` is alternative `i`'s 1-based rank).
    public static func ranks(of ranking: [RankedAlternative]) -> [Int] {
        var ranks = [Int](repeating: 0, count: ranking.count)
        for entry in ranking { ranks[entry.index] = entry.rank }
        return ranks
    }
}

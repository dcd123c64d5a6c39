/// Rank agreement between two orderings: Kendall's τ_b, which accounts for ties.
///
/// Over all pairs `(i, k)`: `C` concordant pairs, `D` discordant pairs, `n₀ = n(n − 1)/2`,
/// `n₁ = Σ t(t − 1)/2` over tie groups of the first sequence, `n₂` likewise for the second:
///
/// `τ_b = (C − D)/√((n₀ − n₁)(n₀ − n₂))`,
///
/// in `[−1, 1]`; 1 for identical orders. Undefined (`nil`) when either sequence is entirely
/// tied. Work is `O(n²)`.
public enum KendallTau {
    /// τ_b between two paired sequences (larger = ranked higher, or use ranks; only the order
    /// matters, and ties are exact equality).
    public static func tauB(_ x: [Double], _ y: [Double]) throws(ScoringError) -> Double? {
        guard x.count == y.count else { throw .dimensionMismatch("\(x.count) and \(y.count) values") }
        var concordant = 0, discordant = 0, tiedX = 0, tiedY = 0
        for i in 0..<x.count {
            for k in (i + 1)..<Swift.max(x.count, i + 1) {
                let dx = x[i] - x[k], dy = y[i] - y[k]
                if dx == 0 { tiedX += 1 }
                if dy == 0 { tiedY += 1 }
                if dx == 0 || dy == 0 { continue }
                if (dx > 0) == (dy > 0) { concordant += 1 } else { discordant += 1 }
            }
        }
        let pairs = x.count * (x.count - 1) / 2
        let denominator = (Double(pairs - tiedX) * Double(pairs - tiedY)).squareRoot()
        guard denominator > 0 else { return nil }
        return Double(concordant - discordant) / denominator
    }

    /// τ_b between the rankings of two methods on the same alternatives (by rank, so that
    /// VIKOR's "smaller is better" needs no special care; tied ranks count as ties).
    public static func agreement(_ a: MethodResult, _ b: MethodResult) throws(ScoringError) -> Double? {
        guard a.alternatives == b.alternatives else {
            throw .dimensionMismatch("the two results rank different alternatives")
        }
        return try tauB(a.ranks.map { -Double($0) }, b.ranks.map { -Double($0) })
    }

    /// The symmetric matrix of ``agreement(_:_:)`` between every pair of results (1 on the diagonal).
    public static func agreementMatrix(_ results: [MethodResult]) throws(ScoringError) -> [[Double?]] {
        var matrix = [[Double?]](repeating: [Double?](repeating: nil, count: results.count), count: results.count)
        for i in results.indices {
            matrix[i][i] = 1
            for k in results.indices where k > i {
                let tau = try agreement(results[i], results[k])
                matrix[i][k] = tau
                matrix[k][i] = tau
            }
        }
        return matrix
    }
}

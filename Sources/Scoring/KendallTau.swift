/// Rank agreement between two orderings: Kendall's τ_b, which accounts for ties.
///
/// Over all pairs `(i, k)`: `C` concordant pairs, `D` discordant pairs, `n₀ = n(n − 1)/2`,
/// `n₁ = Σ t(t − 1)/2` over tie groups of the first sequence, `n₂` likewise for the second:
///
/// `τ_b = (C − D)/√((n₀ − n₁)(n₀ − n₂))`,
///
/// in `[−1, 1]`; 1 for identical orders. Undefined (`nil`) when either sequence is entirely
/// tied. Work is `O(n log n)` (Knight's algorithm: sort by the first sequence, then count the
/// discordant pairs as the inversions of a merge sort of the second); the counts are integers,
/// so the result is the same as counting every pair.
public enum KendallTau {
    /// τ_b between two paired sequences (larger = ranked higher, or use ranks; only the order
    /// matters, and ties are exact equality); `nil` when a value is NaN.
    public static func tauB(_ x: [Double], _ y: [Double]) throws(ScoringError) -> Double? {
        guard x.count == y.count else { throw .dimensionMismatch("\(x.count) and \(y.count) values") }
        let n = x.count
        guard !x.contains(where: \.isNaN), !y.contains(where: \.isNaN) else { return nil }
        // Order by x, then y: within a tie group of x the y's ascend, so an inversion of y is a
        // pair discordant in both.
        let order = (0..<n).sorted { x[$0] < x[$1] || (x[$0] == x[$1] && y[$0] < y[$1]) }
        var sortedY = order.map { y[$0] }
        var tiedX = 0, tiedBoth = 0
        var runX = 1, runBoth = 1
        for k in 1..<Swift.max(n, 1) {
            if x[order[k]] == x[order[k - 1]] {
                tiedX += runX
                runX += 1
                if sortedY[k] == sortedY[k - 1] {
                    tiedBoth += runBoth
                    runBoth += 1
                } else {
                    runBoth = 1
                }
            } else {
                runX = 1
                runBoth = 1
            }
        }
        let discordant = Self.sortCountingInversions(&sortedY)
        var tiedY = 0, runY = 1
        for k in 1..<Swift.max(n, 1) {
            if sortedY[k] == sortedY[k - 1] {
                tiedY += runY
                runY += 1
            } else {
                runY = 1
            }
        }
        let pairs = n * (n - 1) / 2
        let denominator = (Double(pairs - tiedX) * Double(pairs - tiedY)).squareRoot()
        guard denominator > 0 else { return nil }
        return Double(pairs - tiedX - tiedY + tiedBoth - 2 * discordant) / denominator
    }

    /// Sorts `values` ascending (bottom-up merge sort) and returns the number of pairs that
    /// were strictly out of order.
    private static func sortCountingInversions(_ values: inout [Double]) -> Int {
        let n = values.count
        var buffer = values
        var inversions = 0
        var width = 1
        while width < n {
            var low = 0
            while low < n {
                let middle = Swift.min(low + width, n), high = Swift.min(low + 2 * width, n)
                var i = low, j = middle, out = low
                while i < middle, j < high {
                    if values[j] < values[i] {
                        buffer[out] = values[j]
                        inversions += middle - i
                        j += 1
                    } else {
                        buffer[out] = values[i]
                        i += 1
                    }
                    out += 1
                }
                while i < middle { buffer[out] = values[i]; i += 1; out += 1 }
                while j < high { buffer[out] = values[j]; j += 1; out += 1 }
                low = high
            }
            swap(&values, &buffer)
            width *= 2
        }
        return inversions
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

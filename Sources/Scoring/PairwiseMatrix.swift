import LinearAlgebra

/// A validated AHP pairwise comparison matrix: `a_ij` says how much more important (or
/// preferred) item `i` is than item `j`, on Saaty's 1–9 scale or any positive ratio.
///
/// Invariants: square, every entry finite and positive, `|a_ii − 1| ≤ tolerance` and
/// `|a_ij·a_ji − 1| ≤ tolerance` for every pair. The relative tolerance (default 0.01) accepts
/// reciprocals typed as rounded decimals (`1/3` as `0.333`) and rejects actual mistakes.
public struct PairwiseMatrix: Sendable, Hashable {
    /// Default for `reciprocalTolerance`.
    public static let defaultReciprocalTolerance = 0.01

    /// The entries (column-major, see `Matrix`).
    public let matrix: Matrix

    /// Number of items compared, `n`.
    public var size: Int { matrix.rows }

    /// A matrix from its rows, as written on paper.
    /// - Throws: ``ScoringError/dimensionMismatch(_:)`` if not square or empty,
    ///   ``ScoringError/pairwiseNonPositive(row:column:value:)``,
    ///   ``ScoringError/pairwiseDiagonalNotOne(index:value:)`` or
    ///   ``ScoringError/pairwiseNotReciprocal(row:column:value:transposedValue:)`` naming the
    ///   first offending cell with 1-based indices (row-major scan).
    public init(_ rows: [[Double]], reciprocalTolerance: Double = defaultReciprocalTolerance) throws(ScoringError) {
        let n = rows.count
        guard n >= 1 else { throw .dimensionMismatch("a pairwise matrix needs at least 1 row") }
        for (i, row) in rows.enumerated() where row.count != n {
            throw .dimensionMismatch("pairwise matrix row \(i + 1) has \(row.count) entries, expected \(n)")
        }
        for i in 0..<n {
            for j in 0..<n where !(rows[i][j].isFinite && rows[i][j] > 0) {
                throw .pairwiseNonPositive(row: i + 1, column: j + 1, value: rows[i][j])
            }
        }
        for i in 0..<n where abs(rows[i][i] - 1) > reciprocalTolerance {
            throw .pairwiseDiagonalNotOne(index: i + 1, value: rows[i][i])
        }
        for i in 0..<n {
            for j in (i + 1)..<n where abs(rows[i][j] * rows[j][i] - 1) > reciprocalTolerance {
                throw .pairwiseNotReciprocal(row: i + 1, column: j + 1, value: rows[i][j], transposedValue: rows[j][i])
            }
        }
        do {
            matrix = try Matrix(rowMajor: rows)
        } catch {
            throw .dimensionMismatch("\(error)")
        }
    }

    /// A matrix from the judgments above the diagonal: `upperTriangle[i]` holds
    /// `a_i,i+1 … a_i,n` (so `n − 1 − i` entries); the diagonal is 1 and `a_ji = 1/a_ij`.
    public init(upperTriangle: [[Double]]) throws(ScoringError) {
        let n = upperTriangle.count + 1
        var rows = [[Double]](repeating: [Double](repeating: 1, count: n), count: n)
        for (i, judgments) in upperTriangle.enumerated() {
            guard judgments.count == n - 1 - i else {
                throw .dimensionMismatch("upper-triangle row \(i + 1) has \(judgments.count) entries, expected \(n - 1 - i)")
            }
            for (offset, value) in judgments.enumerated() {
                guard value.isFinite, value > 0 else {
                    throw .pairwiseNonPositive(row: i + 1, column: i + 2 + offset, value: value)
                }
                rows[i][i + 1 + offset] = value
                rows[i + 1 + offset][i] = 1 / value
            }
        }
        try self.init(rows)
    }

    /// Entry `a_ij` (0-based).
    public subscript(i: Int, j: Int) -> Double { matrix[i, j] }
}

import CLAPACK

/// The triangular factor `R` of a tall matrix `A = Q·R` that arrives a block of rows at a time,
/// so that memory holds `R` and one block, never `A` (tall-skinny QR, TSQR: Demmel, Grigori,
/// Hoemmen and Langou, *Communication-optimal parallel and sequential QR and LU
/// factorizations*, SIAM J. Sci. Comput. 34, 2012).
///
/// Each ``append(rows:columnMajor:)`` stacks the current `R` on top of the new block and factors
/// the stack with Householder QR (LAPACK `dgeqrf`); the `R` of the stack is the `R` of every row
/// seen so far, because `[R; B] = [Q₀ᵀ 0; 0 I]·[A₀; B]`. `Q` is not kept. The result equals the
/// `R` of a one-shot QR up to the signs of its rows and rounding of the same order.
///
/// ```swift
/// var qr = RowwiseQR(columns: 3)
/// for block in blocks { try qr.append(rows: block.count / 3, columnMajor: block) }
/// let r = qr.r   // 3 × 3, upper triangular
/// ```
public struct RowwiseQR: Sendable {
    /// Columns of the matrix being factored.
    public let columns: Int
    /// Rows appended so far.
    public private(set) var rowCount = 0
    /// The current `R`, column-major `columns × columns` (rows beyond `rowCount` are zero).
    private var triangle: [Double]

    /// An empty factorization of a matrix with `columns` columns.
    public init(columns: Int) {
        self.columns = max(0, columns)
        triangle = [Double](repeating: 0, count: self.columns * self.columns)
    }

    /// Appends `rows` rows given column by column (`block[i + j·rows]` is row `i`, column `j`).
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when `block` does not hold
    ///   `rows × columns` values, ``LinearAlgebraError/nonFinite(_:)`` for NaN or infinite values
    ///   (in the block, or produced by overflow in the factorization).
    public mutating func append(rows: Int, columnMajor block: [Double]) throws {
        guard rows >= 0, block.count == rows * columns else {
            throw LinearAlgebraError.dimensionMismatch("a block of \(rows) rows × \(columns) columns needs \(rows * columns) values, got \(block.count)")
        }
        guard rows > 0, columns > 0 else { rowCount += rows; return }
        if block.contains(where: { !$0.isFinite }) {
            throw LinearAlgebraError.nonFinite("QR factorization (a value of the appended block is not finite)")
        }
        // The stack [R; block]: only the first min(rowCount, columns) rows of R can be non-zero.
        let top = min(rowCount, columns)
        let height = top + rows
        var stack = [Double](repeating: 0, count: height * columns)
        for j in 0..<columns {
            for i in 0..<min(top, j + 1) { stack[i + j * height] = triangle[i + j * columns] }
            for i in 0..<rows { stack[top + i + j * height] = block[i + j * rows] }
        }
        var tau = [Double](repeating: 0, count: min(height, columns))
        let (m, n, lda) = (try LAPACK.int(height), try LAPACK.int(columns), try LAPACK.leadingDimension(height))
        let lwork = try LAPACK.workspaceSize({ work in
            LAPACKE_dgeqrf_work(LAPACK.columnMajor, m, n, &stack, lda, &tau, work, -1)
        }, routine: "dgeqrf")
        var work = [Double](repeating: 0, count: lwork)
        let info = LAPACKE_dgeqrf_work(LAPACK.columnMajor, m, n, &stack, lda, &tau, &work, try LAPACK.int(lwork))
        try LAPACK.check(info, routine: "dgeqrf")
        for j in 0..<columns {
            for i in 0..<columns { triangle[i + j * columns] = i <= j && i < height ? stack[i + j * height] : 0 }
        }
        if triangle.contains(where: { !$0.isFinite }) {
            throw LinearAlgebraError.nonFinite("QR factorization (the values are too large to factor without overflow)")
        }
        rowCount += rows
    }

    /// The `columns × columns` upper-triangular factor of every row appended so far (rows beyond
    /// the number of rows appended are zero).
    public var r: Matrix {
        var matrix = Matrix(rows: columns, columns: columns)
        matrix.elements = triangle
        return matrix
    }
}

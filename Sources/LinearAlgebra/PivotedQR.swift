import CLAPACK

/// QR factorization with column pivoting, `A·P = Q·R`, through LAPACK `dgeqp3`.
///
/// Householder QR with column pivoting orders the columns so that `|R[0,0]| ≥ |R[1,1]| ≥ …`,
/// which reveals the numerical rank: the rank is the number of diagonal elements of `R` above a
/// cutoff relative to `|R[0,0]|` (see ``rank(relativeTolerance:)``). `Q` is kept implicitly as
/// Householder reflectors and applied with `dormqr`.
public struct PivotedQR: Sendable {
    /// Rows of the factored matrix.
    public let rows: Int
    /// Columns of the factored matrix.
    public let columns: Int
    /// `dgeqp3`'s output: `R` on and above the diagonal, the reflectors below it.
    private let factors: Matrix
    private let tau: [Double]
    /// The column permutation, 0-based: column `k` of `A·P` is column `permutation[k]` of `A`.
    public let permutation: [Int]

    /// Factors `matrix`.
    /// - Throws: ``LinearAlgebraError/nonFinite(_:)`` for NaN or infinite elements.
    public init(_ matrix: Matrix) throws {
        try matrix.requireFinite("QR factorization")
        rows = matrix.rows
        columns = matrix.columns
        var a = matrix
        var pivots = [clapack_int](repeating: 0, count: matrix.columns)
        var tau = [Double](repeating: 0, count: Swift.min(matrix.rows, matrix.columns))
        if !tau.isEmpty {
            let (m, n, lda) = (try LAPACK.int(rows), try LAPACK.int(columns), try LAPACK.leadingDimension(rows))
            let lwork = try LAPACK.workspaceSize({ work in
                LAPACKE_dgeqp3_work(LAPACK.columnMajor, m, n, &a.elements, lda, &pivots, &tau, work, -1)
            }, routine: "dgeqp3")
            var work = [Double](repeating: 0, count: lwork)
            let info = LAPACKE_dgeqp3_work(LAPACK.columnMajor, m, n, &a.elements, lda, &pivots, &tau, &work, try LAPACK.int(lwork))
            try LAPACK.check(info, routine: "dgeqp3")
            permutation = pivots.map { Int($0) - 1 }
        } else {
            permutation = Array(0..<matrix.columns)
        }
        factors = a
        self.tau = tau
    }

    /// The upper-trapezoidal factor `R`, `min(rows, columns)` × `columns`.
    public var r: Matrix {
        let k = Swift.min(rows, columns)
        var result = Matrix(rows: k, columns: columns)
        for j in 0..<columns {
            for i in 0...Swift.min(j, k - 1) where k > 0 { result[i, j] = factors[i, j] }
        }
        return result
    }

    /// The absolute diagonal of `R`, non-increasing by construction of the pivoting.
    public var rDiagonal: [Double] { factors.diagonal.map(abs) }

    /// Numerical rank: the number of diagonal elements of `R` with `|R[k,k]| > relativeTolerance · |R[0,0]|`.
    ///
    /// A matrix of all zeros has rank 0.
    public func rank(relativeTolerance: Double) -> Int {
        let diagonal = rDiagonal
        guard let largest = diagonal.first, largest > 0 else { return 0 }
        return diagonal.prefix { $0 > relativeTolerance * largest }.count
    }

    /// `Qᵀ·b` through `dormqr`, for a vector of length `rows`.
    public func qTransposed(times b: [Double]) throws -> [Double] {
        try applyQ(b, transpose: true)
    }

    /// `Q·b` through `dormqr`, for a vector of length `rows`.
    public func q(times b: [Double]) throws -> [Double] {
        try applyQ(b, transpose: false)
    }

    private func applyQ(_ b: [Double], transpose: Bool) throws -> [Double] {
        guard b.count == rows else {
            throw LinearAlgebraError.dimensionMismatch("vector has \(b.count) elements, the matrix \(rows) rows")
        }
        var c = b
        guard !tau.isEmpty else { return c }
        let (m, k, lda) = (try LAPACK.int(rows), try LAPACK.int(tau.count), try LAPACK.leadingDimension(rows))
        let trans = LAPACK.flag(transpose ? "T" : "N")
        let lwork = try LAPACK.workspaceSize({ work in
            LAPACKE_dormqr_work(LAPACK.columnMajor, LAPACK.flag("L"), trans, m, 1, k, factors.elements, lda, tau, &c, m, work, -1)
        }, routine: "dormqr")
        var work = [Double](repeating: 0, count: lwork)
        let info = LAPACKE_dormqr_work(LAPACK.columnMajor, LAPACK.flag("L"), trans, m, 1, k,
                                       factors.elements, lda, tau, &c, m, &work, try LAPACK.int(lwork))
        try LAPACK.check(info, routine: "dormqr")
        return c
    }

    /// The basic least-squares solution of `A·x ≈ b` that uses the leading `rank` pivoted columns
    /// and sets the coefficients of the other columns to zero.
    ///
    /// Solves `R₁₁·z = (Qᵀb)[0..<rank]` by back substitution and scatters `z` through the permutation.
    public func solveLeastSquares(_ b: [Double], rank: Int) throws -> [Double] {
        guard rank >= 0, rank <= Swift.min(rows, columns) else {
            throw LinearAlgebraError.dimensionMismatch("rank \(rank) is outside 0...\(Swift.min(rows, columns))")
        }
        let qtb = try qTransposed(times: b)
        let z = try solveUpperTriangular(Array(qtb.prefix(rank)))
        var x = [Double](repeating: 0, count: columns)
        for (k, value) in z.enumerated() { x[permutation[k]] = value }
        return x
    }

    /// Solves `R₁₁·z = c`, or `R₁₁ᵀ·z = c` when `transposed`, where `R₁₁` is the leading
    /// `c.count`×`c.count` block of `R` (`dtrtrs`).
    /// - Throws: ``LinearAlgebraError/singular(routine:pivot:)`` when a diagonal element is zero.
    public func solveUpperTriangular(_ c: [Double], transposed: Bool = false) throws -> [Double] {
        var z = c
        guard !z.isEmpty else { return z }
        let n = try LAPACK.int(c.count)
        let info = LAPACKE_dtrtrs_work(LAPACK.columnMajor, LAPACK.flag("U"), LAPACK.flag(transposed ? "T" : "N"), LAPACK.flag("N"),
                                       n, 1, factors.elements, try LAPACK.leadingDimension(rows), &z, n)
        try LAPACK.check(info, routine: "dtrtrs")
        if info > 0 { throw LinearAlgebraError.singular(routine: "dtrtrs", pivot: Int(info)) }
        return z
    }

    /// The inverse of the leading `rank`×`rank` block `R₁₁` (upper triangular, `dtrtri`), used for
    /// the covariance `(R₁₁ᵀR₁₁)⁻¹ = R₁₁⁻¹R₁₁⁻ᵀ` without forming a cross-product matrix.
    public func inverseOfLeadingR(rank: Int) throws -> Matrix {
        guard rank >= 0, rank <= Swift.min(rows, columns) else {
            throw LinearAlgebraError.dimensionMismatch("rank \(rank) is outside 0...\(Swift.min(rows, columns))")
        }
        var block = Matrix(rows: rank, columns: rank)
        for j in 0..<rank { for i in 0...j { block[i, j] = factors[i, j] } }
        guard rank > 0 else { return block }
        let n = try LAPACK.int(rank)
        let info = LAPACKE_dtrtri_work(LAPACK.columnMajor, LAPACK.flag("U"), LAPACK.flag("N"), n, &block.elements, n)
        try LAPACK.check(info, routine: "dtrtri")
        if info > 0 { throw LinearAlgebraError.singular(routine: "dtrtri", pivot: Int(info)) }
        return block
    }

    /// Estimate of the reciprocal 1-norm condition number of `R₁₁` (`dtrcon`), in `[0, 1]`:
    /// near 0 means ill conditioned. Its reciprocal estimates the condition of the pivoted columns.
    public func reciprocalConditionOfLeadingR(rank: Int) throws -> Double {
        guard rank > 0, rank <= Swift.min(rows, columns) else { return 0 }
        let n = try LAPACK.int(rank)
        var rcond = 0.0
        var work = [Double](repeating: 0, count: 3 * rank)
        var iwork = [clapack_int](repeating: 0, count: rank)
        let info = LAPACKE_dtrcon_work(LAPACK.columnMajor, LAPACK.flag("1"), LAPACK.flag("U"), LAPACK.flag("N"),
                                       n, factors.elements, try LAPACK.leadingDimension(rows), &rcond, &work, &iwork)
        try LAPACK.check(info, routine: "dtrcon")
        return rcond
    }
}

import CLAPACK

/// Thin singular value decomposition `A = U·diag(σ)·Vᵀ` through LAPACK `dgesdd` (divide and conquer).
///
/// With `k = min(rows, columns)`: `u` is `rows`×`k`, `singularValues` has `k` non-increasing,
/// non-negative values, `vTransposed` is `k`×`columns`.
public struct SingularValueDecomposition: Sendable {
    /// Left singular vectors (columns), `rows`×`k`.
    public let u: Matrix
    /// Singular values, non-increasing.
    public let singularValues: [Double]
    /// Right singular vectors as rows, `k`×`columns`.
    public let vTransposed: Matrix

    /// Decomposes `matrix`.
    /// - Throws: ``LinearAlgebraError/nonFinite(_:)`` for NaN or infinite input,
    ///   ``LinearAlgebraError/noConvergence(routine:detail:)`` when the bidiagonal iteration fails.
    public init(_ matrix: Matrix) throws {
        try matrix.requireFinite("singular value decomposition")
        let (rows, columns) = (matrix.rows, matrix.columns)
        let k = Swift.min(rows, columns)
        var a = matrix
        var s = [Double](repeating: 0, count: k)
        var u = Matrix(rows: rows, columns: k)
        var vt = Matrix(rows: k, columns: columns)
        if k > 0 {
            let (m, n) = (try LAPACK.int(rows), try LAPACK.int(columns))
            let (lda, ldu, ldvt) = (try LAPACK.leadingDimension(rows), try LAPACK.leadingDimension(rows), try LAPACK.leadingDimension(k))
            var iwork = [clapack_int](repeating: 0, count: 8 * k)
            let lwork = try LAPACK.workspaceSize({ work in
                LAPACKE_dgesdd_work(LAPACK.columnMajor, LAPACK.flag("S"), m, n, &a.elements, lda, &s,
                                    &u.elements, ldu, &vt.elements, ldvt, work, -1, &iwork)
            }, routine: "dgesdd")
            var work = [Double](repeating: 0, count: lwork)
            let info = LAPACKE_dgesdd_work(LAPACK.columnMajor, LAPACK.flag("S"), m, n, &a.elements, lda, &s,
                                           &u.elements, ldu, &vt.elements, ldvt, &work, try LAPACK.int(lwork), &iwork)
            try LAPACK.check(info, routine: "dgesdd")
            if info > 0 {
                throw LinearAlgebraError.noConvergence(routine: "dgesdd", detail: "the bidiagonal SVD iteration failed to converge")
            }
        }
        self.u = u
        self.singularValues = s
        self.vTransposed = vt
    }

    /// Numerical rank: the number of singular values with `σₖ > relativeTolerance · σ₀`.
    public func rank(relativeTolerance: Double) -> Int {
        guard let largest = singularValues.first, largest > 0 else { return 0 }
        return singularValues.prefix { $0 > relativeTolerance * largest }.count
    }

    /// The 2-norm condition number `σ_max / σ_min` (infinite when `σ_min = 0`).
    public var conditionNumber: Double {
        guard let largest = singularValues.first, let smallest = singularValues.last else { return 0 }
        return smallest > 0 ? largest / smallest : .infinity
    }

    /// The minimum-norm least-squares solution `x = V·diag(1/σ)·Uᵀ·b`, with singular values at or
    /// below `relativeTolerance · σ₀` treated as zero.
    public func solveLeastSquares(_ b: [Double], relativeTolerance: Double) throws -> [Double] {
        let rank = rank(relativeTolerance: relativeTolerance)
        var coefficients = try u.multiplied(by: b, transpose: .transposed)
        for i in coefficients.indices { coefficients[i] = i < rank ? coefficients[i] / singularValues[i] : 0 }
        return try vTransposed.multiplied(by: coefficients, transpose: .transposed)
    }
}

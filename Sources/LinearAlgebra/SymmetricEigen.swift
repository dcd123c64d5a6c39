import CLAPACK

/// Eigen decomposition `A = V·diag(λ)·Vᵀ` of a real symmetric matrix (LAPACK `dsyevr`, MRRR).
///
/// Only the lower triangle of the input is read. Eigenvalues are ascending; the columns of
/// `vectors` are the orthonormal eigenvectors in the same order.
public struct SymmetricEigen: Sendable {
    /// Eigenvalues in ascending order.
    public let values: [Double]
    /// Orthonormal eigenvectors as columns.
    public let vectors: Matrix

    /// Decomposes `matrix`.
    /// - Throws: ``LinearAlgebraError/noConvergence(routine:detail:)`` on an internal failure of the algorithm.
    public init(_ matrix: Matrix) throws {
        try matrix.requireSquare("symmetric eigen decomposition")
        try matrix.requireFinite("symmetric eigen decomposition")
        let size = matrix.rows
        var a = matrix
        var w = [Double](repeating: 0, count: size)
        var z = Matrix(rows: size, columns: size)
        if size > 0 {
            let n = try LAPACK.int(size)
            var found: clapack_int = 0
            var support = [clapack_int](repeating: 0, count: 2 * size)
            var iworkQuery: clapack_int = 0
            var workQuery = 0.0
            let queryInfo = LAPACKE_dsyevr_work(LAPACK.columnMajor, LAPACK.flag("V"), LAPACK.flag("A"), LAPACK.flag("L"), n,
                                                &a.elements, n, 0, 0, 0, 0, 0, &found, &w, &z.elements, n, &support,
                                                &workQuery, -1, &iworkQuery, -1)
            try LAPACK.check(queryInfo, routine: "dsyevr")
            var work = [Double](repeating: 0, count: Swift.max(1, Int(workQuery)))
            var iwork = [clapack_int](repeating: 0, count: Swift.max(1, Int(iworkQuery)))
            let info = LAPACKE_dsyevr_work(LAPACK.columnMajor, LAPACK.flag("V"), LAPACK.flag("A"), LAPACK.flag("L"), n,
                                           &a.elements, n, 0, 0, 0, 0, 0, &found, &w, &z.elements, n, &support,
                                           &work, try LAPACK.int(work.count), &iwork, try LAPACK.int(iwork.count))
            try LAPACK.check(info, routine: "dsyevr")
            if info > 0 {
                throw LinearAlgebraError.noConvergence(routine: "dsyevr", detail: "internal error \(info) in the MRRR algorithm")
            }
        }
        values = w
        vectors = z
    }
}

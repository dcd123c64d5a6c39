import CLAPACK

/// Eigenvalues and right eigenvectors of a general real square matrix (LAPACK `dgeev`).
///
/// Complex eigenvalues come in conjugate pairs. Following LAPACK, for a pair `(j, j+1)` the
/// eigenvectors are `v_j = vectors[:, j] ± i·vectors[:, j+1]`; for a real eigenvalue `j`,
/// `vectors[:, j]` is the eigenvector, normalized to Euclidean norm 1 with largest component real.
public struct GeneralEigen: Sendable {
    /// Real parts of the eigenvalues, in LAPACK's order.
    public let realParts: [Double]
    /// Imaginary parts of the eigenvalues (0 for real eigenvalues).
    public let imaginaryParts: [Double]
    /// Right eigenvectors in LAPACK's packed real form (see the type's description).
    public let vectors: Matrix

    /// Decomposes `matrix`.
    /// - Throws: ``LinearAlgebraError/noConvergence(routine:detail:)`` when the QR algorithm fails.
    public init(_ matrix: Matrix) throws {
        try matrix.requireSquare("eigen decomposition")
        try matrix.requireFinite("eigen decomposition")
        let size = matrix.rows
        var a = matrix
        var wr = [Double](repeating: 0, count: size)
        var wi = [Double](repeating: 0, count: size)
        var vr = Matrix(rows: size, columns: size)
        if size > 0 {
            let n = try LAPACK.int(size)
            var unusedLeft = 0.0
            let lwork = try LAPACK.workspaceSize({ work in
                LAPACKE_dgeev_work(LAPACK.columnMajor, LAPACK.flag("N"), LAPACK.flag("V"), n, &a.elements, n, &wr, &wi,
                                   &unusedLeft, 1, &vr.elements, n, work, -1)
            }, routine: "dgeev")
            var work = [Double](repeating: 0, count: lwork)
            let info = LAPACKE_dgeev_work(LAPACK.columnMajor, LAPACK.flag("N"), LAPACK.flag("V"), n, &a.elements, n, &wr, &wi,
                                          &unusedLeft, 1, &vr.elements, n, &work, try LAPACK.int(lwork))
            try LAPACK.check(info, routine: "dgeev")
            if info > 0 {
                throw LinearAlgebraError.noConvergence(
                    routine: "dgeev", detail: "the QR algorithm computed only eigenvalues \(info + 1)...\(size)")
            }
        }
        realParts = wr
        imaginaryParts = wi
        vectors = vr
    }

    /// The index of the eigenvalue with the largest real part among the real eigenvalues
    /// (the Perron root of a positive matrix), or `nil` when no eigenvalue is real.
    ///
    /// An eigenvalue counts as real when `|Im λ| ≤ tolerance · max(1, |Re λ|)`.
    public func indexOfLargestRealEigenvalue(tolerance: Double = 1e-10) -> Int? {
        realParts.indices
            .filter { abs(imaginaryParts[$0]) <= tolerance * Swift.max(1, abs(realParts[$0])) }
            .max { realParts[$0] < realParts[$1] }
    }
}

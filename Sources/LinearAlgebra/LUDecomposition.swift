import CLAPACK

/// LU factorization with partial pivoting, `P·A = L·U`, of a square matrix (LAPACK `dgetrf`),
/// for solving linear systems and estimating their condition.
public struct LUDecomposition: Sendable {
    private let factors: Matrix
    private let pivots: [clapack_int]
    /// Estimate of the reciprocal 1-norm condition number `1 / (‖A‖₁·‖A⁻¹‖₁)` (`dgecon`), in `[0, 1]`.
    public let reciprocalCondition: Double

    /// Factors `matrix`.
    /// - Throws: ``LinearAlgebraError/singular(routine:pivot:)`` when a pivot is exactly zero.
    public init(_ matrix: Matrix) throws {
        try matrix.requireSquare("LU factorization")
        try matrix.requireFinite("LU factorization")
        var a = matrix
        let size = matrix.rows
        var ipiv = [clapack_int](repeating: 0, count: size)
        var rcond = 1.0
        if size > 0 {
            let n = try LAPACK.int(size)
            var normWork = [Double](repeating: 0, count: size)
            let anorm = LAPACKE_dlange_work(LAPACK.columnMajor, LAPACK.flag("1"), n, n, matrix.elements, n, &normWork)
            let info = LAPACKE_dgetrf_work(LAPACK.columnMajor, n, n, &a.elements, n, &ipiv)
            try LAPACK.check(info, routine: "dgetrf")
            if info > 0 { throw LinearAlgebraError.singular(routine: "dgetrf", pivot: Int(info)) }
            var work = [Double](repeating: 0, count: 4 * size)
            var iwork = [clapack_int](repeating: 0, count: size)
            let conInfo = LAPACKE_dgecon_work(LAPACK.columnMajor, LAPACK.flag("1"), n, a.elements, n, anorm, &rcond, &work, &iwork)
            try LAPACK.check(conInfo, routine: "dgecon")
        }
        factors = a
        pivots = ipiv
        reciprocalCondition = rcond
    }

    /// Solves `A·X = B` for every column of `B` (`dgetrs`).
    public func solve(_ b: Matrix) throws -> Matrix {
        guard b.rows == factors.rows else {
            throw LinearAlgebraError.dimensionMismatch("right-hand side has \(b.rows) rows, the matrix \(factors.rows)")
        }
        var x = b
        guard x.rows > 0, x.columns > 0 else { return x }
        let n = try LAPACK.int(factors.rows)
        let info = LAPACKE_dgetrs_work(LAPACK.columnMajor, LAPACK.flag("N"), n, try LAPACK.int(b.columns),
                                       factors.elements, n, pivots, &x.elements, n)
        try LAPACK.check(info, routine: "dgetrs")
        return x
    }

    /// Solves `A·x = b`.
    public func solve(_ b: [Double]) throws -> [Double] {
        try solve(Matrix(rows: b.count, columns: 1, columnMajor: b)).elements
    }
}

extension Matrix {
    /// Solves the square system `self·x = b`.
    ///
    /// - Throws: ``LinearAlgebraError/singular(routine:pivot:)`` when the matrix is exactly singular,
    ///   ``LinearAlgebraError/illConditioned(reciprocalCondition:)`` when its reciprocal condition
    ///   number is below machine epsilon, so that the solution would carry no correct digit.
    public func solve(_ b: [Double]) throws -> [Double] {
        let lu = try LUDecomposition(self)
        guard lu.reciprocalCondition >= Double.ulpOfOne else {
            throw LinearAlgebraError.illConditioned(reciprocalCondition: lu.reciprocalCondition)
        }
        return try lu.solve(b)
    }
}

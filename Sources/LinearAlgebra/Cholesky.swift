import CLAPACK
import Foundation

/// Cholesky factorization `A = L·Lᵀ` of a symmetric positive-definite matrix (LAPACK `dpotrf`).
///
/// Only the lower triangle of the input is read.
public struct Cholesky: Sendable {
    /// The lower-triangular factor `L` (upper triangle zero).
    public let lower: Matrix

    /// Factors `matrix`.
    /// - Throws: ``LinearAlgebraError/notPositiveDefinite(order:)`` when a leading minor is not positive.
    public init(_ matrix: Matrix) throws {
        try matrix.requireSquare("Cholesky factorization")
        try matrix.requireFinite("Cholesky factorization")
        var a = matrix
        if a.rows > 0 {
            let n = try LAPACK.int(a.rows)
            let info = LAPACKE_dpotrf_work(LAPACK.columnMajor, LAPACK.flag("L"), n, &a.elements, n)
            try LAPACK.check(info, routine: "dpotrf")
            if info > 0 { throw LinearAlgebraError.notPositiveDefinite(order: Int(info)) }
        }
        a.zeroUpperTriangle()
        lower = a
    }

    /// Solves `A·x = b` with the factor (`dpotrs`).
    public func solve(_ b: [Double]) throws -> [Double] {
        guard b.count == lower.rows else {
            throw LinearAlgebraError.dimensionMismatch("right-hand side has \(b.count) elements, the matrix \(lower.rows) rows")
        }
        var x = b
        guard !x.isEmpty else { return x }
        let n = try LAPACK.int(lower.rows)
        let info = LAPACKE_dpotrs_work(LAPACK.columnMajor, LAPACK.flag("L"), n, 1, lower.elements, n, &x, n)
        try LAPACK.check(info, routine: "dpotrs")
        return x
    }

    /// `log(det A) = 2·Σ log Lᵢᵢ`, computed without overflow.
    public var logDeterminant: Double { 2 * lower.diagonal.reduce(0) { $0 + log($1) } }
}

extension Matrix {
    /// Sets every element above the diagonal to zero.
    mutating func zeroUpperTriangle() {
        for j in 0..<columns {
            for i in 0..<Swift.min(j, rows) { self[i, j] = 0 }
        }
    }
}

import CLAPACK

/// Whether an operand enters a product as it is or transposed.
public enum Transpose: Sendable {
    case none, transposed

    var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
}

extension Matrix {
    /// General matrix product `alpha · op(self) · op(other)` through BLAS `dgemm`.
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when the inner dimensions differ.
    public func multiplied(
        by other: Matrix, transposeSelf: Transpose = .none, transposeOther: Transpose = .none, alpha: Double = 1
    ) throws -> Matrix {
        let (m, k) = transposeSelf == .none ? (rows, columns) : (columns, rows)
        let (k2, n) = transposeOther == .none ? (other.rows, other.columns) : (other.columns, other.rows)
        guard k == k2 else {
            throw LinearAlgebraError.dimensionMismatch("cannot multiply \(m)×\(k) by \(k2)×\(n)")
        }
        var result = Matrix(rows: m, columns: n)
        guard m > 0, n > 0, k > 0 else { return result }
        let (mm, nn, kk) = (try LAPACK.int(m), try LAPACK.int(n), try LAPACK.int(k))
        let (lda, ldb, ldc) = (try LAPACK.leadingDimension(rows), try LAPACK.leadingDimension(other.rows), try LAPACK.leadingDimension(m))
        elements.withUnsafeBufferPointer { a in
            other.elements.withUnsafeBufferPointer { b in
                result.elements.withUnsafeMutableBufferPointer { c in
                    cblas_dgemm(CblasColMajor, transposeSelf.cblas, transposeOther.cblas, mm, nn, kk,
                                alpha, a.baseAddress, lda, b.baseAddress, ldb, 0, c.baseAddress, ldc)
                }
            }
        }
        return result
    }

    /// Matrix–vector product `alpha · op(self) · vector` through BLAS `dgemv`.
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when `vector` has the wrong length.
    public func multiplied(by vector: [Double], transpose: Transpose = .none, alpha: Double = 1) throws -> [Double] {
        let (outputLength, inputLength) = transpose == .none ? (rows, columns) : (columns, rows)
        guard vector.count == inputLength else {
            throw LinearAlgebraError.dimensionMismatch(
                "cannot multiply a \(transpose == .none ? "\(rows)×\(columns)" : "\(columns)×\(rows)") matrix by a vector of length \(vector.count)")
        }
        var result = [Double](repeating: 0, count: outputLength)
        guard outputLength > 0, inputLength > 0 else { return result }
        let (m, n, lda) = (try LAPACK.int(rows), try LAPACK.int(columns), try LAPACK.leadingDimension(rows))
        elements.withUnsafeBufferPointer { a in
            vector.withUnsafeBufferPointer { x in
                result.withUnsafeMutableBufferPointer { y in
                    cblas_dgemv(CblasColMajor, transpose.cblas, m, n, alpha, a.baseAddress, lda, x.baseAddress, 1, 0, y.baseAddress, 1)
                }
            }
        }
        return result
    }

    /// The Gram matrix `alpha · selfᵀ · self` (symmetric, both triangles filled) through BLAS `dsyrk`.
    ///
    /// Meant for covariance-type products; least-squares code in Foresight never forms `XᵀX`
    /// to solve a system.
    public func gram(alpha: Double = 1) throws -> Matrix {
        var result = Matrix(rows: columns, columns: columns)
        guard rows > 0, columns > 0 else { return result }
        let (n, k, lda, ldc) = (try LAPACK.int(columns), try LAPACK.int(rows), try LAPACK.leadingDimension(rows), try LAPACK.leadingDimension(columns))
        elements.withUnsafeBufferPointer { a in
            result.elements.withUnsafeMutableBufferPointer { c in
                cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, n, k, alpha, a.baseAddress, lda, 0, c.baseAddress, ldc)
            }
        }
        result.mirrorUpperTriangle()
        return result
    }

    /// Copies the upper triangle onto the lower one.
    mutating func mirrorUpperTriangle() {
        for j in 0..<columns {
            for i in (j + 1)..<Swift.max(j + 1, rows) { self[i, j] = self[j, i] }
        }
    }

    /// Sets every element below the diagonal to zero.
    mutating func zeroLowerTriangle() {
        for j in 0..<columns {
            for i in (j + 1)..<Swift.max(j + 1, rows) { self[i, j] = 0 }
        }
    }
}

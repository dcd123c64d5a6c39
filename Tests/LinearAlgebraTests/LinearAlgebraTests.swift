import Foundation
import LinearAlgebra
import Numerics
import Testing

// References: closed-form results (noted per test) and values computed with numpy 2.4 / scipy 1.17
// (`numpy.linalg.svd`, `numpy.linalg.eigvalsh`) on the same matrices.

private func expectClose(_ a: [Double], _ b: [Double], relative: Double = 1e-13, absolute: Double = 1e-14,
                         sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.count == b.count, sourceLocation: sourceLocation)
    for (x, y) in zip(a, b) {
        #expect(x.isApproximatelyEqual(to: y, absoluteTolerance: absolute, relativeTolerance: relative),
                "\(x) vs \(y)", sourceLocation: sourceLocation)
    }
}

private func hilbert(_ n: Int) throws -> Matrix {
    try Matrix(rowMajor: (0..<n).map { i in (0..<n).map { j in 1 / Double(i + j + 1) } })
}

@Suite struct MatrixTests {
    @Test func columnMajorLayout() throws {
        let m = try Matrix(rowMajor: [[1, 2, 3], [4, 5, 6]])
        #expect(m.elements == [1, 4, 2, 5, 3, 6])
        #expect(m[1, 2] == 6)
        #expect(m.transposed.rowMajor == [[1, 4], [2, 5], [3, 6]])
        #expect(m.column(1) == [2, 5])
        #expect(m.row(0) == [1, 2, 3])
    }

    @Test func raggedRowsAreRejected() {
        #expect(throws: LinearAlgebraError.self) { try Matrix(rowMajor: [[1, 2], [3]]) }
        #expect(throws: LinearAlgebraError.self) { try Matrix(rows: 2, columns: 2, columnMajor: [1, 2, 3]) }
    }

    @Test func productsMatchHandComputation() throws {
        let a = try Matrix(rowMajor: [[1, 2], [3, 4], [5, 6]])
        let b = try Matrix(rowMajor: [[7, 8, 9], [10, 11, 12]])
        #expect(try a.multiplied(by: b).rowMajor == [[27, 30, 33], [61, 68, 75], [95, 106, 117]])
        #expect(try a.multiplied(by: a, transposeSelf: .transposed).rowMajor == [[35, 44], [44, 56]])
        #expect(try a.gram().rowMajor == [[35, 44], [44, 56]])
        #expect(try a.multiplied(by: [1, -1]) == [-1, -1, -1])
        #expect(try a.multiplied(by: [1, 0, -1], transpose: .transposed) == [-4, -4])
        #expect(throws: LinearAlgebraError.self) { try a.multiplied(by: a) }
        #expect(throws: LinearAlgebraError.self) { try a.multiplied(by: [1, 2, 3]) }
    }
}

@Suite struct FactorizationTests {
    @Test func singularValuesOfHilbertMatchNumpy() throws {
        let hilbert5 = try hilbert(5)
        let svd = try SingularValueDecomposition(hilbert5)
        expectClose(svd.singularValues, [1.5670506910982309e+00, 2.0853421861101340e-01, 1.1407491623419804e-02,
                                         3.0589804015118606e-04, 3.2879287721716928e-06], relative: 1e-11)
        #expect(svd.conditionNumber.isApproximatelyEqual(to: 1.5670506910982309 / 3.2879287721716928e-06, relativeTolerance: 1e-10))
        // U·diag(σ)·Vᵀ reconstructs the matrix.
        var us = svd.u
        for j in 0..<5 { for i in 0..<5 { us[i, j] *= svd.singularValues[j] } }
        expectClose(try us.multiplied(by: svd.vTransposed).elements, hilbert5.elements, relative: 1e-12, absolute: 1e-14)
    }

    @Test func pivotedQRRevealsRank() throws {
        // Third column = first + second: rank 2.
        let a = try Matrix(rowMajor: [[1, 0, 1], [0, 1, 1], [1, 1, 2], [2, 1, 3]])
        let qr = try PivotedQR(a)
        #expect(qr.rank(relativeTolerance: 1e-12) == 2)
        #expect(Set(qr.permutation) == [0, 1, 2])
        // Least squares on a consistent full-rank system returns the exact solution.
        let b = try Matrix(rowMajor: [[1, 2], [3, 4], [5, 7]])
        let x = try PivotedQR(b).solveLeastSquares([5, 11, 19], rank: 2)
        expectClose(x, [1, 2])
    }

    @Test func choleskyMatchesNumpyAndDetectsIndefiniteMatrices() throws {
        let a = try Matrix(rowMajor: [[4, 1, 2], [1, 3, 0.5], [2, 0.5, 5]])
        let chol = try Cholesky(a)
        expectClose(chol.lower.elements, try Matrix(rowMajor: [[2, 0, 0], [0.5, 1.6583123951777, 0], [1, 0, 2]]).elements)
        expectClose(try chol.solve([7, 4.5, 7.5]), [1, 1, 1])
        let indefinite = try Matrix(rowMajor: [[1, 2], [2, 1]])
        #expect(throws: LinearAlgebraError.notPositiveDefinite(order: 2)) { try Cholesky(indefinite) }
    }

    @Test func symmetricEigenvaluesMatchNumpy() throws {
        let eigen = try SymmetricEigen(try Matrix(rowMajor: [[4, 1, 2], [1, 3, 0.5], [2, 0.5, 5]]))
        expectClose(eigen.values, [2.096521617296718, 3.0722239520050754, 6.831254430698204])
        // The eigenvalues of the n×n second-difference matrix are 2 − 2cos(kπ/(n+1)), k = 1…n.
        let n = 8
        var t = Matrix(rows: n, columns: n)
        for i in 0..<n { t[i, i] = 2; if i > 0 { t[i, i - 1] = -1; t[i - 1, i] = -1 } }
        expectClose(try SymmetricEigen(t).values, (1...n).map { 2 - 2 * cos(Double($0) * .pi / Double(n + 1)) }, absolute: 1e-14)
    }

    @Test func generalEigenvaluesIncludeComplexPairs() throws {
        // Companion matrix of (λ−1)(λ−2)(λ−3).
        let companion = try GeneralEigen(try Matrix(rowMajor: [[0, 1, 0], [0, 0, 1], [6, -11, 6]]))
        expectClose(companion.realParts.sorted(), [1, 2, 3], relative: 1e-12)
        #expect(companion.indexOfLargestRealEigenvalue().map { companion.realParts[$0] }?.isApproximatelyEqual(to: 3, relativeTolerance: 1e-12) == true)
        // A rotation has eigenvalues ±i and no real one.
        let rotation = try GeneralEigen(try Matrix(rowMajor: [[0, -1], [1, 0]]))
        #expect(rotation.imaginaryParts.map(abs) == [1, 1])
        #expect(rotation.indexOfLargestRealEigenvalue() == nil)
    }

    @Test func saatyDrinksPrincipalEigenvalue() throws {
        // Saaty (2008), drinks example: λmax = 7.1766 (shared/mcda/examples.md, E1).
        let a = try Matrix(rowMajor: [
            [1, 9, 5, 2, 1, 1, 0.5], [1.0 / 9, 1, 1.0 / 3, 1.0 / 9, 1.0 / 9, 1.0 / 9, 1.0 / 9],
            [0.2, 3, 1, 1.0 / 3, 0.25, 1.0 / 3, 1.0 / 9], [0.5, 9, 3, 1, 0.5, 1, 1.0 / 3],
            [1, 9, 4, 2, 1, 2, 0.5], [1, 9, 3, 1, 0.5, 1, 1.0 / 3], [2, 9, 9, 3, 2, 3, 1],
        ])
        let eigen = try GeneralEigen(a)
        let index = try #require(eigen.indexOfLargestRealEigenvalue())
        #expect(abs(eigen.realParts[index] - 7.1766) < 5e-5)
    }

    @Test func luSolvesAndReportsSingularity() throws {
        let m = try Matrix(rowMajor: [[3, 2, -1], [2, -2, 4], [-1, 0.5, -1]])
        expectClose(try m.solve([1, -2, 0]), [1, -2, -2], relative: 1e-14, absolute: 1e-14)
        #expect(try LUDecomposition(m).reciprocalCondition.isApproximatelyEqual(to: 0.016666666666666677, relativeTolerance: 0.5))
        let singular = try Matrix(rowMajor: [[1, 2], [2, 4]])
        #expect(throws: LinearAlgebraError.singular(routine: "dgetrf", pivot: 2)) { try singular.solve([1, 2]) }
        let nearlySingular = try Matrix(rowMajor: [[1, 1], [1, 1 + 1e-17 * 3]])
        #expect(throws: LinearAlgebraError.self) { try nearlySingular.solve([1, 2]) }
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteInputIsRejected(_ bad: Double) throws {
        let m = try Matrix(rowMajor: [[1, bad], [0, 1]])
        #expect(throws: LinearAlgebraError.self) { try PivotedQR(m) }
        #expect(throws: LinearAlgebraError.self) { try SingularValueDecomposition(m) }
        #expect(throws: LinearAlgebraError.self) { try LUDecomposition(m) }
        #expect(throws: LinearAlgebraError.self) { try GeneralEigen(m) }
        #expect(throws: LinearAlgebraError.self) { try SymmetricEigen(m) }
        #expect(throws: LinearAlgebraError.self) { try Cholesky(m) }
    }

    @Test func emptyAndNonSquareInputs() throws {
        #expect(try SingularValueDecomposition(Matrix(rows: 0, columns: 3)).singularValues.isEmpty)
        #expect(throws: LinearAlgebraError.self) { try Cholesky(Matrix(rows: 2, columns: 3)) }
        #expect(try PivotedQR(Matrix(rows: 3, columns: 2)).rank(relativeTolerance: 1e-12) == 0)
    }
}

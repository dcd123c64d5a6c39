import LinearAlgebra
import Testing

@Suite struct RowwiseQRTests {
    /// Rows of `a` (row-major) as column-major blocks of `size` rows.
    private func factor(_ a: [[Double]], blockRows size: Int) throws -> Matrix {
        var qr = RowwiseQR(columns: a[0].count)
        var start = 0
        while start < a.count {
            let rows = Array(a[start..<min(a.count, start + size)])
            let block = (0..<a[0].count).flatMap { j in rows.map { $0[j] } }
            try qr.append(rows: rows.count, columnMajor: block)
            start += size
        }
        #expect(qr.rowCount == a.count)
        return qr.r
    }

    /// Classical Gram–Schmidt by hand: a₁ = (3, 4, 0, 0), a₂ = (1, 2, 2, 4) give
    /// r₁₁ = 5, r₁₂ = a₁·a₂/5 = 11/5, r₂₂ = √(‖a₂‖² − r₁₂²) = √(25 − 4.84).
    @Test(arguments: [1, 2, 3, 4]) func matchesGramSchmidtByHand(blockRows: Int) throws {
        let r = try factor([[3, 1], [4, 2], [0, 2], [0, 4]], blockRows: blockRows)
        #expect(abs(abs(r[0, 0]) - 5) < 1e-14)
        #expect(abs(r[0, 1] * (r[0, 0] < 0 ? -1 : 1) - 2.2) < 1e-14)
        #expect(abs(abs(r[1, 1]) - (25 - 4.84).squareRoot()) < 1e-14)
        #expect(r[1, 0] == 0)
    }

    /// RᵀR equals AᵀA (summed directly) for any split into blocks, and R is upper triangular.
    @Test(arguments: [1, 7, 100, 1000]) func gramMatrixIsKept(blockRows: Int) throws {
        var state: UInt64 = 12345
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) - 0.5
        }
        let a = (0..<300).map { i in [1, Double(i) / 300, uniform(), uniform() * 1e3] }
        let r = try factor(a, blockRows: blockRows)
        for i in 0..<4 {
            for j in 0..<4 {
                if i > j { #expect(r[i, j] == 0) }
                let direct = a.reduce(0.0) { $0 + $1[i] * $1[j] }
                let fromR = (0..<4).reduce(0.0) { $0 + r[$1, i] * r[$1, j] }
                let scale = (a.reduce(0.0) { $0 + $1[i] * $1[i] } * a.reduce(0.0) { $0 + $1[j] * $1[j] }).squareRoot()
                #expect(abs(direct - fromR) <= 1e-13 * scale, "element \(i), \(j)")
            }
        }
    }

    @Test func fewerRowsThanColumnsLeavesZeroRows() throws {
        let r = try factor([[0, 0, 2]], blockRows: 1)
        #expect(abs(r[0, 2]) == 2)
        #expect((1..<3).allSatisfy { i in (0..<3).allSatisfy { r[i, $0] == 0 } })
    }

    @Test func badBlocksAreErrors() {
        var qr = RowwiseQR(columns: 2)
        #expect(throws: LinearAlgebraError.self) { try qr.append(rows: 2, columnMajor: [1, 2, 3]) }
        #expect(throws: LinearAlgebraError.self) { try qr.append(rows: 1, columnMajor: [1, .nan]) }
        #expect(throws: LinearAlgebraError.self) { try qr.append(rows: 2, columnMajor: [1.5e308, 1.5e308, 1.5e308, 1.5e308]) }
        #expect(qr.rowCount == 0)
    }
}

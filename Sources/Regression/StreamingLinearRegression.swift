import LinearAlgebra

/// Ordinary least squares over data read in blocks of rows, so that memory holds the `p × p`
/// factor and one block, however many rows there are. The answers are those of
/// ``LinearRegression/fit(_:response:options:)`` (the same inference, the same rank rule on the
/// same scaled columns) up to rounding; ``fitted`` and ``residuals`` of the result are empty.
///
/// Algorithm:
/// 1. first pass: the triangular factor `R` of `[X y]` by tall-skinny QR (``RowwiseQR``), on
///    columns scaled by powers of two taken from the first block (exact, against overflow);
/// 2. columns rescaled exactly to about unit norm from `R`'s column norms (which equal the
///    data's), then `R_X·S⁻¹·P = Q·R₁` by QR with column pivoting (`dgeqp3`), the rank from
///    ``LinearRegressionOptions/rankTolerance`` as in memory, and the solution from `Qᵀ(Rᵀy)`;
/// 3. up to ``LinearRegressionOptions/refinementSteps`` (at least one) further passes of
///    corrected semi-normal equations (Björck, *Numerical Methods for Least Squares Problems*,
///    1996, §6.6.5): `r = y − X·b` and `g = Xᵀr` accumulated in extended precision, then
///    `R₁ᵀR₁·δ = g`; the residual sum of squares of `b + δ` is `‖r‖² − ‖R₁⁻ᵀg‖²` exactly in
///    exact arithmetic. Passes stop early once `δ` is below the rounding of `b`.
///
/// `pass` is called once per pass over the data; it must hand the same rows, in any blocks,
/// each time: the design block column-major (`rows × p`, `design[i + j·rows]`) and the
/// response of those rows.
public enum StreamingLinearRegression {
    /// Visits each block of one pass: `(design, response)`.
    public typealias Visitor = (_ design: [Double], _ response: [Double]) throws -> Void

    /// Fits `response ≈ design · β` from the blocks `pass` gives.
    /// - Parameters:
    ///   - columnNames: one name per design column (the intercept, when present, first and
    ///     named ``DesignMatrix/interceptName``).
    /// - Throws: ``RegressionError`` for inconsistent blocks, non-finite values, fewer rows than
    ///   columns or a numerical failure; whatever `pass` throws (a data error) unchanged.
    public static func fit(
        columnNames: [String], hasIntercept: Bool, options: LinearRegressionOptions = .init(),
        pass: (Visitor) throws -> Void
    ) throws -> LinearRegressionResult {
        try options.validate()
        let p = columnNames.count
        guard p > 0 else { throw RegressionError.invalidDesign("the model has no terms") }

        // Pass 1: R of [X y] on columns prescaled from the first block.
        var prescale: [Int]? = nil
        var qr = RowwiseQR(columns: p + 1)
        var responseSum = ExtendedSum.Wide(0)
        try pass { design, response in
            let rows = response.count
            try requireShape(design, rows: rows, columns: p)
            try requireFinite(design, response, rows: rows, names: columnNames, firstRow: qr.rowCount)
            let exponents = prescale ?? firstBlockExponents(design, response, rows: rows, columns: p)
            if rows > 0 { prescale = exponents }
            var block = [Double](repeating: 0, count: rows * (p + 1))
            for j in 0..<p { for i in 0..<rows { block[i + j * rows] = PowerOfTwo.scale(design[i + j * rows], by: -exponents[j]) } }
            for i in 0..<rows {
                let y = PowerOfTwo.scale(response[i], by: -exponents[p])
                block[i + p * rows] = y
                responseSum += ExtendedSum.Wide(y)
            }
            do { try qr.append(rows: rows, columnMajor: block) } catch {
                throw RegressionError.nonFinite("the data's magnitudes overflow the streamed factorization; fit in memory instead (\(error))")
            }
        }
        let n = qr.rowCount
        guard n >= p else { throw RegressionError.tooFewObservations(observations: n, coefficients: p) }
        let first = prescale ?? [Int](repeating: 0, count: p + 1)

        // Exact rescaling to unit-norm columns, as the in-memory fit scales X and y.
        let stacked = qr.r
        let shifts = (0...p).map { ExtendedSum.normExponent(stacked.column($0)) ?? 0 }
        let exponents = (0..<p).map { first[$0] + shifts[$0] }
        let responseExponent = first[p] + shifts[p]
        var triangle = Matrix(rows: p, columns: p)
        for j in 0..<p { for i in 0...j { triangle[i, j] = PowerOfTwo.scale(stacked[i, j], by: -shifts[j]) } }
        let projected = (0..<p).map { PowerOfTwo.scale(stacked[$0, p], by: -shifts[p]) }

        let factors: PivotedQR
        do { factors = try PivotedQR(triangle) } catch { throw RegressionError.numerical("\(error)") }
        let rank = factors.rank(relativeTolerance: options.rankTolerance)
        let kept = Array(factors.permutation.prefix(rank))
        var solution: [Double]
        do { solution = try factors.solveLeastSquares(projected, rank: rank) } catch { throw RegressionError.numerical("\(error)") }

        // Refinement passes, which also give the residual and total sums of squares.
        let mean = responseSum / ExtendedSum.Wide(n) / ExtendedSum.Wide(PowerOfTwo.scale(1, by: shifts[p]))
        var scaledRSS = 0.0
        var scaledTSS = 0.0
        for step in 0..<max(1, options.refinementSteps) {
            var gradient = [ExtendedSum.Wide](repeating: 0, count: p)
            var rss = ExtendedSum.Wide(0)
            var tss = ExtendedSum.Wide(0)
            try pass { design, response in
                let rows = response.count
                try requireShape(design, rows: rows, columns: p)
                for i in 0..<rows {
                    let y = ExtendedSum.Wide(PowerOfTwo.scale(response[i], by: -responseExponent))
                    var r = y
                    for j in 0..<p where solution[j] != 0 {
                        r -= ExtendedSum.Wide(PowerOfTwo.scale(design[i + j * rows], by: -exponents[j])) * ExtendedSum.Wide(solution[j])
                    }
                    for j in kept { gradient[j] += ExtendedSum.Wide(PowerOfTwo.scale(design[i + j * rows], by: -exponents[j])) * r }
                    rss += r * r
                    let centred = hasIntercept ? y - mean : y
                    tss += centred * centred
                }
            }
            if step == 0 { scaledTSS = Double(tss) }
            guard rank > 0 else { scaledRSS = Double(rss); break }
            let correction: [Double]
            let projection: [Double]
            do {
                projection = try factors.solveUpperTriangular(kept.map { Double(gradient[$0]) }, transposed: true)
                correction = try factors.solveUpperTriangular(projection)
            } catch { throw RegressionError.numerical("\(error)") }
            for (k, column) in kept.enumerated() { solution[column] += correction[k] }
            let explained = projection.reduce(ExtendedSum.Wide(0)) { $0 + ExtendedSum.Wide($1) * ExtendedSum.Wide($1) }
            scaledRSS = max(0, Double(rss - explained))
            let largest = solution.reduce(0) { max($0, abs($1)) }
            if correction.allSatisfy({ abs($0) <= largest * 0x1p-52 }) { break }
        }

        return try LinearRegression.result(
            columnNames: columnNames, hasIntercept: hasIntercept, factors: factors, rank: rank, scaledSolution: solution,
            exponents: exponents, responseExponent: responseExponent, observationCount: n, scaledTSS: scaledTSS,
            scaledRSS: scaledRSS, fitted: [], residuals: [], options: options)
    }

    /// Power-of-two scales from the first block's column norms (the response last).
    private static func firstBlockExponents(_ design: [Double], _ response: [Double], rows: Int, columns p: Int) -> [Int] {
        var exponents: [Int] = []
        for j in 0..<p {
            let column = Array(design[(j * rows)..<((j + 1) * rows)])
            exponents.append(ExtendedSum.normExponent(column) ?? 0)
        }
        exponents.append(ExtendedSum.normExponent(response) ?? 0)
        return exponents
    }

    private static func requireShape(_ design: [Double], rows: Int, columns p: Int) throws {
        guard design.count == rows * p else {
            throw RegressionError.invalidDesign("a block of \(rows) rows has \(design.count) design values, expected \(rows * p)")
        }
    }

    private static func requireFinite(_ design: [Double], _ response: [Double], rows: Int, names: [String], firstRow: Int) throws {
        if let i = response.firstIndex(where: { !$0.isFinite }) {
            throw RegressionError.nonFinite("response value \(firstRow + i + 1) is \(response[i])")
        }
        if let index = design.firstIndex(where: { !$0.isFinite }) {
            throw RegressionError.nonFinite("column '\(names[index / max(1, rows)])', row \(firstRow + index % max(1, rows) + 1) is \(design[index])")
        }
    }
}

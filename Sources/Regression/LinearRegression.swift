import Foundation
import LinearAlgebra
import Probability

/// Options of ``LinearRegression/fit(_:response:options:)``.
public struct LinearRegressionOptions: Sendable, Equatable {
    /// Relative cutoff for the numerical rank.
    ///
    /// The design's columns are first scaled to about unit Euclidean norm (by powers of two), then factored by QR with
    /// column pivoting. A pivoted column `k` is *aliased* (not estimable, reported like R's `NA`)
    /// when `|R[k,k]| ≤ rankTolerance · |R[0,0]|`, that is, when the part of the scaled column
    /// not explained by the columns before it is below `rankTolerance`.
    ///
    /// The default, `1e-12`, keeps every column that a double-precision solve can still
    /// resolve to several digits (a polynomial of degree 10 on a narrow range, whose scaled
    /// condition number is about 5·10⁹, keeps all its columns) while it still catches columns
    /// that are exact linear combinations of others up to rounding (relative size about 10⁻¹⁵).
    /// R's `lm` uses `1e-7` on unscaled columns and declares such polynomials rank deficient.
    public var rankTolerance: Double
    /// Level of the coefficient confidence intervals, in (0, 1).
    public var confidenceLevel: Double
    /// Steps of iterative refinement of the solution and residual together, with the residuals
    /// of the augmented system accumulated in extended precision (`Float80` where the platform
    /// has it). Refinement removes most of the rounding error of ill-conditioned designs.
    public var refinementSteps: Int

    public init(rankTolerance: Double = 1e-12, confidenceLevel: Double = 0.95, refinementSteps: Int = 2) {
        self.rankTolerance = rankTolerance
        self.confidenceLevel = confidenceLevel
        self.refinementSteps = refinementSteps
    }

    /// Checks that every option lies in its domain.
    public func validate() throws {
        guard rankTolerance > 0, rankTolerance < 1 else {
            throw RegressionError.invalidDesign("rank tolerance must lie in (0, 1), got \(rankTolerance)")
        }
        guard confidenceLevel > 0, confidenceLevel < 1 else {
            throw RegressionError.invalidDesign("confidence level must lie in (0, 1), got \(confidenceLevel)")
        }
        guard refinementSteps >= 0 else {
            throw RegressionError.invalidDesign("refinement steps must be non-negative, got \(refinementSteps)")
        }
    }
}

/// Ordinary least squares by rank-revealing QR, never through the normal equations.
///
/// Algorithm:
/// 1. scale each column of `X` to about unit norm (`s_j` = the power of two nearest below `‖X_j‖₂`,
///    so that scaling introduces no rounding), and the response likewise (`s_y` from `‖y‖₂`), so
///    that no intermediate result overflows or underflows when the data are finite;
/// 2. factor `X·S⁻¹·P = Q·R` by Householder QR with column pivoting (LAPACK `dgeqp3`);
/// 3. determine the rank with ``LinearRegressionOptions/rankTolerance``;
/// 4. solve `R₁₁·z = (Qᵀy)₁` for the estimable coefficients, then refine solution and residual
///    together (Björck) with residuals accumulated in extended precision;
/// 5. covariance `σ²·S⁻¹·R₁₁⁻¹·R₁₁⁻ᵀ·S⁻¹` with `σ² = RSS / (n − rank)`;
/// 6. back to the user's units by exact powers of two (`s_y`); scale-free quantities (t, F,
///    R²) and the log-likelihood come from the scaled problem, so they are finite even when the
///    RSS itself overflows.
///
/// A result whose estimates, standard errors, t values, confidence bounds, RSS, σ, TSS, F,
/// log-likelihood or information criteria are not finite (the true value is not representable
/// in double precision) is returned with ``LinearRegressionResult/isUsable`` false and the
/// reason in ``LinearRegressionResult/notUsableReason``; no p-value is given for a statistic
/// that is not finite.
public enum LinearRegression {
    /// Fits `response ≈ design · β`.
    /// - Throws: ``RegressionError`` for mismatched lengths, non-finite values, fewer
    ///   observations than coefficients, or a numerical failure.
    public static func fit(
        _ design: DesignMatrix, response: [Double], options: LinearRegressionOptions = .init()
    ) throws -> LinearRegressionResult {
        try options.validate()
        let x = design.matrix
        let (n, p) = (x.rows, x.columns)
        guard response.count == n else {
            throw RegressionError.invalidDesign("the response has \(response.count) values, the design \(n) rows")
        }
        guard n >= p else { throw RegressionError.tooFewObservations(observations: n, coefficients: p) }
        if let i = response.firstIndex(where: { !$0.isFinite }) {
            throw RegressionError.nonFinite("response value \(i + 1) is \(response[i])")
        }
        if let index = x.elements.firstIndex(where: { !$0.isFinite }) {
            throw RegressionError.nonFinite("column '\(design.columnNames[index / n])', row \(index % n + 1) is \(x.elements[index])")
        }

        // Scales are the powers of two nearest below the column norms (and the response's norm),
        // so that scaling is exact and the refinement below works on the very problem the user
        // gave; scaling the response as well keeps every intermediate quantity near 1, so that
        // finite data give finite estimates wherever they are representable.
        let exponents = (0..<p).map { ExtendedSum.normExponent(x.column($0)) ?? 0 }
        let responseExponent = ExtendedSum.normExponent(response) ?? 0
        var scaled = x
        for j in 0..<p { for i in 0..<n { scaled[i, j] = PowerOfTwo.scale(x[i, j], by: -exponents[j]) } }
        let scaledResponse = response.map { PowerOfTwo.scale($0, by: -responseExponent) }

        let qr: PivotedQR
        do { qr = try PivotedQR(scaled) } catch { throw RegressionError.numerical("\(error)") }
        let rank = qr.rank(relativeTolerance: options.rankTolerance)

        var scaledSolution = try solve(qr, scaledResponse, rank: rank)
        do {
            try refine(&scaledSolution, qr: qr, design: scaled, response: scaledResponse, rank: rank, steps: options.refinementSteps)
        } catch { throw RegressionError.numerical("\(error)") }
        let scaledResiduals = ExtendedSum.residuals(scaled, scaledSolution, scaledResponse)
        let residuals = scaledResiduals.map { PowerOfTwo.scale($0, by: responseExponent) }
        let fitted = (0..<n).map { PowerOfTwo.scale(scaledResponse[$0] - scaledResiduals[$0], by: responseExponent) }
        let scaledRSS = ExtendedSum.sumOfSquares(scaledResiduals)

        return try result(
            columnNames: design.columnNames, hasIntercept: design.hasIntercept, factors: qr, rank: rank,
            scaledSolution: scaledSolution, exponents: exponents, responseExponent: responseExponent, observationCount: n,
            scaledTSS: design.hasIntercept ? ExtendedSum.centeredSumOfSquares(scaledResponse) : ExtendedSum.sumOfSquares(scaledResponse),
            scaledRSS: scaledRSS, fitted: fitted, residuals: residuals, options: options)
    }

    /// The inference both paths share, from the pivoted QR of the scaled design (or of its `R`)
    /// and the scaled solution: standard errors from `R₁₁⁻¹`, the condition number, the aliases,
    /// and everything back in the user's units by the exact powers of two.
    static func result(
        columnNames: [String], hasIntercept: Bool, factors qr: PivotedQR, rank: Int, scaledSolution: [Double],
        exponents: [Int], responseExponent: Int, observationCount n: Int, scaledTSS: Double, scaledRSS: Double,
        fitted: [Double], residuals: [Double], options: LinearRegressionOptions
    ) throws -> LinearRegressionResult {
        let p = columnNames.count
        let kept = Array(qr.permutation.prefix(rank))
        // β_j = z_j · 2^(e_y − e_j).
        let unscale = { (value: Double, column: Int) in PowerOfTwo.scale(value, by: responseExponent - exponents[column]) }
        let estimates = (0..<p).map { unscale(scaledSolution[$0], $0) }
        let df = n - rank
        var standardErrors = [Double?](repeating: nil, count: p)
        if df > 0 {
            let sigma = (scaledRSS / Double(df)).squareRoot()
            let inverseR: Matrix
            do { inverseR = try qr.inverseOfLeadingR(rank: rank) } catch { throw RegressionError.numerical("\(error)") }
            for (k, column) in kept.enumerated() {
                let rowNorm = ExtendedSum.euclideanNorm(inverseR.row(k))
                standardErrors[column] = unscale(sigma * rowNorm, column)
            }
        }
        let conditionNumber = try scaledConditionNumber(qr, rank: rank)
        let aliases = try aliasedColumns(qr, rank: rank, exponents: exponents, names: columnNames)
        return try LinearRegressionResult(
            columnNames: columnNames, hasIntercept: hasIntercept, estimates: estimates, estimable: Set(kept),
            standardErrors: standardErrors, observationCount: n, responseExponent: responseExponent,
            scaledTotalSumOfSquares: scaledTSS, fitted: fitted, residuals: residuals, scaledResidualSumOfSquares: scaledRSS,
            rank: rank, conditionNumber: conditionNumber, aliases: aliases, confidenceLevel: options.confidenceLevel)
    }

    /// Björck's iterative refinement of the least-squares solution and its residual together
    /// (Björck 1967; *Numerical Methods for Least Squares Problems*, 1996, §2.9): each step
    /// solves the augmented system `[I A; Aᵀ 0]·[δr; δx] = [f; g]` with `f = y − r − A·x` and
    /// `g = −Aᵀ·r` accumulated in extended precision, using the QR factors already computed.
    /// Refining `r` as well removes the error term proportional to the residual that plain
    /// refinement of `x` leaves, so large-residual problems gain their lost digits too.
    private static func refine(_ x: inout [Double], qr: PivotedQR, design a: Matrix, response y: [Double], rank: Int, steps: Int) throws {
        guard steps > 0, rank > 0 else { return }
        let kept = Array(qr.permutation.prefix(rank))
        // The residual is kept in extended precision: stored in double, its rounding alone
        // (ε·|rᵢ|) would bound the attainable accuracy of large-residual problems.
        var r = ExtendedSum.wideResiduals(a, x, y)
        for _ in 0..<steps {
            let f = ExtendedSum.augmentedResidual(a, x, y, r)
            let g = kept.map { -ExtendedSum.dot(a.column($0), r) }
            let h = try qr.solveUpperTriangular(g, transposed: true)
            var d = try qr.qTransposed(times: f)
            let dx = try qr.solveUpperTriangular((0..<rank).map { d[$0] - h[$0] })
            for k in 0..<rank { d[k] = h[k] }
            let dr = try qr.q(times: d)
            for (k, column) in kept.enumerated() { x[column] += dx[k] }
            for i in r.indices { r[i] += ExtendedSum.Wide(dr[i]) }
        }
    }

    private static func solve(_ qr: PivotedQR, _ rhs: [Double], rank: Int) throws -> [Double] {
        do { return try qr.solveLeastSquares(rhs, rank: rank) } catch { throw RegressionError.numerical("\(error)") }
    }

    /// The 2-norm condition number of the kept scaled columns: `σ_max/σ_min` of `R₁₁`.
    static func scaledConditionNumber(_ qr: PivotedQR, rank: Int) throws -> Double {
        guard rank > 0 else { return .infinity }
        let r = qr.r
        var leading = Matrix(rows: rank, columns: rank)
        for j in 0..<rank { for i in 0...j { leading[i, j] = r[i, j] } }
        do { return try SingularValueDecomposition(leading).conditionNumber } catch {
            throw RegressionError.numerical("\(error)")
        }
    }

    /// For each aliased column, its expression as a combination of the estimable ones:
    /// `X_k ≈ Σ c_i X_i` from `R₁₁·c = R₁₂[:,k]`, unscaled.
    static func aliasedColumns(_ qr: PivotedQR, rank: Int, exponents: [Int], names: [String]) throws -> [Alias] {
        let p = qr.columns
        guard rank < p else { return [] }
        let r = qr.r
        return try (rank..<p).map { k in
            let column = qr.permutation[k]
            let rhs = (0..<rank).map { r[$0, k] }
            let combination = rank > 0 ? try qr.solveUpperTriangular(rhs) : []
            let terms = combination.enumerated().compactMap { index, coefficient -> Alias.Term? in
                let other = qr.permutation[index]
                let value = PowerOfTwo.scale(coefficient, by: exponents[column] - exponents[other])
                return abs(coefficient) > 1e-9 ? Alias.Term(column: names[other], coefficient: value) : nil
            }
            return Alias(column: names[column], combination: terms)
        }
    }
}

/// A column that is (numerically) a linear combination of other columns, so that its
/// coefficient cannot be estimated.
public struct Alias: Sendable, Equatable, CustomStringConvertible {
    /// One term `coefficient · column` of the combination.
    public struct Term: Sendable, Equatable {
        public let column: String
        public let coefficient: Double
    }
    /// The aliased column.
    public let column: String
    /// The combination of estimable columns it equals (empty for an all-zero column).
    public let combination: [Term]

    public var description: String {
        guard !combination.isEmpty else { return "'\(column)' is zero in every row" }
        let terms = combination.map { String(format: "%.6g·%@", $0.coefficient, $0.column) }.joined(separator: " + ")
        return "'\(column)' = \(terms)"
    }
}

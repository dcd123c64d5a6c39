import Foundation
import Probability

/// One row of a coefficient table.
public struct CoefficientEstimate: Sendable, Equatable {
    /// Column name.
    public let name: String
    /// Estimate, `nil` when the column is aliased (R's `NA`).
    public let estimate: Double?
    /// Standard error, `nil` when aliased or when no residual degree of freedom is left.
    public let standardError: Double?
    /// `estimate / standardError`.
    public let tValue: Double?
    /// Two-sided p-value of `tValue` under Student's t with the residual degrees of freedom.
    public let pValue: Double?
    /// Lower bound of the t-based confidence interval.
    public let confidenceLower: Double?
    /// Upper bound of the t-based confidence interval.
    public let confidenceUpper: Double?

    /// Whether the coefficient could not be estimated because its column is aliased.
    public var isAliased: Bool { estimate == nil }
}

/// The outcome of a linear least-squares fit, with the usual inference.
///
/// Definitions (`n` observations, `k` = rank, `df = n − k`):
/// - `RSS = Σ eᵢ²`, residual standard deviation `σ = √(RSS/df)`;
/// - with an intercept, `TSS = Σ (yᵢ − ȳ)²`; without one, `TSS = Σ yᵢ²` (as R and NIST do);
/// - `R² = 1 − RSS/TSS`, adjusted `R̄² = 1 − (1 − R²)·(n − i)/df` with `i = 1` if there is an intercept;
/// - `F = ((TSS − RSS)/(k − i)) / (RSS/df)` on `(k − i, df)` degrees of freedom;
/// - Gaussian log-likelihood `ℓ = −n/2·(log 2π + log(RSS/n) + 1)`; `AIC = −2ℓ + 2(k + 1)`,
///   `BIC = −2ℓ + log(n)·(k + 1)` (the variance counts as a parameter, as in R's `AIC(lm)`).
public struct LinearRegressionResult: Sendable {
    /// The coefficient table in design column order.
    public let coefficients: [CoefficientEstimate]
    /// Whether the design has an intercept column.
    public let hasIntercept: Bool
    /// Number of observations.
    public let observationCount: Int
    /// Numerical rank of the design.
    public let rank: Int
    /// Residual degrees of freedom `n − rank`.
    public let residualDegreesOfFreedom: Int
    /// Residual sum of squares.
    public let residualSumOfSquares: Double
    /// Residual standard deviation `√(RSS/df)` (`nil` when `df = 0`).
    public let residualStandardDeviation: Double?
    /// Total sum of squares (centered with an intercept, uncentered without).
    public let totalSumOfSquares: Double
    /// Coefficient of determination (NaN when the response is constant, as in R).
    public let rSquared: Double
    /// Adjusted R² (`nil` when `df = 0`).
    public let adjustedRSquared: Double?
    /// Overall F statistic (`nil` when undefined: no model terms, `df = 0` or a constant response;
    /// infinite for an exact fit).
    public let fStatistic: Double?
    /// Upper-tail probability of `fStatistic`.
    public let fPValue: Double?
    /// Numerator and denominator degrees of freedom of the F test.
    public let fDegreesOfFreedom: (numerator: Int, denominator: Int)
    /// Gaussian log-likelihood at the estimate.
    public let logLikelihood: Double
    /// Akaike information criterion.
    public let aic: Double
    /// Bayesian information criterion.
    public let bic: Double
    /// 2-norm condition number of the estimable design columns after scaling to unit norm.
    public let conditionNumber: Double
    /// Aliased columns and the combinations they equal.
    public let aliases: [Alias]
    /// Fitted values.
    public let fitted: [Double]
    /// Residuals `y − ŷ`.
    public let residuals: [Double]
    /// Level of the confidence intervals.
    public let confidenceLevel: Double

    init(
        columnNames: [String], hasIntercept: Bool, estimates: [Double], estimable: Set<Int>,
        standardErrors: [Double?], response: [Double], fitted: [Double], residuals: [Double],
        residualSumOfSquares rss: Double, rank: Int, conditionNumber: Double, aliases: [Alias],
        confidenceLevel: Double
    ) throws {
        let n = response.count
        let df = n - rank
        self.hasIntercept = hasIntercept
        self.observationCount = n
        self.rank = rank
        self.residualDegreesOfFreedom = df
        self.residualSumOfSquares = rss
        self.fitted = fitted
        self.residuals = residuals
        self.conditionNumber = conditionNumber
        self.aliases = aliases
        self.confidenceLevel = confidenceLevel

        let t = df > 0 ? try StudentT(degreesOfFreedom: Double(df)) : nil
        let critical = t.map { $0.quantile(0.5 + confidenceLevel / 2) }
        coefficients = columnNames.indices.map { j in
            guard estimable.contains(j) else {
                return CoefficientEstimate(name: columnNames[j], estimate: nil, standardError: nil, tValue: nil,
                                           pValue: nil, confidenceLower: nil, confidenceUpper: nil)
            }
            let estimate = estimates[j]
            guard let se = standardErrors[j], let t, let critical else {
                return CoefficientEstimate(name: columnNames[j], estimate: estimate, standardError: nil, tValue: nil,
                                           pValue: nil, confidenceLower: nil, confidenceUpper: nil)
            }
            let tValue: Double? = se > 0 && se.isFinite ? estimate / se : nil
            return CoefficientEstimate(
                name: columnNames[j], estimate: estimate, standardError: se, tValue: tValue,
                pValue: tValue.map { 2 * t.survival(abs($0)) },
                confidenceLower: estimate - critical * se, confidenceUpper: estimate + critical * se)
        }

        residualStandardDeviation = df > 0 ? (rss / Double(df)).squareRoot() : nil
        let tss = hasIntercept ? ExtendedSum.centeredSumOfSquares(response) : ExtendedSum.sumOfSquares(response)
        totalSumOfSquares = tss
        // A constant response leaves nothing to explain: R² and F are undefined (R prints NaN).
        rSquared = tss > 0 ? 1 - rss / tss : .nan
        let interceptTerms = hasIntercept ? 1 : 0
        adjustedRSquared = df > 0 && tss > 0 ? 1 - (1 - rSquared) * Double(n - interceptTerms) / Double(df) : nil

        let numerator = rank - interceptTerms
        fDegreesOfFreedom = (numerator, df)
        if numerator > 0, df > 0, tss > 0 {
            let f = rss > 0 ? ((tss - rss) / Double(numerator)) / (rss / Double(df)) : .infinity
            fStatistic = f
            fPValue = f.isFinite ? try FDistribution(numeratorDF: Double(numerator), denominatorDF: Double(df)).survival(f) : 0
        } else {
            fStatistic = nil
            fPValue = nil
        }

        let parameters = Double(rank + 1)
        logLikelihood = rss > 0 ? -Double(n) / 2 * (log(2 * Double.pi) + log(rss / Double(n)) + 1) : .infinity
        aic = -2 * logLikelihood + 2 * parameters
        bic = -2 * logLikelihood + log(Double(n)) * parameters
    }
}

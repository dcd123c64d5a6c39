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
    /// Two-sided p-value of `tValue` under Student's t with the residual degrees of freedom
    /// (`nil` when `tValue` is `nil` or not finite).
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
/// - Gaussian log-likelihood `ℓ = −n/2·(log 2π + log(RSS/n) + 1)` (undefined when RSS = 0); `AIC = −2ℓ + 2(k + 1)`,
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
    /// Overall F statistic (`nil` when undefined: no model terms, `df = 0`, a constant response
    /// or an exact fit, whose statistic would be infinite).
    public let fStatistic: Double?
    /// Upper-tail probability of `fStatistic` (`nil` when the statistic is `nil` or not finite).
    public let fPValue: Double?
    /// Numerator and denominator degrees of freedom of the F test.
    public let fDegreesOfFreedom: (numerator: Int, denominator: Int)
    /// Gaussian log-likelihood at the estimate (`nil` for an exact fit, whose likelihood is
    /// unbounded).
    public let logLikelihood: Double?
    /// Akaike information criterion (`nil` for an exact fit).
    public let aic: Double?
    /// Bayesian information criterion (`nil` for an exact fit).
    public let bic: Double?
    /// 2-norm condition number of the estimable design columns after scaling to unit norm.
    public let conditionNumber: Double
    /// Aliased columns and the combinations they equal.
    public let aliases: [Alias]
    /// Fitted values (empty for a fit streamed from a file, ``StreamingLinearRegression``).
    public let fitted: [Double]
    /// Residuals `y − ŷ` (empty for a streamed fit).
    public let residuals: [Double]
    /// Level of the confidence intervals.
    public let confidenceLevel: Double

    /// Why the result is not usable: the core numbers that are not finite (their true values
    /// are not representable in double precision, or the data leave them undefined), in words;
    /// `nil` when every present estimate, standard error, t value, confidence bound, RSS, σ,
    /// TSS, F statistic, log-likelihood, AIC and BIC is finite.
    public let notUsableReason: String?
    /// Whether every core number is finite (see ``notUsableReason``). A result that is not
    /// usable must not be reported as a success.
    public var isUsable: Bool { notUsableReason == nil }

    /// The result from sums alone: `scaledTSS` and `scaledRSS` are those of the response divided
    /// by `2^responseExponent` (the streaming path has no response array; its `fitted` and
    /// `residuals` are empty).
    init(
        columnNames: [String], hasIntercept: Bool, estimates: [Double], estimable: Set<Int>,
        standardErrors: [Double?], observationCount n: Int, responseExponent exponent: Int,
        scaledTotalSumOfSquares scaledTSS: Double, fitted: [Double], residuals: [Double],
        scaledResidualSumOfSquares scaledRSS: Double, rank: Int, conditionNumber: Double, aliases: [Alias],
        confidenceLevel: Double
    ) throws {
        let df = n - rank
        self.hasIntercept = hasIntercept
        self.observationCount = n
        self.rank = rank
        self.residualDegreesOfFreedom = df
        self.residualSumOfSquares = PowerOfTwo.scale(scaledRSS, by: 2 * exponent)
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
                pValue: tValue.flatMap { $0.isFinite ? 2 * t.survival(abs($0)) : nil },
                confidenceLower: estimate - critical * se, confidenceUpper: estimate + critical * se)
        }

        // σ, TSS, R² and F from the scaled response (R² and F are scale-free), then unscaled.
        let scaledSigma = df > 0 ? (scaledRSS / Double(df)).squareRoot() : nil
        residualStandardDeviation = scaledSigma.map { PowerOfTwo.scale($0, by: exponent) }
        totalSumOfSquares = PowerOfTwo.scale(scaledTSS, by: 2 * exponent)
        // A constant response leaves nothing to explain: R² and F are undefined (R prints NaN).
        rSquared = scaledTSS > 0 ? 1 - scaledRSS / scaledTSS : .nan
        let interceptTerms = hasIntercept ? 1 : 0
        adjustedRSquared = df > 0 && scaledTSS > 0 ? 1 - (1 - rSquared) * Double(n - interceptTerms) / Double(df) : nil

        let numerator = rank - interceptTerms
        fDegreesOfFreedom = (numerator, df)
        // An exact fit (RSS = 0) has no F test: the statistic would be infinite.
        if numerator > 0, df > 0, scaledTSS > 0, scaledRSS > 0 {
            let f = ((scaledTSS - scaledRSS) / Double(numerator)) / (scaledRSS / Double(df))
            fStatistic = f
            fPValue = f.isFinite ? try FDistribution(numeratorDF: Double(numerator), denominatorDF: Double(df)).survival(f) : nil
        } else {
            fStatistic = nil
            fPValue = nil
        }

        // log(RSS/n) = log(RSS_s/n) + 2·e_y·log 2 stays finite where RSS itself overflows or
        // underflows; an exact fit has an unbounded likelihood, reported as undefined.
        let parameters = Double(rank + 1)
        let likelihood: Double? = scaledRSS > 0
            ? -Double(n) / 2 * (log(2 * Double.pi) + log(scaledRSS / Double(n)) + Double(2 * exponent) * M_LN2 + 1) : nil
        logLikelihood = likelihood
        aic = likelihood.map { -2 * $0 + 2 * parameters }
        bic = likelihood.map { -2 * $0 + log(Double(n)) * parameters }

        var nonFinite: [String] = []
        for c in coefficients {
            for (label, value) in [("estimate", c.estimate), ("standard error", c.standardError), ("t value", c.tValue),
                                   ("confidence bound", c.confidenceLower), ("confidence bound", c.confidenceUpper)]
            where value.map({ !$0.isFinite }) == true && !nonFinite.contains("\(label) of '\(c.name)'") {
                nonFinite.append("\(label) of '\(c.name)'")
            }
        }
        for (label, value) in [("residual sum of squares", residualSumOfSquares), ("residual standard deviation", residualStandardDeviation),
                               ("total sum of squares", totalSumOfSquares), ("F statistic", fStatistic),
                               ("log-likelihood", logLikelihood), ("AIC", aic), ("BIC", bic)]
        where value.map({ !$0.isFinite }) == true {
            nonFinite.append(label)
        }
        notUsableReason = nonFinite.isEmpty ? nil
            : "not finite in double precision (the data's magnitudes exceed what can be represented): "
              + nonFinite.joined(separator: ", ")
    }
}

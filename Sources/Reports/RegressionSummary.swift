import Foundation
import Regression

/// Renders a ``LinearRegressionResult`` as text (like R's `summary.lm`), Markdown, CSV or JSON.
public struct RegressionSummary: RenderableReport, Sendable {
    public let result: LinearRegressionResult
    /// What was fitted, for the header (e.g. `y ~ x1 + x2 (data.csv)`).
    public let description: String

    public init(result: LinearRegressionResult, description: String) {
        self.result = result
        self.description = description
    }

    /// The coefficient rows, as printed and encoded.
    var rows: [InferenceRow] {
        result.coefficients.map {
            InferenceRow(name: $0.name, estimate: $0.estimate, stdError: $0.standardError, tValue: $0.tValue,
                         pValue: $0.pValue, ciLower: $0.confidenceLower, ciUpper: $0.confidenceUpper, aliased: $0.isAliased)
        }
    }

    /// The coefficient table.
    public var coefficientTable: Table { InferenceRow.table(rows, firstColumn: "term", level: result.confidenceLevel) }

    /// The fit statistics as label/value lines.
    public var statistics: StatisticsBlock {
        let r = result
        var lines: [StatisticsBlock.Line] = [
            .init("observations", "\(r.observationCount)"),
            .init("rank", "\(r.rank) of \(r.coefficients.count) coefficients"),
            .init("residual df", "\(r.residualDegreesOfFreedom)"),
            .init("residual sum of squares", NumberFormat.significant(r.residualSumOfSquares, digits: 12)),
            .init("residual standard deviation", NumberFormat.significant(r.residualStandardDeviation, digits: 12)),
            .init("R-squared", NumberFormat.significant(r.rSquared, digits: 10)),
            .init("adjusted R-squared", NumberFormat.significant(r.adjustedRSquared, digits: 10)),
            .init("F statistic", r.fStatistic.map {
                "\(NumberFormat.significant($0, digits: 8)) on \(r.fDegreesOfFreedom.numerator) and \(r.fDegreesOfFreedom.denominator) df"
                    + (r.fPValue.map { ", p-value \(NumberFormat.pValue($0))" } ?? "")
            } ?? "NA"),
            .init("log-likelihood", NumberFormat.significant(r.logLikelihood, digits: 10)),
            .init("AIC", NumberFormat.significant(r.aic, digits: 10)),
            .init("BIC", NumberFormat.significant(r.bic, digits: 10)),
            .init("condition number (scaled columns)", NumberFormat.significant(r.conditionNumber, digits: 4)),
        ]
        for alias in r.aliases { lines.append(.init("aliased", alias.description)) }
        if let reason = r.notUsableReason { lines.append(.init("not usable", reason)) }
        return StatisticsBlock(lines)
    }

    public func renderText() -> String {
        var out = "Linear regression: \(description)\n\n" + coefficientTable.renderText() + "\n"
        out += statistics.renderText()
        if !result.aliases.isEmpty {
            out += "\nNote: \(result.aliases.count) coefficient(s) not estimable because of aliased columns (NA above).\n"
        }
        return out
    }

    public func renderMarkdown() -> String {
        "### Linear regression: \(description)\n\n" + coefficientTable.renderMarkdown() + "\n" + statistics.renderMarkdown()
    }

    public func renderCSV() -> String { coefficientTable.renderCSV() }

    public func renderJSON() throws -> String { try JSONOutput.render(Document(self, description)) }

    /// The JSON shape: snake_case keys, `null` for NA.
    struct Document: Encodable {
        let model: String
        let n: Int
        let rank: Int
        let df: Int
        /// Whether every core number is finite (see `LinearRegressionResult.isUsable`).
        let usable: Bool
        let notUsableReason: String?
        @FiniteOrNull var rss: Double?
        @FiniteOrNull var sigma: Double?
        @FiniteOrNull var rSquared: Double?
        @FiniteOrNull var adjustedRSquared: Double?
        @FiniteOrNull var fStatistic: Double?
        @FiniteOrNull var fPValue: Double?
        @FiniteOrNull var logLikelihood: Double?
        @FiniteOrNull var aic: Double?
        @FiniteOrNull var bic: Double?
        @FiniteOrNull var conditionNumber: Double?
        let confidenceLevel: Double
        let aliases: [String]
        let coefficients: [InferenceRow]

        init(_ summary: RegressionSummary, _ description: String) {
            let r = summary.result
            model = description
            n = r.observationCount
            rank = r.rank
            df = r.residualDegreesOfFreedom
            usable = r.isUsable
            notUsableReason = r.notUsableReason
            rss = r.residualSumOfSquares
            sigma = r.residualStandardDeviation
            rSquared = r.rSquared
            adjustedRSquared = r.adjustedRSquared
            fStatistic = r.fStatistic
            fPValue = r.fPValue
            logLikelihood = r.logLikelihood
            aic = r.aic
            bic = r.bic
            conditionNumber = r.conditionNumber
            confidenceLevel = r.confidenceLevel
            aliases = r.aliases.map(\.description)
            coefficients = summary.rows
        }
    }
}

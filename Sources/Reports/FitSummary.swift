import CurveFitting
import Foundation

/// Renders a nonlinear ``FitResult`` as text (like R's `summary.nls`), Markdown, CSV or JSON
/// (the shape of DESIGN.md's fit contract).
public struct FitSummary: RenderableReport, Sendable {
    public let result: FitResult
    /// The model's name (`logistic`) or formula.
    public let model: String
    /// What was fitted, for the header.
    public let description: String

    public init(result: FitResult, model: String, description: String) {
        self.result = result
        self.model = model
        self.description = description
    }

    /// The parameter rows, as printed and encoded.
    var rows: [InferenceRow] {
        result.parameters.map {
            InferenceRow(name: $0.name, estimate: $0.estimate, stdError: $0.standardError, tValue: $0.tValue,
                         pValue: $0.pValue, ciLower: $0.confidenceLower, ciUpper: $0.confidenceUpper)
        }
    }

    /// The parameter table.
    public var parameterTable: Table { InferenceRow.table(rows, firstColumn: "parameter", level: result.confidenceLevel) }

    public var statistics: StatisticsBlock {
        let r = result
        var lines: [StatisticsBlock.Line] = [
            .init("status", "\(r.termination.status): \(r.termination.message)"),
            .init("iterations", "\(r.iterations) (\(r.evaluations) evaluations)"),
            .init("observations", "\(r.observationCount), residual df \(r.residualDegreesOfFreedom)"),
            .init("residual sum of squares", NumberFormat.significant(r.residualSumOfSquares, digits: 12)),
            .init("residual standard deviation", NumberFormat.significant(r.residualStandardDeviation, digits: 10)),
            .init("log-likelihood", NumberFormat.significant(r.logLikelihood, digits: 10)),
            .init("AIC / AICc / BIC", [r.aic, r.aicc, r.bic].map { NumberFormat.significant($0, digits: 8) }.joined(separator: " / ")),
        ]
        if let reason = r.covarianceUnavailableReason { lines.append(.init("covariance", "not estimable: \(reason)")) }
        for note in r.notes { lines.append(.init("note", note)) }
        return StatisticsBlock(lines)
    }

    public func renderText() -> String {
        var out = "Nonlinear least squares: \(description)\n\n" + parameterTable.renderText() + "\n"
        out += statistics.renderText()
        return out
    }

    public func renderMarkdown() -> String {
        "### Nonlinear least squares: \(description)\n\n" + parameterTable.renderMarkdown() + "\n" + statistics.renderMarkdown()
    }

    public func renderCSV() -> String { parameterTable.renderCSV() }

    public func renderJSON() throws -> String { try JSONOutput.render(Document(self)) }

    struct Document: Encodable {
        let model: String
        let n: Int
        let df: Int
        let status: String
        let usable: Bool
        let message: String
        let iterations: Int
        let evaluations: Int
        @FiniteOrNull var rss: Double?
        @FiniteOrNull var sigma: Double?
        @FiniteOrNull var logLikelihood: Double?
        @FiniteOrNull var aic: Double?
        @FiniteOrNull var aicc: Double?
        @FiniteOrNull var bic: Double?
        let covarianceNote: String?
        let notes: [String]
        let parameters: [InferenceRow]

        init(_ s: FitSummary) {
            let r = s.result
            model = s.model
            n = r.observationCount
            df = r.residualDegreesOfFreedom
            status = r.termination.status
            usable = r.isUsable
            message = r.termination.message
            iterations = r.iterations
            evaluations = r.evaluations
            rss = r.residualSumOfSquares
            sigma = r.residualStandardDeviation
            logLikelihood = r.logLikelihood
            aic = r.aic
            aicc = r.aicc
            bic = r.bic
            covarianceNote = r.covarianceUnavailableReason
            notes = r.notes
            parameters = s.rows
        }
    }
}

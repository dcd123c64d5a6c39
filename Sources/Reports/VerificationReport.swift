import Foundation
import Verification

/// Renders StRD verification results as a table (text, Markdown, CSV) or JSON.
public struct VerificationReport: RenderableReport, Sendable {
    public let results: [StRDVerification]

    public init(results: [StRDVerification]) { self.results = results }

    public var passedCount: Int { results.filter(\.passed).count }
    public var failedCount: Int { results.count - passedCount }

    public var table: Table {
        var table = Table(columns: [
            .init("dataset", .left), .init("start"), .init("status", .left), .init("parameter_lre"),
            .init("std_error_lre"), .init("residual_lre"), .init("residual", .left), .init("thresholds", .left), .init("pass", .left),
        ])
        for r in results {
            let residual = r.residualSumOfSquaresLRE ?? r.residualStandardDeviationLRE
            let residualKind = r.residualSumOfSquaresLRE != nil ? "RSS" : (r.residualStandardDeviationLRE != nil ? "SD" : "-")
            let t = r.thresholds
            table.append([
                r.dataset, r.start.map(String.init) ?? "-", r.status, NumberFormat.fixed(r.parameterLRE, decimals: 1),
                r.standardErrorLRE.map { NumberFormat.fixed($0, decimals: 1) } ?? "-",
                residual.map { NumberFormat.fixed($0, decimals: 1) } ?? "-", residualKind,
                "\(NumberFormat.significant(t.parameters, digits: 2))/\(NumberFormat.significant(t.standardErrors, digits: 2))/\(NumberFormat.significant(t.residual, digits: 2))",
                r.passed ? "yes" : "NO",
            ])
        }
        return table
    }

    public func renderText() -> String {
        var out = "NIST StRD verification: log relative error (correct significant digits, capped at 11)\n\n"
        out += table.renderText()
        out += "\nthresholds = parameters/standard errors/residual\n"
        for r in results where !r.passed { out += "\(r.dataset)\(r.start.map { " start \($0)" } ?? ""): \(r.message)\n" }
        out += "\n\(passedCount) passed, \(failedCount) failed\n"
        return out
    }

    public func renderMarkdown() -> String {
        table.renderMarkdown() + "\n\(passedCount) passed, \(failedCount) failed\n"
    }

    public func renderCSV() -> String { table.renderCSV() }

    public func renderJSON() throws -> String {
        struct Row: Encodable {
            let dataset: String
            let start: Int?
            let status: String
            let message: String
            @FiniteOrNull var parameterLre: Double?
            @FiniteOrNull var stdErrorLre: Double?
            @FiniteOrNull var rssLre: Double?
            @FiniteOrNull var residualSdLre: Double?
            let pass: Bool
        }
        struct Document: Encodable {
            let results: [Row]
            let passed: Int
            let failed: Int
        }
        let rows = results.map {
            Row(dataset: $0.dataset, start: $0.start, status: $0.status, message: $0.message, parameterLre: $0.parameterLRE,
                stdErrorLre: $0.standardErrorLRE, rssLre: $0.residualSumOfSquaresLRE,
                residualSdLre: $0.residualStandardDeviationLRE, pass: $0.passed)
        }
        return try JSONOutput.render(Document(results: rows, passed: passedCount, failed: failedCount))
    }
}

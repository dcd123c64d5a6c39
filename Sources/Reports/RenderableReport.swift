/// The formats every report renders to.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, markdown, csv, json
}

/// A report with one renderer per format (statsmodels' `Summary.as_text/as_html/as_csv`).
public protocol RenderableReport {
    func renderText() -> String
    func renderMarkdown() -> String
    func renderCSV() -> String
    func renderJSON() throws -> String
}

extension RenderableReport {
    /// The report in `format`.
    public func render(_ format: ReportFormat) throws -> String {
        switch format {
        case .text: return renderText()
        case .markdown: return renderMarkdown()
        case .csv: return renderCSV()
        case .json: return try renderJSON()
        }
    }
}

/// Label/value lines under a table (fit statistics), aligned in text, a two-column table in Markdown.
public struct StatisticsBlock: Sendable, Equatable {
    public let lines: [Line]

    public struct Line: Sendable, Equatable {
        public let label: String
        public let value: String
        public init(_ label: String, _ value: String) {
            self.label = label
            self.value = value
        }
    }

    public init(_ lines: [Line]) { self.lines = lines }

    public func renderText() -> String {
        let width = lines.map(\.label.count).max() ?? 0
        return lines.map { $0.label + String(repeating: " ", count: width - $0.label.count) + "  " + $0.value + "\n" }.joined()
    }

    public func renderMarkdown() -> String {
        var table = Table(columns: [.init("statistic", .left), .init("value", .left)])
        for line in lines { table.append([line.label, line.value]) }
        return table.renderMarkdown()
    }
}

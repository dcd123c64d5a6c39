/// A rectangular table of already-formatted cells: the one report model that every tabular
/// renderer (text, Markdown, CSV) reads.
public struct Table: Sendable, Equatable {
    /// How a column's cells line up in text and Markdown output.
    public enum Alignment: Sendable { case left, right }

    /// A column heading and its alignment.
    public struct Column: Sendable, Equatable {
        public let title: String
        public let alignment: Alignment
        public init(_ title: String, _ alignment: Alignment = .right) {
            self.title = title
            self.alignment = alignment
        }
    }

    /// Optional caption printed above the table.
    public var title: String?
    public let columns: [Column]
    public private(set) var rows: [[String]] = []

    public init(title: String? = nil, columns: [Column]) {
        self.title = title
        self.columns = columns
    }

    /// Appends a row; missing cells are padded with empty strings, extra ones dropped.
    public mutating func append(_ cells: [String]) {
        var row = Array(cells.prefix(columns.count))
        row += Array(repeating: "", count: columns.count - row.count)
        rows.append(row)
    }

    /// Plain text with aligned columns, separated by two spaces.
    public func renderText() -> String {
        let widths = columns.indices.map { j in
            rows.reduce(columns[j].title.count) { Swift.max($0, $1[j].count) }
        }
        func line(_ cells: [String]) -> String {
            cells.indices.map { j in
                let padding = String(repeating: " ", count: widths[j] - cells[j].count)
                return columns[j].alignment == .left ? cells[j] + padding : padding + cells[j]
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var lines: [String] = []
        if let title { lines.append(title) }
        lines.append(line(columns.map(\.title)))
        lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        lines += rows.map(line)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A GitHub-flavoured Markdown table (pipes in cells escaped).
    public func renderMarkdown() -> String {
        func escape(_ cell: String) -> String { cell.replacingAll("|", with: "\\|") }
        var lines: [String] = []
        if let title { lines.append("**\(escape(title))**\n") }
        lines.append("| " + columns.map { escape($0.title) }.joined(separator: " | ") + " |")
        lines.append("|" + columns.map { $0.alignment == .left ? "---|" : "---:|" }.joined())
        lines += rows.map { "| " + $0.map(escape).joined(separator: " | ") + " |" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 CSV: a header row, fields quoted when they hold a comma, quote or line break.
    public func renderCSV() -> String {
        ([columns.map(\.title)] + rows).map { $0.map(CSVField.escape).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
}

/// Quoting of one CSV field.
public enum CSVField {
    /// The field as written in RFC 4180 CSV.
    public static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingAll("\"", with: "\"\"") + "\""
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }

    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }
}

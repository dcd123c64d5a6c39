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
        ([columns.map(\.title)] + rows).map(CSVField.record).joined(separator: "\n") + "\n"
    }
}

/// Quoting of CSV fields, so that ``Datasets/CSVReader`` reads back exactly what was written.
public enum CSVField {
    /// The field as written in RFC 4180 CSV: quoted when it holds a comma, a quote, a CR or an LF
    /// (looked for among the Unicode scalars, since `"\r\n"` and a quote followed by a combining
    /// mark are single characters), each quote doubled.
    public static func escape(_ field: String) -> String {
        guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        var quoted = String.UnicodeScalarView()
        for scalar in field.unicodeScalars {
            if scalar == "\"" { quoted.append(scalar) }
            quoted.append(scalar)
        }
        return "\"" + String(quoted) + "\""
    }

    /// One record: the escaped fields joined by commas. A record of one field that is empty or
    /// only spaces and tabs is quoted, since a reader takes that line for a blank one.
    public static func record(_ fields: [String]) -> String {
        if fields.count == 1, fields[0].unicodeScalars.allSatisfy({ $0 == " " || $0 == "\t" }) { return "\"" + fields[0] + "\"" }
        return fields.map(escape).joined(separator: ",")
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

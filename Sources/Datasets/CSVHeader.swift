/// The validated header row of a CSV file, shared by ``CSVTable``, ``CSVRecordStream`` and
/// ``CSVRecord``: it resolves column names and words the errors about cells that are not numbers.
struct CSVHeader: Sendable, Hashable {
    /// The display path of the file.
    let source: String
    /// The line of the header row.
    let line: Int
    /// The column names, trimmed of surrounding spaces and tabs.
    let names: [String]

    /// Validates a header row: names must be non-empty (after trimming spaces and tabs) and unique.
    init(fields: [String], positions: [CSVPosition], line: Int, source: String) throws {
        let names = fields.map(Self.trimmingBlanks)
        if names.count == 1, names[0].isEmpty {
            throw DataError(file: source, line: line, column: positions.first?.column ?? 1,
                            message: "the header row is empty; the first line must name the columns")
        }
        var firstUse: [String: Int] = [:]
        for (index, (name, position)) in zip(names, positions).enumerated() {
            guard !name.isEmpty else {
                throw DataError(file: source, line: position.line, column: position.column,
                                message: "column \(index + 1) of the header has an empty name")
            }
            if let earlier = firstUse[name] {
                throw DataError(file: source, line: position.line, column: position.column,
                                message: "duplicate column name '\(name)' (columns \(earlier + 1) and \(index + 1))")
            }
            firstUse[name] = index
        }
        self.source = source
        self.line = line
        self.names = names
    }

    /// The 0-based index of the column called `name`.
    /// - Throws: ``DataError`` at the header line naming the available columns and, when one is
    ///   close, suggesting it.
    func index(of name: String) throws -> Int {
        if let index = names.firstIndex(of: name) { return index }
        var message = "no column named '\(name)'"
        if let suggestion = NameSuggestion.closest(to: name, among: names) {
            message += "; did you mean '\(suggestion)'?"
        }
        let shown = names.prefix(20).map { "'\($0)'" }.joined(separator: ", ")
        message += " (columns: \(shown)\(names.count > 20 ? ", …" : ""))"
        throw DataError(file: source, line: line, message: message)
    }

    /// The error for cell `field` of column `column`, at `position`, that did not read as a number.
    func error(for reading: DecimalReading, in field: String, column: Int, at position: CSVPosition) -> DataError {
        let problem = switch reading {
        case .number, .invalid: "\(Self.quoted(field)) is not a number"
        case .empty: "missing value"
        case .notFinite: "\(Self.quoted(field)) is not a finite number"
        }
        return DataError(file: source, line: position.line, column: position.column,
                         message: "\(problem) in column '\(names[column])'")
    }

    /// A cell quoted for a message: newlines escaped, long text shortened.
    private static func quoted(_ field: String) -> String {
        let escaped = field.replacingNewlines()
        let shortened = escaped.count > 40 ? escaped.prefix(40) + "…" : Substring(escaped)
        return "'\(shortened)'"
    }

    private static func trimmingBlanks(_ text: String) -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = text.firstIndex(where: { !isBlank($0) }),
              let last = text.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(text[first...last])
    }
}

private extension String {
    func replacingNewlines() -> String {
        var result = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

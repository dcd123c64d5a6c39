import Foundation

/// Reads a whole CSV file into a ``CSVTable``.
///
/// The dialect is RFC 4180 with a required header row: comma-separated fields; LF or CRLF line
/// ends; quoted fields may hold commas, quotes (doubled) and line breaks; UTF-8 text with an
/// optional byte order mark; the last line break is optional and blank lines at the end are
/// ignored. Every malformation is a ``DataError`` with line and column.
public enum CSVReader {
    /// Reads and parses the CSV file at `url`.
    /// - Parameters:
    ///   - displayPath: the path shown in errors; defaults to `url.path`.
    ///   - requireRows: whether a file with a header but no data rows is an error.
    /// - Throws: ``DataError`` when the file cannot be read or is malformed.
    public static func read(url: URL, displayPath: String? = nil, requireRows: Bool = false) throws -> CSVTable {
        let source = displayPath ?? url.path
        let data = try FileAccess.contents(of: url, source: source)
        let table = try data.withUnsafeBytes { raw in
            try CSVTable(parsing: raw.assumingMemoryBound(to: UInt8.self), source: source)
        }
        if requireRows { try table.requireRows() }
        return table
    }

    /// Parses CSV text.
    /// - Parameters:
    ///   - source: the name shown in errors (a path, or something like `<stdin>`).
    ///   - requireRows: whether a header without data rows is an error.
    /// - Throws: ``DataError`` when the text is malformed.
    public static func parse(_ text: String, source: String, requireRows: Bool = false) throws -> CSVTable {
        var text = text
        let table = try text.withUTF8 { try CSVTable(parsing: $0, source: source) }
        if requireRows { try table.requireRows() }
        return table
    }
}

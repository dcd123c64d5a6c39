/// A CSV file held in memory: a header of unique column names and rectangular rows of text.
///
/// Cells are stored row by row as UTF-8 bytes in one buffer, with the place of each cell for error
/// messages: no allocation per cell or row, and numbers are read straight from the bytes. Strings
/// are made when asked for. Read a table with ``CSVReader``; use ``CSVRecordStream`` for files too
/// large to hold.
public struct CSVTable: Sendable {
    private let storage: CSVRows

    /// Parses a whole CSV file already in memory.
    init(parsing bytes: UnsafeBufferPointer<UInt8>, source: String) throws {
        var parser = CSVParser(source: source)
        var builder = CSVRows.Builder(inputSize: bytes.count)
        try parser.consume(bytes, into: &builder)
        let header = try parser.finish(into: &builder)
        storage = builder.build(header: header)
    }

    /// The display path of the file, used in error messages.
    public var source: String { storage.header.source }

    /// The column names, trimmed of surrounding spaces and tabs; unique and non-empty.
    public var header: [String] { storage.header.names }

    /// The number of columns.
    public var columnCount: Int { storage.columnCount }

    /// The number of data rows (the header is not counted).
    public var rowCount: Int { storage.count }

    /// The 1-based line on which each data row starts (a quoted field may continue on later lines).
    public var rowLines: [Int] { storage.lines }

    /// The text of the cell in data row `row` (0-based) and column `column` (0-based).
    ///
    /// - Precondition: both indices are in range.
    public subscript(row: Int, column: Int) -> String {
        precondition(row >= 0 && row < rowCount && column >= 0 && column < columnCount, "cell index out of range")
        return storage.string(row: row, column: column)
    }

    /// All data rows as arrays of cells (builds the strings on each call).
    public var rows: [[String]] {
        (0..<rowCount).map { row in (0..<columnCount).map { storage.string(row: row, column: $0) } }
    }

    /// Data row `row` (0-based), with its line and the place of each cell; it shares the table's storage.
    ///
    /// - Precondition: `row` is in range.
    public func record(at row: Int) -> CSVRecord {
        precondition(row >= 0 && row < rowCount, "row index out of range")
        return CSVRecord(storage: storage, row: row)
    }

    /// The 0-based index of the column called `name` (compared exactly, after the header's trimming).
    /// - Throws: ``DataError`` at the header line listing the columns and suggesting a close match.
    public func columnIndex(named name: String) throws -> Int {
        try storage.header.index(of: name)
    }

    /// The cells of the column called `name`, one per data row.
    /// - Throws: ``DataError`` for an unknown column name.
    public func strings(column name: String) throws -> [String] {
        let column = try columnIndex(named: name)
        return (0..<rowCount).map { self[$0, column] }
    }

    /// The cells of the column called `name` as finite numbers, one per data row.
    ///
    /// A cell holds a decimal number, optionally surrounded by spaces and tabs:
    /// `[+-]? (digits [. digits] | . digits) ([eE] [+-]? digits)?`, rounded as by `Double(String)`.
    /// Hexadecimal floats, digit separators (`1_000`), `nan` and `inf`, and decimals that overflow
    /// `Double` (`1e999`) are rejected. A table with no data rows gives an empty array (see
    /// ``requireRows()``).
    /// - Throws: ``DataError`` for an unknown column name, or located at the first cell that is
    ///   empty ("missing value"), not a number, or not a finite number.
    public func numbers(column name: String) throws -> [Double] {
        let column = try columnIndex(named: name)
        return try (0..<rowCount).map { try storage.number(row: $0, column: column) }
    }

    /// Several numeric columns at once, checking every cell and reporting all problems together.
    ///
    /// The result has one array per name in `names`. Cells follow the syntax of ``numbers(column:)``.
    /// - Parameter maximumErrors: how many problems to describe; further ones are only counted.
    /// - Throws: ``DataErrors`` listing unknown column names, then bad cells in file order.
    public func numbers(columns names: [String], maximumErrors: Int = 100) throws -> [[Double]] {
        var collector = DataErrorCollector(limit: maximumErrors)
        var indices: [Int] = []
        for name in names {
            do { indices.append(try columnIndex(named: name)) } catch let error as DataError { collector.record(error) }
        }
        try collector.throwIfAny()
        var result = [[Double]](repeating: [], count: indices.count)
        // Within a row, visit the cells from left to right so that problems come in file order.
        let visitOrder = indices.enumerated().sorted { $0.element < $1.element }
        for row in 0..<rowCount {
            for (slot, column) in visitOrder {
                do {
                    result[slot].append(try storage.number(row: row, column: column))
                } catch let error as DataError {
                    collector.record(error)
                }
            }
        }
        try collector.throwIfAny()
        return result
    }

    /// Checks that the file has at least `minimum` data rows.
    /// - Throws: ``DataError`` at the last line of the file when there are fewer.
    public func requireRows(_ minimum: Int = 1) throws {
        guard rowCount < minimum else { return }
        let line = rowLines.last ?? storage.header.line
        let found = rowCount == 0 ? "no data rows after the header" : "only \(rowCount) data row\(rowCount == 1 ? "" : "s")"
        throw DataError(file: source, line: line, message: "\(found); at least \(minimum) needed")
    }
}

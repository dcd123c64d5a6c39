/// A place in a text file: 1-based line and column (the column counts Unicode scalars).
public struct CSVPosition: Sendable, Hashable {
    /// The 1-based line.
    public var line: Int
    /// The 1-based column within ``line``, in Unicode scalars (a byte order mark is not counted).
    public var column: Int

    /// The position at `line`, `column`.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// One data row of a CSV file, with the place of each field for error messages.
///
/// A record always has as many fields as the header has columns (the readers reject ragged rows).
/// It shares the storage it was read into — a whole ``CSVTable``, or one chunk of a
/// ``CSVRecordStream`` — so taking a record allocates nothing, and keeping one keeps that storage.
/// Two records are equal when their source, header, line, fields and field positions are.
public struct CSVRecord: Sendable, Equatable {
    private let storage: CSVRows
    private let row: Int

    init(storage: CSVRows, row: Int) {
        self.storage = storage
        self.row = row
    }

    /// The display path of the file the record comes from.
    public var source: String { storage.header.source }

    /// The column names of the file's header, in order.
    public var columnNames: [String] { storage.header.names }

    /// The 1-based line on which the record starts (a quoted field may continue on later lines).
    public var line: Int { storage.lines[row] }

    /// The fields, unquoted (`""` inside a quoted field becomes `"`), in header order.
    ///
    /// Builds the strings on each call; ``field(at:)`` and ``number(at:)`` read one field directly.
    public var fields: [String] {
        (0..<storage.columnCount).map { storage.string(row: row, column: $0) }
    }

    /// Where each field starts: its opening quote, or its first character.
    public var positions: [CSVPosition] {
        (0..<storage.columnCount).map { storage.position(row: row, column: $0) }
    }

    /// The text of the field at `index` (a 0-based column index).
    ///
    /// - Precondition: `index` is a column index of the header.
    public func field(at index: Int) -> String {
        checkIndex(index)
        return storage.string(row: row, column: index)
    }

    /// The finite number in the field at `index` (a 0-based column index, as returned by
    /// ``CSVRecordStream/columnIndex(named:)``).
    ///
    /// Spaces and tabs around the number are ignored; see ``CSVTable/numbers(column:)`` for the syntax.
    /// - Precondition: `index` is a column index of the header.
    /// - Throws: ``DataError`` at the field for a missing, non-numeric or non-finite value.
    public func number(at index: Int) throws -> Double {
        checkIndex(index)
        return try storage.number(row: row, column: index)
    }

    /// Where the field at `index` starts: its opening quote, or its first character.
    ///
    /// - Precondition: `index` is a column index of the header.
    public func position(at index: Int) -> CSVPosition {
        checkIndex(index)
        return storage.position(row: row, column: index)
    }

    /// The field at `index` as a finite number, or `nil` when it is not one (the syntax of
    /// ``number(at:)``, without building an error: for callers with their own wording or syntax).
    ///
    /// - Precondition: `index` is a column index of the header.
    public func finiteNumber(at index: Int) -> Double? {
        checkIndex(index)
        return storage.finiteNumber(row: row, column: index)
    }

    /// The finite number in the column called `name`.
    /// - Throws: ``DataError`` for an unknown column name, or as ``number(at:)``.
    public func number(column name: String) throws -> Double {
        try number(at: storage.header.index(of: name))
    }

    private func checkIndex(_ index: Int) {
        precondition(index >= 0 && index < storage.columnCount, "field index out of range")
    }

    /// Whether both records have the same source, header, line, fields and field positions.
    public static func == (lhs: CSVRecord, rhs: CSVRecord) -> Bool {
        lhs.storage.header == rhs.storage.header && lhs.line == rhs.line && lhs.fields == rhs.fields
            && lhs.positions == rhs.positions
    }
}

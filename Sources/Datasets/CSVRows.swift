/// Rows of CSV data in compact, immutable storage, shared by a ``CSVTable`` and the ``CSVRecord``s
/// taken from it (or, for a ``CSVRecordStream``, by the records completed from one chunk).
///
/// Cells are kept as UTF-8 bytes back to back (see ``CSVFields``) with their positions (see
/// ``CSVCellPositions``): no allocation per cell or row, numbers read straight from the bytes, and
/// a record is a reference to its rows plus an index.
final class CSVRows: Sendable {
    /// The header the rows were checked against.
    let header: CSVHeader
    /// The 1-based line on which each row starts.
    let lines: [Int]
    private let cells: CSVFields
    private let cellPositions: CSVCellPositions

    /// Collects the parser's records.
    struct Builder: CSVRecordSink {
        /// The expected input size in bytes, to reserve storage from the first row.
        let inputSize: Int
        private var cells = CSVFields()
        private var cellPositions = CSVCellPositions()
        private var lines: [Int] = []

        init(inputSize: Int) {
            self.inputSize = inputSize
        }

        mutating func receive(header: CSVHeader, line: Int, bytes: [UInt8], fieldEnds: [Int], positions: [CSVPosition]) {
            if lines.isEmpty {
                // Rows like the first one (its bytes plus one separator per field) would fill the input.
                let estimatedRows = inputSize / max(1, bytes.count + fieldEnds.count)
                cells.reserveCapacity(bytes: inputSize, fields: estimatedRows * fieldEnds.count)
            }
            cellPositions.append(row: lines.count, line: line, fieldEnds: fieldEnds, positions: positions)
            lines.append(line)
            cells.append(bytes: bytes, ends: fieldEnds)
        }

        /// The rows received so far, checked against `header`.
        func build(header: CSVHeader) -> CSVRows {
            CSVRows(header: header, lines: lines, cells: cells, cellPositions: cellPositions)
        }
    }

    private init(header: CSVHeader, lines: [Int], cells: CSVFields, cellPositions: CSVCellPositions) {
        self.header = header
        self.lines = lines
        self.cells = cells
        self.cellPositions = cellPositions
    }

    /// The number of rows.
    var count: Int { lines.count }

    /// The number of cells in each row.
    var columnCount: Int { header.names.count }

    /// The text of a cell.
    func string(row: Int, column: Int) -> String {
        cells.string(at: row * columnCount + column)
    }

    /// A cell as a finite number (see ``DecimalNumber`` for the syntax).
    /// - Throws: ``DataError`` at the cell for a missing, non-numeric or non-finite value.
    func number(row: Int, column: Int) throws -> Double {
        let index = row * columnCount + column
        let reading = cells.reading(at: index)
        if case .number(let value) = reading { return value }
        throw header.error(for: reading, in: cells.string(at: index), column: column,
                           at: position(row: row, column: column))
    }

    /// A cell as a finite number, or `nil` when it is not one.
    func finiteNumber(row: Int, column: Int) -> Double? {
        if case .number(let value) = cells.reading(at: row * columnCount + column) { return value }
        return nil
    }

    /// Where a cell starts in the file.
    func position(row: Int, column: Int) -> CSVPosition {
        let rowStart = cells.range(of: row * columnCount).lowerBound
        let cellStart = cells.range(of: row * columnCount + column).lowerBound
        return cellPositions.position(row: row, column: column, line: lines[row], offsetInRow: cellStart - rowStart)
    }
}

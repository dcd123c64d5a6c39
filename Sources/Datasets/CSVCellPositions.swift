/// Where each cell of a ``CSVTable`` starts, kept only for the rows that need it.
///
/// In a plain row — on one line, ASCII, with no quoted field before the last — cell `i` starts at
/// column `1 + i + (bytes of the cells before it)`, which the table computes from its cell storage.
/// Only the other rows store their positions, so a numeric table pays nothing for them.
struct CSVCellPositions: Sendable {
    /// The rows that store their positions, ascending.
    private var storedRows: [Int] = []
    /// For each stored row, the index of its first position in ``positions``.
    private var storedStarts: [Int] = []
    private var positions: [CSVPosition] = []

    /// Records row `row`, which starts on `line`: its field ends (byte offsets from the row's first
    /// byte) and the position of each field.
    mutating func append(row: Int, line: Int, fieldEnds: [Int], positions rowPositions: [CSVPosition]) {
        var offset = 0
        for (index, position) in rowPositions.enumerated() {
            guard position.line == line, position.column == 1 + index + offset else {
                storedRows.append(row)
                storedStarts.append(positions.count)
                positions.append(contentsOf: rowPositions)
                return
            }
            offset = fieldEnds[index]
        }
    }

    /// The position of cell `column` in row `row`, which starts on `line`, given the cell's byte
    /// offset from the row's first byte.
    func position(row: Int, column: Int, line: Int, offsetInRow: Int) -> CSVPosition {
        var low = 0
        var high = storedRows.count
        while low < high {
            let middle = (low + high) / 2
            if storedRows[middle] < row { low = middle + 1 } else { high = middle }
        }
        if low < storedRows.count, storedRows[low] == row {
            return positions[storedStarts[low] + column]
        }
        return CSVPosition(line: line, column: 1 + column + offsetInRow)
    }
}

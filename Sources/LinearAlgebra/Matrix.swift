/// A dense matrix of `Double` values stored in **column-major** order.
///
/// Layout: element `(i, j)` (row `i`, column `j`, both 0-based) lives at `elements[i + j * rows]`.
/// Each column is contiguous, which is the layout BLAS and LAPACK expect (leading dimension
/// `max(1, rows)`), so a `Matrix` is handed to them without copying or transposing.
///
/// A `Matrix` is a value type: copies are independent (copy-on-write through `Array`).
public struct Matrix: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The elements in column-major order; `elements.count == rows * columns`.
    public internal(set) var elements: [Double]

    /// A matrix with every element equal to `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.elements = Array(repeating: value, count: rows * columns)
    }

    /// A matrix from elements already in column-major order.
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when `elements.count != rows * columns`.
    public init(rows: Int, columns: Int, columnMajor elements: [Double]) throws {
        guard rows >= 0, columns >= 0, elements.count == rows * columns else {
            throw LinearAlgebraError.dimensionMismatch(
                "\(elements.count) elements cannot fill a \(rows)×\(columns) matrix")
        }
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix from a list of rows, as it is written on paper.
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when the rows differ in length.
    public init(rowMajor rowList: [[Double]]) throws {
        let columnCount = rowList.first?.count ?? 0
        for (index, row) in rowList.enumerated() where row.count != columnCount {
            throw LinearAlgebraError.dimensionMismatch(
                "row \(index + 1) has \(row.count) elements, row 1 has \(columnCount)")
        }
        self.init(rows: rowList.count, columns: columnCount)
        for (i, row) in rowList.enumerated() {
            for (j, value) in row.enumerated() { elements[i + j * rows] = value }
        }
    }

    /// A matrix whose columns are the given arrays.
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when the columns differ in length.
    public init(columnList: [[Double]]) throws {
        let rowCount = columnList.first?.count ?? 0
        for (index, column) in columnList.enumerated() where column.count != rowCount {
            throw LinearAlgebraError.dimensionMismatch(
                "column \(index + 1) has \(column.count) elements, column 1 has \(rowCount)")
        }
        self.rows = rowCount
        self.columns = columnList.count
        self.elements = columnList.flatMap { $0 }
    }

    /// The `n`×`n` identity matrix.
    public static func identity(_ n: Int) -> Matrix {
        var result = Matrix(rows: n, columns: n)
        for i in 0..<n { result.elements[i + i * n] = 1 }
        return result
    }

    /// A square matrix with `values` on the diagonal.
    public static func diagonal(_ values: [Double]) -> Matrix {
        var result = Matrix(rows: values.count, columns: values.count)
        for (i, value) in values.enumerated() { result.elements[i + i * values.count] = value }
        return result
    }

    /// Element at row `i`, column `j` (0-based). Traps when out of range, like `Array`.
    public subscript(i: Int, j: Int) -> Double {
        get { elements[i + j * rows] }
        set { elements[i + j * rows] = newValue }
    }

    /// Whether the matrix has as many rows as columns.
    public var isSquare: Bool { rows == columns }

    /// Whether every element is finite (neither NaN nor infinite).
    public var isFinite: Bool { elements.allSatisfy(\.isFinite) }

    /// Column `j` as an array.
    public func column(_ j: Int) -> [Double] {
        Array(elements[(j * rows)..<((j + 1) * rows)])
    }

    /// Row `i` as an array.
    public func row(_ i: Int) -> [Double] {
        (0..<columns).map { elements[i + $0 * rows] }
    }

    /// The main diagonal.
    public var diagonal: [Double] {
        (0..<Swift.min(rows, columns)).map { elements[$0 + $0 * rows] }
    }

    /// The transpose.
    public var transposed: Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for j in 0..<columns {
            for i in 0..<rows { result.elements[j + i * columns] = elements[i + j * rows] }
        }
        return result
    }

    /// The rows as nested arrays, as they are written on paper.
    public var rowMajor: [[Double]] { (0..<rows).map(row) }

    /// The columns selected by `indices`, in that order.
    public func columns(_ indices: [Int]) -> Matrix {
        var result = Matrix(rows: rows, columns: indices.count)
        for (target, source) in indices.enumerated() {
            result.elements.replaceSubrange(
                (target * rows)..<((target + 1) * rows), with: elements[(source * rows)..<((source + 1) * rows)])
        }
        return result
    }

    /// The largest absolute element (0 for an empty matrix).
    public var maxAbsoluteElement: Double { elements.reduce(0) { Swift.max($0, abs($1)) } }

    public var description: String {
        rowMajor.map { $0.map { "\($0)" }.joined(separator: "\t") }.joined(separator: "\n")
    }

    /// Throws ``LinearAlgebraError/nonFinite(_:)`` when an element is NaN or infinite, since LAPACK's
    /// results are undefined on such input.
    func requireFinite(_ context: String) throws {
        if let index = elements.firstIndex(where: { !$0.isFinite }) {
            throw LinearAlgebraError.nonFinite(
                "\(context): element (\(index % Swift.max(rows, 1) + 1), \(index / Swift.max(rows, 1) + 1)) is \(elements[index])")
        }
    }

    /// Throws ``LinearAlgebraError/dimensionMismatch(_:)`` unless the matrix is square.
    func requireSquare(_ context: String) throws {
        guard isSquare else {
            throw LinearAlgebraError.dimensionMismatch("\(context) needs a square matrix, got \(rows)×\(columns)")
        }
    }
}

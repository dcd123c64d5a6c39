import Foundation

/// Reads a CSV file record by record in fixed-size chunks, so memory stays bounded however large
/// the file is.
///
/// The dialect and the errors are those of ``CSVReader`` (the same parser runs underneath). The
/// header is read when the stream is opened; ``next()`` then returns the data records in order:
///
/// ```swift
/// let stream = try CSVRecordStream(url: url, displayPath: "series.csv")
/// let y = try stream.columnIndex(named: "y")
/// while let record = try stream.next() {
///     let value = try record.number(at: y)   // a DataError names series.csv:line:column
/// }
/// ```
///
/// Memory holds one chunk and the records completed from it (a record shares that storage, so
/// keeping records keeps their chunks). After an error, every later call of ``next()`` throws the
/// same error. The stream is a class because it owns an open file, which is closed when the
/// stream is released.
public final class CSVRecordStream {
    /// The default chunk size, 1 MiB.
    public static let defaultChunkSize = 1 << 20

    /// What one call of ``feed(_:from:chunkSize:into:)`` achieved.
    private enum Progress {
        case readChunk
        case finished(CSVHeader)
    }

    private let header: CSVHeader
    private let file: FileHandle
    private let chunkSize: Int
    private var parser: CSVParser
    /// The records completed from the last chunk, and the next one to return.
    private var block: CSVRows
    private var nextRow = 0
    private var reachedEnd = false
    private var failure: (any Error)?

    /// Opens the CSV file at `url` and reads its header row.
    /// - Parameters:
    ///   - displayPath: the path shown in errors; defaults to `url.path`.
    ///   - chunkSize: how many bytes to read at a time (values below 1 count as 1).
    /// - Throws: ``DataError`` when the file cannot be opened, is empty, or has a bad header.
    public init(url: URL, displayPath: String? = nil, chunkSize: Int = CSVRecordStream.defaultChunkSize) throws {
        let source = displayPath ?? url.path
        let file = try FileAccess.handle(forReading: url, source: source)
        self.file = file
        self.chunkSize = max(1, chunkSize)
        var parser = CSVParser(source: source)
        var builder = CSVRows.Builder(inputSize: self.chunkSize)
        do {
            while true {
                if case .finished(let header) = try Self.feed(&parser, from: file, chunkSize: self.chunkSize,
                                                              into: &builder) {
                    self.header = header
                    reachedEnd = true
                    break
                }
                if let header = parser.header {
                    self.header = header
                    break
                }
            }
        } catch {
            try? file.close()
            throw error
        }
        self.parser = parser
        self.block = builder.build(header: header)
    }

    deinit {
        try? file.close()
    }

    /// The display path of the file, used in error messages.
    public var source: String { header.source }

    /// The column names, trimmed of surrounding spaces and tabs; unique and non-empty.
    public var columnNames: [String] { header.names }

    /// The 0-based index of the column called `name`, for ``CSVRecord/number(at:)``.
    /// - Throws: ``DataError`` at the header line listing the columns and suggesting a close match.
    public func columnIndex(named name: String) throws -> Int {
        try header.index(of: name)
    }

    /// The next data record, or `nil` at the end of the file.
    /// - Throws: ``DataError`` for a malformed record or a read failure (and again on every later call).
    public func next() throws -> CSVRecord? {
        if let failure { throw failure }
        do {
            while nextRow == block.count {
                if reachedEnd { return nil }
                var builder = CSVRows.Builder(inputSize: chunkSize)
                if case .finished = try Self.feed(&parser, from: file, chunkSize: chunkSize, into: &builder) {
                    reachedEnd = true
                }
                block = builder.build(header: header)
                nextRow = 0
            }
        } catch {
            failure = error
            throw error
        }
        defer { nextRow += 1 }
        return CSVRecord(storage: block, row: nextRow)
    }

    /// Reads one chunk into `parser`, or finishes the parser at the end of the file.
    private static func feed(_ parser: inout CSVParser, from file: FileHandle, chunkSize: Int,
                             into builder: inout CSVRows.Builder) throws -> Progress {
        let chunk = try FileAccess.read(file, upTo: chunkSize, source: parser.source)
        guard !chunk.isEmpty else {
            return .finished(try parser.finish(into: &builder))
        }
        try chunk.withUnsafeBytes { raw in
            try parser.consume(raw.assumingMemoryBound(to: UInt8.self), into: &builder)
        }
        return .readChunk
    }
}

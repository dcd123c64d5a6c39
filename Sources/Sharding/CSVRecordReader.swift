import Foundation

/// The records of a CSV file as raw bytes, read in blocks: a record ends at a line feed outside
/// double quotes, and is returned with its line feed, so that writing the records out again
/// reproduces the file byte for byte.
public final class CSVRecordReader {
    /// The file, as given.
    public let path: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false

    /// Opens `path`.
    /// - Throws: ``ShardError`` naming it when it cannot be read.
    public init(path: String) throws(ShardError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ShardError(file: path, message: "cannot read it (\(String(cString: strerror(errno))))")
        }
        self.path = path
        self.handle = handle
    }

    deinit { try? handle.close() }

    /// The next record with its line feed (the last one may lack it), or `nil` at the end.
    public func next() throws(ShardError) -> ArraySlice<UInt8>? {
        var quoted = false
        var index = position
        while true {
            while index < buffer.count {
                let byte = buffer[index]
                index += 1
                if byte == UInt8(ascii: "\"") {
                    quoted.toggle()
                } else if byte == UInt8(ascii: "\n"), !quoted {
                    defer { position = index }
                    return buffer[position..<index]
                }
            }
            guard !atEnd else {
                guard position < buffer.count else { return nil }
                defer { position = buffer.count }
                return buffer[position...]
            }
            // Keep the unfinished record, read the next block behind it.
            let scanned = index - position
            buffer.removeSubrange(0..<position)
            position = 0
            index = scanned
            do {
                if let block = try handle.read(upToCount: 1 << 20), !block.isEmpty { buffer += block } else { atEnd = true }
            } catch {
                throw ShardError(file: path, message: "cannot read it (\(error.localizedDescription))")
            }
        }
    }

    /// The first `count` fields of a record, unquoted (fewer when the record has fewer).
    public static func leadingFields(_ record: ArraySlice<UInt8>, count: Int) -> [String] {
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var index = record.startIndex
        while index < record.endIndex, fields.count < count {
            let byte = record[index]
            index += 1
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index < record.endIndex, record[index] == UInt8(ascii: "\"") { field.append(byte); index += 1 } else { quoted = false }
                } else {
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: "\"") {
                quoted = true
            } else if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") {
                fields.append(String(decoding: field, as: UTF8.self))
                field = []
                if byte == UInt8(ascii: "\n") { return fields }
            } else if byte != UInt8(ascii: "\r") {
                field.append(byte)
            }
        }
        if fields.count < count { fields.append(String(decoding: field, as: UTF8.self)) }
        return fields
    }
}

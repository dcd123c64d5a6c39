/// CSV fields stored compactly: their unquoted bytes back to back, and where each field ends.
///
/// Holding bytes instead of one `String` per field avoids an allocation per field, and numbers are
/// read straight from the bytes. The bytes are valid UTF-8 (the parser checks every field).
struct CSVFields: Sendable {
    /// The fields' bytes, one field after another.
    private(set) var bytes: [UInt8] = []
    /// The offset in ``bytes`` just past each field.
    private(set) var ends: [Int] = []

    init() {}

    init(bytes: [UInt8], ends: [Int]) {
        self.bytes = bytes
        self.ends = ends
    }

    /// The number of fields.
    var count: Int { ends.count }

    /// The bytes of field `index`.
    func range(of index: Int) -> Range<Int> {
        (index == 0 ? 0 : ends[index - 1]) ..< ends[index]
    }

    /// The text of field `index`.
    func string(at index: Int) -> String {
        String(decoding: bytes[range(of: index)], as: UTF8.self)
    }

    /// The text of every field.
    var strings: [String] { (0..<count).map(string(at:)) }

    /// Makes room for `byteCount` bytes and `fieldCount` fields in all, so that appending does not
    /// copy the storage as it grows.
    mutating func reserveCapacity(bytes byteCount: Int, fields fieldCount: Int) {
        bytes.reserveCapacity(byteCount)
        ends.reserveCapacity(fieldCount)
    }

    /// Appends the fields of a record given as bytes and end offsets.
    mutating func append(bytes recordBytes: [UInt8], ends recordEnds: [Int]) {
        let base = bytes.count
        bytes.append(contentsOf: recordBytes)
        for end in recordEnds { ends.append(base + end) }
    }

    /// Field `index` read as a decimal number.
    func reading(at index: Int) -> DecimalReading {
        let range = range(of: index)
        return bytes.withUnsafeBufferPointer { all in DecimalNumber.read(UnsafeBufferPointer(rebasing: all[range])) }
    }
}

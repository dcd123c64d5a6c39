/// Receives the data records (not the header) that ``CSVParser`` completes.
protocol CSVRecordSink {
    /// One record, checked against `header`: the line where it starts, the unquoted bytes of its
    /// fields one after another (valid UTF-8), the end offset of each field in those bytes, and
    /// where each field starts in the file.
    mutating func receive(header: CSVHeader, line: Int, bytes: [UInt8], fieldEnds: [Int], positions: [CSVPosition])
}

/// The RFC 4180 state machine shared by ``CSVReader`` (a whole file) and ``CSVRecordStream``
/// (a file read in chunks).
///
/// Feed the bytes with ``consume(_:into:)`` in as many chunks as convenient — a chunk may end
/// anywhere, even inside a quoted field, between CR and LF, inside a UTF-8 sequence or inside a
/// byte order mark — then call ``finish(into:)`` once.
///
/// The dialect: fields are separated by commas and records by LF or CRLF; a field that starts with
/// a quote is quoted and may contain commas, line breaks and doubled quotes (`""` for `"`); a quote
/// anywhere else, text after a closing quote, and a CR not followed by LF are errors. The text is
/// UTF-8, optionally after a byte order mark. The first record is the header (see ``CSVHeader``);
/// every later record must have as many fields. A record that is a single unquoted field of spaces
/// and tabs (a blank line) is held back and delivered only if a non-blank record follows, so blank
/// lines at the end of the file are ignored.
struct CSVParser {
    private enum State {
        /// Before the first byte of a field.
        case fieldStart
        /// Inside a field that did not start with a quote.
        case unquoted
        /// Inside a quoted field.
        case quoted
        /// Just after a quote inside a quoted field: a doubled quote or the closing one.
        case quoteInQuoted
        /// Just after a CR that ended a field; only LF may follow.
        case carriageReturn
    }

    private struct BlankRecord {
        let line: Int
        let bytes: [UInt8]
        let position: CSVPosition
        let end: CSVPosition
    }

    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The display path used in errors.
    let source: String
    /// The header, once the first record has been read.
    private(set) var header: CSVHeader?

    private var state = State.fieldStart
    private var line = 1
    private var column = 1
    private var byteOrderMarkMatched = 0
    private var isPastByteOrderMark = false

    /// The bitwise or of the field's bytes: below 0x80 means ASCII, which needs no UTF-8 validation.
    private var fieldByteBits: UInt8 = 0
    private var fieldStart = CSVPosition(line: 1, column: 1)
    private var fieldIsQuoted = false
    private var carriageReturnPosition = CSVPosition(line: 1, column: 1)

    private var recordLine = 1
    private var recordBytes: [UInt8] = []
    private var fieldEnds: [Int] = []
    private var positions: [CSVPosition] = []
    private var lastFieldWasQuoted = false
    private var deferredBlankRecords: [BlankRecord] = []

    init(source: String) {
        self.source = source
    }

    private var position: CSVPosition { CSVPosition(line: line, column: column) }

    /// Parses the next chunk of the file, handing each data record it completes to `sink`.
    /// - Throws: ``DataError`` at the first malformed byte (the parser is unusable afterwards).
    mutating func consume<Sink: CSVRecordSink>(_ bytes: UnsafeBufferPointer<UInt8>, into sink: inout Sink) throws {
        var start = 0
        if !isPastByteOrderMark {
            while start < bytes.count, byteOrderMarkMatched < Self.byteOrderMark.count,
                  bytes[start] == Self.byteOrderMark[byteOrderMarkMatched] {
                byteOrderMarkMatched += 1
                start += 1
            }
            let undecided = byteOrderMarkMatched < Self.byteOrderMark.count && start == bytes.count
            if undecided { return }
            try leaveByteOrderMark(&sink)
        }
        try scan(UnsafeBufferPointer(rebasing: bytes[start...]), &sink)
    }

    /// Completes the last record at the end of the file and returns the header.
    /// - Throws: ``DataError`` for an unterminated quoted field, a trailing lone CR, or an empty file.
    mutating func finish<Sink: CSVRecordSink>(into sink: inout Sink) throws -> CSVHeader {
        if !isPastByteOrderMark { try leaveByteOrderMark(&sink) }
        switch state {
        case .fieldStart:
            // After a trailing comma the record still has an empty last field.
            if !fieldEnds.isEmpty {
                fieldStart = position
                fieldIsQuoted = false
                try finishField()
                try finishRecord(end: position, &sink)
            }
        case .unquoted, .quoteInQuoted:
            try finishField()
            try finishRecord(end: position, &sink)
        case .quoted:
            throw error(at: fieldStart, "quoted field is not closed: the file ends before its closing quote")
        case .carriageReturn:
            throw error(at: carriageReturnPosition, "carriage return (CR) not followed by a line feed (LF)")
        }
        deferredBlankRecords.removeAll()
        guard let header else { throw error(at: CSVPosition(line: 1, column: 1), "file is empty") }
        return header
    }

    /// Decides on the byte order mark: the bytes matched so far are data unless all three matched.
    private mutating func leaveByteOrderMark<Sink: CSVRecordSink>(_ sink: inout Sink) throws {
        isPastByteOrderMark = true
        guard byteOrderMarkMatched < Self.byteOrderMark.count else { return }
        let data = Array(Self.byteOrderMark.prefix(byteOrderMarkMatched))
        try data.withUnsafeBufferPointer { try scan($0, &sink) }
    }

    private mutating func scan<Sink: CSVRecordSink>(_ bytes: UnsafeBufferPointer<UInt8>, _ sink: inout Sink) throws {
        var index = 0
        let end = bytes.count
        while index < end {
            switch state {
            case .fieldStart:
                if fieldEnds.isEmpty { recordLine = line }
                fieldStart = position
                if bytes[index] == Self.quote {
                    fieldIsQuoted = true
                    state = .quoted
                    column += 1
                    index += 1
                } else {
                    fieldIsQuoted = false
                    state = .unquoted
                }

            case .unquoted:
                let runStart = index
                var bits: UInt8 = 0
                while index < end {
                    let byte = bytes[index]
                    // Every special byte is at most ",", so one comparison clears digits and letters.
                    if byte <= Self.comma,
                       byte == Self.comma || byte == Self.lineFeed || byte == Self.carriageReturn || byte == Self.quote {
                        break
                    }
                    bits |= byte
                    index &+= 1
                }
                appendRun(UnsafeBufferPointer(rebasing: bytes[runStart..<index]), bits: bits)
                guard index < end else { return }
                let terminator = bytes[index]
                if terminator == Self.quote {
                    throw error(at: position, "quote inside an unquoted field; "
                                + "enclose the whole field in quotes and double each quote inside it")
                }
                try finishField()
                try endField(with: terminator, &sink)
                index += 1

            case .quoted:
                let runStart = index
                var bits: UInt8 = 0
                while index < end, bytes[index] != Self.quote, bytes[index] != Self.lineFeed {
                    bits |= bytes[index]
                    index &+= 1
                }
                appendRun(UnsafeBufferPointer(rebasing: bytes[runStart..<index]), bits: bits)
                guard index < end else { return }
                if bytes[index] == Self.lineFeed {
                    recordBytes.append(Self.lineFeed)
                    line += 1
                    column = 1
                } else {
                    state = .quoteInQuoted
                    column += 1
                }
                index += 1

            case .quoteInQuoted:
                let byte = bytes[index]
                if byte == Self.quote {
                    recordBytes.append(Self.quote)
                    state = .quoted
                    column += 1
                } else if byte == Self.comma || byte == Self.lineFeed || byte == Self.carriageReturn {
                    try finishField()
                    try endField(with: byte, &sink)
                } else {
                    throw error(at: position, "unexpected text after the closing quote of a field; "
                                + "a quote inside a quoted field is written as two quotes (\"\")")
                }
                index += 1

            case .carriageReturn:
                guard bytes[index] == Self.lineFeed else {
                    throw error(at: carriageReturnPosition, "carriage return (CR) not followed by a line feed (LF)")
                }
                line += 1
                column = 1
                state = .fieldStart
                index += 1
                try finishRecord(end: carriageReturnPosition, &sink)
            }
        }
    }

    /// Adds a run of field bytes without special characters; `bits` is the bitwise or of the bytes.
    private mutating func appendRun(_ run: UnsafeBufferPointer<UInt8>, bits: UInt8) {
        recordBytes.append(contentsOf: run)
        fieldByteBits |= bits
        // Columns count Unicode scalars: every byte of ASCII, and the non-continuation bytes otherwise.
        column += bits < 0x80 ? run.count : run.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }

    /// Ends the current field, whose bytes are at the end of `recordBytes`.
    private mutating func finishField() throws {
        let start = fieldEnds.last ?? 0
        if fieldByteBits >= 0x80 {
            let isValid = recordBytes.withUnsafeBufferPointer { all in
                String(validating: UnsafeBufferPointer(rebasing: all[start...]), as: UTF8.self) != nil
            }
            guard isValid else { throw error(at: fieldStart, "field is not valid UTF-8 text") }
        }
        fieldByteBits = 0
        fieldEnds.append(recordBytes.count)
        positions.append(fieldStart)
        lastFieldWasQuoted = fieldIsQuoted
    }

    /// Acts on the comma, LF or CR at the current position that ended a field.
    private mutating func endField<Sink: CSVRecordSink>(with terminator: UInt8, _ sink: inout Sink) throws {
        let terminatorPosition = position
        column += 1
        switch terminator {
        case Self.comma:
            state = .fieldStart
        case Self.lineFeed:
            line += 1
            column = 1
            state = .fieldStart
            try finishRecord(end: terminatorPosition, &sink)
        default:
            carriageReturnPosition = terminatorPosition
            state = .carriageReturn
        }
    }

    /// Delivers the current record (holding back blank lines), whose terminator is at `end`.
    private mutating func finishRecord<Sink: CSVRecordSink>(end: CSVPosition, _ sink: inout Sink) throws {
        defer {
            recordBytes.removeAll(keepingCapacity: true)
            fieldEnds.removeAll(keepingCapacity: true)
            positions.removeAll(keepingCapacity: true)
        }
        if fieldEnds.count == 1, !lastFieldWasQuoted,
           recordBytes.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
            deferredBlankRecords.append(BlankRecord(line: recordLine, bytes: recordBytes, position: positions[0], end: end))
            return
        }
        for blank in deferredBlankRecords {
            if let newHeader = try deliver(line: blank.line, bytes: blank.bytes, fieldEnds: [blank.bytes.count],
                                           positions: [blank.position], end: blank.end, &sink) {
                header = newHeader
            }
        }
        deferredBlankRecords.removeAll()
        if let newHeader = try deliver(line: recordLine, bytes: recordBytes, fieldEnds: fieldEnds, positions: positions,
                                       end: end, &sink) {
            header = newHeader
        }
    }

    /// Checks a record against the header and hands it on; returns the header if this record is it.
    private func deliver<Sink: CSVRecordSink>(line: Int, bytes: [UInt8], fieldEnds: [Int], positions: [CSVPosition],
                                              end: CSVPosition, _ sink: inout Sink) throws -> CSVHeader? {
        guard let header else {
            let names = CSVFields(bytes: bytes, ends: fieldEnds).strings
            return try CSVHeader(fields: names, positions: positions, line: line, source: source)
        }
        let width = header.names.count
        guard fieldEnds.count == width else {
            let place = fieldEnds.count > width ? positions[width] : end
            let noun = fieldEnds.count == 1 ? "field" : "fields"
            throw error(at: place, "row has \(fieldEnds.count) \(noun), header has \(width)")
        }
        sink.receive(header: header, line: line, bytes: bytes, fieldEnds: fieldEnds, positions: positions)
        return nil
    }

    private func error(at position: CSVPosition, _ message: String) -> DataError {
        DataError(file: source, line: position.line, column: position.column, message: message)
    }
}

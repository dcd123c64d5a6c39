import Foundation
import Testing

@testable import Datasets

@Suite("CSVRecordStream")
struct CSVRecordStreamTests {
    /// What reading a file produced: its records, or the error that stopped it.
    private enum Outcome: Equatable {
        case records([CSVRecord])
        case failure(DataError)
        case unexpected(String)
    }

    private static func inMemory(_ text: String) -> Outcome {
        do {
            let table = try CSVReader.parse(text, source: "s.csv")
            return .records((0..<table.rowCount).map(table.record(at:)))
        } catch let error as DataError {
            return .failure(error)
        } catch {
            return .unexpected("\(error)")
        }
    }

    private static func streamed(_ url: URL, chunkSize: Int) -> Outcome {
        var records: [CSVRecord] = []
        do {
            let stream = try CSVRecordStream(url: url, displayPath: "s.csv", chunkSize: chunkSize)
            while let record = try stream.next() { records.append(record) }
            return .records(records)
        } catch let error as DataError {
            return .failure(error)
        } catch {
            return .unexpected("\(error)")
        }
    }

    /// Inputs covering every parser state at a chunk boundary, valid and invalid.
    static let inputs: [String] = [
        "x,y\n1,2\n3,4\n",
        "x,y\r\n1,2\r\n3,4",
        "\u{FEFF}x,y\r\n\"a\r\nb\",\"c,\"\"d\"\"\"\r\n\r\n",
        "\u{FEFF}",
        "\u{FEFF}\u{FEFF}x\n1\n",
        "\u{FEC0}x,y\n1,2\n",
        "名前,値\n\"東京\n大阪\",é\n",
        "a,b\n1,\n,\n\"\",\"\"\n",
        "a\n1\n\n2\n \n\t\n",
        "",
        "\n\n",
        "x,,y\n",
        "x,y,x\n",
        "a,b,c\n1,2\n",
        "a,b\n1,2,3\n",
        "a,b\n1,\"abc\n",
        "a,b\n1,ab\"c\n",
        "a,b\n\"x\"y,2\n",
        "a,b\r1,2\n",
        "a,b\n1,2\r",
        "a,b\n1,2\n\n3,4\n",
    ]

    @Test(arguments: inputs)
    func matchesTheInMemoryReaderForEveryChunkSize(text: String) throws {
        let expected = Self.inMemory(text)
        try TestSupport.withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("s.csv")
            try Data(text.utf8).write(to: url)
            for chunkSize in [1, 2, 3, 4, 5, 6, 7, 64, CSVRecordStream.defaultChunkSize] {
                #expect(Self.streamed(url, chunkSize: chunkSize) == expected, "chunk size \(chunkSize)")
            }
        }
    }

    @Test func matchesTheInMemoryReaderOnALargerFile() throws {
        var generator = SplitMix64(seed: 42)
        let pieces = ["0.5", "-12", "\"q,\"\"x\"\"\"", "\"line\r\nbreak\"", "é", "", "1e-3", "\"\""]
        var text = "id,a,b,c\r\n"
        for row in 0..<3_000 {
            let cells = (0..<3).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }
            text += "\(row),\(cells.joined(separator: ","))" + (row % 2 == 0 ? "\r\n" : "\n")
        }
        let expected = Self.inMemory(text)
        guard case .records(let records) = expected else {
            Issue.record("the generated file should parse")
            return
        }
        #expect(records.count == 3_000)
        try TestSupport.withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("s.csv")
            try Data(text.utf8).write(to: url)
            for chunkSize in [1, 7, 4_096] {
                #expect(Self.streamed(url, chunkSize: chunkSize) == expected, "chunk size \(chunkSize)")
            }
        }
    }

    @Test func convertsNumbersWithLocatedErrors() throws {
        try TestSupport.withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("s.csv")
            try Data("series,x,y\nA,1,2.5\nA,2,oops\n".utf8).write(to: url)
            let stream = try CSVRecordStream(url: url, displayPath: "s.csv", chunkSize: 5)
            #expect(stream.source == "s.csv")
            #expect(stream.columnNames == ["series", "x", "y"])
            let y = try stream.columnIndex(named: "y")
            let first = try #require(try stream.next())
            #expect(first.line == 2)
            #expect(first.source == "s.csv")
            #expect(first.columnNames == ["series", "x", "y"])
            #expect(try first.number(at: y) == 2.5)
            #expect(try first.number(column: "x") == 1)
            let second = try #require(try stream.next())
            #expect(throws: DataError(file: "s.csv", line: 3, column: 5, message: "'oops' is not a number in column 'y'")) {
                try second.number(at: y)
            }
            #expect(throws: DataError(file: "s.csv", line: 1, message: "no column named 'Y'; did you mean 'y'? (columns: 'series', 'x', 'y')")) {
                try stream.columnIndex(named: "Y")
            }
            #expect(try stream.next() == nil)
            #expect(try stream.next() == nil)
        }
    }

    @Test func errorsAreSticky() throws {
        try TestSupport.withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("s.csv")
            try Data("a,b\n1,2\n3\n5,6\n".utf8).write(to: url)
            let stream = try CSVRecordStream(url: url, displayPath: "s.csv", chunkSize: 3)
            #expect(try stream.next()?.fields == ["1", "2"])
            let ragged = DataError(file: "s.csv", line: 3, column: 2, message: "row has 1 field, header has 2")
            #expect(throws: ragged) { try stream.next() }
            #expect(throws: ragged) { try stream.next() }
        }
    }

    @Test func reportsFilesThatCannotBeOpened() throws {
        try TestSupport.withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("missing.csv")
            #expect(throws: DataError(file: "missing.csv", message: "cannot open the file: no such file")) {
                try CSVRecordStream(url: url, displayPath: "missing.csv")
            }
        }
    }
}

/// A small deterministic generator for test data (SplitMix64).
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

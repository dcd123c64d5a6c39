import Foundation
import Sharding
import Testing

/// The raw CSV records of a shard output: quoted line feeds stay inside a record, records that
/// span the 1 MiB read blocks come out whole, and the records concatenate to the file.
@Suite("CSVRecordReader")
struct CSVRecordReaderTests {
    static func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("records-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func records(_ path: String) throws -> [String] {
        let reader = try CSVRecordReader(path: path)
        var records: [String] = []
        while let record = try reader.next() { records.append(String(decoding: record, as: UTF8.self)) }
        return records
    }

    @Test func quotedLineFeedsStayInTheirRecord() throws {
        let text = "series,message\n\"a,1\",\"two\nlines\"\nb,\"say \"\"hi\"\"\"\nc,last"
        let path = try Self.file(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let records = try Self.records(path)
        #expect(records == ["series,message\n", "\"a,1\",\"two\nlines\"\n", "b,\"say \"\"hi\"\"\"\n", "c,last"])
        #expect(CSVRecordReader.leadingFields(Array(records[1].utf8)[...], count: 2) == ["a,1", "two\nlines"])
        #expect(CSVRecordReader.leadingFields(Array(records[2].utf8)[...], count: 5) == ["b", "say \"hi\""])
        #expect(CSVRecordReader.leadingFields(Array(records[3].utf8)[...], count: 1) == ["c"])
    }

    @Test func recordsAcrossReadBlocksComeOutWhole() throws {
        let lines = (0..<40_000).map { "series-\($0),\(String(repeating: "x", count: $0 % 61)),\"q\n\($0)\"\n" }
        let path = try Self.file(lines.joined())
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try Self.records(path) == lines)
    }
}

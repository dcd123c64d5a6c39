import Foundation
import Testing

@testable import Reports

/// A fresh temporary directory, removed when released.
final class ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("ReportsTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Every entry of the directory, hidden ones included, sorted.
    func entries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }
}

@Suite("OutputFile")
struct OutputFileTests {
    @Test func writesANewFile() throws {
        let scratch = try ScratchDirectory()
        let target = scratch.url.appendingPathComponent("report.txt")
        try OutputFile.write("héllo, wörld\n", to: target)
        #expect(try String(contentsOf: target, encoding: .utf8) == "héllo, wörld\n")
        #expect(try scratch.entries() == ["report.txt"])
    }

    @Test func overwritesAndLeavesNoTemporaryFiles() throws {
        let scratch = try ScratchDirectory()
        let target = scratch.url.appendingPathComponent("report.json")
        try OutputFile.write(String(repeating: "long previous content\n", count: 1000), to: target)
        try OutputFile.write("{}\n", to: target)
        #expect(try String(contentsOf: target, encoding: .utf8) == "{}\n")
        for i in 0..<20 { try OutputFile.write("version \(i)\n", to: target) }
        #expect(try String(contentsOf: target, encoding: .utf8) == "version 19\n")
        #expect(try scratch.entries() == ["report.json"])
    }

    @Test func writesEmptyContent() throws {
        let scratch = try ScratchDirectory()
        let target = scratch.url.appendingPathComponent("empty.csv")
        try OutputFile.write("", to: target)
        #expect(try Data(contentsOf: target).isEmpty)
        #expect(try scratch.entries() == ["empty.csv"])
    }

    @Test func replacesAtomicallySoAReaderNeverSeesAPartialFile() throws {
        // The previous file stays readable and whole while it is replaced: a hard link to it keeps
        // the old contents, which an in-place rewrite would have truncated.
        let scratch = try ScratchDirectory()
        let target = scratch.url.appendingPathComponent("out.txt")
        let old = String(repeating: "old\n", count: 10_000)
        try OutputFile.write(old, to: target)
        let link = scratch.url.appendingPathComponent("reader-view.txt")
        try FileManager.default.linkItem(at: target, to: link)
        try OutputFile.write("new\n", to: target)
        #expect(try String(contentsOf: target, encoding: .utf8) == "new\n")
        #expect(try String(contentsOf: link, encoding: .utf8) == old, "the file was rewritten in place, not replaced")
        #expect(try scratch.entries() == ["out.txt", "reader-view.txt"])
    }

    @Test func failureThrowsAndLeavesNothingBehind() throws {
        let scratch = try ScratchDirectory()
        let missing = scratch.url.appendingPathComponent("no/such/folder/out.txt")
        #expect(throws: (any Error).self) { try OutputFile.write("x", to: missing) }
        let folder = scratch.url.appendingPathComponent("folder")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        #expect(throws: (any Error).self) { try OutputFile.write("x", to: folder) }
        #expect(try scratch.entries() == ["folder"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}

@Suite("JSONOutput")
struct JSONOutputTests {
    struct Sample: Encodable {
        @FiniteOrNull var someValue: Double?
        @FiniteOrNull var notANumber: Double?
        @FiniteOrNull var plusInfinity: Double?
        @FiniteOrNull var minusInfinity: Double?
        @FiniteOrNull var missing: Double?
        let zLast: Int
        let aFirst: String
    }

    private func decode(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func nonFiniteNumbersAreNull() throws {
        let text = try JSONOutput.render(Sample(someValue: 1.5, notANumber: .nan, plusInfinity: .infinity,
                                                minusInfinity: -.infinity, missing: nil, zLast: 3, aFirst: "a/b"))
        let object = try decode(text)
        #expect((object["some_value"] as? NSNumber)?.doubleValue == 1.5)
        for key in ["not_a_number", "plus_infinity", "minus_infinity", "missing"] {
            #expect(object[key] is NSNull, "\(key) should be null: \(text)")
        }
        #expect(object["z_last"] as? Int == 3)
        #expect(object["a_first"] as? String == "a/b")
    }

    @Test func keysAreSnakeCaseSortedAndOutputEndsWithNewline() throws {
        let text = try JSONOutput.render(Sample(someValue: 2, notANumber: nil, plusInfinity: nil, minusInfinity: nil,
                                                missing: nil, zLast: 1, aFirst: "x/y"))
        #expect(text.hasSuffix("}\n"))
        #expect(text.contains("\"x/y\""), "slashes are not escaped")
        let keys = ["a_first", "minus_infinity", "missing", "not_a_number", "plus_infinity", "some_value", "z_last"]
        let positions = keys.map { text.range(of: "\"\($0)\"")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil }, "\(text)")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "keys are sorted: \(text)")
    }

    @Test func extremeFiniteValuesRoundTrip() throws {
        struct Values: Encodable {
            @FiniteOrNull var big: Double?
            @FiniteOrNull var tiny: Double?
            @FiniteOrNull var negativeZero: Double?
            @FiniteOrNull var third: Double?
        }
        let text = try JSONOutput.render(Values(big: .greatestFiniteMagnitude, tiny: .leastNonzeroMagnitude,
                                                negativeZero: -0.0, third: 1.0 / 3))
        let object = try decode(text)
        #expect((object["big"] as? NSNumber)?.doubleValue == .greatestFiniteMagnitude)
        #expect((object["tiny"] as? NSNumber)?.doubleValue == .leastNonzeroMagnitude)
        #expect((object["negative_zero"] as? NSNumber)?.doubleValue == 0)
        #expect((object["third"] as? NSNumber)?.doubleValue == 1.0 / 3)
    }

    @Test func finiteOrNullEquality() {
        #expect(FiniteOrNull(wrappedValue: 1) == FiniteOrNull(wrappedValue: 1))
        #expect(FiniteOrNull(wrappedValue: nil) != FiniteOrNull(wrappedValue: 0))
    }
}

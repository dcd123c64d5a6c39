import Datasets
import Probability
import Testing

import Reports

/// Write → read round trip: any table of cells that ``Table/renderCSV()`` writes reads back
/// through ``CSVReader`` as the same header and cells, on seeded random tables whose cells mix
/// commas, quotes, line breaks (LF, CR, CRLF), spaces, empty cells and non-ASCII text.
@Suite("CSV write and read round trip")
struct CSVRoundTripTests {
    static let pieces = ["a", "Z", "1", "-0.25", "1e300", ",", "\"", "\"\"", "\n", "\r", "\r\n", " ", "\t", "é", "中", "🙂", "#", "'", ";", "nan"]

    /// A cell of up to five random pieces (empty included).
    static func cell(_ random: inout SeededGenerator) -> String {
        (0..<Int.random(in: 0...5, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    static func trimmingBlanks(_ text: String) -> String {
        String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    /// Found by the round trip: `"\r\n"` is one Swift character, so a cell holding it was not
    /// quoted and broke the record in two.
    @Test func cellWithCRLFIsQuoted() throws {
        var table = Table(columns: [.init("a"), .init("b")])
        table.append(["x", "\r\n\r\n "])
        table.append(["\"\u{301}", "y"])
        #expect(table.renderCSV() == "a,b\nx,\"\r\n\r\n \"\n\"\"\"\u{301}\",y\n")
        #expect(try CSVReader.parse(table.renderCSV(), source: "t.csv").rows == table.rows)
    }

    /// Found by the round trip: a one-column row whose cell is empty (or blank) was written as a
    /// blank line, which the reader ignores at the end of a file.
    @Test func blankOneColumnRowsAreQuoted() throws {
        var table = Table(columns: [.init("a")])
        table.append(["1"])
        table.append([""])
        table.append([" \t"])
        #expect(table.renderCSV() == "a\n1\n\"\"\n\" \t\"\n")
        #expect(try CSVReader.parse(table.renderCSV(), source: "t.csv").rows == table.rows)
    }

    @Test func renderedTablesReadBackUnchanged() throws {
        var random = SeededGenerator(seed: 13)
        for trial in 0..<500 {
            let columnCount = Int.random(in: 1...5, using: &random)
            // Header names: distinct and not empty (the reader requires both), otherwise random.
            let titles = (0..<columnCount).map { "c\($0)" + Self.cell(&random) }
            var table = Table(columns: titles.map { Table.Column($0) })
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                table.append((0..<columnCount).map { _ in Self.cell(&random) })
            }
            let csv = table.renderCSV()
            let read = try CSVReader.parse(csv, source: "trial \(trial)")
            // The reader trims spaces and tabs around header names (documented), not around cells.
            #expect(read.header == titles.map(Self.trimmingBlanks), "trial \(trial): \(csv.debugDescription)")
            #expect(read.rows == table.rows, "trial \(trial): \(csv.debugDescription)")
        }
    }
}

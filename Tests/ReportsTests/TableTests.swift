import Testing

@testable import Reports

@Suite("Table renderers")
struct TableTests {
    private func sample() -> Table {
        var table = Table(columns: [.init("name", .left), .init("value"), .init("note", .left)])
        table.append(["a", "1", "x"])
        table.append(["longer", "12.5", ""])
        table.append(["b", "-0.25", "last"])
        return table
    }

    // MARK: Text

    @Test func textAlignsColumnsAndTrimsTrailingSpaces() {
        #expect(sample().renderText() == """
            name    value  note
            ------  -----  ----
            a           1  x
            longer   12.5
            b       -0.25  last

            """)
    }

    @Test func textColumnIsAsWideAsItsWidestCellOrTitle() {
        var table = Table(columns: [.init("n"), .init("long title", .left)])
        table.append(["123456", "v"])
        #expect(table.renderText() == """
                 n  long title
            ------  ----------
            123456  v

            """)
    }

    @Test func textWithTitleAndNoRows() {
        let table = Table(title: "Coefficients", columns: [.init("term", .left), .init("estimate")])
        #expect(table.renderText() == "Coefficients\nterm  estimate\n----  --------\n")
    }

    @Test func textCountsCharactersNotBytes() {
        var table = Table(columns: [.init("σ"), .init("x", .left)])
        table.append(["±1.5", "é"])
        #expect(table.renderText() == "   σ  x\n----  -\n±1.5  é\n")
    }

    @Test func appendPadsShortRowsAndDropsExtraCells() {
        var table = Table(columns: [.init("a"), .init("b")])
        table.append(["1"])
        table.append(["1", "2", "3"])
        table.append([])
        #expect(table.rows == [["1", ""], ["1", "2"], ["", ""]])
    }

    // MARK: Markdown

    @Test func markdownHasAlignmentRowAndEscapesPipes() {
        var table = Table(title: "a|b", columns: [.init("term", .left), .init("x|y")])
        table.append(["p|q", "1"])
        table.append(["plain", "||"])
        #expect(table.renderMarkdown() == """
            **a\\|b**

            | term | x\\|y |
            |---|---:|
            | p\\|q | 1 |
            | plain | \\|\\| |

            """)
    }

    @Test func markdownOfSample() {
        #expect(sample().renderMarkdown() == """
            | name | value | note |
            |---|---:|---|
            | a | 1 | x |
            | longer | 12.5 |  |
            | b | -0.25 | last |

            """)
    }

    // MARK: CSV

    @Test func csvQuotesOnlyWhenNeeded() {
        var table = Table(columns: [.init("name"), .init("value")])
        table.append(["plain", "1.5"])
        table.append(["Smith, J.", "say \"hi\""])
        table.append(["two\nlines", "cr\rhere"])
        table.append(["", " spaced "])
        #expect(table.renderCSV() == """
            name,value
            plain,1.5
            "Smith, J.","say ""hi\"\"\"
            "two
            lines","cr\rhere"
            , spaced \n
            """)
    }

    @Test func csvHeaderIsQuotedToo() {
        let table = Table(columns: [.init("a,b"), .init("c\"d")])
        #expect(table.renderCSV() == "\"a,b\",\"c\"\"d\"\n")
    }

    @Test(arguments: ["plain", "a,b", "q\"uote", "\"", "line\nbreak", "crlf\r\n", "", ",", "\"\"", "x|y"])
    func csvFieldRoundTrips(field: String) {
        #expect(parseCSVField(CSVField.escape(field)) == field)
    }

    /// Parses one RFC 4180 field (the inverse of `CSVField.escape`), or `nil` when malformed.
    private func parseCSVField(_ text: String) -> String? {
        guard text.first == "\"" else {
            return text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? nil : text
        }
        guard text.count >= 2, text.last == "\"" else { return nil }
        let inner = Array(text.dropFirst().dropLast())
        var result = ""
        var i = 0
        while i < inner.count {
            if inner[i] == "\"" {
                guard i + 1 < inner.count, inner[i + 1] == "\"" else { return nil }
                i += 1
            }
            result.append(inner[i])
            i += 1
        }
        return result
    }
}

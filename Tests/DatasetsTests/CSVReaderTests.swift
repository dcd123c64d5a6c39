import Foundation
import Testing

@testable import Datasets

@Suite("CSVReader")
struct CSVReaderTests {
    private func parse(_ text: String) throws -> CSVTable {
        try CSVReader.parse(text, source: "t.csv")
    }

    private func error(_ line: Int, _ column: Int?, _ message: String) -> DataError {
        DataError(file: "t.csv", line: line, column: column, message: message)
    }

    @Test func readsHeaderRowsAndLines() throws {
        let table = try parse("x,y\n1,2\n3,4\n")
        #expect(table.source == "t.csv")
        #expect(table.header == ["x", "y"])
        #expect(table.columnCount == 2)
        #expect(table.rowCount == 2)
        #expect(table.rows == [["1", "2"], ["3", "4"]])
        #expect(table.rowLines == [2, 3])
        #expect(table[1, 0] == "3")
        #expect(try table.columnIndex(named: "y") == 1)
        #expect(try table.strings(column: "y") == ["2", "4"])
        #expect(try table.numbers(column: "x") == [1, 3])
    }

    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        let table = try parse("name,note\n\"Smith, J.\",\"said \"\"hi\"\"\"\n\"two\nlines\",\"\"\nplain,\"a\r\nb\"\n")
        #expect(table.rows == [["Smith, J.", "said \"hi\""], ["two\nlines", ""], ["plain", "a\r\nb"]])
        #expect(table.rowLines == [2, 3, 5])
        #expect(table.record(at: 1).positions == [CSVPosition(line: 3, column: 1), CSVPosition(line: 4, column: 8)])
    }

    @Test(arguments: [
        "x,y\n1,2\n3,4\n",
        "x,y\n1,2\n3,4",
        "x,y\r\n1,2\r\n3,4\r\n",
        "x,y\r\n1,2\r\n3,4",
        "\u{FEFF}x,y\n1,2\n3,4\n",
        "x,y\n1,2\n3,4\n\n\n",
        "x,y\r\n1,2\r\n3,4\r\n\r\n  \r\n\t\n",
        "x,y\n1,2\r\n3,4\n",
    ])
    func lineEndingsByteOrderMarkAndTrailingBlankLines(text: String) throws {
        let table = try parse(text)
        #expect(table.header == ["x", "y"])
        #expect(table.rows == [["1", "2"], ["3", "4"]])
        #expect(table.rowLines == [2, 3])
    }

    @Test func headerNamesAreTrimmed() throws {
        let table = try parse(" x ,\ty\n1,2\n")
        #expect(table.header == ["x", "y"])
        #expect(try table.numbers(column: "y") == [2])
    }

    @Test func emptyFieldsAndTrailingCommas() throws {
        #expect(try parse("a,b\n1,\n").rows == [["1", ""]])
        #expect(try parse("a,b\n1,").rows == [["1", ""]])
        #expect(try parse("a,b\n,\n").rows == [["", ""]])
    }

    @Test(arguments: ["", "\u{FEFF}", "\n", "\n\n  \n", "\r\n"])
    func emptyFile(text: String) {
        #expect(throws: error(1, 1, "file is empty")) { try parse(text) }
    }

    @Test func headerWithoutRows() throws {
        let table = try parse("x,y\n")
        #expect(table.rowCount == 0)
        #expect(try table.numbers(column: "x") == [])
        let noRows = DataError(file: "t.csv", line: 1, message: "no data rows after the header; at least 1 needed")
        #expect(throws: noRows) { try table.requireRows() }
        #expect(throws: noRows) { try CSVReader.parse("x,y\n", source: "t.csv", requireRows: true) }
        #expect(throws: DataError(file: "t.csv", line: 2, message: "only 1 data row; at least 3 needed")) {
            try parse("x\n1\n").requireRows(3)
        }
    }

    @Test func badHeaders() {
        #expect(throws: error(1, 3, "column 2 of the header has an empty name")) { try parse("x,,y\n1,2,3\n") }
        #expect(throws: error(1, 5, "duplicate column name 'x' (columns 1 and 3)")) { try parse("x,y,x\n1,2,3\n") }
        #expect(throws: error(1, 1, "the header row is empty; the first line must name the columns")) {
            try parse("\nx,y\n1,2\n")
        }
    }

    @Test func raggedRows() {
        #expect(throws: error(2, 6, "row has 3 fields, header has 4")) { try parse("a,b,c,d\n1,2,3\n") }
        #expect(throws: error(2, 5, "row has 3 fields, header has 2")) { try parse("a,b\n1,2,3\n") }
        #expect(throws: error(3, 1, "row has 1 field, header has 2")) { try parse("a,b\n1,2\n\n3,4\n") }
        #expect(throws: error(2, 4, "row has 1 field, header has 2")) { try parse("a,b\n\"1\"") }
    }

    @Test func blankLinesInsideASingleColumnAreEmptyCells() throws {
        let table = try parse("a\n1\n\n2\n\n")
        #expect(table.rows == [["1"], [""], ["2"]])
        #expect(throws: error(3, 1, "missing value in column 'a'")) { try table.numbers(column: "a") }
        #expect(try parse("a\n\"\"\n").rows == [[""]])
    }

    @Test func quotingErrors() {
        #expect(throws: error(2, 3, "quoted field is not closed: the file ends before its closing quote")) {
            try parse("a,b\n1,\"abc\n2,3\n")
        }
        #expect(throws: error(2, 5, "quote inside an unquoted field; enclose the whole field in quotes and double each quote inside it")) {
            try parse("a,b\n1,ab\"c\n")
        }
        #expect(throws: error(2, 4, "unexpected text after the closing quote of a field; a quote inside a quoted field is written as two quotes (\"\")")) {
            try parse("a,b\n\"x\"y,2\n")
        }
        #expect(throws: error(1, 4, "carriage return (CR) not followed by a line feed (LF)")) { try parse("a,b\r1,2\n") }
        #expect(throws: error(2, 4, "carriage return (CR) not followed by a line feed (LF)")) { try parse("a,b\n1,2\r") }
    }

    @Test func columnsCountCharactersNotBytes() {
        #expect(throws: error(2, 4, "'x' is not a number in column 'y'")) {
            try parse("名前,y\n東京,x\n").numbers(column: "y")
        }
        #expect(throws: error(3, 5, "'bad' is not a number in column 'b'")) {
            try parse("a,b\n\"é\nèè\",bad\n").numbers(column: "b")
        }
    }

    @Test func positionsOfRowsWithQuotesAndOfPlainRowsAfterThem() throws {
        let table = try parse("a,b,c\n\"x\",2,bad\n3,4,zz\n\"m\nn\",5,6\n")
        let problems = DataErrors([
            error(2, 1, "'x' is not a number in column 'a'"),
            error(2, 7, "'bad' is not a number in column 'c'"),
            error(3, 5, "'zz' is not a number in column 'c'"),
            error(4, 1, "'m\\nn' is not a number in column 'a'"),
        ])
        #expect(throws: problems) { try table.numbers(columns: ["c", "a"]) }
        #expect(table.record(at: 2).positions.map(\.column) == [1, 4, 6])
        #expect(table.record(at: 2).line == 4)
    }

    @Test func unknownColumnSuggestsACloseName() throws {
        let table = try parse("height,weight\n1,2\n")
        #expect(throws: error(1, nil, "no column named 'wieght'; did you mean 'weight'? (columns: 'height', 'weight')")) {
            try table.numbers(column: "wieght")
        }
        #expect(throws: error(1, nil, "no column named 'Height'; did you mean 'height'? (columns: 'height', 'weight')")) {
            try table.columnIndex(named: "Height")
        }
        #expect(throws: error(1, nil, "no column named 'age' (columns: 'height', 'weight')")) {
            try table.strings(column: "age")
        }
    }

    @Test func acceptedNumbers() throws {
        let cells = [" 1.5 ", "+2", "-0.358191792925910E-01", ".5", "5.", "1e-999", "\t7\t", "1E+02", "-0"]
        let table = try parse("x\n" + cells.map { "\"\($0)\"" }.joined(separator: "\n") + "\n")
        #expect(try table.numbers(column: "x") == [1.5, 2, -0.0358191792925910, 0.5, 5, 0, 7, 100, 0])
    }

    @Test(arguments: [
        ("abc", "'abc' is not a number"),
        ("0x1p3", "'0x1p3' is not a number"),
        ("1_000", "'1_000' is not a number"),
        ("1,5", "'1,5' is not a number"),
        ("1e", "'1e' is not a number"),
        ("--1", "'--1' is not a number"),
        ("1.2.3", "'1.2.3' is not a number"),
        ("", "missing value"),
        ("   ", "missing value"),
        ("nan", "'nan' is not a finite number"),
        ("NaN", "'NaN' is not a finite number"),
        ("inf", "'inf' is not a finite number"),
        ("-Infinity", "'-Infinity' is not a finite number"),
        ("1e999", "'1e999' is not a finite number"),
        ("-1e999", "'-1e999' is not a finite number"),
        ("a\nb", "'a\\nb' is not a number"),
    ])
    func rejectedNumbers(cell: String, problem: String) throws {
        let table = try parse("x,y\n1,\"\(cell)\"\n")
        #expect(throws: error(2, 3, "\(problem) in column 'y'")) { try table.numbers(column: "y") }
    }

    @Test func severalColumnsReportEveryProblem() throws {
        let table = try parse("x,y\n1,a\nb,2\n3,\n4,5\n")
        let all = DataErrors([
            error(2, 3, "'a' is not a number in column 'y'"),
            error(3, 1, "'b' is not a number in column 'x'"),
            error(4, 3, "missing value in column 'y'"),
        ])
        #expect(throws: all) { try table.numbers(columns: ["x", "y"]) }
        #expect(throws: DataErrors(Array(all.errors.prefix(2)), omittedCount: 1)) {
            try table.numbers(columns: ["x", "y"], maximumErrors: 2)
        }
        #expect(throws: DataErrors([error(1, nil, "no column named 'z' (columns: 'x', 'y')")])) {
            try table.numbers(columns: ["x", "z"])
        }
        #expect(try parse("x,y\n1,2\n3,4\n").numbers(columns: ["y", "x"]) == [[2, 4], [1, 3]])
    }

    @Test func readsFilesAndReportsUnreadableOnes() throws {
        try TestSupport.withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("data.csv")
            try Data("x,y\n1,2\n".utf8).write(to: url)
            #expect(try CSVReader.read(url: url, displayPath: "data.csv").rows == [["1", "2"]])
            #expect(try CSVReader.read(url: url).source == url.path)

            try Data([0x78, 0x0A, 0x31, 0xFF, 0x0A]).write(to: url)
            #expect(throws: DataError(file: "data.csv", line: 2, column: 1, message: "field is not valid UTF-8 text")) {
                try CSVReader.read(url: url, displayPath: "data.csv")
            }

            let missing = directory.appendingPathComponent("missing.csv")
            #expect(throws: DataError(file: "missing.csv", message: "cannot read the file: no such file")) {
                try CSVReader.read(url: missing, displayPath: "missing.csv")
            }
        }
    }

    @Test func readsTheProjectsOwnStyleOfData() throws {
        let text = """
            id,name,notes
            CN-01,National Power Battery Innovation Center,"First; 'June 30th ... first', see ""A"", B"
            US-02,"Next Generation, Power",国家动力电池创新中心

            """
        let table = try parse(text)
        #expect(table.rows[0][2] == "First; 'June 30th ... first', see \"A\", B")
        #expect(table.rows[1] == ["US-02", "Next Generation, Power", "国家动力电池创新中心"])
    }
}

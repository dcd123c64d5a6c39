import Foundation
import Testing

@testable import Datasets

/// Deliberately broken copies of reference files, written to a temporary directory and read back.
@Suite("StRD malformed files")
struct StRDMalformedFileTests {
    /// The lines of a reference file, without terminators.
    private static func lines(of file: String) throws -> [String] {
        let text = try String(contentsOf: TestSupport.strdDirectory.appendingPathComponent(file), encoding: .utf8)
        return text.components(separatedBy: "\n").dropLast()
    }

    /// The error from reading `file` after replacing some of its lines (1-based numbers).
    private static func error(in file: String, replacing replacements: [Int: String]) throws -> DataError? {
        var lines = try lines(of: file)
        for (number, text) in replacements { lines[number - 1] = text }
        return try error(reading: Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    /// The error from reading `bytes` as a file called `broken.dat`.
    private static func error(reading bytes: Data) throws -> DataError? {
        try TestSupport.withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("broken.dat")
            try bytes.write(to: url)
            return TestSupport.dataError { _ = try StRDParser.parse(url: url, displayPath: "broken.dat") }
        }
    }

    private static func expected(_ line: Int?, _ column: Int?, _ message: String) -> DataError {
        DataError(file: "broken.dat", line: line, column: column, message: message)
    }

    @Test func missingDataPointer() throws {
        #expect(try Self.error(in: "nonlinear/Rat43.dat", replacing: [7: ""])
                == Self.expected(4, nil, "missing the 'Data (lines … to …)' pointer"))
    }

    @Test func garbledPointers() throws {
        let pointer = "line pointer 'Data (lines first to last)'"
        #expect(try Self.error(in: "nonlinear/Rat43.dat", replacing: [7: "               Data              (lines 61 too 75)"])
                == Self.expected(7, 44, "expected 'to' in the \(pointer)"))
        #expect(try Self.error(in: "nonlinear/Rat43.dat", replacing: [7: "               Data              (line 61 to 75)"])
                == Self.expected(7, 35, "expected 'lines' in the \(pointer)"))
        #expect(try Self.error(in: "nonlinear/Rat43.dat", replacing: [7: "               Data              (lines 61 to 75"])
                == Self.expected(7, 49, "expected ')' in the \(pointer)"))
        #expect(try Self.error(in: "nonlinear/Rat43.dat", replacing: [7: "               Data              (lines sixty to 75)"])
                == Self.expected(7, 41, "expected a line number in the \(pointer)"))
        #expect(try Self.error(in: "nonlinear/Rat43.dat", replacing: [7: "               Data              (lines 75 to 61)"])
                == Self.expected(7, 41, "line pointer range 75 to 61 is reversed"))
        #expect(try Self.error(in: "nonlinear/Rat43.dat", replacing: [7: "               Dates             (lines 61 to 75)"])
                == Self.expected(7, nil, "unknown section 'Dates' in the line pointers"))
        #expect(try Self.error(in: "nonlinear/Rat43.dat", replacing: [4: "Format:        ASCII"])
                == Self.expected(nil, nil, "missing the 'File Format:' block with the section line pointers"))
    }

    @Test func pointerBeyondTheEndOfTheFile() throws {
        #expect(try Self.error(in: "nonlinear/Rat43.dat", replacing: [7: "               Data              (lines 61 to 90)"])
                == Self.expected(7, 47, "line pointer 90 is beyond the end of the file (75 lines)"))
    }

    @Test func nonlinearProblemWithoutStartingValues() throws {
        #expect(try Self.error(in: "nonlinear/Rat43.dat", replacing: [5: "               Starting Values omitted"])
                == Self.expected(4, nil, "a nonlinear problem needs a 'Starting Values (lines … to …)' pointer"))
    }

    @Test func wrongNumberOfDataColumns() throws {
        #expect(try Self.error(in: "nonlinear/Rat43.dat", replacing: [61: "      16.08E0     1.0E0  7"])
                == Self.expected(61, 26, "data row has 3 values, expected 2 (y, x)"))
        #expect(try Self.error(in: "nonlinear/Rat43.dat", replacing: [62: "      33.83E0"])
                == Self.expected(62, 14, "data row has 1 value, expected 2 (y, x)"))
        #expect(try Self.error(in: "nonlinear/Rat43.dat", replacing: [75: ""])
                == Self.expected(75, 1, "data row has 0 values, expected 2 (y, x)"))
    }

    @Test func valuesThatAreNotNumbers() throws {
        #expect(try Self.error(in: "nonlinear/Rat43.dat", replacing: [63: "      65.8OE0     3.0E0"])
                == Self.expected(63, 7, "'65.8OE0' is not a number"))
        #expect(try Self.error(in: "nonlinear/Rat43.dat", replacing: [64: "      NaN         4.0E0"])
                == Self.expected(64, 7, "'NaN' is not a finite number"))
        #expect(try Self.error(in: "nonlinear/Rat43.dat", replacing: [64: "      97.20E0     1e999"])
                == Self.expected(64, 19, "'1e999' is not a finite number"))
        #expect(try Self.error(in: "nonlinear/Rat43.dat",
                               replacing: [44: "  b4 =     1           1.3         1.2792483859E+0O  6.8761936385E-01"])
                == Self.expected(44, 36, "'1.2792483859E+0O' is not a number"))
    }

    @Test func dataHeader() throws {
        #expect(try Self.error(in: "nonlinear/Rat43.dat", replacing: [60: "        y          x"])
                == Self.expected(61, nil, "expected a 'Data:' line naming the columns before the data"))
        #expect(try Self.error(in: "nonlinear/Rat43.dat", replacing: [60: "Data:   z          x"])
                == Self.expected(60, nil, "the data header does not name the response column 'y'"))
        #expect(try Self.error(in: "nonlinear/Rat43.dat", replacing: [60: "Data:   y          y"])
                == Self.expected(60, 20, "duplicate column name 'y'"))
    }

    @Test func certifiedValues() throws {
        let rat43 = "nonlinear/Rat43.dat"
        #expect(try Self.error(in: rat43, replacing: [42: "  b2 =    10                     5.2771253025E+00  2.0828735829E+00"])
                == Self.expected(42, 68, "expected 2 starting values like the rows above, then the certified "
                                 + "estimate and its standard deviation after 'b2'"))
        #expect(try Self.error(in: rat43, replacing: [43: "  xx =     1           0.75        7.5962938329E-01  1.9566123451E-01"])
                == Self.expected(43, 3, "expected a parameter row ('b1 = start1 start2 estimate deviation') on a "
                                 + "Starting Values line"))
        #expect(try Self.error(in: rat43, replacing: [44: "  b3 =     1           1.3         1.2792483859E+00  6.8761936385E-01"])
                == Self.expected(44, 3, "parameter 'b3' appears twice"))
        #expect(try Self.error(in: rat43, replacing: [46: ""])
                == Self.expected(41, nil, "the Certified Values lines (41 to 49) give no residual sum of squares"))
        #expect(try Self.error(in: rat43, replacing: [48: "Degrees of Freedom:                                9.5"])
                == Self.expected(48, 52, "'9.5' is not a whole number"))
        #expect(try Self.error(in: rat43, replacing: [49: "Number of Observations:                           16 "])
                == Self.expected(49, nil, "the file states 16 observations but the data (lines 61 to 75) has 15"))
        #expect(try Self.error(in: rat43, replacing: [5: "               Starting Values   (lines 40 to 44)"])
                == Self.expected(4, nil, "the Starting Values lines (40 to 44) must lie within the Certified Values "
                                 + "lines (41 to 49)"))
    }

    @Test func headerLines() throws {
        #expect(try Self.error(in: "linear/Norris.dat", replacing: [8: "Procedure:     Least Squares"])
                == Self.expected(8, 16, "the procedure is neither linear nor nonlinear least squares"))
        #expect(try Self.error(in: "linear/Norris.dat", replacing: [2: "Dataset:  Norris (Norris.dat)"])
                == Self.expected(nil, nil, "missing 'Dataset Name:' line"))
        #expect(try Self.error(in: "linear/Norris.dat", replacing: [15: "               35 Observations"])
                == Self.expected(15, nil, "the file states 35 observations but the data (lines 61 to 96) has 36"))
    }

    @Test func linearModelsTheRegressionCannotUse() throws {
        #expect(try Self.error(in: "linear/Norris.dat", replacing: [22: "               y = B0 + B1*z + e"])
                == Self.expected(22, 28, "unknown predictor 'z' (the data has 'x')"))
        #expect(try Self.error(in: "linear/Norris.dat", replacing: [22: "               y = B0 + B1*x - e"])
                == Self.expected(22, 30, "unexpected character '-' in a linear model"))
        #expect(try Self.error(in: "linear/Norris.dat", replacing: [22: "               y = B0 + B1*x + B2*(x**2) + e"])
                == Self.expected(22, nil, "the model's coefficients (B0, B1, B2) differ from the certified parameters (B0, B1)"))
        #expect(try Self.error(in: "linear/Norris.dat", replacing: [22: "               Model omitted"])
                == Self.expected(19, nil, "no model equation (a line with '=') after 'Model:'"))
    }

    @Test func unreadableFiles() throws {
        #expect(try Self.error(reading: Data()) == Self.expected(nil, nil, "file is empty"))
        #expect(try Self.error(reading: Data([0x4E, 0xFF, 0x0A])) == Self.expected(nil, nil, "the file is not valid UTF-8 text"))
        let missing = TestSupport.dataError {
            _ = try StRDParser.parse(url: URL(fileURLWithPath: "/nonexistent/Missing.dat"), displayPath: "Missing.dat")
        }
        #expect(missing == DataError(file: "Missing.dat", message: "cannot read the file: no such file"))
    }
}

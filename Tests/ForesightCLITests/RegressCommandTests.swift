import Foundation
import Testing

/// `foresight regress` as a process: exit codes, located messages, output formats.
@Suite("foresight regress (process)")
struct RegressCommandTests {
    // MARK: Bad input data: exit 65 with file:line:column

    @Test func raggedRowNamesLineAndColumnOfTheExtraField() throws {
        let ws = try Workspace()
        try ws.write("ragged.csv", "x,y\n1,2\n2,4.1,5\n3,5.9\n")
        let result = try ws.run(["regress", "--data", "ragged.csv", "--y", "y", "--x", "x"])
        expectExit(result, 65)
        expectStderr(result, contains: "ragged.csv:3:7:", "3 fields", "header has 2")
        #expect(result.stdout.isEmpty)
    }

    @Test func rowWithTooFewFieldsIsRejected() throws {
        let ws = try Workspace()
        try ws.write("short.csv", "x,y,z\n1,2,3\n4,5\n")
        let result = try ws.run(["regress", "--data", "short.csv", "--y", "y", "--x", "x"])
        expectExit(result, 65)
        expectStderr(result, contains: "short.csv:3:")
    }

    @Test func nonNumericCellNamesItsLineColumnAndText() throws {
        let ws = try Workspace()
        try ws.write("text.csv", "x,y\n1,2\n2,abc\n3,5.9\n")
        let result = try ws.run(["regress", "--data", "text.csv", "--y", "y", "--x", "x"])
        expectExit(result, 65)
        expectStderr(result, contains: "text.csv:3:3:", "'abc'", "'y'")
    }

    @Test func missingValueIsLocated() throws {
        let ws = try Workspace()
        try ws.write("gap.csv", "x,y\n1,2\n2,\n3,4\n")
        let result = try ws.run(["regress", "--data", "gap.csv", "--y", "y", "--x", "x"])
        expectExit(result, 65)
        expectStderr(result, contains: "gap.csv:3:3:", "missing value")
    }

    @Test(arguments: [
        ("x,\n1,2\n2,3\n3,5\n", "1:3:"),
        (",y\n1,2\n2,3\n3,5\n", "1:1:"),
        ("x, ,y\n1,2,3\n2,3,4\n3,5,6\n", "1:3:"),
    ])
    func emptyColumnNameInHeader(text: String, location: String) throws {
        let ws = try Workspace()
        try ws.write("header.csv", text)
        let result = try ws.run(["regress", "--data", "header.csv", "--y", "y", "--x", "x"])
        expectExit(result, 65)
        expectStderr(result, contains: "header.csv:\(location)", "empty name")
    }

    @Test func duplicateColumnNameInHeader() throws {
        let ws = try Workspace()
        try ws.write("dup.csv", "x,x,y\n1,2,3\n2,3,4\n")
        let result = try ws.run(["regress", "--data", "dup.csv", "--y", "y", "--x", "x"])
        expectExit(result, 65)
        expectStderr(result, contains: "dup.csv:1:", "duplicate", "'x'")
    }

    @Test func emptyFile() throws {
        let ws = try Workspace()
        try ws.write("empty.csv", "")
        let result = try ws.run(["regress", "--data", "empty.csv", "--y", "y", "--x", "x"])
        expectExit(result, 65)
        expectStderr(result, contains: "empty.csv", "empty")
    }

    @Test func headerWithoutRows() throws {
        let ws = try Workspace()
        try ws.write("header-only.csv", "x,y\n")
        for extra in [[], ["--no-intercept"]] {
            let result = try ws.run(["regress", "--data", "header-only.csv", "--y", "y", "--x", "x"] + extra)
            expectExit(result, 65)
            expectStderr(result, contains: "0 observations")
        }
    }

    @Test(arguments: ["NaN", "nan", "Inf", "inf", "-Inf", "+inf", "Infinity", "1e999", "-1e999", "0x10", "1_000"])
    func nonFiniteOrNonDecimalCells(cell: String) throws {
        let ws = try Workspace()
        try ws.write("special.csv", "x,y\n1,2\n2,\(cell)\n3,5.9\n4,8\n")
        let result = try ws.run(["regress", "--data", "special.csv", "--y", "y", "--x", "x"])
        expectExit(result, 65)
        expectStderr(result, contains: "special.csv:3:3:", "'\(cell)'")
    }

    @Test func nonFinitePredictorCellIsLocatedToo() throws {
        let ws = try Workspace()
        try ws.write("special.csv", "x,y\n1,2\n2,3\n1e999,5.9\n")
        let result = try ws.run(["regress", "--data", "special.csv", "--y", "y", "--x", "x"])
        expectExit(result, 65)
        expectStderr(result, contains: "special.csv:4:1:", "not a finite number")
    }

    @Test func unknownColumnListsTheAvailableOnes() throws {
        let ws = try Workspace()
        try ws.write("line.csv", Fixtures.line)
        let predictor = try ws.run(["regress", "--data", "line.csv", "--y", "y", "--x", "z"])
        expectExit(predictor, 65)
        expectStderr(predictor, contains: "line.csv:1", "'z'", "'x'", "'y'")

        let response = try ws.run(["regress", "--data", "line.csv", "--y", "Y", "--x", "x"])
        expectExit(response, 65)
        expectStderr(response, contains: "'Y'", "'x'", "'y'")
    }

    @Test func severalUnknownColumnsAreAllListed() throws {
        let ws = try Workspace()
        try ws.write("line.csv", Fixtures.line)
        let result = try ws.run(["regress", "--data", "line.csv", "--y", "Y", "--x", "a,b"])
        expectExit(result, 65)
        expectStderr(result, contains: "'Y'")
        // `fit` reports every unknown column at once (CSVTable.numbers(columns:)); `regress` reads the
        // columns one by one and stops at the first.
        #expect(result.stderr.contains("'a'") && result.stderr.contains("'b'"), "\(result)")
    }

    @Test func morePredictorsThanObservations() throws {
        let ws = try Workspace()
        try ws.write("wide.csv", "a,b,c,y\n1,2,3,4\n2,3,1,5\n")
        let result = try ws.run(["regress", "--data", "wide.csv", "--y", "y", "--x", "a,b,c"])
        expectExit(result, 65)
        expectStderr(result, contains: "4 coefficients", "2 observations")
    }

    @Test func polynomialDegreeBeyondTheData() throws {
        let ws = try Workspace()
        try ws.write("line.csv", Fixtures.line)
        let result = try ws.run(["regress", "--data", "line.csv", "--y", "y", "--x", "x", "--degree", "50"])
        expectExit(result, 65)
        expectStderr(result, contains: "51 coefficients", "4 observations")
    }

    @Test func missingFile() throws {
        let ws = try Workspace()
        let result = try ws.run(["regress", "--data", "absent.csv", "--y", "y", "--x", "x"])
        expectExit(result, 65)
        expectStderr(result, contains: "absent.csv", "no such file")
    }

    @Test func directoryInsteadOfFile() throws {
        let ws = try Workspace()
        try FileManager.default.createDirectory(at: ws.directory.appendingPathComponent("folder.csv"),
                                                withIntermediateDirectories: false)
        let result = try ws.run(["regress", "--data", "folder.csv", "--y", "y", "--x", "x"])
        expectExit(result, 65)
        expectStderr(result, contains: "folder.csv")
        #expect(result.stderr.contains("directory"), "\(result)")
        #expect(!result.stderr.contains("NSCocoaErrorDomain"), "\(result)")
    }

    @Test func malformedFilesNeverTrap() throws {
        let ws = try Workspace()
        let inputs: [(String, [UInt8])] = [
            ("quote.csv", Array("x,y\n1,\"2\n3,4\n".utf8)),
            ("after-quote.csv", Array("x,y\n1,\"2\"x\n".utf8)),
            ("utf8.csv", Array("x,y\n1,".utf8) + [0xFF, 0xFE, 0x0A]),
            ("nul.csv", Array("x,y\n1,2".utf8) + [0x00, 0x0A]),
            ("cr.csv", Array("x,y\r1,2\r3,4\r".utf8)),
            ("bom-only.csv", [0xEF, 0xBB, 0xBF]),
            ("blank.csv", Array("\n\n\n".utf8)),
            ("binary.csv", (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 7) }),
        ]
        for (name, bytes) in inputs {
            try ws.write(name, bytes: bytes)
            let result = try ws.run(["regress", "--data", name, "--y", "y", "--x", "x"])
            #expect(!result.trapped, "\(result)")
            #expect(result.status == 65, "\(result)")
            #expect(result.stderr.contains(name), "\(result)")
        }
    }

    // MARK: Degenerate designs: exit 0 with aliased coefficients

    @Test func exactlyCollinearPredictorIsAliased() throws {
        let ws = try Workspace()
        try ws.write("collinear.csv", "x,z,y\n1,2,2\n2,4,4.1\n3,6,5.9\n4,8,8.2\n")
        let result = try ws.run(["regress", "--data", "collinear.csv", "--y", "y", "--x", "x,z", "--format", "json"])
        expectExit(result, 0)
        let json = try result.jsonObject()
        #expect(json["rank"] as? Int == 2)
        let coefficients = try #require(json["coefficients"] as? [[String: Any]])
        #expect(coefficients.map { $0["name"] as? String } == ["(Intercept)", "x", "z"])
        #expect(coefficients.map { $0["aliased"] as? Bool } == [false, false, true])
        #expect(coefficients[2]["estimate"] is NSNull)
        #expect(coefficients[2]["std_error"] is NSNull)
        #expect(isClose(try #require(number(coefficients[1], "estimate")), 2.04, relative: 1e-12))
        let aliases = try #require(json["aliases"] as? [String])
        #expect(aliases == ["'z' = 2·x"])

        let text = try ws.run(["regress", "--data", "collinear.csv", "--y", "y", "--x", "x,z"])
        expectExit(text, 0)
        #expect(text.stdout.contains("NA (aliased)"))
        #expect(text.stdout.contains("'z' = 2·x"))
    }

    @Test func constantPredictorIsAliasedWithTheIntercept() throws {
        let ws = try Workspace()
        try ws.write("constant.csv", "x,c,y\n1,5,2\n2,5,4.1\n3,5,5.9\n4,5,8.2\n")
        let result = try ws.run(["regress", "--data", "constant.csv", "--y", "y", "--x", "x,c", "--format", "json"])
        expectExit(result, 0)
        let json = try result.jsonObject()
        #expect(json["rank"] as? Int == 2)
        let coefficients = try #require(json["coefficients"] as? [[String: Any]])
        #expect(coefficients.filter { $0["aliased"] as? Bool == true }.count == 1)
        let aliases = try #require(json["aliases"] as? [String])
        #expect(aliases.count == 1)
        #expect(aliases.first.map { $0.contains("(Intercept)") && $0.contains("c") } == true, "\(aliases)")
        // The slope of x does not depend on which of the two constant columns is dropped.
        let slope = try #require(coefficients.first { $0["name"] as? String == "x" })
        #expect(isClose(try #require(number(slope, "estimate")), 2.04, relative: 1e-12))
        #expect(isClose(try #require(number(json, "r_squared")), 1 - 0.042 / 20.85, relative: 1e-12))
    }

    @Test func allZeroPredictorIsAliased() throws {
        let ws = try Workspace()
        try ws.write("zero.csv", "x,y\n0,1\n0,2\n0,3\n")
        let result = try ws.run(["regress", "--data", "zero.csv", "--y", "y", "--x", "x"])
        expectExit(result, 0)
        #expect(result.stdout.contains("'x' is zero in every row"), "\(result)")
    }

    @Test func constantResponseIsNotASignificantFit() throws {
        let ws = try Workspace()
        try ws.write("flat.csv", "x,y\n1,5\n2,5\n3,5\n4,5\n")
        let result = try ws.run(["regress", "--data", "flat.csv", "--y", "y", "--x", "x", "--format", "json"])
        expectExit(result, 0)
        let json = try result.jsonObject()
        // With a constant response there is no variation to explain: R reports R² and F as NaN.
        // LinearRegressionResult reports F = Inf with p = 0 ("p-value < 2.2e-16") for a slope of exactly 0.
        #expect(json["f_p_value"] is NSNull, "f_p_value = \(json["f_p_value"] ?? "missing")")
    }

    // MARK: Usage errors: exit 64

    @Test(arguments: [
        ["--level", "2"], ["--level", "0"], ["--level", "1"], ["--degree", "0"], ["--rank-tolerance", "0"],
        ["--format", "xml"], ["--x", ""], ["--x", " "], ["--bogus"],
    ])
    func invalidOptions(extra: [String]) throws {
        let ws = try Workspace()
        try ws.write("line.csv", Fixtures.line)
        var arguments = ["regress", "--data", "line.csv", "--y", "y"]
        if !extra.contains("--x") { arguments += ["--x", "x"] }
        let result = try ws.run(arguments + extra)
        expectExit(result, 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("Error:"), "\(result)")
    }

    @Test func levelOutsideTheUnitIntervalSaysWhy() throws {
        let ws = try Workspace()
        try ws.write("line.csv", Fixtures.line)
        let result = try ws.run(["regress", "--data", "line.csv", "--y", "y", "--x", "x", "--level", "2"])
        expectExit(result, 64)
        expectStderr(result, contains: "--level")
    }

    @Test func degreeAboveOneNeedsOnePredictor() throws {
        let ws = try Workspace()
        try ws.write("line.csv", Fixtures.line)
        let result = try ws.run(["regress", "--data", "line.csv", "--y", "y", "--x", "x,y", "--degree", "2"])
        expectExit(result, 64)
        expectStderr(result, contains: "--degree")
    }

    @Test(arguments: [
        (["--y", "y", "--x", "x"], "--data"),
        (["--data", "line.csv", "--x", "x"], "--y"),
        (["--data", "line.csv", "--y", "y"], "--x"),
    ])
    func missingRequiredOption(arguments: [String], missing: String) throws {
        let ws = try Workspace()
        try ws.write("line.csv", Fixtures.line)
        let result = try ws.run(["regress"] + arguments)
        expectExit(result, 64)
        expectStderr(result, contains: "Missing", missing)
    }

    // MARK: Successful runs and output formats

    @Test func jsonOutputHasTheContractKeysAndTheHandComputedValues() throws {
        let ws = try Workspace()
        try ws.write("line.csv", Fixtures.line)
        let result = try ws.run(["regress", "--data", "line.csv", "--y", "y", "--x", "x", "--format", "json"])
        expectExit(result, 0)
        #expect(result.stderr.isEmpty, "\(result)")
        let json = try result.jsonObject()
        for key in ["model", "n", "rank", "df", "coefficients", "r_squared", "adjusted_r_squared", "rss", "sigma",
                    "f_statistic", "f_p_value", "log_likelihood", "aic", "bic", "condition_number", "confidence_level",
                    "aliases"] {
            #expect(json[key] != nil, "missing key \(key)")
        }
        #expect(json["n"] as? Int == 4)
        #expect(json["df"] as? Int == 2)
        #expect(json["rank"] as? Int == 2)
        // x̄ = 2.5, ȳ = 5.05, Sxx = 5, Sxy = 10.2, RSS = 0.042, TSS = 20.85.
        #expect(isClose(try #require(number(json, "rss")), 0.042, relative: 1e-12))
        #expect(isClose(try #require(number(json, "sigma")), (0.042 / 2).squareRoot(), relative: 1e-12))
        #expect(isClose(try #require(number(json, "r_squared")), 1 - 0.042 / 20.85, relative: 1e-13))
        #expect(isClose(try #require(number(json, "f_statistic")), (20.85 - 0.042) / (0.042 / 2), relative: 1e-10))
        let coefficients = try #require(json["coefficients"] as? [[String: Any]])
        #expect(coefficients.count == 2)
        for key in ["name", "estimate", "std_error", "t_value", "p_value", "ci_lower", "ci_upper", "aliased"] {
            #expect(coefficients.allSatisfy { $0[key] != nil }, "coefficient key \(key)")
        }
        #expect(abs(try #require(number(coefficients[0], "estimate")) - -0.05) < 1e-13)
        #expect(isClose(try #require(number(coefficients[1], "estimate")), 2.04, relative: 1e-13))
        #expect(isClose(try #require(number(coefficients[1], "std_error")), (0.021 / 5).squareRoot(), relative: 1e-12))
        #expect(isClose(try #require(number(coefficients[0], "std_error")), (0.021 * (0.25 + 6.25 / 5)).squareRoot(),
                        relative: 1e-12))
    }

    @Test func outWritesTheFileAndNothingToStandardOutput() throws {
        let ws = try Workspace()
        try ws.write("line.csv", Fixtures.line)
        let stdoutRun = try ws.run(["regress", "--data", "line.csv", "--y", "y", "--x", "x", "--format", "json"])
        let result = try ws.run(["regress", "--data", "line.csv", "--y", "y", "--x", "x", "--format", "json",
                                 "--out", "result.json"])
        expectExit(result, 0)
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(try ws.read("result.json") == stdoutRun.stdout)
        #expect(try ws.fileNames() == ["line.csv", "result.json"])

        // A second run replaces the file.
        let again = try ws.run(["regress", "--data", "line.csv", "--y", "y", "--x", "x", "--format", "csv",
                                "--out", "result.json"])
        expectExit(again, 0)
        #expect(try ws.read("result.json").hasPrefix("term,estimate,"))
        #expect(try ws.fileNames() == ["line.csv", "result.json"])
    }

    @Test func outIntoAMissingFolderFailsCleanly() throws {
        let ws = try Workspace()
        try ws.write("line.csv", Fixtures.line)
        let result = try ws.run(["regress", "--data", "line.csv", "--y", "y", "--x", "x", "--out", "no/such/dir/r.txt"])
        #expect(!result.trapped, "\(result)")
        #expect(result.status != 0, "\(result)")
        #expect(result.stdout.isEmpty)
        expectStderr(result, contains: "no/such/dir/r.txt")
        // Exit 1 means "a check failed" in the contract; a write failure is not one, and the message
        // is a raw NSError dump.
        #expect(result.status != 1, "\(result)")
        #expect(!result.stderr.contains("Error Domain="), "\(result)")
    }

    @Test func csvOutputIsTheCoefficientTable() throws {
        let ws = try Workspace()
        try ws.write("line.csv", Fixtures.line)
        let result = try ws.run(["regress", "--data", "line.csv", "--y", "y", "--x", "x", "--format", "csv"])
        expectExit(result, 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "term,estimate,std_error,t_value,p_value,ci_lower_95,ci_upper_95")
        #expect(lines.count == 4 && lines.last == "", "\(result)")
        #expect(lines.dropFirst().first?.hasPrefix("(Intercept),-0.05,") == true)
        #expect(lines.dropFirst(2).first?.hasPrefix("x,2.04,") == true)
    }

    @Test func markdownOutputHasTables() throws {
        let ws = try Workspace()
        try ws.write("line.csv", Fixtures.line)
        let result = try ws.run(["regress", "--data", "line.csv", "--y", "y", "--x", "x", "--format", "markdown"])
        expectExit(result, 0)
        #expect(result.stdout.contains("| term | estimate |"))
        #expect(result.stdout.contains("|---|---:|"))
        #expect(result.stdout.contains("| x | 2.04 |"))
        #expect(result.stdout.contains("| R-squared |"))
    }

    @Test func textOutputShowsCoefficientsAndStatistics() throws {
        let ws = try Workspace()
        try ws.write("line.csv", Fixtures.line)
        let result = try ws.run(["regress", "--data", "line.csv", "--y", "y", "--x", "x"])
        expectExit(result, 0)
        #expect(result.stdout.hasPrefix("Linear regression: y ~ x"))
        #expect(result.stdout.contains("(Intercept)"))
        #expect(result.stdout.contains("R-squared"))
        #expect(result.stdout.contains("0.9979856115"))
    }

    @Test func polynomialAndNoInterceptRuns() throws {
        let ws = try Workspace()
        // y = 1 + x² exactly on x = −2…2.
        try ws.write("parabola.csv", "x,y\n-2,5\n-1,2\n0,1\n1,2\n2,5\n")
        let result = try ws.run(["regress", "--data", "parabola.csv", "--y", "y", "--x", "x", "--degree", "2",
                                 "--format", "json"])
        expectExit(result, 0)
        let coefficients = try #require(try result.jsonObject()["coefficients"] as? [[String: Any]])
        #expect(coefficients.map { $0["name"] as? String } == ["(Intercept)", "x", "x^2"])
        let estimates = coefficients.compactMap { number($0, "estimate") }
        #expect(estimates.count == 3)
        #expect(zip(estimates, [1.0, 0, 1]).allSatisfy { abs($0 - $1) < 1e-12 }, "\(estimates)")

        let origin = try ws.run(["regress", "--data", "parabola.csv", "--y", "y", "--x", "x", "--no-intercept",
                                 "--format", "json"])
        expectExit(origin, 0)
        let names = try #require(try origin.jsonObject()["coefficients"] as? [[String: Any]]).map { $0["name"] as? String }
        #expect(names == ["x"])
    }
}

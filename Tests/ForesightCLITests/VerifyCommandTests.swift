import Foundation
import Testing

/// `foresight verify strd` as a process, on copies of the bundled NIST files.
@Suite("foresight verify strd (process)")
struct VerifyCommandTests {
    static let norris = "Data/reference/strd/linear/Norris.dat"

    /// A copy of Norris.dat with `original` replaced by `replacement` (which must occur once).
    private func editedNorris(_ ws: Workspace, as name: String, replacing original: String, with replacement: String,
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let text = try String(contentsOf: ForesightExecutable.packageRoot.appendingPathComponent(Self.norris), encoding: .utf8)
        #expect(text.components(separatedBy: original).count == 2, "'\(original)' must occur once", sourceLocation: sourceLocation)
        try ws.write(name, text.replacingOccurrences(of: original, with: replacement))
    }

    @Test func certifiedFilePasses() throws {
        let ws = try Workspace()
        try ws.copy(packageFile: Self.norris)
        let result = try ws.run(["verify", "strd", "Norris.dat"])
        expectExit(result, 0)
        #expect(result.stdout.contains("Norris"))
        #expect(result.stdout.contains("parameter_lre"))
        #expect(result.stdout.contains("1 passed, 0 failed"), "\(result)")
    }

    @Test func alteredCertifiedValueFails() throws {
        let ws = try Workspace()
        // B1 = 1.00211681802045 becomes 1.01211681802045: wrong in the third significant digit.
        try editedNorris(ws, as: "Norris-altered.dat", replacing: "1.00211681802045 ", with: "1.01211681802045 ")
        let result = try ws.run(["verify", "strd", "Norris-altered.dat", "--format", "json"])
        expectExit(result, 1)
        let json = try result.jsonObject()
        #expect(json["passed"] as? Int == 0)
        #expect(json["failed"] as? Int == 1)
        let row = try #require((json["results"] as? [[String: Any]])?.first)
        #expect(row["pass"] as? Bool == false)
        let lre = try #require(number(row, "parameter_lre"))
        #expect(lre > 1.5 && lre < 2.5, "LRE of a value wrong in the 3rd digit is about 2, got \(lre)")

        let text = try ws.run(["verify", "strd", "Norris-altered.dat"])
        expectExit(text, 1)
        #expect(text.stdout.contains("0 passed, 1 failed"), "\(text)")
    }

    @Test func oneFailingFileAmongPassingOnesFailsTheRun() throws {
        let ws = try Workspace()
        try ws.copy(packageFile: Self.norris)
        try editedNorris(ws, as: "Altered.dat", replacing: "0.429796848199937E-03", with: "0.439796848199937E-03")
        let result = try ws.run(["verify", "strd", "Norris.dat", "Altered.dat", "--format", "json"])
        expectExit(result, 1)
        let json = try result.jsonObject()
        #expect(json["passed"] as? Int == 1)
        #expect(json["failed"] as? Int == 1)
    }

    @Test(arguments: [
        ("(lines 61 to 96)", "(lines 61 to 9x)", ":6:"),
        ("(lines 61 to 96)", "(lines 61 to 9999)", ":6:"),
        ("(lines 61 to 96)", "(lines 70 to 60)", ":6:"),
        ("(lines 31 to 46)", "(lines 31 to 32)", ":31"),
    ])
    func garbledLinePointerIsLocated(original: String, replacement: String, location: String) throws {
        let ws = try Workspace()
        try editedNorris(ws, as: "Garbled.dat", replacing: original, with: replacement)
        let result = try ws.run(["verify", "strd", "Garbled.dat"])
        expectExit(result, 65)
        expectStderr(result, contains: "Garbled.dat\(location)")
        #expect(result.stdout.isEmpty)
    }

    @Test func missingDataPointerIsReported() throws {
        let ws = try Workspace()
        try editedNorris(ws, as: "NoPointer.dat", replacing: "Data              (lines 61 to 96)", with: "Data")
        let result = try ws.run(["verify", "strd", "NoPointer.dat"])
        expectExit(result, 65)
        expectStderr(result, contains: "NoPointer.dat:", "Data (lines")
    }

    @Test func nonNumericDataValueIsLocated() throws {
        let ws = try Workspace()
        try editedNorris(ws, as: "BadData.dat", replacing: "         338.8      337.4", with: "         338.8      33x.4")
        let result = try ws.run(["verify", "strd", "BadData.dat"])
        expectExit(result, 65)
        expectStderr(result, contains: "BadData.dat:62:")
    }

    @Test func jsonOutputHasResultsPassedAndFailed() throws {
        let ws = try Workspace()
        try ws.copy(packageFile: Self.norris)
        let result = try ws.run(["verify", "strd", "Norris.dat", "--format", "json"])
        expectExit(result, 0)
        let json = try result.jsonObject()
        #expect(json["passed"] as? Int == 1)
        #expect(json["failed"] as? Int == 0)
        let results = try #require(json["results"] as? [[String: Any]])
        #expect(results.count == 1)
        let row = try #require(results.first)
        #expect(row["dataset"] as? String == "Norris")
        #expect(row["pass"] as? Bool == true)
        for key in ["status", "parameter_lre", "std_error_lre"] { #expect(row[key] != nil, "missing key \(key)") }
        #expect(try #require(number(row, "parameter_lre")) >= 7)
        #expect(try #require(number(row, "parameter_lre")) <= 11)
    }

    @Test func nonlinearFileIsFittedFromBothStarts() throws {
        let ws = try Workspace()
        try ws.copy(packageFile: "Data/reference/strd/nonlinear/Misra1a.dat")
        let result = try ws.run(["verify", "strd", "Misra1a.dat", "--format", "json"])
        expectExit(result, 0)
        let json = try result.jsonObject()
        let results = try #require(json["results"] as? [[String: Any]])
        #expect(results.map { $0["start"] as? Int } == [1, 2])
        #expect(results.allSatisfy { $0["status"] as? String == "converged" && $0["pass"] as? Bool == true })
        #expect(results.allSatisfy { number($0, "rss_lre").map { $0 >= 6 } == true })
    }

    @Test(arguments: ["markdown", "csv"])
    func otherFormats(format: String) throws {
        let ws = try Workspace()
        try ws.copy(packageFile: Self.norris)
        let result = try ws.run(["verify", "strd", "Norris.dat", "--format", format])
        expectExit(result, 0)
        #expect(result.stdout.contains("Norris"))
        #expect(result.stdout.contains(format == "csv" ? "dataset,start," : "| dataset |"), "\(result)")
    }

    @Test func nonexistentPathIsBadInput() throws {
        let ws = try Workspace()
        let result = try ws.run(["verify", "strd", "Missing.dat"])
        expectExit(result, 65)
        expectStderr(result, contains: "Missing.dat", "no such file")
    }

    @Test func emptyFileIsBadInput() throws {
        let ws = try Workspace()
        try ws.write("Empty.dat", "")
        let result = try ws.run(["verify", "strd", "Empty.dat"])
        expectExit(result, 65)
        expectStderr(result, contains: "Empty.dat")
    }

    @Test func noPathIsAUsageError() throws {
        let ws = try Workspace()
        let result = try ws.run(["verify", "strd"])
        expectExit(result, 64)
        expectStderr(result, contains: "Missing")
    }

    @Test func truncatedFilesNeverTrap() throws {
        let ws = try Workspace()
        let text = try String(contentsOf: ForesightExecutable.packageRoot.appendingPathComponent(Self.norris), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        for keep in [1, 5, 30, 40, 60, 62, 95] {
            let name = "Cut\(keep).dat"
            try ws.write(name, lines.prefix(keep).joined(separator: "\n") + "\n")
            let result = try ws.run(["verify", "strd", name])
            #expect(!result.trapped, "\(result)")
            #expect(result.status == 65, "\(result)")
            #expect(result.stderr.contains(name), "\(result)")
        }
    }
}

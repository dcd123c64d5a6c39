import Foundation
import Testing

/// No Foundation, Swift or libyaml text reaches a user, and every exit 65 names its file.
@Suite("Our own messages (process)")
struct OwnMessageCommandTests {
    /// Fragments of Foundation's and libyaml's own wording.
    static let foreignText = ["The operation could not be completed", "You don’t have permission", "You don't have permission",
                              "NSCocoaErrorDomain", "Error Domain=", "yaml_", "Swift."]

    static func expectOurWords(_ result: RunResult, sourceLocation: SourceLocation = #_sourceLocation) {
        for fragment in foreignText {
            #expect(!result.stderr.contains(fragment), "foreign text \"\(fragment)\": \(result)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [
        ["regress", "--data", "/dev/null", "--y", "y", "--x", "x"],
        ["fit", "--data", "/dev/null", "--x", "x", "--y", "y", "--model", "linear"],
        ["fit-batch", "--data", "/dev/null", "--group", "g", "--x", "x", "--y", "y", "--model", "linear", "--out", "r.csv"],
        ["scorecard", "/dev/null"],
        ["forecast", "/dev/null"],
        ["verify", "strd", "/dev/null"],
    ])
    func devNullIsAnEmptyInput(arguments: [String]) throws {
        let ws = try Workspace()
        let result = try ws.run(arguments)
        expectExit(result, 65)
        expectStderr(result, contains: "foresight: /dev/null", "empty")
        Self.expectOurWords(result)
    }

    @Test func pathThroughAFileSaysSo() throws {
        let ws = try Workspace()
        try ws.write("line.csv", Fixtures.line)
        for arguments in [["regress", "--data", "line.csv/x.csv", "--y", "y", "--x", "x"], ["scorecard", "line.csv/s.yaml"]] {
            let result = try ws.run(arguments)
            expectExit(result, 65)
            expectStderr(result, contains: "line.csv/", "a folder on the path is a file")
            Self.expectOurWords(result)
        }
    }

    @Test func deeplyNestedYAMLIsReportedInOurWords() throws {
        let ws = try Workspace()
        try ws.write("deep.yaml", "schema: " + String(repeating: "[", count: 1200) + String(repeating: "]", count: 1200) + "\n")
        for command in ["scorecard", "forecast"] {
            let result = try ws.run([command, "deep.yaml"])
            expectExit(result, 65)
            expectStderr(result, contains: "deep.yaml:1:", "nested more than 1000 levels deep")
            Self.expectOurWords(result)
        }
    }

    @Test func modelLevelDataProblemsNameTheFile() throws {
        let ws = try Workspace()
        try ws.write("two.csv", "x,y\n1,2\n2,3\n")
        try ws.write("weights.csv", "x,y,w\n1,2,1\n2,3,-1\n3,4,1\n4,5,1\n")
        let cases: [([String], [String])] = [
            (["fit", "--data", "two.csv", "--x", "x", "--y", "y", "--model", "logistic"], ["foresight: two.csv: too few distinct x values"]),
            (["fit", "--data", "weights.csv", "--x", "x", "--y", "y", "--model", "linear", "--weights", "w"],
             ["foresight: weights.csv: ", "weight at row 2 is -1"]),
            (["regress", "--data", "two.csv", "--y", "y", "--x", "x", "--degree", "2"], ["foresight: two.csv: the model has 3 coefficients"]),
        ]
        for (arguments, fragments) in cases {
            let result = try ws.run(arguments)
            expectExit(result, 65)
            for fragment in fragments { expectStderr(result, contains: fragment) }
        }
    }

    @Test func misspeltModelsFolderIsAUsageError() throws {
        let ws = try Workspace()
        try FileManager.default.createDirectory(at: ws.directory.appendingPathComponent("Data"), withIntermediateDirectories: true)
        for arguments in [["report", "--models-dir", "Modles", "--out", "rep"], ["data", "validate", "--models-dir", "Modles"]] {
            let result = try ws.run(arguments)
            expectExit(result, 64)
            expectStderr(result, contains: "--models-dir Modles: no such folder")
        }
        #expect(try ws.fileNames() == ["Data"], "no report folder is written")
    }
}

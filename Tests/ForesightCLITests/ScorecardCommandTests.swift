import Foundation
import Testing

/// `foresight scorecard` as a process: the MCDA examples through `--format json`, the shipped
/// scorecards, exit codes and located messages.
@Suite("foresight scorecard (process)")
struct ScorecardCommandTests {
    /// Copies a fixture of the Scorecards tests into the workspace.
    static func fixture(_ ws: Workspace, _ name: String) throws {
        try ws.copy(packageFile: "Tests/ScorecardsTests/Fixtures/\(name)")
    }

    /// Runs the scorecard with `--format json` and returns the parsed document.
    static func json(_ ws: Workspace, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let result = try ws.run(["scorecard"] + arguments + ["--format", "json"], sourceLocation: sourceLocation)
        expectExit(result, 0, sourceLocation: sourceLocation)
        let nonFinite = result.stdout.contains(/[:\[,]\s*-?(?i:nan|inf(inity)?)\b/)
        #expect(!nonFinite, "a non-finite number in the JSON", sourceLocation: sourceLocation)
        return try result.jsonObject(sourceLocation: sourceLocation)
    }

    static func method(_ document: [String: Any], _ name: String) throws -> [String: Any] {
        try #require((document["methods"] as? [String: Any])?[name] as? [String: Any], "no method \(name)")
    }

    static func scores(_ block: [String: Any], _ names: [String], key: String = "scores") throws -> [Double] {
        let map = try #require(block[key] as? [String: Any], "no \(key)")
        return try names.map { try #require(number(map, $0), "no \(key) for \($0)") }
    }

    static func expectClose(_ actual: [Double], _ expected: [Double], _ tolerance: Double, _ label: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.count == expected.count && zip(actual, expected).allSatisfy { abs($0 - $1) <= tolerance },
                "\(label): \(actual) vs \(expected) ± \(tolerance)", sourceLocation: sourceLocation)
    }

    // MARK: The examples through the command line

    @Test func e1AndE2AHPThroughJSON() throws {
        let ws = try Workspace()
        try Self.fixture(ws, "e1-ahp-drinks.yaml")
        try Self.fixture(ws, "e2-ahp-inconsistent.yaml")
        let drinks = try Self.method(try Self.json(ws, ["e1-ahp-drinks.yaml"]), "ahp")
        Self.expectClose(try Self.scores(drinks, ["Coffee", "Wine", "Tea", "Beer", "Soda", "Milk", "Water"]),
                         [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327], 5e-4, "E1 priorities")
        let local = try #require((drinks["alternatives"] as? [String: Any])?["consumption"] as? [String: Any])
        Self.expectClose([number(local, "lambda_max") ?? 0, number(local, "cr") ?? 0], [7.1766, 0.022], 5e-4, "E1 λmax, CR")
        #expect(local["consistent"] as? Bool == true)
        let ranking = try #require(drinks["ranking"] as? [[String: Any]])
        #expect(ranking.first?["alternative"] as? String == "Water" && ranking.first?["rank"] as? Int == 1)

        let document = try Self.json(ws, ["e2-ahp-inconsistent.yaml"])
        let wang = try Self.method(document, "ahp")
        Self.expectClose(try Self.scores(wang, ["A1", "A2", "A3", "A4", "A5", "A6"]),
                         [0.3208, 0.1395, 0.0348, 0.1285, 0.2374, 0.1391], 5e-5, "E2 priorities")
        let block = try #require((wang["alternatives"] as? [String: Any])?["preference"] as? [String: Any])
        Self.expectClose([number(block, "lambda_max") ?? 0, number(block, "cr") ?? 0], [7.4199, 0.229], 5e-4, "E2 λmax, CR")
        #expect(block["consistent"] as? Bool == false)
        #expect((document["notes"] as? [String])?.contains { $0.contains("inconsistent") } == true)
    }

    @Test func e5E7E8E10ThroughJSON() throws {
        let ws = try Workspace()
        for name in ["e5-topsis.yaml", "e7-vikor.yaml", "e8-entropy.yaml", "e10-wsm-wpm.yaml"] { try Self.fixture(ws, name) }
        let six = ["A1", "A2", "A3", "A4", "A5", "A6"]
        let topsis = try Self.method(try Self.json(ws, ["e5-topsis.yaml"]), "topsis")
        Self.expectClose(try Self.scores(topsis, six), [0.308, 0.254, 0.327, 0.263, 0.857, 0.192], 2e-3, "E5 closeness")
        let order = try #require(topsis["ranking"] as? [[String: Any]]).map { $0["alternative"] as? String ?? "" }
        #expect(order == ["A5", "A3", "A1", "A4", "A2", "A6"])

        let vikor = try Self.method(try Self.json(ws, ["e7-vikor.yaml"]), "vikor")
        Self.expectClose(try Self.scores(vikor, six), [0.640, 1.000, 0.693, 0.271, 0.000, 0.694], 5e-4, "E7 Q")
        Self.expectClose(try Self.scores(vikor, six, key: "s"), [0.629, 0.767, 0.601, 0.310, 0.080, 0.516], 5e-4, "E7 S")
        Self.expectClose(try Self.scores(vikor, six, key: "r"), [0.200, 0.400, 0.267, 0.133, 0.080, 0.333], 5e-4, "E7 R")

        let entropy = try #require(try Self.json(ws, ["e8-entropy.yaml"])["weights"] as? [String: Any])
        #expect(entropy["method"] as? String == "entropy")
        Self.expectClose(try Self.scores(entropy, ["c1", "c2", "c3", "c4"], key: "values"), [0.4630, 0.3992, 0.1378, 0.0000], 5e-5, "E8 weights")

        let document = try Self.json(ws, ["e10-wsm-wpm.yaml"])
        let wsm = try Self.method(document, "wsm"), wpm = try Self.method(document, "wpm")
        Self.expectClose(try Self.scores(wsm, ["A1", "A2", "A3"]), [21.5, 22, 22], 1e-9, "E10 WSM")
        let ranking = try #require(wsm["ranking"] as? [[String: Any]])
        #expect(ranking.map { $0["tied"] as? Bool } == [true, true, false])
        #expect(ranking.map { $0["rank"] as? Int } == [1, 1, 3])
        let p = try Self.scores(wpm, ["A1", "A2", "A3"])
        Self.expectClose([p[0] / p[1], p[0] / p[2], p[1] / p[2]], [1.0074, 1.0671, 1.0592], 5e-5, "E10 WPM ratios")
        let tau = try #require((document["agreement"] as? [String: Any])?["kendall_tau"] as? [[Any]])
        #expect(abs(((tau[0][1] as? NSNumber)?.doubleValue ?? 0) + 2 / 6.0.squareRoot()) < 1e-9)
    }

    @Test func e11SMAAThroughJSONWithSeedOverride() throws {
        let ws = try Workspace()
        try Self.fixture(ws, "e11-smaa.yaml")
        let document = try Self.json(ws, ["e11-smaa.yaml"])
        let smaa = try #require(document["smaa"] as? [String: Any])
        #expect(number(smaa, "draws") == 200_000)
        #expect(smaa["weights"] as? String == "uniform" && smaa["concentration"] == nil)
        #expect(smaa["weight_model"] as? String == "if nothing is known about the weights (uniform over all weight vectors)")
        let acceptability = try #require(smaa["acceptability"] as? [String: [Double]])
        for (name, exact) in [("A", [0.4, 0.1, 0.5]), ("B", [0.4, 0.1, 0.5]), ("C", [0.2, 0.8, 0.0])] {
            let observed = try #require(acceptability[name])
            for (b, e) in zip(observed, exact) {
                #expect(abs(b - e) <= max(3 * (e * (1 - e) / 200_000).squareRoot(), 1e-12), "\(name): \(observed)")
            }
        }
        let central = try #require(smaa["central_weights"] as? [String: [String: Double]])
        #expect(abs((central["A"]?["x1"] ?? 0) - 0.8) < 0.005 && abs((central["C"]?["x2"] ?? 0) - 0.5) < 0.005)
        #expect((smaa["confidence_factors"] as? [String: Double]) == ["A": 1, "B": 1, "C": 1])
        let provenance = try #require(document["provenance"] as? [String: Any])
        #expect(number(provenance, "seed") == 1)
        #expect((provenance["sha256"] as? String)?.count == 64)
        let overridden = try Self.json(ws, ["e11-smaa.yaml", "--seed", "7"])
        #expect(number(try #require(overridden["provenance"] as? [String: Any]), "seed") == 7)
        #expect(number(try #require(overridden["smaa"] as? [String: Any]), "seed") == 7)
    }

    // MARK: The shipped scorecards

    @Test(arguments: ["program-structure.yaml", "program-structure-ahp.yaml"])
    func shippedScorecardTextHasEverySection(name: String) throws {
        let ws = try Workspace()
        try ws.copy(packageFile: "Models/scorecards/\(name)")
        let result = try ws.run(["scorecard", name])
        expectExit(result, 0)
        for section in ["Scores", "Rankings", "Method agreement", "SMAA-2 rank acceptabilities", "Weight stability intervals",
                        "Rank reversal", "Sources", "China MICs", "Fraunhofer", "central values", "program_facts"] {
            #expect(result.stdout.contains(section), "missing \(section)")
        }
        let document = try Self.json(ws, [name])
        let sources = try #require(document["sources"] as? [String: String])
        #expect(sources.count == 9 && sources.values.allSatisfy { !$0.isEmpty })
        let rankOne = try #require((document["smaa"] as? [String: Any])?["rank1_acceptability"] as? [String: Double])
        #expect(abs(rankOne.values.reduce(0, +) - 1) < 1e-9)
        #expect(result.stdout.contains("SMAA-2 rank acceptabilities, if the weights are uncertain by about ±"))
        let smaa = try #require(document["smaa"] as? [String: Any])
        #expect(smaa["weights"] as? String == "stated" && number(smaa, "concentration") == 50)
        #expect(((smaa["weight_model"] as? String) ?? "").contains("around the stated weights (Dirichlet, concentration 50)"))
        #expect((document["stability"] as? [String: Any])?.count == (document["method_order"] as? [Any])?.count)
    }

    @Test func markdownAndCSVFormatsAndOutFile() throws {
        let ws = try Workspace()
        try Self.fixture(ws, "e10-wsm-wpm.yaml")
        let markdown = try ws.run(["scorecard", "e10-wsm-wpm.yaml", "--format", "markdown"])
        expectExit(markdown, 0)
        #expect(markdown.stdout.contains("#### Scores") && markdown.stdout.contains("| A1 |"))
        let csv = try ws.run(["scorecard", "e10-wsm-wpm.yaml", "--format", "csv", "--out", "scores.csv"])
        expectExit(csv, 0)
        #expect(csv.stdout.isEmpty)
        let lines = try ws.read("scores.csv").split(separator: "\n")
        #expect(lines.first == "alternative,wsm,wpm")
        #expect(lines.count == 4 && lines[1].hasPrefix("A1,21.5,"))
    }

    // MARK: Errors

    @Test func badSpecListsEveryProblemAndExits65() throws {
        let ws = try Workspace()
        try ws.write("bad.yaml", """
            schema: 1
            name: Bad
            alternatives: [A, B]
            criteria:
              - {id: c1, direction: benefit, weight: -1, values: {A: 1, C: 2}}
              - {id: c2, direction: cost, weight: 1, values: [1, [3, 2]]}
            ahp:
              criteria: [[1, 3], [2, 1]]
            methods: [wsm, ahp, electre]
            """)
        let result = try ws.run(["scorecard", "bad.yaml"])
        expectExit(result, 65)
        expectStderrAll(result, "bad.yaml:5:", "criteria[0].weight", "negative",
                     "criteria[0].values.C", "unknown alternative 'C'", "no value for alternative 'B'",
                     "bad.yaml:6:", "criteria[1].values[1]", "interval low 3 exceeds high 2",
                     "bad.yaml:8:", "ahp.criteria[1][0]", "not reciprocal",
                     "bad.yaml:9:", "methods[2]", "unknown method 'electre'")
        #expect(result.stdout.isEmpty)
    }

    @Test func methodDomainErrorsExit65Located() throws {
        let ws = try Workspace()
        try ws.write("constant.yaml", """
            schema: 1
            name: Constant
            alternatives: [A, B]
            criteria:
              - {id: c1, direction: benefit, weight: 1, values: [2, 2]}
              - {id: c2, direction: benefit, weight: 1, values: [0, 1]}
            methods: [wsm, wpm]
            normalization: minmax
            """)
        let result = try ws.run(["scorecard", "constant.yaml"])
        expectExit(result, 65)
        expectStderrAll(result, "constant.yaml:5:", "criteria[0]", "same value", "constant.yaml:6:", "criteria[1].values[0]", "values > 0")
    }

    @Test func malformedYAMLAndMissingFileExit65() throws {
        let ws = try Workspace()
        try ws.write("broken.yaml", "schema: 1\nname: [oops\n")
        let broken = try ws.run(["scorecard", "broken.yaml"])
        expectExit(broken, 65)
        expectStderr(broken, contains: "broken.yaml:", "not valid YAML")
        let missing = try ws.run(["scorecard", "absent.yaml"])
        expectExit(missing, 65)
        expectStderr(missing, contains: "absent.yaml", "no such file")
    }

    @Test(arguments: [[], ["x.yaml", "--format", "pdf"], ["x.yaml", "--seed", "-1"], ["x.yaml", "--bogus"]])
    func usageErrorsExit64(arguments: [String]) throws {
        let ws = try Workspace()
        try Self.fixture(ws, "e10-wsm-wpm.yaml")
        let result = try ws.run(["scorecard"] + arguments)
        expectExit(result, 64)
    }
}

/// Checks that standard error contains every fragment (variadic list form).
private func expectStderrAll(_ result: RunResult, _ fragments: String..., sourceLocation: SourceLocation = #_sourceLocation) {
    for fragment in fragments {
        #expect(result.stderr.contains(fragment), "stderr lacks \"\(fragment)\": \(result)", sourceLocation: sourceLocation)
    }
}

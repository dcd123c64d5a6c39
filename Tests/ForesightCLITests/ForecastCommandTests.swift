import Foundation
import Testing

/// `foresight forecast` as a process: the formats, the overrides, determinism across threads,
/// exit codes and messages, and the JSON of the shipped scenarios (with fewer draws).
@Suite("foresight forecast (process)")
struct ForecastCommandTests {
    /// The repository's data folder (never /work/shared).
    static let dataDirectory = ForesightExecutable.packageRoot.appendingPathComponent("Data").path

    /// A small scenario on China's official counts: one fast model, no backtest.
    static func scenario(models: String = "[nhpp-linear]", backtest: String = "{origins: []}", extra: String = "") -> String {
        """
        schema: 1
        name: small forecast
        series: {file: official_center_counts.csv, kind: cumulative, program: China MICs}
        models: \(models)
        target: {count: 40, by: 2025-12-31}
        horizon: 2027-12-31
        uncertainty: {draws: 200, levels: [0.8, 0.95]}
        backtest: \(backtest)
        seed: 3
        \(extra)
        """
    }

    static func forecast(_ ws: Workspace, _ arguments: [String], timeout: TimeInterval = 60,
                         sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        try ws.run(["forecast"] + arguments + ["--data-dir", dataDirectory], timeout: timeout, sourceLocation: sourceLocation)
    }

    // MARK: Formats

    @Test func everyFormat() throws {
        let ws = try Workspace()
        try ws.write("small.yaml", Self.scenario(extra: "what_if:\n  - {name: halved, rate_multiplier: 0.5, from: 2026-01-01}"))

        let text = try Self.forecast(ws, ["small.yaml"])
        expectExit(text, 0)
        #expect(text.stdout.contains("Target"), "\(text)")
        #expect(text.stdout.contains("nhpp-linear") && text.stdout.contains("halved"))

        let markdown = try Self.forecast(ws, ["small.yaml", "--format", "markdown"])
        expectExit(markdown, 0)
        #expect(markdown.stdout.contains("|") && markdown.stdout.contains("#"))

        let csv = try Self.forecast(ws, ["small.yaml", "--format", "csv"])
        expectExit(csv, 0)
        let lines = csv.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.first).split(separator: ",").map(String.init)
        #expect(header.contains("date") && header.contains("mean"), "CSV header: \(header)")
        #expect(lines.count > 2 && lines.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == header.count })
        #expect(csv.stdout.contains("baseline") && csv.stdout.contains("halved"))

        let json = try Self.forecast(ws, ["small.yaml", "--format", "json"])
        expectExit(json, 0)
        let document = try json.jsonObject()
        for key in ["scenario", "series", "models", "ensemble", "projection", "fan", "target", "what_if", "backtest", "notes", "provenance"] {
            #expect(document[key] != nil, "no \(key)")
        }
        #expect(document["scenario"] as? String == "small forecast")
    }

    // MARK: Overrides and determinism

    @Test func drawsAndSeedOverrides() throws {
        let ws = try Workspace()
        try ws.write("small.yaml", Self.scenario())
        let base = try Self.forecast(ws, ["small.yaml", "--format", "json"]).jsonObject()
        let provenance = try #require(base["provenance"] as? [String: Any])
        #expect(provenance["draws"] as? Int == 200 && provenance["seed"] as? Int == 3)

        let overridden = try Self.forecast(ws, ["small.yaml", "--format", "json", "--draws", "150", "--seed", "7"])
        expectExit(overridden, 0)
        let document = try overridden.jsonObject()
        let changed = try #require(document["provenance"] as? [String: Any])
        #expect(changed["draws"] as? Int == 150 && changed["seed"] as? Int == 7)
        #expect((document["ensemble"] as? [String: Any])?["draws"] as? Int == 150)
        #expect((document["fan"] as? [[String: Any]])?.map { number($0, "mean") } != (base["fan"] as? [[String: Any]])?.map { number($0, "mean") })

        for bad in [["--draws", "50"], ["--threads", "0"]] {
            let result = try Self.forecast(ws, ["small.yaml"] + bad)
            expectExit(result, 64)
        }
    }

    @Test func sameSeedSameBytesWhateverTheThreads() throws {
        let ws = try Workspace()
        try ws.write("small.yaml", Self.scenario(models: "[nhpp-linear, logistic]",
                                                 backtest: "{origins: [2021-12-31], horizon_years: 3, draws: 50}"))
        let one = try Self.forecast(ws, ["small.yaml", "--format", "json", "--threads", "1"])
        let two = try Self.forecast(ws, ["small.yaml", "--format", "json", "--threads", "2"])
        expectExit(one, 0)
        expectExit(two, 0)
        #expect(one.stdout == two.stdout)
        #expect(!((try one.jsonObject())["backtest"] as? [Any] ?? []).isEmpty)
        let other = try Self.forecast(ws, ["small.yaml", "--format", "json", "--threads", "2", "--seed", "4"])
        #expect(other.stdout != one.stdout)
    }

    // MARK: Errors

    @Test func badScenarioListsEveryProblemAndExits65() throws {
        let ws = try Workspace()
        try ws.write("bad.yaml", """
            schema: 1
            name: bad
            series: {file: official_center_counts.csv, kind: cumulative, program: China MIC}
            models: [nhpp-logistc]
            target: {count: 40, by: 2025-12-31}
            horizon: 2027-12-31
            what_if:
              - {name: negative, rate_multiplier: -1, from: 2026-01-01}
            """)
        let result = try Self.forecast(ws, ["bad.yaml"])
        expectExit(result, 65)
        expectStderr(result, contains: "bad.yaml:3", "series.program", "China MICs", "bad.yaml:4", "models[0]", "nhpp-logistic",
                     "bad.yaml:8", "what_if[0].rate_multiplier")
        #expect(result.stdout.isEmpty)
    }

    @Test func missingScenarioFileExits65LikeTheOtherSpecCommands() throws {
        let ws = try Workspace()
        let result = try Self.forecast(ws, ["absent.yaml"])
        expectExit(result, 65)
        expectStderr(result, contains: "absent.yaml", "no such file")
        let scorecard = try ws.run(["scorecard", "absent.yaml"])
        #expect(scorecard.status == result.status)
    }

    // MARK: Shipped scenarios

    /// A shipped scenario copied with fewer draws (200) and backtest draws (50).
    static func reducedCopy(_ ws: Workspace, _ name: String) throws {
        var text = try String(contentsOf: ForesightExecutable.packageRoot.appendingPathComponent("Models/scenarios/\(name)"), encoding: .utf8)
        text = text.replacing(/uncertainty: \{(.*)draws: \d+/) { "uncertainty: {\($0.output.1)draws: 200" }
        text = text.replacing(/(backtest: \{.*)draws: \d+\}/) { "\($0.output.1)draws: 50}" }
        try ws.write(name, text)
    }

    static func checkPoints(_ points: Any?, last: Double, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let list = points as? [[String: Any]] ?? []
        #expect(!list.isEmpty, "\(context): no points", sourceLocation: sourceLocation)
        for point in list {
            let intervals = point["intervals"] as? [[String: Any]] ?? []
            let levels = intervals.compactMap { number($0, "level") }
            let lower = intervals.compactMap { number($0, "lower") }
            let upper = intervals.compactMap { number($0, "upper") }
            let where_ = "\(context) \(point["date"] as? String ?? "?")"
            guard let median = number(point, "median"), let mean = number(point, "mean"), lower.count == 2, upper.count == 2 else {
                Issue.record("\(where_): incomplete point \(point)", sourceLocation: sourceLocation)
                continue
            }
            #expect(levels == [0.8, 0.95], "\(where_)", sourceLocation: sourceLocation)
            #expect(zip(lower, upper).allSatisfy { $0 <= median && median <= $1 }, "\(where_): \(intervals) median \(median)",
                    sourceLocation: sourceLocation)
            #expect(lower[1] <= lower[0] && upper[0] <= upper[1], "\(where_): 80% not inside 95%", sourceLocation: sourceLocation)
            #expect(lower.allSatisfy { $0 >= last - 1e-9 } && mean >= last - 1e-9, "\(where_): below \(last)", sourceLocation: sourceLocation)
        }
    }

    static func checkTarget(_ target: Any?, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let block = target as? [String: Any]
        #expect(block != nil, "\(context): no target block", sourceLocation: sourceLocation)
        for key in ["probability", "not_reached_probability"] {
            let value = block.flatMap { number($0, key) }
            #expect(value.map { (0...1).contains($0) } == true, "\(context): \(key) = \(String(describing: value))", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: ["china-mics-2025.yaml", "china-mics-halving-2024.yaml", "china-mics-named-2025.yaml",
                      "china-provincial-mics.yaml", "fraunhofer.yaml", "manufacturing-usa.yaml"])
    func shippedScenarioJSONIsCoherent(name: String) throws {
        let ws = try Workspace()
        try Self.reducedCopy(ws, name)
        let result = try Self.forecast(ws, [name, "--format", "json"], timeout: 300)
        expectExit(result, 0)
        let document = try result.jsonObject()
        let lastObserved = try #require((document["series"] as? [String: Any])?["last_observed"] as? [String: Any])
        let last = try #require(number(lastObserved, "count"))
        if name == "china-mics-2025.yaml" { #expect(last == 33) }
        Self.checkPoints(document["projection"], last: last, "\(name) projection")
        Self.checkPoints(document["fan"], last: last, "\(name) fan")
        Self.checkTarget(document["target"], "\(name) target")
        for whatIf in document["what_if"] as? [[String: Any]] ?? [] {
            let label = "\(name) \(whatIf["name"] as? String ?? "?")"
            Self.checkPoints(whatIf["projection"], last: last, label)
            Self.checkTarget(whatIf["target"], label)
        }
        for model in document["models"] as? [[String: Any]] ?? [] {
            #expect(number(model, "weight").map { (0...1).contains($0) } == true)
        }
        let backtest = document["backtest"] as? [Any]
        #expect(backtest != nil, "\(name): no backtest key")
        #expect(!(backtest ?? []).isEmpty, "\(name): no backtest predictions")
        #expect((document["provenance"] as? [String: Any])?["draws"] as? Int == 200)
    }
}

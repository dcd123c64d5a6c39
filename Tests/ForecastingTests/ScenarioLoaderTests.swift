import Datasets
import Foundation
import Testing

@testable import Forecasting

/// Scenario files with problems: every problem is reported at once, with its key path and line.
@Suite("Scenario loader errors")
struct ScenarioLoaderTests {
    /// The problems of `text`, or an issue when it loads.
    static func problems(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [DataError] {
        do {
            _ = try Scenarios.parse(text, source: "bad.yaml")
            Issue.record("the scenario loaded", sourceLocation: sourceLocation)
            return []
        } catch let errors as DataErrors {
            return errors.errors
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
            return []
        }
    }

    /// The problem whose message starts with `path: `, expected at `line` of `file`.
    static func expectProblem(_ problems: [DataError], path: String, line: Int?, file: String = "bad.yaml", containing fragment: String = "",
                              sourceLocation: SourceLocation = #_sourceLocation) {
        let match = problems.first { $0.message.hasPrefix("\(path): ") }
        #expect(match != nil, "no problem at \(path): \(problems.map(\.description))", sourceLocation: sourceLocation)
        guard let match else { return }
        #expect(match.file == file, "\(match)", sourceLocation: sourceLocation)
        if let line { #expect(match.line == line, "expected line \(line): \(match)", sourceLocation: sourceLocation) }
        #expect(fragment.isEmpty || match.message.contains(fragment), "\(match) lacks \(fragment)", sourceLocation: sourceLocation)
    }

    @Test func missingFileUnknownModelAndNegativeMultiplierTogether() {
        let text = """
            schema: 1
            name: broken
            series:
              file: no_such_counts.csv
              kind: cumulative
            models: [nhpp-logistic, nhpp-logistc, logistic]
            target: {count: 40, by: 2025-12-31}
            horizon: 2030-12-31
            what_if:
              - {name: negative, rate_multiplier: -0.5, from: 2024-01-01}
            """
        let problems = Self.problems(text)
        Self.expectProblem(problems, path: "series.file", line: 4, containing: "no_such_counts.csv")
        Self.expectProblem(problems, path: "models[1]", line: 6, containing: "nhpp-logistc")
        Self.expectProblem(problems, path: "what_if[0].rate_multiplier", line: 10, containing: "-0.5")
        #expect(problems.count == 3, "\(problems.map(\.description))")
    }

    @Test func unknownProgramAndMissingColumnTogether() {
        let text = """
            schema: 1
            name: broken
            series:
              file: official_center_counts.csv
              kind: cumulative
              program: China MIC
              count_column: centres
            models: [gompertz, nhpp-richard]
            target: {count: 40, by: 2025-12-31}
            horizon: 2030-12-31
            """
        let problems = Self.problems(text)
        Self.expectProblem(problems, path: "series.program", line: 6, containing: "China MICs")  // the suggestion
        Self.expectProblem(problems, path: "series.count_column", line: 7, containing: "centres")
        Self.expectProblem(problems, path: "models[1]", line: 8, containing: "nhpp-richard")
        #expect(problems.count == 3, "\(problems.map(\.description))")
    }

    @Test func horizonBeforeTheDataEndAndTargetAfterTheHorizon() {
        let text = Scenarios.china(models: ["nhpp-linear"], target: "{count: 40, by: 2026-12-31}", horizon: "2025-06-30")
        let problems = Self.problems(text)
        Self.expectProblem(problems, path: "horizon", line: 9, containing: "2025-09-09")
        Self.expectProblem(problems, path: "target.by", line: 8)
        #expect(problems.count == 2, "\(problems.map(\.description))")
    }

    @Test func badNumbersInUncertaintyBacktestAndWhatIfs() {
        let text = Scenarios.china(models: ["nhpp-linear"], draws: 10, backtest: "{origins: [2025-12-31], draws: 10}",
                                   extra: "what_if:\n  - {name: cap, capacity: 0}\n  - {name: nothing}")
        let problems = Self.problems(text)
        Self.expectProblem(problems, path: "uncertainty.draws", line: 10)
        Self.expectProblem(problems, path: "backtest.draws", line: 11)
        Self.expectProblem(problems, path: "backtest.origins[0]", line: 11)
        Self.expectProblem(problems, path: "what_if[0].capacity", line: 14)
        Self.expectProblem(problems, path: "what_if[1]", line: 15)
    }

    @Test func aValidMinimalScenarioLoads() throws {
        let text = """
            schema: 1
            name: minimal
            series: {file: official_center_counts.csv, kind: cumulative, program: China MICs}
            models: [nhpp-linear]
            target: {count: 40, by: 2025-12-31}
            horizon: 2027-12-31
            """
        let scenario = try Scenarios.parse(text)
        #expect(scenario.name == "minimal" && scenario.models == ["nhpp-linear"])
        #expect(scenario.series.lastCount == 33 && scenario.series.observationCount == 18)
        #expect(scenario.levels == [0.8, 0.95] && scenario.draws == 5000 && scenario.seed == 2025)
        #expect(scenario.origin == 2015)
        #expect(scenario.target.count == 40 && scenario.target.label == "2025-12-31")
        #expect(abs(scenario.target.by - 2026.0) < 1e-12)  // the end of the stated day
        #expect(abs(scenario.horizon - 2028.0) < 1e-12)
        // Default backtest origins: every year end by which 4 statements are known (0, 1, 1, 3 by
        // 2017-11-28) up to the last year end before the data end (2025-09-09).
        #expect(scenario.backtest.originLabels == ["2017-12-31", "2018-12-31", "2019-12-31", "2020-12-31", "2021-12-31", "2022-12-31",
                                                   "2023-12-31", "2024-12-31"])
        #expect(scenario.series.notes.contains { $0.contains("lower bounds left out") })
        let overridden = scenario.overriding(seed: 9, draws: 300)
        #expect(overridden.seed == 9 && overridden.draws == 300 && overridden.models == scenario.models)
    }
}

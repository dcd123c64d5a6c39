import Datasets
import Foundation
import Probability
import Testing

@testable import Forecasting

/// Every size a scenario can set is checked against ``ScenarioLimits`` when it is loaded, with
/// the key path and line, before anything is fitted or simulated.
@Suite("Scenario limits")
struct ScenarioLimitTests {
    private func problems(_ text: String) -> [DataError] { ScenarioLoaderTests.problems(text) }

    private static func events(start: String, resolution: String) -> String {
        """
        schema: 1
        name: named centres
        series:
          file: china_mics.csv
          kind: events
          start: \(start)
          resolution: \(resolution)
        models: [nhpp-linear]
        target: {count: 40, by: 2025-12-31}
        horizon: 2028-12-31
        backtest: {origins: [], draws: 50}
        """
    }

    @Test func whatIfMultiplierAndCapacityAreCapped() {
        let text = Scenarios.china(models: ["nhpp-linear"], extra: """
            what_if:
              - {name: boom, rate_multiplier: 1e9, from: 2026-01-01}
              - {name: room, capacity: 1000000000000}
              - {name: more, add: [{count: 2000000000, at: 2026-06-30}]}
            """)
        let problems = problems(text)
        ScenarioLoaderTests.expectProblem(problems, path: "what_if[0].rate_multiplier", line: 14, containing: "0…1000, found 1e+09")
        ScenarioLoaderTests.expectProblem(problems, path: "what_if[1].capacity", line: 15, containing: "up to 1000000000")
        ScenarioLoaderTests.expectProblem(problems, path: "what_if[2].add[0].count", line: 16, containing: "up to 1000000000")
    }

    @Test func targetCountIsCapped() {
        let problems = problems(Scenarios.china(models: ["nhpp-linear"], target: "{count: 1000000000000, by: 2025-12-31}"))
        ScenarioLoaderTests.expectProblem(problems, path: "target.count", line: 8, containing: "up to 1000000000")
    }

    @Test func anEarlyStartMakesTooManyPeriods() {
        let problems = problems(Self.events(start: "0000-01-01", resolution: "month"))
        ScenarioLoaderTests.expectProblem(problems, path: "series.start", line: 6,
                                          containing: "counting from '0000-01-01'")
        #expect(problems.first?.message.contains("above the limit of 5000") == true, "\(problems)")
    }

    @Test func dailyPeriodsFromAnEarlyStartAreTooMany() {
        let problems = problems(Self.events(start: "2000-01-01", resolution: "day"))
        ScenarioLoaderTests.expectProblem(problems, path: "series.start", line: 6, containing: "by day")
        // The shipped start with daily periods (about 3,800 days) stays within the limit.
        #expect(throws: Never.self) { try Scenarios.parse(Self.events(start: "2015-05-19", resolution: "day")) }
    }

    @Test func horizonIsAtMostACenturyAfterTheData() {
        let problems = problems(Scenarios.china(models: ["nhpp-linear"], horizon: "2300-12-31"))
        ScenarioLoaderTests.expectProblem(problems, path: "horizon", line: 9, containing: "more than 100 years")
    }

    @Test func simulatedCountsAreBoundedByAMemoryEstimate() throws {
        // 1,000,000 draws × about 1,250 projection times to 2120: 1.25·10⁹ counts, over 2²⁸.
        let problems = problems(Scenarios.china(models: ["nhpp-linear"], horizon: "2120-12-31", draws: 1_000_000))
        ScenarioLoaderTests.expectProblem(problems, path: "uncertainty.draws", line: 10,
                                          containing: "exceed the limit of 268435456 simulated counts")
        // The same horizon with few draws loads; a --draws override is checked again.
        let scenario = try Scenarios.parse(Scenarios.china(models: ["nhpp-linear"], horizon: "2120-12-31"))
        #expect(scenario.simulationSizeProblem == nil)
        #expect(scenario.overriding(seed: nil, draws: 1_000_000).simulationSizeProblem?.contains("1000000 draws") == true)
    }

    @Test func orderStatisticOfHugeCountsNeedsNoArray() {
        // n = 10¹²: the median of n uniforms is within a few 10⁻⁶ of 1/2 (its sd is 1/(2√n) = 5·10⁻⁷).
        var generator = SeededGenerator(seed: 7)
        let n = 1_000_000_000_000
        for _ in 0..<20 {
            let median = ProjectionEngine.orderStatistic(n / 2, of: n, &generator)
            #expect(abs(median - 0.5) < 5e-6, "\(median)")
            let first = ProjectionEngine.orderStatistic(1, of: n, &generator)
            #expect(first > 0 && first < 1e-10, "\(first)")
        }
    }

    @Test func largeWhatIfsWithinTheLimitsSimulateWithoutTrouble() throws {
        let text = Scenarios.china(models: ["nhpp-linear"], draws: 100, extra: """
            what_if:
              - {name: boom, rate_multiplier: 1000, from: 2026-01-01}
              - {name: room, capacity: 1000000000, rate_multiplier: 1000, from: 2026-01-01}
            """)
        let result = try ScenarioRunner(scenario: try Scenarios.parse(text), threads: 1).run()
        #expect(result.whatIfs.count == 2)
    }
}

import Foundation
import Testing

@testable import Forecasting

/// Determinism, targets answered from the data, and what-if semantics, on the official counts.
@Suite("Scenario runner")
struct RunnerTests {
    static func run(_ text: String, threads: Int = 2, seed: UInt64? = nil) throws -> ForecastResult {
        let scenario = try Scenarios.parse(text).overriding(seed: seed, draws: nil)
        return try ScenarioRunner(scenario: scenario, threads: threads).run()
    }

    // MARK: Determinism

    /// Everything in a result, numbers in their shortest round-trip form (the JSON's content;
    /// the JSON itself is compared across threads in ForecastCommandTests, which can use Reports).
    static func fingerprint(_ result: ForecastResult) -> String {
        var text = ""
        dump(result, to: &text, maxDepth: .max, maxItems: .max)
        return text
    }

    /// Progress counts every backtest and projection draw once, and never changes the result.
    @Test func progressCountsEveryDrawAndChangesNothing() throws {
        let text = Scenarios.china(models: ["nhpp-linear", "logistic"], draws: 150,
                                   backtest: "{origins: [2020-12-31, 2021-12-31], horizon_years: 3, draws: 50}")
        let scenario = try Scenarios.parse(text)
        let seen = Observed()
        let progress = WorkProgress { done, total in seen.record(done, total) }
        let counted = try ScenarioRunner(scenario: scenario, threads: 2, progress: progress).run()
        let plain = try ScenarioRunner(scenario: scenario, threads: 2).run()
        #expect(Self.fingerprint(counted) == Self.fingerprint(plain))
        let (done, total, increasing) = seen.state
        #expect(done == 2 * 2 * 50 + 150 && total == done && increasing)
    }

    /// What a progress observer saw: the last report and whether `done` never went down.
    private final class Observed: @unchecked Sendable {
        private let lock = NSLock()
        private var last = (done: 0, total: 0, increasing: true)
        func record(_ done: Int, _ total: Int) {
            lock.withLock { last = (done, total, last.increasing && done >= last.done) }
        }
        var state: (Int, Int, Bool) { lock.withLock { (last.done, last.total, last.increasing) } }
    }

    @Test func sameSeedSameResultWhateverTheThreadsDifferentSeedDifferent() throws {
        let text = Scenarios.china(models: ["nhpp-linear", "nhpp-logistic", "logistic"],
                                   backtest: "{origins: [2021-12-31], horizon_years: 3, draws: 50}",
                                   extra: "what_if:\n  - {name: slower, rate_multiplier: 0.5, from: 2026-01-01}")
        let one = try Self.run(text, threads: 1, seed: 5)
        let two = try Self.run(text, threads: 2, seed: 5)
        #expect(!one.backtestPoints.isEmpty && one.whatIfs.count == 1)
        #expect(Self.fingerprint(one) == Self.fingerprint(two))
        let other = try Self.run(text, threads: 2, seed: 6)
        #expect(Self.fingerprint(other) != Self.fingerprint(one))
        #expect(other.fan.map(\.mean) != one.fan.map(\.mean))
        // Only the simulation changes with the seed: the fits do not.
        #expect(other.candidates.map { $0.parameters.map(\.estimate) } == one.candidates.map { $0.parameters.map(\.estimate) })
    }

    // MARK: Targets answered from the data

    @Test func targetAlreadyReachedHasProbabilityOneAndItsDate() throws {
        let result = try Self.run(Scenarios.china(models: ["nhpp-linear"], target: "{count: 15, by: 2020-12-31}"))
        let t = result.target
        #expect(t.probability == 1 && t.monteCarloError == 0 && t.notReachedProbability == 0 && t.expectedShortfall == 0)
        let answer = try #require(t.answeredFromData)
        #expect(answer.contains("17") && answer.contains("2020-11"), "\(answer)")
        // The 2020-11 statement at its midpoint: (2020 + 305/366 + 2020 + 335/366) / 2.
        let when = try #require(t.medianDate)
        #expect(abs(when - (2020 + 320.0 / 366)) < 1e-12)
        #expect(t.dateIntervals.allSatisfy { $0.lower == when && $0.upper == when })
        #expect(DecimalYear.dayText(when).hasPrefix("2020-11"))
    }

    @Test(arguments: [(30, "2022-12-31", 26.0), (20, "2021-12-31", 17.0)])
    func deadlineWithinTheDataNotReachedHasProbabilityZero(goal: Int, by: String, observed: Double) throws {
        let result = try Self.run(Scenarios.china(models: ["nhpp-linear"], target: "{count: \(goal), by: \(by)}"))
        let t = result.target
        #expect(t.probability == 0 && t.notReachedProbability == 1 && t.monteCarloError == 0)
        #expect(t.expectedShortfall == Double(goal) - observed)
        #expect(t.answeredFromData?.contains("\(Int(observed)) observed") == true, "\(t.answeredFromData ?? "nil")")
        #expect(t.medianDate == nil)
    }

    // MARK: What-ifs

    static let whatIfText = Scenarios.china(
        models: ["nhpp-linear", "nhpp-logistic"], target: "{count: 36, by: 2026-12-31}",
        extra: """
            what_if:
              - {name: stop, rate_multiplier: 0, from: 2024-01-01}
              - {name: cap, capacity: 35}
              - {name: add three, add: [{count: 3, at: 2026-06-30}]}
              - {name: same, rate_multiplier: 1, from: 2026-01-01}
            """)

    static func variant(_ result: ForecastResult, _ name: String) throws -> ForecastResult.WhatIfOutcome {
        try #require(result.whatIfs.first { $0.whatIf.name == name })
    }

    static func values(_ p: ProjectionPoint) -> [Double] {
        [p.mean, p.median] + p.intervals.flatMap { [$0.lower, $0.upper] }
    }

    @Test func whatIfSemantics() throws {
        let result = try Self.run(Self.whatIfText)
        #expect(result.lastObserved.count == 33)
        #expect(!result.fan.isEmpty && result.fan.count == result.whatIfs[0].fan.count)

        // Arrivals × 0 from before the end of the data: every path stays at the last count.
        let stop = try Self.variant(result, "stop")
        for p in stop.fan { #expect(Self.values(p).allSatisfy { $0 == 33 }, "\(p.label): \(Self.values(p))") }
        #expect(stop.target.probability == 0 && stop.target.expectedShortfall == 3)

        // A capacity caps every path (the baseline goes beyond it).
        let cap = try Self.variant(result, "cap")
        #expect(cap.fan.allSatisfy { p in Self.values(p).allSatisfy { $0 <= 35 } })
        #expect(result.fan.last.map { $0.intervals.last!.upper > 35 } == true)
        #expect(cap.target.probability == 0)

        // Added centres shift every path by the count from their date on (common random numbers).
        let add = try Self.variant(result, "add three")
        let at = 2026 + 181.0 / 365  // the end of 2026-06-30
        for (p, q) in zip(result.fan, add.fan) {
            let shift = p.time >= at - 1e-9 ? 3.0 : 0.0
            for (a, b) in zip(Self.values(p), Self.values(q)) {
                #expect(abs(b - (a + shift)) < 1e-9, "\(p.label): \(b) vs \(a) + \(shift)")
            }
        }

        // A multiplier of 1 is the baseline, draw for draw.
        let same = try Self.variant(result, "same")
        #expect(zip(result.fan, same.fan).allSatisfy { Self.values($0) == Self.values($1) })
        #expect(same.target.probability == result.target.probability)
        #expect(same.target.expectedShortfall == result.target.expectedShortfall)
        #expect(same.target.dateIntervals == result.target.dateIntervals)
    }

    @Test func rateMultiplierAveragesOverAPeriod() {
        let change = WhatIf(name: "x", rateChange: .init(multiplier: 0.5, from: 2026.25))
        #expect(change.multiplier(over: 2026.0, 2026.5) == 0.75)   // half the period at 0.5
        #expect(change.multiplier(over: 2026.5, 2027.0) == 0.5)
        #expect(change.multiplier(over: 2025.0, 2026.0) == 1)
        #expect(WhatIf.baseline.multiplier(over: 2025.0, 2026.0) == 1)
    }
}

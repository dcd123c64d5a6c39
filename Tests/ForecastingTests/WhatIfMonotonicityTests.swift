import Foundation
import Testing

import Forecasting

/// Monotonicity of the what-ifs, through the public API on a small scenario with few draws: the
/// variants share the baseline's random numbers, so a larger rate multiplier never lowers the
/// mean projected count, added centres raise it, and a lower capacity never raises it.
@Suite("What-if monotonicity")
struct WhatIfMonotonicityTests {
    static let multipliers = [0.0, 0.5, 1.0, 1.5, 2.0, 4.0]
    static let capacities = [34, 36, 40, 60, 1000]
    static let additions = [1, 2, 5]

    static let text = Scenarios.china(
        models: ["nhpp-linear", "nhpp-logistic"], target: "{count: 40, by: 2027-12-31}", draws: 100,
        extra: "what_if:\n"
            + multipliers.map { "  - {name: rate \($0), rate_multiplier: \($0), from: 2025-01-01}\n" }.joined()
            + capacities.map { "  - {name: capacity \($0), capacity: \($0)}\n" }.joined()
            + additions.map { "  - {name: add \($0), add: [{count: \($0), at: 2025-06-30}]}\n" }.joined())

    /// The mean count at each fan time of the variant called `name`.
    static func means(_ result: ForecastResult, _ name: String) throws -> [Double] {
        try #require(result.whatIfs.first { $0.whatIf.name == name }).fan.map(\.mean)
    }

    @Test(arguments: [UInt64(3), 17])
    func meanCountIsMonotoneInEveryWhatIf(seed: UInt64) throws {
        let scenario = try Scenarios.parse(Self.text).overriding(seed: seed, draws: nil)
        let result = try ScenarioRunner(scenario: scenario, threads: 2).run()
        let baseline = result.fan.map(\.mean)
        #expect(baseline.count > 1 && baseline.allSatisfy(\.isFinite))

        let byRate = try Self.multipliers.map { try Self.means(result, "rate \($0)") }
        for (lower, higher) in zip(byRate, byRate.dropFirst()) {
            #expect(zip(lower, higher).allSatisfy { $0 <= $1 + 1e-9 }, "\(lower) then \(higher)")
        }
        #expect(byRate.last!.last! > byRate.first!.last!, "a larger rate raises the mean at the horizon")

        let byCapacity = try Self.capacities.map { try Self.means(result, "capacity \($0)") }
        for (lower, higher) in zip(byCapacity, byCapacity.dropFirst()) {
            #expect(zip(lower, higher).allSatisfy { $0 <= $1 + 1e-9 }, "\(lower) then \(higher)")
        }
        for (capacity, means) in zip(Self.capacities, byCapacity) {
            #expect(means.allSatisfy { $0 <= Double(max(capacity, result.lastObserved.count)) + 1e-9 }, "capacity \(capacity): \(means)")
        }

        var previous = baseline
        for added in Self.additions {
            let means = try Self.means(result, "add \(added)")
            #expect(zip(previous, means).allSatisfy { $0 <= $1 + 1e-9 }, "add \(added): \(means) after \(previous)")
            #expect(means.last! > previous.last!, "add \(added) raises the mean at the horizon")
            previous = means
        }
    }
}

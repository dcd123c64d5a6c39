import Foundation
import Testing

@testable import Forecasting

/// `Quantile.of(sorted:_:)` against numpy's default (type 7) quantiles (`Fixtures/make_quantiles.py`).
@Suite("Quantiles vs numpy")
struct QuantileTests {
    static func decode(_ value: Any) -> Double? {
        if let number = value as? NSNumber { return number.doubleValue }
        switch value as? String {
        case "inf": return .infinity
        case "-inf": return -.infinity
        case "nan": return .nan
        default: return nil
        }
    }

    @Test func matchesNumpyIncludingInfiniteDraws() throws {
        let cases = try #require(try Repo.fixture("quantiles.json")["cases"] as? [[String: Any]])
        #expect(cases.count >= 6)
        for item in cases {
            let name = item["name"] as? String ?? "?"
            let values = (item["values"] as? [Any] ?? []).compactMap(Self.decode)
            let probabilities = doubles(item["probabilities"])
            let expected = (item["quantiles"] as? [Any] ?? []).compactMap(Self.decode)
            #expect(!values.isEmpty && probabilities.count == expected.count)
            for (q, want) in zip(probabilities, expected) {
                let got = Quantile.of(sorted: values, q)
                let ok = want.isInfinite ? got == want : abs(got - want) <= 1e-12 * max(1, abs(want))
                #expect(ok, "\(name) q=\(q): \(got) vs numpy \(want)")
            }
        }
    }

    @Test func centralIntervalsUseTheTailProbabilities() {
        let values = (1...21).map(Double.init)  // type 7: q-quantile = 1 + 20q
        let intervals = Quantile.intervals(sorted: values, levels: [0.8, 0.95])
        // (1 − 0.8)/2 is 0.09999999999999998 in binary: within rounding of the 10% quantile 3.
        for (a, b) in zip(intervals.map(\.lower) + intervals.map(\.upper), [3, 1.5, 19, 20.5]) { #expect(abs(a - b) < 1e-12, "\(a) vs \(b)") }
        #expect(Quantile.of(sorted: [], 0.5).isNaN)
    }

    @Test func medianDateOnlyWhenHalfTheDrawsReachTheTargetAtAFiniteMedian() {
        let target = Target(count: 5, by: 2027.0, label: "2026-12-31")
        // Four draws, one grid time; two reach the target: the type-7 median is between 2026.2 and +∞.
        let half = SimulatedPaths(counts: [5, 6, 3, 4], passageTimes: [2026.2, 2026.1, .infinity, .infinity])
        let a = half.analysis(of: target, at: 0, width: 1, levels: [0.8])
        #expect(a.probability == 0.5 && a.notReachedProbability == 0.5 && a.expectedShortfall == 0.75)
        #expect(a.medianDate == nil, "median date \(String(describing: a.medianDate))")
        #expect(abs(a.monteCarloError - 0.25) < 1e-15)  // √(0.5·0.5/4)
        let three = SimulatedPaths(counts: [5, 6, 7, 4], passageTimes: [2026.2, 2026.1, 2026.4, .infinity])
        let b = three.analysis(of: target, at: 0, width: 1, levels: [0.8])
        #expect(b.medianDate.map { abs($0 - 2026.3) < 1e-12 } == true)  // type 7: between 2026.2 and 2026.4
        #expect(b.dateIntervals.first?.upper == .infinity)
    }

    @Test func deadlineTextIsTheLastDayBeforeADayStart() {
        // The end of 2025-09-09 is the start of 2025-09-10: 2025 + 252/365.
        #expect(DecimalYear.deadlineText(2025 + 252.0 / 365) == "2025-09-09")
        #expect(DecimalYear.deadlineText(2026.0) == "2025-12-31")
        #expect(DecimalYear.deadlineText(2024 + 60.0 / 366) == "2024-02-29")
        #expect(DecimalYear.dayText(2025 + 252.0 / 365) == "2025-09-10")
        #expect(DecimalYear.dayText(2025 + 252.5 / 365) == "2025-09-10")
        #expect(DecimalYear.deadlineText(2025 + 252.5 / 365) == "2025-09-10")  // not a day start: the day it falls in
    }
}

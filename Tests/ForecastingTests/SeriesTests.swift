import Foundation
import Testing

@testable import Forecasting

/// Building cumulative series from statements and events; every expected value computed by hand.
@Suite("Count series")
struct SeriesTests {
    static func span(_ a: Double, _ b: Double) -> TimeSpan { TimeSpan(start: a, end: b) }

    /// Four events in the first quarter of 2020, one of unknown date (spread over the window).
    static let events = CountSeries(
        observations: .events([
            CountEvent(id: "e1", span: span(2020.01, 2020.02), dateUnknown: false),  // midpoint 2020.015
            CountEvent(id: "e2", span: span(2020.10, 2020.12), dateUnknown: false),  // 2020.11
            CountEvent(id: "e3", span: span(2020.12, 2020.14), dateUnknown: false),  // 2020.13
            CountEvent(id: "u1", span: span(2020.0, 2020.25), dateUnknown: true),    // 2020.125
        ]),
        start: 2020.0, end: 2020.25, resolution: .month)

    @Test func eventsAreCountedAtTheEndOfEachMonth() {
        let realized = Self.events.realized()
        // Calendar month boundaries of 2020 (a leap year): 1 February, 1 March, 1 April, then the window's end.
        #expect(realized.times.count == 5)
        for (a, b) in zip(realized.times, [2020.0, 2020 + 31.0 / 366, 2020 + 60.0 / 366, 2020 + 91.0 / 366, 2020.25]) {
            #expect(abs(a - b) < 1e-9)
        }
        #expect(realized.counts == [0, 1, 4, 4, 4])
        #expect(realized.increments == [1, 3, 0, 0])
        #expect(Self.events.lastCount == 4 && Self.events.observationCount == 4)
    }

    @Test func truncationDropsLaterAndUndatedEvents() throws {
        let cut = try #require(Self.events.truncated(at: 2020.125, minimum: 2))
        #expect(cut.end == 2020.125 && cut.start == 2020.0)
        guard case .events(let kept) = cut.observations else { Issue.record("not events"); return }
        #expect(kept.map(\.id) == ["e1", "e2"])  // e3 ends after the cutoff, u1 has no date
        #expect(cut.realized().counts == [0, 1, 2])  // 2020, 1 February (2020 + 31/366), 2020.125
        #expect(Self.events.truncated(at: 2020.125, minimum: 3) == nil)
        #expect(Self.events.truncated(at: 2020.0, minimum: 0) == nil)  // nothing after the start
    }

    @Test func overlappingStatementsAreRaisedToTheRunningMaximumAndMerged() throws {
        let series = CountSeries(
            observations: .counts([
                CountPoint(span: Self.span(2020.0, 2021.0), count: 5, label: "2020"),        // midpoint 2020.5
                CountPoint(span: Self.span(2020.2, 2020.3), count: 7, label: "a"),           // 2020.25
                CountPoint(span: Self.span(2020.6, 2020.7), count: 6, label: "b"),           // 2020.65
                CountPoint(span: Self.span(2021.0, 2021.2), count: 8, label: "c"),           // 2021.1
                CountPoint(span: Self.span(2021.05, 2021.15), count: 9, label: "d"),         // 2021.1 as well
            ]),
            start: 2020.25, end: 2021.2, resolution: .month)
        let realized = series.realized()
        #expect(realized.counts == [7, 7, 7, 9])
        for (a, b) in zip(realized.times, [2020.25, 2020.5, 2020.65, 2021.1]) { #expect(abs(a - b) < 1e-12) }
        #expect(realized.times.count == 4)
        #expect(series.lastCount == 9)

        // Truncation keeps statements whose span has ended by the cutoff.
        let cut = try #require(series.truncated(at: 2021.0, minimum: 3))
        #expect(cut.end == 2021.0 && cut.observationCount == 3)
        #expect(series.truncated(at: 2021.0, minimum: 4) == nil)
        #expect(series.truncated(at: 2020.69, minimum: 1)?.observationCount == 1)
    }

    @Test func resolutionBoundaries() {
        let years = Resolution.year.boundaries(from: 2015.37, to: 2018.5)
        #expect(years == [2015.37, 2016, 2017, 2018, 2018.5])
        // 2025.69 falls on 9 September 2025; then 1 October, 1 November, 1 December (days 274, 305
        // and 335 of 365) and the end.
        let months = Resolution.month.boundaries(from: 2025.69, to: 2026.0)
        #expect(months.count == 5)
        for (a, b) in zip(months, [2025.69, 2025 + 273.0 / 365, 2025 + 304.0 / 365, 2025 + 334.0 / 365, 2026.0]) { #expect(abs(a - b) < 1e-9) }
        #expect(months.last == 2026.0)  // the end is not repeated when it falls on a boundary
        let days = Resolution.day.boundaries(from: 2020.0, to: 2020.01)
        #expect(days.count == 5)  // midnight of 2, 3 and 4 January 2020 (2020 + k/366), then the end
        #expect(abs(days[3] - (2020 + 3.0 / 366)) < 1e-12)
        #expect(Resolution.year.boundaries(from: 2020.2, to: 2020.4) == [2020.2, 2020.4])
    }
}

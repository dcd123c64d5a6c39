import Testing

@testable import SVGCharts

/// Expected days from Python: `date(y, 1, 1) + timedelta(days=int(fraction * days_in_year))`.
@Suite("Decimal years and time ticks")
struct DecimalYearTests {
    @Test func decimalYearToDay() {
        #expect(DecimalYear.isoDate(2025.5) == "2025-07-02")
        #expect(DecimalYear.isoDate(2024.5) == "2024-07-02")
        #expect(DecimalYear.isoDate(2025.999) == "2025-12-31")
        #expect(DecimalYear.isoDate(2023.0) == "2023-01-01")
        #expect(DecimalYear.isoDate(.nan) == "?")
    }

    @Test func dayToDecimalYear() {
        // (date(2025, 12, 31) - date(2025, 1, 1)).days / 365 + 2025 and the same for 1 March 2024 (leap year).
        #expect(abs(DecimalYear.value(year: 2025, month: 12, day: 31) - 2025.9972602739726) < 1e-12)
        #expect(abs(DecimalYear.value(year: 2024, month: 3, day: 1) - 2024.1639344262296) < 1e-12)
        #expect(DecimalYear.day(DecimalYear.value(year: 2024, month: 2, day: 29))! == (2024, 2, 29))
    }

    @Test func longSpansTickWholeYears() {
        #expect(Tick.time(from: 2015.3, to: 2030).map(\.label) == ["2016", "2018", "2020", "2022", "2024", "2026", "2028", "2030"])
        #expect(Tick.time(from: 2019.5, to: 2025.2).map(\.label) == ["2020", "2021", "2022", "2023", "2024", "2025"])
        #expect(Tick.time(from: 1900, to: 2000).map(\.label) == ["1900", "1920", "1940", "1960", "1980", "2000"])
    }

    @Test func shortSpansTickMonthsOrQuarters() {
        let quarters = Tick.time(from: 2024.0, to: 2025.5)
        #expect(quarters.map(\.label) == ["2024-01", "2024-04", "2024-07", "2024-10", "2025-01", "2025-04", "2025-07"])
        #expect(quarters[2].value == DecimalYear.value(year: 2024, month: 7, day: 1))
        #expect(Tick.time(from: 2025.0, to: 2025.4).map(\.label) == ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05"])
    }

    @Test func degenerateTimeRanges() {
        #expect(Tick.time(from: .nan, to: 2025).isEmpty)
        #expect(Tick.time(from: 2025.5, to: 2025.5).isEmpty)
        #expect(Tick.time(from: 2025, to: 2025).map(\.label) == ["2025-01"])
        #expect(Tick.time(from: -5e5, to: 5e5).count <= 8)
    }
}

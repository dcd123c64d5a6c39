import Foundation
import Testing

@testable import Datasets

@Suite("Catalog dates")
struct CatalogDateTests {
    private static func day(_ year: Int, _ month: Int, _ day: Int) -> CalendarDay {
        CalendarDay(year: year, month: month, day: day)!
    }

    @Test func aDayIsThatDay() throws {
        let span = try DateSpan.parse("2019-06-25", precision: .day)
        #expect(span == DateSpan(earliest: Self.day(2019, 6, 25), latest: Self.day(2019, 6, 25), form: .day))
        #expect(span?.dayCount == 1)
        // 25 June 2019 is day 176 of a 365-day year.
        #expect(span?.earliestDecimalYear == 2019 + 175.0 / 365)
        #expect(span?.endDecimalYear == 2019 + 176.0 / 365)
    }

    @Test func aMonthIsItsFirstToLastDay() throws {
        let june = try #require(try DateSpan.parse("2018-06", precision: .month))
        #expect(june.earliest == Self.day(2018, 6, 1))
        #expect(june.latest == Self.day(2018, 6, 30))
        #expect(june.form == .month)
        let leapFebruary = try DateSpan.parse("2020-02")
        #expect(leapFebruary.latest == Self.day(2020, 2, 29))
        let february = try DateSpan.parse("2019-02")
        #expect(february.latest == Self.day(2019, 2, 28))
        let december = try DateSpan.parse("2018-12")
        #expect(december.endDecimalYear == 2019)
    }

    @Test func aYearIsJanuaryFirstToDecemberThirtyFirst() throws {
        let year = try #require(try DateSpan.parse("2018", precision: .year))
        #expect(year.earliest == Self.day(2018, 1, 1))
        #expect(year.latest == Self.day(2018, 12, 31))
        #expect(year.earliestDecimalYear == 2018)
        #expect(year.latestDecimalYear == 2018 + 364.0 / 365)
        #expect(year.endDecimalYear == 2019)
        #expect(year.midpointDecimalYear == 2018.5)
        #expect(year.dayCount == 365)
        #expect(try DateSpan.parse("2024").dayCount == 366)
    }

    @Test func unknownPrecisionHasNoInterval() throws {
        #expect(try DateSpan.parse("", precision: .unknown) == nil)
        #expect(throws: DateSpan.ParseError.precisionMismatch("2021", .unknown)) { try DateSpan.parse("2021", precision: .unknown) }
    }

    @Test func decimalYearFollowsTheDayOfYear() {
        #expect(Self.day(2020, 1, 1).decimalYear == 2020)
        #expect(Self.day(2020, 3, 1).dayOfYear == 61)
        #expect(Self.day(2020, 12, 31).decimalYear == 2020 + 365.0 / 366)
        #expect(Self.day(2019, 12, 31).next == Self.day(2020, 1, 1))
        #expect(CalendarDay(year: 2019, month: 2, day: 29) == nil)
        #expect(CalendarDay(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDay(year: 1900, month: 2, day: 29) == nil)
    }

    @Test func qualifiedYearsTakeTheQualifiersMonths() throws {
        let qualifiers = [DateQualifier(name: "mid", firstMonth: 6, lastMonth: 7),
                          DateQualifier(name: "report", firstMonth: 1, lastMonth: 12)]
        let mid = try DateSpan.parse("2022 (mid)", qualifiers: qualifiers)
        #expect(mid == DateSpan(earliest: Self.day(2022, 6, 1), latest: Self.day(2022, 7, 31), form: .qualifiedYear("mid")))
        #expect(mid.form.precision == nil)
        let report = try DateSpan.parse("2025 (report)", qualifiers: qualifiers)
        #expect(report.earliest == Self.day(2025, 1, 1))
        #expect(report.latest == Self.day(2025, 12, 31))
        // Plain forms are fuzzy dates too.
        #expect(try DateSpan.parse("2024-07-12", qualifiers: qualifiers).form == .day)
        #expect(try DateSpan.parse("2015-05", qualifiers: qualifiers).form == .month)
        #expect(throws: DateSpan.ParseError.unknownQualifier("2022 (late)", allowed: ["mid", "report"])) {
            try DateSpan.parse("2022 (late)", qualifiers: qualifiers)
        }
        #expect(throws: DateSpan.ParseError.malformed("2022(mid)")) { try DateSpan.parse("2022(mid)", qualifiers: qualifiers) }
        #expect(throws: DateSpan.ParseError.unknownQualifier("2022 (mid)", allowed: [])) { try DateSpan.parse("2022 (mid)", qualifiers: []) }
    }

    @Test(arguments: ["2018-6", "18-06", "2018/06", "2018-06-1", "June 2018", "2018 ", " 2018", "2018-06-01T00:00", ""])
    func malformedDates(text: String) {
        #expect(throws: DateSpan.ParseError.malformed(text)) { try DateSpan.parse(text) }
    }

    @Test(arguments: ["2018-13", "2018-00", "2019-02-29", "2018-06-31", "2018-06-00"])
    func nonexistentDates(text: String) {
        #expect(throws: DateSpan.ParseError.nonexistent(text)) { try DateSpan.parse(text) }
    }

    @Test func precisionMustMatchTheForm() {
        #expect(throws: DateSpan.ParseError.precisionMismatch("2018-06", .day)) { try DateSpan.parse("2018-06", precision: .day) }
        #expect(throws: DateSpan.ParseError.precisionMismatch("2018-06-30", .month)) { try DateSpan.parse("2018-06-30", precision: .month) }
        #expect(throws: DateSpan.ParseError.precisionMismatch("2018-06", .year)) { try DateSpan.parse("2018-06", precision: .year) }
        #expect("\(DateSpan.ParseError.precisionMismatch("2018-06", .day))"
            == "date '2018-06' does not match date_precision 'day' (expected YYYY-MM-DD)")
    }
}

import Foundation

/// Time as a decimal year: year + (day of year − 1) / (days in year), so that `2025.0` is
/// 1 January 2025 and `2025.5` is 2 July 2025 (day 182.5 of 365). Calendar: proleptic Gregorian.
public enum DecimalYear {
    /// The decimal year of a calendar day (month 1...12, clamped; the day counts on from the first
    /// of the month, so 32 January is 1 February).
    public static func value(year: Int, month: Int, day: Int) -> Double {
        let dayOfYear = daysBeforeMonth(month, of: year) + day
        return Double(year) + Double(dayOfYear - 1) / Double(daysIn(year))
    }

    /// The calendar day that the decimal year `value` falls in (a value within 10⁻⁷ days before
    /// midnight counts as the next day, against rounding), or `nil` when it is not finite or
    /// outside years −999,999...999,999.
    public static func day(_ value: Double) -> (year: Int, month: Int, day: Int)? {
        guard value.isFinite, abs(value) < 1e6 else { return nil }
        let year = Int(value.rounded(.down))
        let dayOfYear = min(daysIn(year), Int(((value - Double(year)) * Double(daysIn(year)) + 1e-7).rounded(.down)) + 1)
        var month = 1
        while month < 12 && daysBeforeMonth(month + 1, of: year) < dayOfYear { month += 1 }
        return (year, month, dayOfYear - daysBeforeMonth(month, of: year))
    }

    /// `2025-07-02`; `?` for a value without a day.
    public static func isoDate(_ value: Double) -> String {
        guard let d = day(value) else { return "?" }
        return String(format: "%04d-%02d-%02d", d.year, d.month, d.day)
    }

    /// Whether `year` is a Gregorian leap year.
    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(_ year: Int) -> Int { isLeap(year) ? 366 : 365 }

    /// Days in the months before `month` (1...12, clamped).
    static func daysBeforeMonth(_ month: Int, of year: Int) -> Int {
        let lengths = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return lengths.prefix(min(max(month, 1), 12) - 1).reduce(0, +)
    }
}

import Datasets

/// Conversions from decimal years back to calendar dates, for reports.
///
/// A decimal year is `year + (day of year − 1) / (days in the year)` (see `CalendarDay.decimalYear`).
public enum DecimalYear {
    /// The calendar day that `time` falls in, as `YYYY-MM-DD` (the number itself when it is not a date).
    public static func dayText(_ time: Double) -> String {
        day(time)?.description ?? "\(time)"
    }

    /// The calendar day that `time` falls in; `nil` for non-finite or absurd values.
    static func day(_ time: Double) -> CalendarDay? {
        guard time.isFinite, abs(time) < 100_000 else { return nil }
        let year = Int(time.rounded(.down))
        let days = CalendarDay.daysIn(year: year)
        // A small allowance so that a day's own decimal year, rounded in its last bit, stays on that day.
        var remaining = min(max(Int(((time - Double(year)) * Double(days) + 1e-6).rounded(.down)), 0), days - 1)
        var month = 1
        while month < 12, remaining >= CalendarDay.daysIn(month: month, of: year) {
            remaining -= CalendarDay.daysIn(month: month, of: year)
            month += 1
        }
        return CalendarDay(year: year, month: month, day: remaining + 1)
    }

    /// The last day before `time` when `time` is the start of a day (the end of a stated
    /// deadline), otherwise the day it falls in: `2026.0` → `2025-12-31`.
    public static func deadlineText(_ time: Double) -> String {
        // Step back 2e-6 days: more than dayText's 1e-6-day allowance, which would otherwise put
        // a day's start back on that day (only year ends came out right, through the clamp).
        dayText(time - 2e-6 / 365)
    }
}

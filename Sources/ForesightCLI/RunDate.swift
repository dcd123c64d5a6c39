import ArgumentParser
import Datasets
import Foundation

/// `--today` of the forecasts (forecast, report): the day of the run, against which a target
/// date that has already passed is labelled a check of the data rather than a forecast.
/// Defaults to `FORESIGHT_TODAY` (`YYYY-MM-DD`) when set, else the system's date (UTC); pass it
/// to reproduce a run's output on a later day.
struct RunDate: ParsableArguments {
    @Option(name: .customLong("today"), help: "The day of the run, YYYY-MM-DD (default: $FORESIGHT_TODAY or the system date).")
    var requested: String?

    func validate() throws {
        if let requested, Self.day(requested) == nil {
            throw ValidationError("--today must be a date YYYY-MM-DD, found '\(requested)'")
        }
        if requested == nil, let variable = ProcessInfo.processInfo.environment["FORESIGHT_TODAY"], Self.day(variable) == nil {
            throw ValidationError("FORESIGHT_TODAY must be a date YYYY-MM-DD, found '\(variable)'")
        }
    }

    /// The day as a decimal year (its start).
    var decimalYear: Double {
        if let requested, let day = Self.day(requested) { return day.decimalYear }
        if let variable = ProcessInfo.processInfo.environment["FORESIGHT_TODAY"], let day = Self.day(variable) { return day.decimalYear }
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return CalendarDay(year: parts.year ?? 2000, month: parts.month ?? 1, day: parts.day ?? 1)?.decimalYear ?? 2000
    }

    private static func day(_ text: String) -> CalendarDay? {
        let fields = text.split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0].count == 4, fields[1].count == 2, fields[2].count == 2,
              let year = Int(fields[0]), let month = Int(fields[1]), let day = Int(fields[2]) else { return nil }
        return CalendarDay(year: year, month: month, day: day)
    }
}

/// Calendar dates of the program datasets, and the rule that turns a written date of some
/// precision into an interval of days.
///
/// The rule (also stated in every `*.meta.yaml` that has dates):
///
/// | written | precision | interval |
/// |---|---|---|
/// | `2019-06-25` | day | that day: 2019-06-25 .. 2019-06-25 |
/// | `2018-06` | month | its first to its last day: 2018-06-01 .. 2018-06-30 |
/// | `2018` | year | 1 January to 31 December: 2018-01-01 .. 2018-12-31 |
/// | (empty) | unknown | no interval (`nil`) |
/// | `2022 (mid)` | qualified | the months the qualifier declares, e.g. `mid` = June–July: 2022-06-01 .. 2022-07-31 |
///
/// Decimal years: the decimal year of a day d is `year + (day of year − 1) / (days in year)`, so
/// 1 January is `year.0` and 31 December 2019 is `2019 + 364/365`. An interval's
/// ``DateSpan/earliestDecimalYear`` and ``DateSpan/latestDecimalYear`` are those of its first and
/// last day; ``DateSpan/endDecimalYear`` is that of the day after the last (so a year interval is
/// `[2018.0, 2019.0)` and a day interval has width `1/365` or `1/366`).

/// How precisely a date is known, as written in a `date_precision` column.
public enum DatePrecision: String, Sendable, Hashable, CaseIterable, Codable {
    /// `YYYY-MM-DD`.
    case day
    /// `YYYY-MM`.
    case month
    /// `YYYY`.
    case year
    /// No date is known; the date cell is empty.
    case unknown
}

/// A day of the proleptic Gregorian calendar.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    /// 1...12.
    public let month: Int
    /// 1...days in the month.
    public let day: Int

    /// The day `year-month-day`, or `nil` when the month or day does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CalendarDay.daysIn(month: month, of: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Whether `year` has 366 days.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// 365 or 366.
    public static func daysIn(year: Int) -> Int { isLeapYear(year) ? 366 : 365 }

    /// The number of days of `month` (1...12) in `year`.
    public static func daysIn(month: Int, of year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// 1 for 1 January, up to 365 or 366.
    public var dayOfYear: Int {
        (1..<month).reduce(day) { $0 + CalendarDay.daysIn(month: $1, of: year) }
    }

    /// `year + (dayOfYear − 1) / daysIn(year)`: the start of the day as a decimal year.
    public var decimalYear: Double {
        Double(year) + Double(dayOfYear - 1) / Double(CalendarDay.daysIn(year: year))
    }

    /// The following day.
    public var next: CalendarDay {
        if day < CalendarDay.daysIn(month: month, of: year) { return CalendarDay(uncheckedYear: year, month: month, day: day + 1) }
        if month < 12 { return CalendarDay(uncheckedYear: year, month: month + 1, day: 1) }
        return CalendarDay(uncheckedYear: year + 1, month: 1, day: 1)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let y = String(year)
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(y)-\(m)-\(d)"
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    fileprivate init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }
}

/// A named part of a year used in free-text dates such as `2022 (mid)`, declared in a dataset's
/// metadata (the `qualifiers` of a `fuzzy_date` column) with the months it stands for.
public struct DateQualifier: Sendable, Hashable {
    /// The word in parentheses, e.g. `mid`.
    public let name: String
    /// The first month of the interval, 1...12.
    public let firstMonth: Int
    /// The last month of the interval, `firstMonth`...12.
    public let lastMonth: Int
    /// What the qualifier means in the data, for people.
    public let meaning: String

    public init(name: String, firstMonth: Int, lastMonth: Int, meaning: String = "") {
        precondition((1...12).contains(firstMonth) && (firstMonth...12).contains(lastMonth), "months out of order or range")
        self.name = name
        self.firstMonth = firstMonth
        self.lastMonth = lastMonth
        self.meaning = meaning
    }
}

/// The form a date was written in, which fixes its interval.
public enum DateForm: Sendable, Hashable {
    /// `YYYY-MM-DD`.
    case day
    /// `YYYY-MM`.
    case month
    /// `YYYY`.
    case year
    /// `YYYY (qualifier)`, with the qualifier's name.
    case qualifiedYear(String)

    /// The ``DatePrecision`` of the plain forms; `nil` for a qualified year.
    public var precision: DatePrecision? {
        switch self {
        case .day: .day
        case .month: .month
        case .year: .year
        case .qualifiedYear: nil
        }
    }
}

/// A closed interval of days `earliest ... latest` that a written date stands for.
public struct DateSpan: Sendable, Hashable, CustomStringConvertible {
    /// The first day of the interval.
    public let earliest: CalendarDay
    /// The last day of the interval (included).
    public let latest: CalendarDay
    /// How the date was written.
    public let form: DateForm

    public init(earliest: CalendarDay, latest: CalendarDay, form: DateForm) {
        precondition(earliest <= latest, "an interval must not end before it starts")
        self.earliest = earliest
        self.latest = latest
        self.form = form
    }

    /// The decimal year of the first day (its start).
    public var earliestDecimalYear: Double { earliest.decimalYear }
    /// The decimal year of the last day (its start).
    public var latestDecimalYear: Double { latest.decimalYear }
    /// The decimal year of the day after the last: the interval as a half-open range of time is
    /// `earliestDecimalYear ..< endDecimalYear`.
    public var endDecimalYear: Double { latest.next.decimalYear }
    /// The middle of `earliestDecimalYear ..< endDecimalYear`.
    public var midpointDecimalYear: Double { (earliestDecimalYear + endDecimalYear) / 2 }
    /// The number of days in the interval.
    public var dayCount: Int {
        var count = 1
        var day = earliest
        while day < latest { day = day.next; count += 1 }
        return count
    }

    /// `earliest..latest`.
    public var description: String { "\(earliest)..\(latest)" }

    /// Why a written date was rejected.
    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// Not of the form `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (or `YYYY (qualifier)` where allowed).
        case malformed(String)
        /// The form is right but the month or day does not exist (`2023-02-30`).
        case nonexistent(String)
        /// `YYYY (word)` with a word that is not a declared qualifier.
        case unknownQualifier(String, allowed: [String])
        /// The form does not match the declared precision (`2018-06` with precision `day`).
        case precisionMismatch(String, DatePrecision)

        public var description: String {
            switch self {
            case .malformed(let text):
                "'\(text)' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"
            case .nonexistent(let text):
                "'\(text)' is not a calendar date (no such month or day)"
            case .unknownQualifier(let text, let allowed):
                "'\(text)' uses an undeclared qualifier"
                    + (allowed.isEmpty ? " (the column declares none)" : "; declared: \(allowed.joined(separator: ", "))")
            case .precisionMismatch(let text, let precision):
                switch precision {
                case .unknown: "date '\(text)' is given but date_precision is 'unknown' (leave the date empty)"
                default: "date '\(text)' does not match date_precision '\(precision.rawValue)' (expected \(DateSpan.pattern(for: precision)))"
                }
            }
        }
    }

    /// The written form expected for `precision`.
    public static func pattern(for precision: DatePrecision) -> String {
        switch precision {
        case .day: "YYYY-MM-DD"
        case .month: "YYYY-MM"
        case .year: "YYYY"
        case .unknown: "an empty date"
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (four-digit year, two-digit month and day) into
    /// its interval; the precision follows from the form.
    public static func parse(_ text: String) throws(ParseError) -> DateSpan {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        let dash = UInt8(ascii: "-")
        guard let year = number(0..<4) else { throw .malformed(text) }
        switch bytes.count {
        case 4:
            return DateSpan(earliest: CalendarDay(uncheckedYear: year, month: 1, day: 1),
                            latest: CalendarDay(uncheckedYear: year, month: 12, day: 31), form: .year)
        case 7 where bytes[4] == dash:
            guard let month = number(5..<7) else { throw .malformed(text) }
            guard let first = CalendarDay(year: year, month: month, day: 1) else { throw .nonexistent(text) }
            return DateSpan(earliest: first,
                            latest: CalendarDay(uncheckedYear: year, month: month, day: CalendarDay.daysIn(month: month, of: year)),
                            form: .month)
        case 10 where bytes[4] == dash && bytes[7] == dash:
            guard let month = number(5..<7), let day = number(8..<10) else { throw .malformed(text) }
            guard let date = CalendarDay(year: year, month: month, day: day) else { throw .nonexistent(text) }
            return DateSpan(earliest: date, latest: date, form: .day)
        default:
            throw .malformed(text)
        }
    }

    /// Parses a date written with a declared precision: `nil` for `unknown` (the text must be
    /// empty), otherwise the interval of ``parse(_:)``, whose form must match `precision`.
    public static func parse(_ text: String, precision: DatePrecision) throws(ParseError) -> DateSpan? {
        if precision == .unknown {
            guard text.isEmpty else { throw .precisionMismatch(text, .unknown) }
            return nil
        }
        let span = try parse(text)
        guard span.form.precision == precision else { throw .precisionMismatch(text, precision) }
        return span
    }

    /// Parses a free-text ("fuzzy") date: any form of ``parse(_:)``, or `YYYY (qualifier)` with
    /// exactly one space before the parenthesis and a qualifier among `qualifiers`, which stands
    /// for the qualifier's months of that year (first day of the first month to last day of the
    /// last month).
    public static func parse(_ text: String, qualifiers: [DateQualifier]) throws(ParseError) -> DateSpan {
        guard text.hasSuffix(")"), let open = text.firstIndex(of: "(") else { return try parse(text) }
        let yearText = text[..<open]
        guard yearText.count == 5, yearText.last == " " else { throw .malformed(text) }
        let yearSpan = try parse(String(yearText.dropLast()))
        let name = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        guard let qualifier = qualifiers.first(where: { $0.name == name }) else {
            throw .unknownQualifier(text, allowed: qualifiers.map(\.name))
        }
        let year = yearSpan.earliest.year
        return DateSpan(
            earliest: CalendarDay(uncheckedYear: year, month: qualifier.firstMonth, day: 1),
            latest: CalendarDay(uncheckedYear: year, month: qualifier.lastMonth,
                                day: CalendarDay.daysIn(month: qualifier.lastMonth, of: year)),
            form: .qualifiedYear(name))
    }
}

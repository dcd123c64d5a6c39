import Datasets
import Probability

/// A span of time in decimal years, `[start, end)`: the days a dated statement may refer to.
///
/// A decimal year is `year + (day of year − 1) / (days in the year)`; a day-precision date spans
/// one day, a month-precision date its month, a year-precision date its year.
public struct TimeSpan: Sendable, Hashable {
    public let start: Double
    public let end: Double

    /// - Precondition: `start <= end`, both finite (callers build spans from calendar days).
    public init(start: Double, end: Double) {
        precondition(start <= end && start.isFinite && end.isFinite, "a time span runs forward")
        self.start = start
        self.end = end
    }

    /// The middle of the span: the date used for point estimates.
    public var midpoint: Double { (start + end) / 2 }

    /// A time drawn uniformly from the span.
    func sample(_ generator: inout SeededGenerator) -> Double {
        start + (end - start) * generator.nextUniform()
    }
}

/// A cumulative count stated at a (possibly uncertain) date.
public struct CountPoint: Sendable, Hashable {
    /// When the count was stated.
    public let span: TimeSpan
    /// The stated cumulative count.
    public let count: Int
    /// The date as written in the data (`2022 (mid)`), for reports.
    public let label: String

    public init(span: TimeSpan, count: Int, label: String) {
        self.span = span
        self.count = count
        self.label = label
    }
}

/// One event (a centre established) with the span its date may fall in.
public struct CountEvent: Sendable, Hashable {
    /// The record's id (`CN-01`) or a generated one for events implied by a stated total.
    public let id: String
    /// The span the event's date may fall in.
    public let span: TimeSpan
    /// Whether the date is unknown and was spread over the whole observation window.
    public let dateUnknown: Bool

    public init(id: String, span: TimeSpan, dateUnknown: Bool) {
        self.id = id
        self.span = span
        self.dateUnknown = dateUnknown
    }
}

/// The observations of a counting process: stated cumulative counts, or dated events.
///
/// ## What the models see
/// A series is *realized* into a cumulative step series (``RealizedSeries``): dates at their
/// midpoints for point estimates, or drawn uniformly from their spans for resampling, so that
/// date uncertainty (a year-precision approval, a "mid-2022" statement) widens the forecast
/// instead of being dropped.
/// - Stated counts: one point per statement, sorted by date; a count lower than an earlier one
///   (possible only when resampled spans overlap) is raised to the running maximum, and statements
///   at the same time are merged.
/// - Events: counts at the end of each period of the series' ``Resolution`` (day, month, year)
///   from ``start`` to ``end``, plus the count at ``end``.
public struct CountSeries: Sendable {
    /// The observations.
    public enum Observations: Sendable {
        case counts([CountPoint])
        case events([CountEvent])
    }

    public let observations: Observations
    /// The beginning of the process: the time from which events are counted (events), or the
    /// first statement's midpoint (counts).
    public let start: Double
    /// The end of the observation window: the last statement's end, or the last day events are
    /// known for.
    public let end: Double
    /// The period of the cumulative series built from events.
    public let resolution: Resolution
    /// How the data were read: exclusions, lower bounds, unknown dates.
    public let notes: [String]

    /// - Precondition: at least one observation; spans finite (validated by the loader).
    public init(observations: Observations, start: Double, end: Double, resolution: Resolution, notes: [String] = []) {
        self.observations = observations
        self.start = start
        self.end = end
        self.resolution = resolution
        self.notes = notes
    }

    /// Counts stated at exact year ends: 0 at 1 January of `startYear`, then the running total of
    /// `increments` at the start of each following year (synthetic data, benchmarks).
    public static func yearly(increments: [Int], from startYear: Int) -> CountSeries {
        var total = 0
        var points = [CountPoint(span: TimeSpan(start: Double(startYear), end: Double(startYear)), count: 0, label: "\(startYear)")]
        for (t, increment) in increments.enumerated() {
            total += increment
            let time = Double(startYear + t + 1)
            points.append(CountPoint(span: TimeSpan(start: time, end: time), count: total, label: "\(startYear + t + 1)"))
        }
        return CountSeries(observations: .counts(points), start: Double(startYear), end: Double(startYear + increments.count),
                           resolution: .year)
    }

    /// The last observed cumulative count: the last statement's count, or the number of events.
    public var lastCount: Int {
        switch observations {
        case .counts(let points): points.map(\.count).max() ?? 0
        case .events(let events): events.count
        }
    }

    /// The number of statements or events.
    public var observationCount: Int {
        switch observations {
        case .counts(let points): points.count
        case .events(let events): events.count
        }
    }

    /// The observations known by `cutoff`: statements whose span ends by then, events whose span
    /// ends by then, with the window cut at `cutoff`. `nil` when fewer than `minimum` remain.
    public func truncated(at cutoff: Double, minimum: Int) -> CountSeries? {
        switch observations {
        case .counts(let points):
            let kept = points.filter { $0.span.end <= cutoff }
            guard kept.count >= minimum, let last = kept.map(\.span.end).max() else { return nil }
            return CountSeries(observations: .counts(kept), start: start, end: last, resolution: resolution, notes: notes)
        case .events(let events):
            let kept = events.filter { !$0.dateUnknown && $0.span.end <= cutoff }
            guard kept.count >= minimum, cutoff > start else { return nil }
            return CountSeries(observations: .events(kept), start: start, end: cutoff, resolution: resolution, notes: notes)
        }
    }

    /// The series with dates at their midpoints.
    public func realized() -> RealizedSeries {
        realize { $0.midpoint }
    }

    /// The series with every date drawn uniformly from its span.
    func realized(sampling generator: inout SeededGenerator) -> RealizedSeries {
        realize { $0.sample(&generator) }
    }

    private func realize(_ date: (TimeSpan) -> Double) -> RealizedSeries {
        switch observations {
        case .counts(let points):
            var dated = points.map { (time: date($0.span), count: $0.count) }
            dated.sort { $0.time < $1.time }
            var times: [Double] = [], counts: [Double] = []
            var running = 0
            for point in dated {
                running = max(running, point.count)
                if let last = times.last, point.time - last < 1e-9 {
                    counts[counts.count - 1] = Double(running)
                } else {
                    times.append(point.time)
                    counts.append(Double(running))
                }
            }
            return RealizedSeries(times: times, counts: counts)
        case .events(let events):
            let times = events.map { min(max(date($0.span), start), end) }.sorted()
            let grid = resolution.boundaries(from: start, to: end)
            var counts: [Double] = []
            counts.reserveCapacity(grid.count)
            var index = 0
            for boundary in grid {
                while index < times.count && times[index] <= boundary { index += 1 }
                counts.append(Double(index))
            }
            return RealizedSeries(times: grid, counts: counts)
        }
    }
}

/// The period of a cumulative series built from events.
public enum Resolution: String, Sendable, CaseIterable {
    case day, month, year

    /// `start`, then the calendar boundaries after it (1 January, the first of each month, or
    /// each midnight) before `end`, then `end` itself.
    func boundaries(from start: Double, to end: Double) -> [Double] {
        var grid = [start]
        guard var day = DecimalYear.day(start), end > start else { return end > start ? [start, end] : [start] }
        while true {
            day = next(after: day)
            let time = day.decimalYear
            guard time < end - 1e-9 else { break }
            if time > start + 1e-9 { grid.append(time) }
        }
        grid.append(end)
        return grid
    }

    /// The first day of the next period after the one holding `day`.
    private func next(after day: CalendarDay) -> CalendarDay {
        switch self {
        case .day:
            return day.next
        case .month:
            let (year, month) = day.month == 12 ? (day.year + 1, 1) : (day.year, day.month + 1)
            return CalendarDay(year: year, month: month, day: 1) ?? day.next
        case .year:
            return CalendarDay(year: day.year + 1, month: 1, day: 1) ?? day.next
        }
    }
}

/// A cumulative step series at definite times: what a model is fitted to.
public struct RealizedSeries: Sendable, Equatable {
    /// Increasing times (decimal years).
    public let times: [Double]
    /// The cumulative count at each time (non-decreasing).
    public let counts: [Double]

    /// The last time and count.
    public var last: (time: Double, count: Double) { (times.last ?? 0, counts.last ?? 0) }

    /// The increments between consecutive times: what a counting process is fitted to.
    var increments: [Double] { zip(counts.dropFirst(), counts).map { $0 - $1 } }
}

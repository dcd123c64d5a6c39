import Datasets
import Foundation
import Probability

/// A truth of the calibration study: a Poisson process of arrivals from ``start`` with a known
/// mean function `m(t)` (the expected number of arrivals in `[start, t]`).
public struct CalibrationTruth: Sendable, Codable, Equatable {
    /// The shape of the mean function.
    public enum Shape: Sendable, Codable, Equatable {
        /// `K / (1 + exp((xmid − t)/scale))`, less its value at ``start``.
        case logistic(level: Double, midpoint: Double, scale: Double)
        /// `K exp(−exp(−rate (t − inflection)))`, less its value at ``start``.
        case gompertz(level: Double, inflection: Double, rate: Double)
        /// `rate (t − start)`.
        case linear(rate: Double)
        /// `rate` a year until `at`, half of it after.
        case halving(rate: Double, at: Double)
    }

    /// A short name (`logistic K=40`).
    public let name: String
    public let shape: Shape

    /// The arrivals start on 1 January 2016.
    public static let start = 2016.0

    /// The four truths of issue 11: a saturating logistic with `K = 40` (about 30 by the end of
    /// 2025, like China's national MICs), a Gompertz curve still rising at the data end, a
    /// constant 3.5 a year, and 5 a year halving at mid-2020.
    public static let standard: [CalibrationTruth] = [
        CalibrationTruth(name: "logistic K=40", shape: .logistic(level: 40, midpoint: 2021, scale: 2.5)),
        CalibrationTruth(name: "Gompertz K=45", shape: .gompertz(level: 45, inflection: 2023, rate: 0.35)),
        CalibrationTruth(name: "linear 3.5/yr", shape: .linear(rate: 3.5)),
        CalibrationTruth(name: "5/yr halving 2020.5", shape: .halving(rate: 5, at: 2020.5)),
    ]

    /// `m(t)`: the expected arrivals in `[start, t]` (0 before the start).
    public func mean(at t: Double) -> Double {
        let s = Self.start
        guard t > s else { return 0 }
        switch shape {
        case let .logistic(level, midpoint, scale):
            let curve = { (x: Double) in level / (1 + Foundation.exp((midpoint - x) / scale)) }
            return curve(t) - curve(s)
        case let .gompertz(level, inflection, rate):
            let curve = { (x: Double) in level * Foundation.exp(-Foundation.exp(-rate * (x - inflection))) }
            return curve(t) - curve(s)
        case let .linear(rate):
            return rate * (t - s)
        case let .halving(rate, at):
            return t <= at ? rate * (t - s) : rate * (at - s) + rate / 2 * (t - at)
        }
    }

    /// The mean function in words.
    public var formula: String {
        switch shape {
        case let .logistic(level, midpoint, scale): "\(level.compact)/(1+exp((\(midpoint.compact)−t)/\(scale.compact)))"
        case let .gompertz(level, inflection, rate): "\(level.compact)·exp(−exp(−\(rate.compact)(t−\(inflection.compact))))"
        case let .linear(rate): "\(rate.compact)·(t−\(Self.start.compact))"
        case let .halving(rate, at): "\(rate.compact)/yr to \(at.compact), then \((rate / 2).compact)/yr"
        }
    }
}

extension Double {
    fileprivate var compact: String { String(format: "%g", self) }
}

/// One synthetic observation history of a ``CalibrationTruth``: irregular cumulative statements
/// with fuzzy dates, like the China data, and the true counts at the data end and later.
///
/// ## Design
/// - A statement `0` on 2016-01-01 (day precision), when the arrivals start.
/// - `statements − 1` statements at independent uniform times in 2016–2025, each stating the
///   true cumulative count at its time, with a date whose precision is drawn: day (35%), month
///   (35%), year (15%) or mid-year (15%; June–July, the `2022 (mid)` of the China data, the time
///   then drawn within those months). The written date's span always contains the true time.
/// - A last statement on the data end, 2025-12-31 (day precision), so that every replicate's
///   data end at the same time `T` (the end of that day).
/// - The counts at the statement times, at `T` and at each later time asked for are the running
///   sums of independent Poisson increments `m(tₖ) − m(tₖ₋₁)`: exactly a Poisson process.
public struct SyntheticHistory: Sendable {
    /// The observations as a scenario sees them.
    public let series: CountSeries
    /// `N(T)`: the count at the data end.
    public let countAtEnd: Int
    /// The true counts at the requested later times, in their order.
    public let futureCounts: [Int]

    /// The data end: the end of 2025-12-31.
    public static let dataEnd = 2026.0

    /// Draws one history.
    /// - Parameters:
    ///   - statements: the number of statements after the initial 0, the last on the data end.
    ///   - future: times after ``dataEnd`` at which the true count is wanted, increasing.
    public static func draw(_ truth: CalibrationTruth, statements: Int, future: [Double],
                            generator: inout SeededGenerator) -> SyntheticHistory {
        let lastDay = CalendarDay(year: 2025, month: 12, day: 31)!  // a valid date: the unwrap cannot fail
        var dated: [(time: Double, span: TimeSpan, label: String)] = (0..<max(0, statements - 1)).map { _ in
            fuzzyDate(in: CalibrationTruth.start, lastDay.decimalYear, generator: &generator)
        }
        dated.sort { $0.time < $1.time }
        let times = dated.map(\.time) + [dataEnd] + future
        var counts: [Int] = []
        var previous = (time: CalibrationTruth.start, count: 0)
        for t in times {
            let increment = (try? generator.nextPoisson(mean: max(0, truth.mean(at: t) - truth.mean(at: previous.time)))) ?? 0
            previous = (t, previous.count + increment)
            counts.append(previous.count)
        }
        let first = CalendarDay(year: 2016, month: 1, day: 1)!
        var points = [CountPoint(span: TimeSpan(start: first.decimalYear, end: first.next.decimalYear), count: 0, label: first.description)]
        points += zip(dated, counts).map { CountPoint(span: $0.span, count: $1, label: $0.label) }
        points.append(CountPoint(span: TimeSpan(start: lastDay.decimalYear, end: dataEnd), count: counts[dated.count], label: lastDay.description))
        let series = CountSeries(observations: .counts(points), start: points[0].span.midpoint, end: dataEnd, resolution: .day)
        return SyntheticHistory(series: series, countAtEnd: counts[dated.count], futureCounts: Array(counts.suffix(future.count)))
    }

    /// A time uniform in `[from, to)` and a written date of random precision whose span holds it.
    private static func fuzzyDate(in from: Double, _ to: Double, generator: inout SeededGenerator)
        -> (time: Double, span: TimeSpan, label: String)
    {
        var time = from + (to - from) * generator.nextUniform()
        let precision = generator.nextUniform()
        guard let day = DecimalYear.day(time) else { return (time, TimeSpan(start: time, end: time), "\(time)") }
        let year = day.year
        let yearStart = CalendarDay(year: year, month: 1, day: 1)!.decimalYear
        let yearEnd = CalendarDay(year: year + 1, month: 1, day: 1)!.decimalYear
        switch precision {
        case ..<0.35:
            return (time, TimeSpan(start: day.decimalYear, end: day.next.decimalYear), day.description)
        case ..<0.70:
            let monthStart = CalendarDay(year: year, month: day.month, day: 1)!
            let monthEnd = day.month == 12 ? yearEnd : CalendarDay(year: year, month: day.month + 1, day: 1)!.decimalYear
            let label = "\(year)-" + (day.month < 10 ? "0\(day.month)" : "\(day.month)")
            return (time, TimeSpan(start: monthStart.decimalYear, end: monthEnd), label)
        case ..<0.85:
            return (time, TimeSpan(start: yearStart, end: yearEnd), "\(year)")
        default:
            let june = CalendarDay(year: year, month: 6, day: 1)!.decimalYear
            let august = CalendarDay(year: year, month: 8, day: 1)!.decimalYear
            time = june + (august - june) * generator.nextUniform()
            return (time, TimeSpan(start: june, end: august), "\(year) (mid)")
        }
    }
}

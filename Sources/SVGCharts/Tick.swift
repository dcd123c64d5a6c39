import Foundation

/// One tick of an axis: where it is, in data units, and what it says.
public struct Tick: Sendable, Equatable {
    public let value: Double
    public let label: String

    public init(_ value: Double, _ label: String) {
        self.value = value
        self.label = label
    }

    /// Ticks for a value axis over `scale`, labelled in `format` with the decimals the step needs.
    public static func values(_ scale: NiceScale, format: ValueFormat) -> [Tick] {
        scale.ticks.map { Tick($0, format.format($0, step: scale.step)) }
    }

    /// Ticks for a time axis over the decimal years `low...high`: at most `maxCount` ticks on the
    /// first day of every 1, 2, 3 or 6 months (labels `2025-07`) for short spans, else on
    /// 1 January of every 1, 2, 5, 10, 20, 50, … years (labels `2025`); the finest spacing that
    /// fits wins. Empty when an end is not finite.
    public static func time(from low: Double, to high: Double, maxCount: Int = 8) -> [Tick] {
        guard low.isFinite, high.isFinite, abs(low) < 1e6, abs(high) < 1e6 else { return [] }
        let (lo, hi) = (min(low, high), max(low, high))
        let limit = max(2, maxCount)
        let tolerance = 1e-9
        for months in [1, 2, 3, 6] where (hi - lo) * 12 / Double(months) < Double(limit) {
            var ticks: [Tick] = []
            var index = Int(lo.rounded(.down)) * 12
            while true {
                let year = Int((Double(index) / 12).rounded(.down)), month = index - year * 12 + 1
                let value = DecimalYear.value(year: year, month: month, day: 1)
                if value > hi + tolerance { break }
                if value >= lo - tolerance && index % months == 0 {
                    ticks.append(Tick(value, String(format: "%04d-%02d", year, month)))
                }
                index += 1
            }
            if ticks.count <= limit { return ticks }
        }
        var years = 1.0, magnitude = 1.0
        search: while true {
            for multiple in [1.0, 2, 5] {
                years = multiple * magnitude
                if (hi - lo) / years < Double(limit) { break search }
            }
            magnitude *= 10
        }
        let first = (lo / years - tolerance).rounded(.up), last = (hi / years + tolerance).rounded(.down)
        guard first <= last else { return [] }
        return stride(from: first, through: last, by: 1).map { Tick($0 * years, String(Int($0 * years))) }
    }
}

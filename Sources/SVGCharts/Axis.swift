import Foundation

/// One axis of a chart: its data interval, ticks and title.
struct Axis {
    /// The data interval the axis spans.
    var lower: Double
    var upper: Double
    var ticks: [Tick]
    var title: String
    /// Whether grid lines are drawn across the plot at the ticks.
    var grid = true

    /// A value axis over `values` (non-finite ones ignored) with nice ticks that cover them,
    /// widened to include zero when `includeZero`; a single value gets a small interval around it.
    static func values(_ values: [Double], includeZero: Bool, format: ValueFormat, title: String, targetCount: Int = 5) -> Axis {
        var finite = values.filter(\.isFinite)
        if includeZero || finite.isEmpty { finite.append(0) }
        var (lo, hi) = (finite.min() ?? 0, finite.max() ?? 0)
        if lo == hi {
            // All values equal: with zero included they are all zero, so show 0...1.
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            (lo, hi) = includeZero ? (0, 1) : (lo - pad, hi + pad)
        }
        let scale = NiceScale(from: lo, to: hi, targetCount: targetCount)
        return Axis(lower: scale.lower, upper: scale.upper, ticks: Tick.values(scale, format: format), title: title)
    }

    /// A time axis over the decimal years `values` (non-finite ones ignored), spanning exactly
    /// their range (a single time gets half a year either side); no ticks without data.
    static func time(_ values: [Double], title: String) -> Axis {
        let finite = values.filter { $0.isFinite && abs($0) < 1e6 }
        guard var lo = finite.min(), var hi = finite.max() else { return Axis(lower: 0, upper: 1, ticks: [], title: title, grid: false) }
        if lo == hi { (lo, hi) = (lo - 0.5, hi + 0.5) }
        return Axis(lower: lo, upper: hi, ticks: Tick.time(from: lo, to: hi), title: title)
    }

    /// A category axis: `labels` at the middle of equal slots, in order from the axis' origin.
    static func categories(_ labels: [String], title: String) -> Axis {
        Axis(lower: 0, upper: Double(max(1, labels.count)),
             ticks: labels.enumerated().map { Tick(Double($0.offset) + 0.5, $0.element) }, title: title, grid: false)
    }
}

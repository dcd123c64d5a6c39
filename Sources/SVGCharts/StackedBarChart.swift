import Foundation

/// Horizontal stacked bars: one bar per row (e.g. an alternative), one segment per part (e.g. a
/// rank), as for SMAA rank acceptabilities that sum to 1. Segments are labelled with their value
/// where the label fits inside.
///
/// ```swift
/// let chart = StackedBarChart(
///     title: "Rank acceptability", segments: ["Rank 1", "Rank 2", "Rank 3"],
///     bars: [BarSeries(name: "Fraunhofer", values: [0.7, 0.2, 0.1]), BarSeries(name: "China MICs", values: [0.3, 0.5, 0.2])],
///     options: ChartOptions(xTitle: "Share of weight draws", valueFormat: .percent))
/// ```
public struct StackedBarChart: Chart {
    public var title: String
    /// The parts of each bar, in stacking order from the left: the series of the chart.
    public var segments: [String]
    /// One bar per row, top to bottom: `values[i]` is the size of `segments[i]`.
    public var bars: [BarSeries]
    /// Axis titles, number format (by default percentages), note, size (by default 720 wide and
    /// 40 px per bar) and id.
    public var options: ChartOptions

    public init(title: String, segments: [String], bars: [BarSeries], options: ChartOptions = ChartOptions(valueFormat: .percent)) {
        self.title = title
        self.segments = segments
        self.bars = bars
        self.options = options
    }

    /// The value of each segment of each bar, `nil` where missing, not finite or negative; and the count of those.
    private var cleanValues: (values: [[Double?]], skipped: SkippedValues) {
        var skipped = SkippedValues()
        let values = bars.map { bar in
            segments.indices.map { i -> Double? in
                guard i < bar.values.count, let v = skipped.finite(bar.values[i]) else { return nil }
                return skipped.nonNegative(v)
            }
        }
        return (values, skipped)
    }

    public var summary: String {
        let (values, skipped) = cleanValues
        guard values.contains(where: { $0.contains { $0 != nil } }) else { return withNote("\(title): no data.\(skipped.sentence)", options.note) }
        var text = "\(title): one bar per row (\(bars.count)), split into \(segments.joined(separator: ", "))."
        for (bar, row) in zip(bars, values) {
            let parts = zip(segments, row).compactMap { name, v in v.map { "\(name) \(options.valueFormat.format($0, significantDigits: 3))" } }
            text += " \(bar.name): " + (parts.isEmpty ? "no data" : parts.joined(separator: ", ")) + "."
        }
        return withNote(text + skipped.sentence, options.note)
    }

    public func svg() -> String {
        let (values, _) = cleanValues
        let totals = values.map { $0.compactMap { $0 }.reduce(0, +) }
        let entries = segments.indices.map { Legend.Entry(name: segments[$0], swatch: .area(colour: Palette.colour($0).hex, opacity: 1)) }
        let canvas = ChartCanvas(options: options, natural: .forRows(bars.count), title: title, summary: summary, legend: Legend(entries),
                                 xAxis: .values(totals, includeZero: true, format: options.valueFormat, title: options.xTitle),
                                 yAxis: .categories(bars.map(\.name), title: options.yTitle), categoriesOnY: true)
        let step = canvas.xAxis.ticks.count > 1 ? canvas.xAxis.ticks[1].value - canvas.xAxis.ticks[0].value : 1
        return canvas.render(isEmpty: totals.allSatisfy { $0 == 0 }) { m in
            for (s, segment) in segments.enumerated() {
                let colour = Palette.colour(s)
                m.series(segment) { g in
                    for (b, row) in values.enumerated() {
                        guard let value = row[s] else { continue }
                        let start = row.prefix(s).compactMap { $0 }.reduce(0, +)
                        let (x0, x1) = (canvas.x(start), canvas.x(start + value))
                        let (top, bottom) = (canvas.y(Double(b) + 0.2), canvas.y(Double(b) + 0.8))
                        let label = options.valueFormat.format(value, step: step / 10)
                        g.element("rect", [("x", coordinate(x0)), ("y", coordinate(top)), ("width", coordinate(x1 - x0)),
                                           ("height", coordinate(bottom - top)), ("fill", colour.hex)]) { r in
                            r.element("title", text: "\(bars[b].name), \(segment): \(label)")
                        }
                        if Typography.width(label, size: Typography.small) + 6 <= x1 - x0 {
                            g.element("text", [("class", "value-label"), ("x", coordinate((x0 + x1) / 2)), ("y", coordinate((top + bottom) / 2)),
                                               ("text-anchor", "middle"), ("dominant-baseline", "central"),
                                               ("font-size", coordinate(Typography.small)), ("fill", colour.text)], text: label)
                        }
                    }
                }
            }
        }
    }
}

extension ChartSize {
    /// 720 wide and tall enough for `rows` horizontal bars of 40 px plus title, legend and axis.
    static func forRows(_ rows: Int) -> ChartSize { ChartSize(width: 720, height: 150 + 40 * Double(max(1, rows))) }
}

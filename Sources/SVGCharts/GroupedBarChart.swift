import Foundation

/// Vertical bars in groups: one group per category along the x axis, one bar per series in each
/// group (e.g. the scores of three alternatives under five scoring methods). Bars start at zero,
/// so negative values point down; values are written above the bars where they fit.
///
/// ```swift
/// let chart = GroupedBarChart(
///     title: "Scores by method", categories: ["WSM", "TOPSIS"],
///     series: [BarSeries(name: "China MICs", values: [0.61, 0.55]), BarSeries(name: "Fraunhofer", values: [0.72, 0.80])],
///     options: ChartOptions(yTitle: "Score"))
/// ```
public struct GroupedBarChart: Chart {
    public var title: String
    /// The groups along the x axis.
    public var categories: [String]
    /// One bar per series in each group: `values[i]` belongs to `categories[i]`.
    public var series: [BarSeries]
    /// Axis titles, number format, note, size and id.
    public var options: ChartOptions

    public init(title: String, categories: [String], series: [BarSeries], options: ChartOptions = ChartOptions()) {
        self.title = title
        self.categories = categories
        self.series = series
        self.options = options
    }

    /// The finite values as (series, category, value), and how many were left out.
    private var cleanValues: (values: [(series: Int, category: Int, value: Double)], skipped: SkippedValues) {
        var skipped = SkippedValues()
        var values: [(series: Int, category: Int, value: Double)] = []
        for (s, bars) in series.enumerated() {
            for (c, value) in bars.values.prefix(categories.count).enumerated() {
                if let v = skipped.finite(value) { values.append((s, c, v)) }
            }
        }
        return (values, skipped)
    }

    public var summary: String {
        let (values, skipped) = cleanValues
        guard !values.isEmpty else { return withNote("\(title): no data.\(skipped.sentence)", options.note) }
        var text = "\(title): bars for \(series.count) series (\(series.map(\.name).joined(separator: ", "))) in \(categories.count) groups."
        var leaders: [String] = []
        for (c, category) in categories.enumerated() {
            if let best = values.filter({ $0.category == c }).max(by: { $0.value < $1.value }) {
                leaders.append("\(category): \(series[best.series].name) \(options.valueFormat.format(best.value, significantDigits: 3))")
            }
        }
        text += " Highest in each group: " + leaders.joined(separator: "; ") + "."
        return withNote(text + skipped.sentence, options.note)
    }

    public func svg() -> String {
        let (values, _) = cleanValues
        let entries = series.indices.map { Legend.Entry(name: series[$0].name, swatch: .area(colour: Palette.colour($0).hex, opacity: 1)) }
        let canvas = ChartCanvas(options: options, natural: .standard, title: title, summary: summary, legend: Legend(entries),
                                 xAxis: .categories(categories, title: options.xTitle),
                                 yAxis: .values(values.map(\.value), includeZero: true, format: options.valueFormat, title: options.yTitle))
        let slot = canvas.plot.width / Double(max(1, categories.count))
        let barWidth = slot * 0.8 / Double(max(1, series.count))
        let step = canvas.yAxis.ticks.count > 1 ? canvas.yAxis.ticks[1].value - canvas.yAxis.ticks[0].value : 1
        return canvas.render(isEmpty: values.isEmpty) { m in
            for (s, bars) in series.enumerated() {
                let colour = Palette.colour(s).hex
                m.series(bars.name) { g in
                    for entry in values where entry.series == s {
                        let x = canvas.plot.x + slot * (Double(entry.category) + 0.1) + barWidth * Double(s)
                        let (y0, y1) = (canvas.y(0), canvas.y(entry.value))
                        let label = options.valueFormat.format(entry.value, step: step / 10)
                        g.element("rect", [("x", coordinate(x)), ("y", coordinate(min(y0, y1))), ("width", coordinate(max(1, barWidth - 2))),
                                           ("height", coordinate(abs(y1 - y0))), ("fill", colour)]) { r in
                            r.element("title", text: "\(bars.name), \(categories[entry.category]): \(label)")
                        }
                        if let place = labelPlace(value: entry.value, barEnd: y1, label: label, barWidth: barWidth, canvas: canvas) {
                            g.element("text", [("class", "value-label"), ("x", coordinate(x + barWidth / 2 - 1)), ("y", coordinate(place.y)),
                                               ("text-anchor", "middle"), ("font-size", coordinate(Typography.small)),
                                               ("fill", place.inside ? Palette.colour(s).text : Palette.ink)], text: label)
                        }
                    }
                }
            }
        }
    }

    /// Where a bar's value label goes: beyond the end of the bar (above it, below a negative one),
    /// or just inside the end where the plot has no room beyond it; `nil` when the label is wider
    /// than the bar or the bar too short to hold it.
    private func labelPlace(value: Double, barEnd: Double, label: String, barWidth: Double, canvas: ChartCanvas) -> (y: Double, inside: Bool)? {
        guard Typography.width(label, size: Typography.small) <= barWidth + 2 else { return nil }
        let height = Typography.small
        let outside = value >= 0 ? barEnd - 4 : barEnd + height + 2
        if outside - height >= canvas.plot.y - 4 && outside <= canvas.plot.maxY { return (outside, false) }
        let inside = value >= 0 ? barEnd + height + 2 : barEnd - 4
        return abs(canvas.y(0) - barEnd) >= height + 6 ? (inside, true) : nil
    }
}

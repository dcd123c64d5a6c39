/// A chart that renders itself as a standalone SVG document.
///
/// Every chart's SVG has `role="img"` and is labelled by its `<title>` (``title``) and `<desc>`
/// (``summary``); it draws both axes with ticks, tick labels and titles, a legend, and each
/// data series inside `<g class="series" data-series="NAME">`. Non-finite values are left out
/// (and counted in the summary); a chart without data says "No data".
public protocol Chart: Sendable {
    /// The visible title and accessible name.
    var title: String { get }
    /// What the chart shows, with its key numbers: the SVG's `<desc>`.
    var summary: String { get }
    /// Axis titles, number format, note, size, id and layout.
    var options: ChartOptions { get set }
    /// The chart as an SVG document (`<svg xmlns=…>…</svg>` and a line break).
    func svg() -> String
}

/// The parts every chart type shares.
extension Chart {
    /// `text` with `note` appended as a further sentence.
    /// The same chart in the ``ChartOptions/Layout/narrow`` layout, with `-narrow` added to its id
    /// so that both can be in one page.
    public var narrowLayout: Self {
        var chart = self
        chart.options.id = (options.id ?? chartID(title: title)) + "-narrow"
        chart.options.layout = .narrow
        return chart
    }

    func withNote(_ text: String, _ note: String?) -> String {
        guard let note, !note.isEmpty else { return text }
        return text + " " + note
    }
}

extension Markup {
    /// The group that holds one data series: `<g class="series" data-series="NAME">`.
    mutating func series(_ name: String, _ body: (inout Markup) -> Void) {
        element("g", [("class", "series"), ("data-series", name)], body)
    }
}

/// Linear interpolation of `(x, value)` pairs sorted by x at `x`; `nil` outside their range.
func interpolate(_ pairs: [(x: Double, value: Double)], at x: Double) -> Double? {
    guard let first = pairs.first, let last = pairs.last, x >= first.x, x <= last.x else { return nil }
    guard let upperIndex = pairs.firstIndex(where: { $0.x >= x }) else { return nil }
    let b = pairs[upperIndex]
    guard upperIndex > 0, b.x > x else { return b.value }
    let a = pairs[upperIndex - 1]
    return a.value + (b.value - a.value) * (x - a.x) / (b.x - a.x)
}

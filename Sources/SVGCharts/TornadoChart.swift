import Foundation

/// A tornado chart: per item (e.g. a criterion) a horizontal bar from a low to a high value with
/// a marker at a reference value (e.g. the interval of weights that keeps the ranking, around the
/// current weight), widest interval at the top.
///
/// ```swift
/// let chart = TornadoChart(
///     title: "Weight stability",
///     items: [.init(label: "Centers", low: 0.05, high: 0.42, reference: 0.15),
///             .init(label: "Funding", low: 0.08, high: 0.12, reference: 0.10)],
///     options: ChartOptions(xTitle: "Weight"))
/// ```
public struct TornadoChart: Chart {
    /// One bar: the interval `low...high` and the reference value.
    public struct Item: Sendable, Equatable {
        public var label: String
        public var low: Double
        public var high: Double
        public var reference: Double
        public init(label: String, low: Double, high: Double, reference: Double) {
            self.label = label
            self.low = low
            self.high = high
            self.reference = reference
        }
    }

    public var title: String
    public var items: [Item]
    /// The legend name of the bars.
    public var intervalName: String
    /// The legend name of the reference markers.
    public var referenceName: String
    /// Axis titles, number format, note, size (by default 720 wide and 40 px per bar) and id.
    public var options: ChartOptions

    public init(title: String, items: [Item], intervalName: String = "Stable interval", referenceName: String = "Current value",
                options: ChartOptions = ChartOptions()) {
        self.title = title
        self.items = items
        self.intervalName = intervalName
        self.referenceName = referenceName
        self.options = options
    }

    /// The items with finite values (ends in order), widest first; and the count of values left out.
    private var sortedItems: (items: [Item], skipped: SkippedValues) {
        var skipped = SkippedValues()
        let kept = items.compactMap { item -> Item? in
            let values = [item.low, item.high, item.reference]
            guard skipped.finite(values, \.isFinite).count == 3 else { return nil }
            return Item(label: item.label, low: min(item.low, item.high), high: max(item.low, item.high), reference: item.reference)
        }
        let sorted = kept.enumerated().sorted { a, b in
            let (wa, wb) = (a.element.high - a.element.low, b.element.high - b.element.low)
            return wa != wb ? wa > wb : a.offset < b.offset
        }.map(\.element)
        return (sorted, skipped)
    }

    public var summary: String {
        let (sorted, skipped) = sortedItems
        guard !sorted.isEmpty else { return withNote("\(title): no data.\(skipped.sentence)", options.note) }
        let parts = sorted.map {
            "\($0.label) \(describe($0.low)) to \(describe($0.high)) (\(referenceName.lowercased()) \(describe($0.reference)))"
        }
        return withNote("\(title): \(intervalName.lowercased()) per item, widest first: " + parts.joined(separator: "; ") + "." + skipped.sentence, options.note)
    }

    private func describe(_ value: Double) -> String { options.valueFormat.format(value, significantDigits: 3) }

    public func svg() -> String {
        let (sorted, _) = sortedItems
        let (barColour, markerColour) = (Palette.colour(5).hex, Palette.colour(7).hex)
        let legend = Legend([.init(name: intervalName, swatch: .area(colour: barColour, opacity: 1)),
                             .init(name: referenceName, swatch: .marker(colour: markerColour))])
        let canvas = ChartCanvas(options: options, natural: .forRows(sorted.count), title: title, summary: summary, legend: legend,
                                 xAxis: .values(sorted.flatMap { [$0.low, $0.high, $0.reference] }, includeZero: false, format: options.valueFormat, title: options.xTitle),
                                 yAxis: .categories(sorted.map(\.label), title: options.yTitle), categoriesOnY: true)
        return canvas.render(isEmpty: sorted.isEmpty) { m in
            m.series(intervalName) { g in
                for (i, item) in sorted.enumerated() {
                    let (x0, x1) = (canvas.x(item.low), canvas.x(item.high))
                    let top = canvas.y(Double(i) + 0.2)
                    g.element("rect", [("x", coordinate(x0)), ("y", coordinate(top)), ("width", coordinate(max(2, x1 - x0))),
                                       ("height", coordinate(canvas.y(Double(i) + 0.8) - top)), ("fill", barColour)]) { r in
                        r.element("title", text: "\(item.label): \(describe(item.low)) to \(describe(item.high))")
                    }
                }
            }
            m.series(referenceName) { g in
                for (i, item) in sorted.enumerated() {
                    let x = canvas.x(item.reference)
                    let top = canvas.y(Double(i) + 0.1)
                    g.element("rect", [("x", coordinate(x - 1.5)), ("y", coordinate(top)), ("width", "3"),
                                       ("height", coordinate(canvas.y(Double(i) + 0.9) - top)), ("fill", markerColour)]) { r in
                        r.element("title", text: "\(item.label): \(referenceName.lowercased()) \(describe(item.reference))")
                    }
                }
            }
        }
    }
}

import Foundation

/// A fan chart of a count over time: observed counts as a step line, any number of named lines
/// (a fitted mean, what-if means), uncertainty bands as filled areas (the wider band lighter),
/// a horizontal target line and a vertical target-date line.
///
/// Time is in decimal years (``DecimalYear``); the x axis spans the data and labels whole years,
/// or months for spans under a few years.
///
/// ```swift
/// let chart = FanChart(
///     title: "China national MICs",
///     observed: Series(name: "Observed", x: [2016.5, 2018.2, 2020.9], y: [1, 9, 17]),
///     lines: [Series(name: "Fitted mean", x: [2016, 2023, 2030], y: [2, 25, 41])],
///     bands: [Band(name: "95% band", x: [2016, 2023, 2030], lower: [1, 21, 30], upper: [3, 29, 52])],
///     target: ReferenceLine(value: 40, label: "Target: 40"),
///     targetDate: ReferenceLine(value: DecimalYear.value(year: 2025, month: 12, day: 31), label: "End of 2025"))
/// let svg = chart.svg()
/// ```
public struct FanChart: Chart {
    public var title: String
    /// Observed counts, drawn as steps that hold each count until the next observation.
    public var observed: Series?
    /// Lines such as the fitted mean (the first, solid, in the bands' colour) and what-if means (dashed).
    public var lines: [Series]
    /// Uncertainty bands, e.g. 80% and 95%.
    public var bands: [Band]
    /// A target count, drawn as a horizontal line.
    public var target: ReferenceLine?
    /// A target date (decimal year), drawn as a vertical line.
    public var targetDate: ReferenceLine?
    /// Axis titles (by default `Year` and `Count`), number format, note, size and id.
    public var options: ChartOptions

    public init(title: String, observed: Series? = nil, lines: [Series] = [], bands: [Band] = [], target: ReferenceLine? = nil,
                targetDate: ReferenceLine? = nil, options: ChartOptions = ChartOptions(xTitle: "Year", yTitle: "Count")) {
        self.title = title
        self.observed = observed
        self.lines = lines
        self.bands = bands
        self.target = target
        self.targetDate = targetDate
        self.options = options
    }

    /// The finite data, sorted by time, and how many values were left out.
    private struct Clean {
        var observed: [Point] = []
        var lines: [[Point]] = []
        var bands: [[Band.Slice]] = []
        var target: Double?
        var targetDate: Double?
        var skipped = SkippedValues()

        init(_ chart: FanChart) {
            observed = skipped.finite(chart.observed?.points ?? [], \.isFinite).sorted { $0.x < $1.x }
            lines = chart.lines.map { skipped.finite($0.points, \.isFinite).sorted { $0.x < $1.x } }
            bands = chart.bands.map { skipped.finite($0.slices, \.isFinite).sorted { $0.x < $1.x } }
            target = chart.target.flatMap { skipped.finite($0.value) }
            targetDate = chart.targetDate.flatMap { skipped.finite($0.value) }
        }

        var isEmpty: Bool { observed.isEmpty && lines.allSatisfy(\.isEmpty) && bands.allSatisfy(\.isEmpty) }
        var xs: [Double] { observed.map(\.x) + lines.flatMap { $0.map(\.x) } + bands.flatMap { $0.map(\.x) } + [targetDate].compactMap { $0 } }
        var ys: [Double] {
            observed.map(\.y) + lines.flatMap { $0.map(\.y) } + bands.flatMap { $0.flatMap { [$0.lower, $0.upper] } } + [target].compactMap { $0 }
        }
    }

    public var summary: String {
        let data = Clean(self)
        guard !data.isEmpty else { return withNote("\(title): no data.\(data.skipped.sentence)", options.note) }
        let xs = data.xs
        var text = "\(title): \(options.yTitle) over time from \(DecimalYear.isoDate(xs.min() ?? 0)) to \(DecimalYear.isoDate(xs.max() ?? 0))."
        if let name = observed?.name, let last = data.observed.last {
            text += " \(name): \(data.observed.count) value\(data.observed.count == 1 ? "" : "s"), the last \(describe(last.y)) on \(DecimalYear.isoDate(last.x))."
        }
        for (series, points) in zip(lines, data.lines) {
            if let last = points.last { text += " \(series.name): \(describe(last.y)) on \(DecimalYear.isoDate(last.x))." }
        }
        if let date = data.targetDate, let label = targetDate?.label {
            var values: [String] = []
            for (series, points) in zip(lines, data.lines) {
                if let v = interpolate(points.map { ($0.x, $0.y) }, at: date) { values.append("\(series.name) \(describe(v))") }
            }
            for (band, slices) in zip(bands, data.bands) {
                if let lo = interpolate(slices.map { ($0.x, $0.lower) }, at: date), let hi = interpolate(slices.map { ($0.x, $0.upper) }, at: date) {
                    values.append("\(band.name) \(describe(lo)) to \(describe(hi))")
                }
            }
            text += " \(label) (\(DecimalYear.isoDate(date)))" + (values.isEmpty ? "." : ": " + values.joined(separator: "; ") + ".")
        }
        if let value = data.target, let label = target?.label { text += " \(label) (\(describe(value)))." }
        return withNote(text + data.skipped.sentence, options.note)
    }

    private func describe(_ value: Double) -> String { options.valueFormat.format(value, significantDigits: 3) }

    /// Fill opacity per band: the widest band lightest.
    private func bandOpacities(_ bands: [[Band.Slice]]) -> [Double] {
        let widths = bands.map { slices in slices.isEmpty ? 0 : slices.map { abs($0.upper - $0.lower) }.reduce(0, +) / Double(slices.count) }
        let order = widths.indices.sorted { widths[$0] > widths[$1] }
        var opacities = Array(repeating: 0.2, count: bands.count)
        for (rank, index) in order.enumerated() { opacities[index] = min(0.2 + 0.15 * Double(rank), 0.65) }
        return opacities
    }

    private var bandColour: String { Palette.colour(0).hex }

    /// The target line's colour (vermillion), which no line takes.
    private var targetColour: String { Palette.colour(3).hex }

    /// The colour and dash of line `index`: the first solid in the bands' colour, the others dashed
    /// in the palette's other colours but the target's.
    private func lineStyle(_ index: Int) -> (colour: String, dashed: Bool) {
        let others = [1, 2, 4, 5, 6, 7]
        return index == 0 ? (bandColour, false) : (Palette.colour(others[(index - 1) % others.count]).hex, true)
    }

    public func svg() -> String {
        let data = Clean(self)
        let opacities = bandOpacities(data.bands)
        var entries: [Legend.Entry] = []
        if let observed { entries.append(.init(name: observed.name, swatch: .line(colour: Palette.ink, dashed: false))) }
        for index in lines.indices {
            let style = lineStyle(index)
            entries.append(.init(name: lines[index].name, swatch: .line(colour: style.colour, dashed: style.dashed)))
        }
        for (band, opacity) in zip(bands, opacities) { entries.append(.init(name: band.name, swatch: .area(colour: bandColour, opacity: opacity))) }
        let canvas = ChartCanvas(size: options.size ?? .standard, title: title, summary: summary, id: options.id, legend: Legend(entries),
                                 xAxis: .time(data.xs, title: options.xTitle),
                                 yAxis: .values(data.ys, includeZero: true, format: options.valueFormat, title: options.yTitle))
        return canvas.render(isEmpty: data.isEmpty) { m in
            for (index, band) in bands.enumerated() {
                m.series(band.name) { g in drawBand(data.bands[index], opacity: opacities[index], on: canvas, into: &g) }
            }
            drawReferences(data, on: canvas, into: &m)
            for (index, line) in lines.enumerated() {
                let style = lineStyle(index)
                m.series(line.name) { g in
                    drawPath(data.lines[index], steps: false, colour: style.colour, dashed: style.dashed, on: canvas, into: &g)
                }
            }
            if let observed {
                m.series(observed.name) { g in drawPath(data.observed, steps: true, colour: Palette.ink, dashed: false, on: canvas, into: &g) }
            }
        }
    }

    private func drawBand(_ slices: [Band.Slice], opacity: Double, on canvas: ChartCanvas, into m: inout Markup) {
        guard let first = slices.first else { return }
        if slices.count == 1 {
            m.leaf("line", [("x1", coordinate(canvas.x(first.x))), ("x2", coordinate(canvas.x(first.x))), ("y1", coordinate(canvas.y(first.lower))),
                            ("y2", coordinate(canvas.y(first.upper))), ("stroke", bandColour), ("stroke-opacity", coordinate(opacity + 0.2)),
                            ("stroke-width", "6")])
            return
        }
        let upper = slices.map { "\(coordinate(canvas.x($0.x))),\(coordinate(canvas.y($0.upper)))" }
        let lower = slices.reversed().map { "\(coordinate(canvas.x($0.x))),\(coordinate(canvas.y($0.lower)))" }
        m.leaf("polygon", [("points", (upper + lower).joined(separator: " ")), ("fill", bandColour), ("fill-opacity", coordinate(opacity)),
                           ("stroke", "none")])
    }

    /// A line through `points`, or steps that hold each value until the next point; a lone point is a dot.
    private func drawPath(_ points: [Point], steps: Bool, colour: String, dashed: Bool, on canvas: ChartCanvas, into m: inout Markup) {
        guard let first = points.first else { return }
        if points.count == 1 {
            m.leaf("circle", [("cx", coordinate(canvas.x(first.x))), ("cy", coordinate(canvas.y(first.y))), ("r", "3.5"), ("fill", colour)])
            return
        }
        var d = "M\(coordinate(canvas.x(first.x))),\(coordinate(canvas.y(first.y)))"
        for point in points.dropFirst() {
            d += steps ? "H\(coordinate(canvas.x(point.x)))V\(coordinate(canvas.y(point.y)))"
                : "L\(coordinate(canvas.x(point.x))),\(coordinate(canvas.y(point.y)))"
        }
        var attributes: [Markup.Attribute] = [("d", d), ("fill", "none"), ("stroke", colour), ("stroke-width", steps ? "2" : "2.5"),
                                              ("stroke-linejoin", "round")]
        if dashed { attributes.append(("stroke-dasharray", "7 4")) }
        m.leaf("path", attributes)
    }

    private func drawReferences(_ data: Clean, on canvas: ChartCanvas, into m: inout Markup) {
        let plot = canvas.plot
        let colour = targetColour
        if let value = data.target, let label = target?.label {
            let y = coordinate(canvas.y(value))
            m.element("g", [("class", "reference target")]) { g in
                g.leaf("line", [("x1", coordinate(plot.x)), ("x2", coordinate(plot.maxX)), ("y1", y), ("y2", y), ("stroke", colour),
                                ("stroke-width", "1.5"), ("stroke-dasharray", "5 4")])
                g.element("text", [("x", coordinate(plot.x + 6)), ("y", coordinate(canvas.y(value) - 5)), ("font-size", coordinate(Typography.small)),
                                   ("fill", colour)], text: label)
            }
        }
        if let date = data.targetDate, let label = targetDate?.label {
            let x = canvas.x(date)
            let anchorEnd = x > plot.x + plot.width * 0.7
            m.element("g", [("class", "reference target-date")]) { g in
                g.leaf("line", [("x1", coordinate(x)), ("x2", coordinate(x)), ("y1", coordinate(plot.y)), ("y2", coordinate(plot.maxY)),
                                ("stroke", Palette.mutedInk), ("stroke-width", "1.5"), ("stroke-dasharray", "2 3")])
                g.element("text", [("x", coordinate(anchorEnd ? x - 5 : x + 5)), ("y", coordinate(plot.y + Typography.small + 2)),
                                   ("text-anchor", anchorEnd ? "end" : "start"), ("font-size", coordinate(Typography.small)),
                                   ("fill", Palette.mutedInk)], text: label)
            }
        }
    }
}

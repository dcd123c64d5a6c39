import Foundation

/// A fan chart of a count over time: observed counts as a step line, any number of named lines
/// (a fitted mean, what-if means), uncertainty bands as filled areas (the wider band lighter),
/// a horizontal target line and a vertical target-date line.
///
/// Time is in decimal years (``DecimalYear``); the x axis spans the data and labels whole years,
/// or months for spans under a few years.
///
/// ## What it does not draw
/// A count is never negative: line points below zero are left out (the line breaks there and
/// the description says how many), and band edges below zero are drawn at zero. Observed
/// ``ObservedKind/statements`` are not joined across a gap in the statements (see
/// ``ObservedKind``), so a stretch without data is not drawn as a plateau.
///
/// ## Telling lines apart
/// Every line has its own colour and dash pattern, and its name is written at its right end
/// (moved apart vertically where names would overlap). A line that coincides with an earlier
/// one is named "(same as …)" in its label and legend, so that neither hides the other unseen.
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
    /// Whether ``observed`` is a complete record of events or a set of statements.
    public var observedKind: ObservedKind
    /// Lines such as the fitted mean (the first, solid, in the bands' colour) and what-if means (each with its own dash pattern).
    public var lines: [Series]
    /// Uncertainty bands, e.g. 80% and 95%.
    public var bands: [Band]
    /// A target count, drawn as a horizontal line.
    public var target: ReferenceLine?
    /// A target date (decimal year), drawn as a vertical line.
    public var targetDate: ReferenceLine?
    /// Axis titles (by default `Year` and `Count`), number format, note, size and id.
    public var options: ChartOptions

    /// How observed counts are joined.
    public enum ObservedKind: Sendable, Equatable {
        /// Every event is known, so the count holds until the next one: steps throughout.
        case events
        /// Counts stated at some dates: a step joins two statements, except across a gap longer
        /// than 1.5 years and twice the median spacing of the statements, where nothing is known
        /// of the count in between; each statement is also marked with a dot.
        case statements
    }

    public init(title: String, observed: Series? = nil, observedKind: ObservedKind = .events, lines: [Series] = [], bands: [Band] = [],
                target: ReferenceLine? = nil, targetDate: ReferenceLine? = nil,
                options: ChartOptions = ChartOptions(xTitle: "Year", yTitle: "Count")) {
        self.title = title
        self.observed = observed
        self.observedKind = observedKind
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
        /// Line points left out because they lie below zero.
        var negative = 0

        init(_ chart: FanChart) {
            observed = skipped.finite(chart.observed?.points ?? [], \.isFinite).sorted { $0.x < $1.x }
            lines = chart.lines.map { skipped.finite($0.points, \.isFinite).sorted { $0.x < $1.x } }
            negative = lines.reduce(0) { $0 + $1.count(where: { $0.y < 0 }) }
            bands = chart.bands.map { band in
                skipped.finite(band.slices, \.isFinite).sorted { $0.x < $1.x }.map { Band.Slice(x: $0.x, lower: max(0, $0.lower), upper: max(0, $0.upper)) }
            }
            target = chart.target.flatMap { skipped.finite($0.value) }
            targetDate = chart.targetDate.flatMap { skipped.finite($0.value) }
        }

        var isEmpty: Bool { observed.isEmpty && lines.allSatisfy(\.isEmpty) && bands.allSatisfy(\.isEmpty) }
        var xs: [Double] { observed.map(\.x) + lines.flatMap { $0.map(\.x) } + bands.flatMap { $0.map(\.x) } + [targetDate].compactMap { $0 } }
        var ys: [Double] {
            observed.map(\.y) + lines.flatMap { $0.map(\.y).filter { $0 >= 0 } } + bands.flatMap { $0.flatMap { [$0.lower, $0.upper] } } + [target].compactMap { $0 }
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
        if data.negative > 0 { text += " \(data.negative) line point\(data.negative == 1 ? "" : "s") below zero not drawn (a count is never negative)." }
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

    /// The colour and dash pattern of line `index`: the first solid in the bands' colour, the
    /// others in the palette's other colours but the target's, each with its own dash pattern.
    private func lineStyle(_ index: Int) -> (colour: String, dash: String?) {
        let others = [1, 2, 4, 5, 6, 7]
        let dashes = ["7 4", "2 3", "10 3 2 3", "4 4", "12 4"]
        return index == 0 ? (bandColour, nil)
            : (Palette.colour(others[(index - 1) % others.count]).hex, dashes[(index - 1) % dashes.count])
    }

    /// For each line, the earlier line it coincides with, if any.
    private func twins(_ data: Clean) -> [Int?] {
        lines.indices.map { index in
            let points = data.lines[index]
            return points.isEmpty ? nil : (0..<index).first { Self.coincide(data.lines[$0], points) }
        }
    }

    /// The name of each line, with "(same as …)" where it coincides with an earlier line.
    private func lineNames(_ data: Clean) -> [String] {
        zip(lines, twins(data)).map { line, twin in twin.map { "\(line.name) (same as \(lines[$0].name))" } ?? line.name }
    }

    /// Whether two lines have the same points to within a millionth of their range.
    private static func coincide(_ a: [Point], _ b: [Point]) -> Bool {
        guard a.count == b.count else { return false }
        let scale = max(1, (a + b).map { abs($0.y) }.max() ?? 1) * 1e-6
        return zip(a, b).allSatisfy { abs($0.x - $1.x) <= 1e-9 && abs($0.y - $1.y) <= scale }
    }

    public func svg() -> String {
        let data = Clean(self)
        let opacities = bandOpacities(data.bands)
        let names = lineNames(data)
        var entries: [Legend.Entry] = []
        if let observed { entries.append(.init(name: observed.name, swatch: .line(colour: Palette.ink, dash: nil))) }
        for index in lines.indices {
            let style = lineStyle(index)
            entries.append(.init(name: names[index], swatch: .line(colour: style.colour, dash: style.dash)))
        }
        for (band, opacity) in zip(bands, opacities) { entries.append(.init(name: band.name, swatch: .area(colour: bandColour, opacity: opacity))) }
        let canvas = ChartCanvas(options: options, natural: .standard, title: title, summary: summary, legend: Legend(entries),
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
                    for run in Self.nonNegativeRuns(data.lines[index]) {
                        drawPath(run, steps: false, colour: style.colour, dash: style.dash, on: canvas, into: &g)
                    }
                }
            }
            if let observed {
                m.series(observed.name) { g in
                    for run in observedRuns(data.observed) { drawPath(run, steps: true, colour: Palette.ink, dash: nil, on: canvas, into: &g) }
                    if observedKind == .statements { drawDots(data.observed, on: canvas, into: &g) }
                }
            }
            drawLineLabels(data, on: canvas, into: &m)
        }
    }

    /// The runs of consecutive points at or above zero.
    private static func nonNegativeRuns(_ points: [Point]) -> [[Point]] {
        points.split(whereSeparator: { $0.y < 0 }).map(Array.init)
    }

    /// The observed points in runs that steps may join: all of them for events; for statements,
    /// split across gaps longer than 1.5 years and twice the median spacing.
    private func observedRuns(_ points: [Point]) -> [[Point]] {
        guard observedKind == .statements, points.count > 2 else { return [points] }
        let spacings = zip(points.dropFirst(), points).map { $0.x - $1.x }.sorted()
        let gap = max(1.5, 2 * spacings[spacings.count / 2])
        var runs: [[Point]] = [[points[0]]]
        for (previous, point) in zip(points, points.dropFirst()) {
            if point.x - previous.x > gap { runs.append([]) }
            runs[runs.count - 1].append(point)
        }
        return runs
    }

    private func drawDots(_ points: [Point], on canvas: ChartCanvas, into m: inout Markup) {
        for point in points {
            m.leaf("circle", [("cx", coordinate(canvas.x(point.x))), ("cy", coordinate(canvas.y(point.y))), ("r", "3"), ("fill", Palette.ink)])
        }
    }

    /// Each line's name at its right end, in its colour over a white halo, moved apart so that
    /// names do not overlap; a line that coincides with an earlier one shares that line's label
    /// ("name (+1 same)").
    private func drawLineLabels(_ data: Clean, on canvas: ChartCanvas, into m: inout Markup) {
        let size = Typography.small
        let twins = twins(data)
        var labels: [(index: Int, y: Double, x: Double)] = lines.indices.compactMap { index in
            guard twins[index] == nil, let last = Self.nonNegativeRuns(data.lines[index]).last?.last else { return nil }
            return (index, canvas.y(last.y), canvas.x(last.x))
        }
        labels.sort { ($0.y, $0.index) < ($1.y, $1.index) }
        let gap = size + 2
        for k in labels.indices {
            labels[k].y = max(labels[k].y - 6, canvas.plot.y + size)
            if k > 0 { labels[k].y = max(labels[k].y, labels[k - 1].y + gap) }
        }
        if let last = labels.last, last.y > canvas.plot.maxY - 2 {
            let shift = last.y - (canvas.plot.maxY - 2)
            for k in labels.indices { labels[k].y -= shift }
        }
        guard !labels.isEmpty else { return }
        m.element("g", [("class", "line-labels")]) { g in
            for label in labels {
                let shared = twins.count { $0 == label.index }
                let suffix = shared > 0 ? " (+\(shared) same)" : ""
                let text = Typography.truncated(lines[label.index].name, maxWidth: canvas.plot.width * 0.4 - Typography.width(suffix, size: size),
                                                size: size) + suffix
                g.element("text", [("class", "line-label"), ("x", coordinate(label.x - 4)), ("y", coordinate(label.y)), ("text-anchor", "end"),
                                   ("font-size", coordinate(size)), ("fill", lineStyle(label.index).colour), ("stroke", "#FFFFFF"),
                                   ("stroke-width", "3"), ("paint-order", "stroke"), ("stroke-linejoin", "round")], text: text)
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
    private func drawPath(_ points: [Point], steps: Bool, colour: String, dash: String?, on canvas: ChartCanvas, into m: inout Markup) {
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
        if let dash { attributes.append(("stroke-dasharray", dash)) }
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

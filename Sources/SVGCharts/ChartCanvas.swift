import Foundation

/// The frame every chart draws in: the `<svg>` root with its accessible name and description, the
/// visible title, the legend, the plot area with grid lines, and the two axes with ticks, tick
/// labels and titles. The x axis is at the bottom and the y axis at the left; a category y axis
/// lists its first category at the top.
struct ChartCanvas {
    let size: ChartSize
    /// `wide` or `narrow`, written into the SVG's class so a page can show the one that fits.
    let layout: String
    let title: String
    let summary: String
    let id: String
    let legend: Legend
    let xAxis: Axis
    let yAxis: Axis
    /// Whether the y axis is a list of categories, drawn from the top down.
    let categoriesOnY: Bool
    /// The plot area, inside the axes.
    let plot: Rect

    private static let margin = 12.0
    private static let tickLength = 5.0
    /// The largest share of the width that y tick labels may take; longer ones are shortened.
    private static let maxYLabelShare = 0.3

    init(options: ChartOptions, natural: ChartSize, title: String, summary: String, legend: Legend, xAxis: Axis, yAxis: Axis,
         categoriesOnY: Bool = false) {
        self.size = ChartSize.resolved(options, natural: natural)
        self.layout = options.layout == .wide ? "wide" : "narrow"
        let id = options.id
        self.title = title
        self.summary = summary
        self.id = id ?? chartID(title: title)
        self.legend = legend
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.categoriesOnY = categoriesOnY
        let m = Self.margin
        let legendTop = m + Typography.title + 10
        let top = legendTop + legend.height(width: size.width - 2 * m) + 12
        let yLabelWidth = min(yAxis.ticks.map { Typography.width($0.label) }.max() ?? 0, Self.maxYLabelShare * size.width)
        let left = m + (yAxis.title.isEmpty ? 0 : Typography.label + 10) + yLabelWidth + Self.tickLength + 4
        let lastXLabel = xAxis.ticks.last.map { Typography.width($0.label) / 2 } ?? 0
        let right = max(m + 8, lastXLabel + 4)
        let bottom = m + Self.tickLength + Typography.label + 6 + (xAxis.title.isEmpty ? 0 : Typography.label + 8)
        plot = Rect(x: left, y: top, width: max(40, size.width - left - right), height: max(40, size.height - top - bottom))
    }

    /// The horizontal position of the x value `value`.
    func x(_ value: Double) -> Double { LinearMap(domain: (xAxis.lower, xAxis.upper), range: (plot.x, plot.maxX))(value) }

    /// The vertical position of the y value `value` (a category slot counts from the top).
    func y(_ value: Double) -> Double {
        LinearMap(domain: (yAxis.lower, yAxis.upper), range: categoriesOnY ? (plot.y, plot.maxY) : (plot.maxY, plot.y))(value)
    }

    /// The SVG document: frame, then what `body` draws in the plot area, then the axes on top.
    /// With `isEmpty` the plot says "No data".
    func render(isEmpty: Bool = false, _ body: (inout Markup) -> Void) -> String {
        var m = Markup()
        m.element("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("class", "chart chart-\(layout)"), ("id", id),
                          ("viewBox", "0 0 \(coordinate(size.width)) \(coordinate(size.height))"),
                          ("width", coordinate(size.width)), ("height", coordinate(size.height)),
                          ("role", "img"), ("aria-labelledby", "\(id)-title \(id)-desc"),
                          ("font-family", Typography.fontFamily)]) { svg in
            svg.newline()
            svg.element("title", [("id", "\(id)-title")], text: title)
            svg.element("desc", [("id", "\(id)-desc")], text: summary)
            svg.newline()
            svg.leaf("rect", [("width", "100%"), ("height", "100%"), ("fill", "#FFFFFF")])
            svg.element("text", [("class", "chart-title"), ("x", coordinate(Self.margin)), ("y", coordinate(Self.margin + Typography.title)),
                                 ("font-size", coordinate(Typography.title)), ("font-weight", "bold"), ("fill", Palette.ink)],
                        text: Typography.truncated(title, maxWidth: size.width - 2 * Self.margin, size: Typography.title))
            legend.draw(into: &svg, x: Self.margin, y: Self.margin + Typography.title + 10, width: size.width - 2 * Self.margin)
            drawGrid(into: &svg)
            svg.newline()
            body(&svg)
            svg.newline()
            if isEmpty {
                svg.element("text", [("class", "no-data"), ("x", coordinate(plot.x + plot.width / 2)), ("y", coordinate(plot.y + plot.height / 2)),
                                     ("text-anchor", "middle"), ("font-size", coordinate(Typography.title)), ("fill", Palette.mutedInk)],
                            text: "No data")
            }
            drawXAxis(into: &svg)
            drawYAxis(into: &svg)
            svg.newline()
        }
        return m.text + "\n"
    }

    private func drawGrid(into m: inout Markup) {
        m.element("g", [("class", "grid"), ("stroke", Palette.grid), ("stroke-width", "1")]) { g in
            if xAxis.grid {
                for tick in xAxis.ticks {
                    let px = coordinate(x(tick.value))
                    g.leaf("line", [("x1", px), ("x2", px), ("y1", coordinate(plot.y)), ("y2", coordinate(plot.maxY))])
                }
            }
            if yAxis.grid {
                for tick in yAxis.ticks {
                    let py = coordinate(y(tick.value))
                    g.leaf("line", [("x1", coordinate(plot.x)), ("x2", coordinate(plot.maxX)), ("y1", py), ("y2", py)])
                }
            }
        }
    }

    private func drawXAxis(into m: inout Markup) {
        let base = plot.maxY
        m.element("g", [("class", "axis x-axis")]) { g in
            g.leaf("line", [("class", "domain"), ("x1", coordinate(plot.x)), ("x2", coordinate(plot.maxX)), ("y1", coordinate(base)),
                            ("y2", coordinate(base)), ("stroke", Palette.ink)])
            for tick in xAxis.ticks {
                let px = coordinate(x(tick.value))
                g.element("g", [("class", "tick")]) { t in
                    t.leaf("line", [("x1", px), ("x2", px), ("y1", coordinate(base)), ("y2", coordinate(base + Self.tickLength)), ("stroke", Palette.ink)])
                    t.element("text", [("class", "tick-label"), ("x", px), ("y", coordinate(base + Self.tickLength + Typography.label + 2)),
                                       ("text-anchor", "middle"), ("font-size", coordinate(Typography.label)), ("fill", Palette.mutedInk)],
                              text: Typography.truncated(tick.label, maxWidth: plot.width / Double(xAxis.ticks.count)))
                }
            }
            if !xAxis.title.isEmpty {
                g.element("text", [("class", "axis-title"), ("x", coordinate(plot.x + plot.width / 2)),
                                   ("y", coordinate(base + Self.tickLength + 2 * Typography.label + 12)), ("text-anchor", "middle"),
                                   ("font-size", coordinate(Typography.label)), ("fill", Palette.ink)], text: xAxis.title)
            }
        }
    }

    private func drawYAxis(into m: inout Markup) {
        m.element("g", [("class", "axis y-axis")]) { g in
            g.leaf("line", [("class", "domain"), ("x1", coordinate(plot.x)), ("x2", coordinate(plot.x)), ("y1", coordinate(plot.y)),
                            ("y2", coordinate(plot.maxY)), ("stroke", Palette.ink)])
            for tick in yAxis.ticks {
                let py = coordinate(y(tick.value))
                g.element("g", [("class", "tick")]) { t in
                    t.leaf("line", [("x1", coordinate(plot.x - Self.tickLength)), ("x2", coordinate(plot.x)), ("y1", py), ("y2", py), ("stroke", Palette.ink)])
                    t.element("text", [("class", "tick-label"), ("x", coordinate(plot.x - Self.tickLength - 3)), ("y", py),
                                       ("text-anchor", "end"), ("dominant-baseline", "central"), ("font-size", coordinate(Typography.label)),
                                       ("fill", Palette.mutedInk)],
                              text: Typography.truncated(tick.label, maxWidth: Self.maxYLabelShare * size.width))
                }
            }
            if !yAxis.title.isEmpty {
                let cx = Self.margin + Typography.label / 2, cy = plot.y + plot.height / 2
                g.element("text", [("class", "axis-title"), ("x", coordinate(cx)), ("y", coordinate(cy)), ("text-anchor", "middle"),
                                   ("dominant-baseline", "central"), ("transform", "rotate(-90 \(coordinate(cx)) \(coordinate(cy)))"),
                                   ("font-size", coordinate(Typography.label)), ("fill", Palette.ink)], text: yAxis.title)
            }
        }
    }
}

/// The natural size of a chart in SVG user units (px); pages scale it to their width.
public struct ChartSize: Sendable, Equatable {
    public var width: Double
    public var height: Double
    /// A size; values below 160 × 120 (or not finite) are raised to that.
    public init(width: Double, height: Double) {
        self.width = width.isFinite ? max(160, width) : 720
        self.height = height.isFinite ? max(120, height) : 420
    }

    /// 720 × 420.
    public static let standard = ChartSize(width: 720, height: 420)
    /// The width of the ``ChartOptions/Layout/narrow`` layout.
    static let narrowWidth = 360.0

    /// The size a chart draws at: the options' size (or `natural`) for the wide layout; for the
    /// narrow one ``narrowWidth`` wide and 40 units taller, for the legend's extra rows.
    static func resolved(_ options: ChartOptions, natural: ChartSize) -> ChartSize {
        let size = options.size ?? natural
        return options.layout == .wide ? size : ChartSize(width: narrowWidth, height: size.height + 40)
    }
}

/// A document-unique-looking id: `chart-` + the title's letters and digits + a hash of the title.
func chartID(title: String) -> String {
    var slug = ""
    for c in title.lowercased().unicodeScalars.prefix(40) {
        if ("a"..."z").contains(c) || ("0"..."9").contains(c) { slug.unicodeScalars.append(c) } else if !slug.hasSuffix("-") { slug += "-" }
    }
    var hash: UInt32 = 2_166_136_261  // FNV-1a
    for byte in title.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
    return "chart-" + slug + (slug.hasSuffix("-") ? "" : "-") + String(hash, radix: 16)
}

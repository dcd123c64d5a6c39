/// The key of a chart: one swatch and name per series, in rows that wrap to the chart's width.
struct Legend {
    /// How a series looks, so that its swatch can look the same.
    enum Swatch {
        case line(colour: String, dash: String?)
        case area(colour: String, opacity: Double)
        case marker(colour: String)
    }

    struct Entry {
        let name: String
        let swatch: Swatch
    }

    let entries: [Entry]
    private let rowHeight = 20.0
    private let swatchWidth = 22.0

    init(_ entries: [Entry]) { self.entries = entries }

    /// Where each entry goes in rows of at most `width`, starting at (`x`, `y`) (the top of the first row).
    private func positions(x: Double, y: Double, width: Double) -> [(x: Double, y: Double)] {
        var result: [(x: Double, y: Double)] = []
        var (cx, cy) = (x, y)
        for entry in entries {
            let w = swatchWidth + 6 + Typography.width(name(entry, width: width))
            if cx > x && cx + w > x + width {
                cx = x
                cy += rowHeight
            }
            result.append((cx, cy))
            cx += w + 16
        }
        return result
    }

    /// The entry's name, shortened with an ellipsis to fit one row of `width`.
    private func name(_ entry: Entry, width: Double) -> String {
        Typography.truncated(entry.name, maxWidth: width - swatchWidth - 6)
    }

    /// The height the legend takes in rows of at most `width`.
    func height(width: Double) -> Double {
        guard let last = positions(x: 0, y: 0, width: width).last else { return 0 }
        return last.y + rowHeight
    }

    /// Draws the legend in rows of at most `width` from (`x`, `y`).
    func draw(into markup: inout Markup, x: Double, y: Double, width: Double) {
        guard !entries.isEmpty else { return }
        let places = positions(x: x, y: y, width: width)
        markup.element("g", [("class", "legend")]) { g in
            for (entry, place) in zip(entries, places) {
                g.element("g", [("class", "legend-entry"), ("data-series", entry.name)]) { e in
                    drawSwatch(entry.swatch, into: &e, x: place.x, middle: place.y + rowHeight / 2)
                    e.element("text", [("x", coordinate(place.x + swatchWidth + 6)), ("y", coordinate(place.y + rowHeight / 2)),
                                       ("dominant-baseline", "central"), ("font-size", coordinate(Typography.label)),
                                       ("fill", Palette.ink)], text: name(entry, width: width))
                }
            }
        }
    }

    private func drawSwatch(_ swatch: Swatch, into markup: inout Markup, x: Double, middle: Double) {
        switch swatch {
        case let .line(colour, dash):
            var attributes: [Markup.Attribute] = [("x1", coordinate(x)), ("x2", coordinate(x + swatchWidth)), ("y1", coordinate(middle)),
                                                  ("y2", coordinate(middle)), ("stroke", colour), ("stroke-width", "2.5")]
            if let dash { attributes.append(("stroke-dasharray", dash)) }
            markup.leaf("line", attributes)
        case let .area(colour, opacity):
            markup.leaf("rect", [("x", coordinate(x)), ("y", coordinate(middle - 6)), ("width", coordinate(swatchWidth)), ("height", "12"),
                                 ("fill", colour), ("fill-opacity", coordinate(opacity))])
        case let .marker(colour):
            markup.leaf("rect", [("x", coordinate(x + swatchWidth / 2 - 1.5)), ("y", coordinate(middle - 7)), ("width", "3"), ("height", "14"),
                                 ("fill", colour)])
        }
    }
}

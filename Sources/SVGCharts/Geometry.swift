import Foundation

/// A rectangle in SVG user units (y grows downwards).
struct Rect {
    var x: Double, y: Double, width: Double, height: Double
    var maxX: Double { x + width }
    var maxY: Double { y + height }
}

/// Font sizes (px at the chart's natural size) and text measurement.
enum Typography {
    static let title = 15.0
    static let label = 12.0
    static let small = 11.0
    static let fontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif"

    /// An estimate of the width of `text` at `size` px: 0.6 em per character, DejaVu Sans' average.
    static func width(_ text: String, size: Double = label) -> Double { Double(text.count) * size * 0.6 }

    /// `text` shortened with an ellipsis to at most `maxWidth` at `size` px.
    static func truncated(_ text: String, maxWidth: Double, size: Double = label) -> String {
        let fits = max(1, Int(maxWidth / (size * 0.6)))
        return text.count <= fits ? text : String(text.prefix(max(1, fits - 1))) + "…"
    }
}

/// A coordinate written with at most two decimals (`12.5`, `300`).
func coordinate(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let text = String(format: "%.2f", value)
    var trimmed = Substring(text)
    while trimmed.hasSuffix("0") { trimmed = trimmed.dropLast() }
    if trimmed.hasSuffix(".") { trimmed = trimmed.dropLast() }
    return trimmed == "-0" ? "0" : String(trimmed)
}

/// Maps a data interval linearly onto a pixel interval; a zero-width interval maps to its middle.
struct LinearMap {
    let domain: (Double, Double)
    let range: (Double, Double)

    func callAsFunction(_ value: Double) -> Double {
        let width = domain.1 - domain.0
        guard width != 0, width.isFinite else { return (range.0 + range.1) / 2 }
        return range.0 + (value - domain.0) / width * (range.1 - range.0)
    }
}

import Foundation

/// Colours of the charts: Okabe and Ito's palette for colour-vision deficiencies ("Color
/// Universal Design", 2008), reordered so that the first colours contrast most with white, and
/// darkened where the original fails WCAG 2.1 AA on white: every series colour is also drawn as
/// text (bar labels, the target label) and as thin lines that carry meaning, so each has a
/// contrast of at least 4.5:1 with the white background (1.4.3; 3:1 would do for graphical
/// objects alone, 1.4.11). The original yellow (1.3:1) became a dark olive yellow. The contrast
/// is computed by ``contrast(_:_:)`` and checked by the tests (ColourContrastTests).
public enum Palette {
    /// One colour with the text colour that reads on it.
    public struct Colour: Sendable, Equatable {
        /// `#RRGGBB`.
        public let hex: String
        /// Black or white, whichever contrasts more with ``hex``.
        public let text: String

        /// `hex` with the text colour chosen by contrast: black or white, whichever is higher.
        public init(hex: String) {
            self.hex = hex
            self.text = Palette.contrast(hex, "#000000") > Palette.contrast(hex, "#FFFFFF") ? "#000000" : "#FFFFFF"
        }
    }

    /// Blue, orange, bluish green, vermillion, reddish purple, sky blue, yellow, black; all but
    /// blue and black darkened from Okabe–Ito (orange #E69F00, bluish green #009E73, vermillion
    /// #D55E00, reddish purple #CC79A7, sky blue #56B4E9, yellow #F0E442) to reach 4.5:1 on white.
    public static let series: [Colour] = [
        Colour(hex: "#0072B2"), Colour(hex: "#A65E00"),
        Colour(hex: "#007A5A"), Colour(hex: "#C43C00"),
        Colour(hex: "#A8447E"), Colour(hex: "#2C79A3"),
        Colour(hex: "#7A6A00"), Colour(hex: "#000000"),
    ]

    /// The colour of the `index`-th series (repeating after eight).
    public static func colour(_ index: Int) -> Colour { series[((index % series.count) + series.count) % series.count] }

    /// The charts' background.
    public static let background = "#FFFFFF"
    /// Ink for text, axes and observed data.
    public static let ink = "#1A1A1A"
    /// Tick labels and secondary text.
    public static let mutedInk = "#4D4D4D"
    /// Grid lines (decorative: no contrast requirement).
    public static let grid = "#E0E0E0"

    /// WCAG 2.1 relative luminance of `#RRGGBB` (or `RRGGBB`), 0 (black) to 1 (white): the
    /// sRGB channels linearised (c / 12.92 up to 0.04045, else ((c + 0.055) / 1.055)^2.4) and
    /// weighted 0.2126 R + 0.7152 G + 0.0722 B. Nil when `hex` is not six hexadecimal digits.
    public static func relativeLuminance(_ hex: String) -> Double? {
        let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        func linear(_ byte: UInt32) -> Double {
            let c = Double(byte) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(value >> 16 & 0xFF) + 0.7152 * linear(value >> 8 & 0xFF) + 0.0722 * linear(value & 0xFF)
    }

    /// WCAG 2.1 contrast ratio of two `#RRGGBB` colours, (L1 + 0.05) / (L2 + 0.05) with L1 the
    /// lighter: 1 (equal) to 21 (black on white). 1 when either is not a colour.
    public static func contrast(_ a: String, _ b: String) -> Double {
        guard let la = relativeLuminance(a), let lb = relativeLuminance(b) else { return 1 }
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }
}

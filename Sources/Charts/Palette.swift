/// Colours of the charts: Okabe and Ito's palette for colour-vision deficiencies ("Color
/// Universal Design", 2008), reordered so that the first colours contrast most with white.
public enum Palette {
    /// One colour with the text colour that reads on it.
    public struct Colour: Sendable, Equatable {
        /// `#RRGGBB`.
        public let hex: String
        /// Black or white, whichever contrasts more with ``hex``.
        public let text: String
    }

    /// Blue, orange, bluish green, vermillion, reddish purple, sky blue, yellow, black.
    public static let series: [Colour] = [
        Colour(hex: "#0072B2", text: "#FFFFFF"), Colour(hex: "#E69F00", text: "#000000"),
        Colour(hex: "#009E73", text: "#FFFFFF"), Colour(hex: "#D55E00", text: "#FFFFFF"),
        Colour(hex: "#CC79A7", text: "#000000"), Colour(hex: "#56B4E9", text: "#000000"),
        Colour(hex: "#F0E442", text: "#000000"), Colour(hex: "#000000", text: "#FFFFFF"),
    ]

    /// The colour of the `index`-th series (repeating after eight).
    public static func colour(_ index: Int) -> Colour { series[((index % series.count) + series.count) % series.count] }

    /// Ink for text, axes and observed data.
    static let ink = "#1A1A1A"
    /// Tick labels and secondary text.
    static let mutedInk = "#4D4D4D"
    /// Grid lines.
    static let grid = "#E0E0E0"
}

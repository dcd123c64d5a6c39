import SVGCharts
import Testing

@testable import Reports

/// WCAG 2.1 AA contrast of every colour the report draws text or meaningful lines in
/// (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio): 4.5:1 for text (1.4.3), 3:1 for graphical
/// objects (1.4.11). Grid lines are decorative and exempt.
@Suite("Colour contrast (WCAG 2.1 AA)")
struct ColourContrastTests {
    static let white = "#FFFFFF"

    /// The `#RRGGBB` values after `property:` in the style sheet (`color`, `background`, ...),
    /// each property name matched exactly (so `color` does not match `background-color`).
    static func cssColours(_ property: String) -> [String] {
        let regex = try! Regex("(?:^|[\\s;{])" + property + "\\s*:\\s*(#[0-9A-Fa-f]{6})")
        return HTMLStyle.css.matches(of: regex).compactMap { match in match.output[1].substring.map(String.init) }
    }

    // The formula itself, against published pairs.

    @Test func blackOnWhiteIs21() {
        #expect(abs(Palette.contrast("#000000", "#FFFFFF") - 21) < 1e-9)
        #expect(abs(Palette.contrast("#FFFFFF", "#000000") - 21) < 1e-9)
    }

    @Test func sameColourIs1() {
        #expect(abs(Palette.contrast("#767676", "#767676") - 1) < 1e-12)
    }

    @Test func grey767676OnWhiteIs4Point54() {
        // The lightest grey that passes 4.5:1 on white (WebAIM, W3C technique G18).
        #expect(abs(Palette.contrast("#767676", Self.white) - 4.54) < 0.005)
    }

    @Test func grey777777OnWhiteIs4Point48() {
        // One step lighter fails.
        #expect(abs(Palette.contrast("#777777", Self.white) - 4.48) < 0.005)
        #expect(Palette.contrast("#777777", Self.white) < 4.5)
    }

    @Test func luminanceEndsAndMalformedInput() {
        #expect(Palette.relativeLuminance("#000000") == 0)
        #expect(abs(Palette.relativeLuminance("FFFFFF")! - 1) < 1e-12)
        #expect(Palette.relativeLuminance("#FFF") == nil)
        #expect(Palette.relativeLuminance("#GGGGGG") == nil)
    }

    // The palette.

    @Test func chartBackgroundIsWhite() {
        #expect(Palette.background == Self.white)
    }

    @Test(arguments: Palette.series.indices)
    func seriesColourReadsOnWhite(_ index: Int) {
        let colour = Palette.series[index]
        let ratio = Palette.contrast(colour.hex, Self.white)
        // Graphical objects (bars, bands) need 3:1; the series colours are also the target
        // label, the fitted and what-if lines and bar labels outside the bars: text, 4.5:1.
        #expect(ratio >= 3, "series \(index) \(colour.hex): \(ratio) < 3 on white")
        #expect(ratio >= 4.5, "series \(index) \(colour.hex): \(ratio) < 4.5 on white")
    }

    @Test(arguments: Palette.series.indices)
    func textOnSeriesColourReads(_ index: Int) {
        let colour = Palette.series[index]
        let ratio = Palette.contrast(colour.text, colour.hex)
        #expect(ratio >= 4.5, "\(colour.text) on \(colour.hex): \(ratio) < 4.5")
        // The text colour is the better of black and white.
        let other = colour.text == "#000000" ? "#FFFFFF" : "#000000"
        #expect(ratio >= Palette.contrast(other, colour.hex))
    }

    @Test func seriesColoursAreDistinct() {
        #expect(Set(Palette.series.map(\.hex)).count == Palette.series.count)
    }

    @Test func inkAndMutedInkReadOnWhite() {
        #expect(Palette.contrast(Palette.ink, Self.white) >= 4.5)
        #expect(Palette.contrast(Palette.mutedInk, Self.white) >= 4.5)
    }

    // The style sheet.

    @Test func styleSheetHasTextColours() {
        #expect(!Self.cssColours("color").isEmpty)
        #expect(Self.cssColours("background").contains(Self.white))
    }

    @Test func everyCSSTextColourReadsOnEveryCSSBackground() {
        let backgrounds = Set(Self.cssColours("background") + [Self.white])
        for text in Set(Self.cssColours("color")) {
            for background in backgrounds {
                let ratio = Palette.contrast(text, background)
                #expect(ratio >= 4.5, "CSS text \(text) on \(background): \(ratio) < 4.5")
            }
        }
    }

    @Test func cssBordersThatMarkMeaningReachThreeToOne() {
        // The coloured left borders of cards and problem/warning boxes (1.4.11).
        for rule in ["border-left: 5px solid "] {
            let regex = try! Regex(rule + "(#[0-9A-Fa-f]{6})")
            let colours = HTMLStyle.css.matches(of: regex).compactMap { $0.output[1].substring.map(String.init) }
            #expect(!colours.isEmpty)
            for colour in colours {
                let ratio = Palette.contrast(colour, Self.white)
                #expect(ratio >= 3, "border \(colour): \(ratio) < 3 on white")
            }
        }
    }
}

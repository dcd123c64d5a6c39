import Testing

@testable import SVGCharts

@Suite("Markup")
struct MarkupTests {
    @Test func escapesTheFiveXMLCharacters() {
        #expect(Markup.escape(#"a & b < c > d "e" 'f'"#) == "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;")
    }

    @Test func dropsCharactersXMLForbids() {
        #expect(Markup.escape("a\u{0}b\u{1B}c\td\ne\u{FFFF}") == "abc\td\ne")
    }

    @Test func elementsAreClosedAndAttributesEscaped() {
        var m = Markup()
        m.element("g", [("class", "series"), ("data-series", "A \"B\" & C")]) { g in
            g.leaf("rect", [("width", "1")])
            g.element("text", text: "x<y")
        }
        #expect(m.text == #"<g class="series" data-series="A &quot;B&quot; &amp; C"><rect width="1"/><text>x&lt;y</text></g>"#)
    }
}

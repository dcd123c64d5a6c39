import Testing

@testable import SVGCharts

/// The fan chart does not draw what the data do not say: no negative counts, no plateau across
/// a gap in the statements, no line hidden under another; and it has a layout for phones.
@Suite("Honest fan charts")
struct HonestFanChartTests {
    private func render(_ chart: some Chart, sourceLocation: SourceLocation = #_sourceLocation) throws -> RenderedChart {
        try #require(RenderedChart(chart), "not well-formed XML:\n\(chart.svg())", sourceLocation: sourceLocation)
    }

    private func series(_ svg: RenderedChart, _ name: String) -> SVGNode? {
        svg.root.all("g", class: "series").first { $0.attributes["data-series"] == name }
    }

    @Test func linePointsBelowZeroAreLeftOutAndSaid() throws {
        let fitted = Series(name: "Fitted", x: [2016, 2017, 2018, 2019, 2020], y: [-40, -5, 10, 30, 60])
        let svg = try render(FanChart(title: "Provincial", observed: Series(name: "Observed", x: [2018, 2020], y: [12, 58]), lines: [fitted]))
        #expect(svg.tickLabels("y-axis").first == "0", "the axis does not go below zero")
        let path = try #require(series(svg, "Fitted")?.all("path").first?.attributes["d"])
        #expect(path.filter { $0 == "L" }.count == 2, "only the three points at or above zero are joined")
        #expect(svg.desc.contains("2 line points below zero not drawn"))
    }

    @Test func bandEdgesBelowZeroAreDrawnAtZero() throws {
        let band = Band(name: "95% band", x: [2020, 2021], lower: [-3, -1], upper: [4, 6])
        let svg = try render(FanChart(title: "Band", bands: [band]))
        #expect(svg.tickLabels("y-axis").first == "0")
    }

    @Test func statementsAreNotJoinedAcrossAGap() throws {
        let observed = Series(name: "Observed", x: [2010, 2011, 2016, 2017, 2018, 2019], y: [60, 60, 67, 69, 72, 72])
        let statements = try render(FanChart(title: "Statements", observed: observed, observedKind: .statements))
        let group = try #require(series(statements, "Observed"))
        #expect(group.all("path").count == 2, "2011 → 2016 is a gap: two runs of steps")
        #expect(group.all("circle").count == 6, "every statement is marked")
        let events = try render(FanChart(title: "Events", observed: observed, observedKind: .events))
        #expect(try #require(series(events, "Observed")).all("path").count == 1, "a complete record of events holds its count")
    }

    @Test func evenlySpacedStatementsAreOneRun() throws {
        let observed = Series(name: "Observed", x: [2014, 2016, 2018, 2020, 2022], y: [1, 4, 9, 14, 20])
        let svg = try render(FanChart(title: "Biennial", observed: observed, observedKind: .statements))
        #expect(try #require(series(svg, "Observed")).all("path").count == 1, "two-year spacing is the series' rhythm, not a gap")
    }

    @Test func coincidingLinesAreNamedAndStyledApart() throws {
        let x = [2025.0, 2026, 2027]
        let lines = [Series(name: "Mean", x: x, y: [30, 34, 38]), Series(name: "Halved", x: x, y: [30, 32, 33]),
                     Series(name: "Halved, later target", x: x, y: [30, 32, 33]), Series(name: "Capped", x: x, y: [30, 31, 31])]
        let svg = try render(FanChart(title: "What-ifs", lines: lines))
        #expect(svg.legendNames.contains("Halved, later target (same as Halved)"))
        let dashes = lines.map { series(svg, $0.name)?.all("path").first?.attributes["stroke-dasharray"] ?? "solid" }
        #expect(Set(dashes).count == lines.count, "every line has its own dash pattern: \(dashes)")
        let labels = svg.root.all("text", class: "line-label").map(\.allText)
        #expect(labels.count == 3, "the coinciding line shares its twin's label: \(labels)")
        #expect(labels.contains("Halved (+1 same)"))
        let ys = svg.root.all("text", class: "line-label").compactMap { $0.attributes["y"].flatMap(Double.init) }.sorted()
        #expect(zip(ys, ys.dropFirst()).allSatisfy { $1 - $0 >= Typography.small }, "labels do not overlap: \(ys)")
    }

    @Test(arguments: ChartSamples.all.indices)
    func narrowLayoutIsNarrowWithItsOwnIdAndLegibleText(index: Int) throws {
        let chart = ChartSamples.all[index]
        let wide = try render(chart), narrow = try render(chart.narrowLayout)
        #expect(narrow.root.attributes["viewBox"]?.hasPrefix("0 0 360 ") == true)
        #expect(narrow.root.attributes["class"] == "chart chart-narrow" && wide.root.attributes["class"] == "chart chart-wide")
        #expect(narrow.root.attributes["id"] == (wide.root.attributes["id"] ?? "") + "-narrow")
        #expect(narrow.title == chart.title && narrow.desc == chart.summary)
        let sizes = narrow.root.all("text").compactMap { $0.attributes["font-size"].flatMap(Double.init) }
        #expect(sizes.allSatisfy { $0 >= 11 }, "drawn at about its natural width, 11-unit text stays ≥ 11 px")
        // Nothing drawn past the right edge: legend names are shortened to the width.
        for text in narrow.root.all("text") where text.attributes["text-anchor"] == nil {
            let x = text.attributes["x"].flatMap(Double.init) ?? 0, size = text.attributes["font-size"].flatMap(Double.init) ?? 12
            #expect(x + Typography.width(text.allText, size: size) <= 360 + 1, "'\(text.allText)' runs past the edge")
        }
    }
}

import Testing

@testable import SVGCharts

@Suite("Chart rendering")
struct ChartRenderingTests {
    private func render(_ chart: some Chart, sourceLocation: SourceLocation = #_sourceLocation) throws -> RenderedChart {
        try #require(RenderedChart(chart), "not well-formed XML:\n\(chart.svg())", sourceLocation: sourceLocation)
    }

    @Test(arguments: ChartSamples.all.indices)
    func everyChartIsAnAccessibleSVGWithAxes(index: Int) throws {
        let chart = ChartSamples.all[index]
        let svg = try render(chart)
        let root = svg.root
        #expect(root.name == "svg")
        #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["viewBox"]?.hasPrefix("0 0 ") == true)
        let labelledBy = (root.attributes["aria-labelledby"] ?? "").split(separator: " ").map(String.init)
        let ids = Set(root.descendants.compactMap { $0.attributes["id"] })
        #expect(labelledBy.count == 2 && labelledBy.allSatisfy(ids.contains))
        #expect(svg.title == chart.title)
        #expect(svg.desc == chart.summary && svg.desc.count > chart.title.count + 20)
        #expect(svg.tickLabels("x-axis").count >= 2)
        #expect(svg.tickLabels("y-axis").count >= 2)
        #expect(svg.legendNames == svg.seriesNames.sorted { svg.legendNames.firstIndex(of: $0) ?? 0 < svg.legendNames.firstIndex(of: $1) ?? 0 })
        // Legible: no text smaller than 11 px at the natural size.
        let sizes = root.all("text").compactMap { $0.attributes["font-size"].flatMap(Double.init) }
        #expect(!sizes.isEmpty && sizes.allSatisfy { $0 >= 11 })
    }

    @Test func fanChartDrawsBandsLinesAndObservedStepsWithTargets() throws {
        let svg = try render(ChartSamples.fan)
        #expect(svg.seriesNames == ["95% band", "80% band", "Fitted mean", "What if approvals halve", "Observed"])
        #expect(Set(svg.legendNames) == Set(svg.seriesNames))
        #expect(svg.tickLabels("x-axis") == ["2018", "2020", "2022", "2024", "2026", "2028"])
        #expect(svg.tickLabels("y-axis") == ["0", "10", "20", "30", "40", "50", "60"])
        #expect(svg.axisTitle("x-axis") == "Year")
        #expect(svg.axisTitle("y-axis") == "National MICs")
        let groups = svg.root.all("g", class: "series")
        let opacity = { (i: Int) in groups[i].all("polygon").first?.attributes["fill-opacity"].flatMap(Double.init) ?? .nan }
        #expect(opacity(0) < opacity(1), "the wider band is lighter")
        let observedPath = groups[4].all("path").first?.attributes["d"] ?? ""
        #expect(observedPath.contains("H") && observedPath.contains("V"), "observed counts are steps")
        #expect(groups[3].all("path").first?.attributes["stroke-dasharray"] != nil, "what-if lines are dashed")
        #expect(svg.root.all("g", class: "target").first?.allText == "Target: 40")
        #expect(svg.root.all("g", class: "target-date").first?.allText == "End of 2025")
        // The key numbers: the last observation, values at the end and at the target date.
        #expect(svg.desc.contains("Observed: 5 values, the last 30 on 2024-08-07."))
        #expect(svg.desc.contains("Fitted mean: 43 on 2028-01-01."))
        #expect(svg.desc.contains("End of 2025 (2026-01-01): Fitted mean 38; What if approvals halve 34; 95% band 31 to 45; 80% band 34 to 42."))
        #expect(svg.desc.contains("Target: 40 (40)."))
    }

    @Test func groupedBarsHaveOneBarPerSeriesAndCategory() throws {
        let svg = try render(ChartSamples.bars)
        #expect(svg.seriesNames == ["China MICs", "Manufacturing USA", "Fraunhofer"])
        for group in svg.root.all("g", class: "series") { #expect(group.all("rect").count == 5) }
        #expect(svg.tickLabels("x-axis") == ChartSamples.methods)
        #expect(svg.tickLabels("y-axis") == ["-0.2", "0.0", "0.2", "0.4", "0.6", "0.8"])
        let labels = svg.root.all("text", class: "value-label")
        #expect(labels.map(\.allText).contains("0.72"))
        // The bars that reach the ends of the axis carry their labels inside, in the text colour of the bar.
        #expect(labels.first { $0.allText == "0.80" }?.attributes["fill"] == "#FFFFFF")
        #expect(labels.first { $0.allText == "-0.20" }?.attributes["fill"] == "#FFFFFF")
        #expect(svg.desc.contains("Highest in each group: WSM: Fraunhofer 0.72; WPM: Fraunhofer 0.8;"))
        // The negative bar hangs from zero: its top is the zero line, where the positive bars end.
        let rect = { (series: Int, bar: Int) in svg.root.all("g", class: "series")[series].all("rect")[bar] }
        let zeroLine = Double(rect(0, 0).attributes["y"] ?? "").map { $0 + (Double(rect(0, 0).attributes["height"] ?? "") ?? .nan) }
        #expect(Double(rect(0, 4).attributes["y"] ?? "") == zeroLine)
    }

    @Test func stackedBarsFillTheirShareAndLabelPercentages() throws {
        let svg = try render(ChartSamples.stacked)
        #expect(svg.seriesNames == ["Rank 1", "Rank 2", "Rank 3"])
        #expect(svg.tickLabels("y-axis") == ["Fraunhofer", "China MICs", "Manufacturing USA"])
        #expect(svg.tickLabels("x-axis") == ["0%", "20%", "40%", "60%", "80%", "100%"])
        let widths = svg.root.all("g", class: "series").map { $0.all("rect").map { Double($0.attributes["width"] ?? "") ?? .nan } }
        let total = (0..<3).map { bar in widths.reduce(0) { $0 + $1[bar] } }
        #expect(abs(total[0] - total[1]) < 0.05 && abs(total[1] - total[2]) < 0.05, "every bar sums to 1")
        #expect(abs(widths[0][0] / total[0] - 0.71) < 1e-3)
        let labels = svg.root.all("text", class: "value-label").map(\.allText)
        #expect(labels.contains("71%") && labels.contains("66%"))
        #expect(!labels.contains("1%"), "a label is left out where it does not fit")
        #expect(svg.desc.contains("Fraunhofer: Rank 1 71%, Rank 2 20%, Rank 3 9%."))
    }

    @Test func tornadoSortsByWidthAndMarksTheReference() throws {
        let svg = try render(ChartSamples.tornado)
        #expect(svg.seriesNames == ["Stable interval", "Current value"])
        #expect(svg.tickLabels("y-axis") == ["Members", "Centers", "Age", "Funding"])
        #expect(svg.tickLabels("x-axis") == ["0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6"])
        for group in svg.root.all("g", class: "series") { #expect(group.all("rect").count == 4) }
        #expect(svg.desc.contains("Age 0.1 to 0.3 (current value 0.2)"), "reversed ends are put in order")
    }

    @Test func textIsEscaped() throws {
        let name = #"A <b> & "C" 'D'"#
        let chart = GroupedBarChart(title: "Scores <&>", categories: ["x&y"], series: [BarSeries(name: name, values: [1])],
                                    options: ChartOptions(yTitle: "a<b"))
        let svg = try render(chart)
        #expect(svg.title == "Scores <&>")
        #expect(svg.seriesNames == [name])
        #expect(svg.tickLabels("x-axis") == ["x&y"])
        #expect(svg.axisTitle("y-axis") == "a<b")
    }

    private static let degenerate: [(String, any Chart)] = [
        ("empty fan", FanChart(title: "Empty")),
        ("non-finite fan", FanChart(title: "NaN", observed: Series(name: "Observed", x: [.nan, 2020, 2021], y: [1, .infinity, 3]),
                                   bands: [Band(name: "95%", x: [2020], lower: [.nan], upper: [1])], target: ReferenceLine(value: .nan, label: "T"))),
        ("single point fan", FanChart(title: "One", observed: Series(name: "Observed", x: [2020.5], y: [7]),
                                     lines: [Series(name: "Mean", x: [2021], y: [8])], bands: [Band(name: "95%", x: [2021], lower: [6], upper: [9])])),
        ("all zero fan", FanChart(title: "Zeros", observed: Series(name: "Observed", x: [2020, 2021, 2022], y: [0, 0, 0]))),
        ("empty bars", GroupedBarChart(title: "None", categories: [], series: [])),
        ("equal bars", GroupedBarChart(title: "Equal", categories: ["a", "b"], series: [BarSeries(name: "s", values: [3, 3, 9])])),
        ("non-finite bars", GroupedBarChart(title: "NaN", categories: ["a", "b"], series: [BarSeries(name: "s", values: [.nan, -.infinity])])),
        ("empty stacked", StackedBarChart(title: "None", segments: [], bars: [])),
        ("invalid stacked", StackedBarChart(title: "Bad", segments: ["r1", "r2"], bars: [BarSeries(name: "a", values: [-0.5, .nan]), BarSeries(name: "b", values: [])])),
        ("empty tornado", TornadoChart(title: "None", items: [])),
        ("non-finite tornado", TornadoChart(title: "Inf", items: [.init(label: "a", low: -.infinity, high: 1, reference: 0.5),
                                                                   .init(label: "b", low: 0.2, high: 0.2, reference: 0.2)])),
    ]

    @Test(arguments: degenerate.indices)
    func degenerateInputStillRenders(index: Int) throws {
        let (name, chart) = Self.degenerate[index]
        let svg = try render(chart)
        let numbers = svg.root.descendants.flatMap { $0.attributes.filter { !["id", "aria-labelledby"].contains($0.key) }.values }
            .joined(separator: " ").lowercased()
        #expect(!numbers.contains("nan") && !numbers.contains("inf"), "\(name): no non-finite coordinates")
        #expect(svg.tickLabels("y-axis").allSatisfy { !$0.contains("NaN") && !$0.contains("Inf") }, "\(name)")
    }

    @Test func missingDataIsSaidInTheDescriptionAndThePlot() throws {
        let empty = try render(FanChart(title: "Empty"))
        #expect(empty.desc == "Empty: no data.")
        #expect(empty.root.all("text", class: "no-data").count == 1)
        let nonFinite = try render(FanChart(title: "NaN", observed: Series(name: "Observed", x: [.nan, 2020, 2021], y: [1, .infinity, 3])))
        #expect(nonFinite.desc.hasSuffix("2 missing or invalid values were left out."))
        #expect(nonFinite.root.all("text", class: "no-data").isEmpty)
        let invalid = try render(StackedBarChart(title: "Bad", segments: ["r1", "r2"], bars: [BarSeries(name: "a", values: [-0.5, 0.5])]))
        #expect(invalid.desc.hasSuffix("1 missing or invalid value was left out."))
    }

    @Test func singleTimeGetsAYearAroundIt() throws {
        let svg = try render(FanChart(title: "One", observed: Series(name: "Observed", x: [2020.5], y: [7])))
        #expect(svg.tickLabels("x-axis") == ["2020-01", "2020-03", "2020-05", "2020-07", "2020-09", "2020-11", "2021-01"])
        #expect(svg.root.all("g", class: "series").first?.all("circle").count == 1)
    }

    @Test func idsDifferBetweenTitlesAndCanBeSet() {
        #expect(chartID(title: "Scores (a)") != chartID(title: "Scores (b)"))
        #expect(chartID(title: "Scores (a)").hasPrefix("chart-scores-a-"))
        var chart = ChartSamples.bars
        chart.options.id = "scores-1"
        #expect(chart.svg().contains(#"aria-labelledby="scores-1-title scores-1-desc""#))
    }
}

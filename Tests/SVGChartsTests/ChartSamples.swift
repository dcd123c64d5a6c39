@testable import SVGCharts

/// Charts with known data for the rendering tests.
enum ChartSamples {
    static let years: [Double] = [2024, 2025, 2026, 2027, 2028]

    /// Observed counts, a fitted mean and a what-if line, 80% and 95% bands, target 40 by the end of 2025.
    static let fan = FanChart(
        title: "China national MICs",
        observed: Series(name: "Observed", x: [2016.5, 2018.2, 2020.9, 2023.1, 2024.6], y: [1, 9, 17, 26, 30]),
        lines: [Series(name: "Fitted mean", x: years, y: [30, 34, 38, 41, 43]),
                Series(name: "What if approvals halve", x: years, y: [30, 32, 34, 36, 38])],
        bands: [Band(name: "95% band", x: years, lower: [28, 30, 31, 32, 33], upper: [32, 38, 45, 50, 54]),
                Band(name: "80% band", x: years, lower: [29, 32, 34, 36, 37], upper: [31, 36, 42, 46, 49])],
        target: ReferenceLine(value: 40, label: "Target: 40"),
        targetDate: ReferenceLine(value: 2026, label: "End of 2025"),
        options: ChartOptions(xTitle: "Year", yTitle: "National MICs"))

    static let methods = ["WSM", "WPM", "TOPSIS", "VIKOR", "PROMETHEE II"]

    /// Scores of three alternatives under five methods, one of them negative.
    static let bars = GroupedBarChart(
        title: "Scores by method", categories: methods,
        series: [BarSeries(name: "China MICs", values: [0.61, 0.55, 0.48, 0.3, -0.2]),
                 BarSeries(name: "Manufacturing USA", values: [0.42, 0.4, 0.39, 0.6, -0.1]),
                 BarSeries(name: "Fraunhofer", values: [0.72, 0.8, 0.75, 0.1, 0.3])],
        options: ChartOptions(xTitle: "Method", yTitle: "Score"))

    /// Rank acceptabilities of three alternatives (rows sum to 1).
    static let stacked = StackedBarChart(
        title: "Rank acceptability", segments: ["Rank 1", "Rank 2", "Rank 3"],
        bars: [BarSeries(name: "Fraunhofer", values: [0.71, 0.2, 0.09]), BarSeries(name: "China MICs", values: [0.25, 0.5, 0.25]),
               BarSeries(name: "Manufacturing USA", values: [0.01, 0.33, 0.66])],
        options: ChartOptions(xTitle: "Share of weight draws", valueFormat: .percent))

    /// Weight stability intervals of four criteria, given narrowest first.
    static let tornado = TornadoChart(
        title: "Weight stability",
        items: [.init(label: "Funding", low: 0.08, high: 0.12, reference: 0.1), .init(label: "Centers", low: 0.05, high: 0.42, reference: 0.15),
                .init(label: "Members", low: 0, high: 0.6, reference: 0.25), .init(label: "Age", low: 0.3, high: 0.1, reference: 0.2)],
        options: ChartOptions(xTitle: "Weight"))

    static let all: [any Chart] = [fan, bars, stacked, tornado]
}

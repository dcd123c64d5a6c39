import Datasets
import Foundation
import Testing

@testable import Forecasting

/// Locations in the package (never /work/shared) and small scenario texts for the tests.
enum Repo {
    /// The package root: three levels above this file.
    static let root = URL(fileURLWithPath: #filePath)
        .resolvingSymlinksInPath()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    static let data = root.appendingPathComponent("Data", isDirectory: true)
    static let fixtures = root.appendingPathComponent("Tests/ForecastingTests/Fixtures", isDirectory: true)
    static let scenarios = root.appendingPathComponent("Models/scenarios", isDirectory: true)

    /// A JSON fixture as a dictionary.
    static func fixture(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: fixtures.appendingPathComponent(name))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(name) is not a JSON object")
    }
}

/// Scenario texts on the repository's data, fast enough for debug builds.
enum Scenarios {
    /// The official China MIC counts with the given models and extra top-level YAML lines.
    static func china(models: [String], target: String = "{count: 40, by: 2025-12-31}", horizon: String = "2028-12-31",
                      draws: Int = 200, backtest: String = "{origins: [], draws: 50}", extra: String = "") -> String {
        """
        schema: 1
        name: test scenario
        series:
          file: official_center_counts.csv
          kind: cumulative
          program: China MICs
        models: [\(models.joined(separator: ", "))]
        target: \(target)
        horizon: \(horizon)
        uncertainty: {draws: \(draws), levels: [0.8, 0.95]}
        backtest: \(backtest)
        seed: 11
        \(extra)
        """
    }

    static func parse(_ text: String, source: String = "test.yaml") throws -> Scenario {
        try ScenarioLoader.parse(text, source: source, dataDirectory: Repo.data, dataDisplayPath: "Data")
    }
}

/// `a` and `b` agree to `relative` (relative to the larger magnitude).
func isClose(_ a: Double, _ b: Double, relative: Double) -> Bool {
    a == b || abs(a - b) <= relative * max(abs(a), abs(b))
}

/// Numbers from a JSON array.
func doubles(_ value: Any?) -> [Double] {
    (value as? [Any])?.compactMap { ($0 as? NSNumber)?.doubleValue } ?? []
}

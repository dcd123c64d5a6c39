import Foundation
import Testing

@testable import Forecasting

/// Every scenario in `Models/scenarios` loads and runs (with fewer draws) and its results are
/// coherent. The same checks on the rendered JSON are in ForesightCLITests/ForecastCommandTests.
@Suite("Shipped scenarios")
struct ShippedScenarioTests {
    static let files: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: Repo.scenarios.path)) ?? [])
        .filter { $0.hasSuffix(".yaml") }.sorted()

    /// The scenario's text with fewer simulation draws (100) and backtest draws (50).
    static func reduced(_ name: String) throws -> Scenario {
        var text = try String(contentsOf: Repo.scenarios.appendingPathComponent(name), encoding: .utf8)
        text = text.replacing(/uncertainty: \{(.*)draws: \d+/) { "uncertainty: {\($0.output.1)draws: 100" }
        text = text.replacing(/(backtest: \{.*)draws: \d+\}/) { "\($0.output.1)draws: 50}" }
        return try Scenarios.parse(text, source: "Models/scenarios/\(name)")
    }

    @Test func allSixAreFound() {
        #expect(Self.files.count >= 6, "\(Self.files)")
        #expect(Self.files.contains("china-mics-2025.yaml"))
    }

    @Test(arguments: files)
    func loadsInFull(name: String) throws {
        let full = try ScenarioLoader.load(contentsOf: Repo.scenarios.appendingPathComponent(name), dataDirectory: Repo.data)
        #expect(full.series.observationCount >= 4 && !full.models.isEmpty && full.draws >= 1000)
        if name == "china-mics-2025.yaml" { #expect(full.series.lastCount == 33) }
    }

    /// Runs in process for two scenarios (what-ifs; events with unknown dates); every shipped
    /// scenario runs through the command, JSON checked, in ForecastCommandTests.
    @Test(arguments: ["china-mics-halving-2024.yaml", "china-mics-named-2025.yaml"])
    func runsAndIsCoherent(name: String) throws {
        let full = try ScenarioLoader.load(contentsOf: Repo.scenarios.appendingPathComponent(name), dataDirectory: Repo.data)
        let scenario = try Self.reduced(name)
        #expect(scenario.draws == 100 && scenario.backtest.draws == 50, "the draws were not reduced in \(name)")
        #expect(scenario.models == full.models && scenario.backtest.origins == full.backtest.origins)
        let result = try ScenarioRunner(scenario: scenario, threads: 2).run()
        let last = Double(result.lastObserved.count)
        #expect(last == Double(scenario.series.lastCount))
        if name == "china-mics-2025.yaml" { #expect(result.lastObserved.count == 33) }

        let variants = [("baseline", result.projection + result.fan, result.target)]
            + result.whatIfs.map { ($0.whatIf.name, $0.projection + $0.fan, $0.target) }
        for (variant, points, target) in variants {
            #expect(!points.isEmpty)
            let removes = result.whatIfs.first { $0.whatIf.name == variant }?.whatIf.adjustments.contains { $0.count < 0 } ?? false
            for p in points {
                let where_ = "\(name) \(variant) \(p.label)"
                #expect(p.intervals.map(\.level) == scenario.levels, "\(where_)")
                for i in p.intervals { #expect(i.lower <= p.median && p.median <= i.upper, "\(where_): \(i) median \(p.median)") }
                for (inner, outer) in zip(p.intervals, p.intervals.dropFirst()) {
                    #expect(outer.lower <= inner.lower && inner.upper <= outer.upper, "\(where_): \(inner) not inside \(outer)")
                }
                if !removes {
                    #expect(p.mean >= last - 1e-9 && (p.intervals.first?.lower ?? 0) >= last - 1e-9 && (p.intervals.last?.lower ?? 0) >= last - 1e-9,
                            "\(where_): below the last observed count \(last)")
                }
                #expect(p.mean.isFinite && p.median.isFinite)
            }
            for value in [target.probability, target.notReachedProbability] { #expect((0...1).contains(value), "\(name) \(variant)") }
            #expect(target.expectedShortfall >= 0)
        }
        #expect(result.candidates.count == scenario.models.count)
        #expect(result.candidates.allSatisfy { (0...1).contains($0.weight) })
        #expect(abs(result.candidates.map(\.weight).reduce(0, +) - 1) < 1e-9)
        #expect(result.draws == 100)
        if !scenario.backtest.origins.isEmpty {
            #expect(!result.backtestPoints.isEmpty, "\(name): no backtest predictions")
        }
    }
}

import Foundation
import Probability
import Testing

@testable import Forecasting

/// The calibration study (``CalibrationStudy``): its synthetic data, its truth, its structure and
/// its independence of the thread count. The full study (200 replicates per truth with the China
/// method) runs through `foresight calibrate` in release; these are small, fast versions.
@Suite struct CalibrationTests {
    /// A cheap method (two count-process models, no backtests) so that a debug build runs a few
    /// dozen replicates in seconds.
    static func template() throws -> Scenario {
        try Scenarios.parse(Scenarios.china(models: ["nhpp-linear", "nhpp-logistic"], draws: 100, backtest: "{origins: [], draws: 50}"))
    }

    static let small = CalibrationStudy.Design(replicates: 5, draws: 100, seed: 7)

    @Test func studyHasEveryCellAndTheTruthCoversAtLeastNominal() throws {
        let study = CalibrationStudy.run(template: try Self.template(), design: Self.small, threads: 2)
        let truths = CalibrationTruth.standard.count
        #expect(study.failures == [Int](repeating: 0, count: truths))
        #expect(study.coverage.count == (truths + 1) * 4 * 2)
        #expect(study.scores.count == (truths + 1) * 4)
        #expect(study.targets.map(\.truth) == CalibrationTruth.standard.map(\.name))
        #expect(study.reliability.count == 10 && study.reliability.reduce(0) { $0 + $1.count } == truths * Self.small.replicates)
        for cell in study.coverage {
            #expect(cell.replicates == (cell.truth == CalibrationStudy.pooled ? truths : 1) * Self.small.replicates)
            // Integer ends: the exact coverage of the true central interval is at least its level.
            #expect(cell.trueExpectedCoverage >= cell.level, "\(cell.truth) \(cell.horizon) yr: \(cell.trueExpectedCoverage)")
            #expect(cell.trueCoverage >= cell.level - 3 * cell.standardError, "\(cell.truth) \(cell.horizon) yr \(cell.level): \(cell.trueCoverage)")
            #expect(cell.meanIntervalScore > 0 && cell.trueMeanIntervalScore > 0 && cell.meanIntervalScore.isFinite)
        }
        for score in study.scores { #expect(score.meanCRPS > 0 && score.trueMeanCRPS > 0 && score.meanCRPS.isFinite) }
        for target in study.targets {
            #expect(abs(target.climatologyBrier - target.baseRate * (1 - target.baseRate)) < 1e-15)
            #expect(target.brier >= 0 && target.brier <= 1 && target.trueBrier <= 1)
        }
    }

    /// Same seed, same study whatever the number of threads (compared as encoded JSON).
    @Test func threadIndependent() throws {
        let template = try Self.template()
        let design = CalibrationStudy.Design(replicates: 2, draws: 100, seed: 11)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let one = try encoder.encode(CalibrationStudy.run(template: template, design: design, threads: 1))
        let two = try encoder.encode(CalibrationStudy.run(template: template, design: design, threads: 2))
        #expect(one == two)
    }

    /// The synthetic data look like the China data and the truth's predictive distribution is
    /// calibrated on them: over 3,000 histories per truth, the true 80% and 95% intervals cover
    /// the continued path at least as often as nominal minus 3 binomial SE, and the mean count
    /// at the data end is `m(T)` within 4 SE.
    @Test func syntheticHistoriesAndTheTruthsPredictive() {
        let end = SyntheticHistory.dataEnd
        let future = [end + 1, end + 2, end + 5]
        for (t, truth) in CalibrationTruth.standard.enumerated() {
            let replicates = 3000
            var covered = [[Int]](repeating: [0, 0], count: future.count)
            var totalAtEnd = 0.0
            for r in 0..<replicates {
                var generator = SeededGenerator(seed: ProjectionEngine.streamSeed(99, t, r))
                let history = SyntheticHistory.draw(truth, statements: 10 + r % 7, future: future, generator: &generator)
                totalAtEnd += Double(history.countAtEnd)
                if r < 50 {
                    guard case .counts(let points) = history.series.observations else { Issue.record("not counts"); return }
                    #expect(points.count == 11 + r % 7)
                    #expect(points.first?.count == 0 && points.last?.label == "2025-12-31" && points.last?.count == history.countAtEnd)
                    #expect(history.series.end == end && points.allSatisfy { $0.span.end <= end && $0.span.start >= CalibrationTruth.start })
                    #expect(points.allSatisfy { $0.count <= history.countAtEnd })
                    #expect(zip(history.futureCounts, history.futureCounts.dropFirst()).allSatisfy { $0 <= $1 })
                }
                for (k, time) in future.enumerated() {
                    let truePredictive = PoissonPredictive(shift: history.countAtEnd, mean: truth.mean(at: time) - truth.mean(at: end))
                    for (j, level) in [0.8, 0.95].enumerated() {
                        let interval = truePredictive.interval(level: level)
                        let y = Double(history.futureCounts[k])
                        if interval.lower <= y && y <= interval.upper { covered[k][j] += 1 }
                    }
                }
            }
            let meanAtEnd = truth.mean(at: end)
            #expect(abs(totalAtEnd / Double(replicates) - meanAtEnd) <= 4 * (meanAtEnd / Double(replicates)).squareRoot(),
                    "\(truth.name): mean N(T) \(totalAtEnd / Double(replicates)) vs m(T) \(meanAtEnd)")
            #expect(meanAtEnd > 20 && meanAtEnd < 40, "\(truth.name): m(T) = \(meanAtEnd)")
            for k in future.indices {
                for (j, level) in [0.8, 0.95].enumerated() {
                    let share = Double(covered[k][j]) / Double(replicates)
                    let se = (level * (1 - level) / Double(replicates)).squareRoot()
                    #expect(share >= level - 3 * se, "\(truth.name) at \(future[k]) level \(level): \(share)")
                }
            }
        }
    }

    @Test func truthsMeanFunctions() {
        let start = CalibrationTruth.start
        for truth in CalibrationTruth.standard {
            #expect(truth.mean(at: start) == 0 && truth.mean(at: start - 1) == 0)
            #expect(truth.mean(at: 2031) > truth.mean(at: 2026))
        }
        let logistic = CalibrationTruth.standard[0]
        #expect(logistic.mean(at: 2026) >= 25 && logistic.mean(at: 2026) <= 33)
        #expect(logistic.mean(at: 1e6) < 40)
        #expect(abs(CalibrationTruth.standard[2].mean(at: 2026) - 35) < 1e-12)
        #expect(abs(CalibrationTruth.standard[3].mean(at: 2026) - (4.5 * 5 + 5.5 * 2.5)) < 1e-12)
    }
}

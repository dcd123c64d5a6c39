import Foundation
import Probability

/// How honest the forecasts are: a simulation study in which synthetic count processes with a
/// known truth are forecast exactly as a shipped scenario forecasts real data, and the forecasts
/// are judged against the outcomes and against the true predictive distribution.
///
/// ## Design
/// For each ``CalibrationTruth`` (a Poisson process with a known mean function `m`) and each of
/// `replicates` replicates:
/// 1. A ``SyntheticHistory``: 10–16 irregular cumulative statements with fuzzy dates (day,
///    month, year or mid-year precision) between 2016 and the data end `T` = end of 2025, and
///    the true counts at `T` and later.
/// 2. ``Scenario/synthetic(from:name:series:target:horizon:horizonLabel:draws:seed:)`` with the
///    template scenario's method (the China default scenario's model list, combination,
///    backtests), horizon `T + 5` years and the target ``targetCount(_:)`` by `T + 2` years, run by
///    ``ScenarioRunner`` on one thread.
/// 3. At `T + h` for each horizon `h` (1, 2, 3, 5 years): whether each level's interval of the
///    projection holds the true count, the interval score of each level and the CRPS of all
///    draws (``ProperScores``); for the target, the forecast probability and whether it was
///    reached.
///
/// The truth's own forecast is the true predictive distribution `N(T) + Poisson(m(t) − m(T))`
/// (``PoissonPredictive``), scored on the same outcomes: its central intervals have integer
/// ends, so they cover more often than their level (their exact coverage is reported beside the
/// observed share), and its CRPS and interval score are the best a forecaster can expect.
///
/// ## Figures
/// - Coverage: the share of replicates whose interval held the outcome; its binomial standard
///   error is taken at the nominal level `c`, `√(c(1−c)/R)`, so that `(share − c)/SE` tests the
///   nominal claim.
/// - Interval score and CRPS: means over replicates, the forecast's beside the truth's.
/// - Target: the Brier score of the forecast probability, of climatology (always forecasting
///   the truth's base rate `ō` over the replicates, `ō(1−ō)`) and of the true probability;
///   and a reliability table over all truths: probability bins with the mean forecast and the
///   observed frequency.
///
/// Every replicate has its own generator seeded from the study seed, the truth and the
/// replicate's index; replicates run in parallel and the result does not depend on the number of
/// threads. A replicate whose scenario has no usable model is counted as a failure and left out.
public struct CalibrationStudy: Sendable, Codable {
    /// What is simulated and how it is forecast.
    public struct Design: Sendable, Codable, Equatable {
        /// Replicates per truth.
        public var replicates: Int
        /// Projection draws per replicate (the template's backtest draws are kept).
        public var draws: Int
        public var seed: UInt64
        /// Years after the data end at which the projection is judged.
        public var horizons: [Int]
        /// The target's deadline, in years after the data end.
        public var targetYears: Int
        /// The fewest and most statements per replicate (the initial 0 not counted).
        public var statements: [Int]

        public init(replicates: Int, draws: Int, seed: UInt64, horizons: [Int] = [1, 2, 3, 5], targetYears: Int = 2,
                    statements: [Int] = [10, 16]) {
            self.replicates = replicates
            self.draws = draws
            self.seed = seed
            self.horizons = horizons
            self.targetYears = targetYears
            self.statements = statements
        }
    }

    /// The method that was judged: the template scenario.
    public struct Method: Sendable, Codable, Equatable {
        public let scenarioFile: String
        public let scenarioSHA256: String
        public let models: [String]
        public let combination: String
        public let backtestOrigins: [String]
        public let backtestDraws: Int
        public let levels: [Double]

        // `scenarioSha256` so that snake_case JSON (`scenario_sha256`) decodes back.
        enum CodingKeys: String, CodingKey {
            case scenarioFile, scenarioSHA256 = "scenarioSha256", models, combination, backtestOrigins, backtestDraws, levels
        }
    }

    /// One truth (or all of them, `truth` = ``pooled``) at one horizon and level.
    public struct CoverageCell: Sendable, Codable, Equatable {
        public let truth: String
        public let horizon: Int
        public let level: Double
        public let replicates: Int
        /// The share of replicates whose interval held the true count.
        public let coverage: Double
        /// `√(level·(1−level)/replicates)`.
        public let standardError: Double
        /// The share of replicates whose true predictive interval held the true count.
        public let trueCoverage: Double
        /// The mean exact coverage probability of the true predictive intervals.
        public let trueExpectedCoverage: Double
        public let meanIntervalScore: Double
        public let trueMeanIntervalScore: Double
    }

    /// The CRPS at one horizon.
    public struct ScoreCell: Sendable, Codable, Equatable {
        public let truth: String
        public let horizon: Int
        public let replicates: Int
        public let meanCRPS: Double
        public let trueMeanCRPS: Double

        // `meanCrps` so that snake_case JSON (`mean_crps`) decodes back.
        enum CodingKeys: String, CodingKey {
            case truth, horizon, replicates, meanCRPS = "meanCrps", trueMeanCRPS = "trueMeanCrps"
        }
    }

    /// The target question of one truth.
    public struct TargetCell: Sendable, Codable, Equatable {
        public let truth: String
        public let count: Int
        public let deadline: String
        public let replicates: Int
        /// The share of replicates that reached the target.
        public let baseRate: Double
        public let meanProbability: Double
        public let brier: Double
        /// `baseRate · (1 − baseRate)`: the Brier score of always forecasting the base rate.
        public let climatologyBrier: Double
        /// The Brier score of the true probability given the data.
        public let trueBrier: Double
    }

    /// A bin `[lower, upper)` of forecast probabilities (the last bin includes 1).
    public struct ReliabilityBin: Sendable, Codable, Equatable {
        public let lower: Double
        public let upper: Double
        public let count: Int
        /// The mean forecast probability in the bin; `nil` when empty.
        public let meanForecast: Double?
        /// The share of the bin's replicates that reached the target; `nil` when empty.
        public let observedFrequency: Double?
    }

    /// The `truth` name of rows over all truths.
    public static let pooled = "all"

    public let design: Design
    public let method: Method
    public let truths: [CalibrationTruth]
    /// Failed replicates per truth, in ``truths`` order.
    public let failures: [Int]
    public let coverage: [CoverageCell]
    public let scores: [ScoreCell]
    public let targets: [TargetCell]
    public let reliability: [ReliabilityBin]

    /// The target of a truth: the median of its count at the deadline, `Poisson(m(deadline))`,
    /// so that about half of the replicates reach it.
    public static func targetCount(_ truth: CalibrationTruth, deadline: Double) -> Int {
        Int(PoissonPredictive(shift: 0, mean: truth.mean(at: deadline)).quantile(0.5))
    }

    /// Runs the study.
    /// - Parameters:
    ///   - template: the scenario whose method is judged (its series, target and what-ifs are
    ///     replaced).
    ///   - truths: the truth processes.
    ///   - threads: worker threads (replicates run in parallel; the result does not depend on it).
    public static func run(template: Scenario, design: Design, truths: [CalibrationTruth] = CalibrationTruth.standard,
                           threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                           progress: (@Sendable (Int) -> Void)? = nil) -> CalibrationStudy {
        let outcomes = replicates(Array(0..<(truths.count * design.replicates)), template: template, design: design, truths: truths,
                                  threads: threads, progress: progress)
        return summarize(design: design, method: method(of: template), truths: truths, outcomes: outcomes)
    }

    /// The method of `template`, as the study records it.
    static func method(of template: Scenario) -> Method {
        Method(scenarioFile: template.file, scenarioSHA256: template.sha256, models: template.models,
               combination: template.combination.rawValue, backtestOrigins: template.backtest.originLabels,
               backtestDraws: template.backtest.draws, levels: template.levels)
    }

    /// The replicates at `positions` (truth-major: position `p` is replicate `p mod R` of truth
    /// `p / R`), in parallel, in the order of `positions`; `nil` for a failed one.
    static func replicates(_ positions: [Int], template: Scenario, design: Design, truths: [CalibrationTruth], threads: Int,
                           progress: (@Sendable (Int) -> Void)?) -> [Replicate?] {
        parallelChunks(count: positions.count, threads: threads) { range in
            range.map { k -> Replicate? in
                let i = positions[k]
                let outcome = replicate(truths[i / design.replicates], truthIndex: i / design.replicates, index: i % design.replicates,
                                        template: template, design: design)
                progress?(i)
                return outcome
            }
        }.flatMap { $0 }
    }

    /// The figures of the study from every replicate's outcome, in position order (see
    /// ``replicates(_:template:design:truths:threads:progress:)``).
    static func summarize(design: Design, method: Method, truths: [CalibrationTruth], outcomes: [Replicate?]) -> CalibrationStudy {
        let byTruth = truths.indices.map { t in outcomes[(t * design.replicates)..<((t + 1) * design.replicates)].compactMap { $0 } }
        let groups = zip(truths.map(\.name), byTruth).map { ($0, $1) } + [(pooled, byTruth.flatMap { $0 })]
        let levels = method.levels
        var coverage: [CoverageCell] = []
        var scores: [ScoreCell] = []
        for (name, replicates) in groups {
            let n = Double(max(replicates.count, 1))
            for (h, horizon) in design.horizons.enumerated() {
                let judged = replicates.map { $0.horizons[h] }
                for (k, level) in levels.enumerated() {
                    func mean(_ value: (Judgement) -> Double) -> Double { judged.reduce(0) { $0 + value($1) } / n }
                    coverage.append(CoverageCell(
                        truth: name, horizon: horizon, level: level, replicates: replicates.count,
                        coverage: mean { $0.covered[k] ? 1 : 0 }, standardError: (level * (1 - level) / n).squareRoot(),
                        trueCoverage: mean { $0.trueCovered[k] ? 1 : 0 }, trueExpectedCoverage: mean { $0.trueCoverage[k] },
                        meanIntervalScore: mean { $0.intervalScore[k] }, trueMeanIntervalScore: mean { $0.trueIntervalScore[k] }))
                }
                scores.append(ScoreCell(truth: name, horizon: horizon, replicates: replicates.count,
                                        meanCRPS: judged.reduce(0) { $0 + $1.crps } / n, trueMeanCRPS: judged.reduce(0) { $0 + $1.trueCRPS } / n))
            }
        }
        let deadline = SyntheticHistory.dataEnd + Double(design.targetYears)
        let targets = zip(truths, byTruth).map { truth, replicates in
            targetCell(truth.name, count: targetCount(truth, deadline: deadline), deadline: DecimalYear.deadlineText(deadline),
                       replicates.map(\.target))
        }
        return CalibrationStudy(
            design: design, method: method, truths: truths, failures: byTruth.map { design.replicates - $0.count }, coverage: coverage, scores: scores,
            targets: targets, reliability: reliabilityTable(byTruth.flatMap { $0.map(\.target) }))
    }

    // MARK: One replicate

    /// The projection at one horizon judged against the outcome, beside the truth's.
    struct Judgement: Sendable, Codable, Equatable {
        /// Per level.
        var covered: [Bool]
        var trueCovered: [Bool]
        var trueCoverage: [Double]
        var intervalScore: [Double]
        var trueIntervalScore: [Double]
        var crps: Double
        var trueCRPS: Double
    }

    /// The target question of one replicate.
    struct TargetOutcome: Sendable, Codable, Equatable {
        var probability: Double
        var trueProbability: Double
        var happened: Bool
    }

    /// One replicate's judgements, as a calibration shard records them (``CalibrationShard``).
    public struct Replicate: Sendable, Codable, Equatable {
        /// Per horizon.
        var horizons: [Judgement]
        var target: TargetOutcome
    }

    /// One replicate; `nil` when its scenario has no usable model.
    static func replicate(_ truth: CalibrationTruth, truthIndex: Int, index: Int, template: Scenario, design: Design) -> Replicate? {
        var generator = SeededGenerator(seed: ProjectionEngine.streamSeed(design.seed, truthIndex, index))
        let fewest = design.statements.min() ?? 10
        let most = max(fewest, design.statements.max() ?? 16)
        let statements = fewest + Int(generator.next() % UInt64(most - fewest + 1))
        let end = SyntheticHistory.dataEnd
        let horizonTimes = design.horizons.map { end + Double($0) }
        let deadline = end + Double(design.targetYears)
        let future = Array(Set(horizonTimes + [deadline])).sorted()
        let history = SyntheticHistory.draw(truth, statements: statements, future: future, generator: &generator)
        let outcome = { (time: Double) in history.futureCounts[future.firstIndex(of: time) ?? 0] }
        let truePredictive = { (time: Double) in
            PoissonPredictive(shift: history.countAtEnd, mean: max(0, truth.mean(at: time) - truth.mean(at: end)))
        }

        let horizon = horizonTimes.max() ?? end + 1
        let target = Target(count: targetCount(truth, deadline: deadline), by: deadline, label: DecimalYear.deadlineText(deadline))
        let scenario = Scenario.synthetic(from: template, name: "\(truth.name), replicate \(index + 1)", series: history.series,
                                          target: target, horizon: horizon, horizonLabel: DecimalYear.deadlineText(horizon),
                                          draws: design.draws, seed: ProjectionEngine.streamSeed(design.seed, 1000 + truthIndex, index))
        guard let result = try? ScenarioRunner(scenario: scenario, threads: 1).run() else { return nil }

        var judgements: [Judgement] = []
        for time in horizonTimes {
            guard let point = result.projection.first(where: { abs($0.time - time) < 1e-9 }) else { return nil }
            let y = Double(outcome(time))
            let truth = truePredictive(time)
            var judgement = Judgement(covered: [], trueCovered: [], trueCoverage: [], intervalScore: [], trueIntervalScore: [],
                                      crps: ProperScores.crps(point.sample, observation: y), trueCRPS: truth.crps(observation: y))
            for level in template.levels {
                guard let interval = point.intervals.first(where: { abs($0.level - level) < 1e-12 }) else { return nil }
                let exact = truth.interval(level: level)
                judgement.covered.append(interval.lower <= y && y <= interval.upper)
                judgement.trueCovered.append(exact.lower <= y && y <= exact.upper)
                judgement.trueCoverage.append(truth.coverage(of: exact))
                judgement.intervalScore.append(ProperScores.intervalScore(lower: interval.lower, upper: interval.upper, level: level, observation: y))
                judgement.trueIntervalScore.append(ProperScores.intervalScore(lower: exact.lower, upper: exact.upper, level: level, observation: y))
            }
            judgements.append(judgement)
        }
        let reached = outcome(deadline) >= target.count
        return Replicate(horizons: judgements,
                         target: TargetOutcome(probability: result.target.probability,
                                               trueProbability: truePredictive(deadline).probability(atLeast: target.count), happened: reached))
    }

    // MARK: Summaries

    static func targetCell(_ name: String, count: Int, deadline: String, _ outcomes: [TargetOutcome]) -> TargetCell {
        let n = Double(max(outcomes.count, 1))
        let base = Double(outcomes.filter(\.happened).count) / n
        return TargetCell(truth: name, count: count, deadline: deadline, replicates: outcomes.count, baseRate: base,
                          meanProbability: outcomes.reduce(0) { $0 + $1.probability } / n,
                          brier: outcomes.reduce(0) { $0 + ProperScores.brier(probability: $1.probability, happened: $1.happened) } / n,
                          climatologyBrier: base * (1 - base),
                          trueBrier: outcomes.reduce(0) { $0 + ProperScores.brier(probability: $1.trueProbability, happened: $1.happened) } / n)
    }

    /// Ten bins of width 0.1 (the last holds 1).
    static func reliabilityTable(_ outcomes: [TargetOutcome], bins: Int = 10) -> [ReliabilityBin] {
        (0..<bins).map { b in
            let lower = Double(b) / Double(bins), upper = Double(b + 1) / Double(bins)
            let inBin = outcomes.filter { $0.probability >= lower && ($0.probability < upper || (b == bins - 1 && $0.probability <= 1)) }
            let n = Double(inBin.count)
            return ReliabilityBin(lower: lower, upper: upper, count: inBin.count,
                                  meanForecast: inBin.isEmpty ? nil : inBin.reduce(0) { $0 + $1.probability } / n,
                                  observedFrequency: inBin.isEmpty ? nil : Double(inBin.filter(\.happened).count) / n)
        }
    }
}

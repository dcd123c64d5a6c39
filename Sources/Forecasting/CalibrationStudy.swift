import CurveFitting
import Foundation
import Probability

/// A simulation study of the prediction intervals: synthetic count processes with a known truth
/// are fitted and projected exactly as a scenario is, and the share of intervals that contain
/// the true future count is compared with the nominal level.
///
/// ## Design
/// The truth is a Poisson process whose mean function is logistic, `Asym = 60`, `xmid = 2020`,
/// `scal = 2` (arrivals from 2012 on: about 59 by the end of 2030). Each replicate observes the
/// cumulative count at the end of each year 2012–2021 (10 statements, exact dates), fits the
/// `nhpp-logistic` model by maximum likelihood, and projects the count at the end of 2024 with
/// the scenario machinery (``ProjectionEngine``: parametric bootstrap and Poisson arrivals). The
/// true count at the end of 2024 continues the replicate's own path. Coverage is the share of
/// replicates whose interval contains it; with `R` replicates its standard error is
/// `√(c(1−c)/R)`.
public struct CalibrationStudy: Sendable {
    public struct Coverage: Sendable {
        public let level: Double
        /// The share of replicates whose interval contained the true count.
        public let share: Double
        /// `√(level·(1−level)/replicates)`: the binomial standard error at the nominal level.
        public let standardError: Double
    }

    public let replicates: Int
    public let draws: Int
    public let levels: [Double]
    public let seed: UInt64
    /// Replicates whose fit failed (left out of the coverage).
    public let failures: Int
    public let coverage: [Coverage]

    /// The truth: logistic mean function (`Asym`, `xmid`, `scal`), observation years and the
    /// projected year end.
    public static let truth = (asym: 60.0, xmid: 2020.0, scal: 2.0)
    public static let observedYears = Array(2012...2021)
    public static let projectedYear = 2024

    /// Runs the study.
    /// - Parameters:
    ///   - replicates: synthetic series (each an independent process).
    ///   - draws: bootstrap draws per replicate.
    ///   - levels: interval levels.
    ///   - threads: worker threads (replicates run in parallel; the result does not depend on it).
    public static func run(replicates: Int = 400, draws: Int = 400, levels: [Double] = [0.8, 0.95], seed: UInt64 = 2025,
                           threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> CalibrationStudy {
        let outcomes = parallelChunks(count: replicates, threads: threads) { range in
            range.map { replicate(index: $0, draws: draws, levels: levels, seed: seed) }
        }.flatMap { $0 }
        let usable = outcomes.compactMap { $0 }
        let n = Double(max(usable.count, 1))
        let coverage = levels.enumerated().map { k, level in
            Coverage(level: level, share: Double(usable.filter { $0[k] }.count) / n,
                     standardError: (level * (1 - level) / n).squareRoot())
        }
        return CalibrationStudy(replicates: replicates, draws: draws, levels: levels, seed: seed,
                                failures: outcomes.count - usable.count, coverage: coverage)
    }

    /// One replicate: whether each level's interval covers the truth; `nil` when the fit fails.
    private static func replicate(index: Int, draws: Int, levels: [Double], seed: UInt64) -> [Bool]? {
        var generator = SeededGenerator(seed: ProjectionEngine.streamSeed(seed, -1, index))
        let model = LogisticGrowth()
        let truthParameters = [truth.asym, truth.xmid, truth.scal]
        let times = (observedYears + [projectedYear]).map { Double($0 + 1) }  // the end of each year
        let predictors = Predictors([2012.0] + times)
        let means = (0..<predictors.count).map { model.value(row: $0, of: predictors, parameters: truthParameters) }
        let increments = times.indices.map { k in (try? generator.nextPoisson(mean: means[k + 1] - means[k])) ?? 0 }
        let series = CountSeries.yearly(increments: Array(increments.dropLast()), from: observedYears[0])
        guard let forecastModel = try? ForecastModel.named("nhpp-logistic", origin: 2012),
              let fit = ModelFitting.fit(forecastModel, to: series.realized()).fit else { return nil }
        let horizon = times[times.count - 1]
        let engine = ProjectionEngine(series: series, grid: [horizon],
                                      variants: [(WhatIf.baseline, Target(count: Int.max / 4, by: horizon, label: ""))],
                                      seed: ProjectionEngine.streamSeed(seed, -2, index), threads: 1)
        let paths = engine.run([ProjectionEngine.Member(fit: fit, draws: draws, index: 0)]).paths[0]
        let sorted = paths.sortedCounts(at: 0, width: 1)
        let actual = Double(increments.reduce(0, +))
        return Quantile.intervals(sorted: sorted, levels: levels).map { actual >= $0.lower && actual <= $0.upper }
    }
}

import Testing
@testable import Forecasting

/// The prediction intervals cover the truth about as often as they claim, on synthetic count
/// processes with a known mean function (see ``CalibrationStudy``).
@Suite struct CalibrationTests {
    /// With `R` replicates the observed coverage has binomial standard error `√(c(1−c)/R)` at the
    /// nominal level `c`. The band is ±3.5 standard errors (a false alarm once in about 2,000
    /// seeds); counts are discrete, so intervals with integer endpoints cover at least their
    /// level, and a small excess is expected. 150 replicates × 150 draws keep the test short.
    @Test func nominalIntervalsCoverCloseToNominal() {
        let replicates = 150
        let study = CalibrationStudy.run(replicates: replicates, draws: 150, levels: [0.8, 0.95], seed: 2025, threads: 2)
        #expect(study.failures <= replicates / 20, "too many failed fits: \(study.failures)")
        #expect(study.coverage.count == 2)
        for coverage in study.coverage {
            let band = 3.5 * coverage.standardError
            print("calibration: nominal \(coverage.level) coverage \(coverage.share) ± \(coverage.standardError)")
            #expect(abs(coverage.share - coverage.level) <= band,
                    "coverage \(coverage.share) at nominal \(coverage.level) is outside ±\(band)")
        }
        // Nested: the wider interval covers at least as often.
        #expect(study.coverage[1].share >= study.coverage[0].share)
    }

    /// The study does not depend on the number of threads.
    @Test func threadIndependent() {
        let one = CalibrationStudy.run(replicates: 12, draws: 100, seed: 7, threads: 1)
        let two = CalibrationStudy.run(replicates: 12, draws: 100, seed: 7, threads: 2)
        #expect(one.coverage.map(\.share) == two.coverage.map(\.share))
        #expect(one.failures == two.failures)
    }
}

import Forecasting
import Foundation
import Synthetic

/// `bench forecast`: the bootstrap projection of a count process (`nhpp-logistic` fitted by
/// maximum likelihood, then refitted to date-free parametric bootstrap samples and simulated
/// forward with Poisson arrivals, as `foresight forecast` does for one candidate), a sweep over
/// the number of draws × worker threads, in draws/s. The series is the first of a synthetic
/// count set (`foresight synth counts`): yearly counts over 20 periods, projected 5 years ahead.
/// With `--data`, the file's first series.
struct ForecastBench: BenchSuite {
    static let name = "forecast"
    static let summary = "bootstrap projection of a Poisson-process forecast (draws/s) over 10^3..10^5 draws and threads"

    func run(_ context: BenchContext) throws -> [BenchMeasurement] {
        let source: SyntheticCountSeries
        switch context.dataset {
        case nil: source = try SyntheticCountSeries(CountSeriesSpec(series: 1, periods: 20, seed: context.seed))
        case .counts(let counts)?: source = counts
        default: throw unsuitableData(Self.name, needs: "count-series")
        }
        let series = Self.series(source)
        let horizon = (1...5).map { series.end + Double($0) }
        let drawCounts = context.size.pick(small: [1000, 5000], medium: [1000, 5000, 20000], large: [1000, 10000, 100_000])
        var results: [BenchMeasurement] = []
        for draws in drawCounts {
            for threads in context.threadCounts {
                results.append(try context.measure(.init(
                    benchmark: "bootstrap.nhpp_logistic", work: draws, workUnit: "draws (\(source.spec.periods) periods)", threads: threads,
                    operations: Double(draws), throughputUnit: "draws/s") {
                        _ = try Projection.bootstrap(series, model: "nhpp-logistic", times: horizon, draws: draws, seed: context.seed,
                                                     threads: threads)
                    }))
            }
        }
        return results
    }

    /// The first series as cumulative counts at the end of each period (years 2001…, exact dates).
    static func series(_ source: SyntheticCountSeries) -> CountSeries {
        CountSeries.yearly(increments: source.counts.prefix(source.spec.periods).map { Int($0) }, from: 2000)
    }
}

// Forecasting: the bootstrap projection of one count-process model (nhpp-logistic fitted by
// maximum likelihood, refitted to parametric bootstrap samples, Poisson arrivals simulated five
// years ahead) with 1,000 draws on 1 thread, on the first series of
// `foresight synth counts --series 1 --points 20 --seed 1` (yearly counts 2001-2020).
import Benchmark
import Forecasting
import Synthetic

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1, maxDuration: .seconds(3), maxIterations: 100,
        thresholds: [.mallocCountTotal: .init(relative: [.p90: 5.0], absolute: [.p90: 5])])

    let source = try! SyntheticCountSeries(CountSeriesSpec(series: 1, periods: 20, seed: 1))
    let series = CountSeries.yearly(increments: source.counts.map { Int($0) }, from: 2000)
    let horizon = (1...5).map { 2020 + Double($0) }

    Benchmark("Forecast.bootstrap.nhppLogistic.draws1000") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Projection.bootstrap(series, model: "nhpp-logistic", times: horizon, draws: 1000, seed: 1, threads: 1))
        }
    }
    Benchmark("Forecast.fit.nhppLogistic") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Projection.bootstrap(series, model: "nhpp-logistic", times: horizon, draws: 1, seed: 1, threads: 1).fit)
        }
    }
}

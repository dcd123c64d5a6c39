// Curve fitting: one logistic fit of 20 points (CurveFitter.fit: LAPACK SVD steps, covariance,
// inference), one Levenberg–Marquardt iteration of it, and BatchFitter.fit over 10,000 series
// (1 thread), on the synthetic series of `foresight synth logistic` (seed 20250101).
import Benchmark
import CurveFitting
import Synthetic

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1, maxDuration: .seconds(3), maxIterations: 10000,
        thresholds: [.mallocCountTotal: .init(relative: [.p90: 5.0])])

    let set = try! GrowthSeriesSet(GrowthSeriesSpec(curve: .logistic, series: 10000, seed: 20250101))
    let (n, p) = (set.spec.points, 3)
    let problem = try! FitProblem(model: LogisticGrowth(), predictors: Predictors(set.grid), response: Array(set.y[0..<n]))
    let start = Array(set.starts[0..<p])

    Benchmark("Fit.logistic.n20") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try CurveFitter.fit(problem, start: start)) }
    }

    let solver = try! LevenbergMarquardt(problem: problem, start: start)
    Benchmark("Fit.lmIteration.logistic.n20") { benchmark in
        for _ in benchmark.scaledIterations {
            var copy = solver
            copy.step()
            blackHole(copy.parameters)
        }
    }

    let batch = try! SeriesBatch(ids: (0..<set.spec.series).map { "s\($0)" }, offsets: (0...set.spec.series).map { $0 * n },
                                 x: set.x, y: set.y)
    Benchmark("Fit.batch.logistic.s10000", configuration: .init(maxIterations: 20)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(BatchFitter.fit(batch, model: LogisticGrowth(), starts: set.starts, threads: 1)) }
    }
}

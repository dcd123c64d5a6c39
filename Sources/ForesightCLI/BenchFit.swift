import CurveFitting
import Foundation
import Synthetic

/// `bench fit`: `BatchFitter.fit` on synthetic logistic series of 20 points (the stored start
/// vectors, as the peers get them), a sweep over the number of series × worker threads, in fits/s.
/// Then the self-start's cost per series against the LM fit's own for the logistic, Gompertz
/// and Richards curves, on one thread: `self_start.CURVE` (the self-starts alone, with
/// `cost_relative_to_fit` = its time over `batch_fit_given_starts.CURVE`, the fits from the stored starts)
/// and `batch_fit_self_started.CURVE` (both). With `--data`, the file's series (any growth curve) at its size; with `--results`, the
/// estimates of the 1-thread run go to `fit-estimates.bin` (float64 est[S][P] then converged[S]
/// as 1 or 0).
struct FitBench: BenchSuite {
    static let name = "fit"
    static let summary = "batch logistic fitting (fits/s) over 10^3..10^6 series and threads"

    func run(_ context: BenchContext) throws -> [BenchMeasurement] {
        let set: GrowthSeriesSet
        let sizes: [Int]
        switch context.dataset {
        case nil:
            sizes = context.size.pick(small: [500, 2000], medium: [1000, 10000, 100_000], large: [1000, 10000, 100_000, 1_000_000])
            set = try GrowthSeriesSet(GrowthSeriesSpec(curve: .logistic, series: sizes.last ?? 1, seed: context.seed))
        case .growth(let file)?:
            set = file
            sizes = [file.spec.series]
        default:
            throw unsuitableData(Self.name, needs: "growth-series")
        }
        let model = Self.model(set.spec.curve)
        let (n, p) = (set.spec.points, set.spec.curve.parameterNames.count)
        let x = set.x
        var results: [BenchMeasurement] = []
        for count in sizes {
            let batch = try SeriesBatch(ids: (0..<count).map { "s\($0)" }, offsets: (0...count).map { $0 * n },
                                        x: Array(x[0..<(count * n)]), y: Array(set.y[0..<(count * n)]))
            let starts = Array(set.starts[0..<(count * p)])
            for threads in context.threadCounts {
                var rows: [BatchFitRow] = []
                results.append(try context.measure(.init(
                    benchmark: "batch_fit.\(set.spec.curve.rawValue)", work: count, workUnit: "series", threads: threads,
                    operations: Double(count), throughputUnit: "fits/s") {
                        rows = BatchFitter.fit(batch, model: model, starts: starts, threads: threads)
                    }))
                if let folder = context.resultsFolder, threads == 1, count == sizes.last {
                    let estimates = rows.flatMap { $0.estimates.count == p ? $0.estimates : Array(repeating: .nan, count: p) }
                    try writeResults(estimates + rows.map { $0.isUsable ? 1 : 0 }, named: "fit-estimates.bin", in: folder)
                }
            }
        }
        if context.dataset == nil { results += try selfStartCost(context) }
        return results
    }

    static func model(_ curve: GrowthCurve) -> any SelfStartingModel {
        switch curve {
        case .logistic: LogisticGrowth()
        case .gompertz: GompertzGrowth()
        case .richards: RichardsGrowth()
        }
    }

    /// What self-starting costs per series against the LM fit's own time (issue 12: a self-start
    /// may cost no more than the fit), on one thread: the whole self-started batch (quick start,
    /// its fit, and the full self-start where the batch falls back to it) against the batch from
    /// the stored starts; `self_start.*` times the full self-start alone.
    private func selfStartCost(_ context: BenchContext) throws -> [BenchMeasurement] {
        let count = context.size.pick(small: [50], medium: [2000], large: [10000])[0]
        var results: [BenchMeasurement] = []
        for curve in GrowthCurve.allCases {
            let set = try GrowthSeriesSet(GrowthSeriesSpec(curve: curve, series: count, seed: context.seed))
            let model = Self.model(curve)
            let n = set.spec.points
            let batch = try SeriesBatch(ids: (0..<count).map { "s\($0)" }, offsets: (0...count).map { $0 * n }, x: set.x, y: set.y)
            let starts = set.starts
            var sink = 0.0
            let given = try context.measure(.init(
                benchmark: "batch_fit_given_starts.\(curve.rawValue)", work: count, workUnit: "series", threads: 1,
                operations: Double(count), throughputUnit: "fits/s") {
                    sink += BatchFitter.fit(batch, model: model, starts: starts).first?.residualSumOfSquares ?? 0
                })
            let selfStart = try context.measure(.init(
                benchmark: "self_start.\(curve.rawValue)", work: count, workUnit: "series", threads: 1,
                operations: Double(count), throughputUnit: "starts/s") {
                    for k in 0..<count {
                        let (xs, ys) = batch.series(k)
                        let start: [Double]? = try? model.initialParameters(x: Array(xs), y: Array(ys))
                        sink += start?.first ?? 0
                    }
                })
            var selfStarted = try context.measure(.init(
                benchmark: "batch_fit_self_started.\(curve.rawValue)", work: count, workUnit: "series", threads: 1,
                operations: Double(count), throughputUnit: "fits/s") {
                    sink += BatchFitter.fit(batch, model: model).first?.residualSumOfSquares ?? 0
                })
            selfStarted.costRelativeToFit =
                max(0, selfStarted.medianSeconds - given.medianSeconds) / max(given.medianSeconds, 1e-12)
            withExtendedLifetime(sink) {}
            results += [given, selfStart, selfStarted]
        }
        return results
    }
}

import CurveFitting
import Foundation
import Synthetic

/// `bench fit`: `BatchFitter.fit` on synthetic logistic series of 20 points (the stored start
/// vectors, as the peers get them), a sweep over the number of series × worker threads, in fits/s.
/// Then the self-start's cost: the self-starts alone and fits from them against fits from the
/// stored starts, on up to 2,000 series, 1 thread.
/// With `--data`, the file's series (any growth curve) at its size; with `--results`, the
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
        let model: any SelfStartingModel = switch set.spec.curve {
        case .logistic: LogisticGrowth()
        case .gompertz: GompertzGrowth()
        case .richards: RichardsGrowth()
        }
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
        results += try selfStartMeasurements(context, set: set, model: model, count: min(sizes.first ?? 1, 2000))
        return results
    }

    /// The cost of the self-start per series against the fit's own: the self-starts alone, and
    /// `BatchFitter.fit` from the self-start and from the stored starts (1 thread, the first
    /// `count` series), in series/s.
    private func selfStartMeasurements(
        _ context: BenchContext, set: GrowthSeriesSet, model: any SelfStartingModel, count: Int
    ) throws -> [BenchMeasurement] {
        let (n, p) = (set.spec.points, set.spec.curve.parameterNames.count)
        let curve = set.spec.curve.rawValue
        let batch = try SeriesBatch(ids: (0..<count).map { "s\($0)" }, offsets: (0...count).map { $0 * n },
                                    x: Array(set.x[0..<(count * n)]), y: Array(set.y[0..<(count * n)]))
        let starts = Array(set.starts[0..<(count * p)])
        let startAll: () throws -> Void = {
            for k in 0..<count {
                let (xs, ys) = batch.series(k)
                _ = try? model.initialParameters(x: Array(xs), y: Array(ys))
            }
        }
        let fitSelfStarted: () throws -> Void = { _ = BatchFitter.fit(batch, model: model) }
        let fitGiven: () throws -> Void = { _ = BatchFitter.fit(batch, model: model, starts: starts) }
        let selfStarts = try context.measure(BenchContext.Case(
            benchmark: "self_start.\(curve)", work: count, workUnit: "series", threads: 1,
            operations: Double(count), throughputUnit: "starts/s", body: startAll))
        let selfStarted = try context.measure(BenchContext.Case(
            benchmark: "batch_fit_self_started.\(curve)", work: count, workUnit: "series", threads: 1,
            operations: Double(count), throughputUnit: "fits/s", body: fitSelfStarted))
        let given = try context.measure(BenchContext.Case(
            benchmark: "batch_fit_given_starts.\(curve)", work: count, workUnit: "series", threads: 1,
            operations: Double(count), throughputUnit: "fits/s", body: fitGiven))
        return [selfStarts, selfStarted, given]
    }
}

import CurveFitting
import Foundation
import Synthetic

/// `bench fit`: `BatchFitter.fit` on synthetic logistic series of 20 points (the stored start
/// vectors, as the peers get them), a sweep over the number of series × worker threads, in fits/s.
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
        return results
    }
}

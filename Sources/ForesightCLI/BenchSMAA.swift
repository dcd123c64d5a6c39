import Foundation
import Scoring
import Synthetic

/// `bench smaa`: SMAA-2 with uniform weights on a synthetic 3 × 10 decision matrix, a sweep over
/// the number of draws × worker threads, in draws/s. With `--data`, the file's matrix and draw
/// count; with `--results`, the rank acceptabilities (alternative by alternative) go to
/// `smaa-acceptability.bin`.
struct SMAABench: BenchSuite {
    static let name = "smaa"
    static let summary = "SMAA-2 rank acceptabilities (draws/s) over 10^4..10^6 draws and threads"

    func run(_ context: BenchContext) throws -> [BenchMeasurement] {
        let source: SyntheticDecisionMatrix
        let drawCounts: [Int]
        switch context.dataset {
        case nil:
            source = try SyntheticDecisionMatrix(DecisionMatrixSpec(alternatives: 3, criteria: 10, seed: context.seed))
            drawCounts = context.size.pick(small: [10000, 40000], medium: [10000, 100_000, 1_000_000], large: [10000, 100_000, 1_000_000])
        case .decisionMatrix(let matrix)? where matrix.spec.draws > 0:
            source = matrix
            drawCounts = [matrix.spec.draws]
        default:
            throw unsuitableData(Self.name, needs: "decision-matrix (with --draws)")
        }
        let (m, n) = (source.spec.alternatives, source.spec.criteria)
        let matrix = try DecisionMatrix(
            alternatives: (1...m).map { "A\($0)" },
            criteria: (0..<n).map { Criterion("C\($0 + 1)", direction: source.benefit[$0] ? .benefit : .cost) },
            columnMajor: source.values)
        var results: [BenchMeasurement] = []
        for draws in drawCounts {
            for threads in context.threadCounts {
                var result: SMAAResult?
                results.append(try context.measure(.init(
                    benchmark: "smaa2", work: draws, workUnit: "draws (\(m) x \(n))", threads: threads,
                    operations: Double(draws), throughputUnit: "draws/s") {
                        result = try SMAA(draws: draws, seed: context.seed, threads: threads).run(matrix)
                    }))
                if let folder = context.resultsFolder, let result, threads == 1, draws == drawCounts.last {
                    try writeResults(result.acceptability.flatMap { $0 }, named: "smaa-acceptability.bin", in: folder)
                }
            }
        }
        return results
    }
}

import Foundation
import Scoring
import Synthetic

/// `bench score`: TOPSIS closeness of synthetic decision matrices with 16 criteria, a sweep over
/// the number of alternatives, in alternatives/s (TOPSIS spreads large problems over every core
/// itself, so the rows show the processor count). With `--data`, the file's matrix; with
/// `--results`, the closeness goes to `topsis-closeness.bin`.
struct ScoreBench: BenchSuite {
    static let name = "score"
    static let summary = "TOPSIS closeness (alternatives/s) over 10^4..10^6 alternatives x 16 criteria"

    func run(_ context: BenchContext) throws -> [BenchMeasurement] {
        let matrices: [SyntheticDecisionMatrix]
        switch context.dataset {
        case nil:
            matrices = try context.size.pick(small: [10000, 100_000], medium: [10000, 100_000, 1_000_000], large: [10000, 100_000, 1_000_000])
                .map { try SyntheticDecisionMatrix(DecisionMatrixSpec(alternatives: $0, criteria: 16, seed: context.seed)) }
        case .decisionMatrix(let matrix)?:
            matrices = [matrix]
        default:
            throw unsuitableData(Self.name, needs: "decision-matrix")
        }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        return try matrices.map { matrix in
            let directions: [CriterionDirection] = matrix.benefit.map { $0 ? .benefit : .cost }
            var closeness: [Double] = []
            let measurement = try context.measure(.init(
                benchmark: "topsis", work: matrix.spec.alternatives, workUnit: "alternatives (x \(matrix.spec.criteria) criteria)",
                threads: cores, operations: Double(matrix.spec.alternatives), throughputUnit: "alternatives/s") {
                    closeness = try TOPSIS().closeness(columnMajor: matrix.values, alternativeCount: matrix.spec.alternatives,
                                                       weights: matrix.weights, directions: directions)
                })
            if let folder = context.resultsFolder { try writeResults(closeness, named: "topsis-closeness.bin", in: folder) }
            return measurement
        }
    }
}

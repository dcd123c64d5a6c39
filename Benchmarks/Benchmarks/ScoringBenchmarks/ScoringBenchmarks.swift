// Scoring: TOPSIS closeness of 100,000 alternatives x 16 criteria and SMAA-2 with 100,000 weight
// draws on a 3 x 10 matrix (1 thread), both from `foresight synth decision-matrix` (seed 1).
import Benchmark
import Scoring
import Synthetic

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1, maxDuration: .seconds(3), maxIterations: 100,
        thresholds: [.mallocCountTotal: .init(relative: [.p90: 5.0])])

    let large = try! SyntheticDecisionMatrix(DecisionMatrixSpec(alternatives: 100_000, criteria: 16, seed: 1))
    let directions: [CriterionDirection] = large.benefit.map { $0 ? .benefit : .cost }
    Benchmark("Score.topsis.m100000n16") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try TOPSIS().closeness(columnMajor: large.values, alternativeCount: 100_000, weights: large.weights, directions: directions))
        }
    }

    let small = try! SyntheticDecisionMatrix(DecisionMatrixSpec(alternatives: 3, criteria: 10, seed: 1))
    let matrix = try! DecisionMatrix(
        alternatives: ["A1", "A2", "A3"],
        criteria: (0..<10).map { Criterion("C\($0 + 1)", direction: small.benefit[$0] ? .benefit : .cost) },
        columnMajor: small.values)
    Benchmark("Score.smaa2.draws100000") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try SMAA(draws: 100_000, seed: 1, threads: 1).run(matrix)) }
    }
}

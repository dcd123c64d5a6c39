import Testing
@testable import Scoring

/// SMAA-2 against the analytic case E11 and other exact probabilities.
@Suite struct SMAATests {
    static func e11() throws -> DecisionMatrix { try makeMatrix([[1, 0], [0, 1], [0.6, 0.6]]) }

    /// Within 4 Monte Carlo standard errors √(b(1 − b)/N) of the exact value.
    func expectAcceptability(_ result: SMAAResult, _ expected: [[Double]]) {
        let n = Double(result.draws)
        for (i, row) in expected.enumerated() {
            for (r, b) in row.enumerated() {
                let tolerance = Swift.max(4 * (b * (1 - b) / n).squareRoot(), 1e-15)
                expectClose(result.acceptability[i][r], b, tolerance: tolerance, "b_\(i + 1)^\(r + 1)")
            }
        }
    }

    @Test func e11AnalyticAcceptabilitiesCentralWeightsAndConfidence() throws {
        let result = try SMAA(draws: 200_000, seed: 20_250_101).run(Self.e11())
        #expect(result.draws == 200_000)
        expectAcceptability(result, [[0.4, 0.1, 0.5], [0.4, 0.1, 0.5], [0.2, 0.8, 0.0]])
        // w1 given A first is U(0.6, 1): sd 0.4/√12 over 80,000 draws → SE 4e−4.
        expectClose(result.centralWeights[0] ?? [], [0.8, 0.2], tolerance: 1.6e-3, "w^c A")
        expectClose(result.centralWeights[1] ?? [], [0.2, 0.8], tolerance: 1.6e-3, "w^c B")
        expectClose(result.centralWeights[2] ?? [], [0.5, 0.5], tolerance: 1.2e-3, "w^c C")
        #expect(result.confidenceFactors == [1, 1, 1])
        expectClose(result.standardErrors[2][1], (0.8 * 0.2 / 200_000).squareRoot(), tolerance: 1e-5, "SE")
        #expect(result.acceptanceRate == 1)
        expectClose(try result.acceptability(of: "A3", rank: 2), 0.8, tolerance: 4e-3)
    }

    @Test func seededRunsAreIdenticalForAnyThreadCount() throws {
        let matrix = try makeMatrix([[1, 0, 3], [0, 1, 2], [0.6, 0.6, 1], [0.5, 0.4, 4]])
        let one = try SMAA(draws: 70_000, seed: 7, threads: 1).run(matrix)
        let two = try SMAA(draws: 70_000, seed: 7, threads: 2).run(matrix)
        let four = try SMAA(draws: 70_000, seed: 7, threads: 4).run(matrix)
        #expect(one == two && two == four)
        let other = try SMAA(draws: 70_000, seed: 8).run(matrix)
        #expect(other != one)
    }

    /// w1 ∈ [0.5, 1]: given the simplex, w1 is uniform there; order C, A, B on [0.5, 0.6] and
    /// A, C, B above, so A leads with probability 0.8 and C with 0.2, B is always last; half
    /// the candidates are accepted.
    @Test func intervalConstraintsByRejection() throws {
        let result = try SMAA(draws: 100_000, seed: 3, constraints: .intervals([0.5...1, 0...0.5])).run(Self.e11())
        expectAcceptability(result, [[0.8, 0.2, 0], [0, 0, 1], [0.2, 0.8, 0]])
        expectClose(result.acceptanceRate, 0.5, tolerance: 0.01, "acceptance")
        #expect(result.centralWeights[1] == nil && result.confidenceFactors[1] == nil)
    }

    @Test func rankOrderConstraintMatchesTheEquivalentInterval() throws {
        let result = try SMAA(draws: 100_000, seed: 3, constraints: .rankOrder(["C1", "C2"])).run(Self.e11())
        expectAcceptability(result, [[0.8, 0.2, 0], [0, 0, 1], [0.2, 0.8, 0]])
        #expect(result.acceptanceRate == 1)
    }

    @Test func tinyAcceptanceRateIsAnError() throws {
        do {
            _ = try SMAA(draws: 1000, seed: 3, constraints: .intervals([0.5...0.5001, 0...1])).run(Self.e11())
            Issue.record("expected lowAcceptanceRate")
        } catch let error as ScoringError {
            guard case .lowAcceptanceRate(let rate, let minimum) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(rate < minimum)
        }
        #expect(throws: ScoringError.infeasibleWeightConstraints(
            "lower bounds sum to 1.2 and upper bounds to 1.6; weights sum to 1")) {
            try SMAA(seed: 1, constraints: .intervals([0.6...0.8, 0.6...0.8])).run(Self.e11())
        }
        #expect(throws: ScoringError.unknownCriterion("C9")) {
            try SMAA(seed: 1, constraints: .rankOrder(["C9", "C1"])).run(Self.e11())
        }
    }

    /// One criterion, A exact at 0.5, B ~ U(0, 1): P(B first) = 0.5. With B ~ N(0.5, 1) and
    /// A at 0: P(B first) = Φ(0.5) = 0.691462461274013.
    @Test func uncertainValuesAreSampled() throws {
        let criteria = [Criterion("x")]
        let uniform = try DecisionMatrix(alternatives: ["A", "B"], criteria: criteria,
                                         rows: [[.point(0.5)], [.interval(low: 0, high: 1)]])
        let first = try SMAA(draws: 100_000, seed: 11, confidenceDraws: 100_000).run(uniform)
        expectAcceptability(first, [[0.5, 0.5], [0.5, 0.5]])
        expectClose(first.confidenceFactors[1] ?? .nan, 0.5, tolerance: 4 * 0.5 / 100_000.0.squareRoot())

        let normal = try DecisionMatrix(alternatives: ["A", "B"], criteria: criteria,
                                        rows: [[.point(0)], [.normal(mean: 0.5, sd: 1)]])
        let p = 0.691462461274013
        let second = try SMAA(draws: 100_000, seed: 12).run(normal)
        expectAcceptability(second, [[1 - p, p], [p, 1 - p]])

        let triangular = try DecisionMatrix(alternatives: ["A", "B"], criteria: criteria,
                                            rows: [[.point(0.25)], [.triangular(low: 0, mode: 0.5, high: 1)]])
        // P(T > 0.25) for the symmetric triangle on [0, 1]: 1 − 2·0.25² = 0.875.
        let third = try SMAA(draws: 100_000, seed: 13).run(triangular)
        expectAcceptability(third, [[0.125, 0.875], [0.875, 0.125]])
    }
}

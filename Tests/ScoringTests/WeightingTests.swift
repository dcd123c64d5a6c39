import Testing
@testable import Scoring

@Suite struct WeightingTests {
    /// E8: Xu (2004), entropy weights.
    @Test func e8EntropyWeightsMatchXu2004() throws {
        let matrix = try makeMatrix([[30, 30, 38, 29], [19, 54, 86, 29], [19, 15, 85, 28.9], [68, 70, 60, 29]])
        let weights = try Weighting.entropy.weights(for: matrix)
        expectClose(weights.values, [0.4630, 0.3992, 0.1378, 0.0000], tolerance: 6e-5)
    }

    @Test func entropyGuardsZeroLogZero() throws {
        let matrix = try makeMatrix([[0, 1], [4, 1], [2, 1]])
        let weights = try Weighting.entropy.weights(for: matrix)
        #expect(weights.values.allSatisfy { $0.isFinite })
        expectClose(weights.values, [1, 0], tolerance: 1e-15)
    }

    @Test func givenWeightsNotSummingToOneAreNormalizedWithANote() throws {
        let matrix = try makeMatrix([[1, 2], [2, 1]], weights: [2, 6])
        let weights = try Weighting.given.weights(for: matrix)
        expectClose(weights.values, [0.25, 0.75], tolerance: 1e-15)
        #expect(weights.notes.count == 1 && weights.notes[0].contains("sum to 8"))
        let exact = try Weighting.values([0.25, 0.75]).weights(for: matrix)
        #expect(exact.notes.isEmpty)
    }

    @Test func negativeOrMissingWeightIsAnError() throws {
        let matrix = try makeMatrix([[1, 2], [2, 1]], weights: [0.5, -0.1])
        #expect(throws: ScoringError.negativeWeight(criterion: "C2", value: -0.1)) {
            try Weighting.given.weights(for: matrix)
        }
        let unweighted = try makeMatrix([[1, 2], [2, 1]])
        #expect(throws: ScoringError.missingWeight(criterion: "C1")) { try Weighting.given.weights(for: unweighted) }
        #expect(throws: ScoringError.invalidWeights("all weights are 0")) {
            try Weighting.values([0, 0]).weights(for: unweighted)
        }
        #expect(throws: ScoringError.negativeWeight(criterion: "C1", value: -1)) {
            try ScoringMethod.wsm.evaluate(unweighted, weights: [-1, 2])
        }
    }

    @Test func equalWeights() throws {
        let weights = try Weighting.equal.weights(for: makeMatrix([[1, 2, 3, 4], [4, 3, 2, 1]]))
        #expect(weights.values == [0.25, 0.25, 0.25, 0.25])
    }

    @Test func criticRejectsConstantCriterion() throws {
        let matrix = try makeMatrix([[1, 5], [2, 5], [3, 5]])
        #expect(throws: ScoringError.constantCriterion(criterion: "C2", context: "min-max normalization")) {
            try Weighting.critic.weights(for: matrix)
        }
    }
}

import Testing
@testable import Scoring

/// Typed errors for malformed decisions and out-of-domain data.
@Suite struct ValidationTests {
    let criteria = [Criterion("price", direction: .cost), Criterion("quality")]

    @Test func namesAreValidated() {
        #expect(throws: ScoringError.tooFewAlternatives(count: 1)) {
            try DecisionMatrix(alternatives: ["A"], criteria: criteria, rows: [[1.0, 2.0]])
        }
        #expect(throws: ScoringError.duplicateAlternative("A")) {
            try DecisionMatrix(alternatives: ["A", "A"], criteria: criteria, rows: [[1.0, 2.0], [2.0, 1.0]])
        }
        #expect(throws: ScoringError.duplicateCriterion("price")) {
            try DecisionMatrix(alternatives: ["A", "B"], criteria: [Criterion("price"), Criterion("price")],
                               rows: [[1.0, 2.0], [2.0, 1.0]])
        }
        #expect(throws: ScoringError.noCriteria) {
            try DecisionMatrix(alternatives: ["A", "B"], criteria: [], rows: [[Double](), []])
        }
    }

    @Test func unknownAndMissingNamesInKeyedValues() {
        #expect(throws: ScoringError.unknownCriterion("speed")) {
            try DecisionMatrix(alternatives: ["A", "B"], criteria: criteria,
                               valuesByCriterion: ["speed": ["A": .point(1)]])
        }
        #expect(throws: ScoringError.unknownAlternative("C")) {
            try DecisionMatrix(alternatives: ["A", "B"], criteria: criteria,
                               valuesByCriterion: ["price": ["C": .point(1)]])
        }
        #expect(throws: ScoringError.missingValue(alternative: "B", criterion: "quality")) {
            try DecisionMatrix(alternatives: ["A", "B"], criteria: criteria,
                               valuesByCriterion: ["price": ["A": .point(1), "B": .point(2)], "quality": ["A": .point(3)]])
        }
    }

    @Test func keyedValuesBuildTheSameMatrixAsRows() throws {
        let keyed = try DecisionMatrix(
            alternatives: ["A", "B"], criteria: criteria,
            valuesByCriterion: ["price": ["A": .point(10), "B": .interval(low: 8, high: 12)],
                                "quality": ["B": .point(3), "A": .normal(mean: 4, sd: 1)]])
        #expect(keyed.centralValues == [10, 10, 4, 3])
        #expect(keyed.value(alternative: 1, criterion: 0) == .interval(low: 8, high: 12))
        #expect(keyed.hasUncertainValues)
        #expect(try keyed.alternativeIndex("B") == 1)
        #expect(throws: ScoringError.unknownAlternative("Z")) { try keyed.alternativeIndex("Z") }
    }

    @Test func nonFiniteAndMalformedValues() {
        #expect(throws: ScoringError.self) {
            try DecisionMatrix(alternatives: ["A", "B"], criteria: criteria, rows: [[1.0, .infinity], [2.0, 1.0]])
        }
        do {
            _ = try DecisionMatrix(alternatives: ["A", "B"], criteria: criteria, rows: [[1.0, .nan], [2.0, 1.0]])
            Issue.record("NaN accepted")
        } catch {
            guard case .nonFiniteValue(let alternative, let criterion, let value) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(alternative == "A" && criterion == "quality" && value.isNaN)
        }
        #expect(throws: ScoringError.invalidValue(alternative: "B", criterion: "price",
                                                  reason: "interval low 3.0 exceeds high 1.0")) {
            try DecisionMatrix(alternatives: ["A", "B"], criteria: criteria,
                               rows: [[.point(1), .point(1)], [.interval(low: 3, high: 1), .point(2)]])
        }
    }

    @Test func constantCriterionUnderMinMax() throws {
        let matrix = try makeMatrix([[1, 7], [2, 7], [3, 7]])
        #expect(throws: ScoringError.constantCriterion(criterion: "C2", context: "min-max normalization")) {
            try WeightedSum(normalization: .minMax).evaluate(matrix, weights: [0.5, 0.5])
        }
        // Vector normalization copes with a constant column.
        #expect(try TOPSIS().evaluate(matrix, weights: [0.5, 0.5]).top.name == "A3")
    }

    @Test func zeroOrNegativeUnderWeightedProduct() throws {
        let matrix = try makeMatrix([[1, 7], [0, 7], [3, 7]])
        #expect(throws: ScoringError.nonPositiveValue(alternative: "A2", criterion: "C1", value: 0,
                                                      context: "the weighted product needs values > 0")) {
            try WeightedProduct().evaluate(matrix, weights: [0.5, 0.5])
        }
        let negative = try makeMatrix([[1, 7], [2, -7]])
        #expect(throws: ScoringError.self) { try WeightedProduct().evaluate(negative, weights: [0.5, 0.5]) }
    }

    @Test func rawValuesRejectCostCriteria() throws {
        let matrix = try makeMatrix([[1, 7], [2, 8]], directions: [.benefit, .cost])
        #expect(throws: ScoringError.costCriterionWithoutNormalization(criterion: "C2")) {
            try WeightedSum(normalization: .none).evaluate(matrix, weights: [0.5, 0.5])
        }
    }

    @Test func normalizationsTurnCostCriteriaAsDocumented() throws {
        let matrix = try makeMatrix([[2, 2], [4, 4], [6, 6]], directions: [.benefit, .cost])
        let norm = (4.0 + 16 + 36).squareRoot()
        func column(_ n: Normalization, _ j: Int) throws -> [Double] { try n.apply(to: matrix, criterion: j) }
        expectClose(try column(.vector, 1), [1 - 2 / norm, 1 - 4 / norm, 1 - 6 / norm], tolerance: 1e-15, "vector")
        expectClose(try column(.minMax, 1), [1, 0.5, 0], tolerance: 1e-15, "min-max")
        let reciprocal = 1.0 / 2 + 1.0 / 4 + 1.0 / 6
        expectClose(try column(.sum, 1), [0.5 / reciprocal, 0.25 / reciprocal, 1 / 6 / reciprocal], tolerance: 1e-15, "sum")
        expectClose(try column(.max, 1), [2.0 / 3, 1.0 / 3, 0], tolerance: 1e-15, "max")
        expectClose(try column(.minMax, 0), [0, 0.5, 1], tolerance: 1e-15, "min-max benefit")
        expectClose(try column(.sum, 0), [1.0 / 6, 1.0 / 3, 0.5], tolerance: 1e-15, "sum benefit")
    }

    @Test func invalidMethodParameters() throws {
        #expect(throws: ScoringError.invalidParameter(name: "v", value: 1.5, requirement: "in [0, 1]")) {
            try VIKOR(v: 1.5)
        }
        let matrix = try makeMatrix([[1, 2], [2, 1]])
        #expect(throws: ScoringError.unknownCriterion("speed")) {
            try PROMETHEE(perCriterion: ["speed": .usual]).evaluate(matrix, weights: [0.5, 0.5])
        }
        #expect(throws: ScoringError.self) {
            try PROMETHEE(defaultFunction: .linear(q: 2, p: 1)).evaluate(matrix, weights: [0.5, 0.5])
        }
        #expect(throws: ScoringError.dimensionMismatch("3 weights for 2 criteria")) {
            try ScoringMethod.topsis.evaluate(matrix, weights: [0.2, 0.3, 0.5])
        }
    }

    @Test func errorDescriptionsAreReadable() {
        let error = ScoringError.constantCriterion(criterion: "price", context: "min-max normalization")
        #expect(error.description == "criterion 'price' has the same value for every alternative, which min-max normalization cannot handle")
    }
}

import Testing
@testable import Scoring

/// AHP against published examples (E1, E2 of the MCDA examples) and analytic cases.
@Suite struct AHPTests {
    /// E1: Saaty (2008), relative consumption of drinks in the US.
    static let drinks: [[Double]] = [
        [1, 9, 5, 2, 1, 1, 1.0 / 2],
        [1.0 / 9, 1, 1.0 / 3, 1.0 / 9, 1.0 / 9, 1.0 / 9, 1.0 / 9],
        [1.0 / 5, 3, 1, 1.0 / 3, 1.0 / 4, 1.0 / 3, 1.0 / 9],
        [1.0 / 2, 9, 3, 1, 1.0 / 2, 1, 1.0 / 3],
        [1, 9, 4, 2, 1, 2, 1.0 / 2],
        [1, 9, 3, 1, 1.0 / 2, 1, 1.0 / 3],
        [2, 9, 9, 3, 2, 3, 1],
    ]

    /// E2: Wang & Chin (2011), an inconsistent 6×6 matrix.
    static let wangChin: [[Double]] = [
        [1, 4, 3, 1, 3, 4],
        [1.0 / 4, 1, 7, 3, 1.0 / 5, 1],
        [1.0 / 3, 1.0 / 7, 1, 1.0 / 5, 1.0 / 5, 1.0 / 6],
        [1, 1.0 / 3, 5, 1, 1, 1.0 / 3],
        [1.0 / 3, 5, 5, 1, 1, 3],
        [1.0 / 4, 1, 6, 3, 1.0 / 3, 1],
    ]

    @Test func e1DrinksEigenvectorMatchesSaaty2008() throws {
        let result = try AHP.priorities(PairwiseMatrix(Self.drinks))
        expectClose(result.weights, [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327], tolerance: 5e-4, "weights")
        expectClose(result.weights.reduce(0, +), 1, tolerance: 1e-12, "sum")
        expectClose(result.lambdaMax, 7.1766, tolerance: 1e-4, "λmax")
        expectClose(result.consistencyIndex, 0.0294, tolerance: 1e-4, "CI")
        expectClose(result.consistencyRatio ?? .nan, 0.022, tolerance: 5e-4, "CR (published)")
        #expect(!result.isInconsistent)
    }

    @Test(arguments: [
        (RandomIndexTable.saaty1980, 0.0223), (.saaty2005, 0.0218), (.doneganDodd, 0.0235), (.tummalaLing, 0.0221),
    ])
    func e1ConsistencyRatioUnderEachRandomIndexTable(table: RandomIndexTable, expected: Double) throws {
        let result = try AHP.priorities(PairwiseMatrix(Self.drinks), randomIndex: table)
        expectClose(result.consistencyRatio ?? .nan, expected, tolerance: 1e-4, table.rawValue)
        #expect(result.randomIndexTable == table)
    }

    @Test func e2WangChinEigenvectorAndInconsistencyFlag() throws {
        let result = try AHP.priorities(PairwiseMatrix(Self.wangChin))
        expectClose(result.weights, [0.3208, 0.1395, 0.0348, 0.1285, 0.2374, 0.1391], tolerance: 6e-5, "weights")
        expectClose(result.lambdaMax, 7.4199, tolerance: 1e-4, "λmax")
        expectClose(result.consistencyIndex, 0.2840, tolerance: 1e-4, "CI")
        expectClose(result.consistencyRatio ?? .nan, 0.229, tolerance: 6e-4, "CR")
        #expect(result.isInconsistent)
    }

    @Test(arguments: [
        (RandomIndexTable.saaty1980, 0.229), (.saaty2005, 0.227), (.doneganDodd, 0.241), (.tummalaLing, 0.230),
    ])
    func e2ConsistencyRatioUnderEachRandomIndexTable(table: RandomIndexTable, expected: Double) throws {
        let result = try AHP.priorities(PairwiseMatrix(Self.wangChin), randomIndex: table)
        expectClose(result.consistencyRatio ?? .nan, expected, tolerance: 6e-4, table.rawValue)
        #expect(result.isInconsistent)
    }

    @Test func e2GeometricMeanDiffersFromEigenvector() throws {
        let matrix = try PairwiseMatrix(Self.wangChin)
        let eigen = try AHP.priorities(matrix, method: .eigenvector)
        let geometric = try AHP.priorities(matrix, method: .geometricMean)
        // Row geometric means, recomputed with numpy: prod(A, axis=1)**(1/6), normalized;
        // λ estimate mean((A·w)/w).
        expectClose(geometric.weights, [0.315986, 0.139146, 0.036049, 0.125140, 0.236010, 0.147669],
                    tolerance: 1e-6, "RGMM")
        expectClose(geometric.lambdaMax, 7.407774, tolerance: 1e-6, "λ (RGMM)")
        let largestGap = zip(eigen.weights, geometric.weights).map { abs($0 - $1) }.max() ?? 0
        #expect(largestGap > 5e-3, "RGMM and eigenvector should differ noticeably on an inconsistent matrix")
    }

    @Test func consistentMatrixGivesExactPrioritiesByBothMethods() throws {
        let w = [0.5, 0.3, 0.2]
        let matrix = try PairwiseMatrix(w.map { wi in w.map { wi / $0 } })
        for method in AHP.PriorityMethod.allCases {
            let result = try AHP.priorities(matrix, method: method)
            expectClose(result.weights, w, tolerance: 1e-12, method.rawValue)
            expectClose(result.lambdaMax, 3, tolerance: 1e-12, "λmax")
            expectClose(result.consistencyRatio ?? .nan, 0, tolerance: 1e-12, "CR")
        }
    }

    @Test func twoByTwoHasZeroConsistencyRatio() throws {
        let result = try AHP.priorities(PairwiseMatrix([[1, 3], [1.0 / 3, 1]]))
        expectClose(result.weights, [0.75, 0.25], tolerance: 1e-12)
        #expect(result.consistencyRatio == 0)
        #expect(result.consistencyIndex == 0)
    }

    @Test func randomIndexTablesHoldThePublishedValues() {
        #expect(RandomIndexTable.saaty1980.value(size: 7) == 1.32)
        #expect(RandomIndexTable.saaty2005.value(size: 3) == 0.52)
        #expect(RandomIndexTable.doneganDodd.value(size: 10) == 1.4055)
        #expect(RandomIndexTable.tummalaLing.value(size: 6) == 1.2358)
        #expect(RandomIndexTable.saaty1980.value(size: 2) == 0)
        #expect(RandomIndexTable.saaty1980.value(size: 11) == nil)
    }

    @Test func nonReciprocalMatrixNamesTheCell() {
        #expect(throws: ScoringError.pairwiseNotReciprocal(row: 1, column: 3, value: 5, transposedValue: 0.5)) {
            try PairwiseMatrix([[1, 2, 5], [0.5, 1, 3], [0.5, 1.0 / 3, 1]])
        }
        let message = ScoringError.pairwiseNotReciprocal(row: 1, column: 3, value: 5, transposedValue: 0.5).description
        #expect(message.contains("(1, 3) = 5.0") && message.contains("(3, 1) = 0.5"))
    }

    @Test func nonPositiveEntryNamesTheCell() {
        #expect(throws: ScoringError.pairwiseNonPositive(row: 2, column: 1, value: -0.5)) {
            try PairwiseMatrix([[1, 2], [-0.5, 1]])
        }
        #expect(throws: ScoringError.pairwiseNonPositive(row: 1, column: 2, value: 0)) {
            try PairwiseMatrix([[1, 0], [0.5, 1]])
        }
        #expect(throws: ScoringError.pairwiseDiagonalNotOne(index: 2, value: 2)) {
            try PairwiseMatrix([[1, 2], [0.5, 2]])
        }
    }

    @Test func roundedReciprocalsAreAcceptedWithinTolerance() throws {
        let matrix = try PairwiseMatrix([[1, 3], [0.333, 1]])
        #expect(matrix.size == 2)
        let upper = try PairwiseMatrix(upperTriangle: [[3, 5], [2]])
        #expect(upper[2, 0] == 0.2 && upper[1, 2] == 2)
    }

    /// Synthesis with consistent matrices, whose priorities are known exactly, so the global
    /// priorities follow by hand: distributive g = Σ w_j p_ij; ideal g ∝ Σ w_j p_ij/max p_j.
    @Test func hierarchySynthesisDistributiveAndIdeal() throws {
        func consistent(_ w: [Double]) throws -> PairwiseMatrix { try PairwiseMatrix(w.map { a in w.map { a / $0 } }) }
        let criteriaWeights = [0.6, 0.4]
        let local = [[0.5, 0.25, 0.25], [0.2, 0.2, 0.6]]
        let hierarchy = try AHPHierarchy(
            criteria: ["cost", "quality"], alternatives: ["X", "Y", "Z"],
            criteriaComparisons: consistent(criteriaWeights), alternativeComparisons: local.map(consistent))
        let distributive = try hierarchy.evaluate(synthesis: .distributive)
        expectClose(distributive.scoreValues, [0.38, 0.23, 0.39], tolerance: 1e-12, "distributive")
        #expect(distributive.ranking.map(\.name) == ["Z", "X", "Y"])
        let ideal = try hierarchy.evaluate(synthesis: .ideal)
        // raw ideal: X 0.6·1 + 0.4·(1/3), Y 0.6·0.5 + 0.4·(1/3), Z 0.6·0.5 + 0.4·1
        let raw = [0.6 + 0.4 / 3, 0.3 + 0.4 / 3, 0.7]
        expectClose(ideal.scoreValues, raw.map { $0 / raw.reduce(0, +) }, tolerance: 1e-12, "ideal")
        #expect(ideal.ranking.map(\.name) == ["X", "Z", "Y"])
    }

    /// Belton & Gear (1983, Omega 11(3):228): adding a copy of B reverses A and B under
    /// distributive synthesis; the ideal mode does not.
    @Test func beltonGearRankReversalDistributiveButNotIdeal() throws {
        let matrix = try makeMatrix([[1, 9, 8], [9, 1, 9], [1, 1, 1]])
        let weights = [1.0 / 3, 1.0 / 3, 1.0 / 3]
        let base = try AHPScoring().evaluate(matrix, weights: weights)
        #expect(base.ranking.map(\.name) == ["A2", "A1", "A3"])
        let withCopy = try matrix.appendingAlternative("A4", values: [.point(9), .point(1), .point(9)])
        let after = try AHPScoring().evaluate(withCopy, weights: weights)
        expectClose(after.scoreValues[0] * 3, 1.0 / 20 + 9.0 / 12 + 8.0 / 27, tolerance: 1e-12, "A after")
        #expect(after.scores["A1", default: 0] > after.scores["A2", default: 0])

        let distributive = try RankReversal(method: .ahp).check(matrix, weights: weights)
        #expect(distributive.contains { $0.change == .addedDominatedCopy(of: "A2") && $0.hasReversal })
        var configuration = MethodConfiguration()
        configuration.ahp = AHPScoring(synthesis: .ideal)
        let ideal = try RankReversal(method: .ahp, configuration: configuration).check(matrix, weights: weights)
        #expect(ideal.filter { if case .addedDominatedCopy = $0.change { true } else { false } }.allSatisfy { !$0.hasReversal })
    }

    @Test func ahpWeightingFromCriteriaMatrixNotesInconsistency() throws {
        let matrix = try makeMatrix((0..<3).map { i in (0..<6).map { Double(i + $0 + 1) } })
        let weights = try Weighting.ahp(PairwiseMatrix(Self.wangChin)).weights(for: matrix)
        expectClose(weights.values, [0.3208, 0.1395, 0.0348, 0.1285, 0.2374, 0.1391], tolerance: 6e-5)
        #expect(weights.notes.count == 1 && weights.notes[0].contains("inconsistent"))
        #expect(throws: ScoringError.self) { try Weighting.ahp(PairwiseMatrix(Self.drinks)).weights(for: matrix) }
    }
}

import Testing
@testable import Scoring

/// Scoring methods against published examples (E5, E7, E10 of the MCDA examples).
@Suite struct MethodExampleTests {
    /// E5: Ersoy (2021), equipment selection; classical TOPSIS.
    @Test func e5TopsisClosenessMatchesErsoy2021() throws {
        let matrix = try makeMatrix(
            [[256, 8, 41, 1.6, 1.77, 7347.16],
             [256, 8, 32, 1.0, 1.80, 6919.99],
             [256, 8, 53, 1.6, 1.90, 8400.00],
             [256, 8, 41, 1.0, 1.75, 6808.90],
             [512, 8, 35, 1.6, 1.70, 8479.99],
             [256, 4, 35, 1.6, 1.70, 7499.99]],
            directions: [.benefit, .benefit, .benefit, .benefit, .cost, .cost])
        let weights = [0.405, 0.221, 0.134, 0.199, 0.007, 0.034]
        let result = try ScoringMethod.topsis.evaluate(matrix, weights: weights)
        expectClose(result.scoreValues, [0.308, 0.254, 0.327, 0.263, 0.857, 0.192], tolerance: 2e-3, "closeness")
        #expect(result.ranking.map(\.name) == ["A5", "A3", "A1", "A4", "A2", "A6"])
        #expect(result.ties.isEmpty)
    }

    /// The fast flat-array path gives the same closeness as the named one.
    @Test func topsisFlatPathMatchesMatrixPath() throws {
        let rows: [[Double]] = [[3, 200, 0.4], [5, 150, 0.9], [4, 180, 0.1], [2, 120, 0.5]]
        let matrix = try makeMatrix(rows, directions: [.benefit, .cost, .benefit])
        let weights = [0.5, 0.3, 0.2]
        for normalization in Normalization.allCases where normalization != .none {
            let topsis = TOPSIS(normalization: normalization)
            let named = try topsis.evaluate(matrix, weights: weights).scoreValues
            let flat = try topsis.closeness(columnMajor: matrix.centralValues, alternativeCount: 4, weights: weights,
                                            directions: matrix.directions)
            #expect(named == flat, "\(normalization)")
        }
    }

    /// Above the parallel threshold the chunked, multi-threaded kernel must agree with a
    /// plain transcription of the formulas (vector normalization, cost ideal = column minimum).
    @Test func topsisLargeProblemMatchesPlainFormulas() throws {
        let m = 70_001
        let columns: [[Double]] = [
            (0..<m).map { Double(($0 * 37) % 1009 + 1) },
            (0..<m).map { Double(($0 * 53) % 997 + 1) },
            (0..<m).map { Double(($0 * 11) % 101 + 1) },
        ]
        let directions: [CriterionDirection] = [.benefit, .cost, .benefit]
        let weights = [0.5, 0.3, 0.2]
        let closeness = try TOPSIS().closeness(columnMajor: columns.flatMap { $0 }, alternativeCount: m,
                                               weights: weights, directions: directions)
        let v = columns.enumerated().map { j, column in
            let norm = column.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return column.map { weights[j] * $0 / norm }
        }
        let ideal = v.enumerated().map { j, c in (directions[j] == .benefit ? c.max() : c.min()) ?? 0 }
        let anti = v.enumerated().map { j, c in (directions[j] == .benefit ? c.min() : c.max()) ?? 0 }
        var worst = 0.0
        for i in stride(from: 0, to: m, by: 97) {
            let dPlus = (0..<3).reduce(0.0) { $0 + (v[$1][i] - ideal[$1]) * (v[$1][i] - ideal[$1]) }.squareRoot()
            let dMinus = (0..<3).reduce(0.0) { $0 + (v[$1][i] - anti[$1]) * (v[$1][i] - anti[$1]) }.squareRoot()
            worst = Swift.max(worst, abs(closeness[i] - dMinus / (dPlus + dMinus)))
        }
        #expect(worst < 1e-12)
    }

    /// Classical TOPSIS keeps a cost column's direction and takes its minimum as ideal; the
    /// oriented vector normalization `1 − r` must give identical closeness.
    @Test func topsisVectorCostEqualsClassicalFlippedIdeal() throws {
        let rows: [[Double]] = [[3, 200], [5, 150], [4, 180]]
        let weights = [0.6, 0.4]
        let norm0 = (9.0 + 25 + 16).squareRoot(), norm1 = (200.0 * 200 + 150 * 150 + 180 * 180).squareRoot()
        let v = rows.map { [weights[0] * $0[0] / norm0, weights[1] * $0[1] / norm1] }
        let ideal = [v.map { $0[0] }.max() ?? 0, v.map { $0[1] }.min() ?? 0]
        let anti = [v.map { $0[0] }.min() ?? 0, v.map { $0[1] }.max() ?? 0]
        let expected = v.map { row -> Double in
            let dPlus = ((row[0] - ideal[0]) * (row[0] - ideal[0]) + (row[1] - ideal[1]) * (row[1] - ideal[1])).squareRoot()
            let dMinus = ((row[0] - anti[0]) * (row[0] - anti[0]) + (row[1] - anti[1]) * (row[1] - anti[1])).squareRoot()
            return dMinus / (dPlus + dMinus)
        }
        let matrix = try makeMatrix(rows, directions: [.benefit, .cost])
        expectClose(try TOPSIS().evaluate(matrix, weights: weights).scoreValues, expected, tolerance: 1e-14)
    }

    /// E7: Papathanasiou & Ploskas (2018), VIKOR with v = 0.625.
    @Test func e7VikorMatchesPapathanasiouPloskas2018() throws {
        let matrix = try makeMatrix(
            [[8, 7, 2, 1], [5, 3, 7, 5], [7, 5, 6, 4], [9, 9, 7, 3], [11, 10, 3, 7], [6, 9, 5, 4]])
        let result = try VIKOR(v: 0.625).evaluate(matrix, weights: [0.4, 0.3, 0.1, 0.2])
        expectClose(result.scoreValues, [0.640, 1.000, 0.693, 0.271, 0.000, 0.694], tolerance: 6e-4, "Q")
        guard case .vikor(let details) = result.details else {
            Issue.record("VIKOR details missing")
            return
        }
        expectClose(details.s, [0.629, 0.767, 0.601, 0.310, 0.080, 0.516], tolerance: 6e-4, "S")
        expectClose(details.r, [0.200, 0.400, 0.267, 0.133, 0.080, 0.333], tolerance: 6e-4, "R")
        #expect(result.top.name == "A5")
        #expect(!result.higherIsBetter)
        expectClose(details.advantageThreshold, 0.2, tolerance: 1e-15)
        #expect(details.hasAcceptableAdvantage && details.hasAcceptableStability)
        #expect(details.compromiseSet == ["A5"])
    }

    @Test func vikorCompromiseSetWhenAdvantageIsNotAcceptable() throws {
        // Q(a2) − Q(a1) < 1/(m − 1) = 0.5: A1 and A2 are almost equivalent.
        let matrix = try makeMatrix([[10, 10], [10, 9.5], [0, 0]])
        let result = try VIKOR.consensus.evaluate(matrix, weights: [0.5, 0.5])
        guard case .vikor(let details) = result.details else {
            Issue.record("VIKOR details missing")
            return
        }
        #expect(!details.hasAcceptableAdvantage)
        #expect(details.compromiseSet == ["A1", "A2"])
    }

    /// E10: Triantaphyllou (2000) — WSM ties A2 = A3; WPM ratios and a different winner.
    @Test func e10WeightedSumReportsTheTie() throws {
        let matrix = try makeMatrix([[25, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]])
        let result = try WeightedSum(normalization: .none).evaluate(matrix, weights: [0.20, 0.15, 0.40, 0.25])
        expectClose(result.scoreValues, [21.50, 22.00, 22.00], tolerance: 1e-12, "WSM")
        #expect(result.ranking.map(\.name) == ["A2", "A3", "A1"])
        #expect(result.ranking.map(\.rank) == [1, 1, 3])
        #expect(result.ranking.map(\.isTied) == [true, true, false])
        #expect(result.ties == [["A2", "A3"]])
    }

    @Test func e10WeightedProductRatiosMatchTriantaphyllou() throws {
        let matrix = try makeMatrix([[25, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]])
        let result = try ScoringMethod.wpm.evaluate(matrix, weights: [0.20, 0.15, 0.40, 0.25])
        guard case .weightedProduct(let details) = result.details else {
            Issue.record("WPM details missing")
            return
        }
        expectClose(try details.ratio("A1", to: "A2"), 1.0074, tolerance: 6e-5, "R(A1/A2)")
        expectClose(try details.ratio("A1", to: "A3"), 1.0671, tolerance: 6e-5, "R(A1/A3)")
        expectClose(try details.ratio("A2", to: "A3"), 1.0592, tolerance: 6e-5, "R(A2/A3)")
        #expect(result.ranking.map(\.name) == ["A1", "A2", "A3"])
        let wsm = try WeightedSum(normalization: .none).evaluate(matrix, weights: [0.20, 0.15, 0.40, 0.25])
        #expect(wsm.top.name != result.top.name)
    }

    @Test func weightedProductTreatsCostCriteriaByNegativeExponents() throws {
        let matrix = try makeMatrix([[2, 4], [4, 2]], directions: [.benefit, .cost])
        let result = try WeightedProduct().evaluate(matrix, weights: [0.5, 0.5])
        // A1 = 2^0.5 · 4^−0.5 = 0.5^0.5, A2 = 4^0.5 · 2^−0.5 = 2^0.5.
        expectClose(result.scoreValues, [(0.5).squareRoot(), (2.0).squareRoot()], tolerance: 1e-15)
    }

    @Test func everyMethodRunsThroughTheEnum() throws {
        let matrix = try makeMatrix([[3, 200, 4], [5, 150, 2], [4, 180, 3]], directions: [.benefit, .cost, .benefit])
        for method in ScoringMethod.allCases {
            let result = try method.evaluate(matrix, weights: [0.5, 0.3, 0.2])
            #expect(result.method == method)
            #expect(result.ranking.count == 3)
            #expect(Set(result.scores.keys) == ["A1", "A2", "A3"])
        }
    }
}

@Suite struct VIKORRoundingTests {
    /// Two mirror-image alternatives with equal weights have equal S and R, up to the last digit
    /// when the weights come out of a computation. Q must not turn that noise into a full unit
    /// (by definition Q's terms are 0 when S or R does not vary).
    @Test func regretEqualUpToRoundingHasNoSpread() throws {
        let matrix = try DecisionMatrix(alternatives: ["A", "B"], criteria: [Criterion("c1"), Criterion("c2")],
                                        rows: [[1, 0], [0, 1]])
        let exact = try VIKOR(v: 0.5).evaluate(matrix, weights: [0.5, 0.5])
        let noisy = try VIKOR(v: 0.5).evaluate(matrix, weights: [0.5, 0.5.nextUp])
        for (a, b) in zip(exact.scoreValues, noisy.scoreValues) { #expect(abs(a - b) < 1e-9, "\(exact.scoreValues) vs \(noisy.scoreValues)") }
    }
}

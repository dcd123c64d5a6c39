import Testing
@testable import Scoring

/// Weight stability, rank reversal and method agreement, against analytic answers.
@Suite struct SensitivityTests {
    /// E11's matrix: C leads exactly for w1 ∈ [0.4, 0.6] (B below, A above).
    static func e11() throws -> DecisionMatrix { try makeMatrix([[1, 0], [0, 1], [0.6, 0.6]]) }

    @Test func weightedSumStabilityIntervalsAreExact() throws {
        let intervals = try WeightStability(method: .wsm).intervals(Self.e11(), weights: [0.45, 0.55])
        #expect(intervals.count == 2)
        #expect(intervals[0].leader == "A3")
        expectClose(intervals[0].lower, 0.4, tolerance: 1e-12, "lower w1")
        expectClose(intervals[0].upper, 0.6, tolerance: 1e-12, "upper w1")
        #expect(intervals[0].replacedBelowBy == "A2" && intervals[0].replacedAboveBy == "A1")
        expectClose(intervals[1].lower, 0.4, tolerance: 1e-12, "lower w2")
        expectClose(intervals[1].upper, 0.6, tolerance: 1e-12, "upper w2")
        #expect(intervals[1].replacedBelowBy == "A1" && intervals[1].replacedAboveBy == "A2")
    }

    /// AHP with value-derived priorities is linear in the weights too: A = 0.625·w1,
    /// B = 0.625·w2, C = 0.375, so the same [0.4, 0.6] — found here by bisection.
    @Test func bisectionFindsTheSameCrossings() throws {
        let intervals = try WeightStability(method: .ahp).intervals(Self.e11(), weights: [0.45, 0.55])
        expectClose(intervals[0].lower, 0.4, tolerance: 1e-8, "lower")
        expectClose(intervals[0].upper, 0.6, tolerance: 1e-8, "upper")
        #expect(intervals[0].replacedBelowBy == "A2" && intervals[0].replacedAboveBy == "A1")
    }

    @Test func stableLeaderSpansTheWholeRange() throws {
        let matrix = try makeMatrix([[5, 5], [1, 2], [2, 1]])
        for method in [ScoringMethod.wsm, .topsis] {
            let intervals = try WeightStability(method: method).intervals(matrix, weights: [0.5, 0.5])
            #expect(intervals.allSatisfy { $0.lower == 0 && $0.upper == 1 && $0.replacedAboveBy == nil })
        }
    }

    /// The weighted product cannot reverse ranks (its ratios involve only the two alternatives).
    @Test func weightedProductHasNoRankReversal() throws {
        let matrix = try makeMatrix([[25, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]])
        let cases = try RankReversal(method: .wpm).check(matrix, weights: [0.20, 0.15, 0.40, 0.25])
        #expect(cases.count == 6)
        #expect(cases.allSatisfy { !$0.hasReversal && $0.error == nil })
    }

    @Test func rankReversalReportsFailuresPerCase() throws {
        // Removing A3 leaves C2 constant, which min-max WSM cannot normalize.
        let matrix = try makeMatrix([[1, 5], [2, 5], [3, 6]])
        let cases = try RankReversal(method: .wsm).check(matrix, weights: [0.5, 0.5])
        let removal = cases.first { $0.change == .removed("A3") }
        #expect(removal?.error == .constantCriterion(criterion: "C2", context: "min-max normalization"))
    }

    /// scipy.stats.kendalltau documentation example: τ_b = −0.47140452079103173.
    @Test func kendallTauBMatchesScipyExample() throws {
        let tau = try KendallTau.tauB([12, 2, 1, 12, 2], [1, 4, 7, 1, 0])
        expectClose(tau ?? .nan, -0.47140452079103173, tolerance: 1e-15)
        #expect(try KendallTau.tauB([1, 1, 1], [1, 2, 3]) == nil)
        #expect(try KendallTau.tauB([1, 2, 3], [10, 20, 30]) == 1)
    }

    @Test func methodAgreementOnE10() throws {
        let matrix = try makeMatrix([[25, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]])
        let weights = [0.20, 0.15, 0.40, 0.25]
        let wsm = try WeightedSum(normalization: .none).evaluate(matrix, weights: weights)
        let wpm = try WeightedProduct().evaluate(matrix, weights: weights)
        // WSM ranks (3, 1, 1), WPM (1, 2, 3): pairs (A1,A2) and (A1,A3) discordant,
        // (A2,A3) tied in WSM: τ_b = (0 − 2)/√((3 − 1)(3 − 0)).
        expectClose(try KendallTau.agreement(wsm, wpm) ?? .nan, -2 / 6.0.squareRoot(), tolerance: 1e-15)
        let table = try KendallTau.agreementMatrix([wsm, wpm])
        #expect(table[0][0] == 1 && table[0][1] == table[1][0])
    }
}

@Suite("Kendall tau-b, counted in O(n log n)")
struct KendallTauCountingTests {
    /// τ_b by counting every pair, the definition.
    static func pairwise(_ x: [Double], _ y: [Double]) -> Double? {
        var concordant = 0, discordant = 0, tiedX = 0, tiedY = 0
        for i in x.indices {
            for k in x.indices where k > i {
                let dx = x[i] - x[k], dy = y[i] - y[k]
                if dx == 0 { tiedX += 1 }
                if dy == 0 { tiedY += 1 }
                if dx == 0 || dy == 0 { continue }
                if (dx > 0) == (dy > 0) { concordant += 1 } else { discordant += 1 }
            }
        }
        let pairs = x.count * (x.count - 1) / 2
        let denominator = (Double(pairs - tiedX) * Double(pairs - tiedY)).squareRoot()
        return denominator > 0 ? Double(concordant - discordant) / denominator : nil
    }

    @Test func agreesWithPairwiseCountingWithAndWithoutTies() throws {
        var state: UInt64 = 7
        func next(_ bound: UInt64) -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double((state >> 33) % bound)
        }
        for trial in 0..<300 {
            let n = 1 + trial % 60
            let levels: UInt64 = [2, 5, 1000][trial % 3]
            let x = (0..<n).map { _ in next(levels) }, y = (0..<n).map { _ in next(levels) }
            #expect(try KendallTau.tauB(x, y) == Self.pairwise(x, y), "n = \(n)")
        }
        #expect(try KendallTau.tauB([1, .nan], [1, 2]) == nil)
    }
}

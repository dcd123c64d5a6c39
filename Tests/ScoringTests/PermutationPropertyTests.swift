import Probability
import Testing

import Scoring

/// Permutation invariance of scoring on seeded random decision matrices: permuting the
/// alternatives permutes the WSM, TOPSIS, VIKOR and PROMETHEE II scores (and ranks) the same way,
/// and permuting the criteria together with their weights leaves them unchanged.
@Suite("Scoring permutation properties")
struct PermutationPropertyTests {
    typealias Method = (name: String, evaluate: @Sendable (DecisionMatrix, [Double]) throws -> MethodResult)

    static let methods: [Method] = [
        ("WSM", { try WeightedSum().evaluate($0, weights: $1) }),
        ("TOPSIS", { try TOPSIS().evaluate($0, weights: $1) }),
        ("VIKOR", { try VIKOR.consensus.evaluate($0, weights: $1) }),
        ("PROMETHEE II", { try PROMETHEE().evaluate($0, weights: $1) }),
        ("PROMETHEE II linear", { try PROMETHEE(defaultFunction: .linear(q: 5, p: 40)).evaluate($0, weights: $1) }),
    ]

    /// A random problem: 2–7 alternatives, 1–5 criteria of random direction, values in [1, 100]
    /// (some repeated, so that ties occur), positive weights.
    static func problem(_ random: inout SeededGenerator) throws -> (rows: [[Double]], criteria: [Criterion], weights: [Double]) {
        let m = Int.random(in: 2...7, using: &random)
        let n = Int.random(in: 1...5, using: &random)
        let criteria = (0..<n).map { Criterion("C\($0)", direction: Bool.random(using: &random) ? .benefit : .cost) }
        let rows = (0..<m).map { _ in
            (0..<n).map { _ in Bool.random(using: &random) ? Double(Int.random(in: 1...4, using: &random)) * 25 : Double.random(in: 1...100, using: &random) }
        }
        return (rows, criteria, (0..<n).map { _ in Double.random(in: 0.05...1, using: &random) })
    }

    static func isClose(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($0), abs($1)) }
    }

    @Test func permutingAlternativesPermutesScores() throws {
        var random = SeededGenerator(seed: 20261203)
        var compared = 0
        for _ in 0..<120 {
            let (rows, criteria, weights) = try Self.problem(&random)
            let names = rows.indices.map { "A\($0)" }
            let order = Array(rows.indices).shuffled(using: &random)
            let matrix = try DecisionMatrix(alternatives: names, criteria: criteria, rows: rows)
            let permuted = try DecisionMatrix(alternatives: order.map { names[$0] }, criteria: criteria, rows: order.map { rows[$0] })
            for method in Self.methods {
                guard let original = try? method.evaluate(matrix, weights) else { continue }
                let result = try method.evaluate(permuted, weights)
                let expected = order.map { original.scoreValues[$0] }
                #expect(Self.isClose(result.scoreValues, expected), "\(method.name) on \(rows), order \(order): \(result.scoreValues) vs \(expected)")
                #expect(result.alternatives == order.map { names[$0] })
                compared += 1
            }
        }
        #expect(compared > 480, "only \(compared) comparisons")
    }

    @Test func permutingCriteriaWithTheirWeightsLeavesScores() throws {
        var random = SeededGenerator(seed: 4417)
        var compared = 0
        for _ in 0..<120 {
            let (rows, criteria, weights) = try Self.problem(&random)
            let order = Array(criteria.indices).shuffled(using: &random)
            let names = rows.indices.map { "A\($0)" }
            let matrix = try DecisionMatrix(alternatives: names, criteria: criteria, rows: rows)
            let permuted = try DecisionMatrix(alternatives: names, criteria: order.map { criteria[$0] },
                                              rows: rows.map { row in order.map { row[$0] } })
            for method in Self.methods {
                guard let original = try? method.evaluate(matrix, weights) else { continue }
                let result = try method.evaluate(permuted, order.map { weights[$0] })
                #expect(Self.isClose(result.scoreValues, original.scoreValues),
                        "\(method.name) on \(rows), criteria order \(order): \(result.scoreValues) vs \(original.scoreValues)")
                compared += 1
            }
        }
        #expect(compared > 480, "only \(compared) comparisons")
    }
}

import Foundation
import Testing
@testable import Scoring

/// `|actual − expected| ≤ tolerance`, elementwise, with a readable failure.
func expectClose(
    _ actual: [Double], _ expected: [Double], tolerance: Double, _ label: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count, "\(label): \(actual) vs \(expected)", sourceLocation: sourceLocation)
    for (a, e) in zip(actual, expected) {
        #expect(abs(a - e) <= tolerance, "\(label): \(actual) vs \(expected) (tolerance \(tolerance))",
                sourceLocation: sourceLocation)
    }
}

func expectClose(
    _ actual: Double, _ expected: Double, tolerance: Double, _ label: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(abs(actual - expected) <= tolerance, "\(label): \(actual) vs \(expected) (tolerance \(tolerance))",
            sourceLocation: sourceLocation)
}

/// Builds a matrix of exact values with generated names `A1…`, criteria `C1…`.
func makeMatrix(_ rows: [[Double]], directions: [CriterionDirection]? = nil, weights: [Double]? = nil) throws -> DecisionMatrix {
    let n = rows.first?.count ?? 0
    let criteria = (0..<n).map { j in
        Criterion("C\(j + 1)", direction: directions?[j] ?? .benefit, weight: weights?[j])
    }
    return try DecisionMatrix(alternatives: rows.indices.map { "A\($0 + 1)" }, criteria: criteria, rows: rows)
}

/// `Fixtures/reference.json`, written by `Fixtures/make_fixtures.py` (independent numpy code).
struct Reference: Decodable {
    struct Flows: Decodable {
        let params: [String: [Double]]
        let leaving: [Double]
        let entering: [Double]
        let net: [Double]
    }
    struct Vikor: Decodable {
        let s: [Double], r: [Double], q: [Double], v: Double
    }
    let matrix: [[Double]]
    let types: [Int]
    let weights: [Double]
    let critic_weights: [Double]
    let promethee: [String: Flows]
    let vikor: Vikor

    static func load() throws -> Reference {
        let url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/reference.json")
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }

    func decisionMatrix() throws -> DecisionMatrix {
        try makeMatrix(matrix, directions: types.map { $0 > 0 ? .benefit : .cost })
    }
}

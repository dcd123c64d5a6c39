import Foundation
import Testing
@testable import Scoring

/// SMAA-2 with weights drawn around stated weights (`.dirichlet`), against
/// `Fixtures/smaa_dirichlet.json`, written by `Fixtures/make_smaa_dirichlet.py` (an independent
/// numpy implementation, 2,000,000 draws), and the sampler's moments.
@Suite struct SMAADirichletTests {
    struct Fixture: Decodable {
        struct Case: Decodable {
            let name: String
            let rows: [[Cell]]
            let directions: [String]
            let weights: [Double]
            let concentration: Double
            let acceptability: [[Double]]
        }
        /// A number or an interval `[low, high]`.
        enum Cell: Decodable {
            case number(Double)
            case interval(Double, Double)

            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let x = try? container.decode(Double.self) {
                    self = .number(x)
                } else {
                    let bounds = try container.decode([Double].self)
                    self = .interval(bounds[0], bounds[1])
                }
            }

            var value: CriterionValue {
                switch self {
                case .number(let x): .point(x)
                case .interval(let low, let high): .interval(low: low, high: high)
                }
            }
        }
        let draws: Int
        let cases: [Case]

        static func load() throws -> Fixture {
            let url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
                .appendingPathComponent("Fixtures/smaa_dirichlet.json")
            return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        }
    }

    static func matrix(_ c: Fixture.Case) throws -> DecisionMatrix {
        let criteria = c.directions.indices.map { j in
            Criterion("C\(j + 1)", direction: c.directions[j] == "benefit" ? .benefit : .cost)
        }
        return try DecisionMatrix(alternatives: c.rows.indices.map { "A\($0 + 1)" }, criteria: criteria,
                                  rows: c.rows.map { $0.map(\.value) })
    }

    /// Every acceptability within 3 Monte Carlo standard errors of numpy's, the standard error
    /// combining both runs, `√(b(1 − b)(1/N + 1/N_numpy))`, floored at `1/N` for `b ≈ 0`.
    @Test func acceptabilitiesMatchAnIndependentNumpyImplementation() throws {
        let fixture = try Fixture.load()
        let draws = 40_000
        var largest = 0.0
        for (k, c) in fixture.cases.enumerated() {
            let smaa = SMAA(draws: draws, seed: 1_000 + UInt64(k),
                            constraints: .dirichlet(center: c.weights, concentration: c.concentration))
            let result = try smaa.run(Self.matrix(c))
            for (i, row) in c.acceptability.enumerated() {
                for (r, b) in row.enumerated() {
                    let se = Swift.max((b * (1 - b) * (1 / Double(draws) + 1 / Double(fixture.draws))).squareRoot(), 1 / Double(draws))
                    let z = abs(result.acceptability[i][r] - b) / se
                    largest = Swift.max(largest, z)
                    #expect(z <= 3, "\(c.name): b_\(i + 1)^\(r + 1) = \(result.acceptability[i][r]) vs numpy \(b) (\(z) SE)")
                }
            }
        }
        print("SMAA Dirichlet vs numpy: largest deviation \(largest) standard errors")
    }

    /// Mean `w̄` and variance `w̄(1 − w̄)/(κ + 1)` of the drawn weights; a zero stated weight stays 0.
    @Test func sampledWeightsHaveTheDirichletMoments() {
        let lanes = SMAAModel.batchSize, batches = 800
        let center = [0.5, 0.3, 0.15, 0.05, 0], concentration = 50.0
        let n = center.count
        let alphas = center.map { concentration * $0 }
        let weights = UnsafeMutablePointer<Double>.allocate(capacity: n * lanes)
        defer { weights.deallocate() }
        weights.initialize(repeating: 0, count: n * lanes)
        var generator = BlockGenerator(state: (1, 2, 3, 4))
        var sums = [Double](repeating: 0, count: n), squares = sums
        for _ in 0..<batches {
            SMAAModel.sampleDirichlet(lanes, alphas: alphas, into: weights, lanes: lanes, generator: &generator)
            for d in 0..<lanes {
                var total = 0.0
                for j in 0..<n {
                    let w = weights[j * lanes + d]
                    sums[j] += w
                    squares[j] += w * w
                    total += w
                }
                #expect(abs(total - 1) < 1e-12)
            }
        }
        let count = Double(lanes * batches)
        for j in 0..<n {
            let mean = sums[j] / count, variance = squares[j] / count - mean * mean
            let expected = center[j] * (1 - center[j]) / (concentration + 1)
            expectClose(mean, center[j], tolerance: Swift.max(4 * (expected / count).squareRoot(), 1e-15), "mean w_\(j + 1)")
            expectClose(variance, expected, tolerance: 0.04 * expected + 1e-15, "var w_\(j + 1)")
        }
        #expect(squares[n - 1] == 0)
    }

    /// Two identical alternatives tie first in every draw, so their central weights are the mean
    /// weights over all draws: `w̄`.
    @Test func meanWeightsOfARunAreTheStatedWeights() throws {
        let matrix = try makeMatrix([[1, 2, 3], [1, 2, 3]])
        let result = try SMAA(draws: 100_000, seed: 5, constraints: .dirichlet(center: [2, 1, 1], concentration: 20)).run(matrix)
        #expect(result.acceptability[0][0] == 1 && result.acceptability[1][0] == 1)
        // sd(w_1) = √(0.25/21) = 0.109 over 100,000 draws: SE 3.5e−4.
        expectClose(result.centralWeights[0] ?? [], [0.5, 0.25, 0.25], tolerance: 1.5e-3, "mean weights")
    }

    @Test func seededRunsAreIdenticalForAnyThreadCount() throws {
        let matrix = try makeMatrix([[1, 0, 3], [0, 1, 2], [0.6, 0.6, 1], [0.5, 0.4, 4]])
        let constraints = SMAAWeightConstraints.dirichlet(center: [0.5, 0.3, 0.2], concentration: 10)
        let one = try SMAA(draws: 70_000, seed: 7, constraints: constraints, threads: 1).run(matrix)
        let two = try SMAA(draws: 70_000, seed: 7, constraints: constraints, threads: 2).run(matrix)
        #expect(one == two)
        #expect(one.weightModel == constraints)
    }

    @Test func invalidCentresAndConcentrationsAreErrors() throws {
        let matrix = try makeMatrix([[1, 0], [0, 1]])
        for (center, concentration) in [([0.5, 0.5], 0.0), ([0.5, 0.5], -1), ([0.5, 0.5], .nan), ([0.5, 0.5], .infinity),
                                        ([1.5, -0.5], 10), ([0, 0], 10), ([0.5, .nan], 10), ([1.0], 10)] {
            #expect(throws: ScoringError.self, "\(center), \(concentration)") {
                try SMAA(draws: 10, seed: 1, constraints: .dirichlet(center: center, concentration: concentration)).run(matrix)
            }
        }
    }

    @Test func spreadAndLabels() {
        let equal = SMAAWeightConstraints.dirichlet(center: [1, 1, 1, 1], concentration: 50)
        expectClose(equal.relativeSpread ?? 0, 4 * (0.25 * 0.75 / 51).squareRoot(), tolerance: 1e-15)
        #expect(equal.label == "if the weights are uncertain by about ±24% around the stated weights (Dirichlet, concentration 50)")
        // Quadrupling κ + 1 halves the spread.
        let tight = SMAAWeightConstraints.dirichlet(center: [1, 1, 1, 1], concentration: 203)
        expectClose(tight.relativeSpread ?? 0, (equal.relativeSpread ?? 0) / 2, tolerance: 1e-15)
        #expect(SMAAWeightConstraints.dirichlet(center: [0.7, 0.3], concentration: 2.5).label.hasSuffix("concentration 2.5)"))
        #expect(SMAAWeightConstraints.uniform.relativeSpread == nil)
        #expect(SMAAWeightConstraints.uniform.label == "if nothing is known about the weights (uniform over all weight vectors)")
    }
}

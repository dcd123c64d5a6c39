import Foundation
import Testing
@testable import Scorecards
import Scoring

/// The scorecards shipped in `Models/scorecards/` run and produce every section.
@Suite struct ShippedScorecardTests {
    static func run(_ name: String) throws -> ScorecardResult {
        let url = packageRoot.appendingPathComponent("Models/scorecards/\(name)")
        return try ScorecardRunner.run(try ScorecardSpec.load(contentsOf: url, displayPath: "Models/scorecards/\(name)"))
    }

    @Test(arguments: ["program-structure.yaml", "program-structure-ahp.yaml"])
    func runsWithEverySection(name: String) throws {
        let result = try Self.run(name)
        #expect(result.spec.alternatives == ["China MICs", "Manufacturing USA", "Fraunhofer"])
        #expect(result.spec.criteria.count == 9)
        #expect(result.methods.count == result.spec.methods.count)
        #expect(result.agreement.count == result.methods.count)
        let smaa = try #require(result.smaa)
        #expect(smaa.draws == 100_000)
        // No `weights:` under `smaa`, so the draws centre on the stated weights.
        #expect(smaa.weightModel == .dirichlet(center: result.weights.values, concentration: 50))
        #expect(abs(smaa.acceptability.map { $0[0] }.reduce(0, +) - 1) < 1e-12)
        #expect(result.stability.map(\.method) == result.spec.methods)
        #expect(result.stability.allSatisfy { $0.intervals.count == 9 && $0.intervals.allSatisfy { $0.lower <= $0.weight && $0.weight <= $0.upper } })
        #expect(result.rankReversal.count == result.spec.methods.count)
        #expect(result.spec.criteria.allSatisfy { ($0.source ?? "").count > 20 })
        #expect(result.spec.matrix.hasUncertainValues)
        #expect(result.notes.contains { $0.contains("central values") })
        #expect(result.seed == 2025)
    }

    @Test func ahpVariantRestatesTheGivenWeightsConsistently() throws {
        let given = try Self.run("program-structure.yaml"), ahp = try Self.run("program-structure-ahp.yaml")
        #expect(ahp.weighting == .ahp)
        let priorities = try #require(ahp.weights.ahp)
        #expect((priorities.consistencyRatio ?? 1) < 0.1)
        expectClose(ahp.weights.values, given.weights.values, tolerance: 1e-9, "weights")
        #expect(ahp.result(of: .ahp) != nil)
        #expect(given.spec.matrix.rows == ahp.spec.matrix.rows)
        #expect(given.spec.criteria.map(\.source) == ahp.spec.criteria.map(\.source))
        for method in given.spec.methods {
            #expect(given.result(of: method)?.ranks == ahp.result(of: method)?.ranks, "\(method)")
        }
    }
}

import Foundation
import Testing
@testable import Scorecards

/// Stability intervals and rank reversal grow with the square of the number of alternatives:
/// above ``ScorecardRunner/maximumAlternativesForSensitivity`` they are skipped with a note.
@Suite struct SensitivityLimitTests {
    /// A scorecard of `count` alternatives with values from a fixed recurrence, inline.
    private func spec(alternatives count: Int) throws -> ScorecardSpec {
        let names = (1...count).map { "A\($0)" }
        func values(_ k: Int) -> String {
            names.enumerated().map { "\($1): \(1 + ($0 * (7 + k) + k) % 97)" }.joined(separator: ", ")
        }
        let text = """
            schema: 1
            name: many alternatives
            alternatives: [\(names.joined(separator: ", "))]
            criteria:
              - {id: c1, direction: benefit, weight: 0.6, values: {\(values(1))}}
              - {id: c2, direction: cost, weight: 0.4, values: {\(values(2))}}
            methods: [wsm, topsis]
            sensitivity: {stability_intervals: true, rank_reversal: true}
            """
        return try ScorecardSpec.parse(text, source: "many.yaml")
    }

    @Test func aboveTheLimitTheQuadraticAnalysesAreSkippedWithANote() throws {
        let result = try ScorecardRunner.run(try spec(alternatives: ScorecardRunner.maximumAlternativesForSensitivity + 1))
        #expect(result.stability.isEmpty && result.rankReversal.isEmpty)
        #expect(result.methods.count == 2, "the methods themselves still run")
        #expect(result.notes.contains { $0.contains("weight stability intervals and rank reversal skipped: 201 alternatives exceed the limit of 200") },
                "\(result.notes)")
    }

    @Test func withinTheLimitTheyRun() throws {
        let result = try ScorecardRunner.run(try spec(alternatives: 12))
        #expect(result.stability.count == 2 && result.rankReversal.count == 2)
        #expect(!result.notes.contains { $0.contains("skipped") })
    }
}

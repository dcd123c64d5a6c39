import Testing
@testable import Scoring

/// CRITIC, PROMETHEE II and VIKOR against `Fixtures/reference.json`, produced by
/// `Fixtures/make_fixtures.py`, an independent straightforward numpy re-implementation of the
/// published formulas (not a transcription of the Swift code).
@Suite struct FixtureTests {
    @Test func criticWeightsMatchNumpy() throws {
        let reference = try Reference.load()
        let weights = try Weighting.critic.weights(for: reference.decisionMatrix())
        expectClose(weights.values, reference.critic_weights, tolerance: 1e-12)
        #expect(weights.notes.isEmpty)
    }

    @Test(arguments: ["usual", "linear", "vshape", "gaussian"])
    func prometheeFlowsMatchNumpy(kind: String) throws {
        let reference = try Reference.load()
        let matrix = try reference.decisionMatrix()
        guard let flows = reference.promethee[kind] else {
            Issue.record("fixture lacks \(kind)")
            return
        }
        var functions: [String: PreferenceFunction] = [:]
        for (j, criterion) in matrix.criteria.enumerated() {
            functions[criterion.name] = switch kind {
            case "linear": .linear(q: flows.params["q", default: []][j], p: flows.params["p", default: []][j])
            case "vshape": .vShape(p: flows.params["p", default: []][j])
            case "gaussian": .gaussian(s: flows.params["s", default: []][j])
            default: .usual
            }
        }
        let result = try PROMETHEE(perCriterion: functions).evaluate(matrix, weights: reference.weights)
        guard case .promethee(let details) = result.details else {
            Issue.record("PROMETHEE details missing")
            return
        }
        expectClose(details.leavingFlow, flows.leaving, tolerance: 1e-12, "φ+")
        expectClose(details.enteringFlow, flows.entering, tolerance: 1e-12, "φ−")
        expectClose(result.scoreValues, flows.net, tolerance: 1e-12, "φ")
        expectClose(result.scoreValues.reduce(0, +), 0, tolerance: 1e-12, "Σφ")
    }

    @Test func vikorMatchesNumpy() throws {
        let reference = try Reference.load()
        let result = try VIKOR(v: reference.vikor.v).evaluate(reference.decisionMatrix(), weights: reference.weights)
        guard case .vikor(let details) = result.details else {
            Issue.record("VIKOR details missing")
            return
        }
        expectClose(details.s, reference.vikor.s, tolerance: 1e-12, "S")
        expectClose(details.r, reference.vikor.r, tolerance: 1e-12, "R")
        expectClose(details.q, reference.vikor.q, tolerance: 1e-12, "Q")
    }
}

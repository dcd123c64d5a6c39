import Datasets
import Foundation
import Testing
@testable import Scorecards
import Scoring

/// `sensitivity.smaa.weights`: stated weights (Dirichlet, concentration 50) by default, uniform on
/// request, and located errors for a bad concentration.
@Suite struct SMAAWeightsSpecTests {
    func spec(_ smaa: String) throws -> ScorecardSpec {
        try ScorecardSpec.parse(validSpec + "\nsensitivity:\n  smaa: \(smaa)", source: "ok.yaml")
    }

    @Test func statedWeightsAreTheDefault() throws {
        for smaa in ["true", "{draws: 2000}", "{draws: 2000, weights: stated}", "{draws: 2000, weights: stated, concentration: 50}"] {
            let spec = try spec(smaa)
            #expect(spec.smaa?.weights == .stated(concentration: 50), "\(smaa)")
            let result = try ScorecardRunner.run(spec, threads: 1)
            let model = try #require(result.smaa?.weightModel)
            #expect(model == .dirichlet(center: [0.5, 0.5], concentration: 50))
            #expect(model.label.hasPrefix("if the weights are uncertain by about ±14% around the stated weights"))
        }
    }

    @Test func statedWeightsFollowTheWeightingAndConcentration() throws {
        let text = validSpec.replacingOccurrences(of: "weight: 0.5, values: {A", with: "weight: 3, values: {A")
            .replacingOccurrences(of: "weight: 0.5, values: [3", with: "weight: 1, values: [3")
            + "\nsensitivity:\n  smaa: {draws: 2000, concentration: 8.5}"
        let spec = try ScorecardSpec.parse(text, source: "ok.yaml")
        #expect(spec.smaa?.weights == .stated(concentration: 8.5))
        let result = try ScorecardRunner.run(spec, threads: 1)
        #expect(result.smaa?.weightModel == .dirichlet(center: [0.75, 0.25], concentration: 8.5))
    }

    @Test func uniformAndConstraintsKeepTheirMeaning() throws {
        let uniform = try spec("{draws: 2000, weights: uniform}")
        #expect(uniform.smaa?.weights == .constrained(.uniform))
        let result = try ScorecardRunner.run(uniform, threads: 1)
        #expect(result.smaa?.weightModel.label == "if nothing is known about the weights (uniform over all weight vectors)")
        let order = try spec("{draws: 2000, weights: {rank_order: [speed, price]}}")
        #expect(order.smaa?.weights == .constrained(.rankOrder(["speed", "price"])))
        let intervals = try spec("{draws: 2000, weights: {intervals: {price: [0.2, 0.6]}}}")
        #expect(intervals.smaa?.weights == .constrained(.intervals([0.2...0.6, 0...1])))
    }

    @Test func badConcentrationsAreLocatedErrors() {
        for bad in ["0", "-3", "abc", ".inf", "[1, 2]"] {
            let errors = problems(validSpec + "\nsensitivity:\n  smaa: {draws: 10, concentration: \(bad)}")
            expectProblem(errors, "bad.yaml:9:", "sensitivity.smaa.concentration")
            #expect(errors.allSatisfy { $0.line == 9 && $0.column != nil }, "\(bad): \(errors.map(\.description))")
        }
        let zero = problems(validSpec + "\nsensitivity:\n  smaa: {draws: 10, concentration: 0}")
        expectProblem(zero, "bad.yaml:9:", "must be a finite number > 0, found 0")
        let misplaced = problems(validSpec + "\nsensitivity:\n  smaa: {draws: 10, weights: uniform, concentration: 20}")
        expectProblem(misplaced, "bad.yaml:9:", "sensitivity.smaa.concentration", "only to 'weights: stated'")
        let unknown = problems(validSpec + "\nsensitivity:\n  smaa: {weights: statd}")
        expectProblem(unknown, "bad.yaml:9:", "unknown value 'statd'", "did you mean 'stated'")
    }
}

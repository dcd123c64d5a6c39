import CurveFitting
import Foundation
import Numerics
import Testing

/// `a ≈ b` within `relative` of `|b|`: the one closeness predicate of these tests.
private func isClose(_ a: Double, _ b: Double, relative: Double = 1e-6) -> Bool {
    a.isApproximatelyEqual(to: b, relativeTolerance: relative)
}

@Suite("Model comparison by AICc and Akaike weights")
struct ModelComparisonTests {
    // MARK: Akaike weights by hand

    @Test func handComputedWeights() {
        // Δ = (0, 2, 6): weights (1, e⁻¹, e⁻³) / (1 + e⁻¹ + e⁻³).
        let weights = ModelComparison.akaikeWeights([100, 102, 106])
        let expected = [0.7053845126982412, 0.25949646034241913, 0.03511902695933973]
        for (w, e) in zip(weights, expected) { #expect(isClose(w, e, relative: 1e-14), "\(w) vs \(e)") }
        #expect(isClose(weights.reduce(0, +), 1, relative: 1e-15))

        // Order is kept, and only differences matter.
        let shuffled = ModelComparison.akaikeWeights([1106, 1100, 1102])
        for (w, e) in zip(shuffled, [expected[2], expected[0], expected[1]]) { #expect(isClose(w, e, relative: 1e-14)) }

        // Two equal values share the weight; a value 2000 above the best gets 0 without NaN.
        #expect(ModelComparison.akaikeWeights([-50, -50]) == [0.5, 0.5])
        #expect(ModelComparison.akaikeWeights([1e6, 1e6 + 2000]) == [1, 0])
    }

    @Test func nonFiniteValuesGetNoWeight() {
        let weights = ModelComparison.akaikeWeights([.nan, 10, .infinity, 12, -.infinity])
        #expect(weights[0] == 0 && weights[2] == 0 && weights[4] == 0)
        #expect(isClose(weights[1], 1 / (1 + exp(-1)), relative: 1e-14))
        #expect(isClose(weights[1] + weights[3], 1, relative: 1e-15))
        #expect(ModelComparison.akaikeWeights([.nan, .infinity]) == [0, 0])
        #expect(ModelComparison.akaikeWeights([]).isEmpty)
    }

    // MARK: Against the scipy fixture

    /// The growth models of the fixture, started where scipy started.
    private func fixtureCandidates(_ fixture: SolverFeatureFixture.Comparison) throws
        -> [(name: String, model: any CurveModel, start: [Double])]
    {
        try fixture.fits.map { fit in (name: fit.name, model: try GrowthModels.named(fit.name) as any CurveModel, start: fit.start) }
    }

    private func checkAgainstFixture(_ ranked: [ModelCandidateResult], _ fixture: SolverFeatureFixture.Comparison) throws {
        #expect(ranked.map(\.name) == fixture.ranking)
        #expect(ranked.allSatisfy { $0.isUsable }, "\(ranked.map { $0.error ?? "ok" })")
        #expect(ranked.first?.deltaAICc == 0)
        #expect(isClose(ranked.map(\.akaikeWeight).reduce(0, +), 1, relative: 1e-14))
        for candidate in ranked {
            let expected = try #require(fixture.fits.first { $0.name == candidate.name })
            let result = try #require(candidate.result)
            for j in expected.estimates.indices {
                #expect(isClose(result.estimates[j], expected.estimates[j]),
                        "\(candidate.name) \(result.modelParameterNames[j]): \(result.estimates[j]) vs scipy \(expected.estimates[j])")
            }
            let aicc = try #require(candidate.aicc)
            #expect(isClose(aicc, expected.aicc, relative: 1e-9), "\(candidate.name): AICc \(aicc) vs \(expected.aicc)")
            #expect(aicc == result.aicc)
            let delta = try #require(candidate.deltaAICc)
            #expect(delta.isApproximatelyEqual(to: expected.deltaAicc, absoluteTolerance: 1e-7), "\(candidate.name): Δ \(delta)")
            #expect(candidate.akaikeWeight.isApproximatelyEqual(to: expected.akaikeWeight, absoluteTolerance: 1e-12, relativeTolerance: 1e-6),
                    "\(candidate.name): weight \(candidate.akaikeWeight) vs \(expected.akaikeWeight)")
        }
    }

    @Test func rankingOnGompertzDataMatchesScipy() throws {
        let fixture = try SolverFeatureFixture.load().comparison
        let ranked = ModelComparison.compare(try fixtureCandidates(fixture), predictors: Predictors(fixture.x), response: fixture.y)
        try checkAgainstFixture(ranked, fixture)
        // The generating model wins; the logistic, linear and exponential curves have essentially no support.
        #expect(ranked.first?.name == "gompertz")
        #expect(ranked.filter { ["logistic", "linear", "exponential"].contains($0.name) }.allSatisfy { ($0.deltaAICc ?? 0) > 10 })
    }

    @Test func selfStartedRankingMatchesScipy() throws {
        let fixture = try SolverFeatureFixture.load().comparison
        let models = try fixture.fits.map { try GrowthModels.named($0.name) }
        let ranked = ModelComparison.compare(models: models, x: fixture.x, y: fixture.y)
        try checkAgainstFixture(ranked, fixture)
    }

    // MARK: Unusable candidates and ties

    @Test func unusableCandidatesComeLastWithTheirReason() throws {
        let fixture = try SolverFeatureFixture.load().comparison
        let formula = try FormulaModel(formula: "a + b*x", parameters: ["a", "b"])
        let overflowing = try FormulaModel(formula: "b1*exp(b2*x)", parameters: ["b1", "b2"])
        let candidates = [
            ModelCandidate(name: "wrong start", model: LogisticGrowth(), start: [1, 2]),
            ModelCandidate(LinearGrowth()),
            ModelCandidate(name: "no start", model: formula),
            ModelCandidate(name: "overflowing", model: overflowing, start: [1, 800]),
            ModelCandidate(GompertzGrowth()),
        ]
        let ranked = ModelComparison.compare(candidates, predictors: Predictors(fixture.x), response: fixture.y)
        #expect(ranked.map(\.name) == ["gompertz", "linear", "wrong start", "no start", "overflowing"])
        #expect(ranked.map(\.isUsable) == [true, true, false, false, false])
        #expect(isClose(ranked[0].akaikeWeight + ranked[1].akaikeWeight, 1, relative: 1e-14))
        for candidate in ranked.dropFirst(2) {
            #expect(candidate.akaikeWeight == 0 && candidate.aicc == nil && candidate.deltaAICc == nil)
        }
        #expect(ranked[2].error == "2 start values for 3 parameters (Asym, xmid, scal)", "\(String(describing: ranked[2].error))")
        #expect(ranked[2].result == nil)
        #expect(ranked[3].error?.contains("no start values") == true, "\(String(describing: ranked[3].error))")
        #expect(ranked[4].error?.contains("the fit did not converge") == true, "\(String(describing: ranked[4].error))")
        #expect(ranked[4].error?.contains("not finite at the start values") == true, "\(String(describing: ranked[4].error))")
        #expect(ranked[4].result != nil, "a fit that ran is kept for inspection")
    }

    @Test func selfStartFailureIsAReason() throws {
        // The Weibull curve is undefined before its origin, where the self-start refuses to start.
        let x: [Double] = [-1, 2, 3, 4, 5, 6]
        let y: [Double] = [-1, 0.5, 2, 3.4, 5.1, 6]
        let ranked = ModelComparison.compare(models: [WeibullGrowth(), LinearGrowth()], x: x, y: y)
        #expect(ranked.map(\.name) == ["linear", "weibull"])
        #expect(ranked[0].akaikeWeight == 1 && ranked[0].deltaAICc == 0)
        #expect(ranked[1].error?.contains("origin") == true, "\(String(describing: ranked[1].error))")
    }

    @Test func tooFewObservationsForAICc() throws {
        // n = 5: the line has k = 3 and n − k − 1 = 1; the logistic has k = 4 and no AICc.
        let x: [Double] = [1, 2, 3, 4, 5]
        let y: [Double] = [2.1, 4.8, 10.2, 14.9, 18.1]
        let ranked = ModelComparison.compare(models: [LogisticGrowth(), LinearGrowth()], x: x, y: y)
        #expect(ranked.map(\.name) == ["linear", "logistic"])
        #expect(ranked[0].akaikeWeight == 1)
        #expect(ranked[1].result?.isUsable == true)
        #expect(ranked[1].error == "AICc needs more than k + 1 = 5 observations for 3 parameters (k = p + 1), the data have 5",
                "\(String(describing: ranked[1].error))")
    }

    @Test func exactFitIsNotRanked() throws {
        // A line through the points leaves only rounding errors (RSS ≈ 1e-30): its log-likelihood
        // would be about +200 and swamp any real comparison.
        let x: [Double] = [0, 1, 2, 3, 4, 5, 6, 7]
        let y = x.map { 1 + 2 * $0 }
        let ranked = ModelComparison.compare(
            [(name: "line", model: LinearGrowth() as any CurveModel, start: [0.0, 0.0]),
             (name: "exponential", model: ExponentialGrowth() as any CurveModel, start: [2.0, 0.3])],
            predictors: Predictors(x), response: y)
        #expect(ranked.map(\.name) == ["exponential", "line"])
        #expect(ranked[1].result?.isUsable == true)
        #expect(ranked[1].error?.hasPrefix("the fit is exact to working precision") == true, "\(String(describing: ranked[1].error))")
        #expect(ranked[0].akaikeWeight == 1 && ranked[1].akaikeWeight == 0)
    }

    @Test func tiesKeepTheInputOrder() throws {
        let fixture = try SolverFeatureFixture.load().comparison
        let gompertz = GompertzGrowth()
        let start = try gompertz.initialParameters(x: fixture.x, y: fixture.y)
        for names in [["first", "second"], ["second", "first"]] {
            let ranked = ModelComparison.compare(
                [(name: "line", model: LinearGrowth() as any CurveModel, start: [0.0, 1.0]),
                 (name: names[0], model: gompertz as any CurveModel, start: start),
                 (name: names[1], model: gompertz as any CurveModel, start: start)],
                predictors: Predictors(fixture.x), response: fixture.y)
            #expect(ranked.map(\.name) == names + ["line"])
            #expect(ranked[0].aicc == ranked[1].aicc)
            #expect(ranked[0].deltaAICc == 0 && ranked[1].deltaAICc == 0)
            #expect(ranked[0].akaikeWeight == ranked[1].akaikeWeight)
            #expect(isClose(ranked.map(\.akaikeWeight).reduce(0, +), 1, relative: 1e-14))
        }
    }

    @Test func noUsableCandidate() throws {
        let ranked = ModelComparison.compare(
            [(name: "a", model: LinearGrowth() as any CurveModel, start: [1.0]),
             (name: "b", model: LogisticGrowth() as any CurveModel, start: [.nan, 1, 1])],
            predictors: Predictors([1, 2, 3, 4]), response: [1, 2, 3, 5])
        #expect(ranked.map(\.name) == ["a", "b"])
        #expect(ranked.allSatisfy { !$0.isUsable && $0.akaikeWeight == 0 })
        #expect(ModelComparison.compare([ModelCandidate](), predictors: Predictors([1, 2]), response: [1, 2]).isEmpty)
    }

    @Test func weightsAreSharedByAllCandidates() throws {
        let reference = try SolverFeatureFixture.load().weighted
        let model = try FormulaModel(formula: reference.formula, parameters: reference.parameters)
        let ranked = ModelComparison.compare(
            [(name: "decay", model: model as any CurveModel, start: reference.start),
             (name: "line", model: LinearGrowth() as any CurveModel, start: [5, -0.5])],
            predictors: Predictors(reference.x), response: reference.y, weights: reference.weights)
        #expect(ranked.first?.name == "decay")
        let aicc = try #require(ranked.first?.aicc)
        #expect(isClose(aicc, reference.criteria.aicc, relative: 1e-9), "weighted AICc \(aicc) vs \(reference.criteria.aicc)")
    }
}

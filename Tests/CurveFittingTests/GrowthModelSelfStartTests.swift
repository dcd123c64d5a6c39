import CurveFitting
import Foundation
import Testing

@Suite("Growth model self-starts")
struct GrowthModelSelfStartTests {
    typealias Support = GrowthModelTestSupport

    /// On noise-free data the start should be the truth itself, up to the resolution of the
    /// search (a grid refined by line searches: the solver takes it the rest of the way).
    @Test("noise-free data give the true parameters", arguments: Support.cases)
    func noiseFree(_ testCase: Support.Case) throws {
        let y = Support.curve(testCase.model, x: testCase.x, parameters: testCase.truth)
        let start = try testCase.model.initialParameters(x: testCase.x, y: y)
        #expect(Support.largestRelativeError(start, testCase.truth) < 0.01, "start \(start)")
        let rss = Support.residualSumOfSquares(testCase.model, x: testCase.x, y: y, parameters: start)
        #expect(rss <= 1e-6 * Support.totalSumOfSquares(y))
    }

    /// With noise of 1% of the response range, the start must fit about as well as the truth
    /// (a start that is a least-squares fit in its own right fits better) and lie within 25% of it.
    @Test("mildly noisy data give a start close to the truth", arguments: Support.cases)
    func mildlyNoisy(_ testCase: Support.Case) throws {
        let clean = Support.curve(testCase.model, x: testCase.x, parameters: testCase.truth)
        let sigma = 0.01 * ((clean.max() ?? 0) - (clean.min() ?? 0))
        for seed: UInt64 in [1, 2, 3] {
            var random = Support.LCG(seed: seed)
            let y = clean.map { $0 + sigma * random.normal() }
            let start = try testCase.model.initialParameters(x: testCase.x, y: y)
            let rss = Support.residualSumOfSquares(testCase.model, x: testCase.x, y: y, parameters: start)
            let truthRSS = Support.residualSumOfSquares(testCase.model, x: testCase.x, y: y, parameters: testCase.truth)
            #expect(rss <= 1.5 * truthRSS, "seed \(seed): start \(start)")
            #expect(Support.largestRelativeError(start, testCase.truth) < 0.25, "seed \(seed): start \(start)")
        }
    }

    /// Decreasing curves: a negative scale, A > B, decay towards an asymptote, b3 > 1.
    @Test(
        "decreasing curves start as well as increasing ones",
        arguments: [
            Support.Case(model: ExponentialGrowth(), truth: [50, -0.3], x: Support.grid(0, 10, 11), otherPoints: []),
            Support.Case(model: LogisticGrowth(), truth: [100, 5, -1.5], x: Support.grid(0, 12, 13), otherPoints: []),
            Support.Case(
                model: FourParameterLogistic(), truth: [110, 10, 5, 1.5], x: Support.grid(0, 12, 13), otherPoints: []),
            Support.Case(model: GompertzGrowth(), truth: [100, 0.05, 1.4], x: Support.grid(0, 12, 13), otherPoints: []),
            Support.Case(
                model: WeibullGrowth(), truth: [10, -90, log(0.05), 2], x: Support.grid(0, 12, 13), otherPoints: []),
            Support.Case(
                model: MonomolecularGrowth(), truth: [10, 100, 0.3], x: Support.grid(0, 12, 13), otherPoints: []),
        ])
    func decreasing(_ testCase: Support.Case) throws {
        let y = Support.curve(testCase.model, x: testCase.x, parameters: testCase.truth)
        let start = try testCase.model.initialParameters(x: testCase.x, y: y)
        #expect(Support.largestRelativeError(start, testCase.truth) < 0.01, "start \(start)")
    }

    @Test("order and replicates of the observations do not matter")
    func replicatesAreAveraged() throws {
        let model = LogisticGrowth()
        let x = Support.grid(0, 12, 13)
        let y = Support.curve(model, x: x, parameters: [100, 5, 1.5])
        // Each x three times, at +2, −1 and −1 from the curve, in reverse order: the means are
        // the curve, the individual values are not.
        let replicatedX = Array((x + x + x).reversed())
        let replicatedY = Array((y.map { $0 + 2 } + y.map { $0 - 1 } + y.map { $0 - 1 }).reversed())
        let start = try model.initialParameters(x: replicatedX, y: replicatedY)
        let reference = try model.initialParameters(x: x, y: y)
        #expect(Support.largestRelativeError(start, reference) < 1e-6)
    }

    @Test("a time origin is a shift of x", arguments: [
        (GrowthModelTestSupport.cases[1], ExponentialGrowth(origin: 2000) as any SelfStartingModel),
        (GrowthModelTestSupport.cases[4], GompertzGrowth(origin: 2000)),
        (GrowthModelTestSupport.cases[6], WeibullGrowth(origin: 2000)),
        (GrowthModelTestSupport.cases[7], MonomolecularGrowth(origin: 2000)),
        (GrowthModelTestSupport.cases[8], BassDiffusion(origin: 2000)),
    ])
    func origin(_ testCase: Support.Case, shifted: any SelfStartingModel) throws {
        #expect(shifted.name == testCase.model.name)
        let y = Support.curve(testCase.model, x: testCase.x, parameters: testCase.truth)
        let start = try shifted.initialParameters(x: testCase.x.map { $0 + 2000 }, y: y)
        #expect(Support.largestRelativeError(start, testCase.truth) < 0.01, "start \(start)")
    }

    @Test("exactly p distinct x values are enough", arguments: Support.cases)
    func minimalData(_ testCase: Support.Case) throws {
        let model = testCase.model
        let x = Support.grid(testCase.x[1], testCase.x[testCase.x.count - 2], model.minimumDistinctX)
        let y = Support.curve(model, x: x, parameters: testCase.truth)
        let start = try model.initialParameters(x: x, y: y)
        #expect(start.count == model.parameterCount)
        #expect(start.allSatisfy { $0.isFinite })
    }
}

import Foundation
import Testing
@testable import Synthetic

/// The generators against an independent implementation of their documented recipes:
/// `Benchmarks/compare/synthetic.py reference …` (pure-Python xoshiro256** seeded by SplitMix64,
/// scipy's `ndtri` for the normal inversion, the start rule re-coded from its documentation).
/// The values below are that script's output, pasted verbatim.
@Suite("synthetic recipes vs the Python reference")
struct RecipeReferenceTests {
    struct Reference {
        let y: [[Double]]
        let start: [[Double]]
        let truth: [[Double]]
    }

    /// `synthetic.py reference growth CURVE 2 6 0.02 7`
    static let growth: [GrowthCurve: Reference] = [
        .logistic: Reference(
            y: [[14.851514207468925, 18.778833057432458, 19.9985077147931, 18.731452328522344, 25.742364470469944, 35.60086689852976],
                [4.770867900501608, 5.333901922807395, 5.039575907397933, 7.258828220539509, 8.628045327832243, 12.4415485057141]],
            start: [[37.38091024345625, 2.4328873123963173, 1.8153978887872606], [13.063625930999807, 2.824160468547466, 1.624835889208919]],
            truth: [[120.05764821796896, 8.672507376842706, 3.17925492375284], [65.18161073341204, 10.248205591230303, 2.9637164140912278]]),
        .gompertz: Reference(
            y: [[14.619283265265194, 21.22624835955483, 25.68139605025382, 27.70926918268638, 37.529510708234696, 49.25426126334589],
                [4.5142863149693575, 6.608646052663344, 8.66790409886956, 13.822607780482516, 18.282721131623013, 24.855712225749045]],
            start: [[51.71697432651319, 3.106968427500101, 0.5736681231471393], [26.098497837036497, 5.2760005880984835, 0.5255743086931353]],
            truth: [[120.05764821796896, 3.115004917895137, 0.809906865469105], [65.18161073341204, 4.165470394153536, 0.7829645517614034]]),
        .richards: Reference(
            y: [[30.128761010932838, 31.198795826372557, 29.30660903817818, 35.16149285400519, 43.34479283796259, 47.77649630250163],
                [13.395974078416765, 16.30401628326574, 17.32896397916224, 21.63259066611729, 23.279674346524068, 27.12771645969909]],
            start: [[50.16532111762671, 1.1866016964482664, 1.9993950056057854, 1.0], [28.484102282684045, 1.6661587003737668, 1.7586111211658648, 1.0]],
            truth: [[120.05764821796896, 8.672507376842706, 3.17925492375284, 1.9716465875224025],
                    [104.13675985383838, 11.391149242273682, 3.377931197431206, 1.821276142684108]]),
    ]

    /// Relative agreement: the uniforms are exact, the normals differ by scipy's ndtri vs AS 241
    /// (both within a few ulp), libm's exp/pow by an ulp; 1e-12 leaves room for that and for
    /// nothing else (a wrong draw order or range changes the leading digits).
    static func expectClose(_ a: [Double], _ b: [[Double]], _ what: String) {
        let expected = b.flatMap { $0 }
        #expect(a.count == expected.count, "\(what): count")
        for (x, y) in zip(a, expected) {
            #expect(abs(x - y) <= 1e-12 * max(abs(x), abs(y)), "\(what): \(x) vs \(y)")
        }
    }

    @Test(arguments: GrowthCurve.allCases)
    func growthSeriesMatchTheReference(_ curve: GrowthCurve) throws {
        let set = try GrowthSeriesSet(GrowthSeriesSpec(curve: curve, series: 2, points: 6, noise: 0.02, seed: 7))
        let reference = try #require(Self.growth[curve])
        #expect(set.grid == [1, 2, 3, 4, 5, 6])
        Self.expectClose(set.y, reference.y, "\(curve) y")
        Self.expectClose(set.starts, reference.start, "\(curve) starts")
        Self.expectClose(set.truth, reference.truth, "\(curve) truth")
    }

    /// `synthetic.py reference decision 3 2 11`
    @Test func decisionMatrixMatchesTheReference() throws {
        let matrix = try SyntheticDecisionMatrix(DecisionMatrixSpec(alternatives: 3, criteria: 2, seed: 11))
        Self.expectClose(matrix.weights, [[0.5519034422291099, 0.44809655777089]], "weights")
        #expect(matrix.benefit == [true, true])
        let rows = [[9.43994557155121, 99.58033707758916], [31.360498095948618, 63.56819077305864], [51.73088851749812, 23.682115742010843]]
        // Stored column-major: criterion by criterion.
        Self.expectClose(matrix.values, [rows.map { $0[0] }, rows.map { $0[1] }], "values")
    }
}

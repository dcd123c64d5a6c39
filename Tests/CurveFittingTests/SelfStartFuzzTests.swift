import CurveFitting
import Foundation
import Testing

/// A self-start returns a start or a reason, never traps and never loops (issue 12). A trap
/// would end the test process, so a run that finishes is the check that none happened; the
/// expectations check the result.
@Suite("Self-start fuzzing")
struct SelfStartFuzzTests {
    typealias Support = GrowthModelTestSupport

    /// One random value: mostly ordinary numbers, with zeros, negatives, repeats and values at
    /// the ends of the floating-point range.
    static func value(_ random: inout Support.LCG, previous: Double?) -> Double {
        let u = random.uniform()
        switch Int(random.uniform() * 10) {
        case 0: return 0
        case 1: return -100 * u
        case 2: return previous ?? u
        case 3: return (u < 0.5 ? -1 : 1) * pow(10, 300 * random.uniform())
        case 4: return (u < 0.5 ? -1 : 1) * pow(10, -300 * random.uniform())
        case 5: return u < 0.5 ? .greatestFiniteMagnitude : -.greatestFiniteMagnitude
        default: return 100 * u
        }
    }

    /// The models fuzzed: every growth model, and the time-origin variants that reject x before it.
    static let models: [any SelfStartingModel] = GrowthModels.all + [
        GompertzGrowth(origin: 2000), WeibullGrowth(origin: 1), BassDiffusion(origin: 2), MonomolecularGrowth(origin: -5),
    ]

    @Test("random short series give a start or a reason")
    func randomShortSeries() {
        var random = Support.LCG(seed: 20_261_203)
        var (starts, reasons) = (0, 0)
        for trial in 0..<3000 {
            let n = trial % 9
            var x: [Double] = []
            var y: [Double] = []
            for i in 0..<n {
                // Half the series on an ordinary increasing grid, half with random x values.
                x.append(trial % 2 == 0 ? Double(i + 1) : Self.value(&random, previous: x.last))
                y.append(Self.value(&random, previous: y.last))
            }
            let model = Self.models[trial % Self.models.count]
            do {
                let start = try model.initialParameters(x: x, y: y)
                starts += 1
                #expect(start.count == model.parameterCount && start.allSatisfy(\.isFinite),
                        "\(model.name) x=\(x) y=\(y): \(start)")
            } catch let error as GrowthModelError {
                reasons += 1
                #expect(!error.description.isEmpty)
            } catch {
                Issue.record("\(model.name) x=\(x) y=\(y): unexpected error \(error)")
            }
        }
        #expect(starts > 300 && reasons > 300, "\(starts) starts, \(reasons) reasons")
    }

    /// The 4-point series on which the coordinate search of the Bass self-start used to trap
    /// ("Range requires lowerBound <= upperBound").
    @Test("the Bass series that trapped gets a start")
    func bassTrapSeries() throws {
        let start = try BassDiffusion().initialParameters(x: [1, 2, 3, 4], y: [4.417, 1.763, -5.013, 3.958])
        #expect(start.count == 3 && start.allSatisfy(\.isFinite), "\(start)")
    }
}

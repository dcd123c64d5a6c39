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

    /// The batch's quick starts and its self-started path (quick start, its fit, the fallback to
    /// the full self-start) on the same kind of random series: a finite start of the right length
    /// or none, and one row per series.
    @Test("random short series: quick starts and self-started batch rows")
    func randomShortSeriesInABatch() throws {
        var random = Support.LCG(seed: 20_261_204)
        for model in Self.models {
            var (x, y, offsets) = ([Double](), [Double](), [0])
            for trial in 0..<150 {
                let n = 3 + trial % 6
                var (xs, ys) = ([Double](), [Double]())
                for i in 0..<n {
                    xs.append(trial % 2 == 0 ? Double(i + 1) : Self.value(&random, previous: xs.last))
                    ys.append(Self.value(&random, previous: ys.last))
                }
                if trial % 2 == 0 {
                    let quick = xs.withUnsafeBufferPointer { a in ys.withUnsafeBufferPointer { model.quickStart(x: a, y: $0) } }
                    if let quick {
                        #expect(quick.count == model.parameterCount && quick.allSatisfy(\.isFinite), "\(model.name) y=\(ys)")
                    }
                }
                x += xs
                y += ys
                offsets.append(x.count)
            }
            let batch = try SeriesBatch(ids: (0..<150).map { "s\($0)" }, offsets: offsets, x: x, y: y)
            let rows = BatchFitter.fit(batch, model: model, threads: 2)
            #expect(rows.count == 150)
            #expect(rows.allSatisfy { !$0.isUsable || $0.estimates.allSatisfy(\.isFinite) }, "\(model.name)")
        }
    }

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

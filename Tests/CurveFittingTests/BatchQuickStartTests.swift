@testable import CurveFitting
import Foundation
import Testing

/// The batch fitter's quick starts (``SelfStartingModel/quickStart(x:y:)``) and the fallback to
/// the full self-start, checked against known truths and against the full self-start's fits.
@Suite("Batch quick starts")
struct BatchQuickStartTests {
    typealias Support = GrowthModelTestSupport

    /// Noise-free series of `model` at x = 0…19 for each parameter vector.
    static func batch(_ model: some CurveModel, _ parameters: [[Double]]) throws -> SeriesBatch {
        let x = (0..<20).map(Double.init)
        var (xs, ys) = ([Double](), [Double]())
        for theta in parameters {
            xs += x
            ys += x.indices.map { model.value(row: $0, of: Predictors(x), parameters: theta) }
        }
        return try SeriesBatch(ids: parameters.indices.map { "s\($0)" }, offsets: (0...parameters.count).map { 20 * $0 },
                               x: xs, y: ys)
    }

    @Test("the quick starts lead to the true parameters of noise-free curves")
    func quickStartsRecoverTheTruth() throws {
        let cases: [(any SelfStartingModel, [[Double]])] = [
            (LogisticGrowth(), [[100, 8, 2], [60, 12, 3], [140, 5, 1.5]]),
            (GompertzGrowth(), [[100, 4, 0.7], [70, 3, 0.8]]),
            (RichardsGrowth(), [[100, 9, 2, 0.6], [80, 10, 2.5, 1.8]]),
        ]
        for (model, truths) in cases {
            let data = try Self.batch(model, truths)
            for k in 0..<data.count {
                let (xs, ys) = data.series(k)
                let quick = Array(xs).withUnsafeBufferPointer { x in Array(ys).withUnsafeBufferPointer { model.quickStart(x: x, y: $0) } }
                #expect(quick?.count == model.parameterCount, "\(model.name) series \(k)")
            }
            let rows = BatchFitter.fit(data, model: model)
            for (k, row) in rows.enumerated() {
                #expect(row.isUsable, "\(model.name) series \(k): \(row.message)")
                for j in truths[k].indices {
                    #expect(abs(row.estimates[j] - truths[k][j]) <= 1e-6 * max(1, abs(truths[k][j])),
                            "\(model.name) series \(k) \(model.parameterNames[j]): \(row.estimates[j]) vs \(truths[k][j])")
                }
            }
        }
    }

    @Test("no quick start where the data do not allow one")
    func quickStartDeclines() {
        func quick(_ y: [Double]) -> [Double]? {
            let x = y.indices.map(Double.init)
            return x.withUnsafeBufferPointer { xs in y.withUnsafeBufferPointer { LogisticGrowth().quickStart(x: xs, y: $0) } }
        }
        #expect(quick([5, 5, 5, 5]) == nil)  // constant
        #expect(quick([1, 2]) == nil)  // fewer than 3 points
        #expect(quick([0, 0, 0, 0, 1]) == nil)  // fewer than 3 positive values to linearize
        #expect(quick([1, 3, 9, 20, 30, 34]) != nil)
    }

    /// On noisy series the batch (quick start first) is never worse than fitting from the full
    /// self-start alone: where the quick fit is kept it converged with well-determined
    /// estimates, and elsewhere the better of the two fits is kept.
    @Test("noisy and flat series: never worse than the full self-start's fit")
    func neverWorseThanTheFullSelfStart() throws {
        var random = Support.LCG(seed: 41)
        var (x, y) = ([Double](), [Double]())
        let count = 120
        for k in 0..<count {
            let (asym, xmid, scal) = (50 + 100 * random.uniform(), 7 + 6 * random.uniform(), 1.5 + 2 * random.uniform())
            // Every fourth series sees only the saturated tail, where several basins compete.
            let first = k % 4 == 0 ? xmid + 4 * scal : 0
            for i in 0..<24 {
                let t = first + Double(i) * 20 / 23
                x.append(t)
                y.append(asym / (1 + exp((xmid - t) / scal)) + 0.03 * asym * random.normal())
            }
        }
        let batch = try SeriesBatch(ids: (0..<count).map { "s\($0)" }, offsets: (0...count).map { 24 * $0 }, x: x, y: y)
        let model = LogisticGrowth()
        let rows = BatchFitter.fit(batch, model: model, threads: 2)
        var full: [Double] = []
        var fullUsable = [Bool]()
        for k in 0..<count {
            let (xs, ys) = batch.series(k)
            let start = (try? model.initialParameters(x: Array(xs), y: Array(ys))) ?? [.nan, .nan, .nan]
            full += start
            fullUsable.append(start.allSatisfy(\.isFinite))
        }
        let fromFull = BatchFitter.fit(batch, model: model, starts: full)
        var usable = (batch: 0, full: 0)
        for k in 0..<count {
            if rows[k].isUsable { usable.batch += 1 }
            if fromFull[k].isUsable { usable.full += 1 }
            guard rows[k].isUsable, fromFull[k].isUsable, !(k % 4 == 0) else { continue }
            // Ordinary series: the same minimum.
            let (a, b) = (try #require(rows[k].residualSumOfSquares), try #require(fromFull[k].residualSumOfSquares))
            #expect(a <= b * (1 + 1e-9), "series \(k): \(a) vs \(b)")
        }
        #expect(usable.batch >= usable.full - 1, "\(usable)")
    }

    @Test("Gompertz: a curve falling to its asymptote (b2 < 0) is self-started")
    func gompertzFromAbove() throws {
        let model = GompertzGrowth()
        let truth = [80.0, -1.5, 0.8]
        let data = try Self.batch(model, [truth])
        let (xs, ys) = data.series(0)
        let start = try model.initialParameters(x: Array(xs), y: Array(ys))
        #expect(start[1] < 0, "\(start)")
        let row = BatchFitter.fit(data, model: model)[0]
        #expect(row.isUsable, "\(row.message)")
        for j in truth.indices {
            #expect(abs(row.estimates[j] - truth[j]) <= 1e-6 * abs(truth[j]), "\(row.estimates) vs \(truth)")
        }
    }
}

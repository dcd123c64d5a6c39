@testable import CurveFitting
import Foundation
import Testing

@Suite("Batch fitting")
struct BatchFittingTests {
    typealias Support = GrowthModelTestSupport

    /// `count` logistic series of 20 points at x = 1…20 with Asym ∈ [50, 150], xmid ∈ [7, 13],
    /// scal ∈ [1.5, 3.5] and Gaussian noise of 2% of Asym (a value that would not be positive
    /// keeps its noise-free value, so that the self-start applies), plus the true parameters.
    static func logisticBatch(count: Int, seed: UInt64) throws -> (SeriesBatch, truth: [[Double]]) {
        var random = Support.LCG(seed: seed)
        var (x, y, truth) = ([Double](), [Double](), [[Double]]())
        for _ in 0..<count {
            let parameters = [50 + 100 * random.uniform(), 7 + 6 * random.uniform(), 1.5 + 2 * random.uniform()]
            truth.append(parameters)
            for i in 1...20 {
                let clean = parameters[0] / (1 + exp((parameters[1] - Double(i)) / parameters[2]))
                let noisy = clean + 0.02 * parameters[0] * random.normal()
                x.append(Double(i))
                y.append(noisy > 0 ? noisy : clean)
            }
        }
        let batch = try SeriesBatch(ids: (0..<count).map { "s\($0)" }, offsets: (0...count).map { 20 * $0 }, x: x, y: y)
        return (batch, truth)
    }

    static func relativeDifference(_ a: Double, _ b: Double) -> Double {
        abs(a - b) / max(abs(a), abs(b), 1e-300)
    }

    /// Checks batch rows against `CurveFitter.fit` (the LAPACK path) from the same starts.
    static func expectAgreement(
        _ rows: [BatchFitRow], _ batch: SeriesBatch, model: some SelfStartingModel, starts: [[Double]],
        tolerance: Double = 1e-8
    ) throws {
        for k in 0..<batch.count {
            let (xs, ys) = batch.series(k)
            let problem = try FitProblem(model: model, predictors: Predictors(Array(xs)), response: Array(ys))
            let reference = try CurveFitter.fit(problem, start: starts[k])
            let row = rows[k]
            #expect(row.id == batch.ids[k])
            #expect(row.status == reference.termination.status, "series \(k): \(row.message) vs \(reference.termination)")
            #expect(row.isUsable == reference.isUsable)
            guard reference.isUsable else { continue }
            for j in 0..<model.parameterCount {
                #expect(relativeDifference(row.estimates[j], reference.estimates[j]) < tolerance,
                        "series \(k) parameter \(j): \(row.estimates[j]) vs \(reference.estimates[j])")
            }
            let rss = try #require(row.residualSumOfSquares)
            #expect(relativeDifference(rss, reference.objective) < 1e-10)
            let errors = reference.covariance.map { c in (0..<model.parameterCount).map { c[$0, $0].squareRoot() } }
            if let errors {
                for j in errors.indices {
                    let se = try #require(row.standardErrors[j])
                    #expect(relativeDifference(se, errors[j]) < 1e-6, "series \(k) standard error \(j)")
                }
            }
        }
    }

    /// Both solvers stop on MINPACK's relative-reduction test (1e-8 by default), so estimates agree
    /// to a few times 1e-8 (the QR and SVD steps round differently).
    @Test("self-started batch fits agree with CurveFitter.fit to 5e-8")
    func selfStartAgreesWithLAPACKPath() throws {
        let (batch, _) = try Self.logisticBatch(count: 300, seed: 7)
        let model = LogisticGrowth()
        let rows = BatchFitter.fit(batch, model: model)
        #expect(rows.count == batch.count)
        #expect(rows.filter(\.isUsable).count == batch.count)
        let starts = try (0..<batch.count).map { k in
            let (xs, ys) = batch.series(k)
            return try model.initialParameters(x: Array(xs), y: Array(ys))
        }
        try Self.expectAgreement(rows, batch, model: model, starts: starts, tolerance: 5e-8)
    }

    @Test("given starts are used as they are")
    func givenStartsAgreeWithLAPACKPath() throws {
        let (batch, truth) = try Self.logisticBatch(count: 300, seed: 11)
        var random = Support.LCG(seed: 3)
        let starts = truth.map { $0.map { $0 * (1 + 0.2 * (random.uniform() - 0.5)) } }
        let rows = BatchFitter.fit(batch, model: LogisticGrowth(), starts: starts.flatMap { $0 })
        #expect(rows.filter(\.isUsable).count == batch.count)
        try Self.expectAgreement(rows, batch, model: LogisticGrowth(), starts: starts)
    }

    @Test("other models go through their CurveModel methods and agree too")
    func genericModelAgrees() throws {
        let (batch, _) = try Self.logisticBatch(count: 40, seed: 5)
        let model = GompertzGrowth()
        let existential: any SelfStartingModel = model  // the command line's way: opened to the concrete type
        let rows = BatchFitter.fit(batch, model: existential)
        let starts = try (0..<batch.count).map { k in
            let (xs, ys) = batch.series(k)
            return try model.initialParameters(x: Array(xs), y: Array(ys))
        }
        // Gompertz on logistic data is misspecified: its minimum is flatter, so two solvers that
        // stop at 1e-14 relative reduction agree to fewer digits than on the logistic model.
        try Self.expectAgreement(rows, batch, model: model, starts: starts, tolerance: 1e-6)
    }

    @Test("rows do not depend on the thread count", arguments: [false, true])
    func threadCountInvariance(givenStarts: Bool) throws {
        let (batch, truth) = try Self.logisticBatch(count: 500, seed: 13)
        let starts = givenStarts ? truth.flatMap { $0.map { $0 * 1.1 } } : nil
        let one = BatchFitter.fit(batch, model: LogisticGrowth(), starts: starts, threads: 1)
        let two = BatchFitter.fit(batch, model: LogisticGrowth(), starts: starts, threads: 2)
        let three = BatchFitter.fit(batch, model: LogisticGrowth(), starts: starts, threads: 3)
        #expect(one == two)
        #expect(one == three)
    }

    @Test("a failing series becomes a non-usable row without stopping the batch")
    func failingSeriesAreReported() throws {
        let (good, _) = try Self.logisticBatch(count: 6, seed: 17)
        var (ids, offsets, x, y) = ([String](), [0], [Double](), [Double]())
        func append(_ id: String, _ xs: [Double], _ ys: [Double]) {
            ids.append(id)
            x += xs
            y += ys
            offsets.append(x.count)
        }
        for k in 0..<3 {
            let (xs, ys) = good.series(k)
            append(good.ids[k], Array(xs), Array(ys))
        }
        let grid = (1...20).map(Double.init)
        append("constant", grid, Array(repeating: 5, count: 20))
        append("nan", grid, grid.map { $0 == 4 ? .nan : 100 / (1 + exp((10 - $0) / 2)) })
        append("two points", [1, 2], [3, 4])
        append("empty", [], [])
        for k in 3..<6 {
            let (xs, ys) = good.series(k)
            append(good.ids[k], Array(xs), Array(ys))
        }
        let batch = try SeriesBatch(ids: ids, offsets: offsets, x: x, y: y)
        for threads in [1, 2] {
            let rows = BatchFitter.fit(batch, model: LogisticGrowth(), threads: threads)
            #expect(rows.map(\.id) == ids)
            for row in rows[3..<7] {
                #expect(!row.isUsable, "\(row.id)")
                #expect(row.status == "invalid", "\(row.id): \(row.status)")
                #expect(!row.message.isEmpty)
            }
            #expect(rows[6].observationCount == 0)
            let reference = BatchFitter.fit(good, model: LogisticGrowth())
            #expect(Array(rows[0..<3]) + Array(rows[7..<10]) == reference)

            // The same failures with given starts: the data checks reject them instead.
            var starts: [Double] = []
            for _ in ids { starts += [100, 10, 2] }
            let given = BatchFitter.fit(batch, model: LogisticGrowth(), starts: starts, threads: threads)
            // A constant is a logistic curve with xmid at −∞: the batch either reaches residuals that
            // are exactly zero in double precision or stops where the objective still decreases (the
            // LAPACK path, whose last residuals are 3e-10), never an `invalid` row.
            #expect(["converged", "failed"].contains(given[3].status), "\(given[3])")
            for row in given[4..<7] { #expect(row.status == "invalid", "\(row.id): \(row.status) \(row.message)") }
            #expect(given[0..<3].allSatisfy(\.isUsable) && given[7..<10].allSatisfy(\.isUsable))
        }
    }

    @Test("a non-finite start is an invalid row")
    func nonFiniteStart() throws {
        let (batch, truth) = try Self.logisticBatch(count: 3, seed: 19)
        var starts = truth.flatMap { $0 }
        starts[4] = .infinity
        let rows = BatchFitter.fit(batch, model: LogisticGrowth(), starts: starts)
        #expect(rows.map(\.isUsable) == [true, false, true])
        #expect(rows[1].status == "invalid")
        #expect(rows[1].message.contains("xmid"))
    }

    @Test("the fast logistic self-start matches the variable-projection search")
    func fastSelfStartMatchesSearch() throws {
        let (batch, _) = try Self.logisticBatch(count: 50, seed: 23)
        for k in 0..<batch.count {
            let (xs, ys) = batch.series(k)
            let fast = try LogisticGrowth().initialParameters(x: Array(xs), y: Array(ys))
            let data = try GrowthSelfStart.Observations(x: Array(xs), y: Array(ys), for: LogisticGrowth())
            let full = try #require(
                GrowthSelfStart.LogisticFamily.separableStart(data, lowerAsymptote: false, searchesShape: false))
            let x = Array(xs), y = Array(ys)
            let rss = Support.residualSumOfSquares(LogisticGrowth(), x: x, y: y, parameters: fast)
            // The level search is a least-squares fit in its own right: as good as the grid search, up to its resolution.
            #expect(rss <= full.residualSumOfSquares * (1 + 1e-2), "series \(k): \(fast) vs \(full.parameters)")
        }
    }

    @Test("noisy series with zero or negative values near the start are self-started, not rejected")
    func nonPositiveNoiseIsTolerated() throws {
        // The generator of the MINPACK benchmark: 2% noise, kept even where it makes y ≤ 0.
        var random = Support.LCG(seed: 29)
        var (x, y) = ([Double](), [Double]())
        let count = 400
        for _ in 0..<count {
            let asym = 50 + 100 * random.uniform(), xmid = 7 + 6 * random.uniform(), scal = 1.5 + 2 * random.uniform()
            for i in 1...20 {
                x.append(Double(i))
                y.append(asym / (1 + exp((xmid - Double(i)) / scal)) + 0.02 * asym * random.normal())
            }
        }
        let batch = try SeriesBatch(ids: (0..<count).map { "s\($0)" }, offsets: (0...count).map { 20 * $0 }, x: x, y: y)
        let withNonPositive = (0..<count).filter { k in batch.series(k).y.contains { $0 <= 0 } }
        #expect(withNonPositive.count > 60, "\(withNonPositive.count) series with y ≤ 0")
        let rows = BatchFitter.fit(batch, model: LogisticGrowth(), threads: 2)
        let rejected = withNonPositive.filter { rows[$0].status == "invalid" }
        #expect(Double(rejected.count) <= 0.05 * Double(withNonPositive.count), "\(rejected.count) rejected")
        #expect(withNonPositive.filter { rows[$0].isUsable }.count >= withNonPositive.count - rejected.count - 2)
        // And the fits from those starts are the LAPACK path's.
        let model = LogisticGrowth()
        let subset = withNonPositive.filter { rows[$0].status != "invalid" }.prefix(40)
        let sub = try SeriesBatch(
            ids: subset.map { batch.ids[$0] }, offsets: (0...subset.count).map { 20 * $0 },
            x: subset.flatMap { Array(batch.series($0).x) }, y: subset.flatMap { Array(batch.series($0).y) })
        let starts = try (0..<sub.count).map { k in try model.initialParameters(x: Array(sub.series(k).x), y: Array(sub.series(k).y)) }
        try Self.expectAgreement(subset.map { rows[$0] }, sub, model: model, starts: starts)
    }
}

import Dispatch
import LinearAlgebra

/// Many independent series held in flat arrays: series `k` is `x[offsets[k]..<offsets[k+1]]`
/// and the same range of `y`.
public struct SeriesBatch: Sendable {
    public let ids: [String]
    public let offsets: [Int]
    public let x: [Double]
    public let y: [Double]

    /// - Throws: ``FitError/invalidData(_:)`` when the offsets do not partition the arrays.
    public init(ids: [String], offsets: [Int], x: [Double], y: [Double]) throws {
        guard offsets.count == ids.count + 1, offsets.first == 0, offsets.last == x.count, x.count == y.count,
              zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw FitError.invalidData("batch offsets must run from 0 to the number of observations, non-decreasing, one more than the series")
        }
        self.ids = ids
        self.offsets = offsets
        self.x = x
        self.y = y
    }

    /// Number of series.
    public var count: Int { ids.count }

    /// The observations of series `k`.
    public func series(_ k: Int) -> (x: ArraySlice<Double>, y: ArraySlice<Double>) {
        (x[offsets[k]..<offsets[k + 1]], y[offsets[k]..<offsets[k + 1]])
    }
}

/// One series' outcome in a batch: never thrown, always reported.
public struct BatchFitRow: Sendable, Equatable {
    public let id: String
    /// `converged`, `iteration_limit`, `evaluation_limit`, `failed`, or `invalid` (data or start rejected).
    public let status: String
    public let isUsable: Bool
    public let message: String
    /// Estimates (empty when the fit could not start).
    public let estimates: [Double]
    /// Standard errors (`nil` entries when the covariance is not estimable).
    public let standardErrors: [Double?]
    public let residualSumOfSquares: Double?
    public let iterations: Int
    public let observationCount: Int
}

/// Fits a growth model to every series of a batch, in parallel, deterministically: each series
/// is fitted independently from its own self-start, so the rows do not depend on the thread
/// count or the scheduling.
///
/// Steps use ``SmallJacobianFactorization`` (a Swift QR + Jacobi SVD) instead of LAPACK, whose
/// call overhead dominates problems of this size; tests check that both give the same fits.
/// OpenBLAS is kept single-threaded while the batch runs.
public enum BatchFitter {
    /// Fits every series; rows come back in the batch's order.
    public static func fit(_ batch: SeriesBatch, model: any SelfStartingModel, options: FitOptions = .init(), threads: Int = 1) -> [BatchFitRow] {
        var quiet = options
        quiet.recordsIterations = false
        let options = quiet
        let count = batch.count
        guard count > 0 else { return [] }
        let workers = max(1, min(threads, count))
        let previousBLASThreads = BLASThreads.current
        BLASThreads.set(1)
        defer { BLASThreads.set(previousBLASThreads) }

        let rows = UnsafeMutableBufferPointer<BatchFitRow?>.allocate(capacity: count)
        rows.initialize(repeating: nil)
        defer { rows.deallocate() }
        let chunk = max(1, (count + workers * 8 - 1) / (workers * 8))
        let chunks = (count + chunk - 1) / chunk
        nonisolated(unsafe) let output = rows
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            for k in (c * chunk)..<min(count, (c + 1) * chunk) {
                output[k] = fitOne(batch, k, model: model, options: options)
            }
        }
        return rows.compactMap { $0 }
    }

    /// Fits series `k`; errors become an `invalid` row.
    static func fitOne(_ batch: SeriesBatch, _ k: Int, model: any SelfStartingModel, options: FitOptions) -> BatchFitRow {
        let (xs, ys) = batch.series(k)
        let x = Array(xs), y = Array(ys)
        do {
            let start = try model.initialParameters(x: x, y: y)
            let problem = try FitProblem(model: model, predictors: Predictors(x), response: y)
            var solver = try LevenbergMarquardt(problem: problem, start: start, options: options, factorization: .small(.init()))
            solver.run()
            let termination = solver.termination ?? .iterationLimit(solver.iterations)
            let estimates = solver.parameters
            let (rss, standardErrors) = summary(problem, estimates, rankTolerance: options.rankTolerance)
            return BatchFitRow(id: batch.ids[k], status: termination.status, isUsable: termination.isUsable,
                               message: termination.message, estimates: estimates, standardErrors: standardErrors,
                               residualSumOfSquares: rss, iterations: solver.iterations, observationCount: x.count)
        } catch {
            return BatchFitRow(id: batch.ids[k], status: "invalid", isUsable: false, message: "\(error)", estimates: [],
                               standardErrors: [], residualSumOfSquares: nil, iterations: 0, observationCount: x.count)
        }
    }

    /// RSS and standard errors at the estimate from the small factorization of the column-scaled Jacobian.
    static func summary(_ problem: FitProblem, _ theta: [Double], rankTolerance: Double) -> (Double, [Double?]) {
        let (n, p) = (problem.observationCount, problem.parameterCount)
        var gradient = [Double](repeating: 0, count: p)
        var jacobian = [Double](repeating: 0, count: n * p)
        var residuals = [Double](repeating: 0, count: n)
        var rss = 0.0
        for i in 0..<n {
            let f = problem.model.value(row: i, of: problem.predictors, parameters: theta, gradient: &gradient)
            residuals[i] = f - problem.response[i]
            rss += residuals[i] * residuals[i]
            for j in 0..<p { jacobian[i + j * n] = gradient[j] }
        }
        let none = [Double?](repeating: nil, count: p)
        guard n > p, jacobian.allSatisfy(\.isFinite) else { return (rss, none) }
        var scales = [Double](repeating: 1, count: p)
        for j in 0..<p {
            var norm2 = 0.0
            for i in 0..<n { norm2 += jacobian[i + j * n] * jacobian[i + j * n] }
            scales[j] = norm2 > 0 ? norm2.squareRoot() : 1
            for i in 0..<n { jacobian[i + j * n] /= scales[j] }
        }
        var factorization = SmallJacobianFactorization()
        guard (try? factorization.factor(jacobian, rows: n, columns: p, residuals: residuals)) != nil else { return (rss, none) }
        let sigma = factorization.singularValues
        guard let largest = sigma.first, let smallest = sigma.last, smallest > rankTolerance * largest else { return (rss, none) }
        let variance = rss / Double(n - p)
        let v = factorization.rightVectors
        let errors: [Double?] = (0..<p).map { j in
            var sum = 0.0
            for k in 0..<p { sum += v[j + k * p] * v[j + k * p] / (sigma[k] * sigma[k]) }
            return (variance * sum).squareRoot() / scales[j]
        }
        return (rss, errors)
    }
}

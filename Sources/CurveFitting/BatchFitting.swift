import Dispatch
import Foundation
import LinearAlgebra

/// Many independent series held in flat arrays: series `k` is `x[offsets[k]..<offsets[k+1]]`
/// and the same range of `y`.
public struct SeriesBatch: Sendable {
    public let ids: [String]
    public let offsets: [Int]
    public let x: [Double]
    public let y: [Double]
    /// Observation weights (inverse variances), or `nil` for equal weights.
    public let weights: [Double]?

    /// - Throws: ``FitError/invalidData(_:)`` when the offsets do not partition the arrays.
    public init(ids: [String], offsets: [Int], x: [Double], y: [Double], weights: [Double]? = nil) throws {
        guard offsets.count == ids.count + 1, offsets.first == 0, offsets.last == x.count, x.count == y.count,
              weights == nil || weights?.count == x.count,
              zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw FitError.invalidData("batch offsets must run from 0 to the number of observations, non-decreasing, one more than the series")
        }
        self.ids = ids
        self.offsets = offsets
        self.x = x
        self.y = y
        self.weights = weights
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
/// is fitted independently from its own start, so the rows do not depend on the thread count or
/// the scheduling.
///
/// The solver is the one of ``CurveFitter/fit(_:start:options:)`` — ``LevenbergMarquardtCore``
/// with its restarts — specialized for plain least squares on one series: the steps come from
/// ``PivotedQRTrustRegionSubproblem`` (MINPACK's QR and `lmpar` in Swift, allocation-free)
/// instead of LAPACK, whose call overhead dominates problems of this size, and the model is
/// evaluated directly on the batch's buffers (the logistic model in closed form, reusing the
/// exponentials of the last residual evaluation for the Jacobian; other models through their
/// ``CurveModel`` methods, specialized for the model type). Each worker thread owns one solver
/// and reuses it for all its series. Tests check that the rows agree with `CurveFitter.fit`.
/// OpenBLAS is kept single-threaded while the batch runs.
public enum BatchFitter {
    /// The largest variance inflation (``Identifiability``) of a converged fit from a quick start
    /// that the batch keeps without also fitting from the full self-start: `1e4` (standard
    /// errors up to 100 times those of an orthogonal design). Measured on the comparison batch
    /// of `Benchmarks/compare/selfstart_vs_scipy.sh`: lower thresholds send more series to the
    /// full self-start (Gompertz costs more than its fit at `1e2`) without fewer worse minima.
    public static let quickFitVarianceInflation = 1e4

    /// Fits every series; rows come back in the batch's order.
    ///
    /// - Parameters:
    ///   - batch: The series.
    ///   - model: The growth model (an `any SelfStartingModel` is opened to its concrete type).
    ///   - starts: `nil` to start every series from the model's self-start
    ///     (``SelfStartingModel/initialParameters(x:y:)``), or one start vector per series, flat
    ///     (`starts[k·p + j]` is parameter `j` of series `k`, `p` the model's parameter count).
    ///     A series whose start is not finite becomes an `invalid` row.
    ///   - options: Solver options (the iteration log is never recorded in a batch).
    ///   - threads: Worker threads (1 runs on the calling thread only).
    /// - Precondition: `starts` is `nil` or has `batch.count · p` values.
    public static func fit<Model: SelfStartingModel>(
        _ batch: SeriesBatch, model: Model, starts: [Double]? = nil, options: FitOptions = .init(), threads: Int = 1
    ) -> [BatchFitRow] {
        if let logistic = model as? LogisticGrowth {
            return run(batch, model: logistic, evaluation: LogisticEvaluation(), starts: starts, options: options, threads: threads)
        }
        return run(batch, model: model, evaluation: ModelEvaluation(model), starts: starts, options: options, threads: threads)
    }

    private static func run<Model: SelfStartingModel, Evaluation: BatchEvaluation>(
        _ batch: SeriesBatch, model: Model, evaluation: Evaluation, starts: [Double]?, options: FitOptions, threads: Int
    ) -> [BatchFitRow] {
        var quiet = options
        quiet.recordsIterations = false
        let options = quiet
        let count = batch.count
        let p = model.parameterCount
        precondition(starts == nil || starts!.count == count * p, "starts must hold \(p) values per series")
        guard count > 0 else { return [] }
        do { try options.validate() } catch {
            return (0..<count).map { invalidRow(batch, $0, message: "\(error)") }
        }
        let workers = max(1, min(threads, count))
        let longest = (0..<count).reduce(0) { max($0, batch.offsets[$1 + 1] - batch.offsets[$1]) }
        let names = model.parameterNames
        return rows(count: count) { output in
            nonisolated(unsafe) let output = output
            // Workers read the batch through raw pointers and keep their own copies of every shared
            // array (names, options), so that no reference count is shared between threads: contended
            // retains and releases would cost more than the fits.
            withBatchView(batch, starts: starts) { view in
                onWorkers(count: count, threads: workers) { w, workers, chunk in
                    var options = options
                    options.restartStepBounds = options.restartStepBounds.map { $0 }
                    var worker = BatchWorker(
                        model: model, evaluation: evaluation, names: names.map { String($0) }, capacity: longest, options: options)
                    defer { worker.release() }
                    var c = w
                    while c * chunk < count {
                        for k in (c * chunk)..<min(count, (c + 1) * chunk) { output[k] = worker.fit(view, k) }
                        c += workers
                    }
                }
            }
        }
    }

    /// The `count` rows that `fill` writes into `output` (every slot, from any thread), with
    /// BLAS on one thread meanwhile (the workers are the parallelism).
    private static func rows(count: Int, _ fill: (_ output: UnsafeMutableBufferPointer<BatchFitRow?>) -> Void) -> [BatchFitRow] {
        let previousBLASThreads = BLASThreads.current
        BLASThreads.set(1)
        defer { BLASThreads.set(previousBLASThreads) }
        let rows = UnsafeMutableBufferPointer<BatchFitRow?>.allocate(capacity: count)
        rows.initialize(repeating: nil)
        defer {
            rows.deinitialize()
            rows.deallocate()
        }
        fill(rows)
        return rows.map { $0! }
    }

    /// Runs `work(w, workers, chunk)` on `workers` threads, worker 0 on the calling thread:
    /// worker `w` takes the interleaved chunks `w, w + workers, …` of `chunk` items of `count`.
    private static func onWorkers(count: Int, threads workers: Int, _ work: @escaping @Sendable (Int, Int, Int) -> Void) {
        if workers == 1 {
            work(0, 1, count)
            return
        }
        let chunk = max(1, min(256, (count + workers * 16 - 1) / (workers * 16)))
        // Dedicated threads: `concurrentPerform` may run its iterations one after the other when
        // the pool considers the machine busy.
        let done = DispatchSemaphore(value: 0)
        for w in 1..<workers {
            let thread = Thread {
                work(w, workers, chunk)
                done.signal()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        work(0, workers, chunk)
        for _ in 1..<workers { done.wait() }
    }

    /// What ``fit(_:settings:options:threads:)`` fits to every series.
    public struct Settings: Sendable {
        /// The model: a growth model or a formula in one predictor.
        public var model: any CurveModel
        /// One entry per parameter: the start value given for every series, or `nil` to
        /// self-start it per series (``StartValues/resolve(model:given:x:y:bounds:)``).
        public var start: [Double?]
        /// Bounds, or `nil`.
        public var bounds: ParameterBounds?
        /// The loss.
        public var loss: Loss
        /// Parameters held at their values in every series (their ``start`` entries are ignored).
        public var fixed: FixedParameters

        public init(model: any CurveModel, start: [Double?]? = nil, bounds: ParameterBounds? = nil, loss: Loss = .linear,
                    fixed: FixedParameters = .none) {
            self.model = model
            var start = start ?? model.parameterNames.map { _ in nil }
            for (j, value) in zip(fixed.indices, fixed.values) where j < start.count { start[j] = value }
            self.start = start
            self.bounds = bounds
            self.loss = loss
            self.fixed = fixed
        }
    }

    /// Fits every series with everything ``CurveFitter/fit(_:start:fixed:options:)`` supports — any
    /// model, given or self-started start values, fixed parameters, bounds, the batch's weights,
    /// robust losses —
    /// in parallel; rows come back in the batch's order. A series that cannot start or whose
    /// data are rejected is one `invalid` row with the reason; a fit that runs and fails is
    /// its own status (`failed`, `iteration_limit`, …). Slower per series than
    /// ``fit(_:model:starts:options:threads:)``, which covers plain least squares.
    public static func fit(
        _ batch: SeriesBatch, settings: Settings, options: FitOptions = .init(), threads: Int = 1
    ) -> [BatchFitRow] {
        var quiet = options
        quiet.recordsIterations = false
        let options = quiet
        let count = batch.count
        guard count > 0 else { return [] }
        return rows(count: count) { output in
            nonisolated(unsafe) let output = output
            onWorkers(count: count, threads: max(1, min(threads, count))) { w, workers, chunk in
                var c = w
                while c * chunk < count {
                    for k in (c * chunk)..<min(count, (c + 1) * chunk) {
                        output[k] = fitSeries(batch, k, settings: settings, options: options)
                    }
                    c += workers
                }
            }
        }
    }

    /// Series `k` through ``CurveFitter/fit(_:start:options:)``; errors become an `invalid` row.
    private static func fitSeries(_ batch: SeriesBatch, _ k: Int, settings: Settings, options: FitOptions) -> BatchFitRow {
        let range = batch.offsets[k]..<batch.offsets[k + 1]
        let (x, y) = (Array(batch.x[range]), Array(batch.y[range]))
        do {
            let start = try StartValues.resolve(model: settings.model, given: settings.start, x: x, y: y, bounds: settings.bounds)
            let problem = try FitProblem(
                model: settings.model, predictors: Predictors(x, name: settings.model.predictorNames.first ?? "x"),
                response: y, weights: batch.weights.map { Array($0[range]) }, bounds: settings.bounds, loss: settings.loss)
            let result = try CurveFitter.fit(problem, start: start, fixed: settings.fixed, options: options)
            return BatchFitRow(
                id: batch.ids[k], status: result.termination.status, isUsable: result.isUsable,
                message: result.termination.message, estimates: result.estimates,
                standardErrors: result.parameters.map(\.standardError), residualSumOfSquares: result.residualSumOfSquares,
                iterations: result.iterations, observationCount: range.count)
        } catch {
            return invalidRow(batch, k, message: "\(error)")
        }
    }

    /// The batch's arrays as raw buffers, valid inside `body`.
    fileprivate struct BatchView: @unchecked Sendable {
        let ids: UnsafeBufferPointer<String>
        let offsets: UnsafeBufferPointer<Int>
        let x: UnsafeBufferPointer<Double>
        let y: UnsafeBufferPointer<Double>
        /// `nil` for self-starts.
        let starts: UnsafeBufferPointer<Double>?
    }

    private static func withBatchView(_ batch: SeriesBatch, starts: [Double]?, _ body: (BatchView) -> Void) {
        batch.ids.withUnsafeBufferPointer { ids in
            batch.offsets.withUnsafeBufferPointer { offsets in
                batch.x.withUnsafeBufferPointer { x in
                    batch.y.withUnsafeBufferPointer { y in
                        if let starts {
                            starts.withUnsafeBufferPointer { s in
                                body(BatchView(ids: ids, offsets: offsets, x: x, y: y, starts: s))
                            }
                        } else {
                            body(BatchView(ids: ids, offsets: offsets, x: x, y: y, starts: nil))
                        }
                    }
                }
            }
        }
    }

    private static func invalidRow(_ batch: SeriesBatch, _ k: Int, message: String) -> BatchFitRow {
        BatchFitRow(id: batch.ids[k], status: "invalid", isUsable: false, message: message, estimates: [],
                    standardErrors: [], residualSumOfSquares: nil, iterations: 0,
                    observationCount: batch.offsets[k + 1] - batch.offsets[k])
    }

    fileprivate static func invalidRow(_ view: BatchView, _ k: Int, message: String) -> BatchFitRow {
        BatchFitRow(id: view.ids[k], status: "invalid", isUsable: false, message: message, estimates: [],
                    standardErrors: [], residualSumOfSquares: nil, iterations: 0,
                    observationCount: view.offsets[k + 1] - view.offsets[k])
    }

    /// Finite data with at least `p` distinct x values (``FitProblem``'s checks for one predictor).
    fileprivate static func acceptable(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>, parameters p: Int) -> Bool {
        var sorted = true
        for i in x.indices {
            guard x[i].isFinite, y[i].isFinite else { return false }
            if i > 0, x[i] < x[i - 1] { sorted = false }
        }
        if sorted {
            var distinct = x.isEmpty ? 0 : 1
            for i in x.indices where i > 0 && x[i] != x[i - 1] { distinct += 1 }
            return distinct >= p
        }
        return Set(x).count >= p
    }
}

// MARK: - Worker

/// One worker thread's solver, reused for every series it fits.
private struct BatchWorker<Model: SelfStartingModel, Evaluation: BatchEvaluation> {
    let model: Model
    let names: [String]
    var solver: LevenbergMarquardtCore<Evaluation, PivotedQRTrustRegionSubproblem>
    /// Start values and standard errors of the current series.
    private let start: UnsafeMutablePointer<Double>
    private let errors: UnsafeMutablePointer<Double>

    init(model: Model, evaluation: Evaluation, names: [String], capacity: Int, options: FitOptions) {
        self.model = model
        self.names = names
        var evaluation = evaluation
        evaluation.prepare(capacity: capacity, names: names)
        let p = names.count
        solver = LevenbergMarquardtCore(
            problem: evaluation, subproblem: PivotedQRTrustRegionSubproblem(capacity: capacity, columns: p),
            options: options, capacity: capacity)
        start = .allocate(capacity: p)
        errors = .allocate(capacity: p)
    }

    mutating func release() {
        solver.problem.release()
        start.deallocate()
        errors.deallocate()
    }

    /// Fits series `k`; errors become an `invalid` row. Without given starts the fit runs first
    /// from the model's quick start (``SelfStartingModel/quickStart(x:y:)``) when the series'
    /// x values are strictly increasing, and that fit is kept when it converges with well
    /// determined estimates (largest variance inflation at most
    /// ``BatchFitter/quickFitVarianceInflation``). Otherwise the fit runs from the self-start
    /// (``SelfStartingModel/initialParameters(x:y:)``), and of two converged fits the one with
    /// the lower residual sum of squares is kept: where the data determine the estimates poorly
    /// (a flat tail, few points) the objective can have several basins, and the quick start's
    /// may not hold the lowest minimum.
    mutating func fit(_ view: BatchFitter.BatchView, _ k: Int) -> BatchFitRow {
        let (lo, hi) = (view.offsets[k], view.offsets[k + 1])
        let p = names.count
        let xs = UnsafeBufferPointer(rebasing: view.x[lo..<hi]), ys = UnsafeBufferPointer(rebasing: view.y[lo..<hi])
        // The data: what `FitProblem` checks, without building one unless it fails (for its message).
        // A self-start checks the data itself first, with its own messages.
        func rejection() -> BatchFitRow? {
            guard !BatchFitter.acceptable(xs, ys, parameters: p) else { return nil }
            do {
                _ = try FitProblem(model: model, predictors: Predictors(Array(xs)), response: Array(ys))
                return BatchFitter.invalidRow(view, k, message: "invalid data")
            } catch {
                return BatchFitter.invalidRow(view, k, message: "\(error)")
            }
        }
        if let starts = view.starts {
            for j in 0..<p {
                guard starts[k * p + j].isFinite else {
                    return BatchFitter.invalidRow(
                        view, k, message: "\(FitError.invalidSetup("start value of \(names[j]) is \(starts[k * p + j])"))")
                }
                start[j] = starts[k * p + j]
            }
            return rejection() ?? solve(view, k)
        }
        var quickFit: BatchFitRow?
        if Self.strictlyIncreasing(xs), BatchFitter.acceptable(xs, ys, parameters: p),
           let quick = model.quickStart(x: xs, y: ys), quick.count == p, quick.allSatisfy(\.isFinite) {
            for j in 0..<p { start[j] = quick[j] }
            let row = solve(view, k)
            if row.isUsable {
                if solver.largestVarianceInflation <= BatchFitter.quickFitVarianceInflation { return row }
                quickFit = row
            }
        }
        do {
            let values = try model.initialParameters(x: Array(xs), y: Array(ys))
            guard values.count == p else {
                throw FitError.invalidSetup("\(values.count) start values for \(p) parameters (\(names.joined(separator: ", ")))")
            }
            for j in 0..<p { start[j] = values[j] }
        } catch {
            return quickFit ?? BatchFitter.invalidRow(view, k, message: "\(error)")
        }
        if let rejected = rejection() { return rejected }
        let row = solve(view, k)
        guard let quickFit else { return row }
        // Both converged: the lower residual sum of squares (the quick fit on a tie).
        guard row.isUsable, let rss = row.residualSumOfSquares, let quickRSS = quickFit.residualSumOfSquares,
              rss < quickRSS else { return quickFit }
        return row
    }

    /// Whether `x` is strictly increasing (distinct and sorted, as the quick starts require).
    private static func strictlyIncreasing(_ x: UnsafeBufferPointer<Double>) -> Bool {
        for i in x.indices.dropFirst() where !(x[i] > x[i - 1]) { return false }
        return true
    }

    /// Series `k` fitted from ``start``, as a row.
    private mutating func solve(_ view: BatchFitter.BatchView, _ k: Int) -> BatchFitRow {
        let (lo, hi) = (view.offsets[k], view.offsets[k + 1])
        let n = hi - lo
        let p = names.count
        let xs = UnsafeBufferPointer(rebasing: view.x[lo..<hi]), ys = UnsafeBufferPointer(rebasing: view.y[lo..<hi])
        solver.problem.bind(x: xs, y: ys.baseAddress!)
        solver.reset(start: start, rows: n)
        solver.runWithRestarts()
        let (rss, estimable) = solver.leastSquaresSummary(standardErrors: errors)
        let termination = solver.termination ?? .iterationLimit(solver.iterations)
        let phi = solver.phi
        let errors = self.errors
        return BatchFitRow(
            id: view.ids[k], status: termination.status, isUsable: termination.isUsable,
            message: termination.message,
            estimates: Array(unsafeUninitializedCapacity: p) { buffer, count in
                for j in 0..<p { buffer[j] = phi[j] }
                count = p
            },
            standardErrors: Array(unsafeUninitializedCapacity: p) { buffer, count in
                for j in 0..<p { buffer[j] = estimable ? errors[j] : nil }
                count = p
            },
            residualSumOfSquares: rss, iterations: solver.iterations, observationCount: n)
    }
}

// MARK: - Model evaluations

/// One series' residuals and Jacobian from raw buffers: plain least squares, no weights, no
/// bounds (internal parameters are the model's).
protocol BatchEvaluation: LeastSquaresProblem, Sendable {
    /// Allocates what evaluating series of up to `capacity` observations needs.
    mutating func prepare(capacity: Int, names: [String])
    /// Frees what ``prepare(capacity:names:)`` allocated.
    mutating func release()
    /// Points the evaluation at one series (valid until the next call).
    mutating func bind(x: UnsafeBufferPointer<Double>, y: UnsafePointer<Double>)
}

/// ``LogisticGrowth`` in closed form: `f = Asym·s` with `s = 1/(1 + e)`, `e = exp((xmid − x)/scal)`,
/// `∂f/∂Asym = s`, `∂f/∂xmid = −f·q/scal`, `∂f/∂scal = f·q·(xmid − x)/scal²` with `q = e·s`
/// (`q = 1` when `e` overflows) — the model's expressions up to rounding, finite where they are.
/// The residual pass keeps `e` and `s`, and the Jacobian — always requested at the point of the
/// latest residuals — reuses them: no exponential and no division in the Jacobian.
///
/// `@unchecked Sendable`: the buffers it holds belong to the worker that owns it.
struct LogisticEvaluation: BatchEvaluation, @unchecked Sendable {
    private var x = UnsafePointer<Double>(bitPattern: 8)!
    private var y = UnsafePointer<Double>(bitPattern: 8)!
    private(set) var rowCount = 0
    private(set) var parameterNames: [String] = []
    /// `e` then `s` at the latest residual evaluation (2 × capacity).
    private var cache: UnsafeMutablePointer<Double>?
    private var capacity = 0
    var parameterCount: Int { 3 }

    mutating func prepare(capacity: Int, names: [String]) {
        self.capacity = max(capacity, 1)
        cache = .allocate(capacity: 2 * self.capacity)
        parameterNames = names
    }

    mutating func release() {
        cache?.deallocate()
        cache = nil
    }

    mutating func bind(x: UnsafeBufferPointer<Double>, y: UnsafePointer<Double>) {
        self.x = x.baseAddress ?? self.x
        self.y = y
        rowCount = x.count
    }

    mutating func residuals(at theta: UnsafePointer<Double>, into r: UnsafeMutablePointer<Double>) -> Int? {
        let (asym, xmid, inverseScal) = (theta[0], theta[1], 1 / theta[2])
        let (x, y, e, s) = (self.x, self.y, cache!, cache! + capacity)
        // `poison` stays 0 unless a value is infinite or NaN (then v·0 is NaN).
        var poison = 0.0
        for i in 0..<rowCount {
            let exponential = exp((xmid - x[i]) * inverseScal)
            let shape = 1 / (1 + exponential)
            e[i] = exponential
            s[i] = shape
            let value = asym * shape - y[i]
            r[i] = value
            poison += value * 0
        }
        if poison == 0 { return nil }
        return (0..<rowCount).first { !r[$0].isFinite }
    }

    mutating func jacobian(at theta: UnsafePointer<Double>, into jacobian: UnsafeMutablePointer<Double>) -> Int? {
        let (asym, xmid, inverseScal) = (theta[0], theta[1], 1 / theta[2])
        let n = rowCount
        let (x, e, s) = (self.x, cache!, cache! + capacity)
        let (dAsym, dXmid, dScal) = (jacobian, jacobian + n, jacobian + 2 &* n)
        var poison = 0.0
        for i in 0..<n {
            let shape = s[i]
            let q = e[i] < .infinity ? e[i] * shape : 1
            let g = asym * shape * q * inverseScal
            let d = g * (xmid - x[i]) * inverseScal
            dAsym[i] = shape
            dXmid[i] = -g
            dScal[i] = d
            poison += shape * 0 + d * 0 + g * 0
        }
        if poison == 0 { return nil }
        return (0..<n).first { i in !(dAsym[i].isFinite && dXmid[i].isFinite && dScal[i].isFinite) }
    }
}

/// Any curve model through its ``CurveModel`` methods (specialized for the model type).
struct ModelEvaluation<Model: CurveModel>: BatchEvaluation, @unchecked Sendable {
    let model: Model
    private var predictors = Predictors([])
    private var y = UnsafePointer<Double>(bitPattern: 8)!
    private var theta: [Double]
    private var gradient: [Double]
    private(set) var parameterNames: [String] = []

    init(_ model: Model) {
        self.model = model
        theta = Array(repeating: 0, count: model.parameterCount)
        gradient = theta
    }

    var rowCount: Int { predictors.count }
    var parameterCount: Int { theta.count }

    mutating func prepare(capacity: Int, names: [String]) {
        parameterNames = names
        theta = theta.map { $0 }
        gradient = gradient.map { $0 }
    }

    mutating func release() {}

    mutating func bind(x: UnsafeBufferPointer<Double>, y: UnsafePointer<Double>) {
        predictors = Predictors(Array(x), name: model.predictorNames.first ?? "x")
        self.y = y
    }

    mutating func residuals(at theta: UnsafePointer<Double>, into r: UnsafeMutablePointer<Double>) -> Int? {
        for j in self.theta.indices { self.theta[j] = theta[j] }
        var bad: Int?
        for i in 0..<predictors.count {
            let value = model.value(row: i, of: predictors, parameters: self.theta) - y[i]
            r[i] = value
            if bad == nil, !value.isFinite { bad = i }
        }
        return bad
    }

    mutating func jacobian(at theta: UnsafePointer<Double>, into jacobian: UnsafeMutablePointer<Double>) -> Int? {
        for j in self.theta.indices { self.theta[j] = theta[j] }
        let (n, p) = (predictors.count, self.theta.count)
        var bad: Int?
        for i in 0..<n {
            _ = model.value(row: i, of: predictors, parameters: self.theta, gradient: &gradient)
            for j in 0..<p {
                jacobian[i + j * n] = gradient[j]
                if bad == nil, !gradient[j].isFinite { bad = i }
            }
        }
        return bad
    }
}

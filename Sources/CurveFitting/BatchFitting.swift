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
/// is fitted independently from its own start, so the rows do not depend on the thread count or
/// the scheduling.
///
/// The batch solver is ``LevenbergMarquardt`` (MINPACK's `lmder` with SVD steps) restricted to
/// what a batch needs — linear loss, no weights, no bounds — with the restarts of
/// ``CurveFitter/fit(_:start:options:)``. It runs on one preallocated workspace per worker thread,
/// steps use ``SmallJacobianFactorization`` (a Swift QR + Jacobi SVD) instead of LAPACK, whose
/// call overhead dominates problems of this size, and the model is called directly (the logistic
/// model through a closed-form kernel, other models through their ``CurveModel`` methods,
/// specialised for the model type). Tests check that the rows agree with `CurveFitter.fit`.
/// OpenBLAS is kept single-threaded while the batch runs.
public enum BatchFitter {
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
            return run(batch, model: logistic, kernel: LogisticKernel(), starts: starts, options: options, threads: threads)
        }
        return run(batch, model: model, kernel: ModelKernel(model), starts: starts, options: options, threads: threads)
    }

    private static func run<Model: SelfStartingModel, Kernel: BatchKernel>(
        _ batch: SeriesBatch, model: Model, kernel: Kernel, starts: [Double]?, options: FitOptions, threads: Int
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
        let previousBLASThreads = BLASThreads.current
        BLASThreads.set(1)
        defer { BLASThreads.set(previousBLASThreads) }

        let longest = (0..<count).reduce(0) { max($0, batch.offsets[$1 + 1] - batch.offsets[$1]) }
        let rows = UnsafeMutableBufferPointer<BatchFitRow?>.allocate(capacity: count)
        rows.initialize(repeating: nil)
        defer {
            rows.deinitialize()
            rows.deallocate()
        }
        nonisolated(unsafe) let output = rows
        let names = model.parameterNames
        // Workers read the batch through raw pointers and keep their own copies of every shared
        // array (names, options), so that no reference count is shared between threads: contended
        // retains and releases would cost more than the fits.
        withBatchView(batch, starts: starts) { view in
            let fitRange: @Sendable (Range<Int>, [String], inout BatchWorkspace<Kernel>) -> Void = { range, names, workspace in
                for k in range {
                    output[k] = fitOne(view, k, model: model, names: names, workspace: &workspace)
                }
            }
            if workers == 1 {
                var workspace = BatchWorkspace(kernel: kernel, parameters: p, capacity: longest, options: options)
                fitRange(0..<count, names, &workspace)
            } else {
                // Interleaved chunks: worker w takes chunks w, w + workers, …; each has its own workspace.
                let chunk = max(1, min(256, (count + workers * 16 - 1) / (workers * 16)))
                let chunks = (count + chunk - 1) / chunk
                // Dedicated threads (worker 0 is the calling thread): `concurrentPerform` may run
                // its iterations one after the other when the pool considers the machine busy.
                let work: @Sendable (Int) -> Void = { w in
                    let names = names.map { String($0) }
                    var workspace = BatchWorkspace(kernel: kernel, parameters: p, capacity: longest, options: options)
                    var c = w
                    while c < chunks {
                        fitRange((c * chunk)..<min(count, (c + 1) * chunk), names, &workspace)
                        c += workers
                    }
                }
                let done = DispatchSemaphore(value: 0)
                for w in 1..<workers {
                    let thread = Thread {
                        work(w)
                        done.signal()
                    }
                    thread.stackSize = 1 << 20
                    thread.start()
                }
                work(0)
                for _ in 1..<workers { done.wait() }
            }
        }
        return rows.map { $0! }
    }

    /// The batch's arrays as raw buffers, valid inside `body`.
    private struct BatchView: @unchecked Sendable {
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

    private static func invalidRow(_ view: BatchView, _ k: Int, message: String) -> BatchFitRow {
        BatchFitRow(id: view.ids[k], status: "invalid", isUsable: false, message: message, estimates: [],
                    standardErrors: [], residualSumOfSquares: nil, iterations: 0,
                    observationCount: view.offsets[k + 1] - view.offsets[k])
    }

    /// Fits series `k`; errors become an `invalid` row.
    private static func fitOne<Model: SelfStartingModel, Kernel: BatchKernel>(
        _ view: BatchView, _ k: Int, model: Model, names: [String], workspace: inout BatchWorkspace<Kernel>
    ) -> BatchFitRow {
        let (lo, hi) = (view.offsets[k], view.offsets[k + 1])
        let n = hi - lo
        let p = names.count
        let xs = UnsafeBufferPointer(rebasing: view.x[lo..<hi]), ys = UnsafeBufferPointer(rebasing: view.y[lo..<hi])
        // The start: given, or the self-start (which also rejects data outside the model's domain).
        if let starts = view.starts {
            for j in 0..<p where !starts[k * p + j].isFinite {
                return invalidRow(view, k, message: "\(FitError.invalidSetup("start value of \(names[j]) is \(starts[k * p + j])"))")
            }
            workspace.setStart(UnsafeBufferPointer(rebasing: starts[(k * p)..<(k * p + p)]))
        } else {
            do {
                let start = try model.initialParameters(x: Array(xs), y: Array(ys))
                guard start.count == p else {
                    throw FitError.invalidSetup("\(start.count) start values for \(p) parameters (\(names.joined(separator: ", ")))")
                }
                start.withUnsafeBufferPointer { workspace.setStart($0) }
            } catch {
                return invalidRow(view, k, message: "\(error)")
            }
        }
        // The data: what `FitProblem` checks, without building one unless it fails (for its message).
        if !acceptable(xs, ys, parameters: p) {
            do {
                _ = try FitProblem(model: model, predictors: Predictors(Array(xs)), response: Array(ys))
                return invalidRow(view, k, message: "invalid data")
            } catch {
                return invalidRow(view, k, message: "\(error)")
            }
        }
        workspace.bind(x: xs, y: ys.baseAddress!)
        workspace.fit(names: names)
        let (rss, errors) = workspace.summary()
        let termination = workspace.termination ?? .iterationLimit(workspace.iterations)
        return BatchFitRow(
            id: view.ids[k], status: termination.status, isUsable: termination.isUsable,
            message: termination.message, estimates: workspace.estimates, standardErrors: errors,
            residualSumOfSquares: rss, iterations: workspace.iterations, observationCount: n)
    }

    /// Finite data with at least `p` distinct x values (``FitProblem``'s checks for one predictor).
    private static func acceptable(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>, parameters p: Int) -> Bool {
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

// MARK: - Model kernels

/// Residuals and Jacobian of one series' model, from raw buffers (the batch solver's view of a model).
protocol BatchKernel: Sendable {
    /// Prepares the evaluation of a series observed at `x` (valid until the next call).
    mutating func bind(x: UnsafeBufferPointer<Double>)
    /// `r_i = f(x_i; θ) − y_i`; returns the first row whose residual is not finite.
    mutating func residuals(_ theta: UnsafePointer<Double>, y: UnsafePointer<Double>, into r: UnsafeMutablePointer<Double>) -> Int?
    /// The column-major `n`×`p` Jacobian `∂f/∂θ`; returns the first row with a non-finite entry.
    mutating func jacobian(_ theta: UnsafePointer<Double>, into jacobian: UnsafeMutablePointer<Double>) -> Int?
}

/// ``LogisticGrowth`` in closed form (the same expressions as the model's methods).
///
/// `@unchecked Sendable`: the buffer it holds is bound by the worker that owns the kernel's copy,
/// and only read while that worker fits the series.
struct LogisticKernel: BatchKernel, @unchecked Sendable {
    private var x = UnsafeBufferPointer<Double>(start: nil, count: 0)

    mutating func bind(x: UnsafeBufferPointer<Double>) { self.x = x }

    func residuals(_ theta: UnsafePointer<Double>, y: UnsafePointer<Double>, into r: UnsafeMutablePointer<Double>) -> Int? {
        let (asym, xmid, scal) = (theta[0], theta[1], theta[2])
        var allFinite = true
        for i in 0..<x.count {
            let value = LogisticGrowth.value(x: x[i], asym: asym, xmid: xmid, scal: scal) - y[i]
            r[i] = value
            allFinite = allFinite && value.isFinite
        }
        if allFinite { return nil }
        return (0..<x.count).first { !r[$0].isFinite }
    }

    func jacobian(_ theta: UnsafePointer<Double>, into jacobian: UnsafeMutablePointer<Double>) -> Int? {
        let (asym, xmid, scal) = (theta[0], theta[1], theta[2])
        let n = x.count
        var allFinite = true
        for i in 0..<n {
            let d = LogisticGrowth.derivatives(x: x[i], asym: asym, xmid: xmid, scal: scal)
            jacobian[i] = d.dAsym
            jacobian[i + n] = d.dXmid
            jacobian[i + 2 * n] = d.dScal
            allFinite = allFinite && d.dAsym.isFinite && d.dXmid.isFinite && d.dScal.isFinite
        }
        if allFinite { return nil }
        return (0..<n).first { i in !(jacobian[i].isFinite && jacobian[i + n].isFinite && jacobian[i + 2 * n].isFinite) }
    }
}

/// Any curve model through its ``CurveModel`` methods (specialised for the model type).
struct ModelKernel<Model: CurveModel>: BatchKernel {
    let model: Model
    private var predictors = Predictors([])
    private var theta: [Double]
    private var gradient: [Double]

    init(_ model: Model) {
        self.model = model
        theta = Array(repeating: 0, count: model.parameterCount)
        gradient = theta
    }

    mutating func bind(x: UnsafeBufferPointer<Double>) {
        predictors = Predictors(Array(x), name: model.predictorNames.first ?? "x")
    }

    mutating func residuals(_ theta: UnsafePointer<Double>, y: UnsafePointer<Double>, into r: UnsafeMutablePointer<Double>) -> Int? {
        for j in self.theta.indices { self.theta[j] = theta[j] }
        var bad: Int?
        for i in 0..<predictors.count {
            let value = model.value(row: i, of: predictors, parameters: self.theta) - y[i]
            r[i] = value
            if bad == nil, !value.isFinite { bad = i }
        }
        return bad
    }

    mutating func jacobian(_ theta: UnsafePointer<Double>, into jacobian: UnsafeMutablePointer<Double>) -> Int? {
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

// MARK: - Solver

/// One worker's solver state and buffers, reused for every series it fits: the iteration of
/// ``LevenbergMarquardt`` for the linear loss without weights or bounds (so internal and external
/// parameters coincide and the robust rescaling is the identity), statement for statement, and the
/// restart strategy of ``CurveFitter/fit(_:start:options:)``. Only the work whose result the
/// general solver discards is skipped (it factors the start's Jacobian three times with the same
/// outcome; this factors it once).
struct BatchWorkspace<Kernel: BatchKernel> {
    private var kernel: Kernel
    private let options: FitOptions
    private var initialStepBound: Double
    private let p: Int
    private var n = 0
    private var y: UnsafePointer<Double>?
    private var factorization = SmallJacobianFactorization()

    /// Start values for the next ``fit(names:)``.
    private var start: [Double]
    /// The current point (internal = external parameters).
    private(set) var phi: [Double]
    private var trialPhi: [Double]
    private var diagonal: [Double]
    private var stepCoefficients: [Double]
    private var residuals: [Double]
    private var trialResiduals: [Double]
    private var scaledResiduals: [Double]
    private var jacobian: [Double]
    private var scaledJacobian: [Double]

    private var objective = Double.infinity
    private var radius = 0.0
    private var lambda = 0.0
    private var scaledParameterNorm = 0.0
    private var lastTrialWasFinite = true
    /// Whether `jacobian` and `residuals` are those at `phi`.
    private var currentAtPhi = false
    /// Whether `scaledJacobian` and `scaledResiduals` changed since `factorization` was computed.
    /// ``LevenbergMarquardt`` factors right after every accepted step; the factorization is only
    /// read at the next iteration's step, so it is computed there (from the same input, hence the
    /// same result), and not at all when D changes first or the fit stops.
    private var factorizationPending = false
    /// `gradientCosine()` of the current scaled Jacobian and residuals, once computed.
    private var cachedCosine: Double?
    private(set) var iterations = 0
    private var evaluations = 0
    private(set) var termination: Termination?
    /// Parameter names, for messages.
    private var names: [String] = []

    init(kernel: Kernel, parameters p: Int, capacity: Int, options: FitOptions) {
        self.kernel = kernel
        var options = options
        options.restartStepBounds = options.restartStepBounds.map { $0 }  // this worker's own copy
        self.options = options
        self.initialStepBound = options.initialStepBound
        self.p = p
        start = Array(repeating: 0, count: p)
        phi = start
        trialPhi = start
        diagonal = start
        stepCoefficients = start
        residuals = Array(repeating: 0, count: capacity)
        trialResiduals = residuals
        scaledResiduals = residuals
        jacobian = Array(repeating: 0, count: capacity * p)
        scaledJacobian = jacobian
    }

    mutating func setStart(_ values: UnsafeBufferPointer<Double>) {
        for j in 0..<p { start[j] = values[j] }
    }

    /// The estimates, in a new array.
    var estimates: [Double] { phi.map { $0 } }

    /// Points the workspace at one series (`x.count` observations, `y` as many).
    mutating func bind(x: UnsafeBufferPointer<Double>, y: UnsafePointer<Double>) {
        kernel.bind(x: x)
        self.y = y
        if n != x.count {
            n = x.count
            // The factorization and the loops read exactly n·p / n values.
            residuals = Array(repeating: 0, count: n)
            trialResiduals = residuals
            scaledResiduals = residuals
            jacobian = Array(repeating: 0, count: n * p)
            scaledJacobian = jacobian
        }
    }

    /// Fits the bound series from ``start``, restarting as ``CurveFitter`` does.
    mutating func fit(names: [String]) {
        self.names = names
        initialStepBound = options.initialStepBound
        solve(names: names)
        for bound in options.restartStepBounds where !(termination?.isUsable ?? false) && canRestart {
            let saved = (phi, termination, iterations, evaluations, objective, currentAtPhi)
            initialStepBound = bound
            solve(names: names)
            if !(termination?.isUsable ?? false || objective < saved.4) {
                (phi, termination, iterations, evaluations, objective, currentAtPhi) = saved
                currentAtPhi = false
            }
        }
    }

    private var canRestart: Bool {
        switch termination {
        case .failed(.nonFiniteStart), .failed(.singularJacobianAtStart): return false
        default: return true
        }
    }

    // MARK: LevenbergMarquardt.init + initialize()

    private mutating func solve(names: [String]) {
        for j in 0..<p { phi[j] = start[j] }
        termination = nil
        iterations = 0
        evaluations = 1
        radius = 0
        lambda = 0
        scaledParameterNorm = 0
        lastTrialWasFinite = true
        objective = .infinity
        for j in 0..<p { diagonal[j] = 0 }
        currentAtPhi = false
        factorizationPending = false
        cachedCosine = nil
        initialize(names: names)
        while termination == nil { step() }
    }

    private mutating func initialize(names: [String]) {
        if let row = evaluateResiduals(trial: false) {
            termination = .failed(.nonFiniteStart(row: row + 1))
            return
        }
        objective = sumOfSquares(residuals)
        if objective == 0 {
            termination = .converged(.exactFit)
            return
        }
        // `updateJacobian()`; its factorization (with D = 1) is replaced by the one below before use.
        if let row = evaluateJacobian() {
            termination = .failed(.nonFiniteStart(row: row + 1))
            return
        }
        currentAtPhi = true
        // `dependentParameters()`: factors with D = the column norms, which is also the D and the
        // factorization of the first iteration.
        var largest = 0.0
        for j in 0..<p { largest = max(largest, columnNorm(j)) }
        var zero: [String] = []
        for j in 0..<p where !(columnNorm(j) > Double.ulpOfOne * largest) { zero.append(names[j]) }
        if !zero.isEmpty {
            termination = .failed(.singularJacobianAtStart(parameters: zero))
            return
        }
        for j in 0..<p { diagonal[j] = columnNorm(j) }
        prepareScaled()
        try? factorization.factor(scaledJacobian, rows: n, columns: p, residuals: scaledResiduals)
        factorizationPending = false
        let sigma = factorization.singularValues
        if let smallest = sigma.last, let top = sigma.first, !(smallest > Double.ulpOfOne * top) {
            let v = factorization.rightVectors
            let null = (0..<p).map { abs(v[$0 + (p - 1) * p]) }
            let threshold = 0.1 * (null.max() ?? 0)
            termination = .failed(.singularJacobianAtStart(parameters: (0..<p).filter { null[$0] >= threshold }.map { names[$0] }))
            return
        }
        scaledParameterNorm = scaledNorm(phi)
        radius = initialStepBound * (scaledParameterNorm > 0 ? scaledParameterNorm : 1)
    }

    // MARK: LevenbergMarquardt.step()

    private mutating func step() {
        guard termination == nil else { return }
        iterations += 1

        if gradientCosine() <= options.gradientTolerance {
            termination = .converged(.gradient)
            return
        }
        var changed = false
        for j in 0..<p {
            let norm = columnNorm(j)
            if norm > diagonal[j] { diagonal[j] = norm; changed = true }
        }
        // The first iteration's factorization (same D) was made by `initialize`.
        if changed { prepareScaled() }
        if factorizationPending {
            try? factorization.factor(scaledJacobian, rows: n, columns: p, residuals: scaledResiduals)
            factorizationPending = false
        }
        if iterations == 1 {
            scaledParameterNorm = scaledNorm(phi)
            radius = initialStepBound * (scaledParameterNorm > 0 ? scaledParameterNorm : 1)
        }

        var ratio = 0.0
        var accepted = false
        while true {
            let (newLambda, stepNorm) = TrustRegionStep.solve(
                singularValues: factorization.singularValues, projected: factorization.projectedResiduals,
                radius: radius, previousLambda: lambda, rankTolerance: options.rankTolerance, into: &stepCoefficients)
            lambda = newLambda
            factorization.rightVectors.withUnsafeBufferPointer { v in
                for j in 0..<p {
                    var z = 0.0
                    for k in 0..<p { z += v[j + k * p] * stepCoefficients[k] }
                    trialPhi[j] = phi[j] + z / diagonal[j]
                }
            }
            if iterations == 1 { radius = min(radius, stepNorm) }

            evaluations += 1
            let finite = evaluateResiduals(trial: true) == nil
            lastTrialWasFinite = finite
            let trialObjective = finite ? sumOfSquares(trialResiduals) : .infinity

            var fittedNorm2 = 0.0
            factorization.singularValues.withUnsafeBufferPointer { sigma in
                for k in 0..<p { fittedNorm2 += sigma[k] * stepCoefficients[k] * sigma[k] * stepCoefficients[k] }
            }
            let reference = objective
            let temp1 = fittedNorm2 / reference
            let temp2 = lambda * stepNorm * stepNorm / reference
            let predicted = temp1 + 2 * temp2
            let directional = -(temp1 + temp2)
            let actual = trialObjective < 100 * objective ? 1 - trialObjective / objective : -1
            ratio = predicted != 0 ? actual / predicted : 0

            if ratio <= 0.25 {
                var factor = actual >= 0 ? 0.5 : 0.5 * directional / (directional + 0.5 * actual)
                if trialObjective >= 100 * objective || factor < 0.1 || !factor.isFinite { factor = 0.1 }
                radius = factor * min(radius, stepNorm / 0.1)
                lambda /= factor
            } else if lambda == 0 || ratio >= 0.75 {
                radius = stepNorm / 0.5
                lambda *= 0.5
            }

            if ratio >= 1e-4 {
                swap(&phi, &trialPhi)
                swap(&residuals, &trialResiduals)
                currentAtPhi = false
                objective = trialObjective
                scaledParameterNorm = scaledNorm(phi)
                accepted = true
                if objective == 0 {
                    termination = .converged(.exactFit)
                    break
                }
                if evaluateJacobian() != nil {
                    termination = .failed(.nonFiniteModel("the Jacobian is not finite at the accepted point"))
                    break
                }
                currentAtPhi = true
                prepareScaled()
            }

            let eps = Double.ulpOfOne
            if abs(actual) <= options.relativeReductionTolerance && predicted <= options.relativeReductionTolerance && 0.5 * ratio <= 1 {
                termination = .converged(.relativeReduction)
            } else if radius <= options.relativeStepTolerance * scaledParameterNorm {
                termination = .converged(.relativeStep)
            } else if evaluations >= options.maximumEvaluations {
                termination = .evaluationLimit(options.maximumEvaluations)
            } else if abs(actual) <= eps && predicted <= eps && 0.5 * ratio <= 1 {
                termination = .converged(.reductionAtMachinePrecision)
            } else if radius <= eps * scaledParameterNorm {
                termination = .converged(.stepAtMachinePrecision)
            } else if gradientCosine() <= eps {
                termination = .converged(.gradient)
            }
            if termination != nil || accepted { break }
        }
        if termination == nil, iterations >= options.maximumIterations {
            termination = .iterationLimit(options.maximumIterations)
        }
        if case .converged = termination {
            if !objective.isFinite {
                termination = .failed(.nonFiniteModel("the objective is not finite"))
            } else if termination != .converged(.exactFit), let inert = parametersWithoutEffect() {
                termination = .failed(.parametersWithoutEffect(inert))
            } else if !lastTrialWasFinite, termination != .converged(.gradient), gradientCosine() > 1e-6 {
                termination = .failed(.domainEdge(gradientCosine: gradientCosine()))
            }
        }
    }

    // MARK: Helpers (as in LevenbergMarquardt / ResidualEvaluator)

    /// Residuals at `phi` into `residuals`, or at `trialPhi` into `trialResiduals`.
    private mutating func evaluateResiduals(trial: Bool) -> Int? {
        let y = self.y!
        if trial {
            return trialPhi.withUnsafeBufferPointer { t in
                trialResiduals.withUnsafeMutableBufferPointer { r in kernel.residuals(t.baseAddress!, y: y, into: r.baseAddress!) }
            }
        }
        return phi.withUnsafeBufferPointer { t in
            residuals.withUnsafeMutableBufferPointer { r in kernel.residuals(t.baseAddress!, y: y, into: r.baseAddress!) }
        }
    }

    /// The Jacobian at `phi`.
    private mutating func evaluateJacobian() -> Int? {
        phi.withUnsafeBufferPointer { t in
            jacobian.withUnsafeMutableBufferPointer { j in kernel.jacobian(t.baseAddress!, into: j.baseAddress!) }
        }
    }

    private func sumOfSquares(_ r: [Double]) -> Double {
        r.withUnsafeBufferPointer { r in
            var sum = 0.0
            for i in 0..<n { sum = sum + r[i] * r[i] }
            return sum
        }
    }

    private func columnNorm(_ j: Int) -> Double {
        let n = self.n
        return jacobian.withUnsafeBufferPointer { a in
            let column = a.baseAddress! + j &* n
            var sum = 0.0
            for i in 0..<n { sum += column[i] * column[i] }
            return sum.squareRoot()
        }
    }

    private func scaledNorm(_ x: [Double]) -> Double {
        var sum = 0.0
        for j in 0..<p { sum += diagonal[j] * x[j] * diagonal[j] * x[j] }
        return sum.squareRoot()
    }

    private func parametersWithoutEffect() -> [String]? {
        var largest = 0.0
        for j in 0..<p { largest = max(largest, columnNorm(j)) }
        let inert = (0..<p).filter { !(columnNorm($0) > Double.ulpOfOne * largest) }
        return inert.isEmpty ? nil : inert.map { names[$0] }
    }

    private mutating func gradientCosine() -> Double {
        if let cachedCosine { return cachedCosine }
        let value = computeGradientCosine()
        cachedCosine = value
        return value
    }

    private func computeGradientCosine() -> Double {
        let (n, p) = (self.n, self.p)
        return scaledJacobian.withUnsafeBufferPointer { a in
            scaledResiduals.withUnsafeBufferPointer { r in
                var residualNorm = 0.0
                for i in 0..<n { residualNorm += r[i] * r[i] }
                residualNorm = residualNorm.squareRoot()
                guard residualNorm > 0 else { return 0 }
                var largest = 0.0
                for j in 0..<p {
                    let column = a.baseAddress! + j &* n
                    var dot = 0.0, norm = 0.0
                    for i in 0..<n {
                        let v = column[i]
                        dot += v * r[i]
                        norm += v * v
                    }
                    if norm > 0 { largest = max(largest, abs(dot) / (norm.squareRoot() * residualNorm)) }
                }
                return largest
            }
        }
    }

    /// Prepares `J·D⁻¹` and the residuals for factoring (``LevenbergMarquardt``'s `refactor()`,
    /// with the factorization itself deferred to where it is read).
    private mutating func prepareScaled() {
        let (n, p) = (self.n, self.p)
        residuals.withUnsafeBufferPointer { r in
            scaledResiduals.withUnsafeMutableBufferPointer { s in
                for i in 0..<n { s[i] = r[i] }
            }
        }
        jacobian.withUnsafeBufferPointer { a in
            scaledJacobian.withUnsafeMutableBufferPointer { s in
                for j in 0..<p {
                    let d = diagonal[j] > 0 ? diagonal[j] : 1
                    let source = a.baseAddress! + j &* n, target = s.baseAddress! + j &* n
                    for i in 0..<n { target[i] = source[i] / d }
                }
            }
        }
        factorizationPending = true
        cachedCosine = nil
    }

    // MARK: Summary

    /// RSS and standard errors at `phi` from the small factorization of the column-scaled
    /// Jacobian (``FitResult``'s covariance, computed with the batch's factorization).
    mutating func summary() -> (Double?, [Double?]) {
        if !currentAtPhi {
            _ = evaluateResiduals(trial: false)
            _ = evaluateJacobian()
        }
        let rss = sumOfSquares(residuals)
        let none = [Double?](repeating: nil, count: p)
        guard n > p, jacobian[0..<(n * p)].allSatisfy(\.isFinite) else { return (rss, none) }
        var scales = [Double](repeating: 1, count: p)
        for j in 0..<p {
            let norm = columnNorm(j)
            scales[j] = norm > 0 ? norm : 1
            for i in 0..<n { scaledJacobian[i + j * n] = jacobian[i + j * n] / scales[j] }
        }
        for i in 0..<n { scaledResiduals[i] = residuals[i] }
        try? factorization.factor(scaledJacobian, rows: n, columns: p, residuals: scaledResiduals)
        let sigma = factorization.singularValues
        guard let largest = sigma.first, let smallest = sigma.last, smallest > options.rankTolerance * largest else {
            return (rss, none)
        }
        let variance = rss / Double(n - p)
        let v = factorization.rightVectors
        var errors = [Double?](repeating: nil, count: p)
        for j in 0..<p {
            var sum = 0.0
            for k in 0..<p { sum += v[j + k * p] * v[j + k * p] / (sigma[k] * sigma[k]) }
            errors[j] = (variance * sum).squareRoot() / scales[j]
        }
        return (rss, errors)
    }
}

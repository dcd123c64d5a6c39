/// A least-squares problem as the Levenberg–Marquardt iteration sees it: residuals and their
/// Jacobian at the solver's internal parameters `φ`, written into caller-owned buffers.
///
/// Conforming types: ``ResidualEvaluator`` (a ``FitProblem`` with weights, bounds and losses)
/// and the batch evaluations of ``BatchFitter`` (one series at a time, plain least squares).
protocol LeastSquaresProblem {
    /// Number of residuals `n`.
    var rowCount: Int { get }
    /// Number of parameters `p`.
    var parameterCount: Int { get }
    /// Parameter names, for messages.
    var parameterNames: [String] { get }
    /// Whether the objective is the plain sum of squares (no robust rescaling).
    var isLinearLoss: Bool { get }

    /// Fills `r` with the residuals at `phi`; returns the 0-based row of the first non-finite one.
    mutating func residuals(at phi: UnsafePointer<Double>, into r: UnsafeMutablePointer<Double>) -> Int?
    /// Fills the column-major `n`×`p` Jacobian `∂r/∂φ` at `phi`; returns the first non-finite row.
    /// The solver only asks for it at the point of its latest ``residuals(at:into:)`` call, so an
    /// implementation may reuse what that call computed.
    mutating func jacobian(at phi: UnsafePointer<Double>, into jacobian: UnsafeMutablePointer<Double>) -> Int?
    /// The objective `Σ C²ρ((rᵢ/C)²)` (the sum of squares for the linear loss).
    func objective(_ r: UnsafePointer<Double>) -> Double
    /// Rescales residuals and Jacobian rows for a robust loss (only called when the loss is not linear).
    func applyRobustScaling(residuals: UnsafeMutablePointer<Double>, jacobian: UnsafeMutablePointer<Double>)
    /// Whether parameter `j` sits on a bound at `phi`, where the gradient need not vanish (the
    /// final gradient test skips it).
    func isOnBound(_ j: Int, at phi: UnsafePointer<Double>) -> Bool
}

extension LeastSquaresProblem {
    var isLinearLoss: Bool { true }

    func objective(_ r: UnsafePointer<Double>) -> Double {
        VectorKernels.sumOfSquares(r, rowCount)
    }

    func applyRobustScaling(residuals: UnsafeMutablePointer<Double>, jacobian: UnsafeMutablePointer<Double>) {}

    func isOnBound(_ j: Int, at phi: UnsafePointer<Double>) -> Bool { false }
}

/// The Levenberg–Marquardt iteration itself, once, generic over the problem evaluation and the
/// linear subproblem solver (both specialized by the compiler: no existentials in the loop).
///
/// The algorithm is MINPACK's `lmder` (Moré 1978): parameter scaling `D` by the largest Jacobian
/// column norms seen so far, a trust region of radius `Δ` on `‖D·δ‖` updated from the gain ratio,
/// the damping `λ` from the ``TrustRegionSubproblem``, MINPACK's convergence tests in MINPACK's
/// order, plus Foresight's failure diagnoses (plateau, domain edge) and the
/// restarts with smaller initial step bounds of ``CurveFitter/fit(_:start:options:)``.
///
/// The subproblem is factored once per Jacobian, when the next iteration first needs it (after
/// the scaling has been updated). Vectors live in one allocation, copied on write, so the type
/// is a value and a batch worker reuses one instance for every series of the same length.
struct LevenbergMarquardtCore<Problem: LeastSquaresProblem, Subproblem: TrustRegionSubproblem> {
    var problem: Problem
    var subproblem: Subproblem
    let options: FitOptions
    private var storage: Storage
    private(set) var rows: Int
    let columns: Int
    private let linear: Bool

    private(set) var objective = Double.infinity
    private var initialStepBound: Double
    /// Whether `D = 1` throughout (MINPACK's `mode = 2` with unit `diag`) instead of the largest
    /// column norms seen (`mode = 1`): the last restart of ``runWithRestarts()``.
    private(set) var usesUnitScaling = false
    private var radius = 0.0
    private var lambda = 0.0
    private var scaledParameterNorm = 0.0
    private var lastTrialWasFinite = true
    /// Whether the subproblem must be refactored before the next step.
    private var factorizationPending = false
    /// The gradient cosine of the current (scaled) Jacobian and residuals, or NaN when not known.
    private var cachedCosine = Double.nan
    /// Whether the residuals and the Jacobian are those at `phi` (not after a restart restored an
    /// earlier attempt).
    private var currentAtPhi = false
    private(set) var iterations = 0
    private(set) var evaluations = 0
    private(set) var termination: Termination?
    /// The largest variance inflation `max_j VIF_j` (``Identifiability``) found by the last
    /// ``leastSquaresSummary(standardErrors:)``; `+∞` when the covariance is not estimable.
    private(set) var largestVarianceInflation = Double.infinity
    private(set) var iterationLog: [IterationRecord] = []

    /// Vectors: `p`-vectors (start, φ, trial φ, saved φ, D, δ, column norms, scratch) and
    /// `capacity`-vectors and matrices (residuals, trial residuals, Jacobian, and the robust-scaled
    /// copies, used only for robust losses).
    final class Storage: @unchecked Sendable {
        let capacity: Int
        let p: Int
        private let arena: DoubleArena
        let start, phi, trialPhi, saved, diagonal, delta, norms, scratch: UnsafeMutablePointer<Double>
        let residuals, trialResiduals, scaledResiduals, jacobian, scaledJacobian: UnsafeMutablePointer<Double>

        init(capacity: Int, columns p: Int) {
            self.capacity = capacity
            self.p = p
            var arena = DoubleArena(count: 8 * p + 3 * capacity + 2 * capacity * p)
            start = arena.take(p)
            phi = arena.take(p)
            trialPhi = arena.take(p)
            saved = arena.take(p)
            diagonal = arena.take(p)
            delta = arena.take(p)
            norms = arena.take(p)
            scratch = arena.take(p)
            residuals = arena.take(capacity)
            trialResiduals = arena.take(capacity)
            scaledResiduals = arena.take(capacity)
            jacobian = arena.take(capacity * p)
            scaledJacobian = arena.take(capacity * p)
            self.arena = arena
        }

        func copy() -> Storage {
            let copy = Storage(capacity: capacity, columns: p)
            copy.arena.copyValues(from: arena)
            return copy
        }

        deinit { arena.deallocate() }
    }

    /// A solver for `problem` with room for `capacity ≥ problem.rowCount` rows; ``reset(start:)``
    /// (or ``restart(initialStepBound:)``) starts it.
    init(problem: Problem, subproblem: Subproblem, options: FitOptions, capacity: Int? = nil) {
        self.problem = problem
        self.subproblem = subproblem
        self.options = options
        rows = problem.rowCount
        columns = problem.parameterCount
        linear = problem.isLinearLoss
        initialStepBound = options.initialStepBound
        storage = Storage(capacity: max(capacity ?? 0, problem.rowCount), columns: problem.parameterCount)
    }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// The current internal parameters `φ`.
    var phi: UnsafeBufferPointer<Double> { UnsafeBufferPointer(start: storage.phi, count: columns) }
    /// The residuals at `φ` while ``isCurrentAtPhi``.
    var residuals: UnsafeBufferPointer<Double> { UnsafeBufferPointer(start: storage.residuals, count: rows) }
    var isCurrentAtPhi: Bool { currentAtPhi }

    /// Whether a restart from the same start could end differently: not when the model is not
    /// finite at the start.
    var canRestart: Bool {
        if case .failed(.nonFiniteStart) = termination { return false }
        return true
    }

    /// Sets the start (internal parameters) and the number of rows of the next problem (at most
    /// the capacity), then initializes with the options' initial step bound.
    mutating func reset(start: UnsafePointer<Double>, rows n: Int? = nil) {
        makeUnique()
        if let n {
            precondition(n <= storage.capacity, "more rows than the solver's capacity")
            rows = n
        }
        storage.start.update(from: start, count: columns)
        restart(initialStepBound: options.initialStepBound)
    }

    /// Starts again from the start values with the initial step bound `bound`.
    mutating func restart(initialStepBound bound: Double, unitScaling: Bool = false) {
        makeUnique()
        storage.phi.update(from: storage.start, count: columns)
        initialStepBound = bound
        usesUnitScaling = unitScaling
        termination = nil
        iterations = 0
        evaluations = 0
        radius = 0
        lambda = 0
        scaledParameterNorm = 0
        lastTrialWasFinite = true
        objective = .infinity
        currentAtPhi = false
        factorizationPending = false
        cachedCosine = .nan
        iterationLog = []
        for j in 0..<columns { storage.diagonal[j] = 0 }
        initialize()
    }

    /// Runs until ``termination`` is set.
    mutating func run() {
        while termination == nil { step() }
    }

    /// Runs, then restarts with the options' smaller step bounds while the fit is not usable,
    /// and last with unit scaling `D = 1` at the options' initial step bound (MINPACK's
    /// `mode = 2`: column-norm scaling makes steps along a parameter with a tiny derivative huge,
    /// which throws MGH's Box 3-D from 10× its start onto a plateau), keeping a restart's outcome
    /// when it is usable or has a lower objective. Returns the initial step bound of the outcome
    /// kept; ``usesUnitScaling`` says whether it is the unit-scaling restart.
    @discardableResult
    mutating func runWithRestarts() -> Double {
        run()
        var kept = (bound: initialStepBound, unitScaling: false)
        let restarts = options.restartStepBounds.map { (bound: $0, unitScaling: false) }
            + [(bound: options.initialStepBound, unitScaling: true)]
        for attempt in restarts where !(termination?.isUsable ?? false) && canRestart {
            makeUnique()
            storage.saved.update(from: storage.phi, count: columns)
            let saved = (termination, iterations, evaluations, objective, iterationLog)
            restart(initialStepBound: attempt.bound, unitScaling: attempt.unitScaling)
            run()
            if termination?.isUsable ?? false || objective < saved.3 {
                kept = attempt
            } else {
                storage.phi.update(from: storage.saved, count: columns)
                (termination, iterations, evaluations, objective, iterationLog) = saved
                currentAtPhi = false
            }
        }
        usesUnitScaling = kept.unitScaling
        return kept.bound
    }

    // MARK: Initialization

    private mutating func initialize() {
        let s = storage
        evaluations = 1
        if let row = problem.residuals(at: s.phi, into: s.residuals) {
            termination = .failed(.nonFiniteStart(row: row + 1))
            return
        }
        objective = problem.objective(s.residuals)
        if objective == 0 {
            termination = exactOrUnderflow()
            return
        }
        guard objective.isFinite else {
            termination = .failed(.nonFiniteModel("the residual sum of squares overflows at the start values; choose start values nearer the data"))
            return
        }
        if let row = updateJacobian() {
            termination = .failed(.nonFiniteStart(row: row + 1))
            return
        }
        // D = the column norms (MINPACK's mode 1), 1 for a zero column. A Jacobian that is rank
        // deficient at the start (equal columns, a parameter without effect there) is damped like
        // any other, as MINPACK does: the trust region keeps the step finite, and the first steps
        // usually leave the singular point (MGH's Biggs EXP6 from its standard start).
        for j in 0..<columns { s.diagonal[j] = s.norms[j] > 0 && !usesUnitScaling ? s.norms[j] : 1 }
        scaledParameterNorm = scaledNorm(s.phi)
        radius = initialStepBound * (scaledParameterNorm > 0 ? scaledParameterNorm : 1)
    }

    // MARK: Iteration

    /// Performs one outer iteration: trial steps until one is accepted or the fit terminates.
    /// Returns the gain ratio of the last trial and whether a step was accepted.
    @discardableResult
    mutating func step() -> (ratio: Double, accepted: Bool)? {
        guard termination == nil else { return nil }
        makeUnique()
        let (s, n, p) = (storage, rows, columns)
        iterations += 1

        if gradientCosine() <= options.gradientTolerance {
            termination = .converged(.gradient)
            return nil
        }
        // Rescale: D only grows (MINPACK mode 1; D = 1 in the unit-scaling restart); refactor if it
        // changed or the Jacobian is new.
        for j in 0..<p where s.norms[j] > s.diagonal[j] && !usesUnitScaling {
            s.diagonal[j] = s.norms[j]
            factorizationPending = true
        }
        if factorizationPending, !factor() {
            termination = .failed(.nonFiniteModel("the Jacobian could not be factored"))
            return nil
        }
        if iterations == 1 {
            scaledParameterNorm = scaledNorm(s.phi)
            radius = initialStepBound * (scaledParameterNorm > 0 ? scaledParameterNorm : 1)
        }

        var ratio = 0.0
        var accepted = false
        while true {
            let trial = subproblem.step(radius: radius, lambda: lambda, rankTolerance: options.rankTolerance, into: s.delta)
            lambda = trial.lambda
            let stepNorm = trial.scaledNorm
            for j in 0..<p { s.trialPhi[j] = s.phi[j] + s.delta[j] }
            if iterations == 1 { radius = min(radius, stepNorm) }

            evaluations += 1
            let finite = problem.residuals(at: s.trialPhi, into: s.trialResiduals) == nil
            lastTrialWasFinite = finite
            let trialObjective = finite ? problem.objective(s.trialResiduals) : .infinity

            // Predicted and actual relative reductions (MINPACK's formulas, with F = ‖r‖²).
            let reference: Double
            if linear {
                reference = objective
            } else {
                var sum = 0.0
                for i in 0..<n { sum += s.scaledResiduals[i] * s.scaledResiduals[i] }
                reference = sum
            }
            let temp1 = trial.fittedNorm2 / reference
            let temp2 = lambda * stepNorm * stepNorm / reference
            let predicted = temp1 + 2 * temp2
            let directional = -(temp1 + temp2)
            let actual = trialObjective < 100 * objective ? 1 - trialObjective / objective : -1
            ratio = predicted != 0 ? actual / predicted : 0

            // Update the trust region.
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
                s.phi.update(from: s.trialPhi, count: p)
                s.residuals.update(from: s.trialResiduals, count: n)
                objective = trialObjective
                scaledParameterNorm = scaledNorm(s.phi)
                accepted = true
                if objective == 0 {
                    termination = exactOrUnderflow()
                    break
                }
                if updateJacobian() != nil {
                    termination = .failed(.nonFiniteModel("the Jacobian is not finite at the accepted point"))
                    break
                }
            }

            // Convergence tests (MINPACK's order).
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
                // The steps that would still lower the objective leave the region where the model
                // is defined: the best point lies on its edge, which is not a minimum.
                termination = .failed(.domainEdge(gradientCosine: gradientCosine()))
            } else if termination != .converged(.exactFit), termination != .converged(.gradient), !isStationary() {
                termination = .failed(.notStationary(gradientCosine: gradientCosine()))
            }
        }
        if options.recordsIterations {
            iterationLog.append(IterationRecord(iteration: iterations, evaluations: evaluations, objective: objective,
                                                lambda: lambda, radius: radius, gainRatio: ratio, accepted: accepted))
        }
        return (ratio, accepted)
    }

    // MARK: Helpers

    /// Evaluates the Jacobian at `φ` (the point of the latest residual evaluation), its column
    /// norms and, for a robust loss, the rescaled residuals and Jacobian; the subproblem is
    /// refactored when next needed. Returns the first non-finite row, if any.
    private mutating func updateJacobian() -> Int? {
        let (s, n, p) = (storage, rows, columns)
        currentAtPhi = true
        cachedCosine = .nan
        factorizationPending = true
        if let row = problem.jacobian(at: s.phi, into: s.jacobian) { return row }
        for j in 0..<p { s.norms[j] = Self.norm(s.jacobian + j &* n, n) }
        if !linear {
            s.scaledResiduals.update(from: s.residuals, count: n)
            s.scaledJacobian.update(from: s.jacobian, count: n * p)
            problem.applyRobustScaling(residuals: s.scaledResiduals, jacobian: s.scaledJacobian)
        }
        return nil
    }

    /// Factors the (robust-scaled) Jacobian with the current `D`.
    private mutating func factor() -> Bool {
        let s = storage
        factorizationPending = false
        return subproblem.factor(
            jacobian: linear ? s.jacobian : s.scaledJacobian, residuals: linear ? s.residuals : s.scaledResiduals,
            diagonal: s.diagonal, rows: rows, columns: columns)
    }

    /// Euclidean norm of `n` values; rescaled against overflow and underflow when the plain sum
    /// of squares leaves the normal range (MINPACK's `enorm` idea).
    @inline(__always)
    static func norm(_ v: UnsafePointer<Double>, _ n: Int) -> Double {
        var sum = VectorKernels.sumOfSquares(v, n)
        if sum.isFinite, sum >= 0x1p-900 || sum == 0 { return sum.squareRoot() }
        var largest = 0.0
        for i in 0..<n { largest = max(largest, abs(v[i])) }
        guard largest > 0, largest.isFinite else { return largest }
        sum = 0
        for i in 0..<n { let x = v[i] / largest; sum += x * x }
        return largest * sum.squareRoot()
    }

    private func scaledNorm(_ x: UnsafePointer<Double>) -> Double {
        let d = storage.diagonal
        var sum = 0.0
        for j in 0..<columns { sum += d[j] * x[j] * d[j] * x[j] }
        return sum.squareRoot()
    }

    /// Parameters that no longer affect the model at the current point, or `nil`: such a point
    /// is a plateau (an exponential that underflowed, a rate gone to infinity), not a minimum,
    /// even when the objective stops decreasing.
    private func parametersWithoutEffect() -> [String]? {
        let (s, n, p) = (storage, rows, columns)
        let residualNorm = Self.norm(s.residuals, n)
        guard residualNorm > 0 else { return nil }
        // Parameter j has no effect when moving it by its own size (or by 1) changes the
        // residuals by less than rounding: ‖J_j‖·max(|φ_j|, 1) ≤ ε‖r‖.
        let inert = (0..<p).filter { s.norms[$0] * max(abs(s.phi[$0]), 1) <= Double.ulpOfOne * residualNorm }
        return inert.isEmpty ? nil : inert.map { problem.parameterNames[$0] }
    }

    /// A zero objective: an exact fit when every residual is zero, else squares that underflowed.
    private func exactOrUnderflow() -> Termination {
        let r = storage.residuals
        for i in 0..<rows where r[i] != 0 { return .failed(.residualsUnderflow) }
        return .converged(.exactFit)
    }

    /// The final gradient test of ``Identifiability`` (once per fit, at a convergence claim), over
    /// the parameters not on a bound.
    private mutating func isStationary() -> Bool {
        let (s, n) = (storage, rows)
        var modelScale = 0.0
        for j in 0..<columns { modelScale += abs(s.phi[j]) * s.norms[j] }
        let residualNorm = Self.norm(s.residuals, n)
        let threshold = Identifiability.stationarityThreshold(modelScale: modelScale, residualNorm: residualNorm)
        guard gradientCosine() > threshold else { return true }
        let (a, r) = linear ? (s.jacobian, s.residuals) : (s.scaledJacobian, s.scaledResiduals)
        let norm = linear ? residualNorm : Self.norm(r, n)
        for j in 0..<columns where !problem.isOnBound(j, at: s.phi) {
            let column = a + j &* n
            let columnNorm = linear ? s.norms[j] : Self.norm(column, n)
            if columnNorm > 0, abs(VectorKernels.dot(column, r, n)) > threshold * columnNorm * norm { return false }
        }
        return true
    }

    /// The largest cosine between the (scaled) residual vector and a Jacobian column.
    private mutating func gradientCosine() -> Double {
        if !cachedCosine.isNaN { return cachedCosine }
        let (s, n, p) = (storage, rows, columns)
        let (a, r) = linear ? (s.jacobian, s.residuals) : (s.scaledJacobian, s.scaledResiduals)
        let residualNorm = Self.norm(r, n)
        var largest = 0.0
        if residualNorm > 0 {
            for j in 0..<p {
                let column = a + j &* n
                let dot = VectorKernels.dot(column, r, n)
                let norm = linear ? s.norms[j] : Self.norm(column, n)
                if norm > 0 { largest = max(largest, abs(dot) / (norm * residualNorm)) }
            }
        }
        cachedCosine = largest
        return largest
    }

    // MARK: Summary (plain least squares without bounds)

    /// The residual sum of squares at `φ` and, into `errors`, the standard errors
    /// `√(RSS/(n−p)·[(JᵀJ)⁻¹]_jj)` from the subproblem factored with `D` = the column norms
    /// (``FitResult``'s covariance); returns whether they are estimable. Applies
    /// ``Identifiability``'s checks to the termination (without allocating when they pass).
    /// For problems whose internal parameters are the external ones and whose objective is the
    /// sum of squares.
    mutating func leastSquaresSummary(standardErrors errors: UnsafeMutablePointer<Double>) -> (rss: Double, estimable: Bool) {
        makeUnique()
        let (s, n, p) = (storage, rows, columns)
        if !currentAtPhi {
            _ = problem.residuals(at: s.phi, into: s.residuals)
            _ = updateJacobian()
        }
        let rss = VectorKernels.sumOfSquares(s.residuals, n)
        largestVarianceInflation = .infinity
        guard n > p else { return (rss, false) }
        for k in 0..<(n * p) where !s.jacobian[k].isFinite { return (rss, false) }
        for j in 0..<p { s.diagonal[j] = s.norms[j] > 0 ? s.norms[j] : 1 }
        guard factor(), subproblem.inverseGramDiagonal(rankTolerance: options.rankTolerance, into: s.scratch) else {
            if let current = termination {
                termination = Identifiability.assess(
                    current, names: problem.parameterNames, estimate: { s.phi[$0] }, standardError: { _ in nil },
                    varianceInflation: { _ in nil }, rankDeficient: problem.parameterNames, residualSumOfSquares: rss)
            }
            return (rss, false)
        }
        let variance = rss / Double(n - p)
        for j in 0..<p { errors[j] = (variance * s.scratch[j]).squareRoot() / s.diagonal[j] }
        largestVarianceInflation = (0..<p).reduce(0) { max($0, s.scratch[$1]) }
        if let current = termination {
            // Once per fit: ``Identifiability``'s checks, with VIF_j = [(J̃ᵀJ̃)⁻¹]_jj from the unit-column factorization.
            termination = Identifiability.assess(
                current, names: problem.parameterNames, estimate: { s.phi[$0] }, standardError: { errors[$0] },
                varianceInflation: { s.scratch[$0] }, rankDeficient: nil, residualSumOfSquares: rss)
        }
        return (rss, true)
    }
}

extension LevenbergMarquardtCore: @unchecked Sendable where Problem: Sendable, Subproblem: Sendable {}

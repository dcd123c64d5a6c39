/// One iteration's record for the iteration log.
public struct IterationRecord: Sendable, Equatable {
    /// 1-based iteration number.
    public let iteration: Int
    /// Residual evaluations so far.
    public let evaluations: Int
    /// Objective after the iteration (the residual sum of squares for the linear loss).
    public let objective: Double
    /// Damping parameter of the last trial step.
    public let lambda: Double
    /// Trust-region radius after the iteration.
    public let radius: Double
    /// Gain ratio (actual over predicted reduction) of the last trial step.
    public let gainRatio: Double
    /// Whether the iteration ended with an accepted step.
    public let accepted: Bool
}

/// A trust-region Levenberg–Marquardt solver that can be stepped one iteration at a time.
///
/// The algorithm is MINPACK's `lmder` (Moré 1978): parameter scaling `D` by the largest
/// Jacobian column norms seen so far, a trust region of radius `Δ` on `‖D·δ‖` updated from the
/// gain ratio, and the damping `λ` found by a safeguarded Newton iteration. Each step is solved
/// from the singular value decomposition of the scaled Jacobian `J·D⁻¹` (``TrustRegionStep``),
/// never from normal equations. Bounds enter through a change of variables
/// (``ParameterBounds``) and robust losses through residual rescaling (``Loss``).
///
/// Use ``step()`` to advance one iteration (progress, cancellation, per-iteration benchmarks),
/// or ``run()`` to iterate until ``termination`` is set.
public struct LevenbergMarquardt: Sendable {
    public let problem: FitProblem
    public let options: FitOptions
    private let evaluator: ResidualEvaluator
    private var factorization: Factorization

    /// Which SVD implementation steps use.
    enum Factorization: Sendable {
        case lapack(LAPACKJacobianFactorization)
        case small(SmallJacobianFactorization)

        mutating func factor(_ a: [Double], rows: Int, columns: Int, residuals: [Double]) throws {
            switch self {
            case .lapack(var f): try f.factor(a, rows: rows, columns: columns, residuals: residuals); self = .lapack(f)
            case .small(var f): try f.factor(a, rows: rows, columns: columns, residuals: residuals); self = .small(f)
            }
        }

        var parts: (sigma: [Double], v: [Double], g: [Double]) {
            switch self {
            case .lapack(let f): return (f.singularValues, f.rightVectors, f.projectedResiduals)
            case .small(let f): return (f.singularValues, f.rightVectors, f.projectedResiduals)
            }
        }
    }

    // State at the current point.
    private var phi: [Double]
    private var residuals: [Double]
    private var scaledResiduals: [Double]
    private var jacobian: [Double]
    private var objective: Double
    private var diagonal: [Double]
    private var radius = 0.0
    private var lambda = 0.0
    private var scaledParameterNorm = 0.0
    private var lastTrialWasFinite = true
    // Scratch buffers.
    private var gradient: [Double]
    private var trialPhi: [Double]
    private var trialResiduals: [Double]
    private var stepCoefficients: [Double]
    private var scaledJacobian: [Double]

    /// Iterations performed.
    public private(set) var iterations = 0
    /// Residual evaluations performed.
    public private(set) var evaluations = 0
    /// How the fit ended; `nil` while it can still make progress.
    public private(set) var termination: Termination?
    /// The iteration log (empty unless ``FitOptions/recordsIterations``).
    public private(set) var iterationLog: [IterationRecord] = []

    /// Prepares a solver at `start` using the LAPACK factorization.
    /// - Throws: ``FitError`` for a start of the wrong length, non-finite or outside the bounds,
    ///   or invalid options.
    public init(problem: FitProblem, start: [Double], options: FitOptions = .init()) throws {
        try self.init(problem: problem, start: start, options: options, factorization: .lapack(.init()))
    }

    init(problem: FitProblem, start: [Double], options: FitOptions, factorization: Factorization) throws {
        try options.validate()
        let (n, p) = (problem.observationCount, problem.parameterCount)
        let names = problem.model.parameterNames
        guard start.count == p else {
            throw FitError.invalidSetup("\(start.count) start values for \(p) parameters (\(names.joined(separator: ", ")))")
        }
        for j in 0..<p {
            guard start[j].isFinite else { throw FitError.invalidSetup("start value of \(names[j]) is \(start[j])") }
            guard start[j] >= problem.bounds.lower[j], start[j] <= problem.bounds.upper[j] else {
                throw FitError.invalidSetup(
                    "start value of \(names[j]) (\(start[j])) lies outside its bounds [\(problem.bounds.lower[j]), \(problem.bounds.upper[j])]")
            }
        }
        self.problem = problem
        self.options = options
        self.evaluator = ResidualEvaluator(problem)
        self.factorization = factorization
        phi = evaluator.internal(start)
        residuals = Array(repeating: 0, count: n)
        scaledResiduals = residuals
        jacobian = Array(repeating: 0, count: n * p)
        scaledJacobian = jacobian
        diagonal = Array(repeating: 0, count: p)
        gradient = Array(repeating: 0, count: p)
        trialPhi = phi
        trialResiduals = residuals
        stepCoefficients = Array(repeating: 0, count: p)
        objective = .infinity
        initialize()
    }

    /// Whether a restart from the same start could end differently: not when the start itself
    /// was rejected (not finite, singular Jacobian).
    var canRestart: Bool {
        switch termination {
        case .failed(.nonFiniteStart), .failed(.singularJacobianAtStart): return false
        default: return true
        }
    }

    /// The current parameter estimate `θ`.
    public var parameters: [Double] { evaluator.external(phi) }
    /// The current objective value.
    public var currentObjective: Double { objective }

    private mutating func initialize() {
        evaluations = 1
        if let row = evaluator.residuals(phi, into: &residuals) {
            termination = .failed(.nonFiniteStart(row: row + 1))
            return
        }
        objective = evaluator.objective(residuals)
        if objective == 0 {
            termination = .converged(.exactFit)
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
        let p = problem.parameterCount
        if let dependent = dependentParameters() {
            termination = .failed(.singularJacobianAtStart(parameters: dependent))
            return
        }
        for j in 0..<p { diagonal[j] = columnNorm(j) > 0 ? columnNorm(j) : 1 }
        scaledParameterNorm = scaledNorm(phi)
        radius = options.initialStepBound * (scaledParameterNorm > 0 ? scaledParameterNorm : 1)
    }

    /// The parameters that cannot be identified at the current point, or `nil` when the
    /// Jacobian has full rank to working precision: those whose Jacobian column is zero, else
    /// those involved in the null direction of the Jacobian with columns scaled to unit norm,
    /// when its smallest singular value is at most machine epsilon times the largest.
    ///
    /// Only exact singularity stops a fit before it starts (a parameter without effect, or
    /// parameters that enter only as a product): a Jacobian that is merely ill conditioned at
    /// the start (NIST's MGH17 from Start 1 reaches 2·10⁻¹⁴) is what Levenberg–Marquardt's
    /// damping handles.
    private mutating func dependentParameters() -> [String]? {
        let p = problem.parameterCount
        let names = problem.model.parameterNames
        let norms = (0..<p).map(columnNorm)
        let largest = norms.max() ?? 0
        let zero = (0..<p).filter { !(norms[$0] > Double.ulpOfOne * largest) }
        if !zero.isEmpty { return zero.map { names[$0] } }
        let saved = diagonal
        diagonal = norms
        defer { diagonal = saved }
        guard refactor() else { return names }
        let (sigma, v, _) = factorization.parts
        guard let smallest = sigma.last, let top = sigma.first, !(smallest > Double.ulpOfOne * top) else { return nil }
        let null = (0..<p).map { abs(v[$0 + (p - 1) * p]) }
        let threshold = 0.1 * (null.max() ?? 0)
        return (0..<p).filter { null[$0] >= threshold }.map { names[$0] }
    }

    /// Recomputes the Jacobian at `phi` and refactors; returns the first non-finite row, if any.
    private mutating func updateJacobian() -> Int? {
        if let row = evaluator.jacobian(phi, into: &jacobian, gradient: &gradient) { return row }
        return refactor() ? nil : 0
    }

    /// Euclidean norm of Jacobian column `j`, scaled against overflow (MINPACK's `enorm` idea).
    private func columnNorm(_ j: Int) -> Double {
        let n = problem.observationCount
        var largest = 0.0
        for i in 0..<n { largest = max(largest, abs(jacobian[i + j * n])) }
        guard largest > 0, largest.isFinite else { return largest }
        var sum = 0.0
        for i in 0..<n { let v = jacobian[i + j * n] / largest; sum += v * v }
        return largest * sum.squareRoot()
    }

    private func scaledNorm(_ x: [Double]) -> Double {
        var sum = 0.0
        for j in x.indices { sum += diagonal[j] * x[j] * diagonal[j] * x[j] }
        return sum.squareRoot()
    }

    /// Parameters that no longer affect the model at the current point, or `nil`: such a point
    /// is a plateau (an exponential that underflowed, a rate gone to infinity), not a minimum,
    /// even when the objective stops decreasing.
    private func parametersWithoutEffect() -> [String]? {
        let p = problem.parameterCount
        var residualNorm = 0.0
        for r in residuals { residualNorm += r * r }
        residualNorm = residualNorm.squareRoot()
        guard residualNorm > 0 else { return nil }
        // Parameter j has no effect when moving it by its own size (or by 1) changes the
        // residuals by less than rounding: ‖J_j‖·max(|φ_j|, 1) ≤ ε‖r‖.
        let inert = (0..<p).filter { columnNorm($0) * max(abs(phi[$0]), 1) <= Double.ulpOfOne * residualNorm }
        return inert.isEmpty ? nil : inert.map { problem.model.parameterNames[$0] }
    }

    /// The largest cosine between the (scaled) residual vector and a Jacobian column.
    private func gradientCosine() -> Double {
        let (n, p) = (problem.observationCount, problem.parameterCount)
        var residualNorm = 0.0
        for i in 0..<n { residualNorm += scaledResiduals[i] * scaledResiduals[i] }
        residualNorm = residualNorm.squareRoot()
        guard residualNorm > 0 else { return 0 }
        var largest = 0.0
        for j in 0..<p {
            var dot = 0.0, norm = 0.0
            for i in 0..<n {
                let a = scaledJacobian[i + j * n]
                dot += a * scaledResiduals[i]
                norm += a * a
            }
            if norm > 0 { largest = max(largest, abs(dot) / (norm.squareRoot() * residualNorm)) }
        }
        return largest
    }

    /// Runs until ``termination`` is set.
    public mutating func run() {
        while termination == nil { step() }
    }

    /// Performs one outer iteration: trial steps until one is accepted or the fit terminates.
    public mutating func step() {
        guard termination == nil else { return }
        let (n, p) = (problem.observationCount, problem.parameterCount)
        iterations += 1

        if gradientCosine() <= options.gradientTolerance {
            termination = .converged(.gradient)
            return
        }
        // Rescale: D only grows (MINPACK mode 1); refactor if it changed.
        var changed = false
        for j in 0..<p {
            let norm = columnNorm(j)
            if norm > diagonal[j] { diagonal[j] = norm; changed = true }
        }
        if changed || iterations == 1 {
            if !refactor() {
                termination = .failed(.nonFiniteModel("the Jacobian could not be factored"))
                return
            }
        }
        if iterations == 1 {
            scaledParameterNorm = scaledNorm(phi)
            radius = options.initialStepBound * (scaledParameterNorm > 0 ? scaledParameterNorm : 1)
        }

        var ratio = 0.0
        var accepted = false
        while true {
            let (sigma, v, g) = factorization.parts
            let (newLambda, stepNorm) = TrustRegionStep.solve(
                singularValues: sigma, projected: g, radius: radius, previousLambda: lambda,
                rankTolerance: options.rankTolerance, into: &stepCoefficients)
            lambda = newLambda
            // δ = D⁻¹·V·w.
            for j in 0..<p {
                var z = 0.0
                for k in 0..<p { z += v[j + k * p] * stepCoefficients[k] }
                trialPhi[j] = phi[j] + z / diagonal[j]
            }
            if iterations == 1 { radius = min(radius, stepNorm) }

            evaluations += 1
            let finite = evaluator.residuals(trialPhi, into: &trialResiduals) == nil
            lastTrialWasFinite = finite
            let trialObjective = finite ? evaluator.objective(trialResiduals) : .infinity

            // Predicted and actual relative reductions (MINPACK's formulas, with F = ‖r‖²).
            var fittedNorm2 = 0.0
            for k in 0..<p { fittedNorm2 += sigma[k] * stepCoefficients[k] * sigma[k] * stepCoefficients[k] }
            var scaledObjective = 0.0
            for i in 0..<n { scaledObjective += scaledResiduals[i] * scaledResiduals[i] }
            let reference = problem.loss.isLinear ? objective : scaledObjective
            let temp1 = fittedNorm2 / reference
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
                swap(&phi, &trialPhi)
                swap(&residuals, &trialResiduals)
                objective = trialObjective
                scaledParameterNorm = scaledNorm(phi)
                accepted = true
                if objective == 0 {
                    termination = .converged(.exactFit)
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
            }
        }
        if options.recordsIterations {
            iterationLog.append(IterationRecord(iteration: iterations, evaluations: evaluations, objective: objective,
                                       lambda: lambda, radius: radius, gainRatio: ratio, accepted: accepted))
        }
    }

    /// Factors the current Jacobian, robustly rescaled and with columns divided by `D`
    /// (`D = 1` before the first iteration sets it), without evaluating the model.
    private mutating func refactor() -> Bool {
        let (n, p) = (problem.observationCount, problem.parameterCount)
        for i in 0..<n { scaledResiduals[i] = residuals[i] }
        for k in 0..<(n * p) { scaledJacobian[k] = jacobian[k] }
        evaluator.applyRobustScaling(residuals: &scaledResiduals, jacobian: &scaledJacobian)
        for j in 0..<p {
            let d = diagonal[j] > 0 ? diagonal[j] : 1
            for i in 0..<n { scaledJacobian[i + j * n] /= d }
        }
        do { try factorization.factor(scaledJacobian, rows: n, columns: p, residuals: scaledResiduals) } catch { return false }
        return true
    }
}

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
/// as MINPACK solves it, from the Householder QR with column pivoting of the scaled Jacobian
/// `J·D⁻¹` (``PivotedQRTrustRegionSubproblem``), never from normal equations. Where the Jacobian
/// is rank deficient its Gauss–Newton step is MINPACK's basic solution, which leaves a symmetric
/// singular point (MGH's Biggs EXP6 from its standard start, two equal columns) where the
/// minimum-norm step of an SVD would keep the symmetry forever. Bounds enter through a change of
/// variables (``ParameterBounds``) and robust losses through residual rescaling (``Loss``).
/// The iteration is ``LevenbergMarquardtCore``, shared with ``BatchFitter``.
///
/// Use ``step()`` to advance one iteration (progress, cancellation, per-iteration benchmarks),
/// or ``run()`` to iterate until ``termination`` is set.
public struct LevenbergMarquardt: Sendable {
    public let problem: FitProblem
    public let options: FitOptions
    private var core: LevenbergMarquardtCore<ResidualEvaluator, PivotedQRTrustRegionSubproblem>

    /// Iterations performed.
    public var iterations: Int { core.iterations }
    /// Residual evaluations performed.
    public var evaluations: Int { core.evaluations }
    /// How the fit ended; `nil` while it can still make progress.
    public var termination: Termination? { core.termination }
    /// The iteration log (empty unless ``FitOptions/recordsIterations``).
    public var iterationLog: [IterationRecord] { core.iterationLog }

    /// Prepares a solver at `start`.
    /// - Throws: ``FitError`` for a start of the wrong length, non-finite or outside the bounds,
    ///   or invalid options.
    public init(problem: FitProblem, start: [Double], options: FitOptions = .init()) throws {
        try options.validate()
        let p = problem.parameterCount
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
        let evaluator = ResidualEvaluator(problem)
        core = LevenbergMarquardtCore(problem: evaluator, subproblem: PivotedQRTrustRegionSubproblem(capacity: problem.observationCount, columns: p), options: options)
        evaluator.internal(start).withUnsafeBufferPointer { core.reset(start: $0.baseAddress!) }
    }

    /// Whether a restart from the same start could end differently: not when the model is not
    /// finite at the start.
    var canRestart: Bool { core.canRestart }

    /// Whether the outcome kept by ``runWithRestarts()`` is the restart with unit scaling.
    var usesUnitScaling: Bool { core.usesUnitScaling }

    /// The current parameter estimate `θ`.
    public var parameters: [Double] { core.problem.external(Array(core.phi)) }
    /// The current objective value.
    public var currentObjective: Double { core.objective }

    /// Runs until ``termination`` is set.
    public mutating func run() {
        core.run()
    }

    /// Performs one outer iteration: trial steps until one is accepted or the fit terminates.
    public mutating func step() {
        core.step()
    }

    /// Runs, then restarts from the start with the options' smaller initial step bounds while the
    /// fit is not usable (see ``FitOptions/restartStepBounds``); returns the bound of the outcome kept.
    mutating func runWithRestarts() -> Double {
        core.runWithRestarts()
    }
}

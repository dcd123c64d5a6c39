/// Options of the Levenberg–Marquardt solver: an immutable value checked by ``validate()``.
///
/// Convergence criteria (exact definitions; `F` is the objective, `Δ` the trust-region radius,
/// `D` the parameter scaling, `θ` the parameters, `J` the Jacobian of the residuals `r`):
/// - **relative reduction** (`relativeReductionTolerance`, default `1e-14`): both the actual and
///   the predicted relative reduction of `F` in a step are at most the tolerance (and the step's
///   gain ratio is at most 2) — MINPACK's `ftol` test;
/// - **relative step** (`relativeStepTolerance`, default `1e-14`): `Δ ≤ tolerance · ‖D·θ‖`,
///   i.e. the largest step allowed is below that fraction of the scaled parameter vector —
///   MINPACK's `xtol` test;
/// - **gradient** (`gradientTolerance`, default `1e-14`): the largest cosine between the
///   residual vector and a Jacobian column, `max_j |(Jᵀr)_j| / (‖J_j‖·‖r‖)`, is at most the
///   tolerance — MINPACK's `gtol` test; also met exactly when `r = 0`.
///
/// A met criterion is only a claim: before the result is called converged it passes
/// ``Identifiability``'s final checks (gradient test, run-off estimates, ridge, finite values).
///
/// The defaults are close to machine precision on purpose: the fits are meant to reproduce NIST's
/// certified values to 6 or more digits, and the solver stops cleanly at the limit of double
/// precision when the tolerances cannot be met (reported as converged at machine precision).
public struct FitOptions: Sendable, Equatable {
    /// See the type's description.
    public var relativeReductionTolerance: Double
    /// See the type's description.
    public var relativeStepTolerance: Double
    /// See the type's description.
    public var gradientTolerance: Double
    /// Largest number of accepted-or-rejected step attempts (outer iterations).
    public var maximumIterations: Int
    /// Largest number of residual evaluations (each trial step costs one).
    public var maximumEvaluations: Int
    /// Initial trust-region radius as a multiple of `‖D·θ₀‖` (or of 1 when that is 0). MINPACK's
    /// `factor`; 100 lets the first steps go far from a poor start.
    public var initialStepBound: Double
    /// Smaller initial step bounds to restart with, in order, when a fit from the start ends
    /// unusable (no convergence, a plateau, overflow): a long first step can throw a fit onto a
    /// plateau that a shorter one avoids. Restarts begin again from the same start values.
    public var restartStepBounds: [Double]
    /// Relative cutoff on singular values of the scaled Jacobian: directions with
    /// `σ_k ≤ cutoff·σ_max` are treated as null (Gauss–Newton steps and covariance).
    public var rankTolerance: Double
    /// Level of the parameter confidence intervals and curve bands.
    public var confidenceLevel: Double
    /// Whether to keep a per-iteration log in the result.
    public var recordsIterations: Bool

    public init(
        relativeReductionTolerance: Double = 1e-14, relativeStepTolerance: Double = 1e-14,
        gradientTolerance: Double = 1e-14, maximumIterations: Int = 1000, maximumEvaluations: Int = 2000,
        initialStepBound: Double = 100, restartStepBounds: [Double] = [1, 0.01], rankTolerance: Double = 1e-12, confidenceLevel: Double = 0.95,
        recordsIterations: Bool = true
    ) {
        self.relativeReductionTolerance = relativeReductionTolerance
        self.relativeStepTolerance = relativeStepTolerance
        self.gradientTolerance = gradientTolerance
        self.maximumIterations = maximumIterations
        self.maximumEvaluations = maximumEvaluations
        self.initialStepBound = initialStepBound
        self.restartStepBounds = restartStepBounds
        self.rankTolerance = rankTolerance
        self.confidenceLevel = confidenceLevel
        self.recordsIterations = recordsIterations
    }

    /// Checks every option's domain, naming the first one that is out of it.
    public func validate() throws {
        for (name, value) in [("relative reduction tolerance", relativeReductionTolerance),
                              ("relative step tolerance", relativeStepTolerance),
                              ("gradient tolerance", gradientTolerance)] where !(value >= 0 && value < 1) {
            throw FitError.invalidOption("\(name) must lie in [0, 1), got \(value)")
        }
        guard maximumIterations > 0 else { throw FitError.invalidOption("maximum iterations must be positive") }
        guard maximumEvaluations > 0 else { throw FitError.invalidOption("maximum evaluations must be positive") }
        guard initialStepBound > 0, initialStepBound.isFinite else {
            throw FitError.invalidOption("initial step bound must be positive and finite")
        }
        guard restartStepBounds.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw FitError.invalidOption("restart step bounds must be positive and finite")
        }
        guard rankTolerance > 0, rankTolerance < 1 else { throw FitError.invalidOption("rank tolerance must lie in (0, 1)") }
        guard confidenceLevel > 0, confidenceLevel < 1 else {
            throw FitError.invalidOption("confidence level must lie in (0, 1)")
        }
    }
}

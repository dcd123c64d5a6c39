import Foundation

/// How a fit ended: a small set of outcomes, each saying whether the estimate can be used.
public enum Termination: Sendable, Equatable, CustomStringConvertible {
    /// Which convergence criterion was met (see ``FitOptions``).
    public enum Criterion: String, Sendable, Equatable {
        case relativeReduction = "relative reduction of the objective below tolerance"
        case relativeStep = "relative step size below tolerance"
        case gradient = "gradient orthogonal to the residuals within tolerance"
        case exactFit = "zero residuals"
        case reductionAtMachinePrecision = "no further reduction possible at machine precision"
        case stepAtMachinePrecision = "no further step possible at machine precision"
    }

    /// Why a fit failed.
    public enum Failure: Sendable, Equatable, CustomStringConvertible {
        /// The model is not finite at the start values.
        case nonFiniteStart(row: Int)
        /// The model overflowed or became undefined everywhere the solver tried to go.
        case nonFiniteModel(String)
        /// The objective still decreases toward parameter values where the model is not defined
        /// (a power of a negative base, a logarithm of a negative number): no minimum inside
        /// the model's domain.
        case domainEdge(gradientCosine: Double)
        /// The solver stopped where the listed parameters have no effect on the model: a
        /// plateau, not a minimum.
        case parametersWithoutEffect([String])
        /// A convergence criterion was met, but the final gradient test failed: the largest
        /// cosine between the residuals and a Jacobian column exceeds ``Identifiability``'s
        /// stationarity threshold, so the objective still decreases (see ``FitOptions``).
        case notStationary(gradientCosine: Double)
        /// The minimum lies at infinity: the objective keeps falling while the listed estimates
        /// grow without bound (not stationary, and their relative standard errors exceed
        /// ``Identifiability/runawayRelativeStandardError``).
        case estimatesRunOff([String])
        /// The minimum lies on a ridge: the covariance is singular or nearly so (the variance
        /// inflation of the listed parameters exceeds ``Identifiability/ridgeVarianceInflation``),
        /// so they are not separately identifiable from these data.
        case ridge(parameters: [String], varianceInflation: Double)
        /// An estimate, standard error, residual sum of squares or statistic is not finite.
        case notFinite(String)
        /// The residuals are so small that their squares underflow (below about 1e-154): the
        /// residual sum of squares and everything computed from it are not representable.
        case residualsUnderflow

        public var description: String {
            switch self {
            case .nonFiniteStart(let row):
                return "the model is not finite at the start values (observation \(row))"
            case .nonFiniteModel(let message):
                return "the model overflowed or is undefined: \(message)"
            case .domainEdge(let cosine):
                return "stopped at the edge of the region where the model is defined: the fit keeps improving toward "
                    + "parameter values where the model is not finite (gradient cosine \(String(format: "%.2g", cosine))); "
                    + "the data do not support this model — constrain it with bounds or choose another model"
            case .parametersWithoutEffect(let names):
                return "stopped on a plateau where \(names.joined(separator: ", ")) no longer affect"
                    + " the model (e.g. an exponential underflowed); this is not a minimum — try other start values"
            case .notStationary(let cosine):
                return "stopped where the objective still decreases (final gradient test failed: gradient cosine "
                    + "\(String(format: "%.2g", cosine))); this is not a minimum — try other start values or rescale the parameters"
            case .estimatesRunOff(let names):
                return "the estimates of \(names.joined(separator: ", ")) run off without bound while the objective still "
                    + "decreases: the minimum lies at infinity and the parameters are not identifiable from these data"
            case .ridge(let names, let inflation):
                let size = inflation.isFinite ? String(format: "%.1e", inflation) : "infinite"
                return "the minimum lies on a ridge: \(names.joined(separator: ", ")) are not separately identifiable "
                    + "(variance inflation \(size)); fix one of them, reparametrize or choose a simpler model"
            case .notFinite(let what):
                return "the fit ended with a non-finite \(what)"
            case .residualsUnderflow:
                return "the residuals are too small to square in double precision (below about 1e-154): rescale the response"
            }
        }
    }

    case converged(Criterion)
    case iterationLimit(Int)
    case evaluationLimit(Int)
    case failed(Failure)

    /// Whether the estimate is a converged minimum that can be reported and used.
    public var isUsable: Bool {
        if case .converged = self { return true }
        return false
    }

    /// Short status word for tables and JSON: `converged`, `iteration_limit`,
    /// `evaluation_limit` or `failed`.
    public var status: String {
        switch self {
        case .converged: return "converged"
        case .iterationLimit: return "iteration_limit"
        case .evaluationLimit: return "evaluation_limit"
        case .failed: return "failed"
        }
    }

    /// A sentence for the user.
    public var message: String {
        switch self {
        case .converged(let criterion): return criterion.rawValue
        case .iterationLimit(let n): return "stopped after the maximum of \(n) iterations without converging"
        case .evaluationLimit(let n): return "stopped after the maximum of \(n) model evaluations without converging"
        case .failed(let failure): return failure.description
        }
    }

    public var description: String { "\(status): \(message)" }
}

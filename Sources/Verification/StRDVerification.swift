import Datasets

/// The accuracy of one fit of an NIST StRD problem, as log relative errors (LRE, the number of
/// correct significant digits, capped at 11; see ``LogRelativeError``).
public struct StRDVerification: Sendable, Equatable {
    /// The dataset name from the file.
    public let dataset: String
    /// The start (1 or 2) for nonlinear problems, `nil` for linear ones.
    public let start: Int?
    /// `converged` (or the solver's status) or `failed`.
    public let status: String
    /// A sentence on how the fit ended.
    public let message: String
    /// Smallest LRE over the parameters.
    public let parameterLRE: Double
    /// Smallest LRE over the standard errors (`nil` when they are not scored).
    public let standardErrorLRE: Double?
    /// LRE of the residual standard deviation (linear problems).
    public let residualStandardDeviationLRE: Double?
    /// LRE of the residual sum of squares (nonlinear problems; `nil` when not scored because the
    /// certified residual is zero by construction).
    public let residualSumOfSquaresLRE: Double?
    /// The thresholds applied.
    public let thresholds: StRDThresholds
    /// Whether every scored LRE reaches its threshold.
    public let passed: Bool
}

/// Minimum LREs a fit must reach.
///
/// Linear problems: coefficients 7, standard errors 6, residual SD 7. Nonlinear problems:
/// parameters 6, standard errors 4, RSS 6 (scored from both starts).
public struct StRDThresholds: Sendable, Equatable {
    public let parameters: Double
    public let standardErrors: Double
    public let residual: Double

    public static let linear = StRDThresholds(parameters: 7, standardErrors: 6, residual: 7)
    public static let nonlinear = StRDThresholds(parameters: 6, standardErrors: 4, residual: 6)
}

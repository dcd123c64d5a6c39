import Probability

/// The extra-sum-of-squares F test between two nested least-squares fits of the same data
/// (R's `anova.nls`; Bates & Watts 1988, §3.5).
///
/// With residual sums of squares `S_r` (reduced model, `df_r` residual degrees of freedom) and
/// `S_f` (full model, `df_f < df_r`): `F = ((S_r − S_f)/(df_r − df_f)) / (S_f/df_f)`, referred to
/// the F distribution with `(df_r − df_f, df_f)` degrees of freedom. The test assumes the reduced
/// model is the full one with some parameters held at given values; it cannot check that.
public struct NestedModelTest: Sendable, Equatable {
    public let reducedResidualSumOfSquares: Double
    public let fullResidualSumOfSquares: Double
    public let reducedDegreesOfFreedom: Int
    public let fullDegreesOfFreedom: Int
    /// `F`.
    public let statistic: Double
    /// `P(F_{df_r − df_f, df_f} ≥ F)`.
    public let pValue: Double

    /// Tests `reduced` against `full`.
    /// - Throws: ``FitError`` unless both fits are usable, of the same number of observations,
    ///   `full` has fewer residual degrees of freedom, and `F` is finite.
    public init(reduced: FitResult, full: FitResult) throws {
        guard reduced.isUsable, full.isUsable else {
            throw FitError.invalidSetup("the F test needs two usable fits: \((reduced.isUsable ? full : reduced).termination.message)")
        }
        guard reduced.observationCount == full.observationCount else {
            throw FitError.invalidSetup("the F test compares fits of the same data: \(reduced.observationCount) and \(full.observationCount) observations")
        }
        let (dfr, dff) = (reduced.residualDegreesOfFreedom, full.residualDegreesOfFreedom)
        guard dff < dfr, dff > 0 else {
            throw FitError.invalidSetup("the full model needs more parameters than the reduced one and residual degrees of freedom (df \(dff) vs \(dfr))")
        }
        let (sr, sf) = (reduced.residualSumOfSquares, full.residualSumOfSquares)
        let f = ((sr - sf) / Double(dfr - dff)) / (sf / Double(dff))
        guard f.isFinite, let distribution = try? FDistribution(numeratorDF: Double(dfr - dff), denominatorDF: Double(dff)) else {
            throw FitError.invalidSetup("the F statistic is not finite (residual sums of squares \(sr) and \(sf))")
        }
        reducedResidualSumOfSquares = sr
        fullResidualSumOfSquares = sf
        reducedDegreesOfFreedom = dfr
        fullDegreesOfFreedom = dff
        statistic = f
        pValue = f <= 0 ? 1 : distribution.survival(f)
    }
}

/// The checks every fit passes once, after a convergence criterion is met and before it is
/// called converged: is the point stationary, are the estimates finite, and can the data
/// identify them (Bates & Watts, *Nonlinear Regression Analysis*, 1988, §2.3 and §3.4).
///
/// Definitions (`J` the weighted Jacobian at the estimate `θ̂`, `J̃` its columns scaled to unit
/// norm, `r` the residuals, `ε` the machine epsilon):
/// - **stationarity**: the largest gradient cosine `max_j |J_jᵀr| / (‖J_j‖·‖r‖)` is at most
///   ``stationarityTolerance`` `+ 16ε·Σ_j |θ̂_j|·‖J_j‖ / ‖r‖`. The second term is the rounding
///   floor of the cosine when the residuals are near rounding level (an almost exact fit such as
///   NIST's Lanczos1, whose certified minimum has cosine 6·10⁻⁴). A point that fails it is
///   ``Termination/Failure/notStationary(gradientCosine:)``.
/// - **run-off estimates** (minimum at infinity): a point that is not stationary and where some
///   estimate's relative standard error `SE_j / |θ̂_j|` exceeds ``runawayRelativeStandardError``
///   (MGH Bard from 10× its start: estimates −1.5·10⁷ with SEs 1.6·10¹⁵) is
///   ``Termination/Failure/estimatesRunOff(_:)``.
/// - **ridge** (near-singular covariance): the variance inflation `VIF_j = [(J̃ᵀJ̃)⁻¹]_jj`, by how
///   much the variance of `θ̂_j` exceeds what an orthogonal design would give, exceeds
///   ``ridgeVarianceInflation`` for some `j`, or `J` is rank deficient
///   (``Termination/Failure/ridge(parameters:varianceInflation:)``). MGH Jennrich–Sampson, whose
///   minimum has two equal exponents, reaches 5·10¹⁵.
/// - **finite**: every estimate, standard error and the residual sum of squares are finite
///   (``Termination/Failure/notFinite(_:)``).
///
/// The thresholds leave a wide margin on the NIST StRD nonlinear problems at their certified
/// minima from both starts: largest gradient cosine 4·10⁻⁸ (outside the almost exact Lanczos
/// fits), largest variance inflation 6·10⁸.
public enum Identifiability {
    /// See the type's description: `1e-6`.
    public static let stationarityTolerance = 1e-6
    /// See the type's description: `1e6`.
    public static let runawayRelativeStandardError = 1e6
    /// See the type's description: `1e12` (standard errors a million times those of an
    /// orthogonal design).
    public static let ridgeVarianceInflation = 1e12

    /// The largest gradient cosine a stationary point may have (see the type's description).
    /// `modelScale` is `Σ_j |θ̂_j|·‖J_j‖`.
    static func stationarityThreshold(modelScale: Double, residualNorm: Double) -> Double {
        let floor = residualNorm > 0 ? 16 * Double.ulpOfOne * modelScale / residualNorm : .infinity
        return stationarityTolerance + (floor.isNaN ? 0 : floor)
    }

    /// The termination after the checks of the type's description. Allocates nothing unless
    /// it reports a failure (the batch path calls it once per series).
    ///
    /// - Parameters:
    ///   - termination: How the solver stopped.
    ///   - names: The parameter names.
    ///   - estimate: `θ̂_j`.
    ///   - standardError: `SE_j`, `nil` when the covariance is not estimable.
    ///   - varianceInflation: `VIF_j`, `nil` when the covariance is not estimable.
    ///   (Non-escaping closures rather than arrays, so that the batch path allocates nothing.)
    ///   - rankDeficient: Parameters in the null direction of a rank-deficient Jacobian, or `nil`.
    ///   - residualSumOfSquares: The RSS at `θ̂`.
    static func assess(
        _ termination: Termination, names: [String], estimate: (Int) -> Double, standardError: (Int) -> Double?,
        varianceInflation: (Int) -> Double?, rankDeficient: [String]?, residualSumOfSquares: Double
    ) -> Termination {
        let indices = names.indices
        if case .failed(.notStationary) = termination {
            func runsOff(_ j: Int) -> Bool {
                guard let se = standardError(j) else { return false }
                return !(se <= runawayRelativeStandardError * abs(estimate(j)))
            }
            guard indices.contains(where: runsOff) else { return termination }
            return .failed(.estimatesRunOff(indices.filter(runsOff).map { names[$0] }))
        }
        guard termination.isUsable else { return termination }
        if let j = indices.first(where: { !estimate($0).isFinite }) { return .failed(.notFinite("estimate of \(names[j])")) }
        guard residualSumOfSquares.isFinite else { return .failed(.notFinite("residual sum of squares")) }
        if let rankDeficient { return .failed(.ridge(parameters: rankDeficient, varianceInflation: .infinity)) }
        func inflated(_ j: Int) -> Bool { varianceInflation(j).map { !($0 <= ridgeVarianceInflation) } ?? false }
        if indices.contains(where: inflated) {
            let ridge = indices.filter(inflated)
            return .failed(.ridge(parameters: ridge.map { names[$0] },
                                  varianceInflation: ridge.compactMap { varianceInflation($0) }.max() ?? .infinity))
        }
        if let j = indices.first(where: { standardError($0).map { !$0.isFinite } ?? false }) {
            return .failed(.notFinite("standard error of \(names[j])"))
        }
        return termination
    }
}

import LinearAlgebra

/// The linear subproblem of one Levenberg–Marquardt iteration (Moré 1978, §2–5).
///
/// At the current point, with residuals `r`, Jacobian `J` and the parameter scaling `D`, the
/// step for damping `λ ≥ 0` is the solution of the augmented least-squares problem
/// `min_δ ‖J·δ + r‖² + λ‖D·δ‖²`, and the trust-region step for a radius `Δ` is the one whose
/// `λ` makes `‖D·δ‖` fall within 10% of `Δ` (or `λ = 0`, the Gauss–Newton step, when that step is
/// already inside the region). Implementations factor the scaled Jacobian `A = J·D⁻¹` once per
/// Jacobian (``factor(jacobian:residuals:diagonal:rows:columns:)``) and then solve for any number of
/// radii (``step(radius:lambda:rankTolerance:into:)``), each time finding `λ` by Moré's safeguarded
/// Newton iteration warm-started from the previous `λ`, as MINPACK's `lmpar` does.
///
/// Two implementations, checked against each other by the tests:
/// - ``SVDTrustRegionSubproblem``: the singular value decomposition of `A` through LAPACK
///   (`dgesdd`), with the step for each `λ` in closed form — the independent reference the tests
///   check the other against;
/// - ``PivotedQRTrustRegionSubproblem``: MINPACK's algorithm in Swift — Householder QR with column
///   pivoting of `A` once, then for each trial `λ` Givens rotations that fold `√λ·I` into `R`
///   (`qrsolv`) — allocation-free; the solver of ``CurveFitter/fit(_:start:options:)`` and of
///   ``BatchFitter``.
///
/// Matrices are column-major; `rows ≥ columns`.
protocol TrustRegionSubproblem {
    /// Factors `A = J·D⁻¹` for the `rows`×`columns` Jacobian `jacobian` and projects `residuals`.
    /// Returns `false` when the factorization failed (the step is then not available).
    mutating func factor(
        jacobian: UnsafePointer<Double>, residuals: UnsafePointer<Double>, diagonal: UnsafePointer<Double>,
        rows: Int, columns: Int
    ) -> Bool

    /// The trust-region step for radius `Δ`, written into `step` (`δ`, in the unscaled parameters),
    /// with the damping found, `‖D·δ‖` and `‖J·δ‖²` (the model's predicted decrease needs it).
    /// `lambda` is the previous damping; directions whose singular value is at most
    /// `rankTolerance` times the largest count as null for the Gauss–Newton step (an exact zero
    /// for implementations without singular values).
    mutating func step(radius: Double, lambda: Double, rankTolerance: Double, into step: UnsafeMutablePointer<Double>)
        -> TrustRegionTrial

    /// Whether `A` is singular to the relative tolerance (smallest singular value, or its proxy
    /// the last pivot of a pivoted QR, at most `relativeTolerance` times the largest); if so,
    /// writes the magnitudes of a null vector of `A` into `direction` (one per column).
    mutating func singularDirection(relativeTolerance: Double, into direction: UnsafeMutablePointer<Double>) -> Bool

    /// Writes the diagonal of `(AᵀA)⁻¹` into `diagonal`, or returns `false` when `A` has rank
    /// below its column count to the relative tolerance.
    mutating func inverseGramDiagonal(rankTolerance: Double, into diagonal: UnsafeMutablePointer<Double>) -> Bool
}

/// A solved trust-region step (see ``TrustRegionSubproblem/step(radius:lambda:rankTolerance:into:)``).
struct TrustRegionTrial {
    /// The damping `λ` of the step.
    var lambda: Double
    /// `‖D·δ‖`.
    var scaledNorm: Double
    /// `‖J·δ‖²`.
    var fittedNorm2: Double
}

// MARK: - SVD through LAPACK (reference)

/// The trust-region subproblem from the SVD `A = U·diag(σ)·Vᵀ` of `A = J·D⁻¹` (LAPACK `dgesdd`,
/// through ``SingularValueDecomposition``): with `g = Uᵀr`, the step for any damping is
/// `D·δ = −V·w`, `wᵢ = σᵢgᵢ/(σᵢ² + λ)` (``TrustRegionStep``), without normal equations.
struct SVDTrustRegionSubproblem: TrustRegionSubproblem, Sendable {
    private(set) var singularValues: [Double] = []
    private(set) var rightVectors: [Double] = []
    private(set) var projectedResiduals: [Double] = []
    private var diagonal: [Double] = []
    private var coefficients: [Double] = []

    mutating func factor(
        jacobian: UnsafePointer<Double>, residuals: UnsafePointer<Double>, diagonal d: UnsafePointer<Double>,
        rows n: Int, columns p: Int
    ) -> Bool {
        var a = [Double](repeating: 0, count: n * p)
        for j in 0..<p {
            let scale = d[j] > 0 ? d[j] : 1
            for i in 0..<n { a[i + j * n] = jacobian[i + j * n] / scale }
        }
        let r = Array(UnsafeBufferPointer(start: residuals, count: n))
        do {
            let svd = try SingularValueDecomposition(Matrix(rows: n, columns: p, columnMajor: a))
            singularValues = svd.singularValues
            rightVectors = svd.vTransposed.transposed.elements
            projectedResiduals = try svd.u.multiplied(by: r, transpose: .transposed)
        } catch {
            return false
        }
        diagonal = (0..<p).map { d[$0] > 0 ? d[$0] : 1 }
        if coefficients.count != p { coefficients = Array(repeating: 0, count: p) }
        return true
    }

    mutating func step(radius: Double, lambda: Double, rankTolerance: Double, into step: UnsafeMutablePointer<Double>)
        -> TrustRegionTrial
    {
        let p = singularValues.count
        let (newLambda, norm) = TrustRegionStep.solve(
            singularValues: singularValues, projected: projectedResiduals, radius: radius, previousLambda: lambda,
            rankTolerance: rankTolerance, into: &coefficients)
        // δ = D⁻¹·V·w.
        var fitted = 0.0
        for j in 0..<p {
            var z = 0.0
            for k in 0..<p { z += rightVectors[j + k * p] * coefficients[k] }
            step[j] = z / diagonal[j]
            fitted += singularValues[j] * coefficients[j] * singularValues[j] * coefficients[j]
        }
        return TrustRegionTrial(lambda: newLambda, scaledNorm: norm, fittedNorm2: fitted)
    }

    mutating func singularDirection(relativeTolerance: Double, into direction: UnsafeMutablePointer<Double>) -> Bool {
        let p = singularValues.count
        guard let smallest = singularValues.last, let top = singularValues.first,
              !(smallest > relativeTolerance * top) else { return false }
        for j in 0..<p { direction[j] = abs(rightVectors[j + (p - 1) * p]) }
        return true
    }

    mutating func inverseGramDiagonal(rankTolerance: Double, into diagonal: UnsafeMutablePointer<Double>) -> Bool {
        let p = singularValues.count
        guard let largest = singularValues.first, let smallest = singularValues.last,
              smallest > rankTolerance * largest else { return false }
        for j in 0..<p {
            var sum = 0.0
            for k in 0..<p { sum += rightVectors[j + k * p] * rightVectors[j + k * p] / (singularValues[k] * singularValues[k]) }
            diagonal[j] = sum
        }
        return true
    }
}

import LinearAlgebra

/// The singular value decomposition of a scaled Jacobian `A = U·diag(σ)·Vᵀ` (`n`×`p`, `n ≥ p`),
/// kept as what the trust-region step needs: `σ`, `V` and the projected residuals `g = Uᵀr`.
///
/// With it, the Levenberg–Marquardt step for any damping `λ` is available in closed form,
/// `z(λ) = −V·diag(σᵢ/(σᵢ² + λ))·g`, which solves the augmented least-squares problem
/// `min ‖A·z + r‖² + λ‖z‖²` exactly, without normal equations.
protocol JacobianFactorization {
    /// Singular values, non-increasing (`p` of them).
    var singularValues: [Double] { get }
    /// Right singular vectors, column-major `p`×`p`.
    var rightVectors: [Double] { get }
    /// `Uᵀ·r` (`p` values).
    var projectedResiduals: [Double] { get }

    /// Factors the column-major `rows`×`columns` matrix `a` and projects `residuals`.
    mutating func factor(_ a: [Double], rows: Int, columns: Int, residuals: [Double]) throws
}

/// The factorization through LAPACK `dgesdd` (``SingularValueDecomposition``): the reference path.
struct LAPACKJacobianFactorization: JacobianFactorization {
    private(set) var singularValues: [Double] = []
    private(set) var rightVectors: [Double] = []
    private(set) var projectedResiduals: [Double] = []

    mutating func factor(_ a: [Double], rows: Int, columns: Int, residuals: [Double]) throws {
        let svd = try SingularValueDecomposition(Matrix(rows: rows, columns: columns, columnMajor: a))
        singularValues = svd.singularValues
        rightVectors = svd.vTransposed.transposed.elements
        projectedResiduals = try svd.u.multiplied(by: residuals, transpose: .transposed)
    }
}

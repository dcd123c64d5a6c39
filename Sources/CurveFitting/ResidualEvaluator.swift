/// Evaluates the residuals `rᵢ = √wᵢ·(f(xᵢ;θ) − yᵢ)`, their Jacobian with respect to the
/// solver's internal (unbounded) parameters, and the objective, writing into caller-owned
/// buffers so that iterations allocate nothing.
struct ResidualEvaluator: Sendable {
    let problem: FitProblem
    private let rootWeights: [Double]?

    init(_ problem: FitProblem) {
        self.problem = problem
        self.rootWeights = problem.weights?.map { $0.squareRoot() }
    }

    var rows: Int { problem.observationCount }
    var columns: Int { problem.parameterCount }

    /// External parameters `θ(φ)`.
    func external(_ phi: [Double]) -> [Double] {
        guard problem.bounds.isActive else { return phi }
        return phi.indices.map { problem.bounds.external(phi[$0], $0).value }
    }

    /// Internal parameters `φ(θ)`, after moving values that sit on a bound slightly inside.
    func `internal`(_ theta: [Double]) -> [Double] {
        guard problem.bounds.isActive else { return theta }
        return theta.indices.map { problem.bounds.internal(problem.bounds.nudgedInside(theta[$0], $0), $0) }
    }

    /// Fills `r`; returns the 0-based row of the first non-finite residual, or `nil`.
    func residuals(_ phi: [Double], into r: inout [Double]) -> Int? {
        let theta = external(phi)
        var bad: Int?
        for i in 0..<rows {
            let f = problem.model.value(row: i, of: problem.predictors, parameters: theta)
            var value = f - problem.response[i]
            if let rootWeights { value *= rootWeights[i] }
            r[i] = value
            if bad == nil, !value.isFinite { bad = i }
        }
        return bad
    }

    /// Fills the column-major `rows`×`columns` Jacobian `∂r/∂φ`; returns the first non-finite row or `nil`.
    func jacobian(_ phi: [Double], into jacobian: inout [Double], gradient: inout [Double]) -> Int? {
        let theta = external(phi)
        let chain = problem.bounds.isActive ? phi.indices.map { problem.bounds.external(phi[$0], $0).derivative } : nil
        var bad: Int?
        for i in 0..<rows {
            _ = problem.model.value(row: i, of: problem.predictors, parameters: theta, gradient: &gradient)
            let w = rootWeights?[i] ?? 1
            for j in 0..<columns {
                var value = gradient[j] * w
                if let chain { value *= chain[j] }
                jacobian[i + j * rows] = value
                if bad == nil, !value.isFinite { bad = i }
            }
        }
        return bad
    }

    /// The objective `Σ C²ρ((rᵢ/C)²)` (the residual sum of squares for the linear loss).
    func objective(_ r: [Double]) -> Double {
        let loss = problem.loss
        if loss.isLinear { return r.reduce(0) { $0 + $1 * $1 } }
        let c2 = loss.scale * loss.scale
        return r.reduce(0) { $0 + c2 * loss.rho($1 * $1 / c2).0 }
    }

    /// Rescales residuals and Jacobian rows in place for a robust loss so that the linear
    /// least-squares subproblem has the gradient and Gauss–Newton Hessian of the objective
    /// (scipy's `scale_for_robust_loss_function`).
    func applyRobustScaling(residuals r: inout [Double], jacobian: inout [Double]) {
        let loss = problem.loss
        guard !loss.isLinear else { return }
        let c2 = loss.scale * loss.scale
        for i in 0..<rows {
            let z = r[i] * r[i] / c2
            let (_, d1, d2) = loss.rho(z)
            let scale = max(d1 + 2 * d2 * z, Double.ulpOfOne).squareRoot()
            r[i] *= d1 / scale
            for j in 0..<columns { jacobian[i + j * rows] *= scale }
        }
    }
}

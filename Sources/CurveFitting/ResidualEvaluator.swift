/// Evaluates a ``FitProblem`` for the solver: the residuals `rᵢ = √wᵢ·(f(xᵢ;θ) − yᵢ)`, their
/// Jacobian with respect to the solver's internal (unbounded) parameters `φ` (``ParameterBounds``),
/// and the objective, writing into caller-owned buffers.
struct ResidualEvaluator: LeastSquaresProblem, Sendable {
    let problem: FitProblem
    let parameterNames: [String]
    private let rootWeights: [Double]?
    /// Scratch: the external parameters and the model's gradient at one row.
    private var theta: [Double]
    private var gradient: [Double]

    init(_ problem: FitProblem) {
        self.problem = problem
        parameterNames = problem.model.parameterNames
        rootWeights = problem.weights?.map { $0.squareRoot() }
        theta = Array(repeating: 0, count: problem.parameterCount)
        gradient = theta
    }

    var rowCount: Int { problem.observationCount }
    var parameterCount: Int { problem.parameterCount }
    var isLinearLoss: Bool { problem.loss.isLinear }

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

    private mutating func setExternal(_ phi: UnsafePointer<Double>) {
        let bounded = problem.bounds.isActive
        for j in theta.indices { theta[j] = bounded ? problem.bounds.external(phi[j], j).value : phi[j] }
    }

    mutating func residuals(at phi: UnsafePointer<Double>, into r: UnsafeMutablePointer<Double>) -> Int? {
        setExternal(phi)
        var bad: Int?
        for i in 0..<rowCount {
            let f = problem.model.value(row: i, of: problem.predictors, parameters: theta)
            var value = f - problem.response[i]
            if let rootWeights { value *= rootWeights[i] }
            r[i] = value
            if bad == nil, !value.isFinite { bad = i }
        }
        return bad
    }

    mutating func jacobian(at phi: UnsafePointer<Double>, into jacobian: UnsafeMutablePointer<Double>) -> Int? {
        setExternal(phi)
        let (rows, columns) = (rowCount, parameterCount)
        let chain = problem.bounds.isActive ? (0..<columns).map { problem.bounds.external(phi[$0], $0).derivative } : nil
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

    func isOnBound(_ j: Int, at phi: UnsafePointer<Double>) -> Bool {
        problem.bounds.isActive && problem.bounds.isOnBound(problem.bounds.external(phi[j], j).value, j)
    }

    /// The objective `Σ C²ρ((rᵢ/C)²)` (the residual sum of squares for the linear loss).
    func objective(_ r: UnsafePointer<Double>) -> Double {
        let loss = problem.loss
        var sum = 0.0
        if loss.isLinear {
            for i in 0..<rowCount { sum += r[i] * r[i] }
            return sum
        }
        let c2 = loss.scale * loss.scale
        for i in 0..<rowCount { sum += c2 * loss.rho(r[i] * r[i] / c2).0 }
        return sum
    }

    /// Rescales residuals and Jacobian rows in place for a robust loss so that the linear
    /// least-squares subproblem has the gradient and Gauss–Newton Hessian of the objective
    /// (scipy's `scale_for_robust_loss_function`).
    func applyRobustScaling(residuals r: UnsafeMutablePointer<Double>, jacobian: UnsafeMutablePointer<Double>) {
        let loss = problem.loss
        guard !loss.isLinear else { return }
        let (rows, columns) = (rowCount, parameterCount)
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

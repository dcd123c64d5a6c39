/// Building blocks shared by the growth models' self-starts: validated data, small least-squares
/// fits and the bounded searches over the parameters that enter nonlinearly.
enum GrowthSelfStart {
    /// A parameter vector together with the residual sum of squares of the curve it defines.
    struct Candidate {
        /// Parameters in the model's order.
        let parameters: [Double]
        /// `Σ (y − f(x; θ))²` over the (replicate-averaged) data.
        let residualSumOfSquares: Double
    }

    /// The candidate's parameters, once checked to be finite.
    /// - Throws: ``GrowthModelError/selfStartFailed(model:reason:)`` when there is no candidate or
    ///   it has a non-finite parameter.
    static func finiteParameters(of candidate: Candidate?, for model: some SelfStartingModel) throws -> [Double] {
        guard let candidate else {
            throw GrowthModelError.selfStartFailed(
                model: model.title,
                reason: "no curve of the model is defined on the data; x may lie far from the model's "
                    + "time origin (measure x from an origin near the data)")
        }
        guard candidate.parameters.allSatisfy(\.isFinite) else {
            throw GrowthModelError.selfStartFailed(
                model: model.title,
                reason: "the start overflows; x may lie far from the model's time origin, "
                    + "so measure x from an origin near the data")
        }
        return candidate.parameters
    }

    /// `"x"`, or `"(x - origin)"` for a shifted time axis, for use in a formula.
    static func timeExpression(origin: Double) -> String {
        if origin == 0 { return "x" }
        return origin > 0 ? "(x - \(origin))" : "(x + \(-origin))"
    }
}

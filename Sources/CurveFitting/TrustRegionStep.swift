/// Computes the Levenberg–Marquardt step for a trust-region radius from the SVD of the scaled
/// Jacobian (Moré, *The Levenberg–Marquardt algorithm: implementation and theory*, 1978, §5–7).
///
/// In scaled variables `z = D·δ` the step is `z(λ) = −V·w(λ)` with `wᵢ = σᵢ·gᵢ/(σᵢ² + λ)`. The
/// damping `λ ≥ 0` is chosen so that `φ(λ) = ‖z(λ)‖` is within 10% of the radius `Δ`, by Moré's
/// safeguarded Newton iteration on `φ`, or `λ = 0` (the Gauss–Newton step, with singular
/// values below the rank cutoff dropped) when that step already lies inside the region.
struct TrustRegionStep {
    /// The damping parameter found.
    var lambda: Double
    /// Coefficients of the scaled step in the basis of right singular vectors (`z = V·w`).
    var coefficients: [Double]
    /// `‖z‖ = ‖D·δ‖`.
    var scaledNorm: Double

    /// Solves for the step; `previousLambda` warm-starts the iteration as MINPACK's `lmpar` does.
    static func solve(
        singularValues sigma: [Double], projected g: [Double], radius delta: Double, previousLambda: Double,
        rankTolerance: Double, into w: inout [Double]
    ) -> (lambda: Double, scaledNorm: Double) {
        let p = sigma.count
        let largest = sigma.first ?? 0
        let cutoff = rankTolerance * largest
        let fullRank = (sigma.last ?? 0) > cutoff

        // Gauss–Newton step.
        var norm2 = 0.0
        for i in 0..<p {
            w[i] = sigma[i] > cutoff ? -g[i] / sigma[i] : 0
            norm2 += w[i] * w[i]
        }
        var phi = norm2.squareRoot()
        var fp = phi - delta
        if fp <= 0.1 * delta { return (0, phi) }

        // φ(λ) and φ′(λ) for λ > 0.
        func evaluate(_ lambda: Double) -> (Double, Double) {
            var n2 = 0.0, d = 0.0
            for i in 0..<p {
                let s2 = sigma[i] * sigma[i] + lambda
                let c = sigma[i] * g[i] / s2
                w[i] = -c
                n2 += c * c
                d += c * c / s2
            }
            let norm = n2.squareRoot()
            return (norm, norm > 0 ? -d / norm : 0)
        }

        // Bounds: a lower bound from the Newton step at 0 when A has full rank, an upper bound ‖Aᵀr‖/Δ.
        var lower = 0.0
        if fullRank {
            var d = 0.0
            for i in 0..<p { let c = g[i] / sigma[i]; d += c * c / (sigma[i] * sigma[i]) }
            let derivative = phi > 0 ? -d / phi : 0
            if derivative < 0 { lower = -(fp / delta) * (phi / derivative) }
        }
        var gradientNorm2 = 0.0
        for i in 0..<p { gradientNorm2 += sigma[i] * g[i] * sigma[i] * g[i] }
        var upper = gradientNorm2.squareRoot() / delta
        if upper == 0 { upper = Double.leastNormalMagnitude / min(delta, 0.1) }

        var lambda = min(max(previousLambda, lower), upper)
        if lambda == 0 { lambda = gradientNorm2.squareRoot() / phi }

        for iteration in 1...10 {
            if lambda == 0 { lambda = max(Double.leastNormalMagnitude, 0.001 * upper) }
            let previousFp = fp
            let (value, derivative) = evaluate(lambda)
            phi = value
            fp = phi - delta
            if abs(fp) <= 0.1 * delta || (lower == 0 && fp <= previousFp && previousFp < 0) || iteration == 10 || derivative == 0 {
                break
            }
            let correction = -(fp / delta) * (phi / derivative)
            if fp > 0 { lower = max(lower, lambda) }
            if fp < 0 { upper = min(upper, lambda) }
            lambda = max(lower, lambda + correction)
        }
        return (lambda, phi)
    }
}

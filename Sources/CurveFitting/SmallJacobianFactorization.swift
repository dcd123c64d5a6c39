/// The SVD of a small scaled Jacobian computed in Swift, for batch fitting where LAPACK's call
/// overhead dominates (a 20×3 Jacobian costs more to hand to LAPACK than to factor).
///
/// Algorithm: Householder QR `A = Q·R` (`R` is `p`×`p`), then one-sided Jacobi rotations on
/// `R` until its columns are orthogonal to machine precision (Demmel & Veselić 1992), giving
/// `R = U_R·diag(σ)·Vᵀ` and so `A = (Q·U_R)·diag(σ)·Vᵀ`; `g = U_Rᵀ·(Qᵀr)₁..ₚ`. Work buffers
/// are kept between calls, so repeated factorizations of one size allocate nothing. Tests
/// check it against ``LAPACKJacobianFactorization``.
struct SmallJacobianFactorization: JacobianFactorization {
    private(set) var singularValues: [Double] = []
    private(set) var rightVectors: [Double] = []
    private(set) var projectedResiduals: [Double] = []
    private var a: [Double] = []
    private var qtr: [Double] = []
    private var r: [Double] = []
    private var order: [Int] = []
    private var sortedV: [Double] = []

    mutating func factor(_ matrix: [Double], rows n: Int, columns p: Int, residuals: [Double]) throws {
        if a.count != n * p { a = Array(repeating: 0, count: n * p) }
        if qtr.count != n { qtr = Array(repeating: 0, count: n) }
        if r.count != p * p {
            r = Array(repeating: 0, count: p * p)
            rightVectors = r
            sortedV = r
            singularValues = Array(repeating: 0, count: p)
            projectedResiduals = singularValues
            order = Array(0..<p)
        }
        for k in 0..<(n * p) { a[k] = matrix[k] }
        for i in 0..<n { qtr[i] = residuals[i] }

        // Householder QR, applying each reflector to the residuals as well.
        for k in 0..<p {
            var norm2 = 0.0
            for i in k..<n { norm2 += a[i + k * n] * a[i + k * n] }
            let norm = norm2.squareRoot()
            guard norm > 0 else { continue }
            let alpha = a[k + k * n] > 0 ? -norm : norm
            let v0 = a[k + k * n] - alpha
            // v = (v0, a[k+1..<n, k]); H = I − 2vvᵀ/(vᵀv) with vᵀv = norm2 − a_kk² + v0².
            let vtv = norm2 - a[k + k * n] * a[k + k * n] + v0 * v0
            a[k + k * n] = v0
            if vtv > 0 {
                for j in (k + 1)..<max(k + 1, p) {
                    var dot = 0.0
                    for i in k..<n { dot += a[i + k * n] * a[i + j * n] }
                    let f = 2 * dot / vtv
                    for i in k..<n { a[i + j * n] -= f * a[i + k * n] }
                }
                var dot = 0.0
                for i in k..<n { dot += a[i + k * n] * qtr[i] }
                let f = 2 * dot / vtv
                for i in k..<n { qtr[i] -= f * a[i + k * n] }
            }
            a[k + k * n] = alpha
        }
        for j in 0..<p {
            for i in 0..<p { r[i + j * p] = i <= j ? a[i + j * n] : 0 }
            for i in 0..<p { rightVectors[i + j * p] = i == j ? 1 : 0 }
        }

        // One-sided Jacobi on the columns of R, accumulating V.
        for _ in 0..<60 {
            var rotated = false
            for j in 0..<p {
                for k in (j + 1)..<max(j + 1, p) {
                    var alpha = 0.0, beta = 0.0, gamma = 0.0
                    for i in 0..<p {
                        alpha += r[i + j * p] * r[i + j * p]
                        beta += r[i + k * p] * r[i + k * p]
                        gamma += r[i + j * p] * r[i + k * p]
                    }
                    guard abs(gamma) > Double.ulpOfOne * (alpha * beta).squareRoot(), gamma != 0 else { continue }
                    rotated = true
                    let zeta = (beta - alpha) / (2 * gamma)
                    let t = (zeta >= 0 ? 1.0 : -1.0) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
                    let c = 1 / (1 + t * t).squareRoot()
                    let s = c * t
                    for i in 0..<p {
                        let x = r[i + j * p], y = r[i + k * p]
                        r[i + j * p] = c * x - s * y
                        r[i + k * p] = s * x + c * y
                        let vx = rightVectors[i + j * p], vy = rightVectors[i + k * p]
                        rightVectors[i + j * p] = c * vx - s * vy
                        rightVectors[i + k * p] = s * vx + c * vy
                    }
                }
            }
            if !rotated { break }
        }

        // σ_j = ‖(R·V)_j‖, g_j = (R·V)_jᵀ·(Qᵀr)₁..ₚ / σ_j; sorted by decreasing σ.
        for j in 0..<p {
            var norm2 = 0.0, dot = 0.0
            for i in 0..<p {
                norm2 += r[i + j * p] * r[i + j * p]
                dot += r[i + j * p] * qtr[i]
            }
            let sigma = norm2.squareRoot()
            singularValues[j] = sigma
            projectedResiduals[j] = sigma > 0 ? dot / sigma : 0
            order[j] = j
        }
        order.sort { singularValues[$0] > singularValues[$1] }
        let unsortedSigma = singularValues, unsortedG = projectedResiduals
        for (target, source) in order.enumerated() {
            singularValues[target] = unsortedSigma[source]
            projectedResiduals[target] = unsortedG[source]
            for i in 0..<p { sortedV[i + target * p] = rightVectors[i + source * p] }
        }
        swap(&rightVectors, &sortedV)
    }
}

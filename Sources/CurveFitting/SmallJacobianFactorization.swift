/// The SVD of a small scaled Jacobian computed in Swift, for batch fitting where LAPACK's call
/// overhead dominates (a 20×3 Jacobian costs more to hand to LAPACK than to factor).
///
/// Algorithm: Householder QR `A = Q·R` (`R` is `p`×`p`), then one-sided Jacobi rotations on
/// `R` until its columns are orthogonal to machine precision (Demmel & Veselić 1992), giving
/// `R = U_R·diag(σ)·Vᵀ` and so `A = (Q·U_R)·diag(σ)·Vᵀ`; `g = U_Rᵀ·(Qᵀr)₁..ₚ`. Work buffers
/// are kept between calls, so repeated factorizations of one size allocate nothing, and the
/// loops run on raw buffers (no bounds or uniqueness checks inside). Tests check it against
/// ``LAPACKJacobianFactorization``.
struct SmallJacobianFactorization: JacobianFactorization {
    private(set) var singularValues: [Double] = []
    private(set) var rightVectors: [Double] = []
    private(set) var projectedResiduals: [Double] = []
    private var a: [Double] = []
    private var qtr: [Double] = []
    private var r: [Double] = []

    mutating func factor(_ matrix: [Double], rows n: Int, columns p: Int, residuals: [Double]) throws {
        precondition(matrix.count >= n * p && residuals.count >= n && n >= p, "an n×p matrix with n ≥ p and n residuals")
        if a.count != n * p { a = Array(repeating: 0, count: n * p) }
        if qtr.count != n { qtr = Array(repeating: 0, count: n) }
        if r.count != p * p {
            r = Array(repeating: 0, count: p * p)
            rightVectors = Array(repeating: 0, count: p * p)
            singularValues = Array(repeating: 0, count: p)
            projectedResiduals = Array(repeating: 0, count: p)
        }
        a.withUnsafeMutableBufferPointer { a in
            qtr.withUnsafeMutableBufferPointer { qtr in
                r.withUnsafeMutableBufferPointer { r in
                    rightVectors.withUnsafeMutableBufferPointer { v in
                        singularValues.withUnsafeMutableBufferPointer { sigma in
                            projectedResiduals.withUnsafeMutableBufferPointer { g in
                                matrix.withUnsafeBufferPointer { matrix in
                                    residuals.withUnsafeBufferPointer { residuals in
                                        for k in 0..<(n * p) { a[k] = matrix[k] }
                                        for i in 0..<n { qtr[i] = residuals[i] }
                                        Self.factor(
                                            a.baseAddress!, qtr.baseAddress!, n, p, r: r.baseAddress!, v: v.baseAddress!,
                                            sigma: sigma.baseAddress!, g: g.baseAddress!)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Factors the column-major `n`×`p` matrix `a` (overwritten) and projects `qtr` (overwritten
    /// by `Qᵀr`) into `σ`, `V` and `g`, using `r` (`p`×`p`) as work space.
    private static func factor(
        _ a: UnsafeMutablePointer<Double>, _ qtr: UnsafeMutablePointer<Double>, _ n: Int, _ p: Int,
        r: UnsafeMutablePointer<Double>, v rightVectors: UnsafeMutablePointer<Double>,
        sigma singularValues: UnsafeMutablePointer<Double>, g projectedResiduals: UnsafeMutablePointer<Double>
    ) {
        // Householder QR, applying each reflector to the residuals as well (column pointers:
        // no index arithmetic in the inner loops).
        for k in 0..<p {
            let ak = a + k &* n
            var norm2 = 0.0
            for i in k..<n { norm2 += ak[i] * ak[i] }
            let norm = norm2.squareRoot()
            guard norm > 0 else { continue }
            let alpha = ak[k] > 0 ? -norm : norm
            let v0 = ak[k] - alpha
            // v = (v0, a[k+1..<n, k]); H = I − 2vvᵀ/(vᵀv) with vᵀv = norm2 − a_kk² + v0².
            let vtv = norm2 - ak[k] * ak[k] + v0 * v0
            ak[k] = v0
            if vtv > 0 {
                for j in (k + 1)..<max(k + 1, p) {
                    let aj = a + j &* n
                    var dot = 0.0
                    for i in k..<n { dot += ak[i] * aj[i] }
                    let f = 2 * dot / vtv
                    for i in k..<n { aj[i] -= f * ak[i] }
                }
                var dot = 0.0
                for i in k..<n { dot += ak[i] * qtr[i] }
                let f = 2 * dot / vtv
                for i in k..<n { qtr[i] -= f * ak[i] }
            }
            ak[k] = alpha
        }
        for j in 0..<p {
            for i in 0..<p { r[i &+ j &* p] = i <= j ? a[i &+ j &* n] : 0 }
            for i in 0..<p { rightVectors[i &+ j &* p] = i == j ? 1 : 0 }
        }

        if p == 3 {
            jacobi3(r, rightVectors, qtr, singularValues, projectedResiduals)
            return
        }

        // One-sided Jacobi on the columns of R, accumulating V.
        for _ in 0..<60 {
            var rotated = false
            for j in 0..<p {
                for k in (j + 1)..<max(j + 1, p) {
                    let rj = r + j &* p, rk = r + k &* p
                    var alpha = 0.0, beta = 0.0, gamma = 0.0
                    for i in 0..<p {
                        alpha += rj[i] * rj[i]
                        beta += rk[i] * rk[i]
                        gamma += rj[i] * rk[i]
                    }
                    guard abs(gamma) > Double.ulpOfOne * (alpha * beta).squareRoot(), gamma != 0 else { continue }
                    rotated = true
                    let zeta = (beta - alpha) / (2 * gamma)
                    let t = (zeta >= 0 ? 1.0 : -1.0) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
                    let c = 1 / (1 + t * t).squareRoot()
                    let s = c * t
                    let vj = rightVectors + j &* p, vk = rightVectors + k &* p
                    for i in 0..<p {
                        let x = rj[i], y = rk[i]
                        rj[i] = c * x - s * y
                        rk[i] = s * x + c * y
                        let vx = vj[i], vy = vk[i]
                        vj[i] = c * vx - s * vy
                        vk[i] = s * vx + c * vy
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
        }
        // Stable insertion sort of the p columns by decreasing σ, in place: no copies.
        if p > 1 {
            for j in 1..<p {
                var k = j
                while k > 0, singularValues[k - 1] < singularValues[k] {
                    swap(&singularValues[k - 1], &singularValues[k])
                    swap(&projectedResiduals[k - 1], &projectedResiduals[k])
                    for i in 0..<p { swap(&rightVectors[i + (k - 1) * p], &rightVectors[i + k * p]) }
                    k -= 1
                }
            }
        }
    }

    /// The Jacobi stage for `p = 3` with `R` and `V` held in registers: the same rotations, in
    /// the same order and with the same arithmetic, as the general loops (so the same results),
    /// without memory traffic; then σ, g and the sort.
    @inline(__always)
    private static func jacobi3(
        _ r: UnsafeMutablePointer<Double>, _ v: UnsafeMutablePointer<Double>, _ qtr: UnsafeMutablePointer<Double>,
        _ sigma: UnsafeMutablePointer<Double>, _ g: UnsafeMutablePointer<Double>
    ) {
        typealias Column = (Double, Double, Double)
        var c0: Column = (r[0], r[1], r[2]), c1: Column = (r[3], r[4], r[5]), c2: Column = (r[6], r[7], r[8])
        var v0: Column = (1, 0, 0), v1: Column = (0, 1, 0), v2: Column = (0, 0, 1)

        @inline(__always)
        func rotate(_ x: inout Column, _ y: inout Column, _ vx: inout Column, _ vy: inout Column) -> Bool {
            var alpha = 0.0, beta = 0.0, gamma = 0.0
            alpha += x.0 * x.0; beta += y.0 * y.0; gamma += x.0 * y.0
            alpha += x.1 * x.1; beta += y.1 * y.1; gamma += x.1 * y.1
            alpha += x.2 * x.2; beta += y.2 * y.2; gamma += x.2 * y.2
            guard abs(gamma) > Double.ulpOfOne * (alpha * beta).squareRoot(), gamma != 0 else { return false }
            let zeta = (beta - alpha) / (2 * gamma)
            let t = (zeta >= 0 ? 1.0 : -1.0) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
            let c = 1 / (1 + t * t).squareRoot()
            let s = c * t
            let (x0, x1, x2) = x, (y0, y1, y2) = y
            x = (c * x0 - s * y0, c * x1 - s * y1, c * x2 - s * y2)
            y = (s * x0 + c * y0, s * x1 + c * y1, s * x2 + c * y2)
            let (a0, a1, a2) = vx, (b0, b1, b2) = vy
            vx = (c * a0 - s * b0, c * a1 - s * b1, c * a2 - s * b2)
            vy = (s * a0 + c * b0, s * a1 + c * b1, s * a2 + c * b2)
            return true
        }

        for _ in 0..<60 {
            var rotated = rotate(&c0, &c1, &v0, &v1)
            rotated = rotate(&c0, &c2, &v0, &v2) || rotated
            rotated = rotate(&c1, &c2, &v1, &v2) || rotated
            if !rotated { break }
        }

        @inline(__always)
        func project(_ x: Column) -> (Double, Double) {
            var norm2 = 0.0, dot = 0.0
            norm2 += x.0 * x.0; dot += x.0 * qtr[0]
            norm2 += x.1 * x.1; dot += x.1 * qtr[1]
            norm2 += x.2 * x.2; dot += x.2 * qtr[2]
            let s = norm2.squareRoot()
            return (s, s > 0 ? dot / s : 0)
        }
        var (s0, g0) = project(c0), (s1, g1) = project(c1), (s2, g2) = project(c2)
        // Stable sort by decreasing σ (the insertion sort of the general path).
        if s0 < s1 { swap(&s0, &s1); swap(&g0, &g1); swap(&v0, &v1) }
        if s1 < s2 {
            swap(&s1, &s2); swap(&g1, &g2); swap(&v1, &v2)
            if s0 < s1 { swap(&s0, &s1); swap(&g0, &g1); swap(&v0, &v1) }
        }
        (sigma[0], sigma[1], sigma[2]) = (s0, s1, s2)
        (g[0], g[1], g[2]) = (g0, g1, g2)
        (v[0], v[1], v[2]) = v0
        (v[3], v[4], v[5]) = v1
        (v[6], v[7], v[8]) = v2
    }
}

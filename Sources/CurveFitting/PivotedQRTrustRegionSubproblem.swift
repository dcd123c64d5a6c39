/// MINPACK's trust-region subproblem in Swift, for small problems solved many times (batches).
///
/// ``factor(jacobian:residuals:diagonal:rows:columns:)`` computes the Householder QR with column
/// pivoting `A·P = Q·R` of the scaled Jacobian `A = J·D⁻¹` and `Qᵀr` (MINPACK's `qrfac`, applied
/// to `A` rather than `J` so that `D` becomes the identity below and no column norm can overflow;
/// the remaining columns' norms for pivoting are accumulated while each reflector is applied,
/// instead of downdated). ``step(radius:lambda:rankTolerance:into:)`` is MINPACK's `lmpar`:
/// the Gauss–Newton step from `R`, and otherwise Moré's safeguarded Newton iteration on `λ`, each
/// trial solving `min ‖A·z + r‖² + λ‖z‖²` by `qrsolv` — Givens rotations that eliminate `√λ·I`
/// against `R` (`O(p³)`, no refactorization) — and the Newton correction from the resulting
/// triangular factor. Rank deficiency is recognized, as in MINPACK, by an exactly zero diagonal
/// element of `R` (the rank tolerance applies to singular values only).
///
/// All buffers are allocated once for up to `capacity` rows; factoring and solving allocate
/// nothing and run on raw pointers. The storage is copied on write, so the type keeps value
/// semantics. Tests check its steps against ``SVDTrustRegionSubproblem``.
struct PivotedQRTrustRegionSubproblem: TrustRegionSubproblem, Sendable {
    private var storage: Storage
    /// Rows of the last factorization.
    private var rows = 0

    /// A subproblem for Jacobians of at most `capacity` rows and exactly `columns` columns.
    init(capacity: Int, columns: Int) {
        storage = Storage(capacity: max(capacity, columns), columns: columns)
    }

    var capacity: Int { storage.capacity }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// Work buffers: `a` (`capacity`×`p`, then the Householder vectors), `w` (`capacity`, `Qᵀr`),
    /// `r` (`p`×`p`: `R` in the upper triangle, `qrsolv`'s `Sᵀ` below), and `p`-vectors.
    final class Storage: @unchecked Sendable {
        let capacity: Int
        let p: Int
        private let arena: DoubleArena
        let pivots: UnsafeMutablePointer<Int>
        let a, w, r, qtf, running, x, sdiag, wa1, wa2, scale, diagonalOfR: UnsafeMutablePointer<Double>

        init(capacity: Int, columns p: Int) {
            self.capacity = capacity
            self.p = p
            var arena = DoubleArena(count: capacity * p + capacity + p * p + 8 * p)
            pivots = .allocate(capacity: p)
            pivots.initialize(repeating: 0, count: p)
            a = arena.take(capacity * p)
            w = arena.take(capacity)
            r = arena.take(p * p)
            qtf = arena.take(p)
            running = arena.take(p)
            x = arena.take(p)
            sdiag = arena.take(p)
            wa1 = arena.take(p)
            wa2 = arena.take(p)
            scale = arena.take(p)
            diagonalOfR = arena.take(p)
            self.arena = arena
        }

        func copy() -> Storage {
            let copy = Storage(capacity: capacity, columns: p)
            copy.arena.copyValues(from: arena)
            copy.pivots.update(from: pivots, count: p)
            return copy
        }

        deinit {
            arena.deallocate()
            pivots.deallocate()
        }
    }

    // MARK: Factorization (qrfac)

    mutating func factor(
        jacobian: UnsafePointer<Double>, residuals: UnsafePointer<Double>, diagonal: UnsafePointer<Double>,
        rows n: Int, columns p: Int
    ) -> Bool {
        precondition(p == storage.p && n <= storage.capacity && n >= p, "an n×p Jacobian with p ≤ n ≤ capacity")
        makeUnique()
        rows = n
        let s = storage
        let (a, w, running, ipvt) = (s.a, s.w, s.running, s.pivots)
        // A = J·D⁻¹ and the column norms. Columns stay in place: pivoted column j is column
        // ipvt[j] of `a`, and the running column norms are indexed by original column.
        for j in 0..<p {
            let d = diagonal[j] > 0 ? diagonal[j] : 1
            s.scale[j] = d
            let norm = VectorKernels.scaleAndSumOfSquares(1 / d, jacobian + j &* n, into: a + j &* n, n).squareRoot()
            guard norm.isFinite else { return false }
            running[j] = norm
            ipvt[j] = j
        }
        w.update(from: residuals, count: n)

        for j in 0..<p {
            // Bring the column of largest remaining norm into the pivot position.
            var kmax = j
            for k in j..<p where running[ipvt[k]] > running[ipvt[kmax]] { kmax = k }
            if kmax != j { let t = ipvt[j]; ipvt[j] = ipvt[kmax]; ipvt[kmax] = t }
            // The Householder transformation H = I − u·uᵀ/(α·u₀) that maps x = A[j..<n, column]
            // to −α·e₁, with α = ±‖x‖ of the sign of x₀ and u = x + α·e₁ (MINPACK normalizes u by
            // α; the same reflector).
            let u = a + (ipvt[j] &* n &+ j), m = n &- j
            var alpha = running[ipvt[j]]
            if alpha != 0 {
                if u[0] < 0 { alpha = -alpha }
                u[0] += alpha
                let f = -1 / (alpha * u[0])
                // Apply it to the remaining columns and the residuals, two at a time; the same pass
                // gives the remaining columns' norms below row j, for the next pivot (MINPACK
                // downdates them instead).
                var k = j + 1
                while k < p {
                    let x = a + (ipvt[k] &* n &+ j), y = k + 1 < p ? a + (ipvt[k + 1] &* n &+ j) : w + j
                    let (dx, dy) = VectorKernels.dot2(u, x, y, m)
                    let (nx, ny) = VectorKernels.axpy2SumsOfSquares(u, f * dx, x, f * dy, y, m)
                    running[ipvt[k]] = nx.squareRoot()
                    if k + 1 < p { running[ipvt[k + 1]] = ny.squareRoot() }
                    k += 2
                }
                if k == p { VectorKernels.axpy(f * VectorKernels.dot(u, w + j, m), u, w + j, m) }
            }
            s.diagonalOfR[j] = -alpha
        }
        // R (p×p, upper triangle; the strict lower triangle is qrsolv's scratch) and Qᵀr.
        let r = s.r
        for j in 0..<p {
            let column = a + ipvt[j] &* n
            for i in 0..<j { r[i &+ j &* p] = column[i] }
            r[j &+ j &* p] = s.diagonalOfR[j]
            s.qtf[j] = w[j]
        }
        return true
    }

    // MARK: Step (lmpar, qrsolv)

    mutating func step(radius delta: Double, lambda previous: Double, rankTolerance: Double, into step: UnsafeMutablePointer<Double>)
        -> TrustRegionTrial
    {
        makeUnique()
        let s = storage
        let p = s.p
        let (r, qtf, rdiag, x, sdiag, wa1, ipvt) = (s.r, s.qtf, s.diagonalOfR, s.x, s.sdiag, s.wa1, s.pivots)

        // The Gauss–Newton direction (a least-squares solution when R is singular), unpivoted into x.
        var nsing = p
        for j in 0..<p {
            wa1[j] = qtf[j]
            if rdiag[j] == 0, nsing == p { nsing = j }
            if nsing < p { wa1[j] = 0 }
        }
        var j = nsing - 1
        while j >= 0 {
            wa1[j] /= r[j &+ j &* p]
            let t = wa1[j]
            let column = r + j &* p
            for i in 0..<j { wa1[i] -= column[i] * t }
            j -= 1
        }
        for j in 0..<p { x[ipvt[j]] = wa1[j] }

        var dxnorm = Self.norm(x, p)
        var fp = dxnorm - delta
        var par = 0.0
        if fp > 0.1 * delta {
            // Lower bound: the Newton step at λ = 0 when R has full rank.
            var parl = 0.0
            if nsing == p {
                for j in 0..<p { wa1[j] = x[ipvt[j]] / dxnorm }
                for j in 0..<p {
                    let column = r + j &* p
                    var sum = 0.0
                    for i in 0..<j { sum += column[i] * wa1[i] }
                    wa1[j] = (wa1[j] - sum) / column[j]
                }
                let t = Self.norm(wa1, p)
                parl = fp / delta / t / t
            }
            // Upper bound ‖Aᵀr‖/Δ.
            for j in 0..<p {
                let column = r + j &* p
                var sum = 0.0
                for i in 0...j { sum += column[i] * qtf[i] }
                wa1[j] = sum
            }
            let gnorm = Self.norm(wa1, p)
            var paru = gnorm / delta
            if paru == 0 { paru = Double.leastNormalMagnitude / min(delta, 0.1) }

            par = min(max(previous, parl), paru)
            if par == 0 { par = gnorm / dxnorm }
            var iteration = 0
            while true {
                iteration += 1
                if par == 0 { par = max(Double.leastNormalMagnitude, 0.001 * paru) }
                solve(root: par.squareRoot())
                dxnorm = Self.norm(x, p)
                let previousFp = fp
                fp = dxnorm - delta
                if abs(fp) <= 0.1 * delta || (parl == 0 && fp <= previousFp && previousFp < 0) || iteration == 10 {
                    break
                }
                // Newton correction from the triangular factor S of the augmented problem.
                for j in 0..<p { wa1[j] = x[ipvt[j]] / dxnorm }
                for j in 0..<p {
                    wa1[j] /= sdiag[j]
                    let t = wa1[j]
                    let column = r + j &* p
                    for i in (j + 1)..<max(j + 1, p) { wa1[i] -= column[i] * t }
                }
                let t = Self.norm(wa1, p)
                let correction = fp / delta / t / t
                if fp > 0 { parl = max(parl, par) }
                if fp < 0 { paru = min(paru, par) }
                par = max(parl, par + correction)
            }
        }

        // δ = −D⁻¹·z and ‖A·z‖² = ‖R·Pᵀ·z‖².
        var fitted = 0.0
        for i in 0..<p {
            var sum = 0.0
            for j in i..<p { sum += r[i &+ j &* p] * x[ipvt[j]] }
            fitted += sum * sum
        }
        for j in 0..<p { step[j] = -x[j] / s.scale[j] }
        return TrustRegionTrial(lambda: par, scaledNorm: dxnorm, fittedNorm2: fitted)
    }

    /// `qrsolv` with `D = root·I`: the solution `x` of `min ‖A·x − r‖² + root²‖x‖²` from `R`,
    /// `Qᵀr` and Givens rotations; leaves `Sᵀ` in the strict lower triangle of `r` and the diagonal
    /// of `S` in `sdiag` (the upper triangle of `r` is kept).
    private func solve(root: Double) {
        let s = storage
        let p = s.p
        let (r, qtf, rdiag, x, sdiag, wa) = (s.r, s.qtf, s.diagonalOfR, s.x, s.sdiag, s.wa2)
        for j in 0..<p {
            for i in j..<p { r[i &+ j &* p] = r[j &+ i &* p] }
            wa[j] = qtf[j]
        }
        // Eliminate the diagonal matrix root·I row by row.
        for j in 0..<p {
            if root != 0 {
                for k in j..<p { sdiag[k] = 0 }
                sdiag[j] = root
                var qtbpj = 0.0
                for k in j..<p where sdiag[k] != 0 {
                    let rk = r + k &* p
                    let (cos, sin): (Double, Double)
                    if abs(rk[k]) < abs(sdiag[k]) {
                        let cotan = rk[k] / sdiag[k]
                        let sn = 0.5 / (0.25 + 0.25 * cotan * cotan).squareRoot()
                        (cos, sin) = (sn * cotan, sn)
                    } else {
                        let tan = sdiag[k] / rk[k]
                        let cs = 0.5 / (0.25 + 0.25 * tan * tan).squareRoot()
                        (cos, sin) = (cs, cs * tan)
                    }
                    rk[k] = cos * rk[k] + sin * sdiag[k]
                    let t = cos * wa[k] + sin * qtbpj
                    qtbpj = -sin * wa[k] + cos * qtbpj
                    wa[k] = t
                    for i in (k + 1)..<max(k + 1, p) {
                        let t = cos * rk[i] + sin * sdiag[i]
                        sdiag[i] = -sin * rk[i] + cos * sdiag[i]
                        rk[i] = t
                    }
                }
            }
            sdiag[j] = r[j &+ j &* p]
            r[j &+ j &* p] = rdiag[j]
        }
        // Solve S·z = wa (a least-squares solution when S is singular).
        var nsing = p
        for j in 0..<p {
            if sdiag[j] == 0, nsing == p { nsing = j }
            if nsing < p { wa[j] = 0 }
        }
        var j = nsing - 1
        while j >= 0 {
            let column = r + j &* p
            var sum = 0.0
            for i in (j + 1)..<nsing { sum += column[i] * wa[i] }
            wa[j] = (wa[j] - sum) / sdiag[j]
            j -= 1
        }
        for j in 0..<p { x[s.pivots[j]] = wa[j] }
    }

    @inline(__always)
    private static func norm(_ v: UnsafeMutablePointer<Double>, _ p: Int) -> Double {
        var sum = 0.0
        for i in 0..<p { sum += v[i] * v[i] }
        return sum.squareRoot()
    }

    // MARK: Rank and covariance

    mutating func singularDirection(relativeTolerance: Double, into direction: UnsafeMutablePointer<Double>) -> Bool {
        let s = storage
        let p = s.p
        let (r, rdiag) = (s.r, s.diagonalOfR)
        // |R_kk| is non-increasing with column pivoting: the last pivot against the first.
        let last = abs(rdiag[p - 1]), first = abs(rdiag[0])
        guard !(last > relativeTolerance * first) else { return false }
        // The first negligible pivot k: z with z_k = 1, zero after k, R[0..<k, 0..<k]·z = −R[0..<k, k].
        var k = 0
        while k < p, abs(rdiag[k]) > relativeTolerance * first { k += 1 }
        let z = s.wa1
        for i in 0..<p { z[i] = 0 }
        z[k] = 1
        var i = k - 1
        while i >= 0 {
            var sum = 0.0
            for j in (i + 1)...k { sum += r[i &+ j &* p] * z[j] }
            z[i] = rdiag[i] != 0 ? -sum / rdiag[i] : 0
            i -= 1
        }
        let length = Self.norm(z, p)
        for j in 0..<p { direction[s.pivots[j]] = abs(z[j]) / length }
        return true
    }

    mutating func inverseGramDiagonal(rankTolerance: Double, into diagonal: UnsafeMutablePointer<Double>) -> Bool {
        let s = storage
        let p = s.p
        let (r, rdiag) = (s.r, s.diagonalOfR)
        guard abs(rdiag[p - 1]) > rankTolerance * abs(rdiag[0]) else { return false }
        // (AᵀA)⁻¹ = P·R⁻¹·R⁻ᵀ·Pᵀ: row k of T = R⁻¹ gives entry k of the pivoted diagonal.
        // T is computed column by column into the lower triangle's scratch (wa1, one column at a time).
        let t = s.wa1
        for k in 0..<p { s.wa2[k] = 0 }
        for column in 0..<p {
            // Solve R·t = e_column (t is zero below `column`).
            for i in 0..<p { t[i] = 0 }
            t[column] = 1 / r[column &+ column &* p]
            var i = column - 1
            while i >= 0 {
                var sum = 0.0
                for j in (i + 1)...column { sum += r[i &+ j &* p] * t[j] }
                t[i] = -sum / r[i &+ i &* p]
                i -= 1
            }
            for i in 0...column { s.wa2[i] += t[i] * t[i] }
        }
        for k in 0..<p { diagonal[s.pivots[k]] = s.wa2[k] }
        return true
    }
}

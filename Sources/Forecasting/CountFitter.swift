import CurveFitting
import Foundation

/// Fits a curve to a realized count series by damped Gauss–Newton (Levenberg–Marquardt) steps:
/// least squares on the cumulative counts, or maximum likelihood for a Poisson process on the
/// increments (Fisher scoring: each step is the weighted least-squares step with weights `1/μ`,
/// whose fixed point solves the Poisson score equations, as in a GLM's IRLS).
///
/// Each step solves `min ‖√W·(J·δ − r)‖² + λ‖D·δ‖²` by Householder QR of the augmented matrix
/// (never the normal equations), with Marquardt's scaling `D` (the largest column norms seen) and
/// `λ` divided by 3 after a step that lowers the objective, multiplied by 4 otherwise.
/// Convergence: relative decrease of the objective below 1e-12 with a relative step below 1e-8,
/// or no decrease possible (every step tried shorter than 1e-10 relative, or `λ` past 1e16).
/// Used for the count-process fits and for the many refits of the bootstrap, which start next to
/// the solution; small (p ≤ 4, n ≲ 10³) and allocation-light.
struct CountFitter {
    enum Objective {
        /// `Σ (yᵢ − m(tᵢ))²` over the cumulative counts.
        case leastSquares
        /// The Poisson deviance of the increments `y_j ~ Poisson(m(t_{j+1}) − m(t_j))`.
        case poisson
    }

    struct Fit {
        let parameters: [Double]
        /// RSS, or the Poisson deviance.
        let objective: Double
        let iterations: Int
        let converged: Bool
    }

    let curve: any CurveModel
    let objective: Objective
    let times: [Double]
    /// Cumulative counts (least squares) or increments, one fewer than `times` (Poisson).
    let targets: [Double]
    private let predictors: Predictors
    /// The parameter count (stored: `CurveModel.parameterCount` builds the name list).
    private let p: Int
    /// The mean of the targets on the full grid (for the Poisson weights' floor).
    private let targetMean: Double

    /// A fitter of `curve` to `series`.
    ///
    /// With `mergingEmptyPeriods` (Poisson objective only), every run of periods without
    /// arrivals becomes one period. The log-likelihood, the deviance and Pearson's statistic are
    /// unchanged by the merge, as a function of the parameters (a period without arrivals
    /// contributes `−μ`, and the `μ` of a run telescope to the run's rise), so the maximum is
    /// the same; a day-resolution series of a few dozen events then costs a few dozen periods
    /// instead of thousands. Only the Fisher information differs (it is coarser on the merged
    /// grid), so ``poissonCovariance(at:)`` and ``means(_:)`` for the projection need the
    /// fitter on the full grid.
    init(curve: any CurveModel, objective: Objective, series: RealizedSeries, mergingEmptyPeriods: Bool = false) {
        self.curve = curve
        self.objective = objective
        p = curve.parameterCount
        switch objective {
        case .leastSquares:
            times = series.times
            targets = series.counts
            targetMean = series.counts.reduce(0, +) / Double(max(series.counts.count, 1))
        case .poisson:
            let increments = series.increments
            targetMean = increments.reduce(0, +) / Double(max(increments.count, 1))
            if mergingEmptyPeriods {
                (times, targets) = Self.merged(times: series.times, increments: increments)
            } else {
                (times, targets) = (series.times, increments)
            }
        }
        predictors = Predictors(times)
    }

    /// The grid whose periods are the periods with arrivals and the runs of periods without.
    private static func merged(times: [Double], increments: [Double]) -> (times: [Double], increments: [Double]) {
        guard let first = times.first, times.count == increments.count + 1 else { return (times, increments) }
        var mergedTimes = [first]
        var mergedIncrements: [Double] = []
        var pending = 0.0
        for j in increments.indices {
            pending += increments[j]
            let endsRun = increments[j] != 0 || j == increments.count - 1 || increments[j + 1] != 0
            if endsRun {
                mergedTimes.append(times[j + 1])
                mergedIncrements.append(pending)
                pending = 0
            }
        }
        return (mergedTimes, mergedIncrements)
    }


    /// Means and their gradients (row-major `n × p`) at `theta`; `nil` when a value is not finite.
    func means(_ theta: [Double], gradients: inout [Double]) -> [Double]? {
        var buffers = Buffers(times: times.count, parameters: p)
        guard evaluate(theta, into: &buffers) else { return nil }
        gradients = buffers.gradients
        return buffers.means
    }

    /// Scratch space for ``evaluate(_:into:)``, allocated once per fit.
    struct Buffers {
        /// The curve and its gradient at every time (row-major `times × p`).
        var values: [Double]
        var all: [Double]
        var row: [Double]
        /// The means (levels or increments) and their gradients (row-major `n × p`).
        var means: [Double]
        var gradients: [Double]

        init(times: Int, parameters p: Int) {
            values = [Double](repeating: 0, count: times)
            all = [Double](repeating: 0, count: times * p)
            row = [Double](repeating: 0, count: p)
            // Sized by the objective on the first evaluation (levels: one per time; increments: one fewer).
            means = []
            gradients = []
        }
    }

    /// Fills `buffers` with the means and gradients at `theta`; `false` when a value is not finite.
    func evaluate(_ theta: [Double], into buffers: inout Buffers) -> Bool {
        let count = times.count
        for i in 0..<count {
            buffers.values[i] = curve.value(row: i, of: predictors, parameters: theta, gradient: &buffers.row)
            guard buffers.values[i].isFinite else { return false }
            for k in 0..<p {
                guard buffers.row[k].isFinite else { return false }
                buffers.all[i * p + k] = buffers.row[k]
            }
        }
        switch objective {
        case .leastSquares:
            if buffers.means.count != count { buffers.means = [Double](repeating: 0, count: count) }
            for i in 0..<count { buffers.means[i] = buffers.values[i] }
            if buffers.gradients.count != count * p { buffers.gradients = [Double](repeating: 0, count: count * p) }
            for i in 0..<(count * p) { buffers.gradients[i] = buffers.all[i] }
        case .poisson:
            let n = count - 1
            if buffers.means.count != n { buffers.means = [Double](repeating: 0, count: n) }
            if buffers.gradients.count != n * p { buffers.gradients = [Double](repeating: 0, count: n * p) }
            for j in 0..<n {
                buffers.means[j] = buffers.values[j + 1] - buffers.values[j]
                for k in 0..<p { buffers.gradients[j * p + k] = buffers.all[(j + 1) * p + k] - buffers.all[j * p + k] }
            }
        }
        return true
    }

    /// Means only.
    func means(_ theta: [Double]) -> [Double]? {
        var values = [Double](repeating: 0, count: times.count)
        for i in times.indices {
            values[i] = curve.value(row: i, of: predictors, parameters: theta)
            guard values[i].isFinite else { return nil }
        }
        if objective == .leastSquares { return values }
        return zip(values.dropFirst(), values).map { $0 - $1 }
    }

    /// The objective at the means `mu`: `+∞` where a Poisson mean is negative, or zero where
    /// arrivals were observed.
    func objectiveValue(_ mu: [Double]) -> Double {
        var total = 0.0
        switch objective {
        case .leastSquares:
            for (y, m) in zip(targets, mu) { total += (y - m) * (y - m) }
        case .poisson:
            for (y, m) in zip(targets, mu) {
                if m < 0 || (m == 0 && y > 0) { return .infinity }
                total += y > 0 ? 2 * (y * log(y / m) - (y - m)) : 2 * m
            }
        }
        return total.isFinite ? total : .infinity
    }

    /// The Poisson log-likelihood `Σ y log μ − μ − log y!` at `mu` (Poisson objective only).
    func poissonLogLikelihood(_ mu: [Double]) -> Double {
        zip(targets, mu).reduce(0) { sum, pair in
            let (y, m) = pair
            return sum + (y > 0 ? y * log(m) : 0) - m - lgamma(y + 1)
        }
    }

    /// Weights `1/μ` for the Poisson objective (floored at 1e-8 of the mean count per period), 1 otherwise.
    private func weights(_ mu: [Double]) -> [Double] {
        var w = [Double](repeating: 1, count: mu.count)
        weights(mu, into: &w)
        return w
    }

    private func weights(_ mu: [Double], into w: inout [Double]) {
        guard objective == .poisson else {
            for i in w.indices { w[i] = 1 }
            return
        }
        let floor = max(1e-8 * targetMean, 1e-12)
        for i in mu.indices { w[i] = 1 / max(mu[i], floor) }
    }

    /// Minimizes the objective from `start`; `nil` when the start gives non-finite or invalid means.
    /// Every buffer is allocated once per fit (the bootstrap refits thousands of small problems).
    func fit(from start: [Double], maximumIterations: Int = 200) -> Fit? {
        var theta = start
        var current = Buffers(times: times.count, parameters: p)
        guard evaluate(theta, into: &current) else { return nil }
        var value = objectiveValue(current.means)
        guard value.isFinite else { return nil }
        var trialBuffers = current
        let n = current.means.count
        var scale = [Double](repeating: 0, count: p)
        var w = [Double](repeating: 0, count: n)
        var a = [Double](repeating: 0, count: n * p)
        var r = [Double](repeating: 0, count: n)
        var workspace = SmallQR.Workspace(rows: n, columns: p)
        var damping = [Double](repeating: 0, count: p)
        var trial = [Double](repeating: 0, count: p)
        var step = [Double](repeating: 0, count: p)
        var lambda = 1e-3
        var converged = false
        var iteration = 0
        while iteration < maximumIterations {
            iteration += 1
            weights(current.means, into: &w)
            for i in 0..<n {
                let root = w[i].squareRoot()
                r[i] = root * (targets[i] - current.means[i])
                for k in 0..<p { a[i * p + k] = root * current.gradients[i * p + k] }
            }
            for k in 0..<p {
                var norm = 0.0
                for i in 0..<n { norm += a[i * p + k] * a[i * p + k] }
                scale[k] = max(scale[k], norm.squareRoot(), 1e-300)
            }
            var accepted = false
            workspace.prepare(a, rhs: r)
            while lambda < 1e16 {
                for k in 0..<p { damping[k] = scale[k] * lambda.squareRoot() }
                guard workspace.dampedSolve(damping: damping, into: &step) else {
                    lambda *= 4
                    continue
                }
                var relativeStep = 0.0
                for k in 0..<p {
                    trial[k] = theta[k] + step[k]
                    relativeStep = max(relativeStep, abs(step[k]) / (abs(trial[k]) + 1e-8))
                }
                if relativeStep < 1e-10 { break }  // steps too small to change anything: at the minimum
                if evaluate(trial, into: &trialBuffers) {
                    let trialValue = objectiveValue(trialBuffers.means)
                    if trialValue < value {
                        let reduction = (value - trialValue) / max(value, 1e-300)
                        swap(&theta, &trial)
                        swap(&current, &trialBuffers)
                        value = trialValue
                        lambda = max(lambda / 3, 1e-12)
                        accepted = true
                        if reduction < 1e-12 && relativeStep < 1e-8 { converged = true }
                        break
                    }
                }
                lambda *= 4
            }
            if !accepted { converged = true }  // no decrease possible: a (local) minimum
            if converged { break }
        }
        return Fit(parameters: theta, objective: value, iterations: iteration, converged: converged)
    }

    /// The inverse Fisher information `(JᵀWJ)⁻¹` at `theta` for the Poisson objective (the
    /// covariance of the maximum-likelihood estimate), from the QR factor of `√W·J`; `nil` when
    /// the information is singular.
    func poissonCovariance(at theta: [Double]) -> [[Double]]? {
        var gradients: [Double] = []
        guard let mu = means(theta, gradients: &gradients) else { return nil }
        let w = weights(mu)
        var a = gradients
        for i in mu.indices {
            let root = w[i].squareRoot()
            for k in 0..<p { a[i * p + k] *= root }
        }
        return SmallQR.inverseGram(a, rows: mu.count, columns: p)
    }
}

/// Householder QR for small dense least-squares problems (row-major input).
enum SmallQR {
    /// Repeated damped solves of one `A` and `b` with different dampings, as a trust-region
    /// step tries several: ``prepare(_:rhs:)`` factors `A = QR` once, and each
    /// ``dampedSolve(damping:)`` solves `min ‖R·x − Qᵀb‖² + ‖diag(d)·x‖²` (the same minimizer:
    /// the part of `b` outside the range of `A` is a constant) by QR of the `2p × p` matrix
    /// `[R; diag(d)]`. When `A` is rank-deficient the full `[A; diag(d)]` is factored instead.
    /// Storage is allocated once.
    struct Workspace {
        let rows: Int
        let columns: Int
        private var a: [Double]
        private var b: [Double]
        /// `R` and `Qᵀb` of `A`, when `A` has full rank.
        private var r: [Double]
        private var qtb: [Double]
        private var factored = false
        private var m: [Double]
        private var rhs: [Double]

        init(rows: Int, columns: Int) {
            self.rows = rows
            self.columns = columns
            a = [Double](repeating: 0, count: rows * columns)
            b = [Double](repeating: 0, count: rows)
            r = [Double](repeating: 0, count: rows * columns)
            qtb = [Double](repeating: 0, count: rows)
            m = [Double](repeating: 0, count: (rows + columns) * columns)
            rhs = [Double](repeating: 0, count: rows + columns)
        }

        /// Takes `A` (`rows × columns`, row-major) and `b` for the following solves.
        mutating func prepare(_ matrix: [Double], rhs vector: [Double]) {
            let (n, p) = (rows, columns)
            for i in 0..<(n * p) { a[i] = matrix[i]; r[i] = matrix[i] }
            for i in 0..<n { b[i] = vector[i]; qtb[i] = vector[i] }
            factored = n >= p && factor(&r, rows: n, columns: p, applyingTo: &qtb)
        }

        /// Solves `min ‖A·x − b‖² + ‖diag(d)·x‖²` for the prepared `A` and `b` into `x` (`columns`
        /// values); `false` when the damped matrix is rank-deficient.
        mutating func dampedSolve(damping d: [Double], into x: inout [Double]) -> Bool {
            let p = columns
            let top = factored ? p : rows
            let source = factored ? r : a
            for i in 0..<(top * p) { m[i] = source[i] }
            if factored {
                for i in 0..<p { for j in 0..<i { m[i * p + j] = 0 } }  // R's upper triangle only
            }
            for i in (top * p)..<((top + p) * p) { m[i] = 0 }
            for k in 0..<p { m[(top + k) * p + k] = d[k] }
            for i in 0..<top { rhs[i] = factored ? qtb[i] : b[i] }
            for k in 0..<p { rhs[top + k] = 0 }
            guard factor(&m, rows: top + p, columns: p, applyingTo: &rhs) else { return false }
            return backSubstitute(m, columns: p, rhs, into: &x)
        }
    }

    /// `(AᵀA)⁻¹ = R⁻¹R⁻ᵀ`; `nil` when `A` is rank-deficient (a diagonal of `R` below 1e-12 of the largest).
    static func inverseGram(_ a: [Double], rows n: Int, columns p: Int) -> [[Double]]? {
        guard n >= p else { return nil }
        var m = a
        var unused = [Double](repeating: 0, count: n)
        guard factor(&m, rows: n, columns: p, applyingTo: &unused) else { return nil }
        // Columns of R⁻¹ by back substitution on the unit vectors.
        var inverse = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        var column = [Double](repeating: 0, count: p)
        for j in 0..<p {
            var e = [Double](repeating: 0, count: p)
            e[j] = 1
            guard backSubstitute(m, columns: p, e, into: &column) else { return nil }
            for i in 0..<p { inverse[i][j] = column[i] }
        }
        return (0..<p).map { i in (0..<p).map { j in (0..<p).reduce(0) { $0 + inverse[i][$1] * inverse[j][$1] } } }
    }

    /// Householder QR in place: `matrix` (row-major, `rows × columns`) becomes `R` in its upper
    /// triangle, and `Qᵀ` is applied to `vector`. `false` when a column is (numerically) dependent.
    fileprivate static func factor(_ matrix: inout [Double], rows: Int, columns p: Int, applyingTo vector: inout [Double]) -> Bool {
        // Unchecked pointers (the hot loop of every bootstrap refit); the sizes are checked here.
        precondition(matrix.count >= rows * p && vector.count >= rows)
        return matrix.withUnsafeMutableBufferPointer { mBuffer in
            vector.withUnsafeMutableBufferPointer { bBuffer in
                let m = mBuffer.baseAddress!, b = bBuffer.baseAddress!
                var largest = 0.0
                for k in 0..<p {
                    var norm = 0.0
                    for i in k..<rows { norm += m[i * p + k] * m[i * p + k] }
                    norm = norm.squareRoot()
                    guard norm > 1e-12 * largest, norm > 0 else { return false }
                    largest = max(largest, norm)
                    let alpha = m[k * p + k] > 0 ? -norm : norm
                    m[k * p + k] -= alpha
                    var vNorm = 0.0
                    for i in k..<rows { vNorm += m[i * p + k] * m[i * p + k] }
                    for j in (k + 1)..<p {
                        var dot = 0.0
                        for i in k..<rows { dot += m[i * p + k] * m[i * p + j] }
                        let f = 2 * dot / vNorm
                        for i in k..<rows { m[i * p + j] -= f * m[i * p + k] }
                    }
                    var dot = 0.0
                    for i in k..<rows { dot += m[i * p + k] * b[i] }
                    let f = 2 * dot / vNorm
                    for i in k..<rows { b[i] -= f * m[i * p + k] }
                    m[k * p + k] = alpha
                }
                return true
            }
        }
    }

    /// `x = R⁻¹·b` for the upper triangle `R` of `r` (`x` has `p` values); `false` when a value is not finite.
    fileprivate static func backSubstitute(_ r: [Double], columns p: Int, _ b: [Double], into x: inout [Double]) -> Bool {
        for k in stride(from: p - 1, through: 0, by: -1) {
            var sum = b[k]
            for j in (k + 1)..<p { sum -= r[k * p + j] * x[j] }
            x[k] = sum / r[k * p + k]
            guard x[k].isFinite else { return false }
        }
        return true
    }
}


/// The interpolating cubic spline of Forsythe, Malcolm & Moler (1977, §4.4), R's
/// `spline(method = "fmm")`: the end conditions match the third derivatives of the cubics
/// through the first four and the last four points (with three points or fewer it degrades to a
/// parabola, or a line). Used to reproduce R's `confint` for `nls` (``ProfileMethod/rSpline``).
struct CubicSpline {
    /// The knots, increasing and distinct.
    private let x: [Double]
    private let y: [Double]
    /// Polynomial coefficients on `[x_i, x_{i+1}]`: `y_i + b_i·d + c_i·d² + e_i·d³`, `d = t − x_i`.
    private let b: [Double], c: [Double], e: [Double]

    /// The spline through `(x_i, y_i)`; `x` increasing and distinct, at least 2 points.
    /// A translation of R's `fmm_spline` (src/library/stats/src/splines.c).
    init(x: [Double], y: [Double]) {
        precondition(x.count == y.count && x.count >= 2, "a spline needs two points or more")
        let n = x.count
        var b = [Double](repeating: 0, count: n), c = b, d = b
        self.x = x
        self.y = y
        if n < 3 {
            let slope = (y[1] - y[0]) / (x[1] - x[0])
            self.b = [slope, slope]
            self.c = [0, 0]
            e = [0, 0]
            return
        }
        // Tridiagonal system: b the diagonal, d the off-diagonal, c the right-hand side.
        d[0] = x[1] - x[0]
        c[1] = (y[1] - y[0]) / d[0]
        for i in 1..<(n - 1) {
            d[i] = x[i + 1] - x[i]
            b[i] = 2 * (d[i - 1] + d[i])
            c[i + 1] = (y[i + 1] - y[i]) / d[i]
            c[i] = c[i + 1] - c[i]
        }
        // End conditions: third derivatives at the ends from divided differences.
        b[0] = -d[0]
        b[n - 1] = -d[n - 2]
        c[0] = 0
        c[n - 1] = 0
        if n > 3 {
            c[0] = c[2] / (x[3] - x[1]) - c[1] / (x[2] - x[0])
            c[n - 1] = c[n - 2] / (x[n - 1] - x[n - 3]) - c[n - 3] / (x[n - 2] - x[n - 4])
            c[0] = c[0] * d[0] * d[0] / (x[3] - x[0])
            c[n - 1] = -c[n - 1] * d[n - 2] * d[n - 2] / (x[n - 1] - x[n - 4])
        }
        // Gaussian elimination, then back substitution.
        for i in 1..<n {
            let t = d[i - 1] / b[i - 1]
            b[i] -= t * d[i - 1]
            c[i] -= t * c[i - 1]
        }
        c[n - 1] /= b[n - 1]
        for i in stride(from: n - 2, through: 0, by: -1) {
            c[i] = (c[i] - d[i] * c[i + 1]) / b[i]
        }
        // Polynomial coefficients.
        b[n - 1] = (y[n - 1] - y[n - 2]) / d[n - 2] + d[n - 2] * (c[n - 2] + 2 * c[n - 1])
        for i in 0..<(n - 1) {
            b[i] = (y[i + 1] - y[i]) / d[i] - d[i] * (c[i + 1] + 2 * c[i])
            d[i] = (c[i + 1] - c[i]) / d[i]
            c[i] *= 3
        }
        c[n - 1] *= 3
        d[n - 1] = d[n - 2]
        self.b = b
        self.c = c
        e = d
    }

    /// The spline at `t` (the end cubics extended outside the knots, as R's `spline_eval`).
    func callAsFunction(_ t: Double) -> Double {
        var (low, high) = (0, x.count)
        while high > low + 1 {
            let middle = (low + high) / 2
            if t < x[middle] { high = middle } else { low = middle }
        }
        let d = t - x[low]
        return y[low] + d * (b[low] + d * (c[low] + d * e[low]))
    }
}

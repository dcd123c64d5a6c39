import Foundation

/// Three-parameter logistic growth, R's `SSlogis`: `y = Asym / (1 + exp((xmid − x)/scal))`.
///
/// An S-shaped curve from 0 to `Asym`, symmetric about its inflection point at `x = xmid`, where
/// `y = Asym/2`.
///
/// Parameters:
/// - `Asym`: the upper asymptote, the saturation level (units of y).
/// - `xmid`: the inflection point, where half the asymptote is reached (units of x).
/// - `scal`: the scale (units of x): y rises from 27% to 73% of `Asym` between `xmid − scal` and
///   `xmid + scal`; the maximal growth rate `Asym/(4·scal)` is at `xmid`. A negative `scal` gives a
///   decreasing curve.
///
/// The self-start looks for the level `c > max(y)` whose linearization
/// `log(c/y − 1) = (xmid − x)/scal` (a weighted straight line) gives the curve with the smallest
/// residual sum of squares, `Asym` being refitted on the original scale for each level. Zero or
/// negative values that noise explains (a curve within the noise of zero there: see
/// ``nonPositiveValuesAreNoise(x:y:)``) are left out of the linearization and kept in the refit of
/// `Asym`. The level is found by a bracketing line search started a tenth of the response range
/// above the data, then Brent's parabolic refinement (about 15–25 closed-form candidates, no
/// allocation: a few microseconds for 20 points), within the admissible levels (10⁻⁶ to 10³
/// response ranges above the data; a search that runs downhill into that edge stops there).
/// That start seeds the variable-projection search of the logistic family over `xmid` and
/// `log|scal|` with `Asym` by linear least squares (grid, local refinement, multi-start), which
/// takes any response and returns the best curve it finds: the linearization's residual sum of
/// squares can be several times the least-squares one on noisy data.
public struct LogisticGrowth: SelfStartingModel {
    /// The 3-parameter logistic model.
    public init() {}

    public var name: String { "logistic" }
    public var title: String { "logistic" }
    public var summary: String { "S-shaped growth from 0 to a saturation level, symmetric about its midpoint" }
    public var formula: String { "y = Asym / (1 + exp((xmid - x) / scal))" }
    public var parameterNames: [String] { ["Asym", "xmid", "scal"] }
    public var parameterDescriptions: [String] {
        [
            "Asym: upper asymptote, the saturation level (units of y)",
            "xmid: inflection point, where y = Asym/2 (units of x)",
            "scal: scale, x distance from 50% to 73% of Asym (units of x)",
        ]
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double]) -> Double {
        Self.value(x: predictors.columns[0][row], asym: parameters[0], xmid: parameters[1], scal: parameters[2])
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double], gradient: inout [Double]) -> Double {
        let d = Self.derivatives(
            x: predictors.columns[0][row], asym: parameters[0], xmid: parameters[1], scal: parameters[2])
        gradient[0] = d.dAsym
        gradient[1] = d.dXmid
        gradient[2] = d.dScal
        return d.value
    }

    /// `Asym / (1 + e)` with `e = exp((xmid − x)/scal)`; 0 when `e` overflows. The batch solver
    /// calls this directly, so that both solvers evaluate the same expression.
    @inline(__always)
    static func value(x: Double, asym: Double, xmid: Double, scal: Double) -> Double {
        asym / (1 + exp((xmid - x) / scal))
    }

    /// Value and gradient, in forms that stay finite when `e = exp((xmid − x)/scal)` overflows or
    /// underflows: with `s = 1/(1 + e)` and `q = e/(1 + e) = 1/(1/e + 1)`,
    /// `∂f/∂Asym = s`, `∂f/∂xmid = −f·q/scal`, `∂f/∂scal = f·q·(xmid − x)/scal²`.
    @inline(__always)
    static func derivatives(
        x: Double, asym: Double, xmid: Double, scal: Double
    ) -> (value: Double, dAsym: Double, dXmid: Double, dScal: Double) {
        let e = exp((xmid - x) / scal)
        let shape = 1 / (1 + e)
        let value = asym * shape
        let q = 1 / (1 / e + 1)
        return (value, shape, -value * q / scal, value * q * (xmid - x) / (scal * scal))
    }

    public func initialParameters(x: [Double], y: [Double]) throws -> [Double] {
        let data = try GrowthSelfStart.Observations(x: x, y: y, for: self)
        try data.requireGrowth()
        let linearizable = data.minimum > 0 || data.x.withUnsafeBufferPointer { xs in
            data.y.withUnsafeBufferPointer { ys in Self.nonPositiveValuesAreNoise(x: xs, y: ys) }
        }
        let linearization = linearizable ? data.x.withUnsafeBufferPointer { xs in
            data.y.withUnsafeBufferPointer { ys in Self.levelStart(x: xs, y: ys) }
        } : nil
        let seeds = linearization.map { [[$0[1], log(abs($0[2]))]] } ?? []
        return try GrowthSelfStart.finiteParameters(
            of: GrowthSelfStart.LogisticFamily.separableStart(
                data, lowerAsymptote: false, searchesShape: false, seeds: seeds),
            for: self)
    }

    /// A linearization's start without any search: the best of the candidates at the levels
    /// ``quickLevelExcesses`` above the largest response (each a weighted straight line and a
    /// refit of `Asym`, about 2n logarithms and exponentials); `nil` where the data are constant,
    /// have fewer than 3 distinct x values or non-positive values that are not noise
    /// (``nonPositiveValuesAreNoise(x:y:)``), or no candidate is defined.
    public func quickStart(x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>) -> [Double]? {
        Self.linearizedStart(x: x, y: y)
    }

    /// The levels of ``quickStart(x:y:)``, as fractions of the response range above its largest
    /// value.
    static let quickLevelExcesses = [0.1]

    /// ``quickStart(x:y:)``, shared with the models that start from the logistic's shape.
    static func linearizedStart(x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>) -> [Double]? {
        let n = x.count
        guard n >= 3, y.count == n else { return nil }
        var (low, high) = (Double.infinity, -Double.infinity)
        for v in y {
            low = min(low, v)
            high = max(high, v)
        }
        let range = high - low
        guard range > 0, range.isFinite, low > 0 || nonPositiveValuesAreNoise(x: x, y: y) else { return nil }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * n) { scratch -> [Double]? in
            var best: (rss: Double, parameters: (Double, Double, Double))?
            for excess in quickLevelExcesses {
                guard let c = candidate(x: x, y: y, level: high + range * excess, scratch: scratch.baseAddress!) else {
                    continue
                }
                if c.rss < best?.rss ?? .infinity { best = c }
            }
            return best.map { [$0.parameters.0, $0.parameters.1, $0.parameters.2] }
        }
    }

    /// Whether the response's non-positive values can be read as noise around a curve that is
    /// still near zero there, so that the self-start may leave them out of the linearization
    /// (which needs `y > 0`): at least 3 positive responses, and for each `yᵢ ≤ 0`, with `L` the
    /// mean of its neighbours (in x) and `σ̂` the noise level, either `L ≤ kσ̂` and `yᵢ ≥ −kσ̂`
    /// (the curve is within noise of zero there) or `L − yᵢ ≤ kσ̂` (the value is within noise of
    /// its neighbours), with `k = 3.5`. `σ̂` is the robust scale of the deviations of each
    /// interior point from the line through its two neighbours, `1.4826·median|dᵢ|/√1.5` (for
    /// independent noise of deviation `σ` at equally spaced x, `dᵢ` has variance `1.5σ²`).
    ///
    /// A zero or negative value far below neighbours that lie well above the noise is not noise
    /// (a recording error, or data the model does not describe), and the self-start keeps
    /// rejecting it. `x` is increasing and distinct.
    static func nonPositiveValuesAreNoise(x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>) -> Bool {
        let n = x.count
        guard n >= 3, y.count == n, y.lazy.filter({ $0 > 0 }).count >= 3 else { return false }
        let sigma: Double = withUnsafeTemporaryAllocation(of: Double.self, capacity: n - 2) { buffer -> Double in
            var d = buffer
            for i in 1..<(n - 1) {
                let t = (x[i] - x[i - 1]) / (x[i + 1] - x[i - 1])
                d[i - 1] = abs(y[i] - (y[i - 1] + (y[i + 1] - y[i - 1]) * t))
            }
            d.sort()
            let m = n - 2
            let median = m % 2 == 1 ? d[m / 2] : 0.5 * (d[m / 2 - 1] + d[m / 2])
            return 1.4826 * median / 1.5.squareRoot()
        }
        let band: Double = 3.5 * sigma
        for i in 0..<n where y[i] <= 0 {
            let level: Double = i == 0 ? y[1] : i == n - 1 ? y[n - 2] : 0.5 * (y[i - 1] + y[i + 1])
            guard (level <= band && y[i] >= -band) || level - y[i] <= band else { return false }
        }
        return true
    }

    /// The start from a local search of the level (see the type's description), or `nil` when the
    /// search reaches the edge of the admissible levels or a candidate is undefined.
    /// `x` is increasing and distinct, `y` not constant and positive except for values that
    /// ``nonPositiveValuesAreNoise(x:y:)`` accepts (left out of the linearization).
    static func levelStart(x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>) -> [Double]? {
        var (low, high) = (Double.infinity, -Double.infinity)
        for v in y {
            low = min(low, v)
            high = max(high, v)
        }
        let range = high - low
        guard range > 0, range.isFinite else { return nil }
        let bounds = GrowthSelfStart.CoordinateSearch.levelExcess
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * x.count) { scratch in
            search(x: x, y: y, high: high, range: range, bounds: bounds, scratch: scratch.baseAddress!)
        }
    }

    private static func search(
        x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>, high: Double, range: Double,
        bounds: ClosedRange<Double>, scratch: UnsafeMutablePointer<Double>
    ) -> [Double]? {

        // RSS of the candidate at level max + range·exp(excess); +∞ where undefined.
        var best: (excess: Double, rss: Double, parameters: (Double, Double, Double))?
        var undefined = false
        func objective(_ excess: Double) -> Double {
            guard let c = candidate(x: x, y: y, level: high + range * exp(excess), scratch: scratch) else {
                undefined = true
                return .infinity
            }
            if c.rss < best?.rss ?? .infinity { best = (excess, c.rss, c.parameters) }
            return c.rss
        }

        // Bracket a minimum by golden-ratio expansion downhill from the typical excess.
        let golden = 1.618_033_988_749_895
        var a = GrowthSelfStart.CoordinateSearch.typicalExcess, b = a + 1
        var fa = objective(a), fb = objective(b)
        if fb > fa {
            (a, b) = (b, a)
            (fa, fb) = (fb, fa)
        }
        var c = b + golden * (b - a)
        var fc = objective(c)
        var expansions = 0
        while fc <= fb {
            guard !undefined, expansions < 40 else { return nil }
            if !bounds.contains(c) {
                // Downhill up to the edge of the admissible levels: the edge is the minimum when it
                // is lower than the last interior point (a level at the data's maximum, or a curve
                // still far from saturation); otherwise the minimum lies between them.
                let edge = min(max(c, bounds.lowerBound), bounds.upperBound)
                let fe = objective(edge)
                guard !undefined else { return nil }
                if fe <= fb { return best.map { [$0.parameters.0, $0.parameters.1, $0.parameters.2] } }
                (c, fc) = (edge, fe)
                break
            }
            (a, fa, b, fb) = (b, fb, c, fc)
            c = b + golden * (b - a)
            fc = objective(c)
            expansions += 1
        }
        guard !undefined, fb.isFinite, bounds.contains(a), bounds.contains(c) else { return nil }

        // Brent's minimization within [min(a, c), max(a, c)] (Numerical Recipes' `brent`).
        var lo = min(a, c), hi = max(a, c)
        var xb = b, w = b, v = b
        var fx = fb, fw = fb, fv = fb
        var d = 0.0, e = 0.0
        let cgold = 0.381_966_011_250_105_1
        for _ in 0..<60 {
            let mid = 0.5 * (lo + hi)
            let tol1 = 1e-9 * abs(xb) + 1e-12, tol2 = 2 * tol1
            if abs(xb - mid) <= tol2 - 0.5 * (hi - lo) { break }
            if abs(e) > tol1 {
                let r = (xb - w) * (fx - fv)
                var q = (xb - v) * (fx - fw)
                var p = (xb - v) * q - (xb - w) * r
                q = 2 * (q - r)
                if q > 0 { p = -p }
                q = abs(q)
                let etemp = e
                e = d
                if abs(p) >= abs(0.5 * q * etemp) || p <= q * (lo - xb) || p >= q * (hi - xb) {
                    e = xb >= mid ? lo - xb : hi - xb
                    d = cgold * e
                } else {
                    d = p / q
                    let u = xb + d
                    if u - lo < tol2 || hi - u < tol2 { d = mid - xb >= 0 ? tol1 : -tol1 }
                }
            } else {
                e = xb >= mid ? lo - xb : hi - xb
                d = cgold * e
            }
            let u = abs(d) >= tol1 ? xb + d : xb + (d >= 0 ? tol1 : -tol1)
            let fu = objective(u)
            if undefined { return nil }
            if fu <= fx {
                if u >= xb { lo = xb } else { hi = xb }
                (v, fv, w, fw, xb, fx) = (w, fw, xb, fx, u, fu)
            } else {
                if u < xb { lo = u } else { hi = u }
                if fu <= fw || w == xb {
                    (v, fv, w, fw) = (w, fw, u, fu)
                } else if fu <= fv || v == xb || v == w {
                    (v, fv) = (u, fu)
                }
            }
        }
        guard let best, best.rss.isFinite else { return nil }
        let start = [best.parameters.0, best.parameters.1, best.parameters.2]
        return start.allSatisfy(\.isFinite) ? start : nil
    }

    /// The candidate at one level (``GrowthSelfStart/LogisticFamily/candidate(_:lower:upper:nu:)``
    /// with ν = 1 and the lower asymptote at 0), computed without allocating: the weighted line
    /// `log(c/y − 1) = intercept + slope·x` with weights `((c/y − 1)·y/(c/y))²` (centred sums, as
    /// in `straightLine`), then `Asym = Σ s·y / Σ s²` for the shape `s = 1/(1 + exp((xmid − x)/scal))`.
    /// `scratch` holds `2·n` values.
    @inline(__always)
    static func candidate(
        x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>, level: Double,
        scratch: UnsafeMutablePointer<Double>
    ) -> (rss: Double, parameters: (Double, Double, Double))? {
        let n = x.count
        let weights = scratch, values = scratch + n
        var (sumW, sumWX, sumWZ) = (0.0, 0.0, 0.0)
        for i in 0..<n {
            // Non-positive responses (noise, see `nonPositiveValuesAreNoise`) have no logit.
            guard y[i] > 0 else {
                weights[i] = 0
                values[i] = 0
                continue
            }
            let power = level / y[i]
            let t = (power - 1) * y[i] / power
            let w = t * t
            let z = log(power - 1)
            weights[i] = w
            values[i] = z
            sumW += w
            sumWX += w * x[i]
            sumWZ += w * z
        }
        let meanX = sumWX / sumW, meanZ = sumWZ / sumW
        var (sxx, sxz) = (0.0, 0.0)
        for i in 0..<n {
            let dx = x[i] - meanX
            sxx += weights[i] * dx * dx
            sxz += weights[i] * dx * (values[i] - meanZ)
        }
        let slope = sxz / sxx
        let intercept = meanZ - slope * meanX
        guard sxx > 0, slope.isFinite, intercept.isFinite, slope != 0 else { return nil }
        let scal = -1 / slope
        let xmid = intercept * scal
        var (ss, sy) = (0.0, 0.0)
        for i in 0..<n {
            let s = value(x: x[i], asym: 1, xmid: xmid, scal: scal)
            values[i] = s
            ss += s * s
            sy += s * y[i]
        }
        guard ss > 0, ss.isFinite, sy.isFinite else { return nil }
        let asym = sy / ss
        var rss = 0.0
        for i in 0..<n {
            let r = y[i] - asym * values[i]
            rss += r * r
        }
        guard rss.isFinite, asym.isFinite, xmid.isFinite, scal.isFinite else { return nil }
        return (rss, (asym, xmid, scal))
    }
}

import Foundation
import Probability

/// How ``FitResult/profileIntervals(level:method:)`` finds the ends of a profile interval.
public enum ProfileMethod: String, Sendable, CaseIterable {
    /// The exact roots of `τ(v) = ∓t` (the default): the interval without interpolation error.
    case exact
    /// R's algorithm (`profile.nls` then MASS's `confint.profile.nls`): `τ` on R's profile grid,
    /// interpolated by a cubic spline — R's `confint` for `nls` up to its refits' tolerance.
    case rSpline = "r-spline"
}

/// One parameter's profile on R's grid (`stats:::profile.nls`, R 4.2): from the estimate, steps
/// in the parameter with the others refitted, each step extrapolating every parameter from the
/// last two points so that `τ` grows by about `δ = cutoff/5` per step, until `|τ|` exceeds the
/// cutoff `t_{1−α/2, n−p}` with `α = (1 − level)/4` (MASS's `confint.nls` profiles with
/// `alphamax = (1 − level)/4`), at most 100 points a side. A side stops early, as in R, where
/// a refit is not usable, `τ` moves by less than 0.1, the step leaves the bounds, or the
/// parameter moves beyond `10·cutoff` standard errors.
///
/// The interval's ends then follow `confint.profile.nls`: an interpolating spline
/// (``CubicSpline``, R's `spline(method = "fmm")`) of `τ` against the parameter, evaluated at
/// `3·m` equally spaced points over the `m` grid points, and linear interpolation of the
/// parameter in `τ` through those points at `∓t_{(1+level)/2, n−p}` (R's `approx`; no end where
/// the grid does not reach it).
struct RSplineProfile {
    let result: FitResult
    let parameter: Int
    let sigma: Double
    let standardError: Double
    /// The grid's cutoff and step in τ.
    let cutoff: Double
    let deltaTau: Double

    init(result: FitResult, parameter: Int, sigma: Double, standardError: Double, level: Double, t: StudentT) {
        self.result = result
        self.parameter = parameter
        self.sigma = sigma
        self.standardError = standardError
        cutoff = t.quantile(1 - (1 - level) / 8)
        deltaTau = cutoff / 5
    }

    /// The grid: `(v, τ)` in increasing `v`, the estimate included.
    func grid() -> [(value: Double, tau: Double)] {
        let estimate = result.estimates
        let lower = side(-1).reversed()
        let upper = side(1)
        return Array(lower) + [(estimate[parameter], 0)] + upper
    }

    /// The points of one side, moving away from the estimate.
    private func side(_ sign: Double) -> [(value: Double, tau: Double)] {
        let bounds = result.problem.bounds
        let estimate = result.estimates
        let base = estimate[parameter]
        var points: [(value: Double, tau: Double)] = []
        var previous = estimate
        var previousTau = 0.0
        var pars = estimate
        pars[parameter] = min(bounds.upper[parameter], max(bounds.lower[parameter], base + sign * deltaTau * standardError))
        for _ in 0..<100 {
            let v = pars[parameter]
            guard v.isFinite, v >= bounds.lower[parameter], v <= bounds.upper[parameter],
                  abs(v - base) / standardError <= 10 * cutoff, !Self.allEqual(pars, estimate),
                  let refit = refit(at: pars) else { break }
            let tau = sign * refit.fstat.squareRoot()
            guard abs(tau - previousTau) >= 0.1 else { break }
            points.append((v, tau))
            let current = refit.estimates
            if abs(tau) > cutoff { break }
            let scale = deltaTau / abs(tau - previousTau)
            pars = zip(current, previous).map { $0 + ($0 - $1) * scale }
            for j in pars.indices where j != parameter { pars[j] = min(bounds.upper[j], max(bounds.lower[j], pars[j])) }
            (previous, previousTau) = (current, tau)
        }
        return points
    }

    /// The refit with the parameter held at `pars[parameter]` from the other values of `pars`:
    /// `F = (S(v) − Ŝ)/σ̂²` and the estimates, or `nil` when the refit is not usable or `F < 0`.
    private func refit(at pars: [Double]) -> (fstat: Double, estimates: [Double])? {
        let names = result.modelParameterNames
        var values = [String: Double]()
        for (j, value) in zip(result.fixed.indices, result.fixed.values) { values[names[j]] = value }
        values[names[parameter]] = pars[parameter]
        var options = result.options
        options.recordsIterations = false
        guard let fixed = try? FixedParameters(values, names: names),
              let fit = try? CurveFitter.fit(result.problem, start: pars, fixed: fixed, options: options),
              fit.isUsable else { return nil }
        let fstat = (fit.residualSumOfSquares - result.residualSumOfSquares) / (sigma * sigma)
        guard fstat >= 0, fstat.isFinite else { return nil }
        return (fstat, fit.estimates)
    }

    /// R's `isTRUE(all.equal(a, b))` for numbers: mean relative difference below 1.5·10⁻⁸.
    private static func allEqual(_ a: [Double], _ b: [Double]) -> Bool {
        let scale = b.reduce(0) { $0 + abs($1) }
        let difference = zip(a, b).reduce(0) { $0 + abs($1.0 - $1.1) }
        return (scale > 0 ? difference / scale : difference) < 1.5e-8
    }

    /// The interval's ends at `±t` by R's spline and inverse linear interpolation.
    func ends(t quantile: Double) -> (lower: Double?, upper: Double?) {
        let points = Self.regularized(grid())
        guard points.count >= 2 else { return (nil, nil) }
        let spline = CubicSpline(x: points.map(\.0), y: points.map(\.1))
        let count = 3 * points.count
        let (first, last) = (points[0].0, points[points.count - 1].0)
        let step = (last - first) / Double(count - 1)
        let curve: [(Double, Double)] = (0..<count).map { i in
            let v = i == count - 1 ? last : i < count / 2 ? first + Double(i) * step : last - Double(count - 1 - i) * step
            return (spline(v), v)
        }
        let inverse = Self.regularized(curve)
        return (Self.interpolate(inverse, at: -quantile), Self.interpolate(inverse, at: quantile))
    }

    /// R's `regularize.values(ties = mean)`: sorted by the first value, ties averaged.
    private static func regularized(_ points: [(Double, Double)]) -> [(Double, Double)] {
        let sorted = points.filter { $0.0.isFinite && $0.1.isFinite }.sorted { $0.0 < $1.0 }
        var result: [(Double, Double)] = []
        var i = 0
        while i < sorted.count {
            var j = i
            var sum = 0.0
            while j < sorted.count, sorted[j].0 == sorted[i].0 {
                sum += sorted[j].1
                j += 1
            }
            result.append((sorted[i].0, sum / Double(j - i)))
            i = j
        }
        return result
    }

    /// R's `approx(rule = 1)`: linear interpolation, `nil` outside the points.
    private static func interpolate(_ points: [(Double, Double)], at v: Double) -> Double? {
        guard let first = points.first, let last = points.last, v >= first.0, v <= last.0 else { return nil }
        var (low, high) = (0, points.count - 1)
        while high > low + 1 {
            let middle = (low + high) / 2
            if v < points[middle].0 { high = middle } else { low = middle }
        }
        let (a, b) = (points[low], points[high])
        if v == b.0 { return b.1 }
        return a.1 + (b.1 - a.1) * ((v - a.0) / (b.0 - a.0))
    }
}

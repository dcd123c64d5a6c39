import Foundation
import Probability

/// One parameter's profile-likelihood confidence interval (R's `confint` for `nls`).
public struct ProfileInterval: Sendable, Equatable {
    public let name: String
    public let estimate: Double
    /// The interval's ends; `nil` where the profile does not reach the cutoff (the interval is
    /// open on that side, R's `NA`) or a profile fit failed, with the reason in ``note``.
    public let lower: Double?
    public let upper: Double?
    public let note: String?
}

extension FitResult {
    /// Profile-likelihood confidence intervals of the free parameters at `level` (default the
    /// result's), the method of Bates & Watts (1988, §6.1) that R's `confint.nls` (MASS's
    /// `profile`) uses.
    ///
    /// For parameter `j` held at `v` and the others refitted, the profile t statistic is
    /// `τ(v) = sign(v − θ̂_j)·√(S(v) − Ŝ)/σ̂` (`S` the residual sum of squares, `σ̂` the fit's
    /// residual standard deviation); the interval is `{v : |τ(v)| ≤ t_{(1+level)/2, n−p}}`. Its
    /// ends are the roots of `τ(v) = ∓t`, bracketed by steps of growing size from the estimate
    /// (the first one the Wald half-width) and solved by the Illinois variant of regula falsi to
    /// `10⁻¹²` relative. R interpolates `τ` by a spline through its profile grid instead: the two
    /// agree to the spline's accuracy (1.03·10⁻⁴ relative at worst on
    /// Puromycin and DNase1, while the exact roots agree with a root finder on R's own τ to 10⁻⁶).
    ///
    /// Each refit starts from the nearest profile point already solved. A side is open (`nil`)
    /// when `τ` does not reach the cutoff within 10⁶ Wald half-widths, within a bound, or when a
    /// refit is not usable.
    ///
    /// `method` ``ProfileMethod/rSpline`` reproduces R's numbers instead: `τ` on R's profile grid,
    /// interpolated by R's spline (``RSplineProfile``), so that the ends agree with R's `confint`
    /// to the tolerance of R's refits rather than to the spline's interpolation error.
    /// - Throws: ``FitError`` when the level is outside (0, 1) or the fit is not usable or has no
    ///   residual degrees of freedom.
    public func profileIntervals(level: Double? = nil, method: ProfileMethod = .exact) throws -> [ProfileInterval] {
        let level = level ?? confidenceLevel
        guard level > 0, level < 1 else { throw FitError.invalidOption("confidence level must lie in (0, 1)") }
        guard isUsable else { throw FitError.invalidSetup("profile intervals need a usable fit: \(termination.message)") }
        guard let sigma = residualStandardDeviation, sigma > 0,
              let t = try? StudentT(degreesOfFreedom: Double(residualDegreesOfFreedom)) else {
            throw FitError.invalidSetup("profile intervals need residual degrees of freedom and a non-zero residual variance")
        }
        let cutoff = t.quantile(0.5 + level / 2)
        let free = fixed.freeIndices(of: modelParameterNames.count)
        if method == .rSpline {
            return free.enumerated().map { k, j in
                splineInterval(name: freeParameterNames[k], parameter: j, sigma: sigma, level: level, t: t, quantile: cutoff)
            }
        }
        return free.enumerated().map { k, j in
            var profile = Profile(result: self, parameter: j, sigma: sigma)
            let halfWidth = cutoff * (parameters[j].standardError.flatMap { $0 > 0 && $0.isFinite ? $0 : nil } ?? max(abs(estimates[j]), 1) * 1e-3)
            let lower = profile.end(direction: -1, cutoff: cutoff, initialStep: halfWidth)
            let upper = profile.end(direction: 1, cutoff: cutoff, initialStep: halfWidth)
            let notes = [lower.note, upper.note].compactMap { $0 }
            return ProfileInterval(name: freeParameterNames[k], estimate: estimates[j], lower: lower.value, upper: upper.value,
                                   note: notes.isEmpty ? nil : notes.joined(separator: "; "))
        }
    }
}

extension FitResult {
    /// One interval by ``RSplineProfile``.
    private func splineInterval(name: String, parameter j: Int, sigma: Double, level: Double, t: StudentT,
                                quantile: Double) -> ProfileInterval {
        guard let se = parameters[j].standardError, se > 0, se.isFinite else {
            return ProfileInterval(name: name, estimate: estimates[j], lower: nil, upper: nil,
                                   note: "\(name): no standard error, so no profile grid (R's profile needs one)")
        }
        let profile = RSplineProfile(result: self, parameter: j, sigma: sigma, standardError: se, level: level, t: t)
        let ends = profile.ends(t: quantile)
        let notes = [ends.lower == nil ? "lower" : nil, ends.upper == nil ? "upper" : nil].compactMap { $0 }
            .map { "\($0) end of \(name): the profile grid does not reach the cutoff (R's NA)" }
        return ProfileInterval(name: name, estimate: estimates[j], lower: ends.lower, upper: ends.upper,
                               note: notes.isEmpty ? nil : notes.joined(separator: "; "))
    }
}

/// The profile of one parameter: refits with it held fixed, warm-started from the nearest point.
private struct Profile {
    let result: FitResult
    let parameter: Int
    let sigma: Double
    /// Solved points `(v, τ, estimates)`.
    private var points: [(value: Double, tau: Double, estimates: [Double])]

    init(result: FitResult, parameter: Int, sigma: Double) {
        self.result = result
        self.parameter = parameter
        self.sigma = sigma
        points = [(result.estimates[parameter], 0, result.estimates)]
    }

    /// `τ(v)`, or `nil` when the refit is not usable.
    mutating func tau(_ v: Double) -> Double? {
        let nearest = points.min { abs($0.value - v) < abs($1.value - v) }!
        var values = [String: Double]()
        let names = result.modelParameterNames
        for (j, value) in zip(result.fixed.indices, result.fixed.values) { values[names[j]] = value }
        values[names[parameter]] = v
        var options = result.options
        options.recordsIterations = false
        guard let fixed = try? FixedParameters(values, names: names),
              let fit = try? CurveFitter.fit(result.problem, start: nearest.estimates, fixed: fixed, options: options),
              fit.isUsable else { return nil }
        let difference = max(fit.residualSumOfSquares - result.residualSumOfSquares, 0)
        let tau = (v < result.estimates[parameter] ? -1 : 1) * difference.squareRoot() / sigma
        points.append((v, tau, fit.estimates))
        return tau
    }

    /// The root of `τ(v) = direction·cutoff` on the side `direction` of the estimate.
    mutating func end(direction: Double, cutoff: Double, initialStep: Double) -> (value: Double?, note: String?) {
        let name = result.modelParameterNames[parameter]
        let side = direction < 0 ? "lower" : "upper"
        let estimate = result.estimates[parameter]
        let bound = direction < 0 ? result.problem.bounds.lower[parameter] : result.problem.bounds.upper[parameter]
        var (inner, innerTau) = (estimate, 0.0)
        var step = initialStep
        var outer = estimate, outerTau = 0.0
        var bracketed = false
        while step <= 1e6 * initialStep {
            var v = estimate + direction * step
            if direction * (v - bound) >= 0 { v = bound - direction * 1e-9 * max(abs(bound), 1) }
            guard let value = tau(v) else { return (nil, "\(side) end of \(name): a profile fit at \(v) is not usable") }
            if abs(value) >= cutoff { (outer, outerTau, bracketed) = (v, value, true); break }
            (inner, innerTau) = (v, value)
            if v != estimate + direction * step { return (nil, "\(side) end of \(name): the profile stays below the cutoff up to the bound") }
            step *= 2
        }
        guard bracketed else { return (nil, "\(side) end of \(name): the profile does not reach the cutoff (the interval is open)") }
        // Illinois regula falsi on g(v) = τ(v) − direction·cutoff.
        let target = direction * cutoff
        var (a, ga) = (inner, innerTau - target)
        var (b, gb) = (outer, outerTau - target)
        var lastSide = 0
        for _ in 0..<100 {
            let v = (a * gb - b * ga) / (gb - ga)
            guard let value = tau(v) else { return (nil, "\(side) end of \(name): a profile fit at \(v) is not usable") }
            let g = value - target
            if g == 0 || abs(b - a) <= 1e-12 * max(abs(v), initialStep) { return (v, nil) }
            if (g < 0) == (ga < 0) {
                (a, ga) = (v, g)
                if lastSide == -1 { gb /= 2 }
                lastSide = -1
            } else {
                (b, gb) = (v, g)
                if lastSide == 1 { ga /= 2 }
                lastSide = 1
            }
            if abs(g) <= 1e-12 * cutoff { return (v, nil) }
        }
        return ((a * gb - b * ga) / (gb - ga), nil)
    }
}

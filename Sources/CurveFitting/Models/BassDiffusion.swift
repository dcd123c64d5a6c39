import Foundation

/// The Bass (1969) diffusion model, cumulative adoptions:
/// `N(t) = m·(1 − exp(−(p + q)·t)) / (1 + (q/p)·exp(−(p + q)·t))` with `t = x − origin`.
///
/// Adoption driven by external influence (innovation, `p`) and by imitation of earlier adopters
/// (`q`): `dN/dt = (p + q·N/m)·(m − N)`. The curve starts at `N = 0` at launch (t = 0), is
/// S-shaped when `q > p` with its peak adoption rate at `t* = log(q/p)/(p + q)`, and tends to `m`.
///
/// Parameters:
/// - `m`: the market potential, the eventual number of adopters (units of y).
/// - `p`: the coefficient of innovation (per unit of x), > 0.
/// - `q`: the coefficient of imitation (per unit of x), ≥ 0.
///
/// x is time since launch. With calendar time, pass the launch date as `origin`: observations
/// before it are rejected by the self-start, since no one adopts before launch.
///
/// The self-start is the classic Bass OLS: the adoption rate between consecutive observations,
/// regressed as `ΔN/Δt = a + b·N + c·N²` on the cumulative count at the interval's midpoint, gives
/// `m` (the positive root of `a + b·m + c·m² = 0`), `p = a/m` and `q = −c·m`. A bounded search over
/// `log p` and `log q` by variable projection (``GrowthSelfStart/SeparableSearch``: grid, local
/// refinement, multi-start, with `m` fitted by linear least squares) starts from that estimate
/// and the grid, so that it also finds a start when the regression gives no valid Bass curve
/// (too few points, `c ≥ 0`, negative roots).
public struct BassDiffusion: SelfStartingModel {
    /// The launch time on the x axis (units of x), where t = 0 and `N = 0`.
    public let origin: Double

    /// The Bass model with time measured from the launch time `origin`.
    public init(origin: Double = 0) {
        self.origin = origin
    }

    public var name: String { "bass" }
    public var title: String { "Bass diffusion" }
    public var summary: String { "cumulative adoptions of an innovation spread by innovators and imitators" }
    public var formula: String {
        let t = GrowthSelfStart.timeExpression(origin: origin)
        return "y = m * (1 - exp(-(p + q) * \(t))) / (1 + (q / p) * exp(-(p + q) * \(t)))"
    }
    public var parameterNames: [String] { ["m", "p", "q"] }
    public var parameterDescriptions: [String] {
        [
            "m: market potential, the eventual number of adopters (units of y)",
            "p: coefficient of innovation, > 0 (per unit of x since launch at x = \(origin))",
            "q: coefficient of imitation, >= 0 (per unit of x)",
        ]
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double]) -> Double {
        let t = predictors.columns[0][row] - origin
        return parameters[0] * Self.adoptedFraction(t: t, p: parameters[1], q: parameters[2])
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double], gradient: inout [Double]) -> Double {
        let (m, p, q) = (parameters[0], parameters[1], parameters[2])
        let t = predictors.columns[0][row] - origin
        let decay = exp(-(p + q) * t)
        let ratio = q / p
        let denominator = 1 + ratio * decay
        let fraction = (1 - decay) / denominator
        // Chain rule through decay = exp(−(p + q)·t) and ratio = q/p.
        let dFractionDDecay = -(1 + ratio) / (denominator * denominator)
        let dFractionDRatio = -(1 - decay) * decay / (denominator * denominator)
        let viaDecay = dFractionDDecay * (-t * decay)
        gradient[0] = fraction
        gradient[1] = m * (viaDecay - dFractionDRatio * q / (p * p))
        gradient[2] = m * (viaDecay + dFractionDRatio / p)
        return m * fraction
    }

    /// Bounds of `log(p·T)` and `log(q·T)` in the self-start's search, T being the time from launch
    /// to the last observation: from negligible to saturating within a hundredth of T.
    private static let logRateBounds = log(1e-5)...log(1e2)

    public func initialParameters(x: [Double], y: [Double]) throws -> [Double] {
        let data = try GrowthSelfStart.Observations(x: x, y: y, for: self)
        try data.requireGrowth()
        try data.requireNoPredictor(before: origin)
        let t = data.time(from: origin)
        let span = (t.last ?? 0) > 0 ? t.last! : 1
        let regression = Self.regressionStart(t: t, n: data.y)
        let seeds = regression.map { [[log($0.p * span), log($0.q * span)]] } ?? []
        let search = GrowthSelfStart.SeparableSearch(
            lowerBounds: [Self.logRateBounds.lowerBound, Self.logRateBounds.lowerBound],
            upperBounds: [Self.logRateBounds.upperBound, Self.logRateBounds.upperBound], gridCounts: [9, 9])
        let minimum = search.minimize(seeds: seeds) { point in
            let (p, q) = (exp(point[0]) / span, exp(point[1]) / span)
            let fraction = t.map { Self.adoptedFraction(t: $0, p: p, q: q) }
            guard let fit = GrowthSelfStart.project(data.y, onto: fraction) else { return nil }
            return GrowthSelfStart.Candidate(parameters: [fit.coefficient, p, q], residualSumOfSquares: fit.rss)
        }
        return try GrowthSelfStart.finiteParameters(of: minimum, for: self)
    }

    /// `N(t)/m`, the adopted fraction of the market potential.
    private static func adoptedFraction(t: Double, p: Double, q: Double) -> Double {
        let decay = exp(-(p + q) * t)
        return (1 - decay) / (1 + q / p * decay)
    }

    /// The Bass OLS estimates of `p` and `q` from the increments of `n`, or `nil` when they do not
    /// describe a Bass curve (`m` from them is then refitted by the search).
    private static func regressionStart(t: [Double], n: [Double]) -> (p: Double, q: Double)? {
        let intervals = t.indices.dropLast()
        let rate = intervals.map { (n[$0 + 1] - n[$0]) / (t[$0 + 1] - t[$0]) }
        let level = intervals.map { (n[$0 + 1] + n[$0]) / 2 }
        let ones = [Double](repeating: 1, count: level.count)
        guard let fit = GrowthSelfStart.leastSquares(columns: [ones, level, level.map { $0 * $0 }], response: rate)
        else { return nil }
        let (a, b, c) = (fit.coefficients[0], fit.coefficients[1], fit.coefficients[2])
        let m = (-b - (b * b - 4 * a * c).squareRoot()) / (2 * c)
        let (p, q) = (a / m, -c * m)
        guard c < 0, m > 0, p > 0, q > 0, p.isFinite, q.isFinite else { return nil }
        return (p, q)
    }
}

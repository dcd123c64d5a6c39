import Foundation

/// The distribution of `shift + X` with `X ~ Poisson(mean)`: the true predictive distribution of
/// a Poisson process's count at a later time `t`, given its path up to `T`, is
/// `N(T) + Poisson(m(t) − m(T))` (independent increments).
///
/// The probabilities are tabulated once, from `shift` up to the count whose upper tail is below
/// `1e-17`: `p(k) = exp(−λ + k log λ − log k!)`, the CDF as their running sum and the upper tail
/// `P(X > k)` as the sum from the top (accurate where the CDF is close to 1).
public struct PoissonPredictive: Sendable {
    public let shift: Int
    public let mean: Double
    /// `P(shift + X ≤ shift + k)` for `k = 0..<cdf.count`; 1 beyond.
    private let cdf: [Double]
    /// `P(shift + X > shift + k)`, same indices.
    private let survival: [Double]

    /// - Precondition: `mean` finite and `≥ 0`, `shift ≥ 0`.
    public init(shift: Int, mean: Double) {
        precondition(mean >= 0 && mean.isFinite && mean <= 1e7, "a Poisson mean is finite, non-negative and not absurdly large")
        self.shift = shift
        self.mean = mean
        guard mean > 0 else {
            cdf = [1]
            survival = [0]
            return
        }
        let top = Int((mean + 15 * mean.squareRoot() + 40).rounded(.up))
        let logMean = Foundation.log(mean)
        let masses = (0...top).map { k in Foundation.exp(-mean + Double(k) * logMean - lgamma(Double(k) + 1)) }
        var running = 0.0
        cdf = masses.map { running += $0; return min(running, 1) }
        var tail = 0.0
        var upper = [Double](repeating: 0, count: masses.count)
        for k in masses.indices.reversed() {
            upper[k] = tail  // P(X > k) = Σ_{j > k} p(j)
            tail += masses[k]
        }
        survival = upper
    }

    /// `P(Y ≤ y)` for the count `Y = shift + X`.
    public func cdf(_ y: Double) -> Double {
        let k = Int((y - Double(shift)).rounded(.down))
        if k < 0 { return 0 }
        return k < cdf.count ? cdf[k] : 1
    }

    /// `P(Y > y)`, computed from the upper tail.
    public func survival(_ y: Double) -> Double {
        let k = Int((y - Double(shift)).rounded(.down))
        if k < 0 { return 1 }
        return k < survival.count ? survival[k] : 0
    }

    /// `P(Y ≥ count)`.
    public func probability(atLeast count: Int) -> Double {
        survival(Double(count - 1))
    }

    /// The `q`-quantile: the smallest count `y` with `P(Y ≤ y) ≥ q` (scipy's `poisson.ppf`).
    public func quantile(_ q: Double) -> Double {
        let k = cdf.firstIndex { $0 >= q } ?? cdf.count - 1
        return Double(shift + k)
    }

    /// The central interval at `level`: the `α/2` and `1 − α/2` quantiles, `α = 1 − level`
    /// (with the same rounding of `α/2` as the projection's intervals).
    public func interval(level: Double) -> Interval {
        let tail = ((1 - level) / 2 * 1e12).rounded() / 1e12
        return Interval(level: level, lower: quantile(tail), upper: quantile(1 - tail))
    }

    /// `P(lower ≤ Y ≤ upper)`: the exact coverage of an interval with inclusive ends, above its
    /// level for ``interval(level:)`` since the counts are integers.
    public func coverage(of interval: Interval) -> Double {
        max(0, cdf(interval.upper) - cdf(interval.lower.rounded(.up) - 1))
    }

    /// The CRPS of the outcome `y` (a count): `Σ_x (F(x) − 1{y ≤ x})²` over the integers `x`
    /// (the integral of the squared difference of step functions), from the tabulated CDF below
    /// `y` and the upper tail from `y` on.
    public func crps(observation y: Double) -> Double {
        var total = 0.0
        var x = min(Double(shift), y.rounded(.down))
        let last = Double(shift + cdf.count)
        while x < y {
            let f = cdf(x)
            total += f * f
            x += 1
        }
        while x <= last {
            let s = survival(x)
            total += s * s
            x += 1
        }
        return total
    }
}

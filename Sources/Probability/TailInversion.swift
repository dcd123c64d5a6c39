import RealModule

/// Safeguarded Newton iteration that inverts a monotone tail probability.
///
/// All quantile functions reduce to: find `x > 0` such that a tail probability `T(x)`
/// (lower tail, increasing in `x`; or upper tail, decreasing) equals a small target `τ`.
/// The iteration is Newton's method applied to `r(s) = log T(eˢ) − log τ` in `s = log x`:
///
///     x ← x · exp(−r / (d log T / d log x)),   r = log1p((T − τ)/τ)
///
/// Working with logarithms makes the equation nearly linear both for power-law tails
/// (`T ≈ c·x^k`, converges in one or two steps from any start) and for Gaussian-like
/// tails, and `log1p((T − τ)/τ)` keeps the residual at full relative precision as `T → τ`.
/// Multiplicative updates keep `x` at full relative precision even when it is 1e−100.
/// Every iterate that leaves the current bracket (or any non-finite step, e.g. when `T`
/// underflows) is replaced by a geometric bisection, so the iteration always converges.
enum TailInversion {
    /// Solves `tail(x) = target` for `x` in `(lower, upper)`.
    ///
    /// - Parameters:
    ///   - target: The tail probability `τ`, in `(0, 1)`.
    ///   - increasing: `true` if `tail` increases with `x` (a lower tail).
    ///   - initial: Starting point, clamped into the bracket.
    ///   - lower: Lower end of the search interval (`≥ 0`).
    ///   - upper: Upper end of the search interval (may be `+infinity`).
    ///   - evaluate: Returns `T(x)` and its logarithmic slope `dT/d(log x) = x·T′(x)`.
    /// - Returns: The root to within a few ulps (relative), or the bracket end it converges
    ///   to when the root is not representable.
    static func solve(
        target: Double,
        increasing: Bool,
        initial: Double,
        lower: Double = 0,
        upper: Double = .infinity,
        evaluate: (Double) -> (tail: Double, slope: Double)
    ) -> Double {
        var low = lower, high = upper
        var x = min(max(initial, low), high)
        if !(x > low && x < high) { x = bisect(low, high) }
        for _ in 0..<200 {
            let (tail, slope) = evaluate(x)
            let residual = Double.log(onePlus: (tail - target) / target)
            if residual == 0 { return x }
            if (residual > 0) == increasing { high = x } else { low = x }
            let step = residual * tail / slope
            var next = x * Double.exp(-step)
            if !(next > low && next < high) { next = bisect(low, high) }
            if abs(next - x) <= 2 * Double.ulpOfOne * x { return next }
            x = next
        }
        return x
    }

    /// Midpoint of `(low, high)` in log space, expanding geometrically when an end is 0 or ∞.
    private static func bisect(_ low: Double, _ high: Double) -> Double {
        if low == 0 && high == .infinity { return 1 }
        if low == 0 { return high / 1024 }
        if high == .infinity { return low * 1024 }
        let mid = (low * high).squareRoot()
        // Guard against under/overflow of the product and a collapsed bracket.
        return mid > low && mid < high ? mid : low + (high - low) / 2
    }
}

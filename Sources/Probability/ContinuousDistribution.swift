/// A univariate continuous probability distribution with accurate tails.
///
/// Conforming types are immutable values with parameters validated at initialization,
/// so every method is total: arguments outside the domain give the mathematically
/// appropriate limit (0, 1, ±∞) and NaN arguments give NaN. In particular
/// ``survival(_:)`` and ``upperQuantile(_:)`` are computed directly from the upper tail
/// rather than as `1 − cdf(x)` / `quantile(1 − q)`, so they keep full relative precision
/// for tiny upper-tail probabilities such as p-values of 1e−200.
public protocol ContinuousDistribution: Sendable {
    /// The probability density at `x`.
    func pdf(_ x: Double) -> Double
    /// The lower-tail probability `P(X ≤ x)`.
    func cdf(_ x: Double) -> Double
    /// The upper-tail probability `P(X > x)`, computed without `1 − cdf` cancellation.
    func survival(_ x: Double) -> Double
    /// The `x` with `cdf(x) = p`; the lower and upper support bounds for `p = 0` and `p = 1`,
    /// NaN for `p` outside `[0, 1]`.
    func quantile(_ p: Double) -> Double
    /// The `x` with `survival(x) = q` (the inverse survival function), accurate for tiny `q`.
    func upperQuantile(_ q: Double) -> Double
}

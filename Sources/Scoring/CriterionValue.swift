import Probability

/// The performance of one alternative on one criterion: a number, or an uncertain value that
/// SMAA samples.
///
/// Deterministic methods use the ``centralValue`` (the expectation of the distribution).
public enum CriterionValue: Sendable, Hashable {
    /// An exact value.
    case point(Double)
    /// Uniformly distributed on `[low, high]`; central value `(low + high)/2`.
    case interval(low: Double, high: Double)
    /// Normally distributed; central value `mean`. `sd = 0` is allowed and means exact.
    case normal(mean: Double, sd: Double)
    /// Triangular on `[low, high]` with the given mode; central value `(low + mode + high)/3`.
    case triangular(low: Double, mode: Double, high: Double)

    /// The value deterministic methods use: the mean of the distribution.
    public var centralValue: Double {
        switch self {
        case .point(let x): x
        case .interval(let low, let high): 0.5 * (low + high)
        case .normal(let mean, _): mean
        case .triangular(let low, let mode, let high): (low + mode + high) / 3
        }
    }

    /// Whether the value is exact (a point, or a normal with `sd = 0`, or a degenerate interval).
    public var isExact: Bool {
        switch self {
        case .point: true
        case .interval(let low, let high): low == high
        case .normal(_, let sd): sd == 0
        case .triangular(let low, _, let high): low == high
        }
    }

    /// The range SMAA's partial value functions span: the support for bounded
    /// distributions, `mean ± 3·sd` for the normal.
    var plausibleRange: (low: Double, high: Double) {
        switch self {
        case .point(let x): (x, x)
        case .interval(let low, let high): (low, high)
        case .normal(let mean, let sd): (mean - 3 * sd, mean + 3 * sd)
        case .triangular(let low, _, let high): (low, high)
        }
    }

    /// The values lying behind the case, for validation.
    var parameters: [Double] {
        switch self {
        case .point(let x): [x]
        case .interval(let low, let high): [low, high]
        case .normal(let mean, let sd): [mean, sd]
        case .triangular(let low, let mode, let high): [low, mode, high]
        }
    }

    /// `nil` when well formed, else the reason.
    var malformation: String? {
        switch self {
        case .point: nil
        case .interval(let low, let high): low <= high ? nil : "interval low \(low) exceeds high \(high)"
        case .normal(_, let sd): sd >= 0 ? nil : "standard deviation \(sd) is negative"
        case .triangular(let low, let mode, let high):
            low <= mode && mode <= high ? nil : "triangular needs low ≤ mode ≤ high, got \(low), \(mode), \(high)"
        }
    }

    /// One draw from the distribution.
    ///
    /// Interval: `low + (high − low)·u`; normal: `mean + sd·z`; triangular: inversion of the
    /// CDF, `low + √(u·(high − low)·(mode − low))` for `u < (mode − low)/(high − low)`, else
    /// `high − √((1 − u)·(high − low)·(high − mode))`. Each consumes exactly one word.
    @inline(__always)
    func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        switch self {
        case .point(let x):
            return x
        case .interval(let low, let high):
            return low + (high - low) * generator.nextUniform()
        case .normal(let mean, let sd):
            return mean + sd * generator.nextStandardNormal()
        case .triangular(let low, let mode, let high):
            let u = generator.nextUniform()
            let width = high - low
            guard width > 0 else { return low }
            if u < (mode - low) / width {
                return low + (u * width * (mode - low)).squareRoot()
            }
            return high - ((1 - u) * width * (high - mode)).squareRoot()
        }
    }
}

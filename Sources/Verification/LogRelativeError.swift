import Foundation

/// The log relative error (LRE), the number of correct significant digits of an estimate.
///
/// Definition (McCullough 1998, as used by NIST StRD):
/// - `LRE = −log₁₀(|x − c| / |c|)` when the certified value `c ≠ 0`;
/// - `LRE = −log₁₀(|x|)` (log absolute error) when `c = 0`;
/// - clamped to `[0, cap]`, where `cap` is the number of certified digits (11 for StRD files);
///   an exact match scores `cap`, and a non-finite estimate scores 0.
public enum LogRelativeError {
    /// The number of significant digits NIST certifies.
    public static let certifiedDigits = 11.0

    /// The LRE of `estimate` against `certified`.
    public static func of(_ estimate: Double, certified: Double, cap: Double = certifiedDigits) -> Double {
        guard estimate.isFinite else { return 0 }
        let error = certified == 0 ? abs(estimate) : abs(estimate - certified) / abs(certified)
        guard error > 0 else { return cap }
        return min(cap, max(0, -log10(error)))
    }

    /// The smallest LRE over paired estimates and certified values (`cap` for empty input).
    public static func minimum(_ estimates: [Double], certified: [Double], cap: Double = certifiedDigits) -> Double {
        zip(estimates, certified).map { of($0, certified: $1, cap: cap) }.min() ?? cap
    }
}

import Foundation

/// A PROMETHEE generalized criterion: the preference `P(d) ∈ [0, 1]` of one alternative over
/// another whose advantage on the criterion is `d` (benefit-oriented: `g(a) − g(b)` for a
/// benefit criterion, `g(b) − g(a)` for a cost criterion). Always `P(d) = 0` for `d ≤ 0`.
///
/// Names and types follow Brans & Vincke (1985). `q` is the indifference threshold, `p` the
/// preference threshold, `s` the Gaussian inflection point, all in the criterion's units.
public enum PreferenceFunction: Sendable, Hashable {
    /// Type I: `P = 1` for `d > 0`.
    case usual
    /// Type II: `P = 1` for `d > q`, else 0.
    case uShape(q: Double)
    /// Type III: `P = d/p` for `0 < d ≤ p`, 1 beyond.
    case vShape(p: Double)
    /// Type IV: `P = ½` for `q < d ≤ p`, 1 beyond `p`, 0 up to `q`.
    case level(q: Double, p: Double)
    /// Type V (V-shape with indifference): `P = (d − q)/(p − q)` for `q < d ≤ p`, 1 beyond
    /// `p`, 0 up to `q`.
    case linear(q: Double, p: Double)
    /// Type VI: `P = 1 − exp(−d²/(2s²))` for `d > 0`.
    case gaussian(s: Double)

    /// `P(d)`.
    public func preference(_ d: Double) -> Double {
        guard d > 0 else { return 0 }
        switch self {
        case .usual: return 1
        case .uShape(let q): return d > q ? 1 : 0
        case .vShape(let p): return d >= p ? 1 : d / p
        case .level(let q, let p): return d > p ? 1 : (d > q ? 0.5 : 0)
        case .linear(let q, let p): return d >= p ? 1 : (d <= q ? 0 : (d - q) / (p - q))
        case .gaussian(let s): return 1 - exp(-d * d / (2 * s * s))
        }
    }

    /// Throws unless thresholds are finite, `q ≥ 0`, `p > 0`, `s > 0` and `q < p`.
    func validate() throws(ScoringError) {
        func check(_ name: String, _ value: Double, _ ok: Bool, _ requirement: String) throws(ScoringError) {
            guard value.isFinite, ok else { throw .invalidParameter(name: name, value: value, requirement: requirement) }
        }
        switch self {
        case .usual: return
        case .uShape(let q): try check("q", q, q >= 0, "finite and ≥ 0")
        case .vShape(let p): try check("p", p, p > 0, "finite and > 0")
        case .level(let q, let p), .linear(let q, let p):
            try check("q", q, q >= 0, "finite and ≥ 0")
            try check("p", p, p > q, "finite and > q = \(q)")
        case .gaussian(let s): try check("s", s, s > 0, "finite and > 0")
        }
    }
}

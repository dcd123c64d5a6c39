import Foundation

/// The loss applied to each residual: the solver minimizes `F(θ) = Σᵢ C²·ρ((rᵢ/C)²)`, where
/// `rᵢ = √wᵢ·(f(xᵢ;θ) − yᵢ)` and `C` is the loss's scale.
///
/// With the linear loss `ρ(z) = z`, `F` is the (weighted) residual sum of squares. The robust
/// losses grow more slowly for large residuals, so that outliers pull less (definitions as in
/// scipy's `least_squares`):
/// - `huber`: `ρ(z) = z` for `z ≤ 1`, `2√z − 1` beyond;
/// - `softL1`: `ρ(z) = 2(√(1+z) − 1)`;
/// - `cauchy`: `ρ(z) = log(1 + z)`.
/// Robust fits are solved by rescaling residuals and Jacobian rows each iteration (Triggs et
/// al., *Bundle adjustment — a modern synthesis*, 2000), exactly as scipy does.
public enum Loss: Sendable, Equatable, CustomStringConvertible {
    case linear
    case huber(scale: Double)
    case softL1(scale: Double)
    case cauchy(scale: Double)

    /// The scale `C` (1 for the linear loss).
    public var scale: Double {
        switch self {
        case .linear: return 1
        case .huber(let c), .softL1(let c), .cauchy(let c): return c
        }
    }

    /// Whether this is the plain least-squares loss.
    public var isLinear: Bool { self == .linear }

    /// The loss by name (`linear`, `huber`, `soft_l1`, `cauchy`) with a scale.
    public static func named(_ name: String, scale: Double = 1) throws -> Loss {
        guard scale > 0, scale.isFinite else { throw FitError.invalidOption("loss scale must be positive and finite, got \(scale)") }
        switch name {
        case "linear": return .linear
        case "huber": return .huber(scale: scale)
        case "soft_l1": return .softL1(scale: scale)
        case "cauchy": return .cauchy(scale: scale)
        default: throw FitError.invalidOption("unknown loss '\(name)'; choose linear, huber, soft_l1 or cauchy")
        }
    }

    public var description: String {
        switch self {
        case .linear: return "linear"
        case .huber(let c): return "huber(scale \(c))"
        case .softL1(let c): return "soft_l1(scale \(c))"
        case .cauchy(let c): return "cauchy(scale \(c))"
        }
    }

    /// `(ρ(z), ρ′(z), ρ″(z))` at `z = (r/C)²`.
    @inline(__always)
    func rho(_ z: Double) -> (Double, Double, Double) {
        switch self {
        case .linear:
            return (z, 1, 0)
        case .huber:
            if z <= 1 { return (z, 1, 0) }
            let s = z.squareRoot()
            return (2 * s - 1, 1 / s, -0.5 / (z * s))
        case .softL1:
            let t = 1 + z
            let s = t.squareRoot()
            return (2 * (s - 1), 1 / s, -0.5 / (t * s))
        case .cauchy:
            let t = 1 + z
            return (log1p(z), 1 / t, -1 / (t * t))
        }
    }
}

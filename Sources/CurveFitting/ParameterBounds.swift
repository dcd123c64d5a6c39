import Foundation

/// Box bounds `lower ≤ θ ≤ upper` on the parameters (`±∞` for no bound).
///
/// The solver enforces them by a smooth change of variables (as MINUIT and lmfit do): for both
/// bounds `θ = l + (u − l)(sin φ + 1)/2`, for a lower bound only `θ = l − 1 + √(φ² + 1)`, for an
/// upper bound only `θ = u + 1 − √(φ² + 1)`; the unconstrained `φ` is optimized. Standard
/// errors are computed in `θ` at the solution; they are unreliable when an estimate sits on a
/// bound, and the result says so.
public struct ParameterBounds: Sendable, Equatable {
    public let lower: [Double]
    public let upper: [Double]

    /// Bounds for `count` parameters.
    /// - Throws: ``FitError/invalidSetup(_:)`` when lengths differ, a bound is NaN, or `lower > upper`.
    public init(lower: [Double], upper: [Double], names: [String]) throws {
        guard lower.count == names.count, upper.count == names.count else {
            throw FitError.invalidSetup("bounds need one lower and one upper value per parameter (\(names.count))")
        }
        for j in names.indices {
            guard !lower[j].isNaN, !upper[j].isNaN else { throw FitError.invalidSetup("bound of \(names[j]) is NaN") }
            guard lower[j] < upper[j] else {
                throw FitError.invalidSetup("lower bound of \(names[j]) (\(lower[j])) is not below its upper bound (\(upper[j]))")
            }
        }
        self.lower = lower
        self.upper = upper
    }

    /// No bounds on `count` parameters.
    public static func unbounded(_ count: Int) -> ParameterBounds {
        ParameterBounds(uncheckedLower: Array(repeating: -.infinity, count: count),
                        upper: Array(repeating: .infinity, count: count))
    }

    private init(uncheckedLower lower: [Double], upper: [Double]) {
        self.lower = lower
        self.upper = upper
    }

    /// Whether any parameter has a finite bound.
    public var isActive: Bool { lower.contains { $0.isFinite } || upper.contains { $0.isFinite } }

    /// Indices of estimates lying on (within 1e-10 relative of) a finite bound.
    func indicesOnBound(_ theta: [Double]) -> [Int] {
        theta.indices.filter { isOnBound(theta[$0], $0) }
    }

    /// Whether `θ_j` lies on (within 1e-10 relative of) a finite bound.
    func isOnBound(_ theta: Double, _ j: Int) -> Bool {
        let tolerance = 1e-10 * max(1, abs(theta))
        return (lower[j].isFinite && theta - lower[j] <= tolerance) || (upper[j].isFinite && upper[j] - theta <= tolerance)
    }

    /// `θ(φ)` and `dθ/dφ` for parameter `j`; `θ` is clamped to the bounds, which rounding in
    /// the transforms could otherwise cross by an ulp.
    @inline(__always)
    func external(_ phi: Double, _ j: Int) -> (value: Double, derivative: Double) {
        let (l, u) = (lower[j], upper[j])
        switch (l.isFinite, u.isFinite) {
        case (false, false): return (phi, 1)
        case (true, true): return (min(u, max(l, l + (u - l) * (sin(phi) + 1) / 2)), (u - l) * cos(phi) / 2)
        case (true, false):
            // l − 1 + √(φ²+1) written as l + φ²/(√(φ²+1)+1), without cancellation near the bound.
            let s = (phi * phi + 1).squareRoot()
            return (max(l, l + phi * phi / (s + 1)), phi / s)
        case (false, true):
            let s = (phi * phi + 1).squareRoot()
            return (min(u, u - phi * phi / (s + 1)), -phi / s)
        }
    }

    /// `φ(θ)` for parameter `j`; `θ` must lie within the bounds.
    func `internal`(_ theta: Double, _ j: Int) -> Double {
        let (l, u) = (lower[j], upper[j])
        switch (l.isFinite, u.isFinite) {
        case (false, false): return theta
        case (true, true): return asin(min(1, max(-1, 2 * (theta - l) / (u - l) - 1)))
        case (true, false): return ((theta - l + 1) * (theta - l + 1) - 1).squareRoot()
        case (false, true): return ((u - theta + 1) * (u - theta + 1) - 1).squareRoot()
        }
    }

    /// Moves a start value that sits exactly on a bound slightly inside, where `dθ/dφ ≠ 0`.
    func nudgedInside(_ theta: Double, _ j: Int) -> Double {
        let step = 1e-6 * max(1, abs(theta))
        if lower[j].isFinite, theta <= lower[j] { return min(lower[j] + step, (lower[j] + upper[j]) / 2) }
        if upper[j].isFinite, theta >= upper[j] { return max(upper[j] - step, (lower[j] + upper[j]) / 2) }
        return theta
    }
}

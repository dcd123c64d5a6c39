import Foundation

/// The growth curves of the synthetic series, with the parameter ranges they are drawn from and
/// the closed-form start rule every peer is given.
///
/// Parameters follow R's self-starting models (and `CurveFitting`'s models of the same names):
/// - `logistic` (`SSlogis`): `y = Asym / (1 + exp((xmid − x)/scal))`, Asym ~ U[50, 150],
///   xmid ~ U[7, 13], scal ~ U[1.5, 3.5];
/// - `gompertz` (`SSgompertz`): `y = Asym · exp(−b2 · b3^x)`, Asym ~ U[50, 150], b2 ~ U[2, 6],
///   b3 ~ U[0.6, 0.85];
/// - `richards`: `y = Asym / (1 + nu · exp((xmid − x)/scal))^(1/nu)`, as the logistic plus
///   nu ~ U[0.5, 2].
public enum GrowthCurve: String, CaseIterable, Sendable {
    case logistic, gompertz, richards

    /// Code of the curve in the binary layout (``SyntheticFile``).
    public var code: UInt64 {
        switch self {
        case .logistic: 1
        case .gompertz: 2
        case .richards: 3
        }
    }

    /// The curve with layout code `code`, if any.
    public init?(code: UInt64) {
        guard let curve = Self.allCases.first(where: { $0.code == code }) else { return nil }
        self = curve
    }

    /// Parameter names, in storage order.
    public var parameterNames: [String] {
        switch self {
        case .logistic: ["Asym", "xmid", "scal"]
        case .gompertz: ["Asym", "b2", "b3"]
        case .richards: ["Asym", "xmid", "scal", "nu"]
        }
    }

    /// The uniform ranges the true parameters are drawn from, in storage (and drawing) order.
    public var parameterRanges: [ClosedRange<Double>] {
        switch self {
        case .logistic: [50...150, 7...13, 1.5...3.5]
        case .gompertz: [50...150, 2...6, 0.6...0.85]
        case .richards: [50...150, 7...13, 1.5...3.5, 0.5...2]
        }
    }

    /// The curve at `x`.
    public func value(_ x: Double, _ p: UnsafeBufferPointer<Double>) -> Double {
        switch self {
        case .logistic: p[0] / (1 + exp((p[1] - x) / p[2]))
        case .gompertz: p[0] * exp(-p[1] * pow(p[2], x))
        case .richards: p[0] / pow(1 + p[3] * exp((p[1] - x) / p[2]), 1 / p[3])
        }
    }

    /// The start vector stored with every series, a cheap closed-form linearization (as R's
    /// self-starts begin), so that every peer solves the same problem from the same point:
    ///
    /// `U = 1.05 · max y`; the points with `0.02·U < y < U` are used; with `z` the linearized
    /// response and `z = a + b·x` its ordinary least-squares line,
    /// - logistic and richards: `z = log(U/y − 1)`, start `(U, −a/b, −1/b)` (richards adds
    ///   `nu = 1`); fallback `(max y, mean x, 1)` (richards: `, 1`);
    /// - gompertz: `z = log(−log(y/U))`, start `(U, exp a, exp b)`; fallback `(max y, 1, 0.8)`.
    ///
    /// The fallback applies with fewer than 2 usable points or a line with `b = 0` or a
    /// non-finite coefficient.
    public func start(x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>) -> [Double] {
        let top = y.max() ?? 0
        let upper = 1.05 * top
        var (n, sx, sz) = (0.0, 0.0, 0.0)
        var used: [(Double, Double)] = []
        used.reserveCapacity(y.count)
        for i in 0..<min(x.count, y.count) where y[i] > 0.02 * upper && y[i] < upper {
            let z = self == .gompertz ? log(-log(y[i] / upper)) : log(upper / y[i] - 1)
            used.append((x[i], z))
            n += 1
            sx += x[i]
            sz += z
        }
        let meanX = x.isEmpty ? 0 : x.reduce(0, +) / Double(x.count)
        let fallback: [Double] = switch self {
        case .logistic: [top, meanX, 1]
        case .gompertz: [top, 1, 0.8]
        case .richards: [top, meanX, 1, 1]
        }
        guard used.count >= 2 else { return fallback }
        let (xm, zm) = (sx / n, sz / n)
        var (sxx, sxz) = (0.0, 0.0)
        for (xi, zi) in used {
            sxx += (xi - xm) * (xi - xm)
            sxz += (xi - xm) * (zi - zm)
        }
        let b = sxx > 0 ? sxz / sxx : 0
        let a = zm - b * xm
        guard b != 0, a.isFinite, b.isFinite else { return fallback }
        switch self {
        case .logistic: return [upper, -a / b, -1 / b]
        case .richards: return [upper, -a / b, -1 / b, 1]
        case .gompertz: return [upper, exp(a), exp(b)]
        }
    }
}

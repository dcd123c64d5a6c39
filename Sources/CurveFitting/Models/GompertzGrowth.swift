import Foundation

/// Gompertz growth, R's `SSgompertz`: `y = Asym·exp(−b2·b3^t)` with `t = x − origin`.
///
/// An asymmetric S-shaped curve from 0 to `Asym` whose inflection comes early, at 1/e ≈ 37% of the
/// asymptote (the logistic's is at 50%).
///
/// Parameters:
/// - `Asym`: the upper asymptote, the saturation level (units of y).
/// - `b2`: the displacement (dimensionless): `y = Asym·exp(−b2)` at the origin t = 0.
/// - `b3`: the per-unit-of-x decay factor of `b2` (dimensionless, 0 < b3 < 1 for growth); the
///   growth-rate constant is `−log(b3)` per unit of x and the inflection is at
///   `t = log(b2)/(−log(b3))`.
///
/// The self-start writes `b2·b3^t = ±exp(−(t − t₀)/τ)` and searches the location `t₀` and the log
/// scale `log τ` (τ signed by the trend and the sign of b2, so that b3 < 1 for a curve that
/// approaches its asymptote) by variable projection, with `Asym` fitted by linear least squares for each (``GrowthSelfStart/SeparableSearch``: grid,
/// local refinement, multi-start), once for `b2 > 0` (the curve rises to `Asym`) and once for
/// `b2 < 0` (it falls to `Asym` from above, which noise on a flat tail can favour), keeping the
/// better. Any response will do, zeros and negative noise included.
/// Curves with `|log |b2|| > 300` are left out, and a best start with `|log |b2|| > 100` is refused
/// with a reason: they overflow in the fit (x far from the origin).
public struct GompertzGrowth: SelfStartingModel {
    /// Where t = 0 on the x axis (units of x). `b2` grows like `b3^(−t)`, so with calendar years as x
    /// and origin 0 it overflows: set the origin near the data (e.g. the first year).
    public let origin: Double

    /// The Gompertz model with time measured from `origin`.
    public init(origin: Double = 0) {
        self.origin = origin
    }

    public var name: String { "gompertz" }
    public var title: String { "Gompertz" }
    public var summary: String { "asymmetric S-shaped growth to a saturation level, inflecting at 37% of it" }
    public var formula: String {
        "y = Asym * exp(-b2 * b3^\(GrowthSelfStart.timeExpression(origin: origin)))"
    }
    public var parameterNames: [String] { ["Asym", "b2", "b3"] }
    public var parameterDescriptions: [String] {
        [
            "Asym: upper asymptote, the saturation level (units of y)",
            "b2: displacement, y = Asym * exp(-b2) at the origin x = \(origin) (dimensionless)",
            "b3: per-unit-of-x factor of the displacement, 0 < b3 < 1 for growth (dimensionless)",
        ]
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double]) -> Double {
        let t = predictors.columns[0][row] - origin
        return parameters[0] * exp(-parameters[1] * pow(parameters[2], t))
    }

    public func value(row: Int, of predictors: Predictors, parameters: [Double], gradient: inout [Double]) -> Double {
        let (asym, b2, b3) = (parameters[0], parameters[1], parameters[2])
        let t = predictors.columns[0][row] - origin
        let power = pow(b3, t)
        let shape = exp(-b2 * power)
        // Where the shape underflows to 0 its derivatives vanish too (0·∞ would give NaN).
        let shapeTimesPower = shape == 0 ? 0 : shape * power
        gradient[0] = shape
        gradient[1] = -asym * shapeTimesPower
        gradient[2] = -asym * b2 * t * shapeTimesPower / b3
        return asym * shape
    }

    /// The Gompertz curve matched to the logistic's linearized start `(Asym, xmid, scal)`
    /// (``LogisticGrowth/quickStart(x:y:)``): the same asymptote, the same largest slope
    /// (`Asym·r/e = Asym/(4·scal)`, so the rate is `r = e/(4·scal)`) and half the asymptote at
    /// the same x (`b2·b3^(xmid − origin) = log 2`): `b3 = exp(−r)`,
    /// `b2 = log 2 · exp(r·(xmid − origin))`. `nil` where `|log b2| > 100` (see the type).
    public func quickStart(x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>) -> [Double]? {
        guard let logistic = LogisticGrowth.linearizedStart(x: x, y: y) else { return nil }
        let (asym, xmid, scal) = (logistic[0], logistic[1], logistic[2])
        let rate = M_E / (4 * scal)
        let exponent = rate * (xmid - origin)
        guard abs(exponent) <= 100, rate.isFinite, asym.isFinite else { return nil }
        return [asym, log(2) * exp(exponent), exp(-rate)]
    }

    public func initialParameters(x: [Double], y: [Double]) throws -> [Double] {
        let data = try GrowthSelfStart.Observations(x: x, y: y, for: self)
        try data.requireGrowth()
        let t = data.time(from: origin)
        let (first, last) = (t.first ?? 0, t.last ?? 1)
        let span = last - first
        let sign: Double = data.increases ? 1 : -1
        let scale = GrowthSelfStart.logScaleRange(data)
        let search = GrowthSelfStart.SeparableSearch(
            lowerBounds: [first - span, scale.lowerBound], upperBounds: [last + span, scale.upperBound],
            gridCounts: [11, 8])
        var shape = [Double](repeating: 0, count: t.count)
        // b2 > 0 (rising to the asymptote from below) and b2 < 0 (falling to it from above, which
        // noise on a flat tail can favour): b2·b3^t = ±exp(−rate·(t − t₀)).
        func bestCurve(displacement: Double) -> GrowthSelfStart.Candidate? {
            search.minimize { point in
                // Rising data: b3 < 1 with b2 > 0, b3 > 1 with b2 < 0 (and the reverse for falling data).
                let (location, rate) = (point[0], displacement * sign * exp(-point[1]))
                // |b2| = exp(rate·t₀) beyond e³⁰⁰ (x far from the origin) would overflow in the fit.
                guard abs(rate * location) <= 300 else { return nil }
                let (b2, b3) = (displacement * exp(rate * location), exp(-rate))
                for i in t.indices { shape[i] = exp(-displacement * exp(-rate * (t[i] - location))) }
                guard let fit = GrowthSelfStart.project(data.y, onto: shape) else { return nil }
                return GrowthSelfStart.Candidate(parameters: [fit.coefficient, b2, b3], residualSumOfSquares: fit.rss)
            }
        }
        let rising = bestCurve(displacement: 1), falling = bestCurve(displacement: -1)
        let start = [rising, falling].compactMap { $0 }.min { $0.residualSumOfSquares < $1.residualSumOfSquares }
        let parameters = try GrowthSelfStart.finiteParameters(of: start, for: self)
        guard abs(log(abs(parameters[1]))) <= 100 else {
            throw GrowthModelError.selfStartFailed(
                model: title,
                reason: "the best start has b2 = \(parameters[1]), which overflows in the fit; x lies far from the "
                    + "model's time origin \(origin): set the origin near the data (e.g. the first x)")
        }
        return parameters
    }

}

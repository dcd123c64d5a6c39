/// Weights that combine predictive distributions by their out-of-sample skill: stacking of
/// predictive distributions (Yao, Vehtari, Simpson & Gelman 2018, "Using stacking to average
/// Bayesian predictive distributions", Bayesian Analysis 13(3)), scored by the CRPS.
///
/// ## Method
/// Given, for backtest predictions `j = 1…J`, each model's predictive distribution `Fₖⱼ` (its
/// simulated draws) and the outcome `yⱼ`, the stacking weights minimize the mean CRPS of the
/// mixture over the simplex:
///
///     min_w  (1/J) Σⱼ CRPS(Σₖ wₖ Fₖⱼ, yⱼ) = aᵀw − ½ wᵀBw,   w ≥ 0, Σ w = 1,
///
/// with `aₖ = mean_j E|Xₖⱼ − yⱼ|` and `Bₖₗ = mean_j E|Xₖⱼ − Xₗⱼ|`. Because `E|X − X′|` is a
/// conditionally negative definite kernel, the objective is convex on the simplex: the weights
/// are the unique minimum up to ties between identical forecasts, found by accelerated projected
/// gradient descent (FISTA with the simplex projection of Duchi et al. 2008). Unlike a log-score
/// stack, a forecast that gave the outcome no draw at all is not infinitely penalized.
///
/// ## Shrinkage
/// Backtest predictions of one origin share their data and are far from independent, so the
/// weights are shrunk toward equal weights by the number of origins `R` that produced them:
/// `w = (R·ŵ + R₀·u)/(R + R₀)` with ``priorOrigins`` `R₀ = 2` and `u` the equal weights. With
/// no backtest the models are weighted equally; with two origins the stack has half the say.
public enum Stacking {
    /// `R₀`: the weight of the equal-weights prior, in origins.
    public static let priorOrigins = 2.0

    /// The CRPS-stacking weights of `models` models for `forecasts[j][k]` (prediction `j`,
    /// model `k`) and the outcomes; equal weights without predictions.
    public static func crpsWeights(models k: Int, forecasts: [[WeightedSample]], observations: [Double]) -> [Double] {
        guard k > 0 else { return [] }
        guard k > 1, !forecasts.isEmpty else { return [Double](repeating: 1 / Double(k), count: k) }
        var a = [Double](repeating: 0, count: k)
        var b = [Double](repeating: 0, count: k * k)
        for (row, y) in zip(forecasts, observations) {
            for m in 0..<k {
                a[m] += row[m].meanAbsoluteDeviation(from: y)
                b[m * k + m] += row[m].meanPairDifference
                for l in (m + 1)..<k {
                    let cross = row[m].meanCrossDifference(row[l])
                    b[m * k + l] += cross
                    b[l * k + m] += cross
                }
            }
        }
        let j = Double(forecasts.count)
        return minimize(a: a.map { $0 / j }, b: b.map { $0 / j }, k: k)
    }

    /// `(R·w + R₀·u)/(R + R₀)`.
    public static func shrunk(_ weights: [Double], origins: Int) -> [Double] {
        guard !weights.isEmpty else { return [] }
        let r = Double(origins)
        let equal = 1 / Double(weights.count)
        return weights.map { (r * $0 + priorOrigins * equal) / (r + priorOrigins) }
    }

    /// The mean CRPS `aᵀw − ½wᵀBw` of the mixture with weights `w`.
    static func objective(a: [Double], b: [Double], k: Int, _ w: [Double]) -> Double {
        var value = 0.0
        for m in 0..<k {
            value += a[m] * w[m]
            for l in 0..<k { value -= 0.5 * w[m] * w[l] * b[m * k + l] }
        }
        return value
    }

    /// FISTA on the simplex from equal weights, step `1/L` with `L` a bound on `‖B‖₂` (the
    /// largest row sum), until the weights move less than 1e-12 or 20,000 iterations.
    private static func minimize(a: [Double], b: [Double], k: Int) -> [Double] {
        let lipschitz = (0..<k).map { m in (0..<k).reduce(0) { $0 + abs(b[m * k + $1]) } }.max() ?? 0
        var w = [Double](repeating: 1 / Double(k), count: k)
        guard lipschitz > 0 else { return w }
        var y = w
        var t = 1.0
        for _ in 0..<20_000 {
            // ∇(aᵀw − ½wᵀBw) = a − Bw.
            var step = [Double](repeating: 0, count: k)
            for m in 0..<k {
                var gradient = a[m]
                for l in 0..<k { gradient -= b[m * k + l] * y[l] }
                step[m] = y[m] - gradient / lipschitz
            }
            let next = projectOntoSimplex(step)
            let tNext = (1 + (1 + 4 * t * t).squareRoot()) / 2
            let change = zip(next, w).reduce(0) { max($0, abs($1.0 - $1.1)) }
            y = zip(next, w).map { $0 + (t - 1) / tNext * ($0 - $1) }
            w = next
            t = tNext
            if change < 1e-12 { break }
        }
        return w
    }

    /// The Euclidean projection onto `{w ≥ 0, Σw = 1}` (Duchi, Shalev-Shwartz, Singer & Chandra 2008).
    static func projectOntoSimplex(_ v: [Double]) -> [Double] {
        let sorted = v.sorted(by: >)
        var running = 0.0
        var theta = 0.0
        for (i, value) in sorted.enumerated() {
            running += value
            let candidate = (running - 1) / Double(i + 1)
            if value - candidate > 0 { theta = candidate }
        }
        return v.map { max($0 - theta, 0) }
    }
}

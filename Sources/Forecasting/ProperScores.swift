import Foundation

/// A forecast distribution given by draws, each with a weight: the simulated counts of one
/// model (equal weights) or of a weighted combination of models (a mixture).
///
/// Values are kept sorted, with the cumulative weight beside them, so that quantiles, the CDF
/// and the continuous ranked probability score cost `O(n)` (after an `O(n log n)` sort).
public struct WeightedSample: Sendable {
    /// The values, increasing.
    public let values: [Double]
    /// The weights of `values`, positive, summing to 1.
    public let weights: [Double]
    /// `cumulative[i]` is the weight of `values[0...i]`.
    let cumulative: [Double]

    /// Equal weights on every value.
    public init(_ values: [Double]) {
        self.init(values: values, weights: [Double](repeating: 1, count: values.count))
    }

    /// Values with relative weights (normalized here; values of weight 0 are dropped).
    public init(values: [Double], weights: [Double]) {
        let pairs = zip(values, weights).filter { $0.1 > 0 && $0.0.isFinite }.sorted { $0.0 < $1.0 }
        let total = pairs.reduce(0) { $0 + $1.1 }
        self.values = pairs.map(\.0)
        self.weights = pairs.map { total > 0 ? $0.1 / total : 0 }
        var running = 0.0
        cumulative = self.weights.map { running += $0; return running }
    }

    /// The mixture `Σ wₖ Fₖ` of samples with weights `mixing` (normalized; each sample's own
    /// weights are kept within it).
    public static func mixture(_ samples: [WeightedSample], weights mixing: [Double]) -> WeightedSample {
        let total = mixing.reduce(0, +)
        var values: [Double] = []
        var weights: [Double] = []
        for (sample, w) in zip(samples, mixing) where w > 0 {
            values += sample.values
            weights += sample.weights.map { $0 * w / max(total, .leastNormalMagnitude) }
        }
        return WeightedSample(values: values, weights: weights)
    }

    public var isEmpty: Bool { values.isEmpty }

    /// `P(X ≤ x)`.
    public func cdf(_ x: Double) -> Double {
        var low = 0, high = values.count  // first index with values[i] > x
        while low < high {
            let mid = (low + high) / 2
            if values[mid] <= x { low = mid + 1 } else { high = mid }
        }
        // Past the last value exactly 1, whatever the rounding of the running sum of weights.
        if low == values.count { return 1 }
        return low == 0 ? 0 : min(cumulative[low - 1], 1)
    }

    /// The `q`-quantile: the smallest value whose cumulative weight reaches `q` (the inverse of
    /// the empirical CDF; for equal weights R's type 1).
    public func quantile(_ q: Double) -> Double {
        guard let last = values.last else { return .nan }
        let goal = q - 1e-12
        var low = 0, high = values.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] >= goal { high = mid } else { low = mid + 1 }
        }
        return q >= 1 ? last : values[low]
    }

    /// The mean `E[X]`.
    public var mean: Double { zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 } }

    /// `E|X − y|`.
    public func meanAbsoluteDeviation(from y: Double) -> Double {
        zip(values, weights).reduce(0) { $0 + $1.1 * abs($1.0 - y) }
    }

    /// `E|X − X′|` for independent `X`, `X′` from this distribution (Gini's mean difference):
    /// `2 Σᵢ wᵢ xᵢ (Cᵢ₋₁ − (1 − Cᵢ))` over the sorted values, `Cᵢ` the cumulative weight.
    public var meanPairDifference: Double {
        var total = 0.0
        var before = 0.0
        for (x, w) in zip(values, weights) {
            let through = before + w
            total += w * x * (before - (1 - through))
            before = through
        }
        return 2 * total
    }

    /// `E|X − Y|` for independent `X` from this sample and `Y` from `other`, by one merge of the
    /// sorted values: `Σᵢ wᵢ (xᵢ (2G(xᵢ) − 1) − 2 S(xᵢ) + μ_Y)` with `G` the CDF of `Y` and
    /// `S(x) = E[Y; Y ≤ x]`.
    public func meanCrossDifference(_ other: WeightedSample) -> Double {
        let otherMean = other.mean
        var j = 0
        var below = 0.0, partial = 0.0
        var total = 0.0
        for (x, w) in zip(values, weights) {
            while j < other.values.count, other.values[j] <= x {
                below += other.weights[j]
                partial += other.weights[j] * other.values[j]
                j += 1
            }
            // E|x − Y| = x(2G − 1) − 2S + μ_Y.
            total += w * (x * (2 * below - 1) - 2 * partial + otherMean)
        }
        return total
    }
}

/// Proper scoring rules for forecasts of a count, given by simulated draws (lower is better for
/// every score here).
///
/// - CRPS (Matheson & Winkler 1976; Gneiting & Raftery 2007, eq. 21): `E|X − y| − ½E|X − X′|`,
///   the sample version used by `properscoring.crps_ensemble` (not the "fair" variant).
/// - Interval score (Winkler 1972; Gneiting & Raftery 2007, eq. 43) of a central
///   `(1 − α)` interval `[l, u]`: `(u − l) + (2/α)(l − y)⁺ + (2/α)(y − u)⁺`.
/// - Log score: `−log p̂(y)`, with `p̂` the share of draws equal to the observed count, where a
///   count no draw reached gets half a draw (`1/(2N)`), so that a miss costs `log 2N` instead of
///   infinity.
/// - PIT for counts (Czado, Gneiting & Held 2009): the non-randomized PIT histogram, from
///   `F(y − 1)` and `F(y)` of each forecast.
/// - Brier score of a probability `p` of an event that happened (`o = 1`) or not: `(p − o)²`.
public enum ProperScores {
    /// The CRPS of `forecast` for the outcome `y`.
    public static func crps(_ forecast: WeightedSample, observation y: Double) -> Double {
        forecast.meanAbsoluteDeviation(from: y) - forecast.meanPairDifference / 2
    }

    /// The interval score of `[lower, upper]` at `level` (`1 − α`) for the outcome `y`.
    public static func intervalScore(lower: Double, upper: Double, level: Double, observation y: Double) -> Double {
        let alpha = 1 - level
        return (upper - lower) + 2 / alpha * max(0, lower - y) + 2 / alpha * max(0, y - upper)
    }

    /// The log score of the outcome `y` (a count) under the draws of `forecast`.
    public static func logScore(_ forecast: WeightedSample, observation y: Double) -> Double {
        let mass = forecast.cdf(y) - forecast.cdf(y - 0.5)
        let floor = 1 / (2 * Double(max(forecast.values.count, 1)))
        return -log(max(mass, floor))
    }

    /// `(F(y − 1), F(y))` of the outcome `y` (a count): the PIT's range for a discrete forecast.
    public static func pitRange(_ forecast: WeightedSample, observation y: Double) -> (lower: Double, upper: Double) {
        (forecast.cdf(y - 1), forecast.cdf(y))
    }

    /// The non-randomized PIT histogram (Czado et al. 2009): the mean over forecasts of
    /// `F(u | y)` at `u = j/bins`, differenced into `bins` bin heights summing to 1 (each
    /// `1/bins` for a calibrated forecaster), where `F(u | y)` is 1 from `F(y)` on, 0 up to
    /// `F(y − 1)` and linear between: the CDF of a PIT uniform on `[F(y − 1), F(y)]`, or of a
    /// point mass there when the two are equal (a forecast that gave `y` no weight). Every PIT lies
    /// in `[0, 1]`, so the mean is 0 just below `u = 0`: the first bin is `[0, 1/bins]` and holds
    /// the PITs at 0 (outcomes below every draw).
    public static func pitHistogram(_ ranges: [(lower: Double, upper: Double)], bins: Int = 10) -> [Double] {
        guard !ranges.isEmpty, bins > 0 else { return [] }
        func conditional(_ u: Double, _ range: (lower: Double, upper: Double)) -> Double {
            if u >= range.upper { return 1 }
            if u <= range.lower { return 0 }
            return (u - range.lower) / (range.upper - range.lower)
        }
        let levels = (0...bins).map { j in
            j == 0 ? 0 : ranges.reduce(0) { $0 + conditional(Double(j) / Double(bins), $1) } / Double(ranges.count)
        }
        return (0..<bins).map { levels[$0 + 1] - levels[$0] }
    }

    /// The Brier score `(p − o)²`.
    public static func brier(probability p: Double, happened: Bool) -> Double {
        let o = happened ? 1.0 : 0.0
        return (p - o) * (p - o)
    }
}

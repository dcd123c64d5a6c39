import Foundation

/// A central interval of a distribution at a level (e.g. the 80% interval: 10% and 90% quantiles).
public struct Interval: Sendable, Hashable {
    public let level: Double
    public let lower: Double
    public let upper: Double
}

/// The distribution of the count at one projection time.
public struct ProjectionPoint: Sendable {
    /// The time (decimal year) and the date it stands for.
    public let time: Double
    public let label: String
    public let mean: Double
    public let median: Double
    /// One interval per configured level, in increasing level.
    public let intervals: [Interval]
    /// New centres in the year (or part of a year) ending at this time: mean and intervals.
    public let newMean: Double?
    public let newIntervals: [Interval]
    /// The simulated counts at this time (every draw, equal weights): for proper scores.
    public let sample: WeightedSample
}

/// The answer to a target question.
public struct TargetAnalysis: Sendable {
    public let target: Target
    /// `P(N(by) ≥ count)`.
    public let probability: Double
    /// Its Monte Carlo standard error `√(p(1−p)/draws)` (0 when answered from the data).
    public let monteCarloError: Double
    /// `E[max(0, count − N(by))]`.
    public let expectedShortfall: Double
    /// The median date the target is reached, `nil` unless more than half of the draws reach
    /// it within the horizon (then the answer is "after the horizon", with
    /// ``notReachedProbability``).
    public let medianDate: Double?
    /// Intervals for the date; an upper bound of `+∞` means "after the horizon".
    public let dateIntervals: [Interval]
    /// `P(not reached by the horizon)`.
    public let notReachedProbability: Double
    /// When the data already answer the question: the statement or event that reached the
    /// target (its date as written), or that shows it was missed.
    public let answeredFromData: String?
    /// The draws behind ``probability`` (0 when answered from the data).
    public let drawCount: Int

    /// The draws that reached the target by its date.
    public var reachedDraws: Int { Int((probability * Double(drawCount)).rounded()) }

    /// The probability in words that do not claim more than the draws support: with none of
    /// `N` draws reaching the target, "< 3/N" (the 95% upper bound of the rule of three, Hanley &
    /// Lippman-Hand 1983) instead of 0; with all of them, "> 1 − 3/N".
    public var probabilityText: String {
        if answeredFromData != nil { return probability == 1 ? "1 (observed)" : "0 (observed)" }
        let n = Double(drawCount)
        if reachedDraws == 0 { return "< \(Self.compact(3 / n)) (0 of \(drawCount) draws; 95% upper bound 3/N)" }
        if reachedDraws == drawCount { return "> \(Self.compact(1 - 3 / n)) (all \(drawCount) draws; 95% lower bound 1 − 3/N)" }
        return "\(Self.compact(probability)) (\(reachedDraws) of \(drawCount) draws; Monte Carlo SE \(Self.compact(monteCarloError)))"
    }

    private static func compact(_ value: Double) -> String { String(format: "%.3g", value) }
}

/// Quantiles (R's default, type 7: linear interpolation between order statistics).
enum Quantile {
    /// The `q`-quantile of sorted values.
    static func of(sorted values: [Double], _ q: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let h = Double(values.count - 1) * q
        let lower = Int(h.rounded(.down))
        let upper = min(lower + 1, values.count - 1)
        let a = values[lower], b = values[upper], fraction = h - Double(lower)
        if fraction == 0 || a == b { return a }  // also keeps ∞ (a draw that never reaches a target) exact
        return a + fraction * (b - a)
    }

    /// The central intervals at `levels`.
    static func intervals(sorted values: [Double], levels: [Double]) -> [Interval] {
        levels.map { level in
            // (1 − 0.8)/2 is 0.09999999999999998 in binary; rounded to 12 decimals it is 0.1, so
            // that an interval of whole counts has whole-number bounds.
            let tail = ((1 - level) / 2 * 1e12).rounded() / 1e12
            return Interval(level: level, lower: of(sorted: values, tail), upper: of(sorted: values, 1 - tail))
        }
    }
}

extension SimulatedPaths {
    /// The counts of every draw at grid index `k`, sorted.
    func sortedCounts(at k: Int, width: Int) -> [Double] {
        let draws = counts.count / max(width, 1)
        return (0..<draws).map { counts[$0 * width + k] }.sorted()
    }

    /// The distribution at each of `indices` of the grid, with the arrivals since the previous
    /// reported time (or since `start` with count `startCount` for the first).
    func summary(indices: [Int], grid: [Double], labels: [String], levels: [Double], startCount: Double) -> [ProjectionPoint] {
        let width = grid.count
        let draws = counts.count / max(width, 1)
        var previous: [Double]?
        return zip(indices, labels).map { k, label in
            let values = (0..<draws).map { counts[$0 * width + k] }
            let sorted = values.sorted()
            let base = previous ?? [Double](repeating: startCount, count: draws)
            let new = zip(values, base).map { $0 - $1 }.sorted()
            previous = values
            return ProjectionPoint(time: grid[k], label: label, mean: values.reduce(0, +) / Double(max(draws, 1)),
                                   median: Quantile.of(sorted: sorted, 0.5), intervals: Quantile.intervals(sorted: sorted, levels: levels),
                                   newMean: new.reduce(0, +) / Double(max(draws, 1)), newIntervals: Quantile.intervals(sorted: new, levels: levels),
                                   sample: WeightedSample(sorted))
        }
    }

    /// The target analysis from the draws, the count at the deadline being grid index `k`.
    func analysis(of target: Target, at k: Int, width: Int, levels: [Double]) -> TargetAnalysis {
        let values = (0..<(counts.count / max(width, 1))).map { counts[$0 * width + k] }
        let n = Double(max(values.count, 1))
        let goal = Double(target.count)
        let probability = Double(values.filter { $0 >= goal }.count) / n
        let shortfall = values.reduce(0) { $0 + max(0, goal - $1) } / n
        let times = passageTimes.sorted()
        let reached = Double(times.filter(\.isFinite).count) / n
        // With exactly half the draws reaching the target the type-7 median lies between a date
        // and +∞ (after the horizon): no median date then.
        let median = Quantile.of(sorted: times, 0.5)
        return TargetAnalysis(target: target, probability: probability, monteCarloError: (probability * (1 - probability) / n).squareRoot(),
                              expectedShortfall: shortfall, medianDate: reached > 0.5 && median.isFinite ? median : nil,
                              dateIntervals: Quantile.intervals(sorted: times, levels: levels), notReachedProbability: 1 - reached,
                              answeredFromData: nil, drawCount: values.count)
    }
}

import CurveFitting
import Foundation
import Probability

/// A question about the count: will it reach `count` by `by`?
public struct Target: Sendable, Hashable {
    public let count: Int
    /// The deadline as a decimal year: the end of the stated day.
    public let by: Double
    /// The deadline as written (`2025-12-31`).
    public let label: String

    public init(count: Int, by: Double, label: String) {
        self.count = count
        self.by = by
        self.label = label
    }
}

/// A change to the future, applied to every simulated path of a projection.
public struct WhatIf: Sendable, Hashable {
    /// Arrivals scaled by a factor from a date.
    public struct RateChange: Sendable, Hashable {
        public let multiplier: Double
        public let from: Double
        public init(multiplier: Double, from: Double) {
            self.multiplier = multiplier
            self.from = from
        }
    }

    /// Centres added (positive) or removed (negative) at a date.
    public struct Adjustment: Sendable, Hashable {
        public let count: Int
        public let at: Double
        public init(count: Int, at: Double) {
            self.count = count
            self.at = at
        }
    }

    public let name: String
    public let rateChange: RateChange?
    /// The saturation level: the curve's remaining rise is rescaled so that the expected count
    /// approaches it (curves with a level parameter: logistic, Gompertz, Richards, Bass), and no
    /// path goes above it (a path already above stays where it is).
    public let capacity: Int?
    public let adjustments: [Adjustment]
    /// A different target for this variant.
    public let target: Target?

    public init(name: String, rateChange: RateChange? = nil, capacity: Int? = nil, adjustments: [Adjustment] = [],
                target: Target? = nil) {
        self.name = name
        self.rateChange = rateChange
        self.capacity = capacity
        self.adjustments = adjustments
        self.target = target
    }

    /// The baseline: no change.
    static let baseline = WhatIf(name: "baseline")
}

/// The simulated futures of one variant (the baseline or a what-if).
struct SimulatedPaths: Sendable {
    /// `counts[d * grid.count + k]`: the cumulative count of draw `d` at grid time `k`.
    var counts: [Double]
    /// The time each draw reaches the variant's target (`+∞` when not within the horizon).
    var passageTimes: [Double]
}

/// Simulates future counts: parameter uncertainty by a parametric bootstrap, date uncertainty by
/// resampling the observation dates, and arrival noise by a Poisson process.
///
/// ## One draw
/// 1. The series' dates are drawn uniformly from their spans and the model is refitted (from
///    the estimate) to that realization: `θ̂_d` carries the date uncertainty.
/// 2. A bootstrap sample is generated from `θ̂_d` — Poisson (or overdispersed) increments for a process model,
///    the curve plus resampled residuals (rescaled by `√(n/(n−p))`) for a curve model — and
///    refitted: `θ*_d` carries the sampling uncertainty. When either refit fails, the draw is
///    redrawn (new dates, new sample, from the draw's own stream) up to
///    ``maximumAttempts`` times; a draw that fails every time is dropped, never given the
///    previous stage's parameters (which would narrow the spread). Both numbers are reported.
/// 3. From the last observed count `N_T` at the realized last date `T`, arrivals in each
///    period `(τ_{k−1}, τ_k]` of the projection grid are Poisson — negative binomial with
///    variance `φ·mean` for a count process whose dispersion `φ` exceeds 1 (quasi-Poisson, see
///    ``FittedModel/dispersion``; the bootstrap samples of step 2 likewise) — with mean
///    `M_k − M_{k−1}`, where `M` is the running maximum of `m(t; θ*_d)` (a curve that turns
///    down adds no arrivals), times the what-if's rate multiplier over the period. The time the
///    target is reached is placed within its period as the matching order statistic of
///    uniform arrival times.
///
/// Every draw has its own generator, seeded from the scenario seed, the model's index and the
/// draw's index, and writes only its own slots: the result does not depend on the number of
/// threads. All variants of a draw share `θ*_d`, and each period of the grid draws its arrivals
/// from its own stream, the same in every variant (common random numbers): a what-if that
/// lowers the mean never adds arrivals, and differences between variants are mostly the
/// what-ifs' effect rather than Monte Carlo noise.
struct ProjectionEngine: Sendable {
    let series: CountSeries
    /// Projection times, increasing, all after the data.
    let grid: [Double]
    let variants: [(whatIf: WhatIf, target: Target)]
    let seed: UInt64
    let threads: Int
    /// Told of every finished draw (kept or dropped).
    var progress: WorkProgress? = nil

    /// One ensemble member: a fitted model and the number of draws it contributes.
    struct Member: Sendable {
        let fit: FittedModel
        let draws: Int
        /// The member's index in the scenario's model list (for the seeds).
        let index: Int
    }

    struct Outcome: Sendable {
        /// Per variant, in ``variants`` order: the kept draws only.
        var paths: [SimulatedPaths]
        /// Draws that needed more than one attempt (a bootstrap refit failed; see step 2).
        var redrawn: Int
        /// Draws dropped because every attempt failed.
        var dropped: Int
        /// The kept draws.
        var drawCount: Int
        /// The kept draws per member, in member order.
        var memberDraws: [Int]
    }

    /// Attempts per draw before it is dropped (see step 2).
    static let maximumAttempts = 20

    func run(_ members: [Member]) -> Outcome {
        let assignments = members.enumerated().flatMap { position, member in
            (0..<member.draws).map { (member: member, position: position, draw: $0) }
        }
        let chunks = parallelChunks(count: assignments.count, threads: threads) { range in
            var local = variants.map { _ in SimulatedPaths(counts: [], passageTimes: []) }
            var redrawn = 0
            var kept = [Int](repeating: 0, count: members.count)
            for g in range {
                let (member, position, d) = assignments[g]
                var generator = SeededGenerator(seed: Self.streamSeed(seed, member.index, d))
                defer { progress?.advance() }
                guard let draw = parameters(member.fit, generator: &generator) else { continue }
                if draw.attempts > 1 { redrawn += 1 }
                kept[position] += 1
                for (v, variant) in variants.enumerated() {
                    var arrivals = generator  // common random numbers across variants
                    let path = simulate(member.fit.model, draw.parameters, dispersion: member.fit.dispersion, from: draw.anchor, whatIf: variant.whatIf,
                                        target: variant.target, generator: &arrivals)
                    local[v].counts += path.counts
                    local[v].passageTimes.append(path.passage)
                }
            }
            return (paths: local, redrawn: redrawn, kept: kept)
        }
        let paths = variants.indices.map { v in
            SimulatedPaths(counts: chunks.flatMap { $0.paths[v].counts }, passageTimes: chunks.flatMap { $0.paths[v].passageTimes })
        }
        let memberDraws = members.indices.map { m in chunks.reduce(0) { $0 + $1.kept[m] } }
        let kept = memberDraws.reduce(0, +)
        return Outcome(paths: paths, redrawn: chunks.reduce(0) { $0 + $1.redrawn }, dropped: assignments.count - kept,
                       drawCount: kept, memberDraws: memberDraws)
    }

    /// A 64-bit seed for draw `d` of member `m`: SplitMix64-style mixing of the three numbers.
    static func streamSeed(_ seed: UInt64, _ m: Int, _ d: Int) -> UInt64 {
        var z = seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(truncatingIfNeeded: m &+ 1)
        z ^= UInt64(truncatingIfNeeded: d) &* 0xD1B5_4A32_D192_ED03
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Steps 1 and 2: the draw's parameters and the realized last observation, redrawn while a
    /// refit fails; `nil` when every attempt failed.
    private func parameters(_ fit: FittedModel, generator: inout SeededGenerator)
        -> (parameters: [Double], anchor: (time: Double, count: Double), attempts: Int)?
    {
        for attempt in 1...Self.maximumAttempts {
            if let draw = attemptParameters(fit, generator: &generator) { return (draw.parameters, draw.anchor, attempt) }
        }
        return nil
    }

    /// One attempt at steps 1 and 2; `nil` when a refit fails.
    private func attemptParameters(_ fit: FittedModel, generator: inout SeededGenerator)
        -> (parameters: [Double], anchor: (time: Double, count: Double))?
    {
        let model = fit.model
        let jittered = series.realized(sampling: &generator)
        let anchor = (time: jittered.last.time, count: Double(series.lastCount))
        guard let dated = ModelFitting.refit(model, to: jittered, from: fit.estimates),
              let mu = model.means(dated, on: jittered) else { return nil }
        var counts = [Double](repeating: 0, count: jittered.times.count)
        switch model.family {
        case .curve:
            let n = fit.residuals.count
            let p = model.curve.parameterCount
            let mean = fit.residuals.reduce(0, +) / Double(max(n, 1))
            let inflation = n > p ? (Double(n) / Double(n - p)).squareRoot() : 1
            for i in counts.indices {
                let pick = n > 0 ? Int(generator.next() % UInt64(n)) : 0
                counts[i] = mu[i] + (n > 0 ? (fit.residuals[pick] - mean) * inflation : 0)
            }
        case .process:
            counts[0] = jittered.counts[0]
            for j in mu.indices {
                let increment = generator.nextCount(mean: max(mu[j], 0), dispersion: fit.dispersion)
                counts[j + 1] = counts[j] + Double(increment)
            }
        }
        let sample = RealizedSeries(times: jittered.times, counts: counts)
        guard let refitted = ModelFitting.refit(model, to: sample, from: dated) else { return nil }
        return (refitted, anchor)
    }

    /// Step 3: one path on the grid.
    private func simulate(_ model: ForecastModel, _ theta: [Double], dispersion: Double, from anchor: (time: Double, count: Double),
                          whatIf: WhatIf, target: Target, generator: inout SeededGenerator)
        -> (counts: [Double], passage: Double)
    {
        // Passage times are placed with their own stream, and every period draws its arrivals
        // from a stream of its own (seeded from the path's seed and the period's index), so that
        // variants use the same uniforms in the same period however many each consumed before:
        // with inversion sampling, a variant with a smaller mean never gets more arrivals.
        var placement = SeededGenerator(seed: generator.next())
        let periodSeed = generator.next()
        let curve = model.curve
        let times = [anchor.time] + grid
        let values = curve.values(at: times, parameters: theta)
        var running = values[0].isFinite ? values[0] : 0
        var count = anchor.count
        let scale = whatIf.capacity.map { capacityScale(model, theta, level: Double($0), anchorValue: running, count: count) } ?? 1
        var adjusted = Set<Int>()
        var counts = [Double](repeating: 0, count: grid.count)
        var passage = Double.infinity
        for k in grid.indices {
            let (a, b) = (times[k], times[k + 1])
            var mean = 0.0
            if values[k + 1].isFinite, values[k + 1] > running {
                mean = values[k + 1] - running
                running = values[k + 1]
            }
            mean *= scale
            mean *= whatIf.multiplier(over: a, b)
            let previous = count
            var arrivals = 0.0
            if mean > 0 {
                var period = SeededGenerator(seed: Self.streamSeed(periodSeed, k, 0))
                arrivals = Double(period.nextCount(mean: min(mean, 1e12), dispersion: dispersion))
            }
            if let capacity = whatIf.capacity { arrivals = max(0, min(arrivals, Double(capacity) - count)) }
            count += arrivals
            for (i, adjustment) in whatIf.adjustments.enumerated() where adjustment.at <= b && !adjusted.contains(i) {
                adjusted.insert(i)
                count = max(0, count + Double(adjustment.count))
            }
            counts[k] = count
            let goal = Double(target.count)
            if passage.isInfinite, count >= goal {
                if previous >= goal {
                    passage = a
                } else if arrivals >= goal - previous {
                    let order = Int(goal - previous)
                    passage = a + (b - a) * Self.orderStatistic(order, of: Int(arrivals), &placement)
                } else {
                    passage = b  // reached through an added-centres adjustment
                }
            }
        }
        return (counts, passage)
    }

    /// The factor on the curve's future rise under a capacity `level`: the remaining rise of the
    /// curve, `L − m(T)` with `L` its level parameter, rescaled to the room left, `level − N_T`
    /// (the level parameters of the logistic, Gompertz, Richards and Bass curves scale the whole
    /// curve). 1 for curves without a level parameter, which are only capped.
    private func capacityScale(_ model: ForecastModel, _ theta: [Double], level: Double, anchorValue: Double, count: Double) -> Double {
        guard let index = model.capacityIndex, theta[index].isFinite else { return 1 }
        let remaining = theta[index] - anchorValue
        guard remaining > 0 else { return 1 }
        return max(0, level - count) / remaining
    }

    /// The `j`-th smallest of `n` independent uniforms on (0, 1): sorted uniforms up to
    /// ``exactOrderStatisticLimit``, above it a draw of its distribution, Beta(j, n − j + 1), as
    /// `X/(X + Y)` with `X ~ Gamma(j)`, `Y ~ Gamma(n − j + 1)`, so that memory and time do not
    /// grow with the number of arrivals (a what-if can make it huge).
    static func orderStatistic(_ j: Int, of n: Int, _ generator: inout SeededGenerator) -> Double {
        guard n > 0, j >= 1, j <= n else { return 0.5 }
        if n > exactOrderStatisticLimit,
           let x = try? generator.nextGamma(shape: Double(j)), let y = try? generator.nextGamma(shape: Double(n - j + 1)), x + y > 0 {
            return x / (x + y)
        }
        var values = (0..<n).map { _ in generator.nextUniform() }
        values.sort()
        return values[j - 1]
    }

    /// The largest number of arrivals in one period whose passage time is placed by sorting uniforms.
    static let exactOrderStatisticLimit = 1 << 16
}

extension SeededGenerator {
    /// A count with mean `mean` and variance `dispersion·mean`: Poisson when `dispersion` is 1,
    /// otherwise Poisson with a gamma-distributed mean (shape `mean/(φ − 1)`, scale `φ − 1`), the
    /// negative binomial with that mean and variance. 0 for a mean the samplers reject.
    mutating func nextCount(mean: Double, dispersion: Double) -> Int {
        guard mean > 0 else { return 0 }
        var rate = mean
        if dispersion > 1 + 1e-12 {
            rate = (try? nextGamma(shape: mean / (dispersion - 1), scale: dispersion - 1)) ?? mean
        }
        return (try? nextPoisson(mean: rate)) ?? 0
    }
}

extension WhatIf {
    /// The average rate multiplier over `(a, b]`: the share of the period after ``RateChange/from``
    /// times the multiplier, plus the rest at 1.
    func multiplier(over a: Double, _ b: Double) -> Double {
        guard let change = rateChange, b > a else { return rateChange.map { $0.from <= a ? $0.multiplier : 1 } ?? 1 }
        if change.from <= a { return change.multiplier }
        if change.from >= b { return 1 }
        let after = (b - change.from) / (b - a)
        return after * change.multiplier + (1 - after)
    }
}

extension CurveModel {
    /// `m(t)` at each time.
    func values(at times: [Double], parameters: [Double]) -> [Double] {
        let predictors = Predictors(times)
        return times.indices.map { value(row: $0, of: predictors, parameters: parameters) }
    }
}

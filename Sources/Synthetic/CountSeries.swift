import Foundation
import Probability

/// What to generate: `series` count processes over `periods` periods — events per period
/// (say, new centers per year) whose mean follows the increments of a logistic curve.
///
/// ## Recipe
/// `t = 1, 2, …, periods`. One ``SeededGenerator`` seeded with `seed` draws, series after
/// series, Asym ~ U[20, 200], xmid ~ U[7, 13], scal ~ U[1.5, 3.5] (`lo + (hi − lo)·u`,
/// `u = nextUniform()`); the mean of period `t` is `F(t) − F(t − 1)` with
/// `F(t) = Asym/(1 + exp((xmid − t)/scal))`, and its count is `nextPoisson(mean:)` (inversion
/// below mean 10, Hörmann's PTRS from 10, see Probability's `Sampling.swift`).
public struct CountSeriesSpec: Sendable, Equatable {
    public var series: Int
    public var periods: Int
    public var seed: UInt64

    public init(series: Int, periods: Int = 20, seed: UInt64) {
        self.series = series
        self.periods = periods
        self.seed = seed
    }

    /// Checks the sizes against ``SyntheticLimits``.
    public func validate() throws(SyntheticError) {
        guard series >= 1 else { throw .invalid("the number of series must be at least 1, got \(series)") }
        guard periods >= 1 else { throw .invalid("a count series needs at least 1 period, got \(periods)") }
        // Means and counts: two values per cell.
        guard SyntheticLimits.product(series, periods, atMost: SyntheticLimits.maximumValuesInMemory / 2) != nil else {
            throw .invalid("\(series) series × \(periods) periods exceed the limit of \(SyntheticLimits.maximumValuesInMemory / 2) "
                           + "cells held in memory (1 GiB of means and counts)")
        }
    }

    /// The parameter ranges of the underlying logistic curve (Asym, xmid, scal).
    public static let parameterRanges: [ClosedRange<Double>] = [20...200, 7...13, 1.5...3.5]
}

/// Synthetic count series: period means and counts, series-major (`[k·periods + t−1]`).
public struct SyntheticCountSeries: Sendable, Equatable {
    public let spec: CountSeriesSpec
    public let means: [Double]
    public let counts: [Double]

    public init(_ spec: CountSeriesSpec) throws(SyntheticError) {
        try spec.validate()
        var generator = SeededGenerator(seed: spec.seed)
        let n = spec.periods
        var means = [Double](repeating: 0, count: spec.series * n)
        var counts = means
        for k in 0..<spec.series {
            let p = Self.parameterDraw(&generator)
            func cumulative(_ t: Double) -> Double { p[0] / (1 + exp((p[1] - t) / p[2])) }
            for t in 1...n {
                let mean = cumulative(Double(t)) - cumulative(Double(t - 1))
                means[k * n + t - 1] = mean
                do { counts[k * n + t - 1] = Double(try generator.nextPoisson(mean: mean)) } catch {
                    throw .invalid("Poisson mean \(mean) rejected: \(error)")
                }
            }
        }
        self.init(spec: spec, means: means, counts: counts)
    }

    init(spec: CountSeriesSpec, means: [Double], counts: [Double]) {
        self.spec = spec
        self.means = means
        self.counts = counts
    }

    private static func parameterDraw(_ generator: inout SeededGenerator) -> [Double] {
        CountSeriesSpec.parameterRanges.map { $0.draw(&generator) }
    }
}

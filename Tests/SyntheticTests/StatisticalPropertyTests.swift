import Foundation
import Probability
import Testing
@testable import Synthetic

/// Distributional properties of the generated data at sizes where the tolerances are several
/// standard errors wide (a correct generator fails each check with probability below ~1e-4,
/// and the seeds are fixed, so the outcome is deterministic), while a wrong scale, range or
/// distribution is far outside them.
@Suite("synthetic data: statistical properties")
struct StatisticalPropertyTests {
    /// Kolmogorov–Smirnov statistic of `sample` against `cdf`.
    static func ksStatistic(_ sample: [Double], cdf: (Double) -> Double) -> Double {
        let sorted = sample.sorted()
        let n = Double(sorted.count)
        var d = 0.0
        for (i, x) in sorted.enumerated() {
            let f = cdf(x)
            d = max(d, f - Double(i) / n, Double(i + 1) / n - f)
        }
        return d
    }

    /// √n·D above 1.95 has probability 0.001 under the null (Kolmogorov distribution).
    static let ksCritical = 1.95

    @Test(arguments: GrowthCurve.allCases)
    func noiseIsNormalWithTheStatedScaleAndParametersAreUniform(_ curve: GrowthCurve) throws {
        let spec = GrowthSeriesSpec(curve: curve, series: 2000, points: 20, noise: 0.05, seed: 99)
        let set = try GrowthSeriesSet(spec)
        let p = curve.parameterNames.count
        var z: [Double] = []
        set.truth.withUnsafeBufferPointer { truth in
            for k in 0..<spec.series {
                let parameters = UnsafeBufferPointer(rebasing: truth[(k * p)..<(k * p + p)])
                for i in 0..<spec.points {
                    z.append((set.y[k * spec.points + i] - curve.value(set.grid[i], parameters)) / (spec.noise * parameters[0]))
                }
            }
        }
        let n = Double(z.count)
        let mean = z.reduce(0, +) / n
        let variance = z.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        #expect(abs(mean) < 4 / n.squareRoot(), "mean \(mean)")
        #expect(abs(variance - 1) < 4 * (2 / n).squareRoot(), "variance \(variance)")
        let normal = try Normal(mean: 0, sd: 1)
        #expect(Self.ksStatistic(z, cdf: normal.cdf) * n.squareRoot() < Self.ksCritical)
        for (j, range) in curve.parameterRanges.enumerated() {
            let draws = (0..<spec.series).map { set.truth[$0 * p + j] }
            let d = Self.ksStatistic(draws) { min(1, max(0, ($0 - range.lowerBound) / (range.upperBound - range.lowerBound))) }
            #expect(d * Double(spec.series).squareRoot() < Self.ksCritical, "\(curve.parameterNames[j])")
        }
    }

    /// Counts are Poisson with the stated means: the total deviation is within 4 standard
    /// deviations, and Pearson's statistic Σ(c − m)²/m, whose mean is the number of cells and
    /// variance Σ(2 + 1/m), within 4 of its standard deviations.
    @Test func countsArePoissonWithTheStatedMeans() throws {
        let counts = try SyntheticCountSeries(CountSeriesSpec(series: 500, periods: 20, seed: 5))
        var (deviation, total, pearson, cells, pearsonVariance) = (0.0, 0.0, 0.0, 0.0, 0.0)
        for (c, m) in zip(counts.counts, counts.means) {
            #expect(c >= 0 && c == c.rounded())
            deviation += c - m
            total += m
            guard m > 0.5 else { continue }
            pearson += (c - m) * (c - m) / m
            cells += 1
            pearsonVariance += 2 + 1 / m
        }
        #expect(abs(deviation) < 4 * total.squareRoot(), "deviation \(deviation) of \(total)")
        #expect(abs(pearson - cells) < 4 * pearsonVariance.squareRoot(), "Pearson \(pearson) for \(cells) cells")
        // The means are the logistic increments: their sum over 20 periods is F(20) − F(0).
        let spec = counts.spec
        for k in 0..<spec.series {
            let row = counts.means[(k * spec.periods)..<((k + 1) * spec.periods)]
            #expect(row.allSatisfy { $0 > 0 })
            #expect(row.reduce(0, +) < 200)
        }
    }

    @Test func decisionValuesAreUniformAndWeightsSumToOne() throws {
        let matrix = try SyntheticDecisionMatrix(DecisionMatrixSpec(alternatives: 5000, criteria: 4, seed: 3))
        #expect(abs(matrix.weights.reduce(0, +) - 1) < 1e-15)
        #expect(matrix.weights.allSatisfy { $0 >= 0.5 / 6 && $0 <= 1.5 / 2 })
        for j in 0..<4 {
            let column = Array(matrix.values[(j * 5000)..<((j + 1) * 5000)])
            let d = Self.ksStatistic(column) { min(1, max(0, ($0 - 1) / 99)) }
            #expect(d * 5000.0.squareRoot() < Self.ksCritical)
        }
    }
}

import Foundation
import Testing

@testable import Forecasting

/// ``ProperScores`` and ``PoissonPredictive`` against properscoring, scipy and independent numpy
/// implementations (`Fixtures/make_proper_scores.py`), to 1e-12 relative.
@Suite("Proper scores vs properscoring and scipy")
struct ProperScoresTests {
    static let tolerance = 1e-12

    static func cases(_ key: String) throws -> [[String: Any]] {
        try #require(try Repo.fixture("proper_scores.json")[key] as? [[String: Any]], "no \(key) cases")
    }

    /// A fixture forecast: its members and optional weights.
    static func sample(_ item: [String: Any]) -> WeightedSample {
        let members = doubles(item["members"])
        let weights = doubles(item["weights"])
        return weights.isEmpty ? WeightedSample(members) : WeightedSample(values: members, weights: weights)
    }

    @Test func crpsMatchesPropscoringEnsembles() throws {
        let cases = try Self.cases("crps")
        #expect(cases.count >= 12)
        for item in cases {
            let y = try #require((item["observation"] as? NSNumber)?.doubleValue)
            let want = try #require((item["crps"] as? NSNumber)?.doubleValue)
            let got = ProperScores.crps(Self.sample(item), observation: y)
            #expect(isClose(got, want, relative: Self.tolerance), "\(item["name"] ?? "?"): \(got) vs properscoring \(want)")
        }
    }

    @Test func intervalScoreMatchesGneitingRafteryEq43() throws {
        for item in try Self.cases("interval") {
            let values = ["lower", "upper", "level", "observation", "score"].map { (item[$0] as? NSNumber)?.doubleValue ?? .nan }
            let got = ProperScores.intervalScore(lower: values[0], upper: values[1], level: values[2], observation: values[3])
            #expect(isClose(got, values[4], relative: Self.tolerance), "\(values): \(got)")
        }
    }

    @Test func logScoreMatchesTheDocumentedRule() throws {
        for item in try Self.cases("log") {
            let y = try #require((item["observation"] as? NSNumber)?.doubleValue)
            let want = try #require((item["log_score"] as? NSNumber)?.doubleValue)
            let got = ProperScores.logScore(Self.sample(item), observation: y)
            #expect(isClose(got, want, relative: Self.tolerance) || abs(got - want) < 1e-15, "\(item["name"] ?? "?"): \(got) vs \(want)")
        }
    }

    @Test func pitHistogramMatchesCzadoGneitingHeld() throws {
        let fixture = try #require(try Repo.fixture("proper_scores.json")["pit"] as? [String: Any])
        let forecasts = try #require(fixture["forecasts"] as? [Any]).map { WeightedSample(doubles($0)) }
        let observations = doubles(fixture["observations"])
        let ranges = (fixture["ranges"] as? [Any] ?? []).map(doubles)
        let bins = try #require(fixture["bins"] as? Int)
        #expect(forecasts.count == observations.count && ranges.count == forecasts.count && forecasts.count > 40)
        let got = zip(forecasts, observations).map { ProperScores.pitRange($0, observation: $1) }
        for (range, want) in zip(got, ranges) {
            #expect(isClose(range.lower, want[0], relative: Self.tolerance) && isClose(range.upper, want[1], relative: Self.tolerance),
                    "\(range) vs \(want)")
        }
        let histogram = ProperScores.pitHistogram(got, bins: bins)
        let want = doubles(fixture["histogram"])
        #expect(histogram.count == want.count)
        for (a, b) in zip(histogram, want) { #expect(abs(a - b) <= Self.tolerance * max(1, abs(b)), "\(histogram) vs \(want)") }
        #expect(abs(histogram.reduce(0, +) - 1) < 1e-12)
    }

    @Test func brierScore() throws {
        for item in try Self.cases("brier") {
            let p = try #require((item["probability"] as? NSNumber)?.doubleValue)
            let happened = try #require(item["happened"] as? Bool)
            let want = try #require((item["score"] as? NSNumber)?.doubleValue)
            #expect(isClose(ProperScores.brier(probability: p, happened: happened), want, relative: Self.tolerance))
        }
    }

    /// The calibration study's truth: `shift + Poisson(mean)`, its CRPS as `Σ (F(x) − 1{y ≤ x})²`,
    /// its central intervals, their exact coverage and `P(Y ≥ target)` against scipy.
    @Test func poissonPredictiveMatchesScipy() throws {
        let cases = try Self.cases("poisson")
        #expect(cases.count >= 8)
        for item in cases {
            let shift = try #require(item["shift"] as? Int)
            let mean = try #require((item["mean"] as? NSNumber)?.doubleValue)
            let y = try #require((item["observation"] as? NSNumber)?.doubleValue)
            let truth = PoissonPredictive(shift: shift, mean: mean)
            let crps = try #require((item["crps"] as? NSNumber)?.doubleValue)
            #expect(isClose(truth.crps(observation: y), crps, relative: Self.tolerance), "shift \(shift) mean \(mean) y \(y): \(truth.crps(observation: y)) vs \(crps)")
            for interval in item["intervals"] as? [[String: Any]] ?? [] {
                let level = try #require((interval["level"] as? NSNumber)?.doubleValue)
                let exact = truth.interval(level: level)
                #expect(exact.lower == (interval["lower"] as? NSNumber)?.doubleValue && exact.upper == (interval["upper"] as? NSNumber)?.doubleValue,
                        "interval \(exact) vs \(interval)")
                let coverage = try #require((interval["coverage"] as? NSNumber)?.doubleValue)
                #expect(isClose(truth.coverage(of: exact), coverage, relative: Self.tolerance), "coverage \(truth.coverage(of: exact)) vs \(coverage)")
                #expect(truth.coverage(of: exact) >= level)
            }
            let target = try #require(item["target"] as? Int)
            let reach = try #require((item["probability_reaching_target"] as? NSNumber)?.doubleValue)
            #expect(isClose(truth.probability(atLeast: target), reach, relative: 1e-10), "P(≥ \(target)) \(truth.probability(atLeast: target)) vs \(reach)")
        }
    }

    /// The CRPS of many draws from a Poisson distribution approaches the exact CRPS.
    @Test func ensembleCRPSApproachesTheExactPoissonCRPS() {
        let truth = PoissonPredictive(shift: 10, mean: 6.5)
        // Every value at its probability: the weighted sample is the distribution itself (to 1e-17).
        let values = (10...60).map(Double.init)
        let weights = values.map { truth.cdf($0) - truth.cdf($0 - 1) }
        for y in [10.0, 14, 17, 30] {
            let exact = truth.crps(observation: y)
            let sample = ProperScores.crps(WeightedSample(values: values, weights: weights), observation: y)
            #expect(abs(sample - exact) < 1e-12 * max(1, exact), "y \(y): \(sample) vs \(exact)")
        }
    }
}

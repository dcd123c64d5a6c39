import Foundation
import Probability
import Testing

@testable import Forecasting

/// CRPS stacking against an independent scipy optimization, the change-point model on simulated
/// data with a known change, honest target statements, and order independence of the combination.
@Suite("Skill-weighted combination and regime change")
struct CombinationTests {
    // MARK: Stacking

    /// `Fixtures/make_stacking.py`: properscoring's weighted-ensemble CRPS minimized by SLSQP.
    @Test func stackingWeightsMatchScipy() throws {
        let cases = try #require(try Repo.fixture("stacking.json")["cases"] as? [[String: Any]])
        #expect(cases.count == 3)
        for item in cases {
            let name = item["name"] as? String ?? "?"
            let outcomes = doubles(item["outcomes"])
            let samples = try #require(item["samples"] as? [[[Any]]])
            let forecasts = outcomes.indices.map { j in samples.map { WeightedSample(doubles($0[j])) } }
            let weights = Stacking.crpsWeights(models: samples.count, forecasts: forecasts, observations: outcomes)
            let expected = doubles(item["weights"])
            #expect(weights.count == expected.count)
            for (got, want) in zip(weights, expected) { #expect(abs(got - want) < 2e-4, "\(name): \(weights) vs scipy \(expected)") }
            // The objective is the mean CRPS of the mixture, as properscoring computes it.
            let mixture = outcomes.indices.map { j in
                ProperScores.crps(WeightedSample.mixture(forecasts[j], weights: expected), observation: outcomes[j])
            }.reduce(0, +) / Double(outcomes.count)
            let reference = try #require(item["mean_crps"] as? Double)
            let agrees = isClose(mixture, reference, relative: 1e-9)
            #expect(agrees, "\(name): \(mixture) vs properscoring \(reference)")
        }
    }

    @Test func shrinkageAndSimplexProjection() {
        let third: Double = 1.0 / 3
        let none: [Double] = Stacking.shrunk([1, 0, 0], origins: 0)
        #expect(none == [third, third, third])
        let two: [Double] = Stacking.shrunk([1, 0], origins: 2)  // (2·w + 2·½)/4
        #expect(abs(two[0] - 0.75) < 1e-15)
        #expect(abs(two[1] - 0.25) < 1e-15)
        let projected: [Double] = Stacking.projectOntoSimplex([0.9, 0.6, -2])
        #expect(abs(projected[0] - 0.65) < 1e-15)
        #expect(abs(projected[1] - 0.35) < 1e-15)
        #expect(projected[2] == 0)
        // Without predictions: equal weights.
        let equal: [Double] = Stacking.crpsWeights(models: 4, forecasts: [], observations: [])
        #expect(equal == [0.25, 0.25, 0.25, 0.25])
    }

    // MARK: Change point

    /// Quarterly counts of a Poisson process whose rate drops from 6 to 1.5 per year at 2020.5.
    static func simulatedChange(seed: UInt64) -> RealizedSeries {
        var generator = SeededGenerator(seed: seed)
        let times = (0...40).map { 2015.0 + Double($0) / 4 }
        var counts = [0.0]
        for t in times.dropFirst() {
            let rate = t <= 2020.5 ? 6.0 : 1.5
            counts.append(counts[counts.count - 1] + Double((try? generator.nextPoisson(mean: rate / 4)) ?? 0))
        }
        return RealizedSeries(times: times, counts: counts)
    }

    @Test func changePointRecoversAKnownChangeWithinItsInterval() throws {
        var found = 0, inside = 0
        for seed in UInt64(1)...20 {
            let estimate = try #require(ChangePointFit.estimate(Self.simulatedChange(seed: seed)))
            guard let change = estimate.change, let interval = estimate.interval else { continue }  // BIC kept none
            found += 1
            #expect(interval.lower <= change && change <= interval.upper)
            #expect(estimate.rateAfter < estimate.rateBefore)
            if interval.lower <= 2020.5 && 2020.5 <= interval.upper { inside += 1 }
        }
        // A fourfold drop over five years each side: BIC finds it nearly always, and the 95%
        // profile interval holds the true date nearly always.
        #expect(found >= 17, "a change found in \(found) of 20 series")
        #expect(Double(inside) >= 0.85 * Double(found), "true change date inside the interval in \(inside) of \(found) series")
    }

    @Test func constantRateKeepsNoChangeAndAnEmptySegmentKeepsAPositiveRate() throws {
        let times = (0...40).map { 2015.0 + Double($0) / 4 }
        let steady = RealizedSeries(times: times, counts: times.indices.map { Double($0) })  // one per quarter
        let estimate = try #require(ChangePointFit.estimate(steady))
        #expect(estimate.change == nil)
        #expect(abs(estimate.rateAfter - 40.5 / 10) < 1e-12)  // (N + ½)/E
        // Arrivals stop at 2021: a change, and the later rate is small but not 0.
        let stopped = RealizedSeries(times: times, counts: times.map { min($0, 2021) - 2015 }.map { ($0 * 8).rounded() })
        let stop = try #require(ChangePointFit.estimate(stopped))
        #expect(stop.change == 2021)
        #expect(stop.rateAfter > 0 && stop.rateAfter < 0.2)
    }

    @Test func changePointCandidateInAScenario() throws {
        let text = Scenarios.china(models: ["nhpp-changepoint", "nhpp-linear"], backtest: "{origins: [2021-12-31, 2022-12-31], horizon_years: 3, draws: 50}")
        let result = try RunnerTests.run(text)
        let row = try #require(result.candidates.first { $0.name == "nhpp-changepoint" })
        #expect(row.isUsable && row.parameters.map(\.name) == ["rate1", "rate2", "change"])
        #expect(result.projection.allSatisfy { $0.mean.isFinite && $0.intervals.allSatisfy { $0.lower <= $0.upper } })
    }

    // MARK: Combination

    @Test func theOrderOfTheModelListChangesNothing() throws {
        let models = ["nhpp-linear", "nhpp-changepoint", "linear"]
        let backtest = "{origins: [2020-12-31, 2021-12-31, 2022-12-31], horizon_years: 3, draws: 60}"
        let one = try RunnerTests.run(Scenarios.china(models: models, backtest: backtest))
        let other = try RunnerTests.run(Scenarios.china(models: models.reversed(), backtest: backtest))
        // Everything but the scenario text's own digest.
        let strip = { (result: ForecastResult) in
            RunnerTests.fingerprint(result).split(separator: "\n").filter { !$0.contains("scenarioSHA256") }.joined(separator: "\n")
        }
        #expect(strip(one) == strip(other))
        let weights = one.candidates.map(\.weight)
        #expect(abs(weights.reduce(0, +) - 1) < 1e-12)
        #expect(one.candidates.allSatisfy { $0.skillWeight != nil && $0.akaikeWeight != nil })
        // The combination's prequential backtest covers the predictions of the three common origins.
        let combined = try #require(one.combinationBacktest)
        #expect(combined.predictions == one.backtestPoints.filter { $0.model == SkillCombination.combinationName }.count)
        #expect(combined.crps.map { $0 > 0 } == true && combined.pitHistogram.count == 10)
        #expect(abs(combined.pitHistogram.reduce(0, +) - 1) < 1e-9)
    }

    @Test func withoutBacktestsTheModelsAreWeightedEqually() throws {
        let result = try RunnerTests.run(Scenarios.china(models: ["nhpp-linear", "linear", "nhpp-changepoint"], backtest: "{origins: [], draws: 50}"))
        #expect(result.candidates.allSatisfy { abs($0.weight - 1.0 / 3) < 1e-12 })
        #expect(result.combinationNote.contains("equal weights"))
        #expect(result.combinationBacktest == nil)
    }

    // MARK: Target statements

    @Test func noDrawReachingTheTargetIsABoundNotZero() throws {
        let t = TargetAnalysis(target: Target(count: 40, by: 2026, label: "2025-12-31"), probability: 0, monteCarloError: 0,
                               expectedShortfall: 6, medianDate: nil, dateIntervals: [], notReachedProbability: 1,
                               answeredFromData: nil, drawCount: 5000)
        #expect(t.probabilityText.hasPrefix("< 0.0006 (0 of 5000 draws"))
        let all = TargetAnalysis(target: t.target, probability: 1, monteCarloError: 0, expectedShortfall: 0, medianDate: 2025.5,
                                 dateIntervals: [], notReachedProbability: 0, answeredFromData: nil, drawCount: 1000)
        #expect(all.probabilityText.hasPrefix("> 0.997 (all 1000 draws"))
    }

    @Test func aPassedTargetDateIsACheckOfTheData() throws {
        let scenario = try Scenarios.parse(Scenarios.china(models: ["nhpp-linear"]))
        let late = try ScenarioRunner(scenario: scenario, threads: 1, today: 2026.9).run()
        #expect(late.targetIsPast && late.asOf == "2025-09-09")
        #expect(late.notes.contains { $0.contains("a check of the data, not a forecast") })
        let early = try ScenarioRunner(scenario: scenario, threads: 1, today: 2025.8).run()
        #expect(!early.targetIsPast)
    }
}

/// `series.observed_to`: a later stretch without events is data.
@Suite("End of observation for events")
struct ObservedToTests {
    static func text(_ observedTo: String) -> String {
        """
        schema: 1
        name: observed to
        series:
          file: manufacturing_usa.csv
          kind: events
          date_column: founded_year
          start: 2012-01-01
          resolution: month
          observed_to: \(observedTo)
        models: [nhpp-linear]
        target: {count: 20, by: 2028-12-31}
        horizon: 2030-12-31
        uncertainty: {draws: 200}
        backtest: {origins: [], draws: 50}
        """
    }

    @Test func aLaterEndOfObservationExtendsTheWindow() throws {
        let scenario = try Scenarios.parse(Self.text("2026-06-30"))
        #expect(abs(scenario.series.end - CalendarDayTime.endOf(2026, 6, 30)) < 1e-12)
        #expect(scenario.series.notes.contains { $0.contains("is data, not a gap") })
        // The constant rate is lower with the quiet stretch counted as exposure.
        let base = try Scenarios.parse(Self.text("2024-12-31"))
        let later = try ScenarioRunner(scenario: scenario, threads: 1).run()
        let earlier = try ScenarioRunner(scenario: base, threads: 1).run()
        let rate = { (r: ForecastResult) in r.candidates[0].parameters[0].estimate }
        #expect(rate(later) < rate(earlier))
    }

    @Test func anEndBeforeTheLatestEventIsAnError() {
        #expect(throws: (any Error).self) { try Scenarios.parse(Self.text("2020-01-01")) }
        do {
            _ = try Scenarios.parse(Self.text("2020-01-01"))
        } catch {
            #expect("\(error)".contains("series.observed_to"))
        }
    }
}

/// The end of a day as a decimal year, for expectations.
enum CalendarDayTime {
    static func endOf(_ year: Int, _ month: Int, _ day: Int) -> Double {
        let days = (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 366.0 : 365.0
        let monthDays = [31, days == 366 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let dayOfYear = monthDays.prefix(month - 1).reduce(0, +) + day  // the next day's index, 0-based
        return Double(year) + Double(dayOfYear) / days
    }
}

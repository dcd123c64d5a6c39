import CurveFitting
import Foundation
import Testing

@testable import Forecasting

/// Maximum-likelihood fits of the Poisson-process models and the least-squares refit, against
/// scipy on China's official counts (`Fixtures/make_poisson_fits.py` → `poisson_fits.json`).
@Suite("Poisson-process and least-squares fits vs scipy")
struct PoissonFitTests {
    static var reference: [String: Any] { (try? Repo.fixture("poisson_fits.json")) ?? [:] }

    /// The series as the loader reads it: the official counts, lower bounds left out.
    static func series() throws -> CountSeries {
        try Scenarios.parse(Scenarios.china(models: ["nhpp-linear"])).series
    }

    @Test func realizedSeriesMatchesTheMidpointsOfTheSpans() throws {
        let realized = try Self.series().realized()
        let times = doubles(Self.reference["times"])
        let counts = doubles(Self.reference["counts"])
        #expect(times.count == 18 && counts.count == 18)
        #expect(realized.times.count == times.count)
        for (a, b) in zip(realized.times, times) { #expect(abs(a - b) < 1e-12, "time \(a) vs scipy script \(b)") }
        #expect(realized.counts == counts)
        #expect(try Self.series().lastCount == 33)
    }

    @Test(arguments: ["nhpp-logistic", "nhpp-gompertz", "nhpp-bass", "nhpp-linear"])
    func processMaximumLikelihoodMatchesScipy(name: String) throws {
        let expected = try #require((Self.reference["process"] as? [String: Any])?[name] as? [String: Any])
        let model = try ForecastModel.named(name, origin: 2015)
        let outcome = ModelFitting.fit(model, to: try Self.series().realized())
        let fit = try #require(outcome.fit, "\(name) not fitted: \(outcome.failure ?? "")")
        let estimates = doubles(expected["estimates"])
        // Quasi-Poisson standard errors: the expected-information ones times √dispersion.
        let errors = doubles(expected["se_quasi"])
        let dispersion = try #require(expected["dispersion"] as? Double)
        #expect(abs(fit.dispersion - dispersion) <= 1e-6 * dispersion, "\(name) dispersion \(fit.dispersion) vs \(dispersion)")
        #expect(fit.estimates.count == estimates.count)
        for (k, (a, b)) in zip(fit.estimates, estimates).enumerated() {
            #expect(isClose(a, b, relative: 1e-6), "\(name) \(model.parameterNames[k]): \(a) vs scipy \(b)")
        }
        let logLik = try #require(expected["log_likelihood"] as? Double)
        #expect(abs(fit.logLikelihood - logLik) < 1e-8, "\(name) logLik \(fit.logLikelihood) vs scipy \(logLik)")
        for (k, (a, b)) in zip(fit.standardErrors, errors).enumerated() {
            let se = try #require(a, "\(name) \(model.parameterNames[k]) has no standard error")
            #expect(isClose(se, b, relative: 1e-4), "\(name) SE(\(model.parameterNames[k])): \(se) vs scipy \(b)")
        }
        // AICc with n = increments and k = p, computed by hand in the fixture.
        #expect(fit.observationCount == expected["n"] as? Int)
        #expect(fit.estimatedParameterCount == expected["k"] as? Int)
        let aicc = try #require(fit.aicc)
        #expect(abs(aicc - (try #require(expected["aicc"] as? Double))) < 1e-7)
    }

    @Test func leastSquaresLogisticMatchesScipy() throws {
        let expected = try #require(Self.reference["least_squares_logistic"] as? [String: Any])
        let estimates = doubles(expected["estimates"])
        let realized = try Self.series().realized()
        let model = try ForecastModel.named("logistic", origin: 2015)

        // The bootstrap's refitter, from a start away from the solution.
        let fitter = CountFitter(curve: model.curve, objective: .leastSquares, series: realized)
        let refit = try #require(fitter.fit(from: [45, 2022, 3]))
        #expect(refit.converged)
        for (a, b) in zip(refit.parameters, estimates) { #expect(isClose(a, b, relative: 1e-6), "CountFitter \(a) vs scipy \(b)") }
        #expect(isClose(refit.objective, try #require(expected["rss"] as? Double), relative: 1e-9))

        // The candidate fit (CurveFitter): estimates, Gaussian logLik and AICc with k = p + 1.
        let fit = try #require(ModelFitting.fit(model, to: realized).fit)
        for (a, b) in zip(fit.estimates, estimates) { #expect(isClose(a, b, relative: 1e-6), "CurveFitter \(a) vs scipy \(b)") }
        for (a, b) in zip(fit.standardErrors, doubles(expected["se"])) {
            #expect(isClose(try #require(a), b, relative: 1e-4), "SE \(String(describing: a)) vs scipy \(b)")
        }
        #expect(abs(fit.logLikelihood - (try #require(expected["log_likelihood"] as? Double))) < 1e-8)
        #expect(fit.observationCount == expected["n"] as? Int && fit.estimatedParameterCount == expected["k"] as? Int)
        #expect(abs(try #require(fit.aicc) - (try #require(expected["aicc"] as? Double))) < 1e-7)
    }

    /// Merging the periods without arrivals leaves the likelihood unchanged, so a day-resolution
    /// fit on the merged grid (a few dozen periods) reaches the full grid's maximum (thousands).
    @Test func mergingEmptyPeriodsKeepsTheMaximum() throws {
        let days = (0...3650).map { 2015 + Double($0) / 365 }
        // 20 events at the quantiles of a logistic curve centred on 2020 (scale one year): a saturating series.
        let eventDays = (0..<20).map { i -> Int in
            let u = (Double(i) + 0.5) / 20
            return Int(((5 + log(u / (1 - u))) * 365).rounded())
        }
        var counts = [Double](repeating: 0, count: days.count)
        for i in 1..<days.count { counts[i] = counts[i - 1] + Double(eventDays.filter { $0 == i }.count) }
        let series = RealizedSeries(times: days, counts: counts)
        let model = try ForecastModel.named("nhpp-logistic", origin: 2015)
        let full = CountFitter(curve: model.curve, objective: .poisson, series: series)
        let merged = CountFitter(curve: model.curve, objective: .poisson, series: series, mergingEmptyPeriods: true)
        #expect(merged.times.count <= 2 * eventDays.count + 2, "\(merged.times.count) merged times")
        #expect(merged.targets.reduce(0, +) == counts.last)
        let start = [25.0, 2021, 1.5]
        let a = try #require(full.fit(from: start)), b = try #require(merged.fit(from: start))
        #expect(a.converged && b.converged)
        for (x, y) in zip(a.parameters, b.parameters) { #expect(isClose(x, y, relative: 1e-6), "\(x) vs \(y)") }
        // The same function of the parameters: deviance and log-likelihood at one point agree.
        let muFull = try #require(full.means(b.parameters)), muMerged = try #require(merged.means(b.parameters))
        #expect(isClose(full.objectiveValue(muFull), merged.objectiveValue(muMerged), relative: 1e-10))
        #expect(isClose(full.poissonLogLikelihood(muFull), merged.poissonLogLikelihood(muMerged), relative: 1e-10))
    }

    @Test func informationCriterionFormula() {
        // −2ℓ + 2k + 2k(k+1)/(n−k−1) by hand: ℓ = −24.5, k = 3, n = 17 → 49 + 6 + 24/13.
        #expect(abs(FittedModel.informationCriterion(logLikelihood: -24.5, parameters: 3, observations: 17)! - (55 + 24.0 / 13)) < 1e-12)
        #expect(FittedModel.informationCriterion(logLikelihood: -1, parameters: 3, observations: 4) == nil)
    }

    @Test func akaikeWeightsByHand() {
        let w = akaikeWeights([10, 12, nil, 11])
        let raw: [Double] = [1, Foundation.exp(-1.0), 0, Foundation.exp(-0.5)]
        let total = raw.reduce(0, +)
        for (a, b) in zip(w, raw.map { $0 / total }) { #expect(abs(a - b) < 1e-15) }
    }
}

/// The quasi-Poisson dispersion is used only when Pearson's statistic shows overdispersion.
@Suite("Quasi-Poisson dispersion")
struct DispersionTests {
    /// χ²(10) has its 95% quantile at 18.307038 and χ²(1) at 3.841459 (scipy.stats.chi2.ppf).
    @Test func onlyAboveTheChiSquareQuantile() {
        #expect(ModelFitting.dispersion(pearson: 18.30, degreesOfFreedom: 10) == 1)
        #expect(ModelFitting.dispersion(pearson: 18.31, degreesOfFreedom: 10) == 1.831)
        #expect(ModelFitting.dispersion(pearson: 40, degreesOfFreedom: 10) == 4)
        #expect(ModelFitting.dispersion(pearson: 3.84, degreesOfFreedom: 1) == 1)
        #expect(ModelFitting.dispersion(pearson: 3.85, degreesOfFreedom: 1) == 3.85)
        #expect(ModelFitting.dispersion(pearson: 100, degreesOfFreedom: 0) == 1)  // no residual degrees of freedom
    }

    /// China's provincial counts (19, 48, 223, >260) vary far more than Poisson counts: the fit
    /// of a constant rate reports the dispersion, and its standard error is scaled by its root.
    @Test func provincialCountsAreOverdispersed() throws {
        let times = [2017.19, 2018.08, 2022.5, 2024.71]
        let counts = [19.0, 48, 223, 260]
        let model = try ForecastModel.named("nhpp-linear", origin: 2017)
        let fit = try #require(ModelFitting.fit(model, to: RealizedSeries(times: times, counts: counts)).fit)
        // Maximum likelihood for a constant rate: total arrivals over total time.
        let rate = (260.0 - 19) / (2024.71 - 2017.19)
        #expect(abs(fit.estimates[0] - rate) < 1e-8 * rate)
        let increments = [29.0, 175, 37], widths = [2018.08 - 2017.19, 2022.5 - 2018.08, 2024.71 - 2022.5]
        let pearson = zip(increments, widths).reduce(0) { $0 + pow($1.0 - rate * $1.1, 2) / (rate * $1.1) }
        #expect(pearson > 5.991)  // the 95% quantile of χ²(2)
        #expect(abs(fit.dispersion - pearson / 2) < 1e-9 * pearson)
        // Poisson SE of a rate: √(rate/T); quasi-Poisson: times √φ.
        let se = try #require(fit.standardErrors[0])
        #expect(abs(se - (rate / (2024.71 - 2017.19) * pearson / 2).squareRoot()) < 1e-6 * se)
    }
}

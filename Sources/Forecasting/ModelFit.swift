import CurveFitting
import Foundation
import Probability

/// A candidate model fitted to a series: estimates, their standard errors and the information
/// criterion of its family.
public struct FittedModel: Sendable {
    public let model: ForecastModel
    public let estimates: [Double]
    /// Standard errors (`nil` where the covariance is not estimable); for a count process the
    /// quasi-likelihood ones, the Poisson (Fisher-information) errors times `√dispersion`.
    public let standardErrors: [Double?]
    /// The Gaussian (curve) or Poisson (process) log-likelihood at the estimate.
    public let logLikelihood: Double
    /// The number of data points the likelihood counts: statements or periods (curve: cumulative
    /// counts; process: increments).
    public let observationCount: Int
    /// The number of estimated parameters in AICc (curve: `p + 1`, counting σ; process: `p`).
    public let estimatedParameterCount: Int
    /// AICc = `−2ℓ + 2k + 2k(k+1)/(n − k − 1)`; `nil` when `n − k − 1 ≤ 0`.
    public let aicc: Double?
    /// Count processes: the dispersion `φ = X²/(n − p)`, Pearson's `X² = Σ (y − μ)²/μ` over the
    /// periods, when `X²` exceeds the 95% quantile of χ² with `n − p` degrees of freedom
    /// (overdispersion), otherwise 1; the variance of a period's count is taken as `φ·μ`
    /// (quasi-Poisson) in the bootstrap and the simulated arrivals. 1 for growth curves.
    public let dispersion: Double
    /// The solver's outcome in words.
    public let message: String
    /// Residuals `y − m(t)` of a curve fit (empty for a process), resampled by the bootstrap.
    let residuals: [Double]

    /// `−2ℓ + 2k + 2k(k+1)/(n − k − 1)`, or `nil` when the denominator is not positive.
    static func informationCriterion(logLikelihood: Double, parameters k: Int, observations n: Int) -> Double? {
        guard n - k - 1 > 0 else { return nil }
        return -2 * logLikelihood + 2 * Double(k) + 2 * Double(k * (k + 1)) / Double(n - k - 1)
    }
}

/// The outcome of fitting one candidate: a fit, or the reason there is none.
public struct CandidateOutcome: Sendable {
    public let model: ForecastModel
    public let fit: FittedModel?
    /// Why the candidate could not be fitted.
    public let failure: String?
}

/// Fits candidate models to a series.
enum ModelFitting {
    /// Fits `model` to `series` (dates at their midpoints).
    static func fit(_ model: ForecastModel, to series: RealizedSeries) -> CandidateOutcome {
        do {
            let fit = try model.family == .curve ? fitCurve(model, series) : fitProcess(model, series)
            return CandidateOutcome(model: model, fit: fit, failure: nil)
        } catch {
            return CandidateOutcome(model: model, fit: nil, failure: "\(error)")
        }
    }

    private static func fitCurve(_ model: ForecastModel, _ series: RealizedSeries) throws -> FittedModel {
        let start = try selfStart(model, x: series.times, y: series.counts)
        let problem = try FitProblem(model: model.curve, predictors: Predictors(series.times), response: series.counts)
        let result = try CurveFitter.fit(problem, start: start)
        guard result.isUsable else { throw ForecastError.insufficientData("the least-squares fit \(result.termination)") }
        return FittedModel(model: model, estimates: result.estimates, standardErrors: result.parameters.map(\.standardError),
                           logLikelihood: result.logLikelihood, observationCount: series.times.count,
                           estimatedParameterCount: model.curve.parameterCount + 1, aicc: result.aicc.isFinite ? result.aicc : nil,
                           dispersion: 1,
                           message: result.termination.description,
                           residuals: zip(series.counts, result.fitted).map { $0 - $1 })
    }

    /// Maximum likelihood for the Poisson process, started from the least-squares fit of the
    /// curve to the arrivals since the first time (or its self-start when that fit fails).
    private static func fitProcess(_ model: ForecastModel, _ series: RealizedSeries) throws -> FittedModel {
        if model.isChangePoint { return try fitChangePoint(model, series) }
        let p = model.curve.parameterCount
        let n = series.times.count - 1
        guard n >= p else {
            throw ForecastError.insufficientData("\(n) periods are too few to fit \(p) parameter\(p == 1 ? "" : "s")")
        }
        let base = series.counts.first ?? 0
        let arrivals = series.counts.map { $0 - base }
        var start = try selfStart(model, x: series.times, y: arrivals)
        if let problem = try? FitProblem(model: model.curve, predictors: Predictors(series.times), response: arrivals),
           let leastSquares = try? CurveFitter.fit(problem, start: start), leastSquares.isUsable {
            start = leastSquares.estimates
        }
        let fitter = CountFitter(curve: model.curve, objective: .poisson, series: series, mergingEmptyPeriods: true)
        guard let fit = fitter.fit(from: start), fit.converged, let mu = fitter.means(fit.parameters) else {
            throw ForecastError.insufficientData("the maximum-likelihood fit did not converge from the least-squares start")
        }
        let covariance = CountFitter(curve: model.curve, objective: .poisson, series: series).poissonCovariance(at: fit.parameters)
        let pearson = zip(fitter.targets, mu).reduce(0) { $0 + ($1.1 > 0 ? ($1.0 - $1.1) * ($1.0 - $1.1) / $1.1 : 0) }
        let dispersion = Self.dispersion(pearson: pearson, degreesOfFreedom: n - p)
        let errors: [Double?] = (0..<p).map { k in
            guard let variance = covariance?[k][k], variance >= 0, variance.isFinite else { return nil }
            return (variance * dispersion).squareRoot()
        }
        let logLikelihood = fitter.poissonLogLikelihood(mu)
        let note = covariance == nil ? "; the Fisher information is singular, no standard errors" : ""
        return FittedModel(model: model, estimates: fit.parameters, standardErrors: errors, logLikelihood: logLikelihood,
                           observationCount: n, estimatedParameterCount: p,
                           aicc: FittedModel.informationCriterion(logLikelihood: logLikelihood, parameters: p, observations: n),
                           dispersion: dispersion,
                           message: "converged: maximum likelihood after \(fit.iterations) Fisher-scoring steps; dispersion "
                               + String(format: "%.2f", dispersion) + note,
                           residuals: [])
    }

    /// The change-point process by its profile search (see ``ChangePointFit``).
    private static func fitChangePoint(_ model: ForecastModel, _ series: RealizedSeries) throws -> FittedModel {
        let n = series.times.count - 1
        guard n >= 3, let estimate = ChangePointFit.estimate(series), let origin = (model.curve as? ChangePointRate)?.origin else {
            throw ForecastError.insufficientData("\(n) periods are too few to look for a change of rate")
        }
        let theta = estimate.parameters(origin: origin)
        let fitter = CountFitter(curve: model.curve, objective: .poisson, series: series, mergingEmptyPeriods: true)
        guard let mu = fitter.means(theta) else { throw ForecastError.insufficientData("the change-point means are not finite") }
        let k = estimate.change == nil ? 1 : 3
        let pearson = zip(fitter.targets, mu).reduce(0) { $0 + ($1.1 > 0 ? ($1.0 - $1.1) * ($1.0 - $1.1) / $1.1 : 0) }
        let dispersion = Self.dispersion(pearson: pearson, degreesOfFreedom: n - k)
        let first = series.times[0], last = series.times[n]
        let split = estimate.change ?? first
        func count(at time: Double) -> Double {
            let index = series.times.lastIndex { $0 <= time + 1e-12 } ?? 0
            return series.counts[index]
        }
        func rateError(_ a: Double, _ b: Double) -> Double? {
            guard b > a else { return nil }
            let arrivals = count(at: b) - count(at: a)
            return ((arrivals + 0.5) * dispersion).squareRoot() / (b - a)
        }
        let errors: [Double?] = estimate.change == nil
            ? [nil, rateError(first, last), nil] : [rateError(first, split), rateError(split, last), nil]
        let logLikelihood = fitter.poissonLogLikelihood(mu)
        let rates = "rate \(String(format: "%.3g", estimate.rateBefore)) → \(String(format: "%.3g", estimate.rateAfter)) per year"
        let description: String
        if let change = estimate.change, let interval = estimate.interval {
            description = "one change of rate at \(DecimalYear.dayText(change)) (95% interval \(DecimalYear.dayText(interval.lower))"
                + " to \(DecimalYear.dayText(interval.upper))): " + rates
        } else {
            description = "no change of rate kept by BIC: constant rate \(String(format: "%.3g", estimate.rateAfter)) per year"
        }
        return FittedModel(model: model, estimates: theta, standardErrors: errors, logLikelihood: logLikelihood,
                           observationCount: n, estimatedParameterCount: k,
                           aicc: FittedModel.informationCriterion(logLikelihood: logLikelihood, parameters: k, observations: n),
                           dispersion: dispersion,
                           message: description + "; dispersion " + String(format: "%.2f", dispersion), residuals: [])
    }

    /// The curve's self-start on the data, or, when that fails because of zero counts (a
    /// Gompertz or Richards curve is never 0), on the positive counts only.
    private static func selfStart(_ model: ForecastModel, x: [Double], y: [Double]) throws -> [Double] {
        do {
            return try model.selfStart(x, y)
        } catch {
            let positive = y.indices.filter { y[$0] > 0 }
            guard positive.count < y.count, positive.count > model.curve.parameterCount,
                  let start = try? model.selfStart(positive.map { x[$0] }, positive.map { y[$0] }) else { throw error }
            return start
        }
    }

    /// The quasi-Poisson dispersion `X²/df` when Pearson's statistic shows overdispersion (`X²`
    /// above the 95% quantile of χ² with `df` degrees of freedom), otherwise 1: counts that vary
    /// as Poisson counts do keep Poisson intervals, whose coverage the calibration study checks.
    static func dispersion(pearson: Double, degreesOfFreedom df: Int) -> Double {
        guard df > 0, let chiSquared = try? ChiSquared(degreesOfFreedom: Double(df)),
              pearson > chiSquared.quantile(0.95) else { return 1 }
        return pearson / Double(df)
    }

    /// The iteration limit of a bootstrap refit. Refits start at the previous stage's estimate
    /// and mostly converge within 20 iterations; one still going after 100 is crawling along a
    /// ridge (a level running off to infinity) and is treated as failed, so that its draw is
    /// redrawn instead of costing 200 iterations.
    static let refitIterations = 100

    /// Refits `model` to a resampled series from `start` (the bootstrap's warm start); `nil`
    /// when the refit fails.
    static func refit(_ model: ForecastModel, to series: RealizedSeries, from start: [Double]) -> [Double]? {
        if model.isChangePoint, let origin = (model.curve as? ChangePointRate)?.origin {
            return ChangePointFit.estimate(series)?.parameters(origin: origin)
        }
        let fitter = CountFitter(curve: model.curve, objective: model.family == .curve ? .leastSquares : .poisson,
                                 series: series, mergingEmptyPeriods: true)
        guard let fit = fitter.fit(from: start, maximumIterations: refitIterations), fit.converged, fit.parameters.allSatisfy(\.isFinite)
        else { return nil }
        return fit.parameters
    }
}

/// Akaike weights over candidates of one family: `wᵢ ∝ exp(−(AICcᵢ − min AICc)/2)`, 0 for
/// candidates without an AICc.
func akaikeWeights(_ aicc: [Double?]) -> [Double] {
    let best = aicc.compactMap { $0 }.min() ?? 0
    let raw = aicc.map { $0.map { exp(-($0 - best) / 2) } ?? 0 }
    let total = raw.reduce(0, +)
    return total > 0 ? raw.map { $0 / total } : raw
}

import Foundation
import LinearAlgebra
import Probability

/// A parameter's estimate with its uncertainty.
public struct ParameterEstimate: Sendable, Equatable {
    public let name: String
    public let estimate: Double
    /// Standard error from the covariance, `nil` when the covariance is not estimable.
    public let standardError: Double?
    /// `estimate / standardError`.
    public let tValue: Double?
    /// Two-sided p-value of `tValue` under Student's t with `n − p` degrees of freedom.
    public let pValue: Double?
    /// t-based confidence interval at the result's level.
    public let confidenceLower: Double?
    public let confidenceUpper: Double?
}

/// The fitted curve at one point with its delta-method uncertainty.
public struct CurveBand: Sendable, Equatable {
    /// `f(x; θ̂)`.
    public let fitted: Double
    /// Standard error of the fitted mean, `√(gᵀ·Cov·g)` with `g = ∂f/∂θ` at `θ̂`.
    public let standardError: Double
    /// Confidence band for the mean curve.
    public let confidenceLower: Double, confidenceUpper: Double
    /// Prediction band for a new observation (adds the residual variance `σ²`).
    public let predictionLower: Double, predictionUpper: Double
}

/// The outcome of a nonlinear least-squares fit.
///
/// Definitions (`n` observations, `p` parameters, `df = n − p`, weights `wᵢ`):
/// - `RSS = Σ wᵢ (yᵢ − f(xᵢ;θ̂))²`, `σ = √(RSS/df)`;
/// - covariance `σ²·(JᵀJ)⁻¹` computed from the SVD of the column-scaled weighted Jacobian `J`
///   at `θ̂` (singular values below ``FitOptions/rankTolerance`` times the largest make it
///   not estimable — `nil` with a reason);
/// - Gaussian log-likelihood `ℓ = −n/2·(log 2π + log(RSS/n) + 1) + ½Σ log wᵢ`;
///   `AIC = −2ℓ + 2k`, `AICc = AIC + 2k(k+1)/(n−k−1)`, `BIC = −2ℓ + k·log n` with `k = p + 1`
///   (the variance counts as a parameter, as in R's `AIC(nls)`).
public struct FitResult: Sendable {
    public let modelParameterNames: [String]
    public let parameters: [ParameterEstimate]
    public let termination: Termination
    public let iterations: Int
    public let evaluations: Int
    public let observationCount: Int
    public let residualDegreesOfFreedom: Int
    public let residualSumOfSquares: Double
    /// The minimized objective (equals the RSS for the linear loss).
    public let objective: Double
    /// Residual standard deviation (`nil` when `df = 0`).
    public let residualStandardDeviation: Double?
    /// Parameter covariance, or `nil` with ``covarianceUnavailableReason``.
    public let covariance: Matrix?
    public let covarianceUnavailableReason: String?
    public let logLikelihood: Double
    public let aic: Double
    public let aicc: Double
    public let bic: Double
    public let fitted: [Double]
    public let residuals: [Double]
    public let confidenceLevel: Double
    /// Notes for the user (estimates on bounds, robust-loss caveats).
    public internal(set) var notes: [String]
    public let iterationLog: [IterationRecord]
    private let problem: FitProblem

    /// Whether the fit converged and can be used.
    public var isUsable: Bool { termination.isUsable }
    /// The estimates in parameter order.
    public var estimates: [Double] { parameters.map(\.estimate) }

    init(problem: FitProblem, solver: LevenbergMarquardt, options: FitOptions) {
        self.problem = problem
        let (n, p) = (problem.observationCount, problem.parameterCount)
        let theta = solver.parameters
        let names = problem.model.parameterNames
        modelParameterNames = names
        termination = solver.termination ?? .iterationLimit(solver.iterations)
        iterations = solver.iterations
        evaluations = solver.evaluations
        observationCount = n
        residualDegreesOfFreedom = n - p
        objective = solver.currentObjective
        confidenceLevel = options.confidenceLevel
        iterationLog = solver.iterationLog

        var gradient = [Double](repeating: 0, count: p)
        var jacobian = [Double](repeating: 0, count: n * p)
        var fitted = [Double](repeating: 0, count: n)
        var rss = 0.0
        for i in 0..<n {
            fitted[i] = problem.model.value(row: i, of: problem.predictors, parameters: theta, gradient: &gradient)
            let w = problem.weights?[i] ?? 1
            let e = problem.response[i] - fitted[i]
            rss += w * e * e
            for j in 0..<p { jacobian[i + j * n] = gradient[j] * w.squareRoot() }
        }
        self.fitted = fitted
        residuals = (0..<n).map { problem.response[$0] - fitted[$0] }
        residualSumOfSquares = rss
        let df = n - p
        let sigma: Double? = df > 0 ? (rss / Double(df)).squareRoot() : nil
        residualStandardDeviation = sigma

        var notes: [String] = []
        let (covariance, reason) = Self.covariance(jacobian: jacobian, rows: n, names: names, sigma: sigma,
                                                   rankTolerance: options.rankTolerance)
        self.covariance = covariance
        covarianceUnavailableReason = reason
        let onBound = problem.bounds.indicesOnBound(theta)
        if !onBound.isEmpty {
            notes.append("estimate on a bound for \(onBound.map { names[$0] }.joined(separator: ", ")): "
                         + "its standard error and interval are not reliable")
        }
        if !problem.loss.isLinear {
            notes.append("robust loss \(problem.loss): standard errors use the ordinary least-squares formula at the robust estimate")
        }
        self.notes = notes

        let t = df > 0 ? try? StudentT(degreesOfFreedom: Double(df)) : nil
        let critical = t?.quantile(0.5 + options.confidenceLevel / 2)
        parameters = (0..<p).map { j in
            let se = covariance.map { $0[j, j].squareRoot() }
            let tValue = se.flatMap { $0 > 0 ? theta[j] / $0 : nil }
            return ParameterEstimate(
                name: names[j], estimate: theta[j], standardError: se, tValue: tValue,
                pValue: tValue.flatMap { value in t.map { 2 * $0.survival(abs(value)) } },
                confidenceLower: se.flatMap { s in critical.map { theta[j] - $0 * s } },
                confidenceUpper: se.flatMap { s in critical.map { theta[j] + $0 * s } })
        }

        let logWeights = problem.weights?.reduce(0) { $0 + log($1) } ?? 0
        let nd = Double(n)
        logLikelihood = rss > 0 ? -nd / 2 * (log(2 * Double.pi) + log(rss / nd) + 1) + logWeights / 2 : .infinity
        let k = Double(p + 1)
        aic = -2 * logLikelihood + 2 * k
        aicc = nd - k - 1 > 0 ? aic + 2 * k * (k + 1) / (nd - k - 1) : .infinity
        bic = -2 * logLikelihood + k * log(nd)
    }

    /// `σ²·(JᵀJ)⁻¹` from the SVD of `J·S⁻¹` (`S` = column norms), or the reason it is not estimable.
    static func covariance(jacobian: [Double], rows n: Int, names: [String], sigma: Double?, rankTolerance: Double)
        -> (Matrix?, String?)
    {
        let p = names.count
        guard let sigma else { return (nil, "no residual degrees of freedom (as many observations as parameters)") }
        guard jacobian.allSatisfy(\.isFinite) else { return (nil, "the Jacobian is not finite at the estimate") }
        var scaled = jacobian
        var scales = [Double](repeating: 1, count: p)
        for j in 0..<p {
            var norm2 = 0.0
            for i in 0..<n { norm2 += jacobian[i + j * n] * jacobian[i + j * n] }
            scales[j] = norm2 > 0 ? norm2.squareRoot() : 1
            for i in 0..<n { scaled[i + j * n] /= scales[j] }
        }
        guard let svd = try? SingularValueDecomposition(Matrix(rows: n, columns: p, columnMajor: scaled)) else {
            return (nil, "the singular value decomposition of the Jacobian failed")
        }
        let rank = svd.rank(relativeTolerance: rankTolerance)
        guard rank == p else {
            let v = svd.vTransposed
            let null = (0..<p).map { abs(v[p - 1, $0]) }
            let threshold = 0.1 * (null.max() ?? 0)
            let involved = (0..<p).filter { null[$0] >= threshold }.map { names[$0] }
            return (nil, "the Jacobian at the estimate has rank \(rank) < \(p): "
                    + "\(involved.joined(separator: ", ")) are not separately identifiable")
        }
        var covariance = Matrix(rows: p, columns: p)
        let s = svd.singularValues
        for a in 0..<p {
            for b in a..<p {
                var sum = 0.0
                for k in 0..<p { sum += svd.vTransposed[k, a] * svd.vTransposed[k, b] / (s[k] * s[k]) }
                let value = sigma * sigma * sum / (scales[a] * scales[b])
                covariance[a, b] = value
                covariance[b, a] = value
            }
        }
        return (covariance, nil)
    }

    /// Confidence and prediction bands of the fitted curve at new predictor values (delta method).
    /// Returns `nil` when the covariance is not estimable.
    public func bands(at predictors: Predictors) -> [CurveBand]? {
        guard let covariance, let sigma = residualStandardDeviation,
              let t = try? StudentT(degreesOfFreedom: Double(residualDegreesOfFreedom)) else { return nil }
        let critical = t.quantile(0.5 + confidenceLevel / 2)
        let p = modelParameterNames.count
        var gradient = [Double](repeating: 0, count: p)
        return (0..<predictors.count).map { i in
            let value = problem.model.value(row: i, of: predictors, parameters: estimates, gradient: &gradient)
            var variance = 0.0
            for a in 0..<p { for b in 0..<p { variance += gradient[a] * covariance[a, b] * gradient[b] } }
            let se = max(variance, 0).squareRoot()
            let predictionSE = (variance + sigma * sigma).squareRoot()
            return CurveBand(fitted: value, standardError: se,
                             confidenceLower: value - critical * se, confidenceUpper: value + critical * se,
                             predictionLower: value - critical * predictionSE, predictionUpper: value + critical * predictionSE)
        }
    }
}

/// Fits nonlinear least-squares problems.
public enum CurveFitter {
    /// Fits `problem` from `start` (``LevenbergMarquardt`` with its restarts).
    /// - Throws: ``FitError`` for an invalid set-up; a fit that runs but fails is reported by
    ///   the result's ``FitResult/termination``, never thrown.
    public static func fit(_ problem: FitProblem, start: [Double], options: FitOptions = .init()) throws -> FitResult {
        var solver = try LevenbergMarquardt(problem: problem, start: start, options: options)
        var kept = options
        kept.initialStepBound = solver.runWithRestarts()
        var result = FitResult(problem: problem, solver: solver, options: kept)
        let outcome = result.isUsable ? "converged" : "best result"
        if solver.usesUnitScaling {
            result.notes.append("\(outcome) after restarting with unit parameter scaling (MINPACK mode 2)")
        } else if kept.initialStepBound != options.initialStepBound {
            result.notes.append("\(outcome) after restarting with initial step bound \(NumberFormatting.compact(kept.initialStepBound))")
        }
        return result
    }
}

/// Compact number text for messages.
enum NumberFormatting {
    static func compact(_ value: Double) -> String { String(format: "%g", value) }
}

import Foundation
import LinearAlgebra
import Probability

/// A parameter's estimate with its uncertainty.
public struct ParameterEstimate: Sendable, Equatable {
    public let name: String
    public let estimate: Double
    /// Standard error from the covariance, `nil` when the covariance is not estimable or the
    /// parameter is fixed.
    public let standardError: Double?
    /// `estimate / standardError`, `nil` when that is not finite.
    public let tValue: Double?
    /// Two-sided p-value of `tValue` under Student's t with `n − p` degrees of freedom (`nil`
    /// without a finite `tValue`).
    public let pValue: Double?
    /// t-based (Wald) confidence interval at the result's level.
    public let confidenceLower: Double?
    public let confidenceUpper: Double?
    /// Whether the parameter was held fixed (see ``FixedParameters``).
    public let isFixed: Bool
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
/// Definitions (`n` observations, `p` free parameters, `df = n − p`, weights `wᵢ`):
/// - `RSS = Σ wᵢ (yᵢ − f(xᵢ;θ̂))²`, `σ = √(RSS/df)`;
/// - covariance `σ²·(JᵀJ)⁻¹` of the free parameters computed from the SVD of the column-scaled
///   weighted Jacobian `J` at `θ̂` (singular values below ``FitOptions/rankTolerance`` times the
///   largest make it not estimable — `nil` with a reason); the correlation matrix
///   `Cov_ab/√(Cov_aa·Cov_bb)`; the variance inflation `[(J̃ᵀJ̃)⁻¹]_jj` (``Identifiability``);
/// - Gaussian log-likelihood `ℓ = −n/2·(log 2π + log(RSS/n) + 1) + ½Σ log wᵢ`;
///   `AIC = −2ℓ + 2k`, `AICc = AIC + 2k(k+1)/(n−k−1)`, `BIC = −2ℓ + k·log n` with `k = p + 1`
///   (the variance counts as a parameter, as in R's `AIC(nls)`).
///
/// The termination has passed ``Identifiability``'s checks: a usable result is stationary,
/// finite and identifiable.
public struct FitResult: Sendable {
    /// Every parameter of the model, fixed ones included.
    public let modelParameterNames: [String]
    /// Every parameter, in model order; fixed ones have ``ParameterEstimate/isFixed``.
    public let parameters: [ParameterEstimate]
    /// The parameters held fixed.
    public let fixed: FixedParameters
    /// The free parameters: the rows and columns of ``covariance`` and ``correlation``.
    public let freeParameterNames: [String]
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
    /// Covariance of the free parameters, or `nil` with ``covarianceUnavailableReason``.
    public let covariance: Matrix?
    public let covarianceUnavailableReason: String?
    /// Variance inflation `[(J̃ᵀJ̃)⁻¹]_jj` of the free parameters (``Identifiability``), `nil`
    /// with the covariance.
    public let varianceInflation: [Double]?
    public let logLikelihood: Double
    public let aic: Double
    public let aicc: Double
    public let bic: Double
    /// `f(xᵢ; θ̂)`.
    public let fitted: [Double]
    /// `yᵢ − f(xᵢ; θ̂)` (unweighted).
    public let residuals: [Double]
    public let confidenceLevel: Double
    /// The options the fit ran with (tolerances, limits; the initial step bound of the run kept).
    public let options: FitOptions
    /// Notes for the user (estimates on bounds, robust-loss caveats).
    public internal(set) var notes: [String]
    public let iterationLog: [IterationRecord]
    /// The problem as given (all parameters).
    let problem: FitProblem
    /// The problem the solver saw (free parameters only).
    let freeProblem: FitProblem
    /// `θ̂` of the free parameters.
    let freeEstimates: [Double]

    /// Whether the fit converged and can be used.
    public var isUsable: Bool { termination.isUsable }
    /// The estimates in parameter order (fixed values included).
    public var estimates: [Double] { parameters.map(\.estimate) }

    /// The correlation matrix of the free parameters, `nil` with the covariance.
    public var correlation: Matrix? {
        guard let covariance else { return nil }
        let p = covariance.rows
        var correlation = Matrix(rows: p, columns: p)
        for a in 0..<p {
            for b in 0..<p { correlation[a, b] = a == b ? 1 : covariance[a, b] / (covariance[a, a] * covariance[b, b]).squareRoot() }
        }
        return correlation
    }

    init(problem: FitProblem, fixed: FixedParameters, solver: LevenbergMarquardt, options: FitOptions) {
        self.problem = problem
        self.fixed = fixed
        let free = solver.problem
        freeProblem = free
        let (n, p) = (free.observationCount, free.parameterCount)
        let theta = solver.parameters
        freeEstimates = theta
        let names = free.model.parameterNames
        modelParameterNames = problem.model.parameterNames
        freeParameterNames = names
        iterations = solver.iterations
        evaluations = solver.evaluations
        observationCount = n
        residualDegreesOfFreedom = n - p
        objective = solver.currentObjective
        confidenceLevel = options.confidenceLevel
        self.options = options
        iterationLog = solver.iterationLog

        var gradient = [Double](repeating: 0, count: p)
        var jacobian = [Double](repeating: 0, count: n * p)
        var fitted = [Double](repeating: 0, count: n)
        var rss = 0.0
        for i in 0..<n {
            fitted[i] = free.model.value(row: i, of: free.predictors, parameters: theta, gradient: &gradient)
            let w = free.weights?[i] ?? 1
            let e = free.response[i] - fitted[i]
            rss += w * e * e
            for j in 0..<p { jacobian[i + j * n] = gradient[j] * w.squareRoot() }
        }
        self.fitted = fitted
        residuals = (0..<n).map { free.response[$0] - fitted[$0] }
        residualSumOfSquares = rss
        let df = n - p
        let sigma: Double? = df > 0 ? (rss / Double(df)).squareRoot() : nil
        residualStandardDeviation = sigma

        var notes: [String] = []
        let estimated = Self.covariance(jacobian: jacobian, rows: n, names: names, sigma: sigma,
                                        rankTolerance: options.rankTolerance)
        covariance = estimated.covariance
        covarianceUnavailableReason = estimated.reason
        varianceInflation = estimated.inflation
        let onBound = free.bounds.indicesOnBound(theta)
        if !onBound.isEmpty {
            notes.append("estimate on a bound for \(onBound.map { names[$0] }.joined(separator: ", ")): "
                         + "its standard error and interval are not reliable")
        }
        if !free.loss.isLinear {
            notes.append("robust loss \(free.loss): standard errors use the ordinary least-squares formula at the robust estimate")
        }

        let t = df > 0 ? try? StudentT(degreesOfFreedom: Double(df)) : nil
        let critical = t?.quantile(0.5 + options.confidenceLevel / 2)
        let freeRows: [ParameterEstimate] = (0..<p).map { j in
            let se = estimated.covariance.map { $0[j, j].squareRoot() }
            let tValue = se.flatMap { $0 > 0 && $0.isFinite ? theta[j] / $0 : nil }.flatMap { $0.isFinite ? $0 : nil }
            return ParameterEstimate(
                name: names[j], estimate: theta[j], standardError: se, tValue: tValue,
                pValue: tValue.flatMap { value in t.map { 2 * $0.survival(abs(value)) } },
                confidenceLower: se.flatMap { s in critical.map { theta[j] - $0 * s } },
                confidenceUpper: se.flatMap { s in critical.map { theta[j] + $0 * s } }, isFixed: false)
        }
        var rows = freeRows
        for (j, value) in zip(fixed.indices, fixed.values) {
            rows.insert(ParameterEstimate(name: problem.model.parameterNames[j], estimate: value, standardError: nil, tValue: nil,
                                          pValue: nil, confidenceLower: nil, confidenceUpper: nil, isFixed: true), at: j)
        }
        parameters = rows
        if !fixed.isEmpty {
            let allNames = problem.model.parameterNames
            notes.append("fixed: " + zip(fixed.indices, fixed.values).map { "\(allNames[$0]) = \(NumberFormatting.compact($1))" }
                .joined(separator: ", "))
        }

        let covariance = estimated.covariance, inflation = estimated.inflation
        termination = Identifiability.assess(
            solver.termination ?? .iterationLimit(solver.iterations), names: names, estimate: { theta[$0] },
            standardError: { j in covariance.map { $0[j, j].squareRoot() } }, varianceInflation: { j in inflation?[j] },
            rankDeficient: estimated.rankDeficient, residualSumOfSquares: rss)

        let logWeights = free.weights?.reduce(0) { $0 + log($1) } ?? 0
        let nd = Double(n)
        logLikelihood = rss > 0 ? -nd / 2 * (log(2 * Double.pi) + log(rss / nd) + 1) + logWeights / 2 : .infinity
        if termination == .converged(.exactFit) {
            notes.append("zero residuals: the log-likelihood is unbounded, so AIC, AICc and BIC are not defined")
        }
        self.notes = notes
        let k = Double(p + 1)
        aic = -2 * logLikelihood + 2 * k
        aicc = nd - k - 1 > 0 ? aic + 2 * k * (k + 1) / (nd - k - 1) : .infinity
        bic = -2 * logLikelihood + k * log(nd)
    }

    /// `σ²·(JᵀJ)⁻¹` from the SVD of `J·S⁻¹` (`S` = column norms) with the variance inflation
    /// `[(J̃ᵀJ̃)⁻¹]_jj`, or the reason it is not estimable (and, for a rank-deficient `J`, the
    /// parameters in its null direction).
    static func covariance(jacobian: [Double], rows n: Int, names: [String], sigma: Double?, rankTolerance: Double)
        -> (covariance: Matrix?, reason: String?, inflation: [Double]?, rankDeficient: [String]?)
    {
        let p = names.count
        guard let sigma else { return (nil, "no residual degrees of freedom (as many observations as parameters)", nil, nil) }
        guard jacobian.allSatisfy(\.isFinite) else { return (nil, "the Jacobian is not finite at the estimate", nil, nil) }
        var scaled = jacobian
        var scales = [Double](repeating: 1, count: p)
        for j in 0..<p {
            var norm2 = 0.0
            for i in 0..<n { norm2 += jacobian[i + j * n] * jacobian[i + j * n] }
            scales[j] = norm2 > 0 ? norm2.squareRoot() : 1
            for i in 0..<n { scaled[i + j * n] /= scales[j] }
        }
        guard let svd = try? SingularValueDecomposition(Matrix(rows: n, columns: p, columnMajor: scaled)) else {
            return (nil, "the singular value decomposition of the Jacobian failed", nil, nil)
        }
        let rank = svd.rank(relativeTolerance: rankTolerance)
        guard rank == p else {
            let v = svd.vTransposed
            let null = (0..<p).map { abs(v[p - 1, $0]) }
            let threshold = 0.1 * (null.max() ?? 0)
            let involved = (0..<p).filter { null[$0] >= threshold }.map { names[$0] }
            return (nil, "the Jacobian at the estimate has rank \(rank) < \(p): "
                    + "\(involved.joined(separator: ", ")) are not separately identifiable", nil, involved)
        }
        var covariance = Matrix(rows: p, columns: p)
        var inflation = [Double](repeating: 0, count: p)
        let s = svd.singularValues
        for a in 0..<p {
            for b in a..<p {
                var sum = 0.0
                for k in 0..<p { sum += svd.vTransposed[k, a] * svd.vTransposed[k, b] / (s[k] * s[k]) }
                if a == b { inflation[a] = sum }
                let value = sigma * sigma * sum / (scales[a] * scales[b])
                covariance[a, b] = value
                covariance[b, a] = value
            }
        }
        return (covariance, nil, inflation, nil)
    }

    /// Confidence and prediction bands of the fitted curve at new predictor values (delta method,
    /// R's `predict` with the gradient `g = ∂f/∂θ` of the free parameters: the mean's standard
    /// error `√(gᵀ·Cov·g)`, the prediction's `√(gᵀ·Cov·g + σ²)`, both times the Student t quantile
    /// at the result's level with `df` degrees of freedom). Returns `nil` when the covariance is
    /// not estimable or the predictors do not match the model's.
    public func bands(at predictors: Predictors) -> [CurveBand]? {
        guard let covariance, let sigma = residualStandardDeviation, predictors.names == freeProblem.model.predictorNames,
              let t = try? StudentT(degreesOfFreedom: Double(residualDegreesOfFreedom)) else { return nil }
        let critical = t.quantile(0.5 + confidenceLevel / 2)
        let p = freeParameterNames.count
        var gradient = [Double](repeating: 0, count: p)
        return (0..<predictors.count).map { i in
            let value = freeProblem.model.value(row: i, of: predictors, parameters: freeEstimates, gradient: &gradient)
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
    /// Fits `problem` from `start` (``LevenbergMarquardt`` with its restarts), holding the `fixed` parameters
    /// at their values (their entries of `start` are ignored).
    /// - Throws: ``FitError`` for an invalid set-up; a fit that runs but fails is reported by
    ///   the result's ``FitResult/termination``, never thrown.
    public static func fit(_ problem: FitProblem, start: [Double], fixed: FixedParameters = .none,
                           options: FitOptions = .init()) throws -> FitResult {
        let p = problem.parameterCount
        guard start.count == p else {
            throw FitError.invalidSetup("\(start.count) start values for \(p) parameters (\(problem.model.parameterNames.joined(separator: ", ")))")
        }
        let freeProblem = try fixed.reduce(problem)
        let freeStart = fixed.isEmpty ? start : fixed.freeIndices(of: p).map { start[$0] }
        var solver = try LevenbergMarquardt(problem: freeProblem, start: freeStart, options: options)
        var kept = options
        kept.initialStepBound = solver.runWithRestarts()
        var result = FitResult(problem: problem, fixed: fixed, solver: solver, options: kept)
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

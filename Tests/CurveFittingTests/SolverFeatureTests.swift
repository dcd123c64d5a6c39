import CurveFitting
import Foundation
import Numerics
import Testing

/// scipy references recorded by Fixtures/make_solver_fixtures.py (see its docstring for the methods).
struct SolverFeatureFixture: Decodable {
    struct Criteria: Decodable {
        let logLikelihood: Double
        let aic: Double
        let aicc: Double
        let bic: Double
    }

    struct Weighted: Decodable {
        let formula: String
        let parameters: [String]
        let x: [Double], y: [Double], weights: [Double]
        let start: [Double]
        let estimates: [Double]
        let stdErrors: [Double]
        let rss: Double
        let criteria: Criteria
    }

    struct Robust: Decodable {
        struct Fit: Decodable {
            let loss: String
            let scale: Double
            let weighted: Bool
            let start: [Double]
            let estimates: [Double]
            /// `Σ C²ρ((rᵢ/C)²)`, twice scipy's cost.
            let objective: Double
        }
        let formula: String
        let parameters: [String]
        let x: [Double], y: [Double], weights: [Double]
        let leastSquaresEstimates: [Double]
        let fits: [Fit]
    }

    struct Bounds: Decodable {
        struct Case: Decodable {
            let name: String
            let lower: [Double?], upper: [Double?]
            let start: [Double]
            /// Indices of the parameters that end on a bound.
            let active: [Int]
            let estimates: [Double]
            let rss: Double
        }
        let formula: String
        let parameters: [String]
        let x: [Double], y: [Double]
        let unconstrained: [Double]
        let cases: [Case]
    }

    struct Bands: Decodable {
        struct Level: Decodable {
            let level: Double
            let fitted: [Double]
            let stdErrors: [Double]
            let confidenceLower: [Double], confidenceUpper: [Double]
            let predictionLower: [Double], predictionUpper: [Double]
        }
        let formula: String
        let parameters: [String]
        let x: [Double], y: [Double]
        let start: [Double]
        let estimates: [Double]
        let stdErrors: [Double]
        let rss: Double
        let criteria: Criteria
        let at: [Double]
        let levels: [Level]
    }

    struct Comparison: Decodable {
        struct Fit: Decodable {
            let name: String
            let start: [Double]
            let estimates: [Double]
            let rss: Double
            let aicc: Double
            let deltaAicc: Double
            let akaikeWeight: Double
        }
        let x: [Double], y: [Double]
        let fits: [Fit]
        let ranking: [String]
    }

    let weighted: Weighted
    let robust: Robust
    let bounds: Bounds
    let bands: Bands
    let comparison: Comparison

    /// Decoded once per process: every test reads the same file.
    static let shared: Result<SolverFeatureFixture, any Error> = Result {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/solver_features.json")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(SolverFeatureFixture.self, from: Data(contentsOf: url))
    }

    static func load() throws -> SolverFeatureFixture { try shared.get() }
}

/// `a ≈ b` within `relative` of `|b|`: the one closeness predicate of these tests.
private func isClose(_ a: Double, _ b: Double, relative: Double = 1e-6) -> Bool {
    a.isApproximatelyEqual(to: b, relativeTolerance: relative)
}

// MARK: - Agreement with scipy

@Suite("Solver features agree with scipy")
struct SolverFeatureTests {
    let fixture: SolverFeatureFixture
    init() throws { fixture = try SolverFeatureFixture.load() }

    @Test func weightedFitMatchesCurveFitWithSigma() throws {
        let reference = fixture.weighted
        let model = try FormulaModel(formula: reference.formula, parameters: reference.parameters)
        let problem = try FitProblem(model: model, predictors: Predictors(reference.x), response: reference.y,
                                     weights: reference.weights)
        let result = try CurveFitter.fit(problem, start: reference.start)
        #expect(result.isUsable, "\(result.termination)")
        for j in reference.parameters.indices {
            #expect(isClose(result.estimates[j], reference.estimates[j]),
                    "\(reference.parameters[j]): \(result.estimates[j]) vs scipy \(reference.estimates[j])")
            let se = try #require(result.parameters[j].standardError)
            #expect(isClose(se, reference.stdErrors[j]), "SE \(reference.parameters[j]): \(se) vs scipy \(reference.stdErrors[j])")
        }
        #expect(isClose(result.residualSumOfSquares, reference.rss, relative: 1e-9))
    }

    @Test func weightedFitDiffersFromTheUnweightedOne() throws {
        let reference = fixture.weighted
        let model = try FormulaModel(formula: reference.formula, parameters: reference.parameters)
        let unweighted = try CurveFitter.fit(
            FitProblem(model: model, predictors: Predictors(reference.x), response: reference.y), start: reference.start)
        #expect(unweighted.isUsable)
        #expect(!isClose(unweighted.estimates[2], reference.estimates[2], relative: 1e-3),
                "the weights must change the estimate of b3")
    }

    @Test(arguments: 0..<5)
    func robustLossMatchesLeastSquares(fit index: Int) throws {
        let reference = fixture.robust
        let fit = reference.fits[index]
        let model = try FormulaModel(formula: reference.formula, parameters: reference.parameters)
        let loss = try Loss.named(fit.loss, scale: fit.scale)
        let problem = try FitProblem(model: model, predictors: Predictors(reference.x), response: reference.y,
                                     weights: fit.weighted ? reference.weights : nil, loss: loss)
        let result = try CurveFitter.fit(problem, start: fit.start)
        let label = "\(fit.loss) C = \(fit.scale)\(fit.weighted ? " weighted" : "")"
        #expect(result.isUsable, "\(label): \(result.termination)")
        for j in reference.parameters.indices {
            #expect(isClose(result.estimates[j], fit.estimates[j]),
                    "\(label) \(reference.parameters[j]): \(result.estimates[j]) vs scipy \(fit.estimates[j])")
        }
        #expect(isClose(result.objective, fit.objective, relative: 1e-9), "\(label) objective \(result.objective) vs 2·cost \(fit.objective)")
        #expect(result.notes.contains { $0.hasPrefix("robust loss") }, "\(label): \(result.notes)")
        // The outliers pull the robust fit less than the least-squares one.
        #expect(!isClose(result.estimates[0], reference.leastSquaresEstimates[0], relative: 1e-3))
    }

    @Test(arguments: 0..<3)
    func boundsMatchTrustRegionReflective(case index: Int) throws {
        let reference = fixture.bounds
        let bounded = reference.cases[index]
        let model = try FormulaModel(formula: reference.formula, parameters: reference.parameters)
        let bounds = try ParameterBounds(lower: bounded.lower.map { $0 ?? -.infinity },
                                         upper: bounded.upper.map { $0 ?? .infinity }, names: reference.parameters)
        let problem = try FitProblem(model: model, predictors: Predictors(reference.x), response: reference.y, bounds: bounds)
        let result = try CurveFitter.fit(problem, start: bounded.start)
        #expect(result.isUsable, "\(bounded.name): \(result.termination)")
        for j in reference.parameters.indices {
            let (estimate, expected) = (result.estimates[j], bounded.estimates[j])
            let name = reference.parameters[j]
            if bounded.active.contains(j) {
                let bound = abs(expected - bounds.lower[j]) < abs(expected - bounds.upper[j]) ? bounds.lower[j] : bounds.upper[j]
                #expect(estimate.isApproximatelyEqual(to: bound, absoluteTolerance: 1e-6 * max(1, abs(bound))),
                        "\(bounded.name) \(name): \(estimate) vs bound \(bound)")
                #expect(result.notes.contains { $0.hasPrefix("estimate on a bound for") && $0.contains(name) },
                        "\(bounded.name): \(result.notes)")
            } else {
                #expect(isClose(estimate, expected), "\(bounded.name) \(name): \(estimate) vs scipy \(expected)")
                #expect(!result.notes.contains { $0.hasPrefix("estimate on a bound for") && $0.contains(name) },
                        "\(bounded.name): \(result.notes)")
            }
        }
        #expect(isClose(result.residualSumOfSquares, bounded.rss, relative: 1e-8))
        if bounded.active.isEmpty {
            for j in reference.parameters.indices {
                #expect(isClose(result.estimates[j], reference.unconstrained[j]))
            }
        }
    }

    /// An estimate at an active bound must not leave the feasible box, not even by rounding.
    ///
    /// Known issue: the lower-only transform `θ = l − 1 + √(φ² + 1)` rounds below `l` when
    /// `l − 1` is inexact (`l = 0.2`: `−0.8 + 1 = 0.19999999999999996`), the upper-only one
    /// `θ = u + 1 − √(φ² + 1)` above `u` (`u = 0.1`: `1.1 − 1 = 0.10000000000000009`), and the
    /// two-sided one `l + (u − l)·(sin φ + 1)/2` above `u` (`[−2, 0.1]`: `−2 + 2.1 = 0.10000000000000009`).
    @Test(arguments: [(0.2, Double.infinity), (-Double.infinity, 0.1), (-2, 0.1)])
    func activeBoundIsNotCrossedByRounding(lower: Double, upper: Double) throws {
        let reference = fixture.bounds
        let model = try FormulaModel(formula: reference.formula, parameters: reference.parameters)
        let bounds = try ParameterBounds(lower: [-.infinity, lower], upper: [.infinity, upper], names: reference.parameters)
        let problem = try FitProblem(model: model, predictors: Predictors(reference.x), response: reference.y, bounds: bounds)
        let result = try CurveFitter.fit(problem, start: [15, upper.isFinite ? 0.05 : 0.3])
        #expect(result.isUsable, "\(result.termination)")
        let b2 = result.estimates[1]
        #expect(b2.isApproximatelyEqual(to: upper.isFinite ? upper : lower, absoluteTolerance: 1e-6))
        #expect(result.notes.contains { $0.hasPrefix("estimate on a bound for b2") }, "\(result.notes)")
        #expect(b2 >= lower && b2 <= upper, "b2 = \(b2) lies outside [\(lower), \(upper)]")
    }

    private func bandsFit(level: Double) throws -> FitResult {
        let reference = fixture.bands
        let model = try FormulaModel(formula: reference.formula, parameters: reference.parameters)
        let problem = try FitProblem(model: model, predictors: Predictors(reference.x), response: reference.y)
        return try CurveFitter.fit(problem, start: reference.start, options: FitOptions(confidenceLevel: level))
    }

    @Test(arguments: [0, 1])
    func bandsMatchTheDeltaMethod(level index: Int) throws {
        let reference = fixture.bands
        let expected = reference.levels[index]
        let result = try bandsFit(level: expected.level)
        #expect(result.isUsable)
        for j in reference.parameters.indices {
            #expect(isClose(result.estimates[j], reference.estimates[j]))
            #expect(isClose(try #require(result.parameters[j].standardError), reference.stdErrors[j]))
        }
        let bands = try #require(result.bands(at: Predictors(reference.at)))
        try #require(bands.count == reference.at.count)
        for (i, band) in bands.enumerated() {
            let label = "level \(expected.level) at x = \(reference.at[i])"
            #expect(isClose(band.fitted, expected.fitted[i]), "\(label): fitted \(band.fitted) vs \(expected.fitted[i])")
            #expect(isClose(band.standardError, expected.stdErrors[i]), "\(label): se \(band.standardError) vs \(expected.stdErrors[i])")
            #expect(isClose(band.confidenceLower, expected.confidenceLower[i]), "\(label)")
            #expect(isClose(band.confidenceUpper, expected.confidenceUpper[i]), "\(label)")
            #expect(isClose(band.predictionLower, expected.predictionLower[i]), "\(label)")
            #expect(isClose(band.predictionUpper, expected.predictionUpper[i]), "\(label)")
        }
    }

    @Test func informationCriteriaFollowR() throws {
        let weighted = fixture.weighted
        let weightedModel = try FormulaModel(formula: weighted.formula, parameters: weighted.parameters)
        let weightedFit = try CurveFitter.fit(
            FitProblem(model: weightedModel, predictors: Predictors(weighted.x), response: weighted.y, weights: weighted.weights),
            start: weighted.start)
        let unweightedFit = try bandsFit(level: 0.95)
        for (label, result, expected) in [("weighted", weightedFit, weighted.criteria),
                                          ("unweighted", unweightedFit, fixture.bands.criteria)] {
            #expect(isClose(result.logLikelihood, expected.logLikelihood, relative: 1e-9), "\(label) logLik \(result.logLikelihood) vs \(expected.logLikelihood)")
            #expect(isClose(result.aic, expected.aic, relative: 1e-9), "\(label) AIC \(result.aic) vs \(expected.aic)")
            #expect(isClose(result.aicc, expected.aicc, relative: 1e-9), "\(label) AICc \(result.aicc) vs \(expected.aicc)")
            #expect(isClose(result.bic, expected.bic, relative: 1e-9), "\(label) BIC \(result.bic) vs \(expected.bic)")
        }
    }
}

// MARK: - Bad input and safe failure

/// `b1·b2·x`: only the product is identifiable, so the Jacobian is singular everywhere.
private struct ProductModel: CurveModel {
    let parameterNames = ["b1", "b2"]
    let predictorNames = ["x"]

    func value(row: Int, of predictors: Predictors, parameters b: [Double]) -> Double {
        b[0] * b[1] * predictors.columns[0][row]
    }

    func value(row: Int, of predictors: Predictors, parameters b: [Double], gradient: inout [Double]) -> Double {
        let x = predictors.columns[0][row]
        gradient[0] = b[1] * x
        gradient[1] = b[0] * x
        return b[0] * b[1] * x
    }
}

/// `b1·exp(b2·x)`, which overflows for large `b2·x`.
private struct ExponentialModel: CurveModel {
    let parameterNames = ["b1", "b2"]
    let predictorNames = ["x"]

    func value(row: Int, of predictors: Predictors, parameters b: [Double]) -> Double {
        b[0] * exp(b[1] * predictors.columns[0][row])
    }

    func value(row: Int, of predictors: Predictors, parameters b: [Double], gradient: inout [Double]) -> Double {
        let x = predictors.columns[0][row]
        let e = exp(b[1] * x)
        gradient[0] = e
        gradient[1] = b[0] * x * e
        return b[0] * e
    }
}

@Suite("The solver rejects bad input and fails safely")
struct SolverBadInputTests {
    let x: [Double] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    var y: [Double] { x.map { 2 * exp(0.3 * $0) * (1 + 0.01 * sin(7 * $0)) } }

    /// The error's description, or a test failure when `body` does not throw a ``FitError``.
    private func fitError(_ body: () throws -> Void) -> FitError? {
        do {
            try body()
            Issue.record("expected a FitError")
        } catch let error as FitError {
            return error
        } catch {
            Issue.record("expected a FitError, got \(error)")
        }
        return nil
    }

    @Test func nonFiniteDataNameTheRow() {
        var response = y
        response[2] = .nan
        let nanResponse = fitError { _ = try FitProblem(model: ExponentialModel(), predictors: Predictors(x), response: response) }
        #expect(nanResponse?.description.contains("response at row 3") == true, "\(String(describing: nanResponse))")
        guard case .invalidData = nanResponse else { Issue.record("expected invalidData"); return }

        var predictor = x
        predictor[4] = .infinity
        let infiniteX = fitError { _ = try FitProblem(model: ExponentialModel(), predictors: Predictors(predictor), response: y) }
        #expect(infiniteX?.description.contains("predictor x at row 5") == true, "\(String(describing: infiniteX))")

        var weights = [Double](repeating: 1, count: x.count)
        weights[6] = .nan
        let nanWeight = fitError {
            _ = try FitProblem(model: ExponentialModel(), predictors: Predictors(x), response: y, weights: weights)
        }
        #expect(nanWeight?.description.contains("weight at row 7") == true, "\(String(describing: nanWeight))")
        weights[6] = 0
        let zeroWeight = fitError {
            _ = try FitProblem(model: ExponentialModel(), predictors: Predictors(x), response: y, weights: weights)
        }
        #expect(zeroWeight?.description.contains("weight at row 7") == true, "\(String(describing: zeroWeight))")
    }

    @Test func tooFewDistinctXValues() throws {
        let model = try FormulaModel(formula: "Asym/(1 + exp((xmid - x)/scal))", parameters: ["Asym", "xmid", "scal"])
        let error = fitError {
            _ = try FitProblem(model: model, predictors: Predictors([1, 1, 2, 2, 2, 1]), response: [1, 1.1, 2, 2.1, 1.9, 0.9])
        }
        #expect(error == .invalidData("too few distinct x values to fit 3 parameters: 2 distinct values, at least 3 needed"),
                "\(String(describing: error))")
    }

    @Test func badStartValues() throws {
        let problem = try FitProblem(model: ExponentialModel(), predictors: Predictors(x), response: y)
        let short = fitError { _ = try CurveFitter.fit(problem, start: [1]) }
        #expect(short == .invalidSetup("1 start values for 2 parameters (b1, b2)"), "\(String(describing: short))")
        let long = fitError { _ = try CurveFitter.fit(problem, start: [1, 2, 3]) }
        #expect(long?.description.contains("3 start values for 2 parameters") == true)
        let nan = fitError { _ = try CurveFitter.fit(problem, start: [1, .nan]) }
        #expect(nan?.description.contains("start value of b2 is nan") == true, "\(String(describing: nan))")
        let infinite = fitError { _ = try LevenbergMarquardt(problem: problem, start: [-.infinity, 0.1]) }
        #expect(infinite?.description.contains("start value of b1") == true, "\(String(describing: infinite))")

        let bounds = try ParameterBounds(lower: [0, 0], upper: [10, 1], names: ["b1", "b2"])
        let boundedProblem = try FitProblem(model: ExponentialModel(), predictors: Predictors(x), response: y, bounds: bounds)
        let outside = fitError { _ = try CurveFitter.fit(boundedProblem, start: [1, 1.5]) }
        #expect(outside?.description.contains("start value of b2 (1.5) lies outside its bounds [0.0, 1.0]") == true,
                "\(String(describing: outside))")
        // A start on a bound is allowed (moved slightly inside).
        let onBound = try CurveFitter.fit(boundedProblem, start: [10, 0.2])
        #expect(onBound.isUsable, "\(onBound.termination)")
    }

    /// Issue 12: a Jacobian that is rank deficient at the start is damped, as MINPACK does, not
    /// refused. `b1·b2·x` is rank deficient everywhere: the fit still reaches the least-squares
    /// line through the origin (slope Σxy/Σx²), and says the covariance is not estimable.
    @Test func rankDeficientStartIsDamped() throws {
        let response = x.map { 3 * $0 + 0.1 * sin($0) }
        let slope = zip(x, response).reduce(0) { $0 + $1.0 * $1.1 } / x.reduce(0) { $0 + $1 * $1 }
        let rss = zip(x, response).reduce(0) { $0 + pow($1.1 - slope * $1.0, 2) }
        let problem = try FitProblem(model: ProductModel(), predictors: Predictors(x), response: response)
        for start in [[1.0, 1.0], [2.0, 3.0]] {
            let result = try CurveFitter.fit(problem, start: start)
            #expect(result.iterations > 0, "\(result.termination)")
            #expect(abs(result.objective - rss) <= 1e-10 * rss, "\(result.objective) vs \(rss): \(result.termination)")
            #expect(abs(result.estimates[0] * result.estimates[1] - slope) <= 1e-8 * slope)
            #expect(result.covariance == nil)
        }
    }

    /// A parameter without effect at the start (`b2` while `b1 = 0`) gains one after the first
    /// step: the fit from there reaches the same minimum as from an ordinary start.
    @Test func parameterWithoutEffectAtStartIsDamped() throws {
        let exponential = try FitProblem(model: ExponentialModel(), predictors: Predictors(x), response: y)
        let reference = try CurveFitter.fit(exponential, start: [1, 0.3])
        let inert = try CurveFitter.fit(exponential, start: [0, 0.3])
        #expect(inert.isUsable, "\(inert.termination)")
        #expect(abs(inert.objective - reference.objective) <= 1e-10 * reference.objective)
        for j in 0..<2 {
            #expect(abs(inert.estimates[j] - reference.estimates[j]) <= 1e-6 * abs(reference.estimates[j]))
        }
    }

    @Test func invalidOptionsAreRejected() throws {
        let problem = try FitProblem(model: ExponentialModel(), predictors: Predictors(x), response: y)
        for (options, word) in [(FitOptions(maximumIterations: 0), "maximum iterations"),
                                (FitOptions(relativeStepTolerance: .nan), "relative step tolerance"),
                                (FitOptions(confidenceLevel: 1), "confidence level")] {
            let error = fitError { _ = try CurveFitter.fit(problem, start: [1, 0.3], options: options) }
            #expect(error?.description.contains(word) == true, "\(String(describing: error))")
        }
    }

    /// Huge rates overflow `exp`: the fit may fail, but never traps and never reports a
    /// converged fit with non-finite values.
    @Test(arguments: [1.0, 2.0, 5.0, 20.0, 40.0, 60.0, 75.0, -700.0])
    func overflowNeverConvergesToNonFiniteValues(rate: Double) throws {
        let problem = try FitProblem(model: ExponentialModel(), predictors: Predictors(x), response: y)
        let result = try CurveFitter.fit(problem, start: [1, rate], options: FitOptions(maximumIterations: 200, maximumEvaluations: 400))
        if result.isUsable {
            #expect(result.estimates.allSatisfy { $0.isFinite }, "\(result.estimates)")
            #expect(result.objective.isFinite && result.residualSumOfSquares.isFinite)
            #expect(result.fitted.allSatisfy { $0.isFinite })
        }
        #expect(result.iterations <= 200)
    }

    /// With `b2 = 60` every residual is finite (the largest is `exp(600) ≈ 4·10²⁶⁰`) but their
    /// squares overflow: the objective and the Jacobian's column norms are infinite at the start.
    /// The solver must report the overflow, not blame the Jacobian.
    @Test func overflowingObjectiveAtTheStartIsNotCalledSingular() throws {
        let problem = try FitProblem(model: ExponentialModel(), predictors: Predictors(x), response: y)
        let result = try CurveFitter.fit(problem, start: [1, 60])
        #expect(!result.isUsable)
        guard case .failed(.nonFiniteModel(let message)) = result.termination else {
            Issue.record("expected an overflow failure, got \(result.termination)")
            return
        }
        #expect(message.contains("overflows"))
    }

    @Test func overflowAtTheStartNamesTheRow() throws {
        let problem = try FitProblem(model: ExponentialModel(), predictors: Predictors(x), response: y)
        // exp(700·1) is finite, exp(700·2) is not: observation 3.
        let result = try CurveFitter.fit(problem, start: [1, 700])
        #expect(result.termination == .failed(.nonFiniteStart(row: 3)), "\(result.termination)")
        #expect(!result.isUsable)
    }

    @Test func iterationLimit() throws {
        let problem = try FitProblem(model: Misra1a.model, predictors: Predictors(Misra1a.x), response: Misra1a.y)
        let result = try CurveFitter.fit(problem, start: [500, 1e-4], options: FitOptions(maximumIterations: 2))
        #expect(result.termination == .iterationLimit(2), "\(result.termination)")
        #expect(!result.isUsable)
        #expect(result.iterations == 2)
        #expect(result.termination.status == "iteration_limit")
    }

    @Test func evaluationLimit() throws {
        let problem = try FitProblem(model: Misra1a.model, predictors: Predictors(Misra1a.x), response: Misra1a.y)
        let result = try CurveFitter.fit(problem, start: [500, 1e-4], options: FitOptions(maximumEvaluations: 3))
        #expect(result.termination == .evaluationLimit(3), "\(result.termination)")
        #expect(!result.isUsable && result.evaluations <= 3)
    }

    @Test func solverStepsOneIterationAtATime() throws {
        let problem = try FitProblem(model: Misra1a.model, predictors: Predictors(Misra1a.x), response: Misra1a.y)
        var solver = try LevenbergMarquardt(problem: problem, start: [500, 1e-4])
        #expect(solver.iterations == 0 && solver.termination == nil)
        let initial = solver.currentObjective
        #expect(initial.isFinite && initial > 0)
        var previous = initial
        while solver.termination == nil {
            let before = solver.iterations
            solver.step()
            #expect(solver.iterations == before + 1)
            #expect(solver.iterationLog.count == solver.iterations)
            #expect(solver.currentObjective <= previous, "iteration \(solver.iterations)")
            previous = solver.currentObjective
            try #require(solver.iterations < 1000)
        }
        #expect(solver.termination?.isUsable == true, "\(String(describing: solver.termination))")
        let accepted = solver.iterationLog.filter(\.accepted).map(\.objective)
        #expect(!accepted.isEmpty)
        #expect(zip(accepted, accepted.dropFirst()).allSatisfy { $1 <= $0 }, "\(accepted)")
        #expect(solver.iterationLog.map(\.iteration) == Array(1...solver.iterations))
        // A terminated solver stays put.
        let final = solver.parameters
        solver.step()
        #expect(solver.parameters == final && solver.iterations == solver.iterationLog.count)

        var runner = try LevenbergMarquardt(problem: problem, start: [500, 1e-4])
        runner.run()
        #expect(runner.parameters == final, "stepping and running take the same path")
        #expect(runner.iterations == solver.iterations)
    }

    @Test func iterationLogCanBeSwitchedOff() throws {
        let problem = try FitProblem(model: Misra1a.model, predictors: Predictors(Misra1a.x), response: Misra1a.y)
        let result = try CurveFitter.fit(problem, start: [500, 1e-4], options: FitOptions(recordsIterations: false))
        #expect(result.isUsable)
        #expect(result.iterationLog.isEmpty)
    }
}

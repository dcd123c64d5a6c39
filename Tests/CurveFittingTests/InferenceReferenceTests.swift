import CurveFitting
import Foundation
import Numerics
import Testing

/// R references recorded by Fixtures/make_r_inference_fixtures.R (see its header for the methods).
struct RInferenceFixture: Decodable {
    struct Level: Decodable {
        let level: Double
        /// R's `confint` (MASS profile, spline-interpolated).
        let profileLower: [Double], profileUpper: [Double]
        /// The roots of τ(v) = ∓t, by uniroot on refits.
        let exactProfile: [[Double]]
        let confidenceLower: [Double], confidenceUpper: [Double]
        let predictionLower: [Double], predictionUpper: [Double]
    }

    struct Fit: Decodable {
        let formula: String
        let parameters: [String]
        let x: [Double], y: [Double]
        let start: [Double]
        let estimates: [Double]
        let stdErrors: [Double]
        let rss: Double
        let sigma: Double
        let df: Int
        let vcov: [[Double]]
        let correlation: [[Double]]
        let fitted: [Double]
        let residuals: [Double]
        let newX: [Double]
        let predicted: [Double]
        let predictedStdErrors: [Double]
        let levels: [Level]

        /// The right-hand side of R's formula.
        var rightHandSide: String { String(formula.split(separator: "~")[1]).trimmingCharacters(in: .whitespaces) }
    }

    struct Fixed: Decodable {
        let fixed: [String: Double]
        let estimates: Double
        let stdErrors: Double
        let rss: Double
        let df: Int
    }

    struct FTest: Decodable {
        let reduced: String, full: String
        let fullStart: [Double]
        let reducedRss: Double, fullRss: Double
        let dfReduced: Int, dfFull: Int
        let f: Double
        let pValue: Double
    }

    let michaelisMenten: Fit
    let logistic: Fit
    let fixed: Fixed
    let fTest: FTest

    static func load() throws -> RInferenceFixture {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/r_inference.json")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(RInferenceFixture.self, from: Data(contentsOf: url))
    }
}

private func close(_ a: Double, _ b: Double, _ relative: Double) -> Bool {
    a.isApproximatelyEqual(to: b, relativeTolerance: relative)
}

private func fit(_ reference: RInferenceFixture.Fit, level: Double = 0.95, fixed: [String: Double] = [:]) throws -> FitResult {
    let model = try FormulaModel(formula: reference.rightHandSide, parameters: reference.parameters, predictors: ["x"])
    let problem = try FitProblem(model: model, predictors: Predictors(reference.x), response: reference.y)
    return try CurveFitter.fit(problem, start: reference.start, fixed: try FixedParameters(fixed, names: reference.parameters),
                               options: FitOptions(confidenceLevel: level))
}

@Suite("Inference agrees with R nls, confint and the delta method")
struct InferenceReferenceTests {
    let fixture: RInferenceFixture
    init() throws { fixture = try RInferenceFixture.load() }

    var cases: [RInferenceFixture.Fit] { [fixture.michaelisMenten, fixture.logistic] }

    @Test func estimatesCovarianceCorrelationAndResidualsAgree() throws {
        for reference in cases {
            let result = try fit(reference)
            #expect(result.isUsable, "\(reference.formula): \(result.termination)")
            let covariance = try #require(result.covariance)
            let correlation = try #require(result.correlation)
            for j in reference.parameters.indices {
                #expect(close(result.estimates[j], reference.estimates[j], 1e-8), "\(reference.parameters[j])")
                #expect(close(try #require(result.parameters[j].standardError), reference.stdErrors[j], 1e-6))
                for k in reference.parameters.indices {
                    #expect(close(covariance[j, k], reference.vcov[j][k], 1e-6), "cov \(j) \(k)")
                    #expect(abs(correlation[j, k] - reference.correlation[j][k]) <= 1e-8, "cor \(j) \(k)")
                }
            }
            #expect(close(result.residualSumOfSquares, reference.rss, 1e-10))
            #expect(close(try #require(result.residualStandardDeviation), reference.sigma, 1e-10))
            for i in reference.x.indices {
                #expect(close(result.fitted[i], reference.fitted[i], 1e-8))
                #expect(abs(result.residuals[i] - reference.residuals[i]) <= 1e-8 * max(1, abs(reference.y[i])))
            }
        }
    }

    /// R's `confint` interpolates τ by a spline through its profile grid; the exact roots are the
    /// same intervals without that interpolation error (same t quantile, df and σ̂: they agree
    /// with R's own uniroot on τ to 1e-6, and with confint only to its spline's 1.03e-4).
    @Test func profileIntervalsAgreeWithConfint() throws {
        for reference in cases {
            for level in reference.levels {
                let result = try fit(reference, level: level.level)
                let intervals = try result.profileIntervals()
                #expect(intervals.map(\.name) == reference.parameters)
                for (j, interval) in intervals.enumerated() {
                    let lower = try #require(interval.lower), upper = try #require(interval.upper)
                    #expect(close(lower, level.exactProfile[j][0], 1e-6), "\(interval.name) \(level.level): \(lower) vs \(level.exactProfile[j][0])")
                    #expect(close(upper, level.exactProfile[j][1], 1e-6), "\(interval.name) \(level.level): \(upper) vs \(level.exactProfile[j][1])")
                    // confint's spline error: at most 1.03e-4 relative (the K lower end at 95%), 7.5e-5 elsewhere.
                    #expect(close(lower, level.profileLower[j], 1.5e-4), "\(interval.name) lower vs confint \(level.profileLower[j])")
                    #expect(close(upper, level.profileUpper[j], 1.5e-4), "\(interval.name) upper vs confint \(level.profileUpper[j])")
                }
                // A profile interval is not the Wald one: the Michaelis–Menten K interval is skewed to the right.
                if reference.parameters == ["Vm", "K"] {
                    let k = intervals[1], wald = result.parameters[1]
                    #expect(try #require(k.upper) - result.estimates[1] > result.estimates[1] - (try #require(k.lower)))
                    #expect(try #require(k.upper) > (try #require(wald.confidenceUpper)))
                }
            }
        }
    }

    /// ``ProfileMethod/rSpline`` reproduces R's algorithm (profile.nls's grid, MASS's spline and
    /// inverse interpolation), so it agrees with `confint` itself, not only to the spline's error.
    @Test func rSplineProfileIntervalsReproduceConfint() throws {
        var worst = 0.0
        for reference in cases {
            for level in reference.levels {
                let result = try fit(reference, level: level.level)
                let intervals = try result.profileIntervals(method: .rSpline)
                #expect(intervals.map(\.name) == reference.parameters)
                for (j, interval) in intervals.enumerated() {
                    let lower = try #require(interval.lower), upper = try #require(interval.upper)
                    worst = max(worst, abs(lower / level.profileLower[j] - 1), abs(upper / level.profileUpper[j] - 1))
                    #expect(close(lower, level.profileLower[j], 1e-8), "\(interval.name) \(level.level): \(lower) vs confint \(level.profileLower[j])")
                    #expect(close(upper, level.profileUpper[j], 1e-8), "\(interval.name) \(level.level): \(upper) vs confint \(level.profileUpper[j])")
                }
            }
        }
        // Measured: 3.9e-11 (R's refits stop at nls's default relative-offset tolerance 1e-5).
        #expect(worst <= 1e-8, "worst relative difference \(worst)")
        // The same with the self-starting micmen model (R's SSmicmen parameters Vm, K) on Puromycin.
        let puromycin = fixture.michaelisMenten
        for level in puromycin.levels {
            let problem = try FitProblem(model: MichaelisMenten(), predictors: Predictors(puromycin.x), response: puromycin.y)
            let model = MichaelisMenten()
            let start = try model.initialParameters(x: puromycin.x, y: puromycin.y)
            let result = try CurveFitter.fit(problem, start: start, options: FitOptions(confidenceLevel: level.level))
            for (j, interval) in try result.profileIntervals(method: .rSpline).enumerated() {
                #expect(close(try #require(interval.lower), level.profileLower[j], 1e-8), "micmen \(interval.name) \(level.level)")
                #expect(close(try #require(interval.upper), level.profileUpper[j], 1e-8), "micmen \(interval.name) \(level.level)")
            }
        }
    }

    @Test func predictionsAgreeWithTheDeltaMethodInR() throws {
        for reference in cases {
            for level in reference.levels {
                let result = try fit(reference, level: level.level)
                let bands = try #require(result.bands(at: Predictors(reference.newX)))
                for (i, band) in bands.enumerated() {
                    #expect(close(band.fitted, reference.predicted[i], 1e-8))
                    #expect(close(band.standardError, reference.predictedStdErrors[i], 1e-6))
                    #expect(close(band.confidenceLower, level.confidenceLower[i], 1e-6))
                    #expect(close(band.confidenceUpper, level.confidenceUpper[i], 1e-6))
                    #expect(close(band.predictionLower, level.predictionLower[i], 1e-6))
                    #expect(close(band.predictionUpper, level.predictionUpper[i], 1e-6))
                }
            }
        }
    }

    @Test func aFixedParameterIsExcludedAndReportedAsFixed() throws {
        let result = try fit(fixture.michaelisMenten, fixed: fixture.fixed.fixed)
        #expect(result.isUsable)
        #expect(result.freeParameterNames == ["Vm"])
        #expect(result.parameters.map(\.isFixed) == [false, true])
        #expect(result.parameters[1].estimate == 0.07 && result.parameters[1].standardError == nil)
        #expect(close(result.estimates[0], fixture.fixed.estimates, 1e-8))
        #expect(close(try #require(result.parameters[0].standardError), fixture.fixed.stdErrors, 1e-6))
        #expect(close(result.residualSumOfSquares, fixture.fixed.rss, 1e-10))
        #expect(result.residualDegreesOfFreedom == fixture.fixed.df)
        #expect(result.covariance?.rows == 1)
        #expect(throws: FitError.self) { try FixedParameters(["Q": 1], names: ["Vm", "K"]) }
        #expect(throws: FitError.self) { try FixedParameters(["Vm": 1, "K": 2], names: ["Vm", "K"]) }
    }

    @Test func nestedFTestAgreesWithAnova() throws {
        let reference = fixture.fTest
        let data = fixture.logistic
        func fitFormula(_ formula: String, _ names: [String], _ start: [Double]) throws -> FitResult {
            let rhs = String(formula.split(separator: "~")[1]).trimmingCharacters(in: .whitespaces)
            let model = try FormulaModel(formula: rhs, parameters: names, predictors: ["x"])
            return try CurveFitter.fit(try FitProblem(model: model, predictors: Predictors(data.x), response: data.y), start: start)
        }
        let reduced = try fitFormula(reference.reduced, data.parameters, data.start)
        let full = try fitFormula(reference.full, ["A", "B", "xmid", "scal"], reference.fullStart)
        let test = try NestedModelTest(reduced: reduced, full: full)
        #expect(close(test.reducedResidualSumOfSquares, reference.reducedRss, 1e-9))
        #expect(close(test.fullResidualSumOfSquares, reference.fullRss, 1e-9))
        #expect(test.reducedDegreesOfFreedom == reference.dfReduced && test.fullDegreesOfFreedom == reference.dfFull)
        #expect(close(test.statistic, reference.f, 1e-6))
        #expect(close(test.pValue, reference.pValue, 1e-6))
        #expect(throws: FitError.self) { try NestedModelTest(reduced: full, full: reduced) }
    }
}

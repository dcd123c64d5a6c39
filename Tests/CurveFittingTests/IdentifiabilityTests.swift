import CurveFitting
import Foundation
import Numerics
import Testing

/// Test problems of Moré, Garbow & Hillstrom, "Testing unconstrained optimization software",
/// ACM TOMS 7 (1981), written as curve fits `yᵢ ≈ f(tᵢ; x)` of their residuals `fᵢ = yᵢ − f(tᵢ; x)`.
enum MGH {
    /// Problem 8, Bard (m = 15, n = 3): f(u; x) = x1 + u/(v·x2 + w·x3), v = 16 − u, w = min(u, v).
    /// Standard start (1, 1, 1), minimum f = 8.21487…·10⁻³; from 10× the start the objective
    /// falls toward 17.4286… as x2, x3 → −∞ (a minimum at infinity).
    static let bardY: [Double] = [0.14, 0.18, 0.22, 0.25, 0.29, 0.32, 0.35, 0.39, 0.37, 0.58, 0.73, 0.96, 1.34, 2.10, 4.39]
    static let bard = ClosureModel(
        parameterNames: ["x1", "x2", "x3"],
        function: { u, b in b[0] + u / ((16 - u) * b[1] + min(u, 16 - u) * b[2]) },
        derivatives: { u, b in
            let d = (16 - u) * b[1] + min(u, 16 - u) * b[2]
            return [1, -u * (16 - u) / (d * d), -u * min(u, 16 - u) / (d * d)]
        })
    static let bardMinimum = 8.21487e-3

    /// Problem 6, Jennrich–Sampson (m = 10, n = 2): yᵢ = 2 + 2i, f(i; x) = exp(i·x1) + exp(i·x2).
    /// Standard start (0.3, 0.4); minimum f = 124.362 at x1 = x2 = 0.2578, where the two Jacobian
    /// columns are equal (a ridge of exchangeable parameters).
    static let jennrichSampson = ClosureModel(
        parameterNames: ["x1", "x2"],
        function: { i, b in exp(i * b[0]) + exp(i * b[1]) },
        derivatives: { i, b in [i * exp(i * b[0]), i * exp(i * b[1])] })

    static func fit(_ model: ClosureModel, t: [Double], y: [Double], start: [Double]) throws -> FitResult {
        try CurveFitter.fit(try FitProblem(model: model, predictors: Predictors(t), response: y), start: start)
    }
}

@Suite("Identifiability and convergence checks")
struct IdentifiabilityTests {
    static let t15 = (1...15).map(Double.init)

    @Test func bardFromItsStandardStartConverges() throws {
        let result = try MGH.fit(MGH.bard, t: Self.t15, y: MGH.bardY, start: [1, 1, 1])
        #expect(result.isUsable, "\(result.termination)")
        #expect(result.residualSumOfSquares.isApproximatelyEqual(to: MGH.bardMinimum, relativeTolerance: 1e-5))
    }

    /// Today's estimates −1.5·10⁷ with standard errors 1.6·10¹⁵ were reported "converged".
    @Test func bardFromTenTimesItsStartRunsOff() throws {
        let result = try MGH.fit(MGH.bard, t: Self.t15, y: MGH.bardY, start: [10, 10, 10])
        #expect(!result.isUsable)
        guard case .failed(.estimatesRunOff(let names)) = result.termination else {
            Issue.record("expected run-off estimates, got \(result.termination)")
            return
        }
        #expect(names == ["x2", "x3"])
        #expect(result.termination.message.contains("minimum lies at infinity"))
    }

    /// Standard errors of 1.6·10⁶ at x1 = x2 were reported "converged".
    @Test func jennrichSampsonLiesOnARidge() throws {
        let i = (1...10).map(Double.init)
        let result = try MGH.fit(MGH.jennrichSampson, t: i, y: i.map { 2 + 2 * $0 }, start: [0.3, 0.4])
        #expect(!result.isUsable)
        guard case .failed(.ridge(let names, let inflation)) = result.termination else {
            Issue.record("expected a ridge, got \(result.termination)")
            return
        }
        #expect(names == ["x1", "x2"])
        #expect(inflation > Identifiability.ridgeVarianceInflation)
        // The minimum itself is found: the objective is MGH's.
        #expect(result.residualSumOfSquares.isApproximatelyEqual(to: 124.362, relativeTolerance: 1e-5))
    }

    /// A badly scaled exponential whose MINPACK tests fire far from the minimum: from b3 = 1e5 the
    /// relative-reduction test fires at RSS 1821 with gradient cosine 0.21 (the minimum has RSS
    /// 0.0373); from b1 = 1e8, b2 = 1e-9 the relative-step test fires after 3 iterations at RSS 160
    /// on a rank-deficient ridge. Neither may be called converged.
    @Test(arguments: [[1, 1e-8, 1e5], [1e8, 1e-9, 1]])
    func falseConvergenceIsNotReportedAsConverged(start: [Double]) throws {
        let x = (0..<30).map { Double($0) * 40 }
        let y = x.map { 3 * exp(0.002 * $0) + 0.05 * sin($0) }
        let model = try FormulaModel(formula: "b1*exp(b2*x)+b3", parameters: ["b1", "b2", "b3"], predictors: ["x"])
        let result = try CurveFitter.fit(try FitProblem(model: model, predictors: Predictors(x), response: y), start: start)
        let best = try CurveFitter.fit(try FitProblem(model: model, predictors: Predictors(x), response: y), start: [3, 0.002, 0])
        #expect(best.isUsable && best.residualSumOfSquares < 0.04, "\(best.termination)")
        if result.isUsable {
            #expect(result.residualSumOfSquares.isApproximatelyEqual(to: best.residualSumOfSquares, relativeTolerance: 1e-8))
        } else {
            // Not usable and never called converged: a failed check, or (with the pivoted-QR
            // steps) the iteration limit reached while still descending the badly scaled valley.
            #expect(["failed", "iteration_limit"].contains(result.termination.status), "\(result.termination)")
        }
    }

    /// Residuals of 1e-311 square to zero: that is not an exact fit with log-likelihood +∞.
    @Test func subnormalResidualsAreNotAnExactFit() throws {
        let x: [Double] = [1, 2, 3, 4, 5]
        let y = [1.0, 2.1, 2.9, 4.2, 4.9].map { $0 * 1e-310 }
        let model = try FormulaModel(formula: "b1*x", parameters: ["b1"], predictors: ["x"])
        let result = try CurveFitter.fit(try FitProblem(model: model, predictors: Predictors(x), response: y), start: [1e-310])
        #expect(result.termination == .failed(.residualsUnderflow), "\(result.termination)")
        #expect(!result.isUsable)
        // An exact fit stays one.
        let exact = try CurveFitter.fit(try FitProblem(model: model, predictors: Predictors(x), response: x.map { 2 * $0 }), start: [1])
        #expect(exact.termination == .converged(.exactFit), "\(exact.termination)")
        #expect(exact.notes.contains { $0.contains("log-likelihood is unbounded") })
        // Standard error 0: no t statistic, so no p-value is reported.
        #expect(exact.parameters[0].standardError == 0 && exact.parameters[0].tValue == nil && exact.parameters[0].pValue == nil)
    }

    /// Every usable NIST-like fit passes the final checks: their p-values are finite numbers.
    @Test func usableFitsHaveFiniteStatistics() throws {
        let result = try MGH.fit(MGH.bard, t: Self.t15, y: MGH.bardY, start: [1, 1, 1])
        for parameter in result.parameters {
            #expect(parameter.standardError?.isFinite == true && parameter.tValue?.isFinite == true && parameter.pValue?.isFinite == true)
        }
        #expect(try #require(result.varianceInflation).allSatisfy { $0 >= 1 && $0 < Identifiability.ridgeVarianceInflation })
    }
}

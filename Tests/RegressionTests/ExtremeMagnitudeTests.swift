import Foundation
import Regression
import Testing

/// Least squares on data near the limits of double precision: finite data give finite results
/// wherever the true answer is representable, and a result with a non-finite core number is
/// never usable.
@Suite struct ExtremeMagnitudeTests {
    private let line = [1.0, 2, 3, 4, 5]

    private func fit(_ x: [Double], _ y: [Double], intercept: Bool = true) throws -> LinearRegressionResult {
        try LinearRegression.fit(try DesignMatrix(predictors: [x], names: ["x"], intercept: intercept), response: y)
    }

    @Test func responseNearTheLargestDoubleGivesFiniteEstimates() throws {
        // The issue's case: before the response was scaled, every estimate was NaN, with exit 0.
        let result = try fit(line, [1, 3, 5, 1.7e308, 1.7e308])
        // By hand: slope = Σ(x − 3)(y − ȳ)/10 = (2·1.7e308 + 1.7e308 − 2·1 − 3 + …)/10 ≈ 5.1e307,
        // intercept = ȳ − 3·slope ≈ 6.8e307 − 1.53e308 = −8.5e307.
        #expect(isClose(result.coefficients[1].estimate, 5.1e307, 1e-12))
        #expect(isClose(result.coefficients[0].estimate, -8.5e307, 1e-12))
        #expect(isClose(result.coefficients[1].standardError, 1.7e307, 1e-12))
        #expect(isClose(result.coefficients[1].tValue, 3, 1e-12))
        #expect(isClose(result.rSquared, 0.75, 1e-12))
        #expect(isClose(result.fStatistic, 9, 1e-12))
        // RSS ≈ 8.7e615 is not representable: the result is not usable, and says why.
        #expect(result.residualSumOfSquares.isInfinite)
        #expect(!result.isUsable)
        #expect(result.notUsableReason?.contains("residual sum of squares") == true)
    }

    @Test func oneHugeResponseValueGivesFiniteEstimatesAndAnUnusableRSS() throws {
        let result = try fit(line, [1, 3, 1e200, 2, 7])
        for coefficient in result.coefficients {
            #expect(coefficient.estimate?.isFinite == true && coefficient.standardError?.isFinite == true, "\(coefficient)")
        }
        #expect(isClose(result.coefficients[0].estimate, 2e199, 1e-12))
        // log-likelihood from the scaled RSS: finite although RSS (≈ 8e399) overflows.
        let logLikelihood = try #require(result.logLikelihood)
        // RSS = Σ(yᵢ − ŷᵢ)² ≈ (1e200)²·(1 − 1/5 − 0/10) = 0.8e400 (the huge value sits at x̄).
        let expected = -5.0 / 2 * (log(2 * Double.pi) + (log(0.8) + 400 * log(10.0) - log(5)) + 1)
        #expect(isClose(logLikelihood, expected, 1e-12), "\(logLikelihood) vs \(expected)")
        #expect(!result.isUsable)
        #expect(result.notUsableReason?.contains("residual sum of squares") == true)
    }

    @Test func tinyAndSubnormalResponsesKeepTheirDigits() throws {
        // y = 1e-310·(1, 3, 4, 9): subnormal, the same regression as on (1, 3, 4, 9) scaled down.
        let reference = try fit(line.prefix(4).map { $0 }, [1, 3, 4, 9])
        let tiny = try fit(line.prefix(4).map { $0 }, [1e-310, 3e-310, 4e-310, 9e-310])
        #expect(isClose(tiny.coefficients[1].estimate, 2.5e-310, 1e-6))
        #expect(isClose(tiny.coefficients[1].tValue, try #require(reference.coefficients[1].tValue), 1e-6))
        #expect(isClose(tiny.rSquared, reference.rSquared, 1e-6))
        #expect(tiny.logLikelihood?.isFinite == true)
        #expect(tiny.isUsable)
    }

    @Test func scalingTheResponseByAPowerOfTwoScalesEveryResultExactly() throws {
        let y = [2.1, 3.9, 6.2, 7.8, 10.1]
        let reference = try fit(line, y)
        for exponent in [-900, -300, -1, 1, 300, 900] {
            let scaled = try fit(line, y.map { $0 * pow(2, Double(exponent)) })
            for (a, b) in zip(scaled.coefficients, reference.coefficients) {
                #expect(a.estimate == b.estimate.map { $0 * pow(2, Double(exponent)) }, "2^\(exponent): \(a) vs \(b)")
                #expect(a.standardError == b.standardError.map { $0 * pow(2, Double(exponent)) })
                #expect(a.tValue == b.tValue && a.pValue == b.pValue)
            }
            #expect(scaled.rSquared == reference.rSquared && scaled.fStatistic == reference.fStatistic)
            // Up to 2^300 the RSS stays representable; at 2^900 it overflows (and says so).
            #expect(scaled.isUsable == (exponent < 900), "2^\(exponent): \(scaled.notUsableReason ?? "usable")")
        }
    }

    @Test func hugePredictorsAreScaledToo() throws {
        // Column norms above the largest double: ‖x‖ ≈ 2.2·1.7e308 overflows, its exponent does not.
        let x = [1.7e308, -1.7e308, 1.6e308, -1.5e308, 1.7e308]
        let result = try fit(x, x.map { $0 / 1e300 + 1 })
        #expect(isClose(result.coefficients[1].estimate, 1e-300, 1e-10))
        // The intercept is 1 beside responses of ±1.7e8: it is known to about ε·1.7e8 ≈ 4e-8.
        #expect(isClose(result.coefficients[0].estimate, 1, 1e-6))
        #expect(result.isUsable, "\(result.notUsableReason ?? "")")
    }

    @Test func aSlopeBeyondTheLargestDoubleIsNotUsable() throws {
        // y ≈ 1e300 over x spread 1e-300 apart: the slope, about 1e600, is not representable.
        let result = try fit(line.map { $0 * 1e-300 }, [1e300, 2e300, 3.5e300, 4e300, 5e300])
        #expect(!result.isUsable)
        #expect(result.notUsableReason?.contains("estimate of 'x'") == true, "\(result.notUsableReason ?? "")")
        for coefficient in result.coefficients where coefficient.tValue.map({ !$0.isFinite }) ?? true {
            #expect(coefficient.pValue == nil, "no p-value for a statistic that is not finite: \(coefficient)")
        }
    }

    @Test func polynomialDegreeIsCheckedBeforeTheDesignIsBuilt() {
        // Building x^1…x^(10⁹) would take for ever; both checks come first.
        #expect(throws: RegressionError.tooFewObservations(observations: 5, coefficients: 101)) {
            try DesignMatrix.polynomial(line, degree: 100, intercept: true)
        }
        #expect(throws: RegressionError.self) { try DesignMatrix.polynomial(line, degree: 1_000_000_000, intercept: true) }
        #expect(DesignMatrix.maximumDegree == 100)
    }

    /// Seeded random designs and responses whose magnitudes span the whole double range.
    @Test func fuzzedExtremeDataNeverGiveANonFiniteUsableResult() throws {
        var random = SplitMix64(seed: 13)
        var usable = 0, notUsable = 0, rejected = 0
        for case_ in 0..<Self.fuzzCases {
            let n = 3 + Int(random.next() % 12)
            let p = 1 + Int(random.next() % 2)
            let columns = (0..<p).map { _ in random.column(n) }
            let y = random.column(n)
            let intercept = random.next() % 4 != 0
            let result: LinearRegressionResult
            do {
                let design = try DesignMatrix(predictors: columns, names: (0..<p).map { "x\($0)" }, intercept: intercept)
                result = try LinearRegression.fit(design, response: y)
            } catch is RegressionError {
                rejected += 1
                continue
            }
            let context = "case \(case_): x = \(columns), y = \(y)"
            if result.isUsable {
                usable += 1
                Self.expectEveryCoreNumberFinite(result, context)
            } else {
                notUsable += 1
                #expect(!(result.notUsableReason ?? "").isEmpty, "\(context)")
            }
            for c in result.coefficients where c.tValue.map({ !$0.isFinite }) == true {
                #expect(c.pValue == nil, "p-value for a non-finite t: \(context)")
            }
            if let f = result.fStatistic, !f.isFinite { #expect(result.fPValue == nil, "\(context)") }
            // Representable answers stay finite: with |y| ≤ 1e250 and predictors within 1e±10 of 1,
            // the estimates are at most about 1e250·10¹²·10¹⁰ (rank cutoff 1e-12 on scaled columns).
            if y.allSatisfy({ abs($0) <= 1e250 }), columns.joined().allSatisfy({ $0 == 0 || (abs($0) >= 1e-10 && abs($0) <= 1e10) }) {
                for c in result.coefficients {
                    #expect(c.estimate?.isFinite ?? true, "estimate \(c.name) not finite: \(context)")
                    #expect(c.standardError?.isFinite ?? true, "SE \(c.name) not finite: \(context)")
                }
            }
        }
        print("fuzzed regressions: \(usable) usable, \(notUsable) not usable, \(rejected) rejected")
        // The generator reaches both regimes, so the checks above are exercised.
        #expect(usable >= Self.fuzzCases / 4 && notUsable >= 20, "usable \(usable), not usable \(notUsable), rejected \(rejected)")
    }

    static let fuzzCases = 400

    private static func expectEveryCoreNumberFinite(_ r: LinearRegressionResult, _ context: String) {
        var numbers: [Double?] = [r.residualSumOfSquares, r.residualStandardDeviation, r.totalSumOfSquares, r.fStatistic,
                                  r.fPValue, r.logLikelihood, r.aic, r.bic]
        for c in r.coefficients {
            numbers += [c.estimate, c.standardError, c.tValue, c.pValue, c.confidenceLower, c.confidenceUpper]
        }
        #expect(numbers.allSatisfy { $0?.isFinite ?? true }, "a usable result has a non-finite number: \(context)")
    }
}

private func isClose(_ a: Double?, _ b: Double, _ relative: Double) -> Bool {
    guard let a else { return false }
    return a == b || abs(a - b) <= relative * max(abs(a), abs(b))
}

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny seeded generator for the fuzz loop.
private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A column of `n` values: one magnitude 10^k (k uniform in −320…308) for the column, values
    /// spread within a few orders around it, with random signs, repeats, zeros and the extremes.
    mutating func column(_ n: Int) -> [Double] {
        let exponent = Double(Int(next() % 629)) - 320
        let kind = next() % 6
        return (0..<n).map { i in
            switch kind {
            case 0: return Double.greatestFiniteMagnitude * (uniform() < 0.5 ? 1 : -1) * (0.5 + uniform() / 2)
            case 1: return i == 0 ? pow(10, exponent) : Double(i)
            case 2: return pow(10, exponent) * Double(1 + i % 2)
            default:
                let value = pow(10, exponent + 3 * uniform()) * (uniform() < 0.3 ? -1 : 1)
                return value.isFinite ? value : Double.greatestFiniteMagnitude
            }
        }
    }
}

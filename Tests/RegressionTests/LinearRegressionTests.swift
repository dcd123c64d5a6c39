import Foundation
import Regression
import Testing

/// statsmodels OLS results recorded by Fixtures/make_fixtures.py.
struct Fixture: Decodable {
    struct Summary: Decodable {
        let names: [String]
        let estimate, stdError, tValue, pValue, ciLower, ciUpper: [Double]
        let rss, sigma, rSquared, adjustedRSquared, fStatistic, fPValue, logLikelihood, aic, bic: Double
        let dfResidual: Int
    }
    let x1, x2, y: [Double]
    let withIntercept, noIntercept, quadratic: Summary

    static func load() throws -> Fixture {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/ols.json")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Fixture.self, from: Data(contentsOf: url))
    }
}

private func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-10) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(abs(b), 1e-300) || abs(a - b) <= 1e-300
}

func expectMatches(_ result: LinearRegressionResult, _ expected: Fixture.Summary,
                           sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.coefficients.map(\.name) == expected.names, sourceLocation: sourceLocation)
    for (j, c) in result.coefficients.enumerated() {
        #expect(close(c.estimate, expected.estimate[j]), "estimate \(c.name)", sourceLocation: sourceLocation)
        #expect(close(c.standardError, expected.stdError[j]), "SE \(c.name)", sourceLocation: sourceLocation)
        #expect(close(c.tValue, expected.tValue[j]), "t \(c.name)", sourceLocation: sourceLocation)
        #expect(close(c.pValue, expected.pValue[j], 1e-8), "p \(c.name)", sourceLocation: sourceLocation)
        #expect(close(c.confidenceLower, expected.ciLower[j]), "CI \(c.name)", sourceLocation: sourceLocation)
        #expect(close(c.confidenceUpper, expected.ciUpper[j]), "CI \(c.name)", sourceLocation: sourceLocation)
    }
    #expect(result.residualDegreesOfFreedom == expected.dfResidual, sourceLocation: sourceLocation)
    #expect(close(result.residualSumOfSquares, expected.rss), sourceLocation: sourceLocation)
    #expect(close(result.residualStandardDeviation, expected.sigma), sourceLocation: sourceLocation)
    #expect(close(result.rSquared, expected.rSquared), sourceLocation: sourceLocation)
    #expect(close(result.adjustedRSquared, expected.adjustedRSquared), sourceLocation: sourceLocation)
    #expect(close(result.fStatistic, expected.fStatistic), sourceLocation: sourceLocation)
    #expect(close(result.fPValue, expected.fPValue, 1e-8), sourceLocation: sourceLocation)
    #expect(close(result.logLikelihood, expected.logLikelihood), sourceLocation: sourceLocation)
    #expect(close(result.aic, expected.aic), sourceLocation: sourceLocation)
    #expect(close(result.bic, expected.bic), sourceLocation: sourceLocation)
}

@Suite struct LinearRegressionTests {
    let fixture: Fixture

    init() throws { fixture = try Fixture.load() }

    @Test func twoPredictorsWithInterceptMatchStatsmodels() throws {
        let design = try DesignMatrix(predictors: [fixture.x1, fixture.x2], names: ["x1", "x2"], intercept: true)
        expectMatches(try LinearRegression.fit(design, response: fixture.y), fixture.withIntercept)
    }

    @Test func noInterceptMatchesStatsmodels() throws {
        let design = try DesignMatrix(predictors: [fixture.x1, fixture.x2], names: ["x1", "x2"], intercept: false)
        expectMatches(try LinearRegression.fit(design, response: fixture.y), fixture.noIntercept)
    }

    @Test func quadraticMatchesStatsmodels() throws {
        let design = try DesignMatrix.polynomial(fixture.x1, degree: 2, intercept: true, name: "x1")
        expectMatches(try LinearRegression.fit(design, response: fixture.y), fixture.quadratic)
    }

    @Test func aliasedColumnIsReportedLikeR() throws {
        // x3 = x1 + 2·x2 is an exact combination: R reports NA for it and the others are the
        // estimates of the model without it.
        let x3 = zip(fixture.x1, fixture.x2).map { $0 + 2 * $1 }
        let design = try DesignMatrix(predictors: [fixture.x1, fixture.x2, x3], names: ["x1", "x2", "x3"], intercept: true)
        let result = try LinearRegression.fit(design, response: fixture.y)
        #expect(result.rank == 3)
        let aliased = result.coefficients.filter(\.isAliased).map(\.name)
        #expect(aliased.count == 1)
        let alias = try #require(result.aliases.first)
        // Whichever column is dropped, its combination reproduces it: check x3 = x1 + 2·x2 or the equivalent.
        let coefficients = Dictionary(uniqueKeysWithValues: alias.combination.map { ($0.column, $0.coefficient) })
        switch alias.column {
        case "x3": #expect(close(coefficients["x1"], 1, 1e-9) && close(coefficients["x2"], 2, 1e-9))
        case "x2": #expect(close(coefficients["x3"], 0.5, 1e-9) && close(coefficients["x1"], -0.5, 1e-9))
        case "x1": #expect(close(coefficients["x3"], 1, 1e-9) && close(coefficients["x2"], -2, 1e-9))
        default: Issue.record("unexpected aliased column \(alias.column)")
        }
        #expect(close(result.residualSumOfSquares, fixture.withIntercept.rss, 1e-9))
        #expect(close(result.rSquared, fixture.withIntercept.rSquared, 1e-9))
    }

    @Test func badInputIsRejected() throws {
        let design = try DesignMatrix(predictors: [[1, 2, 3]], names: ["x"], intercept: true)
        #expect(throws: RegressionError.self) { try LinearRegression.fit(design, response: [1, 2]) }
        #expect(throws: RegressionError.self) { try LinearRegression.fit(design, response: [1, .nan, 3]) }
        let wide = try DesignMatrix(predictors: [[1, 2], [3, 5], [4, 4]], names: ["a", "b", "c"], intercept: true)
        #expect(throws: RegressionError.tooFewObservations(observations: 2, coefficients: 4)) {
            try LinearRegression.fit(wide, response: [1, 2])
        }
        #expect(throws: RegressionError.self) { try DesignMatrix(predictors: [[1, 2], [1]], names: ["a", "b"], intercept: true) }
        #expect(throws: RegressionError.self) { try DesignMatrix.polynomial([1, 2, 3], degree: 0, intercept: true) }
        #expect(throws: RegressionError.self) {
            try LinearRegression.fit(design, response: [1, 2, 3], options: .init(confidenceLevel: 1.5))
        }
    }

    @Test func exactFitHasZeroResidualAndNoFTestOrLikelihood() throws {
        let design = try DesignMatrix(predictors: [[1, 2, 3, 4]], names: ["x"], intercept: true)
        let result = try LinearRegression.fit(design, response: [3, 5, 7, 9])
        #expect(close(result.coefficients[0].estimate, 1, 1e-12))
        #expect(close(result.coefficients[1].estimate, 2, 1e-12))
        #expect(result.residualSumOfSquares == 0)
        #expect(result.rSquared == 1)
        // An infinite F statistic and an unbounded likelihood are undefined, not numbers.
        #expect(result.fStatistic == nil && result.fPValue == nil)
        #expect(result.logLikelihood == nil && result.aic == nil && result.bic == nil)
        #expect(result.isUsable, "\(result.notUsableReason ?? "")")
    }

    @Test func constantResponseGivesZeroSlope() throws {
        let design = try DesignMatrix(predictors: [[1, 2, 3, 4]], names: ["x"], intercept: true)
        let result = try LinearRegression.fit(design, response: [5, 5, 5, 5])
        #expect(abs(result.coefficients[1].estimate ?? 1) < 1e-14)
        // Nothing to explain: R² and F are undefined, as R reports them (NaN, no F test).
        #expect(result.rSquared.isNaN)
        #expect(result.fStatistic == nil && result.fPValue == nil)
    }
}

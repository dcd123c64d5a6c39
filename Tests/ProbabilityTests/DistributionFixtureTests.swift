import Foundation
import Testing
@testable import Probability

/// Every distribution function against 50/80-digit mpmath references
/// (`Fixtures/distributions.csv`, see `make_fixtures.py` for the grid and method).
///
/// The bound is 1e−12 relative error. References below 1e−300 in magnitude are not in
/// the file (subnormal doubles cannot carry that precision); the only absolute floor,
/// 1e−300, therefore matters just for exact zeros such as `quantile(0.5) = 0`.
///
/// Set `PROBABILITY_REPORT_ERRORS=1` to print the worst error per function and every
/// failing row (used to produce the accuracy table in the module's report).
@Suite struct DistributionFixtureTests {
    static let tolerance = 1e-12

    struct Case: CustomStringConvertible {
        let dist: String, param1: Double, param2: Double, function: String, x: Double, expected: Double
        var description: String { "\(dist)(\(param1), \(param2)).\(function)(\(x))" }
    }

    static func loadCases() throws -> [Case] {
        try Fixture.rows("distributions.csv").map { row in
            func number(_ key: String) throws -> Double {
                guard let text = row[key], let value = Double(text) else {
                    throw FixtureError.malformed(key, row)
                }
                return value
            }
            return Case(
                dist: row["dist"] ?? "", param1: try number("param1"), param2: try number("param2"),
                function: row["function"] ?? "", x: try number("x"), expected: try number("value"))
        }
    }

    enum FixtureError: Error { case malformed(String, [String: String]), unknown(String) }

    static func distribution(_ c: Case) throws -> any ContinuousDistribution {
        switch c.dist {
        case "normal": try Normal(mean: c.param1, sd: c.param2)
        case "t": try StudentT(degreesOfFreedom: c.param1)
        case "chi2": try ChiSquared(degreesOfFreedom: c.param1)
        case "f": try FDistribution(numeratorDF: c.param1, denominatorDF: c.param2)
        default: throw FixtureError.unknown(c.dist)
        }
    }

    static func evaluate(_ d: any ContinuousDistribution, _ function: String, _ x: Double) throws -> Double {
        switch function {
        case "pdf": d.pdf(x)
        case "cdf": d.cdf(x)
        case "sf": d.survival(x)
        case "ppf": d.quantile(x)
        case "isf": d.upperQuantile(x)
        default: throw FixtureError.unknown(function)
        }
    }

    @Test func fixtureFileCoversAllFamiliesAndFunctions() throws {
        let cases = try Self.loadCases()
        #expect(cases.count > 1000)
        for dist in ["normal", "t", "chi2", "f"] {
            for function in ["pdf", "cdf", "sf", "ppf", "isf"] {
                #expect(cases.contains { $0.dist == dist && $0.function == function }, "\(dist) \(function)")
            }
        }
    }

    @Test(arguments: ["normal", "t", "chi2", "f"])
    func matchesReference(dist: String) throws {
        var worst: [String: (error: Double, at: String)] = [:]
        let report = ProcessInfo.processInfo.environment["PROBABILITY_REPORT_ERRORS"] != nil
        for c in try Self.loadCases() where c.dist == dist {
            let actual = try Self.evaluate(try Self.distribution(c), c.function, c.x)
            let error = relativeError(actual, c.expected)
            #expect(error <= Self.tolerance, "\(c): got \(actual), expected \(c.expected)")
            if report && error > Self.tolerance { print("FAIL \(c) got \(actual) expected \(c.expected) error \(error)") }
            if error >= worst[c.function]?.error ?? -1 { worst[c.function] = (error, c.description) }
        }
        if report {
            for (function, w) in worst.sorted(by: { $0.key < $1.key }) {
                print("worst \(dist).\(function): \(w.error) at \(w.at)")
            }
        }
    }
}

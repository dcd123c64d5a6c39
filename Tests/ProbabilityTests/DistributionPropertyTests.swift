import Testing
@testable import Probability

/// Special values, parameter validation and structural identities of the distributions.
/// Numerical accuracy is covered by `DistributionFixtureTests`.
@Suite struct DistributionPropertyTests {
    static func all() throws -> [any ContinuousDistribution] {
        [
            Normal.standard, try Normal(mean: -3, sd: 0.5),
            try StudentT(degreesOfFreedom: 0.5), try StudentT(degreesOfFreedom: 7),
            try StudentT(degreesOfFreedom: .infinity),
            try ChiSquared(degreesOfFreedom: 1), try ChiSquared(degreesOfFreedom: 12.5),
            try FDistribution(numeratorDF: 1, denominatorDF: 1), try FDistribution(numeratorDF: 7, denominatorDF: 300),
        ]
    }

    static func lowerSupport(_ d: any ContinuousDistribution) -> Double {
        d is ChiSquared || d is FDistribution ? 0 : -.infinity
    }

    @Test func nanInNanOut() throws {
        for d in try Self.all() {
            #expect(d.pdf(.nan).isNaN && d.cdf(.nan).isNaN && d.survival(.nan).isNaN, "\(d)")
            #expect(d.quantile(.nan).isNaN && d.upperQuantile(.nan).isNaN, "\(d)")
        }
    }

    @Test func infiniteArguments() throws {
        for d in try Self.all() {
            #expect(d.cdf(-.infinity) == 0 && d.cdf(.infinity) == 1, "\(d)")
            #expect(d.survival(-.infinity) == 1 && d.survival(.infinity) == 0, "\(d)")
            #expect(d.pdf(.infinity) == 0 && d.pdf(-.infinity) == 0, "\(d)")
        }
    }

    @Test func quantileEndpointsAndOutOfRange() throws {
        for d in try Self.all() {
            #expect(d.quantile(0) == Self.lowerSupport(d), "\(d)")
            #expect(d.quantile(1) == .infinity, "\(d)")
            #expect(d.upperQuantile(0) == .infinity, "\(d)")
            #expect(d.upperQuantile(1) == Self.lowerSupport(d), "\(d)")
            for p in [-0.1, 1.1, -.infinity, .infinity] {
                #expect(d.quantile(p).isNaN && d.upperQuantile(p).isNaN, "\(d) p = \(p)")
            }
        }
    }

    @Test func tailsAreComplementaryAndQuantilesInvertThem() throws {
        for d in try Self.all() {
            for p in [1e-9, 0.02, 0.3, 0.5, 0.8, 0.999] {
                let x = d.quantile(p)
                #expect(relativeError(d.cdf(x), p) < 1e-12, "\(d) p = \(p)")
                #expect(abs(d.cdf(x) + d.survival(x) - 1) < 1e-15, "\(d) p = \(p)")
            }
            // For p ≥ ½ the complement 1 − p is exact, so the two quantiles must agree.
            for p in [0.5, 0.8, 0.999, 1 - 1e-9] {
                #expect(relativeError(d.upperQuantile(1 - p), d.quantile(p)) < 1e-13, "\(d) p = \(p)")
                #expect(relativeError(d.quantile(1 - p), d.upperQuantile(p), floor: 1e-300) < 1e-13, "\(d) p = \(p)")
            }
        }
    }

    @Test func symmetryOfNormalAndT() throws {
        let t = try StudentT(degreesOfFreedom: 3.3)
        for x in [0.0, 0.2, 1.7, 25.0] {
            #expect(t.cdf(-x) == t.survival(x))
            #expect(t.pdf(-x) == t.pdf(x))
            #expect(Normal.standard.cdf(-x) == Normal.standard.survival(x))
            #expect(t.quantile(0.25) == -t.quantile(0.75))
        }
        #expect(t.quantile(0.5) == 0)
        #expect(Normal.standard.quantile(0.5) == 0)
    }

    @Test func infiniteDegreesOfFreedomIsNormal() throws {
        let t = try StudentT(degreesOfFreedom: .infinity)
        for x in [-6.0, -1.0, 0.0, 0.5, 3.0] {
            #expect(t.cdf(x) == Normal.standard.cdf(x))
            #expect(t.pdf(x) == Normal.standard.pdf(x))
        }
        #expect(t.quantile(0.975) == Normal.standard.quantile(0.975))
        #expect(t.twoSidedPValue(1.96) == 2 * Normal.standard.survival(1.96))
    }

    @Test func twoSidedPValue() throws {
        let t = try StudentT(degreesOfFreedom: 12)
        #expect(t.twoSidedPValue(0) == 1)
        #expect(t.twoSidedPValue(.infinity) == 0)
        #expect(t.twoSidedPValue(.nan).isNaN)
        for x in [0.3, 2.18, 9.0, 60.0] {
            #expect(relativeError(t.twoSidedPValue(x), 2 * t.survival(x)) < 1e-15)
            #expect(t.twoSidedPValue(-x) == t.twoSidedPValue(x))
        }
        // The classic table value: t(12) two-sided 5% critical value is 2.178813.
        #expect(abs(t.twoSidedPValue(2.178813) - 0.05) < 1e-6)
    }

    @Test func densitiesAtZero() throws {
        #expect(try ChiSquared(degreesOfFreedom: 1).pdf(0) == .infinity)
        #expect(try ChiSquared(degreesOfFreedom: 2).pdf(0) == 0.5)
        #expect(try ChiSquared(degreesOfFreedom: 3).pdf(0) == 0)
        #expect(try FDistribution(numeratorDF: 1, denominatorDF: 4).pdf(0) == .infinity)
        #expect(try FDistribution(numeratorDF: 2, denominatorDF: 4).pdf(0) == 1)
        #expect(try FDistribution(numeratorDF: 3, denominatorDF: 4).pdf(0) == 0)
        #expect(try ChiSquared(degreesOfFreedom: 3).pdf(-1) == 0)
        #expect(try FDistribution(numeratorDF: 3, denominatorDF: 4).cdf(-1) == 0)
    }

    @Test func parameterValidation() {
        #expect(throws: ProbabilityError.invalidParameter(name: "sd", value: 0, requirement: "finite and > 0")) {
            try Normal(mean: 0, sd: 0)
        }
        #expect(throws: ProbabilityError.self) { try Normal(mean: .nan, sd: 1) }
        #expect(throws: ProbabilityError.self) { try Normal(mean: 0, sd: .infinity) }
        #expect(throws: ProbabilityError.self) { try StudentT(degreesOfFreedom: 0) }
        #expect(throws: ProbabilityError.self) { try StudentT(degreesOfFreedom: -2) }
        #expect(throws: ProbabilityError.self) { try StudentT(degreesOfFreedom: .nan) }
        #expect(throws: ProbabilityError.self) { try ChiSquared(degreesOfFreedom: .infinity) }
        #expect(throws: ProbabilityError.self) { try ChiSquared(degreesOfFreedom: -1) }
        #expect(throws: ProbabilityError.self) { try FDistribution(numeratorDF: 0, denominatorDF: 1) }
        #expect(throws: ProbabilityError.self) { try FDistribution(numeratorDF: 1, denominatorDF: .nan) }
        do {
            _ = try StudentT(degreesOfFreedom: -2)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "degreesOfFreedom must be > 0 (infinity allowed) (got -2.0)")
        }
    }

    @Test func standardNormalIsTheUnitNormal() throws {
        #expect(try Normal(mean: 0, sd: 1) == Normal.standard)
        #expect(relativeError(Normal.standard.quantile(0.975), 1.959963984540054) < 1e-15)
    }
}

import Testing
@testable import Probability

/// Sampler checks with fixed seeds. Every bound is 6 standard errors of the statistic
/// for the sample size used (or the 0.1% critical value for Kolmogorov–Smirnov), so a
/// correct sampler passes with overwhelming probability for any seed while a wrong mean,
/// variance or shape fails; with the fixed seeds the outcome is deterministic.
@Suite struct SamplingTests {
    static let n = 100_000

    struct Moments {
        var mean: Double, variance: Double
        init(_ xs: [Double]) {
            mean = xs.reduce(0, +) / Double(xs.count)
            let m = mean
            variance = xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1)
        }
    }

    /// Asserts sample mean and variance against the truth, using the fourth central
    /// moment `mu4` for the standard error of the variance: `Var(s²) ≈ (μ₄ − σ⁴)/n`.
    func expectMoments(_ xs: [Double], mean: Double, variance: Double, mu4: Double,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        let count = Double(xs.count)
        let m = Moments(xs)
        let meanSE = (variance / count).squareRoot()
        let varianceSE = ((mu4 - variance * variance) / count).squareRoot()
        #expect(abs(m.mean - mean) < 6 * meanSE, "mean \(m.mean) vs \(mean)", sourceLocation: sourceLocation)
        #expect(abs(m.variance - variance) < 6 * varianceSE,
                "variance \(m.variance) vs \(variance)", sourceLocation: sourceLocation)
    }

    /// Kolmogorov–Smirnov distance between the sample and a continuous cdf.
    func ksDistance(_ xs: [Double], cdf: (Double) -> Double) -> Double {
        let sorted = xs.sorted()
        let count = Double(sorted.count)
        var d = 0.0
        for (i, x) in sorted.enumerated() {
            let f = cdf(x)
            d = max(d, abs(f - Double(i) / count), abs(Double(i + 1) / count - f))
        }
        return d
    }

    /// The asymptotic 0.1% critical value of the KS statistic, 1.95/√n.
    func ksCritical(_ count: Int) -> Double { 1.95 / Double(count).squareRoot() }

    @Test func standardNormalMomentsAndShape() {
        var g = SeededGenerator(seed: 11)
        let xs = (0..<Self.n).map { _ in g.nextStandardNormal() }
        expectMoments(xs, mean: 0, variance: 1, mu4: 3)
        #expect(ksDistance(xs, cdf: Normal.standard.cdf) < ksCritical(xs.count))
    }

    @Test func exponentialMoments() throws {
        var g = SeededGenerator(seed: 12)
        let rate = 2.0
        let xs = try (0..<Self.n).map { _ in try g.nextExponential(rate: rate) }
        let mean = 1 / rate
        expectMoments(xs, mean: mean, variance: mean * mean, mu4: 9 * pow4(mean))
        #expect(xs.allSatisfy { $0 > 0 && $0.isFinite })
    }

    @Test(arguments: [0.05, 0.3, 1.0, 2.5, 30.0])
    func gammaMomentsAndShape(shape: Double) throws {
        var g = SeededGenerator(seed: 13)
        let scale = 2.0
        let xs = try (0..<Self.n).map { _ in try g.nextGamma(shape: shape, scale: scale) }
        // Central moments of Gamma(k, θ): σ² = kθ², μ₄ = 3k(k + 2)θ⁴.
        expectMoments(xs, mean: shape * scale, variance: shape * scale * scale,
                      mu4: 3 * shape * (shape + 2) * pow4(scale))
        // Gamma(k, 2) is chi-squared with 2k degrees of freedom: cross-check the shape.
        let chi = try ChiSquared(degreesOfFreedom: 2 * shape)
        #expect(ksDistance(xs, cdf: chi.cdf) < ksCritical(xs.count))
    }

    @Test(arguments: [0.5, 4.0, 9.99, 10.0, 37.5, 1e4, 1e9])
    func poissonMoments(mean: Double) throws {
        var g = SeededGenerator(seed: 14)
        let ks = try (0..<Self.n).map { _ in try g.nextPoisson(mean: mean) }
        #expect(ks.allSatisfy { $0 >= 0 })
        // Poisson central moments: σ² = μ, μ₄ = μ(1 + 3μ).
        expectMoments(ks.map(Double.init), mean: mean, variance: mean, mu4: mean * (1 + 3 * mean))
        if mean < 20 {
            // P(K = 0) = e^(−μ): binomial standard error of the observed frequency.
            let p0 = Double.exp(-mean)
            let observed = Double(ks.filter { $0 == 0 }.count) / Double(ks.count)
            #expect(abs(observed - p0) < 6 * (p0 * (1 - p0) / Double(ks.count)).squareRoot())
        }
    }

    @Test func poissonZeroMeanIsZero() throws {
        var g = SeededGenerator(seed: 1)
        #expect(try g.nextPoisson(mean: 0) == 0)
    }

    @Test func dirichletMoments() throws {
        var g = SeededGenerator(seed: 15)
        let alphas = [0.5, 2.0, 7.5]
        let total = alphas.reduce(0, +)
        let draws = try (0..<Self.n).map { _ in try g.nextDirichlet(alphas) }
        #expect(draws.allSatisfy { abs($0.reduce(0, +) - 1) < 1e-12 })
        for (i, alpha) in alphas.enumerated() {
            let xs = draws.map { $0[i] }
            let mean = alpha / total
            let variance = alpha * (total - alpha) / (total * total * (total + 1))
            // Components are Beta(αᵢ, α₀ − αᵢ); bounding μ₄ by 3σ² (valid on [0, 1]) keeps
            // the variance check conservative without the closed form.
            expectMoments(xs, mean: mean, variance: variance, mu4: 3 * variance)
        }
    }

    @Test func dirichletWithTinyConcentrationsStaysValid() throws {
        var g = SeededGenerator(seed: 16)
        let draws = try (0..<1000).map { _ in try g.nextDirichlet([1e-3, 1e-3, 1e-3]) }
        #expect(draws.allSatisfy { $0.allSatisfy { $0 >= 0 && $0 <= 1 } && abs($0.reduce(0, +) - 1) < 1e-12 })
    }

    @Test func uniformOnSimplex() throws {
        var g = SeededGenerator(seed: 17)
        let d = 4
        let draws = try (0..<Self.n).map { _ in try g.nextUniformOnSimplex(dimension: d) }
        #expect(draws.allSatisfy { $0.count == d && $0.allSatisfy { $0 >= 0 } && abs($0.reduce(0, +) - 1) < 1e-12 })
        // Coordinates are Beta(1, d − 1): mean 1/d, variance (d − 1)/(d²(d + 1)).
        let variance = Double(d - 1) / Double(d * d * (d + 1))
        expectMoments(draws.map { $0[0] }, mean: 1 / Double(d), variance: variance, mu4: 3 * variance)
        #expect(try g.nextUniformOnSimplex(dimension: 1) == [1])
    }

    @Test func samplersAreReproducible() throws {
        func run(_ seed: UInt64) throws -> [Double] {
            var g = SeededGenerator(seed: seed)
            var out: [Double] = []
            for _ in 0..<200 {
                out.append(g.nextStandardNormal())
                out.append(try g.nextGamma(shape: 0.7))
                out.append(Double(try g.nextPoisson(mean: 50)))
                out += try g.nextDirichlet([1, 2, 3])
            }
            return out
        }
        #expect(try run(5) == run(5))
        #expect(try run(5) != run(6))
    }

    @Test func invalidParametersThrowReadableErrorsWithoutConsumingWords() {
        var g = SeededGenerator(seed: 3)
        let before = g
        #expect(throws: ProbabilityError.invalidParameter(name: "shape", value: -1, requirement: "finite and > 0")) {
            try g.nextGamma(shape: -1)
        }
        #expect(throws: ProbabilityError.self) { try g.nextGamma(shape: .nan) }
        #expect(throws: ProbabilityError.self) { try g.nextGamma(shape: 1, scale: 0) }
        #expect(throws: ProbabilityError.self) { try g.nextGamma(shape: .infinity) }
        #expect(throws: ProbabilityError.self) { try g.nextExponential(rate: -2) }
        #expect(throws: ProbabilityError.self) { try g.nextPoisson(mean: -1) }
        #expect(throws: ProbabilityError.self) { try g.nextPoisson(mean: .nan) }
        #expect(throws: ProbabilityError.self) { try g.nextPoisson(mean: .infinity) }
        #expect(throws: ProbabilityError.self) { try g.nextPoisson(mean: 1e16) }
        #expect(throws: ProbabilityError.invalidCount(name: "alphas.count", value: 0, requirement: ">= 1")) {
            try g.nextDirichlet([])
        }
        #expect(throws: ProbabilityError.self) { try g.nextDirichlet([1, 0, 2]) }
        #expect(throws: ProbabilityError.self) { try g.nextDirichlet([1, .nan]) }
        #expect(throws: ProbabilityError.self) { try g.nextUniformOnSimplex(dimension: 0) }
        #expect(g == before)

        do {
            _ = try g.nextGamma(shape: -1)
        } catch {
            #expect(error.description == "shape must be finite and > 0 (got -1.0)")
        }
    }
}

private func pow4(_ x: Double) -> Double { x * x * x * x }

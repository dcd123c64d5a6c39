import RealModule
import Testing
@testable import Probability

@Suite struct SpecialFunctionsTests {
    typealias SF = SpecialFunctions

    @Test func gammaClosedForms() {
        // Q(1, x) = e^(−x) and Q(½, x) = erfc(√x) (x chosen so that √x is exact).
        for x in [1e-8, 0.5, 3.0, 40.0, 700.0] {
            #expect(relativeError(SF.regularizedGammaQ(a: 1, x: x), Double.exp(-x)) < 1e-13, "x = \(x)")
            #expect(relativeError(SF.regularizedGammaP(a: 1, x: x), -Double.expMinusOne(-x)) < 1e-13)
        }
        for root in [0.25, 1.0, 2.0, 5.0, 20.0] {
            let x = root * root
            #expect(relativeError(SF.regularizedGammaQ(a: 0.5, x: x), Double.erfc(root)) < 1e-13)
            #expect(relativeError(SF.regularizedGammaP(a: 0.5, x: x), Double.erf(root)) < 1e-13)
        }
    }

    @Test func betaClosedForms() {
        for x in [1e-10, 0.01, 0.3, 0.5, 0.77, 0.999] {
            #expect(relativeError(SF.regularizedBeta(a: 1, b: 1, x: x), x) < 1e-14)
            #expect(relativeError(SF.regularizedBeta(a: 3.5, b: 1, x: x), Double.pow(x, 3.5)) < 1e-13)
            #expect(relativeError(SF.regularizedBetaComplement(a: 1, b: 2.5, x: x), Double.pow(1 - x, 2.5)) < 1e-13)
        }
    }

    /// Whether `x` solves `f(x) = target` as well as a double can: either to 1e−12 relative,
    /// or `target` lies between `f` at the neighbouring doubles of `x` (needed where `f` is
    /// so steep that one ulp of `x` moves it by more than 1e−12, e.g. near x = 1 for
    /// a = 5e5, or where the root underflows to 0).
    func isBestRoot(_ x: Double, _ target: Double, _ f: (Double) -> Double) -> Bool {
        if relativeError(f(x), target) < 1e-12 { return true }
        let below = f(max(x.nextDown, 0)), above = f(x.nextUp)
        return min(below, above) * (1 - 1e-13) <= target && target <= max(below, above) * (1 + 1e-13)
    }

    @Test(arguments: [0.1, 0.5, 1.0, 3.0, 47.5, 5e5])
    func gammaInversesRoundTrip(a: Double) {
        for p in [1e-200, 1e-12, 0.01, 0.5, 0.9] {
            let x = SF.inverseRegularizedGammaP(a: a, p: p)
            #expect(isBestRoot(x, p) { SF.regularizedGammaP(a: a, x: $0) }, "a = \(a), p = \(p), x = \(x)")
            let y = SF.inverseRegularizedGammaQ(a: a, q: p)
            #expect(isBestRoot(y, p) { SF.regularizedGammaQ(a: a, x: $0) }, "a = \(a), q = \(p), x = \(y)")
        }
        // Roots below the smallest subnormal come back as 0.
        #expect(SF.inverseRegularizedGammaP(a: 0.1, p: 1e-200) == 0)
    }

    @Test(arguments: [(0.5, 0.5), (2.0, 3.0), (0.2, 40.0), (150.0, 0.7), (5e5, 0.5)])
    func betaInversesRoundTrip(a: Double, b: Double) {
        for p in [1e-100, 1e-12, 0.01, 0.5, 0.9] {
            let x = SF.inverseRegularizedBeta(a: a, b: b, p: p)
            #expect(isBestRoot(x, p) { SF.regularizedBeta(a: a, b: b, x: $0) }, "a = \(a), b = \(b), p = \(p)")
            // 1 − I_x(a, b) = I_{1−x}(b, a): the complement's root is 1 − (root of the swapped
            // problem), which carries full precision; x itself near 1 only to ~1e−16 absolute.
            let x1 = SF.inverseRegularizedBetaComplement(a: a, b: b, q: p)
            let y = SF.inverseRegularizedBeta(a: b, b: a, p: p)
            #expect(isBestRoot(y, p) { SF.regularizedBeta(a: b, b: a, x: $0) }, "a = \(a), b = \(b), q = \(p)")
            #expect(abs(x1 - (1 - y)) <= 2 * Double.ulpOfOne * max(x1, y), "a = \(a), b = \(b), q = \(p)")
        }
    }

    @Test func endpointsAndInvalidArguments() {
        #expect(SF.regularizedGammaP(a: 2, x: 0) == 0)
        #expect(SF.regularizedGammaQ(a: 2, x: 0) == 1)
        #expect(SF.regularizedGammaP(a: 2, x: .infinity) == 1)
        #expect(SF.regularizedGammaQ(a: 2, x: .infinity) == 0)
        #expect(SF.inverseRegularizedGammaP(a: 2, p: 0) == 0)
        #expect(SF.inverseRegularizedGammaP(a: 2, p: 1) == .infinity)
        #expect(SF.inverseRegularizedGammaQ(a: 2, q: 0) == .infinity)
        #expect(SF.regularizedBeta(a: 2, b: 3, x: 0) == 0)
        #expect(SF.regularizedBeta(a: 2, b: 3, x: 1) == 1)
        #expect(SF.inverseRegularizedBeta(a: 2, b: 3, p: 0) == 0)
        #expect(SF.inverseRegularizedBeta(a: 2, b: 3, p: 1) == 1)

        for value in [
            SF.regularizedGammaP(a: 0, x: 1), SF.regularizedGammaP(a: -1, x: 1),
            SF.regularizedGammaP(a: .nan, x: 1), SF.regularizedGammaQ(a: 1, x: -1),
            SF.regularizedGammaQ(a: 1, x: .nan), SF.regularizedGammaP(a: .infinity, x: 1),
            SF.inverseRegularizedGammaP(a: 1, p: 1.5), SF.inverseRegularizedGammaQ(a: 1, q: -0.1),
            SF.inverseRegularizedGammaP(a: 1, p: .nan),
            SF.regularizedBeta(a: 0, b: 1, x: 0.5), SF.regularizedBeta(a: 1, b: 1, x: 1.5),
            SF.regularizedBeta(a: 1, b: 1, x: -0.5), SF.regularizedBeta(a: 1, b: 1, x: .nan),
            SF.regularizedBetaComplement(a: 1, b: .nan, x: 0.5),
            SF.inverseRegularizedBeta(a: 1, b: 1, p: 2), SF.inverseRegularizedBeta(a: 1, b: 1, p: .nan),
            SF.inverseRegularizedBetaComplement(a: -1, b: 1, q: 0.5),
        ] {
            #expect(value.isNaN)
        }
    }
}

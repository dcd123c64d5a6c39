@testable import CurveFitting
import Foundation
import Testing

/// The Richards curve near ν = 0 and for ν < 0, against closed forms: at ν = 0 the curve is the
/// Gompertz curve `Asym·exp(−e)` with `e = exp((xmid − x)/scal)`, and its ν-derivative there is
/// `Asym·exp(−e)·e²/2` (the first term of the series of `−log1p(ν·e)/ν`).
@Suite("Richards curve near ν = 0 and below")
struct RichardsShapeLimitTests {
    typealias Family = GrowthSelfStart.LogisticFamily

    @Test("at and near ν = 0 the value and ∂f/∂ν are the Gompertz limit", arguments: [0.0, 1e-12, -1e-12, 1e-9])
    func gompertzLimit(nu: Double) {
        for x in stride(from: -2.0, through: 12.0, by: 0.5) {
            let (asym, xmid, scal) = (80.0, 4.0, 1.7)
            let e = exp((xmid - x) / scal)
            let terms = Family.terms(x: x, asym: asym, xmid: xmid, scal: scal, nu: nu)
            let gompertz = asym * exp(-e)
            // Σ (−1)^k ν^(k−1) e^k / k: the value to first order in ν, its derivative to zeroth.
            let value = gompertz * exp(nu * e * e / 2)
            #expect(abs(terms.value - value) <= 1e-12 * max(1, asym), "x = \(x): \(terms.value) vs \(value)")
            let derivative = gompertz * e * e / 2
            #expect(abs(terms.dNu - derivative) <= 1e-6 * max(1e-300, abs(derivative)) + 1e-9 * asym,
                    "x = \(x): ∂f/∂ν \(terms.dNu) vs \(derivative)")
        }
    }

    /// Before, ν = 1e-7 lost half the digits of ∂f/∂ν to cancellation (log1p(u)/ν² − e/(ν(1 + u))).
    @Test("∂f/∂ν at small ν agrees with its two-term series")
    func smallShapeDerivative() {
        let (asym, xmid, scal, nu) = (50.0, 0.0, 1.0, 1e-7)
        for x in [-1.0, 0.0, 1.0, 2.0] {
            let e = exp((xmid - x) / scal), u = nu * e
            let terms = Family.terms(x: x, asym: asym, xmid: xmid, scal: scal, nu: nu)
            let reference = terms.value * e * e * (0.5 - 2 * u / 3 + 3 * u * u / 4)
            #expect(abs(terms.dNu - reference) <= 1e-12 * abs(reference), "x = \(x): \(terms.dNu) vs \(reference)")
        }
    }

    @Test("for ν < 0 the curve is 0 before its onset, with a zero gradient, and continuous after it")
    func negativeShapeStartsFromZero() {
        let (asym, xmid, scal, nu) = (100.0, 5.0, 2.0, -1.0 / 3)  // von Bertalanffy
        // 1 + ν·e = 0 at x₀ = xmid − scal·log(−1/ν).
        let onset = xmid - scal * log(-1 / nu)
        let before = Family.terms(x: onset - 0.5, asym: asym, xmid: xmid, scal: scal, nu: nu)
        #expect(before.value == 0 && before.dAsym == 0 && before.dXmid == 0 && before.dScal == 0 && before.dNu == 0)
        let justAfter = Family.terms(x: onset + 1e-6, asym: asym, xmid: xmid, scal: scal, nu: nu)
        #expect(justAfter.value > 0 && justAfter.value < 1e-12 * asym)
        // The closed form after the onset: Asym·(1 + ν·e)^(−1/ν).
        for x in [onset + 0.1, onset + 1, 8, 20] {
            let e = exp((xmid - x) / scal)
            let expected = asym * pow(1 + nu * e, -1 / nu)
            let value = Family.terms(x: x, asym: asym, xmid: xmid, scal: scal, nu: nu).value
            #expect(abs(value - expected) <= 1e-12 * asym, "x = \(x)")
        }
    }
}

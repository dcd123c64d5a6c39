@testable import CurveFitting
import Foundation
import Testing

/// The two trust-region subproblem solvers (LAPACK SVD with closed-form steps, and MINPACK's
/// pivoted QR with `lmpar`/`qrsolv` in Swift) solve the same problem by the same λ iteration, so
/// they must give the same steps to rounding.
@Suite("Trust-region subproblems agree")
struct LevenbergMarquardtSubproblemTests {
    typealias LCG = GrowthModelTestSupport.LCG

    /// A random `n`×`p` Jacobian with columns of very different scales (and some correlation
    /// between columns), residuals, and a scaling `D` at least the column norms.
    struct Problem {
        let n: Int, p: Int
        var jacobian: [Double], residuals: [Double], diagonal: [Double]

        init(n: Int, p: Int, random: inout LCG) {
            self.n = n
            self.p = p
            var a = [Double](repeating: 0, count: n * p)
            let common = (0..<n).map { _ in random.normal() }
            for j in 0..<p {
                let scale = pow(10, 4 * random.uniform() - 2)
                let mix = 0.8 * random.uniform()
                for i in 0..<n { a[i + j * n] = scale * (mix * common[i] + random.normal()) }
            }
            jacobian = a
            residuals = (0..<n).map { _ in 10 * random.normal() }
            var d = [Double](repeating: 0, count: p)
            for j in 0..<p {
                let norm = (0..<n).reduce(0.0) { $0 + a[$1 + j * n] * a[$1 + j * n] }.squareRoot()
                d[j] = norm * (random.uniform() < 0.5 ? 1 : 1 + 3 * random.uniform())
            }
            diagonal = d
        }

        func factor<S: TrustRegionSubproblem>(_ subproblem: inout S) -> Bool {
            jacobian.withUnsafeBufferPointer { j in
                residuals.withUnsafeBufferPointer { r in
                    diagonal.withUnsafeBufferPointer { d in
                        subproblem.factor(jacobian: j.baseAddress!, residuals: r.baseAddress!, diagonal: d.baseAddress!,
                                          rows: n, columns: p)
                    }
                }
            }
        }

        func step<S: TrustRegionSubproblem>(_ subproblem: inout S, radius: Double, lambda: Double) -> (TrustRegionTrial, [Double]) {
            var delta = [Double](repeating: .nan, count: p)
            let trial = delta.withUnsafeMutableBufferPointer {
                subproblem.step(radius: radius, lambda: lambda, rankTolerance: 1e-12, into: $0.baseAddress!)
            }
            return (trial, delta)
        }
    }

    static func relative(_ a: Double, _ b: Double, scale: Double? = nil) -> Double {
        abs(a - b) / max(scale ?? max(abs(a), abs(b)), 1e-300)
    }

    @Test("steps (λ, δ, ‖D·δ‖, ‖J·δ‖²) agree on random problems to 1e-10", arguments: [1, 2, 3, 4, 5])
    func stepsAgree(p: Int) throws {
        var random = LCG(seed: UInt64(100 + p))
        var checked = 0, damped = 0
        for _ in 0..<40 {
            let n = p + Int(18 * random.uniform())
            let problem = Problem(n: n, p: p, random: &random)
            var svd = SVDTrustRegionSubproblem()
            var qr = PivotedQRTrustRegionSubproblem(capacity: 24, columns: p)
            try #require(problem.factor(&svd) && problem.factor(&qr))
            // The Gauss–Newton step's scaled length, to place radii around it.
            let (gaussNewton, _) = problem.step(&svd, radius: .greatestFiniteMagnitude, lambda: 0)
            for fraction in [1e-4, 0.01, 0.3, 0.8, 0.95, 2.0] {
                let radius = fraction * gaussNewton.scaledNorm
                let previous = random.uniform() < 0.5 ? 0 : pow(10, 6 * random.uniform() - 3)
                let (a, deltaA) = problem.step(&svd, radius: radius, lambda: previous)
                let (b, deltaB) = problem.step(&qr, radius: radius, lambda: previous)
                #expect(Self.relative(a.lambda, b.lambda) < 1e-10, "n \(n) fraction \(fraction): λ \(a.lambda) vs \(b.lambda)")
                #expect(Self.relative(a.scaledNorm, b.scaledNorm) < 1e-10)
                #expect(Self.relative(a.fittedNorm2, b.fittedNorm2) < 1e-10)
                // δ componentwise, relative to ‖D·δ‖ in the scaled coordinates.
                for j in 0..<p {
                    #expect(Self.relative(problem.diagonal[j] * deltaA[j], problem.diagonal[j] * deltaB[j], scale: a.scaledNorm) < 1e-10,
                            "n \(n) fraction \(fraction) δ[\(j)]: \(deltaA[j]) vs \(deltaB[j])")
                }
                if a.lambda > 0 { damped += 1 }
                checked += 1
            }
            // The covariance diagonal of the same scaled Jacobian.
            var gramA = [Double](repeating: 0, count: p), gramB = gramA
            let okA = gramA.withUnsafeMutableBufferPointer { svd.inverseGramDiagonal(rankTolerance: 1e-12, into: $0.baseAddress!) }
            let okB = gramB.withUnsafeMutableBufferPointer { qr.inverseGramDiagonal(rankTolerance: 1e-12, into: $0.baseAddress!) }
            #expect(okA && okB)
            for j in 0..<p { #expect(Self.relative(gramA[j], gramB[j]) < 1e-9) }
        }
        #expect(checked == 240 && damped > 100, "\(damped) damped steps")
    }

    @Test("both find the same null direction of a singular Jacobian")
    func singularDirection() throws {
        // Columns 0 and 2 proportional: θ₀ and θ₂ are not separately identifiable.
        var random = LCG(seed: 9)
        var problem = Problem(n: 12, p: 3, random: &random)
        for i in 0..<12 { problem.jacobian[i + 24] = -3 * problem.jacobian[i] }
        problem.diagonal = (0..<3).map { j in
            (0..<12).reduce(0.0) { $0 + problem.jacobian[$1 + j * 12] * problem.jacobian[$1 + j * 12] }.squareRoot()
        }
        var svd = SVDTrustRegionSubproblem()
        var qr = PivotedQRTrustRegionSubproblem(capacity: 12, columns: 3)
        try #require(problem.factor(&svd) && problem.factor(&qr))
        var a = [Double](repeating: 0, count: 3), b = a
        let singularA = a.withUnsafeMutableBufferPointer { svd.singularDirection(relativeTolerance: 1e-12, into: $0.baseAddress!) }
        let singularB = b.withUnsafeMutableBufferPointer { qr.singularDirection(relativeTolerance: 1e-12, into: $0.baseAddress!) }
        #expect(singularA && singularB)
        for j in 0..<3 { #expect(abs(a[j] - b[j]) < 1e-8, "\(a) vs \(b)") }
        #expect(a[1] < 1e-8 && a[0] > 0.1 && a[2] > 0.1)
        var gram = [Double](repeating: 0, count: 3)
        #expect(!gram.withUnsafeMutableBufferPointer { qr.inverseGramDiagonal(rankTolerance: 1e-12, into: $0.baseAddress!) })
    }

    @Test("a copied QR subproblem is independent of the original")
    func valueSemantics() throws {
        var random = LCG(seed: 4)
        let problem = Problem(n: 10, p: 3, random: &random)
        let other = Problem(n: 10, p: 3, random: &random)
        var qr = PivotedQRTrustRegionSubproblem(capacity: 10, columns: 3)
        try #require(problem.factor(&qr))
        var copy = qr
        try #require(other.factor(&copy))
        let (a, _) = problem.step(&qr, radius: 1e-3, lambda: 0)
        var fresh = PivotedQRTrustRegionSubproblem(capacity: 10, columns: 3)
        try #require(problem.factor(&fresh))
        let (b, _) = problem.step(&fresh, radius: 1e-3, lambda: 0)
        #expect(a.lambda == b.lambda && a.scaledNorm == b.scaledNorm)
    }
}

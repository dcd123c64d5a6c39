import CurveFitting
import Foundation
import Numerics
import Testing

private func lre(_ value: Double, _ certified: Double) -> Double {
    value == certified ? 11 : min(11, -log10(abs(value - certified) / abs(certified)))
}

@Suite struct LevenbergMarquardtTests {
    let problem = try! FitProblem(model: Misra1a.model, predictors: Predictors(Misra1a.x), response: Misra1a.y)

    @Test(arguments: [[500.0, 1e-4], [250.0, 5e-4]])
    func misra1aMatchesCertifiedValues(start: [Double]) throws {
        let result = try CurveFitter.fit(problem, start: start)
        #expect(result.isUsable, "\(String(describing: result.termination))")
        for j in 0..<2 {
            #expect(lre(result.estimates[j], Misra1a.certified[j]) >= 8)
            #expect(lre(try #require(result.parameters[j].standardError), Misra1a.certifiedStandardErrors[j]) >= 6)
        }
        #expect(lre(result.residualSumOfSquares, Misra1a.certifiedRSS) >= 8)
    }

    @Test func copiesOfASolverAreIndependent() throws {
        var solver = try LevenbergMarquardt(problem: problem, start: [500, 1e-4])
        solver.step()
        let parameters = solver.parameters, iterations = solver.iterations
        var copy = solver
        copy.run()
        #expect(copy.termination?.isUsable == true)
        #expect(solver.parameters == parameters && solver.iterations == iterations && solver.termination == nil)
        solver.run()
        #expect(solver.parameters == copy.parameters && solver.iterations == copy.iterations)
    }
}

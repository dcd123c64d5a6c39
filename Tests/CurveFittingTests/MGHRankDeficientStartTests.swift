import CurveFitting
import Foundation
import Testing

/// Moré, Garbow & Hillstrom (1981) problems that start where the Jacobian is rank deficient
/// (issue 12): MINPACK damps such a Jacobian and reaches f = 0; so must Foresight. The problem
/// definitions and standard starts are in `Fixtures/mgh/mgh_rank_deficient.json`, written by
/// `make_mgh_fixtures.py` from the paper.
@Suite("MGH problems from rank-deficient starts")
struct MGHRankDeficientStartTests {
    struct Problem: Decodable, CustomTestStringConvertible, Sendable {
        let name: String
        let formula: String
        let parameters: [String]
        let t: [Double]
        let y: [Double]
        let standardStart: [Double]
        let startFactor: Double
        let solution: [Double]

        var testDescription: String { "\(name) from \(startFactor == 1 ? "" : "\(Int(startFactor))× ")its standard start" }
    }

    struct Fixture: Decodable {
        let problems: [Problem]
    }

    static let problems: [Problem] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/mgh/mgh_rank_deficient.json")
        guard let data = try? Data(contentsOf: url), let fixture = try? JSONDecoder().decode(Fixture.self, from: data)
        else { return [] }
        return fixture.problems
    }()

    @Test("the fixture holds Biggs EXP6 and Box 3-D") func fixture() {
        #expect(Self.problems.map(\.name) == ["Box 3-D", "Biggs EXP6"])
    }

    @Test("converges to f = 0", arguments: problems)
    func convergesToZero(_ problem: Problem) throws {
        let model = try FormulaModel(formula: problem.formula, parameters: problem.parameters, predictors: ["t"])
        let fit = try FitProblem(model: model, predictors: Predictors(problem.t, name: "t"), response: problem.y)
        let start = problem.standardStart.map { $0 * problem.startFactor }
        let result = try CurveFitter.fit(fit, start: start)
        #expect(result.isUsable, "\(result.termination)")
        // f = 0 to rounding: the sum of squares of the data is about 1.
        #expect(result.objective < 1e-20, "f = \(result.objective) at \(result.estimates): \(result.termination)")
    }
}

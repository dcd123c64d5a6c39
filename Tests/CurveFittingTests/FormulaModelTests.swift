import CurveFitting
import Foundation
import Testing

// Names in formula models: parameters, predictors, constants, and the errors about them.

@Suite struct FormulaModelTests {
    @Test func conformsToCurveModel() throws {
        let model = try FormulaModel(formula: "b1 - b2*x1 * exp[-b3*x2]", parameters: ["b1", "b2", "b3"],
                                     predictors: ["x1", "x2"])
        let curve: any CurveModel = model
        #expect(curve.parameterNames == ["b1", "b2", "b3"])
        #expect(curve.predictorNames == ["x1", "x2"])
        #expect(curve.parameterCount == 3)
        #expect(model.formula == "b1 - b2*x1 * exp[-b3*x2]")
        // Row 1: 2.5 - 1e-5·4·e^(0.05·200) = 2.5 - 4e-5·e^10.
        let data = Predictors(names: ["x1", "x2"], columns: [[1, 4], [100, 200]])
        let value = curve.value(row: 1, of: data, parameters: [2.5, 1e-5, -0.05])
        #expect(abs(value - (2.5 - 4e-5 * exp(10.0))) <= 1e-15 * abs(value))
    }

    @Test func unknownNamesAreListedTogetherWithUnusedParameters() {
        let formula = "b1*exp(-c2*x) + z + c2"
        #expect(throws: FormulaError.unresolvedNames(
            formula: formula,
            unknown: [.init(name: "c2", column: 9), .init(name: "z", column: 17)],
            unusedParameters: ["b2"])) {
            try FormulaModel(formula: formula, parameters: ["b1", "b2"])
        }
        let error = FormulaError.unresolvedNames(formula: formula,
                                                 unknown: [.init(name: "c2", column: 9), .init(name: "z", column: 17)],
                                                 unusedParameters: ["b2"])
        #expect(error.description == """
            unknown names 'c2' at column 9 and 'z' at column 17
              b1*exp(-c2*x) + z + c2
                      ^       ^
            parameter 'b2' does not appear in the formula, so it cannot be estimated
            """)
    }

    @Test func unusedParametersAloneAreAnError() throws {
        do {
            _ = try FormulaModel(formula: "b1*x", parameters: ["b1", "b2", "b3"])
            Issue.record("expected an error")
        } catch {
            #expect(error == .unresolvedNames(formula: "b1*x", unknown: [], unusedParameters: ["b2", "b3"]))
            #expect(error.description == """
                parameters 'b2' and 'b3' do not appear in the formula, so they cannot be estimated
                  b1*x
                """)
        }
    }

    @Test func aSingleUnknownName() {
        #expect(FormulaError.unresolvedNames(formula: "b1*t", unknown: [.init(name: "t", column: 4)], unusedParameters: [])
            .description == """
            unknown name 't' at column 4
              b1*t
                 ^
            """)
    }

    @Test func predictorsMustBeDeclared() {
        // Nelson's second predictor is not among the declared ones.
        #expect(throws: FormulaError.unresolvedNames(formula: "b1 - b2*x1 * exp[-b3*x2]",
                                                     unknown: [.init(name: "x2", column: 22)], unusedParameters: [])) {
            try FormulaModel(formula: "b1 - b2*x1 * exp[-b3*x2]", parameters: ["b1", "b2", "b3"], predictors: ["x1"])
        }
        // A declared predictor need not appear.
        #expect(throws: Never.self) { try FormulaModel(formula: "b1", parameters: ["b1"], predictors: ["x", "w"]) }
    }

    @Test func dataMustHaveThePredictorColumns() throws {
        let model = try FormulaModel(formula: "b1 - b2*x1 * exp[-b3*x2]", parameters: ["b1", "b2", "b3"],
                                     predictors: ["x1", "x2"])
        let missing = Predictors(names: ["x1", "y"], columns: [[1], [2]])
        #expect(throws: FormulaError.predictorMismatch(expected: ["x1", "x2"], given: ["x1", "y"])) {
            try model.validate(missing)
        }
        #expect(FormulaError.predictorMismatch(expected: ["x1", "x2"], given: ["x1", "y"]).description
            == "the data have no predictor 'x2' (they have x1, y)")
        #expect(FormulaError.predictorMismatch(expected: ["x1", "x2"], given: []).description
            == "the data have no predictors 'x1' and 'x2' (they have none)")

        let swapped = Predictors(names: ["x2", "x1"], columns: [[1], [2]])
        #expect(throws: FormulaError.predictorMismatch(expected: ["x1", "x2"], given: ["x2", "x1"])) {
            try model.validate(swapped)
        }
        #expect(FormulaError.predictorMismatch(expected: ["x1", "x2"], given: ["x2", "x1"]).description
            == "the model reads the predictors in the order x1, x2, the data have them in the order x2, x1")

        #expect(throws: Never.self) { try model.validate(Predictors(names: ["x1", "x2"], columns: [[1], [2]])) }
        #expect(throws: Never.self) { try model.validate(Predictors(names: ["x1", "x2", "w"], columns: [[1], [2], [3]])) }
    }

    @Test func conflictingDeclarations() {
        #expect(throws: FormulaError.conflictingNames(duplicated: ["b1"], reserved: [])) {
            try FormulaModel(formula: "b1*x", parameters: ["b1", "b1"])
        }
        #expect(throws: FormulaError.conflictingNames(duplicated: ["x"], reserved: [])) {
            try FormulaModel(formula: "b1*x", parameters: ["b1", "x"])
        }
        #expect(throws: FormulaError.conflictingNames(duplicated: ["k"], reserved: [])) {
            try FormulaModel(formula: "b1*x*k", parameters: ["b1", "k"], constants: ["k": 2])
        }
        #expect(throws: FormulaError.conflictingNames(duplicated: [], reserved: ["exp", "pi", "ln"])) {
            try FormulaModel(formula: "b1*x", parameters: ["b1", "exp", "pi"], predictors: ["x", "ln"])
        }
        #expect(FormulaError.conflictingNames(duplicated: ["b1"], reserved: ["exp"]).description == """
            'b1' is declared more than once (parameters, predictors and constants need distinct names)
            'exp' is a reserved name (the functions exp, log, ln, sqrt, sin, cos, tan, atan, arctan, abs and the constant pi)
            """)
    }

    @Test func constantsAreInjected() throws {
        // Roszman1 defines pi on its own line; the value is the same as the built-in one.
        let roszman = "b1 - b2*x - arctan[b3/(x-b4)]/pi"
        let nistPi = 3.141592653589793238462643383279E0
        let withNistPi = try FormulaModel(formula: roszman, parameters: ["b1", "b2", "b3", "b4"], constants: ["pi": nistPi])
        let builtIn = try FormulaModel(formula: roszman, parameters: ["b1", "b2", "b3", "b4"])
        let theta = [0.2019, -6.1953e-6, 1204.5, -181.34]
        let data = Predictors([-4868.68])
        #expect(withNistPi.value(row: 0, of: data, parameters: theta) == builtIn.value(row: 0, of: data, parameters: theta))

        // A different pi is used where pi appears, and other constants work alike.
        let crude = try FormulaModel(formula: "b1*pi + k*x", parameters: ["b1"], constants: ["pi": 3, "k": 0.5])
        #expect(crude.value(row: 0, of: Predictors([4]), parameters: [2]) == 8)
        #expect(try FormulaModel.parameterNames(in: "b1*pi + k*x", constants: ["k": 0.5]) == ["b1"])
        // pi is a constant, not a parameter.
        #expect(throws: FormulaError.unresolvedNames(formula: "pi*x", unknown: [], unusedParameters: ["b1"])) {
            try FormulaModel(formula: "pi*x", parameters: ["b1"])
        }
    }

    @Test func functionNamesAreListed() {
        #expect(FormulaModel.functionNames == ["exp", "log", "ln", "sqrt", "sin", "cos", "tan", "atan", "arctan", "abs"])
        for name in FormulaModel.functionNames {
            #expect(throws: Never.self) { try FormulaModel(formula: "\(name)(b1*x)", parameters: ["b1"]) }
        }
    }
}

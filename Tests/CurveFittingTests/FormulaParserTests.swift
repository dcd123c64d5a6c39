import CurveFitting
import Foundation
import Testing

// Parsing and evaluation of formulas, and the syntax errors. Expected values are computed by hand
// (noted where not obvious).

/// The value of `formula` with predictor `x` and the given parameters (in name order).
private func evaluateFormula(_ formula: String, x: Double = 0, _ parameters: KeyValuePairs<String, Double> = [:],
                      constants: [String: Double] = [:]) throws -> Double {
    let model = try FormulaModel(formula: formula, parameters: parameters.map(\.key), constants: constants)
    return model.value(row: 0, of: Predictors([x]), parameters: parameters.map(\.value))
}

/// The syntax error `formula` raises, as text.
private func formulaSyntaxError(_ formula: String) -> String? {
    do {
        _ = try FormulaModel.parameterNames(in: formula)
        return nil
    } catch {
        return error.description
    }
}

@Suite struct FormulaEvaluationTests {
    @Test(arguments: [
        ("1 + 2*3", 7.0),
        ("2^3^2", 512),          // right-associative: 2^(3^2)
        ("2**3**2", 512),
        ("(2^3)^2", 64),
        ("-2^2", -4),            // the sign applies to the power
        ("-2**2", -4),
        ("(-2)^2", 4),
        ("2*-3", -6),
        ("2^-1", 0.5),
        ("2**-2", 0.25),
        ("-2^-2", -0.25),
        ("2^3*2", 16),           // ^ binds tighter than *
        ("8/4/2", 1),            // left-associative
        ("2-3-4", -5),
        ("--3", 3),
        ("+3", 3),
        ("-(-3)", 3),
        ("12", 12),
        ("1.5*2", 3),
        (".5 + 3.2E+02", 320.5),
        ("1e-3*1000", 1),
        ("1.e1", 10),
        ("[1+2]*(3)", 9),
        ("[(1+2)*[3]]", 9),
        ("exp(0)", 1),
        ("ln(1)", 0),
        ("sqrt(16)", 4),
        ("abs(-3)", 3),
        ("sin(0)", 0),
        ("cos(0)", 1),
        ("tan(0)", 0),
        ("atan(0)", 0),
        ("4*arctan[1]", Double.pi),
        ("pi", Double.pi),
        ("2*pi/12", Double.pi / 6),
    ])
    func constantFormulas(formula: String, expected: Double) throws {
        #expect(try evaluateFormula(formula) == expected, "\(formula)")
    }

    /// The same rules when the operands are only known at run time (nothing is folded).
    @Test func precedenceAtRunTime() throws {
        #expect(try evaluateFormula("x^3^2", x: 2) == 512)
        #expect(try evaluateFormula("-x^2", x: 3) == -9)
        #expect(try evaluateFormula("(-x)^2", x: 3) == 9)
        #expect(try evaluateFormula("-x**2", x: 3) == -9)
        #expect(try evaluateFormula("2*x^2", x: 3) == 18)
        #expect(try evaluateFormula("x*-3", x: 2) == -6)
        #expect(try evaluateFormula("x^-1", x: 4) == 0.25)
        #expect(try evaluateFormula("x/4/2", x: 8) == 1)
        #expect(try evaluateFormula("x-3-4", x: 2) == -5)
        #expect(try evaluateFormula("a/b/c", x: 0, ["a": 24, "b": 3, "c": 2]) == 4)
        #expect(try evaluateFormula("a-b*c^2", x: 0, ["a": 1, "b": 2, "c": 3]) == -17)
        #expect(try evaluateFormula("x^0.5", x: 16) == 4)
    }

    @Test func whitespaceAndLineBreaksAreIgnored() throws {
        let enso = """
            b1 + b2*cos( 2*pi*x/12 ) + b3*sin( 2*pi*x/12 )
               + b5*cos( 2*pi*x/b4 ) + b6*sin( 2*pi*x/b4 )
               + b8*cos( 2*pi*x/b7 ) + b9*sin( 2*pi*x/b7 )
            """
        let parameters = (1...9).map { "b\($0)" }
        let model = try FormulaModel(formula: enso, parameters: parameters)
        let theta = [10.5, 3.08, 0.53, 44.3, -1.62, 0.53, 26.9, 0.21, -1.45]
        let x = 5.0
        let expected = theta[0] + theta[1] * cos(2 * .pi * x / 12) + theta[2] * sin(2 * .pi * x / 12)
            + theta[4] * cos(2 * .pi * x / theta[3]) + theta[5] * sin(2 * .pi * x / theta[3])
            + theta[7] * cos(2 * .pi * x / theta[6]) + theta[8] * sin(2 * .pi * x / theta[6])
        let value = model.value(row: 0, of: Predictors([x]), parameters: theta)
        #expect(abs(value - expected) <= 1e-14 * abs(expected))
        #expect(try evaluateFormula("\tb1 *\n  x\r\n", x: 3, ["b1": 2]) == 6)
    }

    @Test func rat43ValueMatchesHandComputation() throws {
        // b1 / (1 + exp(b2 - b3·x))^(1/b4) at b = (700, 5, 0.75, 1.25), x = 4:
        // 700 / (1 + e²)^0.8 = 700 / 8.38905609893065^0.8 = 127.681378 (Python's math module).
        let value = try evaluateFormula("b1 / ((1+exp[b2-b3*x])**(1/b4))", x: 4,
                                 ["b1": 700, "b2": 5, "b3": 0.75, "b4": 1.25])
        let expected = 700 / pow(1 + exp(2.0), 0.8)
        #expect(abs(value - expected) <= 1e-13 * expected)
        #expect(abs(value - 127.681378) < 1e-6)
    }

    @Test func outsideTheDomainTheValueIsNaN() throws {
        #expect(try evaluateFormula("log(b1)", ["b1": -1]).isNaN)
        #expect(try evaluateFormula("log(b1)", ["b1": 0]).isNaN)
        #expect(try evaluateFormula("ln(x)", x: -2).isNaN)
        #expect(try evaluateFormula("sqrt(x)", x: -1).isNaN)
        #expect(try evaluateFormula("x^(1/3)", x: -8).isNaN)
        #expect(try evaluateFormula("b1 + 0*log(x)", x: -1, ["b1": 1]).isNaN)  // NaN propagates
        #expect(try evaluateFormula("x^3", x: -2) == -8)
        #expect(try evaluateFormula("1/x", x: 0) == .infinity)
    }

    @Test func parameterNamesInOrderOfFirstAppearance() throws {
        #expect(try FormulaModel.parameterNames(in: "b1*(1-exp[-b2*x])") == ["b1", "b2"])
        #expect(try FormulaModel.parameterNames(in: "exp(-b1*x)/(b2+b3*x) + b1") == ["b1", "b2", "b3"])
        #expect(try FormulaModel.parameterNames(in: "b1 - b2*x - arctan[b3/(x-b4)]/pi") == ["b1", "b2", "b3", "b4"])
        #expect(try FormulaModel.parameterNames(in: "b1 - b2*x1 * exp[-b3*x2]", predictors: ["x1", "x2"])
            == ["b1", "b2", "b3"])
        #expect(try FormulaModel.parameterNames(in: "K / (1 + exp(-r*(t - t0)))", predictors: ["t"]) == ["K", "r", "t0"])
        #expect(try FormulaModel.parameterNames(in: "a*k*x", constants: ["k": 2]) == ["a"])
        #expect(try FormulaModel.parameterNames(in: "2*pi") == [])
        #expect(throws: FormulaError.self) { try FormulaModel.parameterNames(in: "b1*(x") }
    }
}

@Suite struct FormulaSyntaxErrorTests {
    @Test func caretPointsAtTheOffendingToken() {
        #expect(formulaSyntaxError("b1*(x + )") == """
            unexpected ')' at column 9
              b1*(x + )
                      ^
            """)
        #expect(formulaSyntaxError("b1*exp(-b2*x]") == """
            '(' at column 7 closed by ']' at column 13
              b1*exp(-b2*x]
                          ^
            """)
        #expect(formulaSyntaxError("expp(x)*b1") == """
            unknown function 'expp' at column 1
              expp(x)*b1
              ^
            """)
        #expect(formulaSyntaxError("b1*x +") == """
            missing operand after '+' at column 6
              b1*x +
                   ^
            """)
        #expect(formulaSyntaxError("1.2.3*x") == """
            malformed number '1.2.3' at column 1
              1.2.3*x
              ^
            """)
        // A line break is shown as a space, so the caret stays under the offending token.
        #expect(formulaSyntaxError("b1*(x\n + )") == """
            unexpected ')' at column 10
              b1*(x  + )
                       ^
            """)
    }

    @Test(arguments: [
        ("(b1*x", "unclosed '(' at column 1"),
        ("b1*[x+(1)", "unclosed '[' at column 4"),
        ("b1*x)", "unmatched ')' at column 5"),
        ("b1*x]+1", "unmatched ']' at column 5"),
        ("[b1*x)", "'[' at column 1 closed by ')' at column 6"),
        ("b1 x", "expected an operator before 'x' at column 4"),
        ("2(x)", "expected an operator before '(' at column 2"),
        ("(b1)(x)", "expected an operator before '(' at column 5"),
        ("exp(x) 2", "expected an operator before '2' at column 8"),
        ("b1(x)", "unknown function 'b1' at column 1"),
        ("exp*2", "expected '(' after 'exp' at column 4"),
        ("exp", "expected '(' after 'exp' at column 4"),
        ("b1**", "missing operand after '**' at column 3"),
        ("exp(", "missing operand after '(' at column 4"),
        ("*x", "unexpected '*' at column 1"),
        ("x+*2", "unexpected '*' at column 3"),
        ("x * * 2", "unexpected '*' at column 5"),
        ("()", "unexpected ')' at column 2"),
        ("x^^2", "unexpected '^' at column 3"),
        ("b1 $ x", "unexpected character '$' at column 4"),
        ("y = b1*x", "unexpected character '=' at column 3"),
        ("1e5.3", "malformed number '1e5.3' at column 1"),
        ("b1*.", "malformed number '.' at column 4"),
    ])
    func firstLineOfTheMessage(formula: String, message: String) {
        #expect(formulaSyntaxError(formula)?.split(separator: "\n").first.map(String.init) == message, "\(formula)")
    }

    @Test func errorsCarryTheirColumn() {
        #expect(throws: FormulaError.syntax(formula: "b1*(x + )", column: 9, message: "unexpected ')' at column 9")) {
            try FormulaModel.parameterNames(in: "b1*(x + )")
        }
    }

    @Test func emptyFormula() {
        #expect(throws: FormulaError.empty) { try FormulaModel.parameterNames(in: "") }
        #expect(throws: FormulaError.empty) { try FormulaModel(formula: " \n\t", parameters: []) }
        #expect(FormulaError.empty.description == "the formula is empty")
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "(", count: 10_000) + "x" + String(repeating: ")", count: 10_000)
        #expect(formulaSyntaxError(deep)?.hasPrefix("formula nested more than 200 levels deep at column 201") == true)
        let signs = String(repeating: "-", count: 10_000) + "x"
        #expect(formulaSyntaxError(signs)?.hasPrefix("formula nested more than 200 levels deep") == true)
        let nested = String(repeating: "(", count: 150) + "x" + String(repeating: ")", count: 150)
        #expect(formulaSyntaxError(nested) == nil)
    }

    @Test func longFlatFormulasAreFine() throws {
        // 2000 terms: compiled by a loop, not by recursion.
        let formula = (0..<2000).map { _ in "x" }.joined(separator: "+")
        #expect(try evaluateFormula(formula, x: 0.5) == 1000)
    }
}

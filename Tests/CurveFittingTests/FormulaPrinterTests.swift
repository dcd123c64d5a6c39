import CurveFitting
import Foundation
import Testing

// The normalized formula: hand-checked layouts, and the property parse → print → parse on
// random formulas (the printed text is a fixed point and evaluates bit for bit as the original).

@Suite struct FormulaPrinterTests {
    @Test(arguments: [
        ("b1*(1-exp[-b2*x])", "b1 * (1 - exp(-b2 * x))"),
        ("((a))+((b))*c", "a + b * c"),
        ("(a+b)*c", "(a + b) * c"),
        ("a-(b-c)", "a - (b - c)"),
        ("(a-b)-c", "a - b - c"),
        ("a/(b*c)", "a / (b * c)"),
        ("a^b^c", "a^b^c"),
        ("(a^b)^c", "(a^b)^c"),
        ("(-a)^2", "(-a)^2"),
        ("-a^2", "-a^2"),
        ("a*-b", "a * -b"),
        ("a**-[b+x]", "a^-(b + x)"),
        ("ln(x)+arctan(b*x)", "log(x) + atan(b * x)"),
        ("2.50*x + 1E-5 + 1.5e20", "2.5 * x + 1e-05 + 1.5e+20"),
    ])
    func layout(_ formula: String, _ expected: String) throws {
        let model = try FormulaModel(formula: formula, parameters: FormulaModel.parameterNames(in: formula))
        #expect(model.normalizedFormula == expected)
    }

    @Test func randomFormulasRoundTrip() throws {
        var random = FormulaSplitMix64(state: 20261203)
        for _ in 0..<2_000 {
            let text = randomFormula(depth: 4, &random)
            let parameters = try FormulaModel.parameterNames(in: text)
            let model = try FormulaModel(formula: text, parameters: parameters)
            let reparsed = try FormulaModel(formula: model.normalizedFormula, parameters: parameters)
            #expect(reparsed.normalizedFormula == model.normalizedFormula, "\(text)")
            let theta = parameters.map { _ in 0.25 + Double(random.next() % 1000) / 500 }
            let x = Predictors([0.5, 1.75, 3])
            for row in 0..<3 {
                let original = model.value(row: row, of: x, parameters: theta)
                let again = reparsed.value(row: row, of: x, parameters: theta)
                #expect(original.bitPattern == again.bitPattern || (original.isNaN && again.isNaN), "\(text) → \(model.normalizedFormula)")
            }
        }
    }

    /// Random formula text over `a`, `b`, `c` and `x`, with redundant brackets, both bracket
    /// kinds, both power spellings, signs, functions and numbers of every form.
    private func randomFormula(depth: Int, _ random: inout FormulaSplitMix64) -> String {
        let leaves = ["a", "b", "c", "x", "2", "0.5", "1e-3", "3.25E2", "10"]
        if depth == 0 || random.next() % 4 == 0 { return leaves[Int(random.next() % UInt64(leaves.count))] }
        let left = randomFormula(depth: depth - 1, &random)
        let right = randomFormula(depth: depth - 1, &random)
        let formula: String
        switch random.next() % 9 {
        case 0: formula = "\(left)+\(right)"
        case 1: formula = "\(left) - \(right)"
        case 2: formula = "\(left)*\(right)"
        case 3: formula = "\(left)/\(right)"
        case 4: formula = "(\(left))^\(right)"
        case 5: formula = "[\(left)]**(\(right))"
        case 6: formula = "-\(left)"
        case 7: formula = ["exp", "ln", "sqrt", "abs", "arctan", "cos"][Int(random.next() % 6)] + "(\(left))"
        default: formula = "(\(left))"
        }
        return random.next() % 3 == 0 ? "(\(formula))" : formula
    }
}

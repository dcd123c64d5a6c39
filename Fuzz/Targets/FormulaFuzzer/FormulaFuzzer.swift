import CurveFitting
import Foundation
import FuzzSupport

/// Formula text through the parser and compiler: a model or a `FormulaError`, never a trap. The
/// first line is the formula; the predictors are `x` and, when the text names them, `x1` and `x2`.
/// A compiled model is evaluated at a few points with and without its gradient: both must give the
/// same value (or both NaN), and a syntax error's column must lie within the formula.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFormula(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let formula = String(Fuzz.text(data, size).prefix { $0 != "\n" })
    let predictors = ["x", "x1", "x2"].filter { $0 == "x" || formula.contains($0) }
    let parameters: [String]
    do {
        parameters = try FormulaModel.parameterNames(in: formula, predictors: predictors)
    } catch {
        check(error, formula)
        return 0
    }
    let model: FormulaModel
    do {
        model = try FormulaModel(formula: formula, parameters: parameters, predictors: predictors)
    } catch {
        check(error, formula)
        return 0
    }
    let column: [Double] = [0, 1, -2.5, 1e-300, 7.25e5, -1e300, .pi]
    let data = Predictors(names: predictors, columns: predictors.indices.map { k in column.map { $0 + Double(k) } })
    do { try model.validate(data) } catch { Fuzz.require(false, "the model rejects its own predictors: \(error)") }
    for start in [0.5, -1.75, 3e4] {
        let theta = parameters.indices.map { start + Double($0) }
        var gradient = [Double](repeating: 0, count: parameters.count)
        for row in 0..<data.count {
            let plain = model.value(row: row, of: data, parameters: theta)
            let withGradient = model.value(row: row, of: data, parameters: theta, gradient: &gradient)
            Fuzz.require(plain == withGradient || (plain.isNaN && withGradient.isNaN),
                         "value \(plain) without the gradient, \(withGradient) with it, at row \(row)")
        }
    }
    return 0
}

/// A parse or compile error must be a located syntax error within the formula, or a name problem.
private func check(_ error: FormulaError, _ formula: String) {
    if case let .syntax(_, column, message) = error {
        Fuzz.require(column >= 1 && column <= formula.count + 1, "column \(column) outside a formula of \(formula.count) characters")
        Fuzz.require(!message.isEmpty, "an empty message")
    }
    Fuzz.require(!error.description.isEmpty, "an empty description")
}

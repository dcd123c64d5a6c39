/// A curve given by a formula, such as the NIST StRD model `b1 / ((1+exp[b2-b3*x])**(1/b4))`,
/// with its gradient computed by forward-mode automatic differentiation.
///
/// ```swift
/// let model = try FormulaModel(formula: "b1*(1-exp[-b2*x])", parameters: ["b1", "b2"])
/// var gradient = [0.0, 0.0]
/// let y = model.value(row: 0, of: Predictors([2]), parameters: [240, 5e-4], gradient: &gradient)
/// ```
///
/// ## Grammar
///
/// ```
/// formula  = sum
/// sum      = product { ("+" | "-") product }
/// product  = signed { ("*" | "/") signed }
/// signed   = ("+" | "-") signed | power
/// power    = primary [ ("^" | "**") signed ]
/// primary  = number | name | function group | group
/// group    = "(" sum ")" | "[" sum "]"
/// number   = digits [ "." [ digits ] ] [ exponent ] | "." digits [ exponent ]
/// exponent = ("e" | "E") [ "+" | "-" ] digits
/// name     = (letter | "_") { letter | digit | "_" }
/// function = "exp" | "log" | "ln" | "sqrt" | "sin" | "cos" | "tan" | "atan" | "arctan" | "abs"
/// ```
///
/// Whitespace (including line breaks) may appear between any two tokens. Consequences of the
/// grammar worth stating:
/// - `^` and `**` are the same operator, right-associative (`2^3^2 = 2^9 = 512`) and binding
///   tighter than a sign on its left (`-x^2 = -(x^2)`); the exponent may carry a sign (`2^-1`).
/// - `*` and `/` associate to the left (`a/b/c = (a/b)/c`), and a sign may follow them (`2*-3`).
/// - `( )` and `[ ]` group alike, but a group closes with the bracket that opened it.
/// - `log` and `ln` are the natural logarithm, `atan` and `arctan` the arc tangent.
///
/// A name is a parameter, a predictor, a constant supplied by the caller, or `pi` (`Double.pi`
/// unless the constants redefine it, as the NIST file Roszman1 does).
///
/// ## Evaluation
///
/// The formula is compiled once, at initialization, to straight-line code: constant
/// subexpressions are folded, repeated subexpressions are computed once, and operations that do
/// not depend on the parameters carry no derivative. ``value(row:of:parameters:gradient:)`` then
/// returns the value and the whole gradient in one pass. Derivatives are kept only for the
/// parameters each intermediate result depends on, and the scratch space lives on the stack when
/// it fits in 1 KiB (ENSO, the largest NIST StRD model, needs 93 numbers of the 128), so an
/// evaluation allocates nothing on the heap and the model can be shared across threads.
///
/// Outside the domain of a function the value is NaN (`log` of a number ≤ 0, `sqrt` of a negative
/// number, a negative base with a non-integer exponent) and the NaN propagates: a solver treats a
/// non-finite value as a failed step. A negative base with an exponent that does not depend on
/// the parameters is fine: `b1^3` at `b1 = -2` is `-8` with derivative `12`. At kinks the
/// derivative is a one-sided or conventional value: `sqrt` has an infinite slope at 0 and `abs`
/// has slope 0 at 0.
public struct FormulaModel: CurveModel {
    /// The formula as given.
    public let formula: String
    /// The formula in a normal layout, with the fewest brackets that keep its meaning (R's
    /// `deparse` spacing; `log` for `ln`, `atan` for `arctan`, round brackets only, numbers in
    /// their shortest round-trip form): `b1*(1-exp[-b2*x])` is `b1 * (1 - exp(-b2 * x))`.
    /// It parses to the same model as ``formula``.
    public let normalizedFormula: String
    /// The parameter names given at initialization, in the order of the parameter vector.
    public let parameterNames: [String]
    /// The predictor names given at initialization; the model reads column `k` of the predictors
    /// as `predictorNames[k]` (see ``validate(_:)``).
    public let predictorNames: [String]
    private let program: FormulaProgram

    /// Every function name a formula may call.
    public static let functionNames = FormulaFunction.spellings

    /// Parses and compiles `formula`.
    ///
    /// - Parameters:
    ///   - formula: The model, following the grammar above (without `y =` and the error term).
    ///   - parameters: The parameter names, in the order of the parameter vector. Each must appear
    ///     in the formula, since a parameter the formula does not use cannot be estimated.
    ///   - predictors: The predictor names, in the order of the predictor columns. A predictor
    ///     need not appear in the formula.
    ///   - constants: Named values, such as `["pi": 3.141592653589793238462643383279]`.
    /// - Throws: ``FormulaError/empty`` or ``FormulaError/syntax(formula:column:message:)`` for a
    ///   malformed formula; ``FormulaError/conflictingNames(duplicated:reserved:)`` when a name is
    ///   declared twice or is reserved (a function name, or `pi` as a parameter or predictor);
    ///   ``FormulaError/unresolvedNames(formula:unknown:unusedParameters:)`` listing every unknown
    ///   name and every unused parameter.
    public init(formula: String, parameters: [String], predictors: [String] = ["x"],
                constants: [String: Double] = [:]) throws(FormulaError) {
        let symbols = try FormulaSymbols(parameters: parameters, predictors: predictors, constants: constants)
        let expression = try FormulaParser.parse(formula)
        program = try FormulaCompiler.compile(expression, formula: formula, symbols: symbols)
        self.formula = formula
        normalizedFormula = FormulaPrinter.text(of: expression)
        parameterNames = parameters
        predictorNames = predictors
    }

    /// The names in `formula` that are not predictors, constants or `pi`: the parameters it
    /// needs, each once, in order of first appearance.
    ///
    /// For `b1*(1-exp[-b2*x])` this is `["b1", "b2"]`. A command-line tool can use it to name the
    /// parameters from the formula alone, or to list those without a starting value.
    ///
    /// - Throws: ``FormulaError/empty`` or ``FormulaError/syntax(formula:column:message:)``.
    public static func parameterNames(in formula: String, predictors: [String] = ["x"],
                                      constants: [String: Double] = [:]) throws(FormulaError) -> [String] {
        let expression = try FormulaParser.parse(formula)
        let known = Set(predictors).union(constants.keys).union(["pi"])
        var names: [String] = []
        for (name, _) in expression.names where !known.contains(name) && !names.contains(name) {
            names.append(name)
        }
        return names
    }

    /// Checks that `predictors` has the columns this model reads, in its order.
    ///
    /// The evaluation methods read column `k` as ``predictorNames``[k] without looking at names
    /// (they run in fitting loops); call this once when the data are loaded. Extra columns after
    /// the model's are allowed.
    ///
    /// - Throws: ``FormulaError/predictorMismatch(expected:given:)``.
    public func validate(_ predictors: Predictors) throws(FormulaError) {
        guard predictors.names.starts(with: predictorNames) else {
            throw .predictorMismatch(expected: predictorNames, given: predictors.names)
        }
    }

    /// `f(x_i; θ)` for observation `row`.
    ///
    /// - Precondition: `parameters.count == parameterCount`, and `predictors` has at least
    ///   `predictorNames.count` columns (see ``validate(_:)``) with more than `row` rows.
    public func value(row: Int, of predictors: Predictors, parameters: [Double]) -> Double {
        precondition(parameters.count == parameterNames.count, "one value per parameter")
        return program.value(row: row, of: predictors, parameters: parameters)
    }

    /// `f(x_i; θ)` for observation `row`, writing `∂f/∂θ_j` into `gradient[j]`.
    ///
    /// - Precondition: as for ``value(row:of:parameters:)``, and
    ///   `gradient.count == parameterCount`.
    public func value(row: Int, of predictors: Predictors, parameters: [Double],
                      gradient: inout [Double]) -> Double {
        precondition(parameters.count == parameterNames.count, "one value per parameter")
        precondition(gradient.count == parameterNames.count, "one gradient entry per parameter")
        return program.value(row: row, of: predictors, parameters: parameters, gradient: &gradient)
    }
}

/// A parsed formula in postfix (reverse Polish) order.
///
/// `b1*(1-exp(-b2*x))` is `b1 1 b2 negate x * exp - *`. Operands precede their operator, so
/// names appear in the order they are written, and compiling is a loop over a stack rather than
/// a recursion as deep as the formula is long.
struct FormulaExpression: Sendable {
    /// The nodes; evaluating them in order with a stack leaves the formula's value on it.
    var nodes: [FormulaNode]

    /// Every name occurrence (not function names), in the order they are written.
    var names: [(name: String, column: Int)] {
        nodes.compactMap { node in
            guard case let .name(name, column) = node else { return nil }
            return (name, column)
        }
    }
}

/// One postfix node of a ``FormulaExpression``.
enum FormulaNode: Sendable {
    /// Pushes a number literal.
    case number(Double)
    /// Pushes the value of a parameter, predictor or constant, written at `column`.
    case name(String, column: Int)
    /// Replaces the top of the stack by its negation.
    case negate
    /// Replaces the two topmost values `a` (below) and `b` (top) by `a op b`.
    case binary(FormulaOperator)
    /// Replaces the top of the stack by the function's value.
    case call(FormulaFunction)
}

/// The binary operators of a formula.
enum FormulaOperator: Hashable, Sendable {
    case add, subtract, multiply, divide
    /// `^` or `**`.
    case power
}

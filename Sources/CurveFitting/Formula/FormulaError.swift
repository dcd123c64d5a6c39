/// A formula that cannot become a ``FormulaModel``, or data that do not fit one.
///
/// Every throwing API of the formula models throws this type (typed throws). The ``description``
/// is meant for a user: syntax errors and unknown names repeat the formula with a caret under
/// each offending column, for example
///
/// ```
/// unexpected ')' at column 9
///   b1*(x + )
///           ^
/// ```
///
/// Columns are 1-based and count `Character`s of the formula as given; in the repeated formula
/// every whitespace character (a tab, a line break) is shown as one space so that carets line up.
public enum FormulaError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A name used in a formula, at the column where it first appears.
    public struct UnknownName: Equatable, Sendable {
        /// The name as written.
        public var name: String
        /// The 1-based column of its first occurrence.
        public var column: Int

        /// The name `name`, first seen at `column`.
        public init(name: String, column: Int) {
            self.name = name
            self.column = column
        }
    }

    /// The formula is empty or only whitespace.
    case empty

    /// The formula is not well-formed.
    ///
    /// - Parameters:
    ///   - formula: The formula as given.
    ///   - column: The 1-based column of the offending character or token.
    ///   - message: The first line of ``description``, ending with the column, e.g.
    ///     `"unexpected ')' at column 9"`.
    case syntax(formula: String, column: Int, message: String)

    /// The formula uses names that are not declared, or does not use declared parameters.
    ///
    /// A parameter that never appears in the formula cannot be estimated, so it is an error too.
    /// All problems are reported at once.
    ///
    /// - Parameters:
    ///   - formula: The formula as given.
    ///   - unknown: Names that are neither parameters, predictors, constants nor `pi`, each once,
    ///     in order of first appearance.
    ///   - unusedParameters: Declared parameters missing from the formula, in declaration order.
    case unresolvedNames(formula: String, unknown: [UnknownName], unusedParameters: [String])

    /// Declared names that collide.
    ///
    /// - Parameters:
    ///   - duplicated: Names declared more than once among parameters, predictors and constants.
    ///   - reserved: Declared names that are function names (``FormulaModel/functionNames``), or
    ///     `pi` used as a parameter or predictor name (a constant may redefine `pi`).
    case conflictingNames(duplicated: [String], reserved: [String])

    /// The data do not provide the predictor columns the model reads, in its order.
    ///
    /// - Parameters:
    ///   - expected: ``FormulaModel/predictorNames``.
    ///   - given: The names of the data's predictor columns.
    case predictorMismatch(expected: [String], given: [String])

    public var description: String {
        switch self {
        case .empty:
            "the formula is empty"
        case let .syntax(formula, column, message):
            message + "\n" + Self.excerpt(of: formula, carets: [column])
        case let .unresolvedNames(formula, unknown, unused):
            Self.describeUnresolved(formula: formula, unknown: unknown, unused: unused)
        case let .conflictingNames(duplicated, reserved):
            Self.describeConflicts(duplicated: duplicated, reserved: reserved)
        case let .predictorMismatch(expected, given):
            Self.describeMismatch(expected: expected, given: given)
        }
    }

    // MARK: Message building

    /// The formula and a line of carets, both indented by two spaces.
    private static func excerpt(of formula: String, carets columns: [Int]) -> String {
        var marks = [Character](repeating: " ", count: max(columns.max() ?? 0, 0))
        for column in columns where column >= 1 { marks[column - 1] = "^" }
        return shown(formula) + "\n  " + String(marks)
    }

    /// The formula on one line, indented by two spaces.
    private static func shown(_ formula: String) -> String {
        "  " + String(formula.map { $0.isWhitespace ? " " : $0 })
    }

    /// `a`, `a and b`, `a, b and c`.
    private static func enumerated(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        guard items.count > 1 else { return last }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }

    private static func quoted(_ names: [String]) -> String {
        enumerated(names.map { "'\($0)'" })
    }

    private static func describeUnresolved(formula: String, unknown: [UnknownName], unused: [String]) -> String {
        var lines: [String] = []
        if !unknown.isEmpty {
            let located = unknown.map { "'\($0.name)' at column \($0.column)" }
            lines.append("unknown name\(unknown.count > 1 ? "s" : "") " + enumerated(located))
            lines.append(excerpt(of: formula, carets: unknown.map(\.column)))
        }
        if !unused.isEmpty {
            lines.append(unused.count > 1
                ? "parameters \(quoted(unused)) do not appear in the formula, so they cannot be estimated"
                : "parameter \(quoted(unused)) does not appear in the formula, so it cannot be estimated")
            if unknown.isEmpty { lines.append(shown(formula)) }
        }
        return lines.joined(separator: "\n")
    }

    private static func describeConflicts(duplicated: [String], reserved: [String]) -> String {
        var lines: [String] = []
        if !duplicated.isEmpty {
            lines.append("\(quoted(duplicated)) \(duplicated.count > 1 ? "are" : "is") declared more than once"
                + " (parameters, predictors and constants need distinct names)")
        }
        if !reserved.isEmpty {
            lines.append("\(quoted(reserved)) \(reserved.count > 1 ? "are reserved names" : "is a reserved name")"
                + " (the functions \(FormulaModel.functionNames.joined(separator: ", ")) and the constant pi)")
        }
        return lines.joined(separator: "\n")
    }

    private static func describeMismatch(expected: [String], given: [String]) -> String {
        let missing = expected.filter { !given.contains($0) }
        let have = given.isEmpty ? "none" : given.joined(separator: ", ")
        guard missing.isEmpty else {
            return "the data have no predictor\(missing.count > 1 ? "s" : "") \(quoted(missing)) (they have \(have))"
        }
        return "the model reads the predictors in the order \(expected.joined(separator: ", ")),"
            + " the data have them in the order \(have)"
    }
}

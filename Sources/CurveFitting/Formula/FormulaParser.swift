/// A recursive-descent parser from formula text to a postfix ``FormulaExpression``.
///
/// The grammar is the one documented on ``FormulaModel``; each rule is one method:
///
/// ```
/// sum     = product { ("+" | "-") product }
/// product = signed { ("*" | "/") signed }
/// signed  = ("+" | "-") signed | power
/// power   = primary [ ("^" | "**") signed ]
/// primary = number | name | function group | group
/// group   = "(" sum ")" | "[" sum "]"
/// ```
///
/// Recursion happens only through `signed` and `group`, at most ``maximumDepth`` levels deep, so
/// a pathological formula is an error rather than a stack overflow.
struct FormulaParser {
    /// The deepest nesting of groups, signs and exponents accepted.
    static let maximumDepth = 200

    private let formula: String
    private let tokens: [FormulaToken]
    private var position = 0
    private var depth = 0
    private var nodes: [FormulaNode] = []
    /// Calls of unknown functions, reported together once the whole formula has parsed.
    private var unknownFunctions: [(name: String, column: Int)] = []

    private init(formula: String, tokens: [FormulaToken]) {
        self.formula = formula
        self.tokens = tokens
    }

    /// Parses `formula`, or throws a ``FormulaError/syntax(formula:column:message:)`` located at
    /// the first offending token (or ``FormulaError/empty``).
    static func parse(_ formula: String) throws(FormulaError) -> FormulaExpression {
        let tokens = try FormulaLexer.tokens(in: formula)
        guard tokens.count > 1 else { throw .empty }
        var parser = FormulaParser(formula: formula, tokens: tokens)
        try parser.parseSum()
        let token = parser.current
        switch token.kind {
        case .end:
            if let first = parser.unknownFunctions.first {
                guard parser.unknownFunctions.count > 1 else { throw parser.error("unknown function '\(first.name)'", at: first.column) }
                let list = parser.unknownFunctions.map { "'\($0.name)' (column \($0.column))" }.joined(separator: ", ")
                throw parser.error("unknown functions \(list); the first one", at: first.column)
            }
            return FormulaExpression(nodes: parser.nodes)
        case .close: throw parser.error("unmatched '\(token.text)'", at: token.column)
        default: throw parser.missingOperator(before: token)
        }
    }

    // MARK: Grammar rules

    private mutating func parseSum() throws(FormulaError) {
        try parseProduct()
        while true {
            switch current.kind {
            case .plus: advance(); try parseProduct(); nodes.append(.binary(.add))
            case .minus: advance(); try parseProduct(); nodes.append(.binary(.subtract))
            default: return
            }
        }
    }

    private mutating func parseProduct() throws(FormulaError) {
        try parseSigned()
        while true {
            switch current.kind {
            case .times: advance(); try parseSigned(); nodes.append(.binary(.multiply))
            case .divide: advance(); try parseSigned(); nodes.append(.binary(.divide))
            default: return
            }
        }
    }

    private mutating func parseSigned() throws(FormulaError) {
        let sign = current
        switch sign.kind {
        case .plus, .minus:
            advance()
            try descend(at: sign.column)
            try parseSigned()
            depth -= 1
            if sign.kind == .minus { nodes.append(.negate) }
        default:
            try parsePower()
        }
    }

    private mutating func parsePower() throws(FormulaError) {
        try parsePrimary()
        let caret = current
        guard caret.kind == .power else { return }
        advance()
        try descend(at: caret.column)
        try parseSigned()
        depth -= 1
        nodes.append(.binary(.power))
    }

    private mutating func parsePrimary() throws(FormulaError) {
        let token = current
        switch token.kind {
        case let .number(value):
            advance()
            nodes.append(.number(value))
        case let .identifier(name):
            advance()
            let function = FormulaFunction(name: name)
            if case let .open(bracket) = current.kind {
                try parseGroup(bracket)
                if let function {
                    nodes.append(.call(function))
                } else {
                    unknownFunctions.append((name, token.column))
                }
            } else if function != nil {
                throw error("expected '(' after '\(name)'", at: current.column)
            } else {
                nodes.append(.name(name, column: token.column))
            }
        case let .open(bracket):
            try parseGroup(bracket)
        case .end:
            let previous = tokens[position - 1]
            throw error("missing operand after '\(previous.text)'", at: previous.column)
        default:
            throw error("unexpected '\(token.text)'", at: token.column)
        }
    }

    /// A bracketed sum; the current token is the opening `bracket`.
    private mutating func parseGroup(_ bracket: FormulaBracket) throws(FormulaError) {
        let open = current
        advance()
        try descend(at: open.column)
        try parseSum()
        depth -= 1
        let close = current
        switch close.kind {
        case .close(bracket):
            advance()
        case .close:
            throw error("'\(open.text)' at column \(open.column) closed by '\(close.text)'", at: close.column)
        case .end:
            throw error("unclosed '\(open.text)'", at: open.column)
        default:
            throw missingOperator(before: close)
        }
    }

    // MARK: Helpers

    private var current: FormulaToken { tokens[position] }

    private mutating func advance() { position += 1 }

    private mutating func descend(at column: Int) throws(FormulaError) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw error("formula nested more than \(Self.maximumDepth) levels deep", at: column)
        }
    }

    /// Two operands in a row, such as `2 x` or `2(x)`.
    private func missingOperator(before token: FormulaToken) -> FormulaError {
        error("expected an operator before '\(token.text)'", at: token.column)
    }

    /// A syntax error at `column`, reported as "`message` at column `column`".
    private func error(_ message: String, at column: Int) -> FormulaError {
        .syntax(formula: formula, column: column, message: "\(message) at column \(column)")
    }
}

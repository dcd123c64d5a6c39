/// One column of a linear model's design: a predictor raised to a positive integer power.
public struct LinearTerm: Sendable, Hashable {
    /// The 0-based index of the predictor, in the order of the data's predictor columns.
    public let predictor: Int
    /// The power, at least 1 (`x` is power 1, `x**2` power 2).
    public let power: Int

    /// The term `predictors[predictor] ^ power`.
    public init(predictor: Int, power: Int) {
        self.predictor = predictor
        self.power = power
    }
}

/// The design of a linear model, parsed from an equation such as `y = B0 + B1*x + B2*(x**2) + e`,
/// so that regression code can build the design matrix without knowing the problem.
///
/// The design matrix has the intercept column (all ones) first when ``hasIntercept`` is true, then
/// one column per term, in the order written; ``coefficientNames`` names the columns in that order.
///
/// The accepted syntax: `response = term + term + …`, where each term is a coefficient alone (the
/// intercept), a coefficient times a factor (`B1*x`), or the error term `e`, which may only come
/// last. A factor is a predictor, optionally raised to a positive integer power with `**` or `^`,
/// optionally in parentheses: `x`, `x**2`, `(x**2)`, `x1`. Coefficients are any other names. Line
/// breaks and spaces between tokens are free, so long equations may wrap over several lines.
public struct LinearModelSpec: Sendable, Hashable {
    /// The name on the left-hand side.
    public let responseName: String
    /// The predictor names that ``LinearTerm/predictor`` indexes.
    public let predictorNames: [String]
    /// Whether the model has an intercept (a coefficient without a factor).
    public let hasIntercept: Bool
    /// The non-intercept terms, in the order written.
    public let terms: [LinearTerm]
    /// The coefficient of each design column: the intercept's first (if any), then one per term.
    public let coefficientNames: [String]

    /// A model from its parts.
    /// - Precondition: `coefficientNames` has one name per design column.
    public init(responseName: String, predictorNames: [String], hasIntercept: Bool, terms: [LinearTerm],
                coefficientNames: [String]) {
        precondition(coefficientNames.count == terms.count + (hasIntercept ? 1 : 0),
                     "one coefficient name per design column")
        self.responseName = responseName
        self.predictorNames = predictorNames
        self.hasIntercept = hasIntercept
        self.terms = terms
        self.coefficientNames = coefficientNames
    }

    /// Parses the model equation `text` (which may span several lines).
    /// - Parameters:
    ///   - responseName: the name expected on the left-hand side.
    ///   - predictorNames: the names factors may use.
    ///   - source: the display path for errors.
    ///   - firstLine: the file line of the first line of `text`, for errors.
    /// - Throws: ``DataError`` at the line and column of the first unexpected token.
    public init(parsing text: String, responseName: String, predictorNames: [String], source: String = "model",
                firstLine: Int = 1) throws {
        let lines = TextLines(text: text, source: source).lines.map {
            SourceLine(number: $0.number + firstLine - 1, text: $0.text)
        }
        try self.init(parsing: lines.isEmpty ? [SourceLine(number: firstLine, text: "")] : lines, responseName: responseName, predictorNames: predictorNames, source: source)
    }

    /// Parses the model equation written on `lines`.
    init(parsing lines: [SourceLine], responseName: String, predictorNames: [String], source: String) throws {
        var parser = try LinearModelParser(lines: lines, predictorNames: predictorNames, source: source)
        self = try parser.parseModel(responseName: responseName)
    }

    /// A readable name per term: the predictor, with `^power` above 1 (`x`, `x^2`, `x1`).
    public var termNames: [String] {
        terms.map { term in
            let name = predictorNames[term.predictor]
            return term.power == 1 ? name : "\(name)^\(term.power)"
        }
    }
}

/// A recursive-descent parser for ``LinearModelSpec`` equations.
private struct LinearModelParser {
    private enum Kind: Equatable {
        case name(String)
        case integer(String)
        case symbol(String)
        case end
    }

    private struct Token {
        let kind: Kind
        let line: Int
        let column: Int

        var description: String {
            switch kind {
            case .name(let text), .integer(let text), .symbol(let text): "'\(text)'"
            case .end: "the end of the model"
            }
        }
    }

    private static let errorTermName = "e"

    private let tokens: [Token]
    private let predictorNames: [String]
    private let source: String
    private var index = 0

    init(lines: [SourceLine], predictorNames: [String], source: String) throws {
        self.predictorNames = predictorNames
        self.source = source
        var tokens: [Token] = []
        for line in lines {
            let characters = Array(line.text)
            var position = 0
            while position < characters.count {
                let character = characters[position]
                let column = position + 1
                if character.isWhitespace {
                    position += 1
                } else if character.isLetter || character == "_" {
                    let start = position
                    while position < characters.count,
                          characters[position].isLetter || characters[position].isASCIIDigit || characters[position] == "_" {
                        position += 1
                    }
                    tokens.append(Token(kind: .name(String(characters[start..<position])), line: line.number, column: column))
                } else if character.isASCIIDigit {
                    let start = position
                    while position < characters.count, characters[position].isASCIIDigit { position += 1 }
                    tokens.append(Token(kind: .integer(String(characters[start..<position])), line: line.number, column: column))
                } else if character == "*", position + 1 < characters.count, characters[position + 1] == "*" {
                    tokens.append(Token(kind: .symbol("**"), line: line.number, column: column))
                    position += 2
                } else if "+*^()=".contains(character) {
                    tokens.append(Token(kind: .symbol(String(character)), line: line.number, column: column))
                    position += 1
                } else {
                    throw DataError(file: source, line: line.number, column: column,
                                    message: "unexpected character '\(character)' in a linear model")
                }
            }
        }
        let last = lines.last
        tokens.append(Token(kind: .end, line: last?.number ?? 1, column: (last.map { Array($0.text).count } ?? 0) + 1))
        self.tokens = tokens
    }

    private var current: Token { tokens[index] }

    private func error(_ message: String, at token: Token) -> DataError {
        DataError(file: source, line: token.line, column: token.column, message: message)
    }

    private mutating func advance() -> Token {
        defer { if index < tokens.count - 1 { index += 1 } }
        return current
    }

    private mutating func expectSymbol(_ symbol: String, _ context: String) throws {
        guard current.kind == .symbol(symbol) else {
            throw error("expected '\(symbol)' \(context), found \(current.description)", at: current)
        }
        index += 1
    }

    private mutating func expectName(_ context: String) throws -> (name: String, token: Token) {
        let token = advance()
        guard case .name(let name) = token.kind else {
            throw error("expected \(context), found \(token.description)", at: token)
        }
        return (name, token)
    }

    mutating func parseModel(responseName: String) throws -> LinearModelSpec {
        let (response, responseToken) = try expectName("the response name")
        guard response == responseName else {
            throw error("the left-hand side is '\(response)', expected the response '\(responseName)'", at: responseToken)
        }
        try expectSymbol("=", "after the response")

        var interceptName: String?
        var terms: [LinearTerm] = []
        var termCoefficients: [String] = []
        var seenCoefficients: Set<String> = []
        while true {
            let (name, nameToken) = try expectName("a coefficient name or the error term '\(Self.errorTermName)'")
            if name == Self.errorTermName {
                guard current.kind == .end else {
                    throw error("the error term '\(Self.errorTermName)' must be the last term", at: nameToken)
                }
                break
            }
            if predictorNames.contains(name) {
                throw error("term '\(name)' has no coefficient; write it as a coefficient times '\(name)'", at: nameToken)
            }
            guard seenCoefficients.insert(name).inserted else {
                throw error("coefficient '\(name)' appears twice", at: nameToken)
            }
            if current.kind == .symbol("*") {
                index += 1
                let factorToken = current
                let term = try parseFactor()
                if terms.contains(term) {
                    throw error("the model has this term twice", at: factorToken)
                }
                terms.append(term)
                termCoefficients.append(name)
            } else {
                if let interceptName {
                    throw error("a second intercept '\(name)' (the first is '\(interceptName)')", at: nameToken)
                }
                interceptName = name
            }
            if current.kind == .end { break }
            try expectSymbol("+", "between terms")
        }
        let coefficientNames = (interceptName.map { [$0] } ?? []) + termCoefficients
        guard !coefficientNames.isEmpty else { throw error("the model has no terms", at: responseToken) }
        return LinearModelSpec(responseName: responseName, predictorNames: predictorNames,
                               hasIntercept: interceptName != nil, terms: terms, coefficientNames: coefficientNames)
    }

    /// `predictor`, `predictor ** n`, `predictor ^ n`, or one of these in parentheses.
    private mutating func parseFactor() throws -> LinearTerm {
        if current.kind == .symbol("(") {
            index += 1
            let term = try parseFactor()
            try expectSymbol(")", "to close the parenthesis")
            return term
        }
        let (name, token) = try expectName("a predictor name")
        guard let predictor = predictorNames.firstIndex(of: name) else {
            let known = predictorNames.map { "'\($0)'" }.joined(separator: ", ")
            throw error("unknown predictor '\(name)' (the data has \(known))", at: token)
        }
        guard current.kind == .symbol("**") || current.kind == .symbol("^") else {
            return LinearTerm(predictor: predictor, power: 1)
        }
        index += 1
        let powerToken = advance()
        guard case .integer(let digits) = powerToken.kind, let power = Int(digits), power >= 1, power <= 1_000 else {
            throw error("expected a whole power from 1 to 1000, found \(powerToken.description)", at: powerToken)
        }
        return LinearTerm(predictor: predictor, power: power)
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

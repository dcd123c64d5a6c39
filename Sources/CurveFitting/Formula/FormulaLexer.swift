/// A pair of grouping characters: `( )` or `[ ]`. Both group alike, but a group must close with
/// the character matching its opening one.
enum FormulaBracket: Equatable, Sendable {
    case round, square
}

/// One token of a formula.
struct FormulaToken: Sendable {
    enum Kind: Equatable, Sendable {
        case number(Double)
        case identifier(String)
        case plus, minus, times, divide
        /// `^` or `**`.
        case power
        case open(FormulaBracket)
        case close(FormulaBracket)
        /// After the last character; its column is one past the formula.
        case end
    }

    var kind: Kind
    /// The token as written, for messages (empty for ``Kind/end``).
    var text: String
    /// The 1-based column of its first character.
    var column: Int
}

/// Splits a formula into tokens.
///
/// Numbers are `digits[.digits][e[±]digits]` with either part of the mantissa optional (`12`,
/// `1.5`, `.5`, `1.`, `1e-3`, `3.2E+02`); a run such as `1.2.3` is one malformed number.
/// Identifiers start with a letter or `_` and continue with letters, ASCII digits and `_`.
/// Whitespace separates tokens and is otherwise ignored.
enum FormulaLexer {
    static func tokens(in formula: String) throws(FormulaError) -> [FormulaToken] {
        let characters = Array(formula)
        var tokens: [FormulaToken] = []
        var index = 0
        while index < characters.count {
            let start = index
            let character = characters[index]
            index += 1
            let kind: FormulaToken.Kind
            switch character {
            case _ where character.isWhitespace:
                continue
            case _ where isDigit(character) || character == ".":
                index = endOfNumber(in: characters, from: start)
                let text = String(characters[start..<index])
                guard let value = Double(text) else {
                    throw .syntax(formula: formula, column: start + 1,
                                  message: "malformed number '\(text)' at column \(start + 1)")
                }
                kind = .number(value)
            case _ where character.isLetter || character == "_":
                while index < characters.count, isIdentifierCharacter(characters[index]) { index += 1 }
                kind = .identifier(String(characters[start..<index]))
            case "*" where index < characters.count && characters[index] == "*":
                index += 1
                kind = .power
            case "*": kind = .times
            case "/": kind = .divide
            case "+": kind = .plus
            case "-": kind = .minus
            case "^": kind = .power
            case "(": kind = .open(.round)
            case ")": kind = .close(.round)
            case "[": kind = .open(.square)
            case "]": kind = .close(.square)
            default:
                throw .syntax(formula: formula, column: start + 1,
                              message: "unexpected character '\(character)' at column \(start + 1)")
            }
            tokens.append(FormulaToken(kind: kind, text: String(characters[start..<index]), column: start + 1))
        }
        tokens.append(FormulaToken(kind: .end, text: "", column: characters.count + 1))
        return tokens
    }

    /// The index after the number starting at `start`: a run of digits and points, an optional
    /// exponent, and any digits and points glued to it (so that `1e5.3` is one malformed token).
    private static func endOfNumber(in characters: [Character], from start: Int) -> Int {
        var index = start
        func skipDigitsAndPoints() {
            while index < characters.count, isDigit(characters[index]) || characters[index] == "." { index += 1 }
        }
        skipDigitsAndPoints()
        if index < characters.count, characters[index] == "e" || characters[index] == "E" {
            var digitsStart = index + 1
            if digitsStart < characters.count, characters[digitsStart] == "+" || characters[digitsStart] == "-" {
                digitsStart += 1
            }
            if digitsStart < characters.count, isDigit(characters[digitsStart]) {
                index = digitsStart
                skipDigitsAndPoints()
            }
        }
        return index
    }

    private static func isDigit(_ character: Character) -> Bool {
        character.isASCII && character.isWholeNumber
    }

    private static func isIdentifierCharacter(_ character: Character) -> Bool {
        character.isLetter || character == "_" || isDigit(character)
    }
}

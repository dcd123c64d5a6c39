/// One line of a text file with its 1-based line number.
struct SourceLine: Sendable, Hashable {
    let number: Int
    /// The text without its line terminator.
    let text: String
}

/// A whitespace-separated word of a line, with the 1-based column (in `Character`s) of its first
/// character.
struct LineToken: Sendable, Hashable {
    let text: Substring
    let column: Int
}

/// A text file as lines, for line-oriented formats such as NIST StRD, with located errors.
struct TextLines: Sendable {
    /// The display path used in errors.
    let source: String
    /// The lines, without terminators (LF or CRLF); a final line terminator does not start a line.
    let lines: [SourceLine]

    init(text: String, source: String) {
        self.source = source
        var pieces = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if pieces.last?.isEmpty == true { pieces.removeLast() }
        lines = pieces.enumerated().map { index, piece in
            let withoutCR = piece.last == UInt8(ascii: "\r") ? piece.dropLast() : piece
            return SourceLine(number: index + 1, text: String(Substring(withoutCR)))
        }
    }

    /// Line `number` (1-based), which must exist.
    func line(_ number: Int) -> SourceLine {
        lines[number - 1]
    }

    /// The first line whose text, after leading spaces, starts with `label`.
    func firstLine(labeled label: String) -> SourceLine? {
        lines.first { $0.text.drop(while: \.isWhitespace).hasPrefix(label) }
    }

    /// A located error in this file.
    func error(_ message: String, line: Int? = nil, column: Int? = nil) -> DataError {
        DataError(file: source, line: line, column: column, message: message)
    }

    /// The finite number written as `token` on line `line` (see ``DecimalNumber`` for the syntax).
    func number(_ token: LineToken, on line: Int) throws -> Double {
        switch DecimalNumber.read(String(token.text)) {
        case .number(let value): return value
        case .notFinite: throw error("'\(token.text)' is not a finite number", line: line, column: token.column)
        case .empty, .invalid: throw error("'\(token.text)' is not a number", line: line, column: token.column)
        }
    }

    /// The non-negative whole number written as `token` on line `line`.
    func integer(_ token: LineToken, on line: Int) throws -> Int {
        guard token.text.allSatisfy(\.isASCII), let value = Int(token.text), value >= 0 else {
            throw error("'\(token.text)' is not a whole number", line: line, column: token.column)
        }
        return value
    }
}

extension SourceLine {
    /// The whitespace-separated words of the line.
    var tokens: [LineToken] {
        var tokens: [LineToken] = []
        var column = 1
        var index = text.startIndex
        while index < text.endIndex {
            if text[index].isWhitespace {
                index = text.index(after: index)
                column += 1
                continue
            }
            let start = index
            let startColumn = column
            while index < text.endIndex, !text[index].isWhitespace {
                index = text.index(after: index)
                column += 1
            }
            tokens.append(LineToken(text: text[start..<index], column: startColumn))
        }
        return tokens
    }

    /// The tokens after the first `label.count` characters that follow the line's indentation.
    func tokens(after label: String) -> [LineToken] {
        let indentation = text.prefix(while: \.isWhitespace).count
        return tokens.filter { $0.column > indentation + label.count }
    }

    /// Whether the line holds only whitespace.
    var isBlank: Bool { text.allSatisfy(\.isWhitespace) }
}

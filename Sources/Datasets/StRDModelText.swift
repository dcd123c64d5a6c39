import Foundation

/// The model equation of an StRD file: the lines after `Model:` from the first one with `=` up to
/// a blank line, split into constant definitions (`pi = 3.14…`) and the equation itself.
struct StRDModelText {
    /// The equation's lines as written (constant definitions excluded).
    let equationLines: [SourceLine]
    /// The file line where the equation starts.
    var line: Int { equationLines.first?.number ?? 0 }
    /// The equation's lines, trimmed and joined by single spaces.
    let text: String
    let leftHandSide: String
    /// The right-hand side without a trailing `+ e`.
    let rightHandSide: String
    let constants: [String: Double]

    /// Reads the model block that follows the `Model:` line and ends before line `firstSection`.
    init(_ file: TextLines, before firstSection: Int) throws {
        guard let modelLine = file.firstLine(labeled: "Model:") else { throw file.error("missing 'Model:' section") }
        let candidates = file.lines[modelLine.number ..< max(modelLine.number, firstSection - 1)]
        guard let start = candidates.firstIndex(where: { $0.text.contains("=") }) else {
            throw file.error("no model equation (a line with '=') after 'Model:'", line: modelLine.number)
        }
        var constants: [String: Double] = [:]
        var equationLines: [SourceLine] = []
        for line in candidates[start...].prefix(while: { !$0.isBlank }) {
            guard let (name, value) = try Self.constant(on: line, in: file) else {
                equationLines.append(line)
                continue
            }
            guard constants[name] == nil else {
                throw file.error("constant '\(name)' is defined twice", line: line.number)
            }
            constants[name] = value
        }
        let text = equationLines.map { $0.text.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        guard let first = equationLines.first, let equals = text.firstIndex(of: "=") else {
            throw file.error("no model equation (a line with '=') after 'Model:'", line: modelLine.number)
        }
        let leftHandSide = text[..<equals].trimmingCharacters(in: .whitespaces)
        guard !leftHandSide.isEmpty else {
            throw file.error("the model equation has nothing left of '='", line: first.number)
        }
        self.equationLines = equationLines
        self.text = text
        self.leftHandSide = leftHandSide
        self.rightHandSide = Self.withoutErrorTerm(text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces))
        self.constants = constants
    }

    /// `name = number` on a line of its own, or `nil` if the line is something else.
    private static func constant(on line: SourceLine, in file: TextLines) throws -> (String, Double)? {
        let parts = line.text.split(separator: "=", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let name = parts[0].trimmingCharacters(in: .whitespaces)
        guard let head = name.first, head.isLetter, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            return nil
        }
        switch DecimalNumber.read(String(parts[1])) {
        case .number(let value):
            return (name, value)
        case .notFinite:
            let column = line.text.distance(from: line.text.startIndex, to: parts[1].startIndex) + 1
            throw file.error("the value of constant '\(name)' is not a finite number", line: line.number, column: column)
        case .empty, .invalid:
            return nil
        }
    }

    /// `rightHandSide` without a final `+ e` (the error term).
    private static func withoutErrorTerm(_ rightHandSide: String) -> String {
        guard rightHandSide.hasSuffix("e") else { return rightHandSide }
        let beforeE = rightHandSide.dropLast()
        let trimmed = beforeE.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix("+"), beforeE.last == "+" || beforeE.last?.isWhitespace == true else {
            return rightHandSide
        }
        return trimmed.dropLast().trimmingCharacters(in: .whitespaces)
    }
}

/// Formula text from a postfix ``FormulaExpression``, with the fewest parentheses that keep
/// its meaning: parsing the text gives the same nodes again (names, numbers, operators and
/// calls in the same order; only columns differ).
///
/// The layout is R's `deparse` style: spaces around `+`, `-`, `*` and `/`, none around `^`,
/// round brackets only, `log` for `ln` and `atan` for `arctan`. Numbers are written with the
/// shortest text that reads back as the same `Double` (an infinite literal such as `1e999` as
/// `1e999`).
enum FormulaPrinter {
    /// How tightly a printed part binds, by the grammar rule that can hold it unbracketed.
    private enum Level: Int, Comparable {
        case sum = 1, product, signed, power, primary
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    private struct Part {
        let text: String
        let level: Level

        /// The text, bracketed unless it binds at least as tightly as `level`.
        func at(_ level: Level) -> String { self.level >= level ? text : "(" + text + ")" }
    }

    static func text(of expression: FormulaExpression) -> String {
        var stack: [Part] = []
        for node in expression.nodes {
            switch node {
            case let .number(value):
                stack.append(Part(text: value.isFinite ? shortest(value) : "1e999", level: .primary))
            case let .name(name, _):
                stack.append(Part(text: name, level: .primary))
            case .negate:
                let operand = stack.removeLast()
                stack.append(Part(text: "-" + operand.at(.signed), level: .signed))
            case let .binary(op):
                let right = stack.removeLast(), left = stack.removeLast()
                switch op {
                case .add: stack.append(Part(text: left.at(.sum) + " + " + right.at(.product), level: .sum))
                case .subtract: stack.append(Part(text: left.at(.sum) + " - " + right.at(.product), level: .sum))
                case .multiply: stack.append(Part(text: left.at(.product) + " * " + right.at(.signed), level: .product))
                case .divide: stack.append(Part(text: left.at(.product) + " / " + right.at(.signed), level: .product))
                case .power: stack.append(Part(text: left.at(.primary) + "^" + right.at(.signed), level: .power))
                }
            case let .call(function):
                let argument = stack.removeLast()
                stack.append(Part(text: "\(function)(" + argument.text + ")", level: .primary))
            }
        }
        return stack.last?.text ?? ""
    }

    /// `5` for 5.0, `0.1`, `1e-05`, `1.5e+20`: Swift's shortest round-trip digits, without a
    /// trailing `.0`.
    private static func shortest(_ value: Double) -> String {
        let text = value.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}

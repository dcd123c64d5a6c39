/// The functions a formula may call.
enum FormulaFunction: Hashable, Sendable {
    case exp
    /// The natural logarithm.
    case log
    case sqrt, sin, cos, tan, atan, abs

    /// Every spelling ``init(name:)`` accepts, in the order the documentation lists them.
    static let spellings = ["exp", "log", "ln", "sqrt", "sin", "cos", "tan", "atan", "arctan", "abs"]

    /// The function spelled `name`: the case names, plus `ln` for `log` and `arctan` for `atan`
    /// (the NIST StRD spelling).
    init?(name: String) {
        switch name {
        case "exp": self = .exp
        case "log", "ln": self = .log
        case "sqrt": self = .sqrt
        case "sin": self = .sin
        case "cos": self = .cos
        case "tan": self = .tan
        case "atan", "arctan": self = .atan
        case "abs": self = .abs
        default: return nil
        }
    }
}

/// Why a growth model could not be found or could not start from the data.
///
/// Rows are 1-based, as a user counts the lines of a data table. `model` is the model's
/// ``SelfStartingModel/title``.
public enum GrowthModelError: Error, CustomStringConvertible, Equatable, Sendable {
    /// `x` and `y` have different lengths.
    case lengthMismatch(xCount: Int, yCount: Int)
    /// A value of `variable` (`"x"` or `"y"`) is NaN or infinite.
    case nonFiniteValue(variable: String, row: Int)
    /// Fewer distinct x values than the model has parameters.
    case tooFewDistinctX(model: String, distinct: Int, required: Int)
    /// An x value before the model's time origin, where the curve is undefined.
    case predictorBeforeOrigin(model: String, row: Int, x: Double, origin: Double)
    /// Every response value is the same.
    case constantResponse(model: String)
    /// No model has this name; `suggestion` is the closest valid name, if any is close.
    case unknownModel(name: String, suggestion: String?, validNames: [String])
    /// The linearization found no finite start.
    case selfStartFailed(model: String, reason: String)

    /// A one-sentence explanation for the user.
    public var description: String {
        switch self {
        case let .lengthMismatch(xCount, yCount):
            "x and y must have the same length: \(xCount) x values, \(yCount) y values"
        case let .nonFiniteValue(variable, row):
            "\(variable) is not a finite number (NaN or infinite) at row \(row)"
        case let .tooFewDistinctX(model, distinct, required):
            "too few distinct x values to fit the \(model) model: "
                + "\(distinct) distinct values, at least \(required) needed"
        case let .predictorBeforeOrigin(model, row, x, origin):
            "the \(model) model is defined from its origin x = \(origin) on: x = \(x) at row \(row)"
        case let .constantResponse(model):
            "the data show no growth (constant response): the \(model) model needs a response that changes with x"
        case let .unknownModel(name, suggestion, validNames):
            "unknown growth model '\(name)'"
                + (suggestion.map { "; did you mean '\($0)'?" } ?? ".")
                + " Valid models: \(validNames.joined(separator: ", "))"
        case let .selfStartFailed(model, reason):
            "no starting values for the \(model) model: \(reason)"
        }
    }
}

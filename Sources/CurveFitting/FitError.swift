/// Why a fit could not be set up (as opposed to a ``Termination`` of a fit that ran).
public enum FitError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An option is outside its domain.
    case invalidOption(String)
    /// The data cannot support the model.
    case invalidData(String)
    /// Start values, bounds or weights do not fit the model.
    case invalidSetup(String)

    public var description: String {
        switch self {
        case .invalidOption(let message): return "invalid option: \(message)"
        case .invalidData(let message): return "invalid data: \(message)"
        case .invalidSetup(let message): return message
        }
    }
}

/// Why a forecast cannot be made.
public enum ForecastError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A model name that is not in the catalogue.
    case unknownModel(String, valid: [String])
    /// Too few observations for what was asked.
    case insufficientData(String)
    /// No candidate model could be fitted.
    case noUsableModel([String])

    public var description: String {
        switch self {
        case .unknownModel(let name, let valid):
            "unknown model '\(name)'; valid models: \(valid.joined(separator: ", "))"
        case .insufficientData(let message):
            message
        case .noUsableModel(let reasons):
            "no candidate model could be fitted: \(reasons.joined(separator: "; "))"
        }
    }
}

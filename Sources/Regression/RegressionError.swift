/// Why a regression could not be computed.
public enum RegressionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The design or response is malformed (lengths, empty model).
    case invalidDesign(String)
    /// There are fewer observations than coefficients.
    case tooFewObservations(observations: Int, coefficients: Int)
    /// A value is NaN or infinite.
    case nonFinite(String)
    /// A numerical step failed.
    case numerical(String)

    public var description: String {
        switch self {
        case .invalidDesign(let message): return "invalid model: \(message)"
        case .tooFewObservations(let n, let p):
            return "the model has \(p) coefficients but only \(n) observation\(n == 1 ? "" : "s"); "
                + "at least \(p) are needed to estimate it (and \(p + 1) for standard errors)"
        case .nonFinite(let message): return "non-finite value: \(message)"
        case .numerical(let message): return "numerical failure: \(message)"
        }
    }
}

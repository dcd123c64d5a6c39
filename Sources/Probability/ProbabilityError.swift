/// An invalid argument passed to a distribution initializer or a sampler.
///
/// Every throwing API in `Probability` throws this type (typed throws), so callers can
/// switch over the cases without casting. The ``description`` is a complete sentence
/// suitable for showing to a user, for example
/// `"shape must be finite and > 0 (got -1.0)"`.
public enum ProbabilityError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A real-valued parameter violated its documented requirement.
    ///
    /// - Parameters:
    ///   - name: The parameter's label as it appears in the API (`"sd"`, `"shape"`, ...).
    ///   - value: The offending value (may be NaN or infinite).
    ///   - requirement: The condition the value must satisfy, e.g. `"finite and > 0"`.
    case invalidParameter(name: String, value: Double, requirement: String)

    /// An integer count (a dimension) violated its documented requirement.
    case invalidCount(name: String, value: Int, requirement: String)

    /// A readable sentence naming the parameter, its requirement and the offending value.
    public var description: String {
        switch self {
        case let .invalidParameter(name, value, requirement):
            "\(name) must be \(requirement) (got \(value))"
        case let .invalidCount(name, value, requirement):
            "\(name) must be \(requirement) (got \(value))"
        }
    }
}

/// Parameter checks shared by the distribution initializers and the samplers.
enum Validate {
    /// Requires `value` to be finite and strictly positive.
    static func positiveFinite(_ value: Double, _ name: String) throws(ProbabilityError) {
        guard value.isFinite, value > 0 else {
            throw .invalidParameter(name: name, value: value, requirement: "finite and > 0")
        }
    }

    /// Requires `value` to be strictly positive; `+infinity` is allowed (a limiting case).
    static func positive(_ value: Double, _ name: String) throws(ProbabilityError) {
        guard value > 0 else {  // false for NaN
            throw .invalidParameter(name: name, value: value, requirement: "> 0 (infinity allowed)")
        }
    }

    /// Requires `value` to be finite (any sign).
    static func finite(_ value: Double, _ name: String) throws(ProbabilityError) {
        guard value.isFinite else {
            throw .invalidParameter(name: name, value: value, requirement: "finite")
        }
    }
}

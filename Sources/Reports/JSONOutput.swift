import Foundation

/// JSON rendering shared by every report: snake_case keys, sorted for stable output,
/// non-finite numbers written as `null` by the encodable types themselves.
public enum JSONOutput {
    /// Encodes `value` as pretty-printed JSON with snake_case keys and a trailing newline.
    public static func render<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}

/// A `Double?` that encodes non-finite values as `null` (JSON has no NaN or infinity).
@propertyWrapper
public struct FiniteOrNull: Encodable, Sendable, Equatable {
    public var wrappedValue: Double?
    public init(wrappedValue: Double?) { self.wrappedValue = wrappedValue }
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value = wrappedValue, value.isFinite { try container.encode(value) } else { try container.encodeNil() }
    }
}

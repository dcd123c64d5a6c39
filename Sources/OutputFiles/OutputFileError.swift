/// An output file that may not or could not be written: the path as the user gave it and the
/// reason, in our own words (never a Foundation or system error dump).
public struct OutputFileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The path as given (`--out`), or `standard output`.
    public let path: String
    public let reason: String
    public var description: String { "cannot write \(path): \(reason)" }

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// A shard that cannot be trusted or a set of shards that does not make a whole run: missing,
/// given twice, truncated or changed, or from another run. The message names the file or the
/// shard (`i/n`); the command line exits 65.
public struct ShardError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file or shard the problem is about, as given.
    public let file: String
    public let message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    /// `file: message`.
    public var description: String { "\(file): \(message)" }
}

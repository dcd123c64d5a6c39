/// One part of a job split into `count` parts: shard `index` of `count`, 0-based, as given by
/// `--shard i/n` (for example `--shard ${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT}`).
public struct ShardSpec: Sendable, Hashable, Codable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    /// The largest `n` of `--shard i/n`: a bound, so that a typo does not plan a billion shards.
    public static let maximumCount = 100_000

    public init(index: Int, count: Int) {
        precondition(count >= 1 && index >= 0 && index < count, "shard \(index)/\(count)")
        self.index = index
        self.count = count
    }

    /// Parses `i/n` with `0 <= i < n <= maximumCount`; `nil` otherwise.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 2, let i = parts[0], let n = parts[1], n >= 1, n <= Self.maximumCount, i >= 0, i < n else { return nil }
        self.init(index: i, count: n)
    }

    /// The message for a value that does not parse.
    public static func usage(_ text: String) -> String {
        "--shard takes i/n with 0 <= i < n <= \(maximumCount), e.g. --shard 0/4; got '\(text)'"
    }

    /// Whether the item at `position` (an index, a hash) belongs to this shard: `position mod count == index`.
    public func contains(_ position: UInt64) -> Bool { position % UInt64(count) == UInt64(index) }

    /// `i/n`.
    public var description: String { "\(index)/\(count)" }
}

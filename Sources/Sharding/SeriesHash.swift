/// Stable 64-bit FNV-1a hash of a series id: `fit-batch --shard i/n` keeps the series whose id
/// hashes to `i` modulo `n`, and `merge` uses it to put the shards' rows back in input order.
public enum SeriesHash {
    public static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}

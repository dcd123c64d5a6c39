import Sharding
import Testing

@Suite("ShardSpec: --shard i/n")
struct ShardSpecTests {
    @Test func parsesOnlyValidShards() {
        #expect(ShardSpec(parsing: "0/4") == ShardSpec(index: 0, count: 4))
        #expect(ShardSpec(parsing: "3/4")?.description == "3/4")
        for bad in ["4/4", "-1/4", "1/0", "1", "1/2/3", "a/b", "", "/4", "0/100001"] {
            #expect(ShardSpec(parsing: bad) == nil, "\(bad)")
        }
    }

    /// Every position belongs to exactly one shard.
    @Test func shardsPartitionPositions() {
        let shards = (0..<4).map { ShardSpec(index: $0, count: 4) }
        for position in UInt64(0)..<100 {
            #expect(shards.filter { $0.contains(position) }.count == 1)
        }
    }
}

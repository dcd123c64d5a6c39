import Testing
@testable import Probability

@Suite struct SeededGeneratorTests {
    /// Known answers from the independent Python implementation in `make_fixtures.py`
    /// (itself checked against published SplitMix64 outputs).
    @Test func matchesReferenceImplementation() throws {
        let rows = try Fixture.rows("xoshiro256starstar.csv")
        #expect(rows.count == 192)
        var checked = 0
        for (key, group) in Dictionary(grouping: rows, by: { "\($0["seed"] ?? "")/\($0["transform"] ?? "")" }) {
            let first = try #require(group.first)
            var generator = SeededGenerator(seed: try #require(UInt64(first["seed"] ?? "")))
            switch first["transform"] {
            case "jump": generator.jump()
            case "jump2": generator.jump(); generator.jump()
            case "long_jump": generator.longJump()
            default: break
            }
            for row in group.sorted(by: { Int($0["index"] ?? "") ?? 0 < Int($1["index"] ?? "") ?? 0 }) {
                let expected = try #require(UInt64(row["output"] ?? ""))
                // Replaying the word through a one-word generator checks the conversions too.
                var replay = ReplayGenerator(words: [expected, expected])
                let output = generator.next()
                #expect(output == expected, "\(key) index \(row["index"] ?? "")")
                #expect(replay.nextUniform() == Double(row["uniform"] ?? ""))
                #expect(replay.nextOpenUniform() == Double(row["open_uniform"] ?? ""))
                checked += 1
            }
        }
        #expect(checked == rows.count)
    }

    @Test func sameSeedGivesSameSequence() {
        var a = SeededGenerator(seed: 2024), b = SeededGenerator(seed: 2024)
        let first = (0..<1000).map { _ in a.next() }
        let second = (0..<1000).map { _ in b.next() }
        #expect(first == second)
        var c = SeededGenerator(seed: 2025)
        #expect((0..<1000).map { _ in c.next() } != first)
    }

    @Test func jumpedStreamsDifferAndAreDeterministic() {
        let base = SeededGenerator(seed: 7)
        let streams = base.streams(count: 4)
        #expect(streams.count == 4)
        #expect(streams[0] == base)
        #expect(streams[1] == base.jumped())
        #expect(streams[2] == base.jumped().jumped())
        #expect(base.streams(count: 4) == streams)
        var outputs: [[UInt64]] = []
        for var stream in streams { outputs.append((0..<64).map { _ in stream.next() }) }
        #expect(Set(outputs.flatMap { $0 }).count == 4 * 64)  // no shared words at all
        #expect(base.streams(count: 0).isEmpty)
        #expect(base.streams(count: -3).isEmpty)

        var long = base
        long.longJump()
        #expect(long != base && long != base.jumped())
    }

    @Test func uniformConversionsStayInRange() {
        var extremes = ReplayGenerator(words: [0, .max, 0, .max])
        #expect(extremes.nextUniform() == 0)
        #expect(extremes.nextUniform() == 1 - 0x1p-53)
        #expect(extremes.nextOpenUniform() == 0x1p-53)
        #expect(extremes.nextOpenUniform() == 1 - 0x1p-53)

        var generator = SeededGenerator(seed: 1)
        let n = 100_000
        let us = (0..<n).map { _ in generator.nextUniform() }
        let vs = (0..<n).map { _ in generator.nextOpenUniform() }
        #expect(us.allSatisfy { $0 >= 0 && $0 < 1 } && vs.allSatisfy { $0 > 0 && $0 < 1 })
        let sum = us.reduce(0, +)
        // Mean of U(0,1): sd of the average is sqrt(1/12/n) ≈ 9.1e-4; allow 6 sd.
        #expect(abs(sum / Double(n) - 0.5) < 6 * (1.0 / 12 / Double(n)).squareRoot())
    }
}

/// A generator that returns a fixed list of words (then zeros), for exact-value tests.
struct ReplayGenerator: RandomNumberGenerator {
    var words: [UInt64]
    private var index = 0

    init(words: [UInt64]) { self.words = words }

    mutating func next() -> UInt64 {
        defer { index += 1 }
        return index < words.count ? words[index] : 0
    }
}

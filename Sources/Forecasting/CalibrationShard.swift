import Foundation

/// One shard of a ``CalibrationStudy`` (`calibrate --shard i/n`): the outcomes of the replicates
/// at the positions `p` with `p mod n == i` (positions are truth-major, as in the study), with the
/// design, method and truths they were run with. ``merge(_:)`` puts the shards of one study back
/// together; the study it returns is the one a single run with the same design computes, figure
/// for figure, since every replicate has its own seed and the figures are summed in position
/// order in both.
public struct CalibrationShard: Sendable, Codable, Equatable {
    /// The outcome of the replicate at one position; `nil` when it failed.
    public struct Entry: Sendable, Codable, Equatable {
        public let position: Int
        public let outcome: CalibrationStudy.Replicate?
    }

    public let design: CalibrationStudy.Design
    public let method: CalibrationStudy.Method
    public let truths: [CalibrationTruth]
    /// Shard `index` of `count`.
    public let index: Int
    public let count: Int
    public let entries: [Entry]

    /// Failed replicates in this shard.
    public var failures: Int { entries.filter { $0.outcome == nil }.count }

    /// The positions of shard `index` of `count` in a study of `total` replicates.
    static func positions(index: Int, count: Int, total: Int) -> [Int] {
        Array(stride(from: index, to: total, by: count))
    }

    /// Runs the replicates of shard `index` of `count` (see
    /// ``CalibrationStudy/run(template:design:truths:threads:progress:)`` for the arguments).
    public static func run(template: Scenario, design: CalibrationStudy.Design, truths: [CalibrationTruth] = CalibrationTruth.standard,
                           index: Int, count: Int, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                           progress: (@Sendable (Int) -> Void)? = nil) -> CalibrationShard {
        let positions = positions(index: index, count: count, total: truths.count * design.replicates)
        let outcomes = CalibrationStudy.replicates(positions, template: template, design: design, truths: truths, threads: threads,
                                                   progress: progress)
        return CalibrationShard(design: design, method: CalibrationStudy.method(of: template), truths: truths, index: index, count: count,
                                entries: zip(positions, outcomes).map { Entry(position: $0, outcome: $1) })
    }

    /// Why shards do not make one study.
    public struct MergeError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The shard the problem was found in (its ``CalibrationShard/index``).
        public let shard: Int
        public let description: String
    }

    /// The study of `shards`, which must be shards `0..<n` of one design, method and truths,
    /// each with exactly its positions.
    public static func merge(_ shards: [CalibrationShard]) throws(MergeError) -> CalibrationStudy {
        guard let first = shards.first else { throw MergeError(shard: 0, description: "no shards") }
        let total = first.truths.count * first.design.replicates
        var outcomes = [CalibrationStudy.Replicate?](repeating: nil, count: total)
        var seen = Set<Int>()
        for shard in shards {
            guard shard.design == first.design, shard.method == first.method, shard.truths == first.truths, shard.count == first.count else {
                throw MergeError(shard: shard.index, description: "was run with another design, method or shard count than shard \(first.index)")
            }
            guard seen.insert(shard.index).inserted else { throw MergeError(shard: shard.index, description: "is given twice") }
            guard shard.entries.map(\.position) == positions(index: shard.index, count: shard.count, total: total) else {
                throw MergeError(shard: shard.index, description: "does not hold the replicates of shard \(shard.index)/\(shard.count)")
            }
            for entry in shard.entries { outcomes[entry.position] = entry.outcome }
        }
        if let missing = (0..<first.count).first(where: { !seen.contains($0) }) {
            throw MergeError(shard: missing, description: "is missing")
        }
        return CalibrationStudy.summarize(design: first.design, method: first.method, truths: first.truths, outcomes: outcomes)
    }
}

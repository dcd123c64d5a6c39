/// The shard outputs of one run, checked to make a whole: each given output has its manifest,
/// matches it (size and SHA-256, so a truncated or edited file is refused), belongs to the same
/// run as the others (command, version, shard count, input, options), and every shard
/// `0..<n` is there exactly once.
public struct ShardSet: Sendable {
    /// One shard output and its manifest.
    public struct Member: Sendable {
        /// The output file, as given.
        public let path: String
        public let manifest: ShardManifest
    }

    /// The shards in index order, one per index.
    public let members: [Member]

    /// The manifest every member agrees with (the first one's).
    public var reference: ShardManifest { members[0].manifest }

    /// Checks the outputs at `paths` (a manifest path stands for its output; the same file given
    /// twice counts once).
    /// - Throws: ``ShardError`` naming the first shard that is missing, given twice, truncated
    ///   or changed, or of another run.
    public init(paths: [String]) throws(ShardError) {
        var seen = Set<String>()
        let outputs = paths.map(ShardManifest.outputPath(for:)).filter { seen.insert($0).inserted }
        guard !outputs.isEmpty else { throw ShardError(file: "merge", message: "no shard outputs given") }
        var members: [Member] = []
        for path in outputs {
            let manifest = try ShardManifest.read(beside: path)
            let digest = try FileDigest(of: path)
            if digest.bytes != manifest.output.bytes {
                throw ShardError(file: path, message: """
                    shard \(manifest.shard) has \(digest.bytes) bytes but its manifest records \(manifest.output.bytes): \
                    the output is truncated or was changed; run shard \(manifest.shard) again
                    """)
            }
            if digest.sha256 != manifest.output.sha256 {
                throw ShardError(file: path, message: """
                    shard \(manifest.shard) does not match the SHA-256 of its manifest: the output was changed \
                    or replaced after the shard ran; run shard \(manifest.shard) again
                    """)
            }
            if let first = members.first {
                let differences = manifest.differences(from: first.manifest)
                if !differences.isEmpty {
                    throw ShardError(file: path, message: """
                        shard \(manifest.shard) belongs to another run than \(first.path): \(differences.joined(separator: "; "))
                        """)
                }
            }
            if let twin = members.first(where: { $0.manifest.shard == manifest.shard }) {
                throw ShardError(file: path, message: "shard \(manifest.shard) is given twice (also \(twin.path)); give each shard once")
            }
            members.append(Member(path: path, manifest: manifest))
        }
        let count = members[0].manifest.shard.count
        let present = Set(members.map(\.manifest.shard.index))
        if let missing = (0..<count).first(where: { !present.contains($0) }) {
            let all = (0..<count).filter { !present.contains($0) }
            throw ShardError(file: "shard \(missing)/\(count)", message: """
                is missing (\(all.count) of \(count) shards missing: \(all.prefix(20).map { "\($0)/\(count)" }.joined(separator: ", "))\
                \(all.count > 20 ? ", …" : "")); run it and give its output
                """)
        }
        self.members = members.sorted { $0.manifest.shard.index < $1.manifest.shard.index }
    }
}

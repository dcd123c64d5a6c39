import Foundation
import OutputFiles

/// The record a shard writes beside its output once the output is complete: which shard of which
/// run it is, the input it read and the output it wrote (size and SHA-256 of both), and what the
/// output holds. `foresight merge` trusts a shard output only when its manifest is there and
/// agrees with the file and with the other shards' manifests (see ``ShardSet``).
///
/// The manifest of `part-0.csv` is `part-0.csv.manifest.json`. It is written after the output
/// (both atomically), so a shard killed before the end leaves no manifest for its new output: a
/// missing manifest, or one whose digest does not match, marks a shard to run again. Writing the
/// same shard again gives the same output and manifest (a rerun is idempotent).
public struct ShardManifest: Sendable, Codable, Equatable {
    /// The input file a shard read.
    public struct Input: Sendable, Codable, Equatable {
        /// As given on the command line.
        public let path: String
        /// Absolute, for a merge run from another folder.
        public let absolutePath: String
        public let bytes: Int
        public let sha256: String

        /// Reads `path` to take its size and digest.
        public init(path: String) throws(ShardError) {
            let digest = try FileDigest(of: path)
            self.path = path
            absolutePath = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
            bytes = digest.bytes
            sha256 = digest.sha256
        }
    }

    /// The shard's output file.
    public struct Output: Sendable, Codable, Equatable {
        /// The file name (no folder).
        public let file: String
        public let bytes: Int
        public let sha256: String
    }

    /// The value of ``format``.
    public static let formatName = "foresight-shard-manifest/1"

    public let format: String
    /// The command that wrote the shard (`fit-batch`, `calibrate`, `bench`).
    public let command: String
    /// The foresight version that wrote it.
    public let version: String
    public let shard: ShardSpec
    public let input: Input?
    /// Every option that changes the output (not the thread count where it does not), as text.
    public let options: [String: String]
    public let output: Output
    /// Data records in the output (CSV rows without the header, replicates, suites).
    public let records: Int
    /// Series (or replicates, suites) the shard covered.
    public let series: Int
    /// Of those, how many failed (a series that is not usable, a replicate with no usable model).
    public let failures: Int

    /// The manifest of the output now at `outputPath` (its size and digest are read from it).
    public init(command: String, version: String, shard: ShardSpec, input: Input?, options: [String: String],
                outputPath: String, records: Int, series: Int, failures: Int) throws(ShardError) {
        let digest = try FileDigest(of: outputPath)
        format = Self.formatName
        self.command = command
        self.version = version
        self.shard = shard
        self.input = input
        self.options = options
        output = Output(file: (outputPath as NSString).lastPathComponent, bytes: digest.bytes, sha256: digest.sha256)
        self.records = records
        self.series = series
        self.failures = failures
    }

    /// Where the manifest of `outputPath` lives.
    public static func path(beside outputPath: String) -> String { outputPath + ".manifest.json" }

    /// The output path a manifest path belongs to, or the path itself when it is not a manifest's.
    public static func outputPath(for path: String) -> String {
        path.hasSuffix(".manifest.json") ? String(path.dropLast(".manifest.json".count)) : path
    }

    /// Writes the manifest beside `outputPath` through the output policy.
    /// - Parameter inputs: the run's inputs, which the manifest may not replace.
    public func write(beside outputPath: String, inputs: [String]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
        try OutputTarget(Self.path(beside: outputPath), inputs: inputs + [outputPath]).write(text)
    }

    /// Reads the manifest beside `outputPath`.
    /// - Throws: ``ShardError`` naming the output when the manifest is missing or not one.
    public static func read(beside outputPath: String) throws(ShardError) -> ShardManifest {
        let path = path(beside: outputPath)
        guard FileManager.default.fileExists(atPath: outputPath) else {
            throw ShardError(file: outputPath, message: "no such shard output")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ShardError(file: outputPath, message: "has no manifest (\(path)): the shard did not finish; run it again")
        }
        let manifest: ShardManifest
        do { manifest = try JSONDecoder().decode(ShardManifest.self, from: data) } catch {
            throw ShardError(file: path, message: "is not a foresight shard manifest (\(error))")
        }
        guard manifest.format == formatName else {
            throw ShardError(file: path, message: "has format '\(manifest.format)'; this foresight reads '\(formatName)'")
        }
        return manifest
    }

    /// What makes a shard part of another run than `other`: the command, version, shard count,
    /// input and options, each as `what: this vs other`.
    public func differences(from other: ShardManifest) -> [String] {
        var found: [String] = []
        func compare(_ name: String, _ mine: String, _ theirs: String) {
            if mine != theirs { found.append("\(name) \(mine) vs \(theirs)") }
        }
        compare("command", command, other.command)
        compare("version", version, other.version)
        compare("shard count", "\(shard.count)", "\(other.shard.count)")
        compare("input size", input.map { "\($0.bytes)" } ?? "none", other.input.map { "\($0.bytes)" } ?? "none")
        compare("input sha256", input?.sha256 ?? "none", other.input?.sha256 ?? "none")
        for key in Set(options.keys).union(other.options.keys).sorted() {
            compare("--\(key)", options[key] ?? "(not given)", other.options[key] ?? "(not given)")
        }
        return found
    }
}

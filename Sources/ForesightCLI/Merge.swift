import ArgumentParser
import Forecasting
import Foundation
import OutputFiles
import Reports
import Sharding

/// `foresight merge`: the outputs of the shards of one `--shard i/n` run (fit-batch, calibrate,
/// bench) put back together, after checking that they make a whole (``ShardSet``).
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge the shard outputs of one 'fit-batch', 'calibrate' or 'bench' --shard i/n run into one output.",
        discussion: """
            Every SHARD is an output written with --shard (its manifest, SHARD.manifest.json, \
            lies beside it; a manifest path stands for its output). The shards must be shards 0 \
            to n-1 of one run, each exactly once, each matching its manifest (size and SHA-256) \
            and all of the same command, version, input and options; otherwise merge exits 65 \
            naming the shard that is missing, given twice, truncated or changed, or foreign. \
            fit-batch shards are merged in the order of the series in the input (read again, \
            and checked against the SHA-256 the shards recorded), so the merged CSV equals the \
            output of one unsharded run byte for byte; --format does not apply to it. calibrate \
            shards give the study of one run with the same seed, written as 'calibrate' writes \
            it; bench shards one report of all their suites.
            """
    )

    @Argument(help: "The shard outputs (in any order), e.g. parts/fits-*.csv.")
    var shards: [String]

    @Option(help: "fit-batch: the input the shards read, when it has moved (default: the path in the manifests).")
    var data: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard !shards.isEmpty else { throw ValidationError("give the shard outputs to merge") }
    }

    func run() throws {
        let files = shards.map(ShardManifest.outputPath(for:))
        let inputs = files + files.map(ShardManifest.path(beside:)) + (data.map { [$0] } ?? [])
        let target = try output.target(inputs: inputs)
        do {
            let set = try ShardSet(paths: shards)
            switch set.reference.command {
            case "fit-batch":
                let input = data ?? set.reference.input?.absolutePath ?? ""
                let target = try output.target(inputs: inputs + [input])
                try reportingDataErrors(file: input) {
                    try SeriesShardMerge.merge(set, data: input, group: set.reference.options["group"] ?? "", to: target)
                }
            case "calibrate":
                let parts = try set.members.map { member throws(ShardError) in try ShardFileCoding.decode(CalibrationShard.self, from: member.path) }
                let study: CalibrationStudy
                do { study = try CalibrationShard.merge(parts) } catch {
                    let path = set.members.first { $0.manifest.shard.index == error.shard }?.path ?? "shard \(error.shard)"
                    throw ShardError(file: path, message: error.description)
                }
                try output.emit(CalibrationReport(study: study, foresightVersion: Foresight.version, commit: Report.commit(),
                                                  command: (["foresight"] + CommandLine.arguments.dropFirst()).joined(separator: " ")),
                                to: target)
            case "bench":
                let parts = try set.members.map { member throws(ShardError) in try ShardFileCoding.decode(BenchReport.self, from: member.path) }
                try output.emit(BenchReport.merged(parts), to: target)
            default:
                throw ShardError(file: set.members[0].path, message: "is a shard of '\(set.reference.command)', which merge does not know")
            }
        } catch let error as ShardError {
            printError(error.description)
            throw ExitStatus.badData
        }
    }
}

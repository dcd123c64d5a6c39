import OutputFiles
import Sharding

extension Bench {
    /// Writes the results of one shard and its manifest beside them.
    func writeShard(_ report: BenchReport, spec: ShardSpec, to target: OutputTarget) throws {
        try target.write(try ShardFileCoding.encode(report))
        let manifest = try ShardManifest(
            command: "bench", version: Foresight.version, shard: spec, input: try data.map { path throws(ShardError) in try ShardManifest.Input(path: path) },
            options: ["suite": suite, "size": size, "seed": "\(seed)", "threads": "\(threads)", "repetitions": "\(report.repetitions)"],
            outputPath: target.path, records: report.suites.reduce(0) { $0 + $1.measurements.count }, series: report.suites.count, failures: 0)
        try manifest.write(beside: target.path, inputs: data.map { [$0] } ?? [])
    }
}

extension BenchReport {
    /// One report of the shards' suites, in the order of ``BenchSuites/registered``; the
    /// machine is the first shard's.
    static func merged(_ shards: [BenchReport]) -> BenchReport {
        let order = BenchSuites.registered.map { $0.name }
        let suites = shards.flatMap(\.suites).sorted { (order.firstIndex(of: $0.name) ?? order.count) < (order.firstIndex(of: $1.name) ?? order.count) }
        let first = shards[0]
        return BenchReport(foresightVersion: first.foresightVersion, machine: first.machine, size: first.size, seed: first.seed,
                           repetitions: first.repetitions, suites: suites)
    }
}

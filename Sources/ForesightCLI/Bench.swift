import ArgumentParser
import Foundation
import OutputFiles
import Sharding
import Synthetic

/// `foresight bench`: performance suites on seeded synthetic data.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time the numeric core on synthetic data: median and spread, throughput, peak memory, scaling.",
        discussion: """
            SUITE is one of: \(BenchSuites.registered.map { "\($0.name) (\($0.summary))" }.joined(separator: "; ")); \
            or all. Each case runs once to warm up, then --repetitions times; the report gives the \
            median, min, max and relative median absolute deviation of the times, the throughput at \
            the median, the peak resident memory (getrusage) after each suite, and a scaling table \
            over work and threads. --size small takes seconds, large minutes. --data runs the fit, \
            score or smaa suite on a file written by 'foresight synth' (what the peers in \
            Benchmarks/compare read), --results DIR writes the suite's results there for agreement \
            checks. A progress bar goes to standard error on a terminal or with --progress. \
            --shard i/n runs the suites at positions i, i+n, … of SUITE's list (all: every suite) \
            and writes their results (JSON, whatever --format) with a manifest beside --out; \
            'foresight merge' joins the shards into one report.
            """
    )

    @Argument(help: "Suite: \(BenchSuites.names.joined(separator: ", ")).")
    var suite: String

    @Option(help: "Problem sizes: small, medium or large.")
    var size: String = "small"

    @Option(parsing: .unconditional, help: "Largest thread count of the thread-scaling rows (1, 2, 4, … up to it).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(parsing: .unconditional, help: "Seed of the synthetic data.")
    var seed: UInt64 = 20250101

    @Option(parsing: .unconditional, help: "Timed runs per case (default 3 for small, 5 otherwise).")
    var repetitions: Int?

    @Option(help: "Run on this synthetic dataset (from 'foresight synth') instead of generated data.")
    var data: String?

    @Option(help: "Folder where suites write their results (estimates, closeness, acceptabilities).")
    var results: String?

    @Flag(help: "Show the progress bar even when standard error is not a terminal.")
    var progress = false

    @Option(help: "Run only shard i of n (0-based) of the suites, e.g. 0/4; merge the shards with 'foresight merge'.")
    var shard: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let shard {
            guard ShardSpec(parsing: shard) != nil else { throw ValidationError(ShardSpec.usage(shard)) }
            guard let out = output.out, out != OutputTarget.standardOutputName else {
                throw ValidationError("--shard needs --out FILE: the shard's manifest goes beside it")
            }
        }
        guard BenchSuites.selected(suite) != nil else {
            throw ValidationError("unknown suite '\(suite)'; expected one of \(BenchSuites.names.joined(separator: ", "))")
        }
        guard BenchSize(rawValue: size) != nil else {
            throw ValidationError("--size must be one of \(BenchSize.allCases.map(\.rawValue).joined(separator: ", ")); got '\(size)'")
        }
        try WorkerThreads.check(threads)
        if let repetitions, repetitions < 1 || repetitions > 1000 { throw ValidationError("--repetitions must be between 1 and 1000") }
        if data != nil, suite == "all" { throw ValidationError("--data needs one suite (fit, score or smaa), not all") }
    }

    func run() throws {
        let target = try output.target(inputs: data.map { [$0] } ?? [])
        let shardSpec = shard.flatMap(ShardSpec.init(parsing:))
        let suites = (BenchSuites.selected(suite) ?? []).enumerated().filter { shardSpec?.contains(UInt64($0.offset)) ?? true }.map(\.element)
        var dataset: SyntheticFile.Dataset?
        if let data {
            do { dataset = try SyntheticFile.read(data) } catch {
                printError("\(error)")
                throw ExitStatus.badData
            }
        }
        var folder: URL?
        if let results {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: results, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw usageError("--results: the folder \(results) does not exist")
            }
            folder = URL(fileURLWithPath: results, isDirectory: true)
        }
        let context = BenchContext(
            size: BenchSize(rawValue: size) ?? .small, seed: seed, maximumThreads: threads, repetitions: repetitions,
            dataset: dataset, resultsFolder: folder, progress: BenchProgress(enabled: progress || isatty(STDERR_FILENO) == 1))
        var reports: [BenchSuiteReport] = []
        for type in suites {
            let start = DispatchTime.now().uptimeNanoseconds
            let measurements = try type.init().run(context)
            reports.append(BenchSuiteReport(
                name: type.name, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9,
                peakMemoryBytes: PeakMemory.bytes, measurements: measurements))
        }
        let report = BenchReport(foresightVersion: Foresight.version, machine: .current, size: size, seed: seed,
                                 repetitions: context.repetitions, suites: reports)
        if let shardSpec {
            try writeShard(report, spec: shardSpec, to: target)
        } else {
            try output.emit(report, to: target)
        }
    }
}

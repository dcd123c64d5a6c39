import ArgumentParser
import Foundation
import OutputFiles
import Synthetic

/// What a suite needs to time its cases: settings, sizes and the timing loop.
final class BenchContext: @unchecked Sendable {
    let size: BenchSize
    let seed: UInt64
    /// Thread counts of the thread-scaling rows: 1, 2, 4, … up to `--threads`, and `--threads` itself.
    let threadCounts: [Int]
    let repetitions: Int
    /// A dataset written by `foresight synth` to run on instead of generated data (`--data`).
    let dataset: SyntheticFile.Dataset?
    /// Where suites write their final results for agreement checks with peers (`--results`).
    let resultsFolder: URL?
    private let progress: BenchProgress

    init(size: BenchSize, seed: UInt64, maximumThreads: Int, repetitions: Int?, dataset: SyntheticFile.Dataset?,
         resultsFolder: URL?, progress: BenchProgress) {
        self.size = size
        self.seed = seed
        self.dataset = dataset
        self.resultsFolder = resultsFolder
        var counts = Array(sequence(first: 1) { $0 * 2 }.prefix { $0 < maximumThreads })
        counts.append(maximumThreads)
        threadCounts = counts
        self.repetitions = repetitions ?? size.repetitions
        self.progress = progress
    }

    /// The thread count a single-row case runs on (the largest).
    var maximumThreads: Int { threadCounts.last ?? 1 }

    /// What one case does per run.
    struct Case {
        let benchmark: String
        let work: Int
        let workUnit: String
        let threads: Int
        /// Units of throughput one run performs (e.g. 2n³·10⁻⁹ GFLOP for dgemm).
        let operations: Double
        let throughputUnit: String
        let body: () throws -> Void
    }

    /// One warm-up run, then ``repetitions`` timed runs (monotonic clock), summarized.
    func measure(_ benchCase: Case) throws -> BenchMeasurement {
        progress.begin("\(benchCase.benchmark) \(benchCase.work) \(benchCase.workUnit), \(benchCase.threads) thread(s)",
                       steps: repetitions + 1)
        try benchCase.body()
        progress.step()
        var times: [Double] = []
        for _ in 0..<repetitions {
            let start = DispatchTime.now().uptimeNanoseconds
            try benchCase.body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
            progress.step()
        }
        let median = Self.median(times)
        let spread = Self.median(times.map { abs($0 - median) }) / max(median, 1e-12)
        return BenchMeasurement(
            benchmark: benchCase.benchmark, work: benchCase.work, workUnit: benchCase.workUnit, threads: benchCase.threads,
            runs: times.count, medianSeconds: median, minSeconds: times.min() ?? median, maxSeconds: times.max() ?? median,
            relativeSpread: spread, throughput: benchCase.operations / max(median, 1e-12), throughputUnit: benchCase.throughputUnit)
    }

    /// The median (mean of the middle two for an even count); 0 for no values.
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

/// The process's peak resident set so far (`getrusage`'s `ru_maxrss`), in bytes.
enum PeakMemory {
    static var bytes: Int {
        var usage = rusage()
        #if os(Linux)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        let unit = 1024  // KiB on Linux
        #else
        let who = RUSAGE_SELF
        let unit = 1  // bytes on macOS
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        return usage.ru_maxrss * unit
    }
}

/// A progress bar on standard error, redrawn in place: suite case and repetitions done.
final class BenchProgress: @unchecked Sendable {
    private let enabled: Bool
    private var label = ""
    private var steps = 1
    private var done = 0

    init(enabled: Bool) { self.enabled = enabled }

    func begin(_ label: String, steps: Int) {
        self.label = label
        self.steps = max(steps, 1)
        done = 0
        draw()
    }

    func step() {
        done += 1
        draw()
        if done == steps, enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    private func draw() {
        guard enabled else { return }
        let width = 20
        let filled = width * done / steps
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(steps) \(label)\u{1B}[K".utf8))
    }
}

/// Writes little-endian float64 values to `name` in the results folder, atomically.
func writeResults(_ values: [Double], named name: String, in folder: URL) throws {
    var bytes = [UInt8]()
    bytes.reserveCapacity(8 * values.count)
    for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
    do {
        let writer = try OutputTarget(folder.appendingPathComponent(name).path).writer()
        try writer.write(bytes)
        try writer.commit()
    } catch {
        throw usageError(error.description)
    }
}

/// The `--data` file holds another kind of dataset than the suite runs on.
func unsuitableData(_ suite: String, needs: String) -> ExitCode {
    usageError("bench \(suite): --data must be a \(needs) file written by 'foresight synth'")
}

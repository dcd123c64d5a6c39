import ArgumentParser
import Foundation

/// `--threads` of the seeded simulations (forecast, report, calibrate): how many workers share
/// the draws. Never changes the results.
struct WorkerThreads: ParsableArguments {
    @Option(name: .customLong("threads"), parsing: .unconditional, help: "Worker threads (default: the number of cores); never changes the results.")
    var requested: Int?

    func validate() throws {
        if let requested { try Self.check(requested) }
    }

    /// The most worker threads any command starts: 1024, far above the cores of one machine.
    static let maximum = 1024

    /// Refuses a `--threads` value outside `1…maximum` (every command with `--threads` uses it).
    static func check(_ threads: Int) throws {
        guard threads >= 1, threads <= maximum else { throw ValidationError("--threads must be between 1 and \(maximum)") }
    }

    /// The requested count, or the number of cores.
    var count: Int { requested ?? ProcessInfo.processInfo.activeProcessorCount }
}

import ArgumentParser
import Foundation

/// `--threads` of the seeded simulations (forecast, report, calibrate): how many workers share
/// the draws. Never changes the results.
struct WorkerThreads: ParsableArguments {
    @Option(name: .customLong("threads"), parsing: .unconditional, help: "Worker threads (default: the number of cores); never changes the results.")
    var requested: Int?

    func validate() throws {
        if let requested, requested < 1 { throw ValidationError("--threads must be at least 1") }
    }

    /// The requested count, or the number of cores.
    var count: Int { requested ?? ProcessInfo.processInfo.activeProcessorCount }
}

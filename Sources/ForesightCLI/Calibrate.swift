import ArgumentParser
import Forecasting
import Foundation
import OutputFiles
import Reports

/// `foresight calibrate`: the coverage of the forecast's prediction intervals on synthetic data.
struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check that nominal prediction intervals cover the truth on synthetic count processes.",
        discussion: """
            Simulates Poisson processes with a known logistic mean (Asym 60, xmid 2020, scal 2), \
            observes yearly counts 2012-2021, fits nhpp-logistic and projects the end of 2024 \
            exactly as 'foresight forecast' does, and reports the share of replicates whose \
            80% and 95% intervals contain the true count, with its binomial standard error.
            """
    )

    @Option(help: "Synthetic series.")
    var replicates = 400

    @Option(help: "Bootstrap draws per series.")
    var draws = 400

    @Option(help: "Seed of the study.")
    var seed: UInt64 = 2025

    @OptionGroup var threads: WorkerThreads

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard replicates >= 10, replicates <= 100_000 else { throw ValidationError("--replicates must be between 10 and 100000") }
        guard draws >= 100, draws <= 100_000 else { throw ValidationError("--draws must be between 100 and 100000") }
    }

    func run() throws {
        let target = try output.target()
        let study = CalibrationStudy.run(replicates: replicates, draws: draws, seed: seed,
                                         threads: threads.count)
        try output.emit(CalibrationReport(study: study, foresightVersion: Foresight.version), to: target)
    }
}

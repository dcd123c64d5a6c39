import ArgumentParser
import Forecasting
import Foundation
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

    @Option(parsing: .unconditional, help: "Synthetic series.")
    var replicates = 400

    @Option(parsing: .unconditional, help: "Bootstrap draws per series.")
    var draws = 400

    @Option(parsing: .unconditional, help: "Seed of the study.")
    var seed: UInt64 = 2025

    @OptionGroup var threads: WorkerThreads

    @OptionGroup var output: OutputOptions

    func validate() throws {
        let (r, d) = (CalibrationLimits.replicates, CalibrationLimits.draws)
        guard r.contains(replicates) else { throw ValidationError("--replicates must be between \(r.lowerBound) and \(r.upperBound)") }
        guard d.contains(draws) else { throw ValidationError("--draws must be between \(d.lowerBound) and \(d.upperBound)") }
        guard replicates * draws <= CalibrationLimits.maximumTotalDraws else {
            throw ValidationError("--replicates \(replicates) × --draws \(draws) exceed the limit of \(CalibrationLimits.maximumTotalDraws) draws in all")
        }
    }

    func run() throws {
        let study = CalibrationStudy.run(replicates: replicates, draws: draws, seed: seed,
                                         threads: threads.count)
        try output.emit(CalibrationReport(study: study, foresightVersion: Foresight.version))
    }
}

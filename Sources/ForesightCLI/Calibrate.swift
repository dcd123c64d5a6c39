import ArgumentParser
import Forecasting
import Foundation
import OutputFiles
import Reports
import Sharding

/// `foresight calibrate`: how honest the forecasts are, on synthetic count processes with a
/// known truth (``CalibrationStudy``).
struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Judge the forecasts' intervals and target probabilities on synthetic count processes with a known truth.",
        discussion: """
            Four truths (Poisson processes with a logistic K=40, a Gompertz, a linear 3.5/yr and a \
            5/yr-halving-at-2020.5 mean), each observed through 10-16 irregular cumulative \
            statements with fuzzy dates in 2016-2025, are forecast with the method of --scenario \
            (its models, combination and backtests) exactly as 'foresight forecast' does. Reports \
            per truth and horizon (1, 2, 3, 5 years) the coverage of the 80% and 95% intervals \
            with binomial SEs beside the true predictive distribution's, the 95% interval score \
            and the CRPS beside the truth's, the Brier score of the probability of a target two \
            years out against climatology, and a reliability table. The report shows the file \
            written by --format json --out Models/calibration/study.json. --shard i/n runs only \
            the replicates of shard i of n and writes them (JSON, whatever --format) with a manifest \
            beside --out; 'foresight merge' of all n gives the figures of one run.
            """
    )

    @Option(parsing: .unconditional, help: "Replicates per truth process.")
    var replicates = 200

    @Option(parsing: .unconditional, help: "Projection draws per replicate (the scenario's backtest draws are kept).")
    var draws = 1000

    @Option(parsing: .unconditional, help: "Seed of the study.")
    var seed: UInt64 = 2025

    @Option(help: "The scenario whose forecasting method is judged (its data, target and what-ifs are replaced).")
    var scenario = "Models/scenarios/china-mics-2025.yaml"

    @Option(name: .customLong("data-dir"), help: "Folder of the datasets (the scenario's data are read, then replaced).")
    var dataDirectory = "Data"

    @OptionGroup var threads: WorkerThreads

    @OptionGroup var progress: ProgressOption

    @Option(help: "Run only shard i of n (0-based) of the replicates, e.g. 0/4; merge the shards with 'foresight merge'.")
    var shard: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let shard {
            guard ShardSpec(parsing: shard) != nil else { throw ValidationError(ShardSpec.usage(shard)) }
            guard let out = output.out, out != OutputTarget.standardOutputName else {
                throw ValidationError("--shard needs --out FILE: the shard's manifest goes beside it")
            }
        }
        let (r, d) = (CalibrationLimits.replicates, CalibrationLimits.draws)
        guard r.contains(replicates) else { throw ValidationError("--replicates must be between \(r.lowerBound) and \(r.upperBound)") }
        guard d.contains(draws) else { throw ValidationError("--draws must be between \(d.lowerBound) and \(d.upperBound)") }
        guard replicates * draws <= CalibrationLimits.maximumTotalDraws else {
            throw ValidationError("--replicates \(replicates) × --draws \(draws) exceed the limit of \(CalibrationLimits.maximumTotalDraws) draws in all")
        }
    }

    func run() throws {
        let target = try output.target(inputs: [scenario])
        try reportingDataErrors(file: scenario) {
            let template = try ScenarioLoader.load(contentsOf: URL(fileURLWithPath: scenario),
                                                   dataDirectory: URL(fileURLWithPath: dataDirectory, isDirectory: true),
                                                   displayPath: scenario, dataDisplayPath: dataDirectory)
            let design = CalibrationStudy.Design(replicates: replicates, draws: draws, seed: seed)
            let total = design.replicates * CalibrationTruth.standard.count
            let display = progress.display("calibrate (replicates)")
            defer { display?.finish() }
            if let shard = shard.flatMap(ShardSpec.init(parsing:)) {
                let counter = display?.counter(total: (total - shard.index + shard.count - 1) / shard.count)  // replicates index, index + n, …
                let part = CalibrationShard.run(template: template, design: design, index: shard.index, count: shard.count,
                                                threads: threads.count) { _ in counter?.advance() }
                display?.finish()
                try writeShard(part, spec: shard, to: target)
                return
            }
            let counter = display?.counter(total: total)
            let study = CalibrationStudy.run(template: template, design: design, threads: threads.count) { _ in counter?.advance() }
            display?.finish()
            try output.emit(CalibrationReport(study: study, foresightVersion: Foresight.version, commit: Report.commit(),
                                              command: (["foresight"] + CommandLine.arguments.dropFirst()).joined(separator: " ")), to: target)
        }
    }
}

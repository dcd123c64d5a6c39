import ArgumentParser
import Forecasting
import Foundation
import OutputFiles
import Reports

/// `foresight forecast`: one forecast scenario.
struct Forecast: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run one forecast scenario (Models/scenarios/*.yaml).",
        discussion: """
            Fits the scenario's candidate models (growth curves by least squares, count processes \
            by maximum likelihood), backtests them from rolling origins, combines them, and \
            projects the count with prediction intervals from a seeded parametric bootstrap \
            (dates resampled within their precision, Poisson arrivals). Answers the target \
            question and the what-ifs. The format is described in Models/scenarios/FORMAT.md. \
            The same seed gives the same output byte for byte, whatever --threads is. A bad \
            scenario exits with 65, listing every problem with file:line:column and key path.
            """
    )

    @Argument(help: "The scenario specification (YAML or JSON).")
    var scenario: String

    @Option(parsing: .unconditional, help: "Seed of the simulation (overrides the scenario's 'seed').")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "Bootstrap draws (overrides the scenario's 'uncertainty.draws').")
    var draws: Int?

    @OptionGroup var threads: WorkerThreads

    @OptionGroup var today: RunDate

    @Option(name: .customLong("data-dir"), help: "Folder of the datasets.")
    var dataDirectory = "Data"

    @OptionGroup var output: OutputOptions

    @OptionGroup var progress: ProgressOption

    func validate() throws {
        if let draws, !ScenarioLimits.draws.contains(draws) {
            throw ValidationError("--draws must be between \(ScenarioLimits.draws.lowerBound) and \(ScenarioLimits.draws.upperBound)")
        }
    }

    func run() throws {
        _ = try output.target(inputs: [scenario])
        try reportingDataErrors(file: scenario) {
            var loaded = try ScenarioLoader.load(contentsOf: URL(fileURLWithPath: scenario),
                                                 dataDirectory: URL(fileURLWithPath: dataDirectory, isDirectory: true),
                                                 displayPath: scenario, dataDisplayPath: dataDirectory)
            loaded = loaded.overriding(seed: seed, draws: draws)
            if let draws, let problem = loaded.simulationSizeProblem { throw usageError("--draws \(draws): \(problem)", command: "forecast") }
            let target = try output.target(inputs: [scenario] + loaded.inputFiles)
            let display = progress.display("forecast")
            defer { display?.finish() }
            let result = try ScenarioRunner(scenario: loaded, threads: threads.count, today: today.decimalYear,
                                            progress: display?.counter(total: loaded.draws)).run()
            display?.finish()
            try output.emit(ForecastReport(result: result, foresightVersion: Foresight.version), to: target)
        }
    }
}

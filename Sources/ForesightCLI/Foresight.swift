import ArgumentParser

/// The `foresight` command: configuration only; each subcommand lives in its own file.
///
/// Every numeric option is declared with `parsing: .unconditional`, so that the token after it is
/// always its value: negative numbers work (`--origin -5`, `--level -1` gets the range message),
/// and a forgotten value reads as "The value '--x' is invalid for '--degree'".
public struct Foresight: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "foresight",
        abstract: "Statistical benchmarking and forecasting engine.",
        discussion: """
            Exit codes: 0 success, 64 usage error, 65 bad input data (with file:line:column), \
            1 a check failed (verify).
            """,
        version: version,
        subcommands: [Fit.self, FitBatch.self, Regress.self, Verify.self, DataCommand.self, Scorecard.self, Forecast.self, Calibrate.self, Report.self, Synth.self, Bench.self, Merge.self]
    )

    public init() {}
}

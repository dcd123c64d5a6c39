import ArgumentParser
import Foundation
import OutputFiles
import Reports
import Scorecards

/// `foresight scorecard`: one multi-criteria scorecard.
struct Scorecard: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run one scorecard specification (Models/scorecards/*.yaml).",
        discussion: """
            Scores the alternatives with every method the specification lists, compares the \
            methods' rankings (Kendall's tau-b), and runs the requested sensitivity analyses \
            (SMAA-2, weight stability intervals, rank reversal). The format is described in \
            Models/scorecards/FORMAT.md. A bad specification exits with 65, listing every problem \
            with file:line:column and key path.
            """
    )

    @Argument(help: "The scorecard specification (YAML or JSON).")
    var spec: String

    @Option(parsing: .unconditional, help: "Seed of the SMAA simulation (overrides the specification's 'seed').")
    var seed: UInt64?

    @OptionGroup var output: OutputOptions

    func run() throws {
        _ = try output.target(inputs: [spec])
        try reportingDataErrors(file: spec) {
            let loaded = try ScorecardSpec.load(contentsOf: URL(fileURLWithPath: spec), displayPath: spec)
            let target = try output.target(inputs: [spec] + loaded.matrixFiles)
            let result = try ScorecardRunner.run(loaded, seed: seed)
            try output.emit(ScorecardReport(result: result, foresightVersion: Foresight.version), to: target)
        }
    }
}

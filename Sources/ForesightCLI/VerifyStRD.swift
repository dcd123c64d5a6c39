import ArgumentParser
import Datasets
import Foundation
import OutputFiles
import Reports
import Verification

/// `foresight verify strd PATH...`: certified-accuracy check on NIST StRD files.
struct VerifyStRD: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strd",
        abstract: "Fit NIST Statistical Reference Datasets and score the results against the certified values.",
        discussion: """
            Linear problems are fitted once; nonlinear ones from Start 1 and from Start 2 with \
            default options. Prints the log relative error (LRE, correct significant digits, \
            capped at 11) of the parameters, standard errors and residual; exits 1 if any falls \
            below its threshold (linear 7/6/7, nonlinear 6/4/6).
            """
    )

    @Argument(help: "StRD .dat files.")
    var paths: [String]

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("give at least one StRD file") }
    }

    func run() throws {
        let target = try output.target(inputs: paths)
        var results: [StRDVerification] = []
        for path in paths {
            try reportingDataErrors(file: path) {
                let problem = try StRDParser.parse(url: URL(fileURLWithPath: path), displayPath: path)
                results += StRDVerifier.verify(problem)
            }
        }
        let report = VerificationReport(results: results)
        try output.emit(report, to: target)
        if report.failedCount > 0 { throw ExitStatus.checkFailed }
    }
}

import ArgumentParser
import CurveFitting
import Datasets
import Foundation
import LinearAlgebra
import Regression

/// The exit codes of the command-line contract (see DESIGN.md).
enum ExitStatus {
    /// Bad input data (`EX_DATAERR`).
    static let badData = ExitCode(65)
    /// A check such as `verify` failed.
    static let checkFailed = ExitCode(1)
}

/// Prints a message to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data(("foresight: " + message + "\n").utf8))
}

/// Runs `body`, turning the library's input errors into a message on standard error and exit
/// code 65; other errors propagate (ArgumentParser prints them).
func reportingDataErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error where isInputError(error) {
        printError("\(error)")
        throw ExitStatus.badData
    }
}

/// Errors that describe bad input data rather than a usage mistake or a defect.
private func isInputError(_ error: Error) -> Bool {
    error is DataError || error is DataErrors || error is RegressionError || error is LinearAlgebraError
        || error is FitError || error is GrowthModelError
}

import ArgumentParser
import CurveFitting
import Datasets
import Forecasting
import Foundation
import LinearAlgebra
import Regression
import OutputFiles
import Reports

/// The exit codes of the command-line contract (see DESIGN.md).
enum ExitStatus {
    /// Bad input data (`EX_DATAERR`).
    static let badData = ExitCode(65)
    /// A check such as `verify` failed.
    static let checkFailed = ExitCode(1)
    /// A usage error found after parsing (`EX_USAGE`, as ArgumentParser's validation errors).
    static let usage = ExitCode.validationFailure
}

/// Prints `message` and returns the usage-error exit, for problems with the command's arguments
/// found while running (a formula that does not compile, bounds that contradict each other).
func usageError(_ message: String, command: String? = nil) -> ExitCode {
    if let command {
        printError("\(command): \(message)\nUsage: see 'foresight \(command) --help'")
    } else {
        printError(message)
    }
    return ExitStatus.usage
}

/// Prints a message to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data(("foresight: " + message + "\n").utf8))
}

/// Runs `body`, turning the library's input errors into a message on standard error and exit
/// code 65; other errors propagate (ArgumentParser prints them).
///
/// Errors that carry their own location (`DataError`, `DataErrors`) are printed as they are;
/// model-level problems (a self-start that cannot start, invalid weights, a forecast with no
/// usable model, a singular design) name no file themselves, so they are printed after
/// `file:`, the input they concern, so that every exit 65 names its file.
func reportingDataErrors(file: String, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as FitError {
        if case .invalidData = error { printError("\(file): \(error)"); throw ExitStatus.badData }
        throw usageError("\(error)")
    } catch let error as OutputFileError {
        throw usageError("\(error)")
    } catch let error as ValidationError {
        throw usageError(error.message)
    } catch let error where error is DataError || error is DataErrors {
        printError("\(error)")
        throw ExitStatus.badData
    } catch let error where isModelInputError(error) {
        printError("\(file): \(error)")
        throw ExitStatus.badData
    }
}

/// Errors that describe bad input data at the level of the model rather than a place in a file.
private func isModelInputError(_ error: Error) -> Bool {
    error is RegressionError || error is LinearAlgebraError || error is GrowthModelError || error is ForecastError
}


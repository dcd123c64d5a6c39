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
    } catch let error as DataError {
        printError(error.description)
        throw ExitStatus.badData
    } catch let error as RegressionError {
        printError(error.description)
        throw ExitStatus.badData
    } catch let error as LinearAlgebraError {
        printError(error.description)
        throw ExitStatus.badData
    } catch let error as FitError {
        printError(error.description)
        throw ExitStatus.badData
    } catch let error as GrowthModelError {
        printError(error.description)
        throw ExitStatus.badData
    } catch let error as DataErrors {
        printError(error.description)
        throw ExitStatus.badData
    }
}

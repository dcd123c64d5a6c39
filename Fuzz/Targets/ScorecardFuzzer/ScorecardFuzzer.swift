import Datasets
import Foundation
import FuzzSupport
import Scorecards

/// Scorecard YAML through ``ScorecardSpec/parse(_:source:baseDirectory:)``: a specification or
/// `DataErrors`, never a trap or another error, and every error names the scorecard or a CSV
/// matrix beside it. CSV matrices are read from the repository's `Models/scorecards/`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScorecard(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = Fuzz.text(data, size)
    do {
        _ = try ScorecardSpec.parse(text, source: "scorecards/fuzz.yaml", baseDirectory: baseDirectory)
    } catch let errors as DataErrors {
        Fuzz.require(!errors.errors.isEmpty, "DataErrors without an error")
        for error in errors.errors {
            Fuzz.require(error.file.hasPrefix("scorecards/"), "an error names \(error.file)")
            Fuzz.require(!error.message.isEmpty, "an empty message")
        }
    } catch {
        Fuzz.require(false, "an error that is not DataErrors: \(error)")
    }
    return 0
}

private let baseDirectory = Fuzz.repository.appendingPathComponent("Models/scorecards")

import Datasets
import Forecasting
import Foundation
import FuzzSupport

/// Scenario YAML through ``ScenarioLoader``: a scenario or `DataErrors`, never a trap or another
/// error; every error names the scenario (or a data file under `Data/`) and a read scenario is
/// internally consistent. Data files are read from the repository's `Data/`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = Fuzz.text(data, size)
    do {
        let scenario = try ScenarioLoader.parse(text, source: "fuzz.yaml", dataDirectory: dataDirectory, dataDisplayPath: "Data")
        Fuzz.require(scenario.draws > 0, "a scenario with \(scenario.draws) draws")
        Fuzz.require(scenario.levels == scenario.levels.sorted(), "levels out of order: \(scenario.levels)")
        Fuzz.require(scenario.levels.allSatisfy { $0 > 0 && $0 < 1 }, "a level outside (0, 1): \(scenario.levels)")
        Fuzz.require(scenario.horizon.isFinite, "a horizon of \(scenario.horizon)")
        Fuzz.require(!scenario.models.isEmpty, "a scenario without models")
    } catch let errors as DataErrors {
        Fuzz.require(!errors.errors.isEmpty, "DataErrors without an error")
        for error in errors.errors {
            Fuzz.require(error.file == "fuzz.yaml" || error.file.hasPrefix("Data"), "an error names \(error.file)")
            Fuzz.require(!error.message.isEmpty, "an empty message")
        }
    } catch {
        Fuzz.require(false, "an error that is not DataErrors: \(error)")
    }
    return 0
}

private let dataDirectory = Fuzz.repository.appendingPathComponent("Data")

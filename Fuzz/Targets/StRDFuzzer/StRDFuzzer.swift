import CurveFitting
import Datasets
import Foundation
import FuzzSupport

/// NIST StRD text through ``StRDParser``: a problem or a `DataError` naming the file, never a trap
/// or another error. A parsed problem is consistent (one row per observation, one certified value
/// per parameter), and a nonlinear model's right-hand side compiles as a formula or fails with a
/// `FormulaError`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStRD(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = Fuzz.text(data, size)
    let problem: StRDProblem
    do {
        problem = try StRDParser.parse(text, source: "fuzz.dat")
    } catch let error as DataError {
        Fuzz.require(error.file == "fuzz.dat", "an error names \(error.file)")
        Fuzz.require(!error.message.isEmpty, "an empty message")
        return 0
    } catch {
        Fuzz.require(false, "an error that is not a DataError: \(error)")
        return 0
    }
    let p = problem.parameterNames.count
    Fuzz.require(problem.certifiedEstimates.count == p, "\(problem.certifiedEstimates.count) estimates for \(p) parameters")
    Fuzz.require(problem.certifiedStandardDeviations.count == p, "\(problem.certifiedStandardDeviations.count) deviations for \(p) parameters")
    Fuzz.require(problem.startingValues.allSatisfy { $0.count == p }, "a start without one value per parameter")
    Fuzz.require(problem.predictors.count == problem.predictorNames.count, "\(problem.predictors.count) predictor columns for \(problem.predictorNames.count) names")
    Fuzz.require(problem.predictors.allSatisfy { $0.count == problem.observationCount }, "a predictor column without one value per observation")
    if problem.procedure == .nonlinear {
        _ = try? FormulaModel(formula: problem.modelRightHandSide, parameters: problem.parameterNames,
                              predictors: problem.predictorNames, constants: problem.constants)
    }
    return 0
}

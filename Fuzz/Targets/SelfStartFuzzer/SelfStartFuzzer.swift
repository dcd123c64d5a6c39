import CurveFitting
import Foundation
import FuzzSupport

/// A short series through every growth model's self-start and a fit from it.
///
/// The input is text: numbers separated by spaces, commas or line breaks are the responses y at
/// x = 1, 2, …, n; a line beginning with `x` gives the x values instead (`x 2001 2002 2004`).
/// At most 64 points. Each model's ``SelfStartingModel/initialParameters(x:y:)`` must return
/// finite values, one per parameter, or throw; a fit from them must run to a termination without
/// a trap, with finite estimates when it reports itself usable.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSelfStart(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let (x, y) = series(Fuzz.text(data, size)) else { return 0 }
    for model in GrowthModels.all {
        let start: [Double]
        do { start = try model.initialParameters(x: x, y: y) } catch { continue }
        Fuzz.require(start.count == model.parameterCount, "\(model.name): \(start.count) start values for \(model.parameterCount) parameters")
        Fuzz.require(start.allSatisfy(\.isFinite), "\(model.name): start \(start) is not finite")
        guard let problem = try? FitProblem(model: model, predictors: Predictors(x), response: y) else { continue }
        guard let result = try? CurveFitter.fit(problem, start: start, options: options) else { continue }
        if result.termination.isUsable {
            Fuzz.require(result.parameters.allSatisfy { $0.estimate.isFinite }, "\(model.name): a usable fit with estimates \(result.parameters.map(\.estimate))")
        }
    }
    return 0
}

/// Few iterations: the fuzzer looks for traps, not for the optimum.
private let options = FitOptions(maximumIterations: 50, maximumEvaluations: 100, recordsIterations: false)

/// The series the text describes (see ``fuzzSelfStart(_:_:)``), or nil when it has no number.
private func series(_ text: String) -> (x: [Double], y: [Double])? {
    var x: [Double]?
    var y: [Double] = []
    for line in text.split(whereSeparator: \.isNewline) {
        let isX = line.first == "x"
        let numbers = line.dropFirst(isX ? 1 : 0)
            .split { $0 == " " || $0 == "," || $0 == "\t" }
            .compactMap { Double($0) }
        if isX { x = numbers } else { y += numbers }
    }
    y = Array(y.prefix(64))
    guard !y.isEmpty else { return nil }
    var xs = x ?? y.indices.map { Double($0 + 1) }
    xs = Array(xs.prefix(y.count))
    while xs.count < y.count { xs.append((xs.last ?? 0) + 1) }
    return (xs, y)
}

import CurveFitting
import Foundation

/// A model given by closures, for solver tests independent of the formula parser.
struct ClosureModel: CurveModel {
    let parameterNames: [String]
    let predictorNames = ["x"]
    let function: @Sendable (Double, [Double]) -> Double
    let derivatives: @Sendable (Double, [Double]) -> [Double]

    func value(row: Int, of predictors: Predictors, parameters: [Double]) -> Double {
        function(predictors.columns[0][row], parameters)
    }

    func value(row: Int, of predictors: Predictors, parameters: [Double], gradient: inout [Double]) -> Double {
        let x = predictors.columns[0][row]
        let g = derivatives(x, parameters)
        for j in g.indices { gradient[j] = g[j] }
        return function(x, parameters)
    }
}

/// NIST StRD Misra1a: y = b1·(1 − exp(−b2·x)), certified values from the NIST file.
enum Misra1a {
    static let x: [Double] = [77.6, 114.9, 141.1, 190.8, 239.9, 289.0, 332.8, 378.4, 434.8, 477.3, 536.8, 593.1, 689.1, 760.0]
    static let y: [Double] = [10.07, 14.73, 17.94, 23.93, 29.61, 35.18, 40.02, 44.82, 50.76, 55.05, 61.01, 66.40, 75.47, 81.78]
    static let certified = [2.3894212918e+02, 5.5015643181e-04]
    static let certifiedStandardErrors = [2.7070075241e+00, 7.2668688436e-06]
    static let certifiedRSS = 1.2455138894e-01
    static let model = ClosureModel(
        parameterNames: ["b1", "b2"],
        function: { x, b in b[0] * (1 - exp(-b[1] * x)) },
        derivatives: { x, b in [1 - exp(-b[1] * x), b[0] * x * exp(-b[1] * x)] })
}

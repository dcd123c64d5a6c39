import CurveFitting
import Datasets
import Foundation
import Regression

/// Fits NIST StRD problems as a user would, with default options, and scores the results
/// against the certified values.
///
/// Nothing here knows a problem by name: linear designs come from the model line of each file
/// (``LinearModelSpec``), nonlinear models from its formula (``FormulaModel``), including a
/// transformed response such as `log[y]`.
public enum StRDVerifier {
    /// Fits and scores `problem`: once for a linear problem, from each start for a nonlinear one.
    /// - Parameter streamingBlockRows: for a linear problem, fit through
    ///   ``StreamingLinearRegression`` in blocks of this many rows instead of in memory.
    public static func verify(_ problem: StRDProblem, streamingBlockRows: Int? = nil) -> [StRDVerification] {
        switch problem.procedure {
        case .linear: return [verifyLinear(problem, streamingBlockRows: streamingBlockRows)]
        case .nonlinear: return problem.startingValues.indices.map { verifyNonlinear(problem, start: $0) }
        }
    }

    static func verifyLinear(_ problem: StRDProblem, streamingBlockRows: Int?) -> StRDVerification {
        guard let spec = problem.linearModel else {
            return failure(problem, start: nil, thresholds: .linear, message: "the file has no linear model line")
        }
        do {
            let columns = spec.terms.map { term in problem.predictors[term.predictor].map { DesignMatrix.power($0, term.power) } }
            let design = try DesignMatrix(predictors: columns, names: Array(spec.coefficientNames.dropFirst(spec.hasIntercept ? 1 : 0)),
                                          intercept: spec.hasIntercept)
            let result = try streamingBlockRows.map { try fitStreaming(design, problem.responses, blockRows: $0) }
                ?? LinearRegression.fit(design, response: problem.responses)
            let estimates = result.coefficients.map { $0.estimate ?? .nan }
            let errors = result.coefficients.map { $0.standardError ?? .nan }
            let thresholds = StRDThresholds.linear
            let parameterLRE = LogRelativeError.minimum(estimates, certified: problem.certifiedEstimates)
            let errorLRE = LogRelativeError.minimum(errors, certified: problem.certifiedStandardDeviations)
            let sigmaLRE = LogRelativeError.of(result.residualStandardDeviation ?? .nan,
                                               certified: problem.certifiedResidualStandardDeviation)
            let aliased = result.aliases.isEmpty ? "" : "; aliased: \(result.aliases.map(\.column).joined(separator: ", "))"
            return StRDVerification(
                dataset: problem.name, start: nil, status: "solved",
                message: "rank \(result.rank), condition number \(String(format: "%.3g", result.conditionNumber))\(aliased)",
                parameterLRE: parameterLRE, standardErrorLRE: errorLRE, residualStandardDeviationLRE: sigmaLRE,
                residualSumOfSquaresLRE: nil, thresholds: thresholds,
                passed: parameterLRE >= thresholds.parameters && errorLRE >= thresholds.standardErrors && sigmaLRE >= thresholds.residual)
        } catch {
            return failure(problem, start: nil, thresholds: .linear, message: "\(error)")
        }
    }

    /// The streamed fit of `design`, handed over in blocks of `blockRows` rows.
    static func fitStreaming(_ design: DesignMatrix, _ response: [Double], blockRows: Int) throws -> LinearRegressionResult {
        let x = design.matrix
        return try StreamingLinearRegression.fit(columnNames: design.columnNames, hasIntercept: design.hasIntercept) { visit in
            for start in stride(from: 0, to: x.rows, by: max(1, blockRows)) {
                let rows = start..<min(x.rows, start + max(1, blockRows))
                try visit((0..<x.columns).flatMap { j in rows.map { x[$0, j] } }, Array(response[rows]))
            }
        }
    }

    static func verifyNonlinear(_ problem: StRDProblem, start index: Int) -> StRDVerification {
        let thresholds = StRDThresholds.nonlinear
        do {
            let model = try FormulaModel(formula: problem.modelRightHandSide, parameters: problem.parameterNames,
                                         predictors: problem.predictorNames, constants: problem.constants)
            let response = try transformedResponse(problem)
            let fitProblem = try FitProblem(model: model, predictors: Predictors(names: problem.predictorNames, columns: problem.predictors),
                                            response: response)
            let result = try CurveFitter.fit(fitProblem, start: problem.startingValues[index])
            let parameterLRE = LogRelativeError.minimum(result.estimates, certified: problem.certifiedEstimates)
            let errors = result.parameters.map { $0.standardError ?? .nan }
            let errorLRE = LogRelativeError.minimum(errors, certified: problem.certifiedStandardDeviations)
            // A certified residual of zero (Lanczos1) cannot be matched in relative terms: the
            // parameters alone are scored.
            let scoresResidual = problem.certifiedResidualSumOfSquares > 1e-20
            let rssLRE = scoresResidual ? LogRelativeError.of(result.residualSumOfSquares, certified: problem.certifiedResidualSumOfSquares) : nil
            let errorsScored = scoresResidual
            let passed = result.isUsable && parameterLRE >= thresholds.parameters
                && (!errorsScored || errorLRE >= thresholds.standardErrors)
                && (rssLRE.map { $0 >= thresholds.residual } ?? true)
            return StRDVerification(
                dataset: problem.name, start: index + 1, status: result.termination.status,
                message: "\(result.termination.message); \(result.iterations) iterations, \(result.evaluations) evaluations",
                parameterLRE: parameterLRE, standardErrorLRE: errorsScored ? errorLRE : nil,
                residualStandardDeviationLRE: nil, residualSumOfSquaresLRE: rssLRE, thresholds: thresholds, passed: passed)
        } catch {
            return failure(problem, start: index + 1, thresholds: thresholds, message: "\(error)")
        }
    }

    /// The response as the model's left-hand side defines it (e.g. `log[y]`), evaluated as a
    /// formula in the response variable.
    static func transformedResponse(_ problem: StRDProblem) throws -> [Double] {
        let left = problem.modelLeftHandSide.trimmingCharacters(in: .whitespaces)
        guard left != problem.responseName else { return problem.responses }
        let transform = try FormulaModel(formula: left, parameters: [], predictors: [problem.responseName], constants: problem.constants)
        let data = Predictors(names: [problem.responseName], columns: [problem.responses])
        return (0..<problem.observationCount).map { transform.value(row: $0, of: data, parameters: []) }
    }

    static func failure(_ problem: StRDProblem, start: Int?, thresholds: StRDThresholds, message: String) -> StRDVerification {
        StRDVerification(dataset: problem.name, start: start, status: "failed", message: message, parameterLRE: 0,
                         standardErrorLRE: 0, residualStandardDeviationLRE: nil, residualSumOfSquaresLRE: nil,
                         thresholds: thresholds, passed: false)
    }
}

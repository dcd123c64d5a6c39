import CurveFitting
import Foundation

/// What a fit report shows beyond the parameter table and statistics (each section is optional).
public struct FitSections: Sendable {
    /// Fitted values and residuals per observation (predictor values in the first column).
    public var residuals: (predictors: Predictors, response: [Double])?
    /// The iteration log.
    public var trace = false
    /// Predictions at new predictor values with confidence and prediction intervals.
    public var predictions: (predictors: Predictors, bands: [CurveBand])?
    /// Profile-likelihood confidence intervals.
    public var profile: [ProfileInterval]?
    /// An F test against a nested model.
    public var comparison: (model: String, test: NestedModelTest)?

    public init() {}
}

/// Renders a nonlinear ``FitResult`` as text (like R's `summary.nls`), Markdown, CSV or JSON
/// (the shape of DESIGN.md's fit contract).
///
/// Always: the parameter table (fixed parameters marked), the statistics, the tolerances used,
/// the covariance and correlation matrices of the free parameters. On request (``FitSections``):
/// fitted values and residuals, the iteration trace, predictions with intervals, profile
/// intervals and a nested-model F test. CSV gives the parameter table, then each requested
/// table after a blank line.
public struct FitSummary: RenderableReport, Sendable {
    public let result: FitResult
    /// The model's name (`logistic`) or formula.
    public let model: String
    /// What was fitted, for the header.
    public let description: String
    public let sections: FitSections

    public init(result: FitResult, model: String, description: String, sections: FitSections = .init()) {
        self.result = result
        self.model = model
        self.description = description
        self.sections = sections
    }

    /// The parameter rows, as printed and encoded.
    var rows: [InferenceRow] {
        result.parameters.map {
            InferenceRow(name: $0.name, estimate: $0.estimate, stdError: $0.standardError, tValue: $0.tValue,
                         pValue: $0.pValue, ciLower: $0.confidenceLower, ciUpper: $0.confidenceUpper,
                         fixed: $0.isFixed ? true : nil)
        }
    }

    /// The parameter table.
    public var parameterTable: Table { InferenceRow.table(rows, firstColumn: "parameter", level: result.confidenceLevel) }

    public var statistics: StatisticsBlock {
        let r = result
        let o = r.options
        var lines: [StatisticsBlock.Line] = [
            .init("status", "\(r.termination.status): \(r.termination.message)"),
            .init("iterations", "\(r.iterations) (\(r.evaluations) evaluations)"),
            .init("observations", "\(r.observationCount), residual df \(r.residualDegreesOfFreedom)"),
            .init("residual sum of squares", NumberFormat.significant(r.residualSumOfSquares, digits: 12)),
            .init("residual standard deviation", NumberFormat.significant(r.residualStandardDeviation, digits: 10)),
            .init("log-likelihood", NumberFormat.significant(r.logLikelihood, digits: 10)),
            .init("AIC / AICc / BIC", [r.aic, r.aicc, r.bic].map { NumberFormat.significant($0, digits: 8) }.joined(separator: " / ")),
            .init("tolerances", "relative reduction \(NumberFormat.significant(o.relativeReductionTolerance, digits: 3)), "
                  + "relative step \(NumberFormat.significant(o.relativeStepTolerance, digits: 3)), "
                  + "gradient \(NumberFormat.significant(o.gradientTolerance, digits: 3)), "
                  + "at most \(o.maximumIterations) iterations"),
        ]
        if let reason = r.covarianceUnavailableReason { lines.append(.init("covariance", "not estimable: \(reason)")) }
        if let (name, test) = sections.comparison {
            lines.append(.init("F test against \(name)",
                               "F = \(NumberFormat.significant(test.statistic, digits: 6)) on \(test.reducedDegreesOfFreedom - test.fullDegreesOfFreedom) "
                               + "and \(test.fullDegreesOfFreedom) df, p-value \(NumberFormat.pValue(test.pValue)) "
                               + "(RSS \(NumberFormat.significant(test.reducedResidualSumOfSquares, digits: 10)) vs "
                               + "\(NumberFormat.significant(test.fullResidualSumOfSquares, digits: 10)))"))
        }
        for note in r.notes { lines.append(.init("note", note)) }
        for note in sections.profile?.compactMap(\.note) ?? [] { lines.append(.init("profile", note)) }
        return StatisticsBlock(lines)
    }

    /// A square matrix of the free parameters with a title.
    func matrixTable(_ entry: (Int, Int) -> Double, title: String, digits: Int) -> Table {
        let names = result.freeParameterNames
        var table = Table(title: title, columns: [.init("parameter", .left)] + names.map { .init($0) })
        for a in names.indices { table.append([names[a]] + names.indices.map { NumberFormat.significant(entry(a, $0), digits: digits) }) }
        return table
    }

    /// The requested tables after the parameter table, in order.
    public var tables: [Table] {
        var tables: [Table] = []
        if let profile = sections.profile {
            let percent = NumberFormat.significant(result.confidenceLevel * 100, digits: 3)
            var table = Table(title: "Profile-likelihood confidence intervals",
                              columns: [.init("parameter", .left), .init("estimate"), .init("profile_lower_\(percent)"), .init("profile_upper_\(percent)")])
            for p in profile {
                table.append([p.name, NumberFormat.significant(p.estimate, digits: 10), NumberFormat.significant(p.lower, digits: 10),
                              NumberFormat.significant(p.upper, digits: 10)])
            }
            tables.append(table)
        }
        if let covariance = result.covariance { tables.append(matrixTable({ covariance[$0, $1] }, title: "Covariance", digits: 8)) }
        if let correlation = result.correlation { tables.append(matrixTable({ correlation[$0, $1] }, title: "Correlation", digits: 6)) }
        if let (predictors, bands) = sections.predictions {
            let percent = NumberFormat.significant(result.confidenceLevel * 100, digits: 3)
            var table = Table(title: "Predictions", columns: predictors.names.map { .init($0) } + [
                .init("fitted"), .init("std_error"), .init("confidence_lower_\(percent)"), .init("confidence_upper_\(percent)"),
                .init("prediction_lower_\(percent)"), .init("prediction_upper_\(percent)"),
            ])
            for (i, band) in bands.enumerated() {
                table.append(predictors.columns.map { NumberFormat.significant($0[i], digits: 10) } + [
                    band.fitted, band.standardError, band.confidenceLower, band.confidenceUpper, band.predictionLower, band.predictionUpper,
                ].map { NumberFormat.significant($0, digits: 10) })
            }
            tables.append(table)
        }
        if let (predictors, response) = sections.residuals {
            var table = Table(title: "Fitted values and residuals",
                              columns: predictors.names.map { .init($0) } + [.init("observed"), .init("fitted"), .init("residual")])
            for i in response.indices {
                table.append(predictors.columns.map { NumberFormat.significant($0[i], digits: 10) }
                             + [response[i], result.fitted[i], result.residuals[i]].map { NumberFormat.significant($0, digits: 10) })
            }
            tables.append(table)
        }
        if sections.trace {
            var table = Table(title: "Iterations", columns: [.init("iteration"), .init("evaluations"), .init("objective"), .init("lambda"),
                                                           .init("radius"), .init("gain_ratio"), .init("accepted")])
            for record in result.iterationLog {
                table.append(["\(record.iteration)", "\(record.evaluations)", NumberFormat.significant(record.objective, digits: 12),
                              NumberFormat.significant(record.lambda, digits: 4), NumberFormat.significant(record.radius, digits: 4),
                              NumberFormat.significant(record.gainRatio, digits: 4), record.accepted ? "yes" : "no"])
            }
            tables.append(table)
        }
        return tables
    }

    public func renderText() -> String {
        var out = "Nonlinear least squares: \(description)\n\n" + parameterTable.renderText() + "\n"
        out += statistics.renderText()
        for table in tables { out += "\n" + table.renderText() }
        return out
    }

    public func renderMarkdown() -> String {
        var out = "### Nonlinear least squares: \(description)\n\n" + parameterTable.renderMarkdown() + "\n" + statistics.renderMarkdown()
        for table in tables { out += "\n" + table.renderMarkdown() }
        return out
    }

    public func renderCSV() -> String {
        var out = parameterTable.renderCSV()
        for table in tables where table.title != "Covariance" && table.title != "Correlation" { out += "\n" + table.renderCSV() }
        return out
    }

    public func renderJSON() throws -> String { try JSONOutput.render(Document(self)) }

    struct MatrixDocument: Encodable {
        let names: [String]
        let values: [[FiniteOrNull]]
    }

    struct Tolerances: Encodable {
        let relativeReduction: Double
        let relativeStep: Double
        let gradient: Double
        let maximumIterations: Int
        let maximumEvaluations: Int
        let initialStepBound: Double
    }

    struct Observation: Encodable {
        let x: [Double]
        let observed: Double
        @FiniteOrNull var fitted: Double?
        @FiniteOrNull var residual: Double?
    }

    struct Prediction: Encodable {
        let x: [Double]
        @FiniteOrNull var fitted: Double?
        @FiniteOrNull var stdError: Double?
        @FiniteOrNull var confidenceLower: Double?
        @FiniteOrNull var confidenceUpper: Double?
        @FiniteOrNull var predictionLower: Double?
        @FiniteOrNull var predictionUpper: Double?
    }

    struct Profile: Encodable {
        let name: String
        @FiniteOrNull var lower: Double?
        @FiniteOrNull var upper: Double?
        let note: String?
    }

    struct Comparison: Encodable {
        let model: String
        @FiniteOrNull var reducedRss: Double?
        @FiniteOrNull var fullRss: Double?
        let reducedDf: Int
        let fullDf: Int
        @FiniteOrNull var f: Double?
        @FiniteOrNull var pValue: Double?
    }

    struct Trace: Encodable {
        let iteration: Int
        let evaluations: Int
        @FiniteOrNull var objective: Double?
        @FiniteOrNull var lambda: Double?
        @FiniteOrNull var radius: Double?
        @FiniteOrNull var gainRatio: Double?
        let accepted: Bool
    }

    struct Document: Encodable {
        let model: String
        let n: Int
        let df: Int
        let status: String
        let usable: Bool
        let message: String
        let iterations: Int
        let evaluations: Int
        @FiniteOrNull var rss: Double?
        @FiniteOrNull var sigma: Double?
        @FiniteOrNull var logLikelihood: Double?
        @FiniteOrNull var aic: Double?
        @FiniteOrNull var aicc: Double?
        @FiniteOrNull var bic: Double?
        let covarianceNote: String?
        let notes: [String]
        let parameters: [InferenceRow]
        let tolerances: Tolerances
        let covariance: MatrixDocument?
        let correlation: MatrixDocument?
        let profileIntervals: [Profile]?
        let predictions: [Prediction]?
        let observations: [Observation]?
        let comparison: Comparison?
        let trace: [Trace]?

        init(_ s: FitSummary) {
            let r = s.result
            model = s.model
            n = r.observationCount
            df = r.residualDegreesOfFreedom
            status = r.termination.status
            usable = r.isUsable
            message = r.termination.message
            iterations = r.iterations
            evaluations = r.evaluations
            rss = r.residualSumOfSquares
            sigma = r.residualStandardDeviation
            logLikelihood = r.logLikelihood
            aic = r.aic
            aicc = r.aicc
            bic = r.bic
            covarianceNote = r.covarianceUnavailableReason
            notes = r.notes
            parameters = s.rows
            let o = r.options
            tolerances = Tolerances(relativeReduction: o.relativeReductionTolerance, relativeStep: o.relativeStepTolerance,
                                    gradient: o.gradientTolerance, maximumIterations: o.maximumIterations,
                                    maximumEvaluations: o.maximumEvaluations, initialStepBound: o.initialStepBound)
            let p = r.freeParameterNames.count
            func encode(_ entry: (Int, Int) -> Double) -> MatrixDocument {
                MatrixDocument(names: r.freeParameterNames, values: (0..<p).map { a in (0..<p).map { FiniteOrNull(wrappedValue: entry(a, $0)) } })
            }
            covariance = r.covariance.map { m in encode { m[$0, $1] } }
            correlation = r.correlation.map { m in encode { m[$0, $1] } }
            profileIntervals = s.sections.profile?.map { Profile(name: $0.name, lower: $0.lower, upper: $0.upper, note: $0.note) }
            predictions = s.sections.predictions.map { predictors, bands in
                bands.enumerated().map { i, b in
                    Prediction(x: predictors.columns.map { $0[i] }, fitted: b.fitted, stdError: b.standardError,
                               confidenceLower: b.confidenceLower, confidenceUpper: b.confidenceUpper,
                               predictionLower: b.predictionLower, predictionUpper: b.predictionUpper)
                }
            }
            observations = s.sections.residuals.map { predictors, response in
                response.indices.map { i in
                    Observation(x: predictors.columns.map { $0[i] }, observed: response[i], fitted: r.fitted[i], residual: r.residuals[i])
                }
            }
            comparison = s.sections.comparison.map { name, t in
                Comparison(model: name, reducedRss: t.reducedResidualSumOfSquares, fullRss: t.fullResidualSumOfSquares,
                           reducedDf: t.reducedDegreesOfFreedom, fullDf: t.fullDegreesOfFreedom, f: t.statistic, pValue: t.pValue)
            }
            trace = s.sections.trace ? r.iterationLog.map {
                Trace(iteration: $0.iteration, evaluations: $0.evaluations, objective: $0.objective, lambda: $0.lambda,
                      radius: $0.radius, gainRatio: $0.gainRatio, accepted: $0.accepted)
            } : nil
        }
    }
}

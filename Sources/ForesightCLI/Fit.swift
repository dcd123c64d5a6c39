import ArgumentParser
import CurveFitting
import Datasets
import Foundation
import Reports

/// The loss names of `--loss`.
enum LossName: String, CaseIterable, ExpressibleByArgument {
    case linear, huber, soft_l1, cauchy
}

/// `foresight fit`: one nonlinear least-squares fit.
struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit a growth model or a formula to columns of a CSV file by nonlinear least squares.",
        discussion: """
            Models: \(GrowthModels.names.joined(separator: ", ")) (self-starting), or --formula with \
            named parameters and --start values, e.g. --formula "b1/(1+exp(b2-b3*x))" --start b1=700,b2=5,b3=0.75. \
            Exits 1 when the fit does not converge to a usable estimate.
            """
    )

    @Option(help: "CSV file with a header row.")
    var data: String

    @Option(help: "Predictor column(s); several comma-separated ones for a formula that reads them by name.")
    var x: String

    @Option(help: "Response column.")
    var y: String

    @Option(help: "Growth model name.")
    var model: String?

    @Option(help: "Model formula in the predictor name(s) and named parameters.")
    var formula: String?

    @Option(help: "Start values, name=value pairs (required for every parameter of a formula; optional for a model, overriding its self-start).")
    var start: String?

    @Option(help: "Lower bounds, name=value pairs.")
    var lower: String?

    @Option(help: "Upper bounds, name=value pairs.")
    var upper: String?

    @Option(help: "Column of observation weights (inverse variances).")
    var weights: String?

    @Option(help: "Loss function.")
    var loss: LossName = .linear

    @Option(parsing: .unconditional, help: "Scale of a robust loss (residuals below it count as inliers).")
    var lossScale: Double = 1

    @Option(parsing: .unconditional, help: "Time origin of the exponential, Gompertz, Weibull, monomolecular and Bass models (t = x - origin).")
    var origin: Double = 0

    @Option(parsing: .unconditional, help: "Confidence level of parameter intervals.")
    var level: Double = 0.95

    @Option(parsing: .unconditional, help: "Maximum number of iterations.")
    var maxIterations: Int = FitOptions().maximumIterations

    @Option(help: "Hold parameters at values, name=value pairs: excluded from the optimization and reported as fixed.")
    var fix: String?

    @Flag(help: "Also print the fitted values and residuals of every observation.")
    var residuals = false

    @Option(help: "Predict at new predictor values with confidence and prediction intervals: NAME=v1,v2,... or a CSV file with the predictor column(s).")
    var predict: String?

    @Flag(help: "Also print profile-likelihood confidence intervals (R's confint for nls).")
    var profile = false

    @Option(help: "F test against a nested model: a growth model name, or a formula in the same predictors whose parameters take --start values.")
    var compare: String?

    @Flag(help: "Also print the iteration trace (objective, damping, trust radius, gain ratio per iteration).")
    var trace = false

    @OptionGroup var output: OutputOptions

    var predictorNames: [String] {
        x.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    func validate() throws {
        guard (model == nil) != (formula == nil) else { throw ValidationError("give exactly one of --model and --formula") }
        guard !predictorNames.isEmpty, !predictorNames.contains(where: \.isEmpty) else { throw ValidationError("--x needs a column name") }
        guard model == nil || predictorNames.count == 1 else { throw ValidationError("growth models take one predictor in --x") }
        guard level > 0, level < 1 else { throw ValidationError("--level must lie strictly between 0 and 1") }
        guard lossScale > 0, lossScale.isFinite else { throw ValidationError("--loss-scale must be positive") }
        guard maxIterations > 0 else { throw ValidationError("--max-iterations must be positive") }
        guard origin.isFinite else { throw ValidationError("--origin must be finite") }
    }

    func run() throws {
        let curve = try buildModel()
        var result: FitResult?
        var sections = FitSections()
        try reportingDataErrors(file: data) {
            let table = try CSVReader.read(url: URL(fileURLWithPath: data), displayPath: data, requireRows: true)
            let columns = try table.numbers(columns: predictorNames + [y] + (weights.map { [$0] } ?? []))
            let predictors = Predictors(names: curve.predictorNames, columns: Array(columns.prefix(predictorNames.count)))
            let response = columns[predictorNames.count]
            let names = curve.parameterNames
            let startValues = try startValues(for: curve, predictors: predictors, response: response)
            let bounds = lower == nil && upper == nil ? nil : try ParameterBounds(
                lower: try bound(lower, option: "--lower", names: names, default: -.infinity),
                upper: try bound(upper, option: "--upper", names: names, default: .infinity), names: names)
            let problem = try FitProblem(model: curve, predictors: predictors, response: response,
                                         weights: weights.map { _ in columns[predictorNames.count + 1] },
                                         bounds: bounds, loss: try Loss.named(loss.rawValue, scale: lossScale))
            let options = FitOptions(maximumIterations: maxIterations, confidenceLevel: level)
            let fit = try CurveFitter.fit(problem, start: startValues, fixed: try fixedParameters(names: names), options: options)
            result = fit
            if residuals { sections.residuals = (predictors, response) }
            sections.trace = trace
            if let predict {
                let at = try predictionPredictors(predict, modelNames: curve.predictorNames)
                if let bands = fit.bands(at: at) { sections.predictions = (at, bands) }
            }
            if profile, fit.isUsable { sections.profile = try fit.profileIntervals() }
            if let compare, fit.isUsable {
                let reduced = try reducedFit(compare, predictors: predictors, response: response, weights: problem.weights, options: options)
                sections.comparison = (compare, try NestedModelTest(reduced: reduced, full: fit))
            }
        }
        guard let result else { return }
        let name = model ?? formula ?? ""
        let summary = FitSummary(result: result, model: name,
                                 description: "\(y) ~ \(name) (\(data), \(result.observationCount) observation\(result.observationCount == 1 ? "" : "s"))",
                                 sections: sections)
        try output.emit(summary)
        if !result.isUsable {
            printError("the fit is not usable: \(result.termination.message)")
            throw ExitStatus.checkFailed
        }
        if predict != nil, sections.predictions == nil {
            printError("no predictions: \(result.covarianceUnavailableReason ?? "the covariance is not estimable")")
            throw ExitStatus.checkFailed
        }
    }

    /// `--fix` as ``FixedParameters`` of the model's parameters.
    func fixedParameters(names: [String]) throws -> FixedParameters {
        guard let fix else { return .none }
        let pairs = try NamedValues.parse(fix, option: "--fix")
        _ = try NamedValues.assign(pairs, to: names, default: nil, option: "--fix")
        return try FixedParameters(Dictionary(pairs.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last }), names: names)
    }

    /// `--predict`: `NAME=v1,v2,...` for one predictor (named as in `--x`), else a CSV file with
    /// the `--x` columns; returned under the model's predictor names.
    func predictionPredictors(_ text: String, modelNames: [String]) throws -> Predictors {
        let names = predictorNames
        let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.count == 2, names == [parts[0]] {
            let values = try parts[1].split(separator: ",").map { item -> Double in
                guard let value = Double(item.trimmingCharacters(in: .whitespaces)), value.isFinite else {
                    throw usageError("--predict: '\(item)' is not a finite number", command: "fit")
                }
                return value
            }
            guard !values.isEmpty else { throw usageError("--predict needs at least one value, e.g. --predict \(parts[0])=1,2,3", command: "fit") }
            return Predictors(names: modelNames, columns: [values])
        }
        if parts.count == 2 {
            throw usageError("--predict \(parts[0])=...: the model's predictor is \(names.joined(separator: ", ")); "
                             + "give a CSV file for several predictors", command: "fit")
        }
        let table = try CSVReader.read(url: URL(fileURLWithPath: text), displayPath: text, requireRows: true)
        return Predictors(names: modelNames, columns: try table.numbers(columns: names))
    }

    /// The nested model of `--compare`, fitted to the same data: a self-started growth model, or a
    /// formula started from the `--start` values of its parameters.
    func reducedFit(_ text: String, predictors: Predictors, response: [Double], weights: [Double]?, options: FitOptions) throws -> FitResult {
        let reduced: any CurveModel
        let reducedStart: [Double]
        if GrowthModels.names.contains(text) {
            guard predictors.columns.count == 1, let model = try GrowthModels.named(text, origin: origin) as? any SelfStartingModel else {
                throw usageError("--compare \(text): a growth model reads one predictor", command: "fit")
            }
            reduced = model
            reducedStart = try model.initialParameters(x: predictors.columns[0], y: response)
        } else {
            do {
                let used = try FormulaModel.parameterNames(in: text, predictors: predictorNames)
                let given = Dictionary((try startPairs()).map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
                let missing = used.filter { given[$0] == nil }
                guard missing.isEmpty else {
                    throw usageError("--compare: give start values for \(missing.joined(separator: ", ")) with --start", command: "fit")
                }
                reduced = try FormulaModel(formula: text, parameters: used, predictors: predictorNames)
                reducedStart = used.map { given[$0]! }
            } catch let error as FormulaError {
                throw usageError("--compare: \(error.description)", command: "fit")
            }
        }
        let problem = try FitProblem(model: reduced, predictors: predictors, response: response, weights: weights)
        let fit = try CurveFitter.fit(problem, start: reducedStart, options: options)
        guard fit.isUsable else {
            printError("the nested model of --compare is not usable: \(fit.termination.message)")
            throw ExitStatus.checkFailed
        }
        return fit
    }

    func startPairs() throws -> [(name: String, value: Double)] {
        try start.map { try NamedValues.parse($0, option: "--start") } ?? []
    }

    /// The growth model or the compiled formula; formula errors are usage errors (exit 64).
    func buildModel() throws -> any CurveModel {
        if let model {
            do { return try GrowthModels.named(model, origin: origin) } catch { throw usageError("\(error)", command: "fit") }
        }
        let formula = formula ?? ""
        do {
            let started = try start.map { try NamedValues.parse($0, option: "--start").map(\.name) } ?? []
            let fixedNames = try fix.map { try NamedValues.parse($0, option: "--fix").map(\.name) } ?? []
            let given = started + fixedNames.filter { !started.contains($0) }
            let used = try FormulaModel.parameterNames(in: formula, predictors: predictorNames)
            let missing = used.filter { !given.contains($0) }
            guard missing.isEmpty else {
                throw usageError("the formula's parameters are \(used.joined(separator: ", ")); give start values for "
                                 + "\(missing.joined(separator: ", ")) with --start, e.g. --start \(missing.map { "\($0)=1" }.joined(separator: ","))",
                                 command: "fit")
            }
            return try FormulaModel(formula: formula, parameters: given, predictors: predictorNames)
        } catch let error as FormulaError {
            throw usageError(error.description, command: "fit")
        }
    }

    func startValues(for curve: any CurveModel, predictors: Predictors, response: [Double]) throws -> [Double] {
        let names = curve.parameterNames
        let given = try start.map { try NamedValues.assign(NamedValues.parse($0, option: "--start"), to: names, default: nil, option: "--start") }
        if let selfStarting = curve as? any SelfStartingModel {
            let automatic = try selfStarting.initialParameters(x: predictors.columns[0], y: response)
            return names.indices.map { given?[$0] ?? automatic[$0] }
        }
        let fixedValues = try fix.map { try NamedValues.assign(NamedValues.parse($0, option: "--fix"), to: names, default: nil, option: "--fix") }
        return names.indices.map { given?[$0] ?? fixedValues?[$0] ?? .nan }
    }

    func bound(_ text: String?, option: String, names: [String], default value: Double) throws -> [Double] {
        guard let text else { return Array(repeating: value, count: names.count) }
        return try NamedValues.assign(NamedValues.parse(text, option: option, allowsInfinity: true), to: names, default: value, option: option).map { $0 ?? value }
    }
}

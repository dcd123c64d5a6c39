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
            result = try CurveFitter.fit(problem, start: startValues, options: options)
        }
        guard let result else { return }
        let name = model ?? formula ?? ""
        let summary = FitSummary(result: result, model: name,
                                 description: "\(y) ~ \(name) (\(data), \(result.observationCount) observation\(result.observationCount == 1 ? "" : "s"))")
        try output.emit(summary)
        if !result.isUsable {
            printError("the fit is not usable: \(result.termination.message)")
            throw ExitStatus.checkFailed
        }
    }

    /// The growth model or the compiled formula; formula errors are usage errors (exit 64).
    func buildModel() throws -> any CurveModel {
        if let model {
            do { return try GrowthModels.named(model, origin: origin) } catch { throw usageError("\(error)", command: "fit") }
        }
        let formula = formula ?? ""
        do {
            let given = try start.map { try NamedValues.parse($0, option: "--start").map(\.name) } ?? []
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
        return names.indices.map { given?[$0] ?? .nan }
    }

    func bound(_ text: String?, option: String, names: [String], default value: Double) throws -> [Double] {
        guard let text else { return Array(repeating: value, count: names.count) }
        return try NamedValues.assign(NamedValues.parse(text, option: option, allowsInfinity: true), to: names, default: value, option: option).map { $0 ?? value }
    }
}

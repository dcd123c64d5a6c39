import ArgumentParser
import CurveFitting

/// The options that say what `fit` and `fit-batch` fit and how: the model or formula, start
/// values, bounds, weights and loss.
struct ModelOptions: ParsableArguments {
    @Option(help: "Growth model name.")
    var model: String?

    @Option(help: "Model formula in the predictor name(s) and named parameters.")
    var formula: String?

    @Option(help: "Start values, name=value pairs (required for every parameter of a formula; for a model, the values given are used as given and the others self-started; all given: no self-start).")
    var start: String?

    @Option(help: "Lower bounds, name=value pairs.")
    var lower: String?

    @Option(help: "Upper bounds, name=value pairs.")
    var upper: String?

    @Option(help: "Column of observation weights (inverse variances).")
    var weights: String?

    @Option(help: "Loss function.")
    var loss: LossName = .linear

    @Option(help: "Scale of a robust loss (residuals below it count as inliers).")
    var lossScale: Double = 1

    @Option(help: "Time origin of the exponential, Gompertz, Weibull, monomolecular and Bass models (t = x - origin).")
    var origin: Double = 0

    @Option(help: "Dose of the first-order compartment model (fol, R's SSfol), given at x = 0.")
    var dose: Double = 1

    func validate() throws {
        guard (model == nil) != (formula == nil) else { throw ValidationError("give exactly one of --model and --formula") }
        guard lossScale > 0, lossScale.isFinite else { throw ValidationError("--loss-scale must be positive") }
        guard origin.isFinite else { throw ValidationError("--origin must be finite") }
        guard dose > 0, dose.isFinite else { throw ValidationError("--dose must be positive") }
    }

    /// Whether the plain batch path fits this: a growth model without start values, bounds,
    /// weights or a robust loss.
    var isPlainGrowthModel: Bool {
        let given: [String?] = [start, lower, upper, weights]
        let hasModel: Bool = model != nil
        let linearLoss: Bool = loss == LossName.linear
        return hasModel && linearLoss && given.allSatisfy { (value: String?) -> Bool in value == nil }
    }

    /// The growth model or the compiled formula reading `predictors`; formula errors and unknown
    /// models are usage errors (exit 64).
    func buildModel(predictors: [String], command: String) throws -> any CurveModel {
        if let model {
            do { return try GrowthModels.named(model, origin: origin, dose: dose) } catch {
                throw usageError("\(error)", command: command)
            }
        }
        let formula = formula ?? ""
        do {
            let given = try start.map { try NamedValues.parse($0, option: "--start").map(\.name) } ?? []
            let used = try FormulaModel.parameterNames(in: formula, predictors: predictors)
            let missing = used.filter { !given.contains($0) }
            guard missing.isEmpty else {
                throw usageError("the formula's parameters are \(used.joined(separator: ", ")); give start values for "
                                 + "\(missing.joined(separator: ", ")) with --start, e.g. --start \(missing.map { "\($0)=1" }.joined(separator: ","))",
                                 command: command)
            }
            return try FormulaModel(formula: formula, parameters: given, predictors: predictors)
        } catch let error as FormulaError {
            throw usageError(error.description, command: command)
        }
    }

    /// The `--start` values, one per parameter of `curve`, `nil` where not given.
    func givenStart(for curve: any CurveModel) throws -> [Double?] {
        let names = curve.parameterNames
        guard let start else { return names.map { _ in nil } }
        return try NamedValues.assign(NamedValues.parse(start, option: "--start"), to: names, default: nil, option: "--start")
    }

    /// The `--lower`/`--upper` bounds for `curve`, or `nil` when neither is given.
    func bounds(for curve: any CurveModel) throws -> ParameterBounds? {
        guard lower != nil || upper != nil else { return nil }
        let names = curve.parameterNames
        return try ParameterBounds(
            lower: try bound(lower, option: "--lower", names: names, default: -.infinity),
            upper: try bound(upper, option: "--upper", names: names, default: .infinity), names: names)
    }

    /// The loss of `--loss` and `--loss-scale`.
    func lossFunction() throws -> Loss {
        try Loss.named(loss.rawValue, scale: lossScale)
    }

    private func bound(_ text: String?, option: String, names: [String], default value: Double) throws -> [Double] {
        guard let text else { return Array(repeating: value, count: names.count) }
        return try NamedValues.assign(NamedValues.parse(text, option: option, allowsInfinity: true), to: names, default: value, option: option).map { $0 ?? value }
    }
}

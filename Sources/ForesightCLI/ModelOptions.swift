import ArgumentParser
import CurveFitting

/// The loss names of `--loss`.
enum LossName: String, CaseIterable, ExpressibleByArgument {
    case linear, huber, soft_l1, cauchy
}

/// What `fit` and `fit-batch` fit and how: the model or formula, start values, fixed
/// parameters, bounds, the weights column and the loss. One definition, so that both commands
/// accept the same options with the same meaning.
struct ModelOptions: ParsableArguments {
    @Option(help: "Growth model name.")
    var model: String?

    @Option(help: "Model formula in the predictor name(s) and named parameters.")
    var formula: String?

    @Option(help: "Start values, name=value pairs: required for every parameter of a formula; for a model the values given are used as given and the others self-started (every parameter given: no self-start).")
    var start: String?

    @Option(help: "Hold parameters at values, name=value pairs: excluded from the optimization and reported as fixed.")
    var fix: String?

    @Option(help: "Lower bounds, name=value pairs (self-started values are projected inside).")
    var lower: String?

    @Option(help: "Upper bounds, name=value pairs (self-started values are projected inside).")
    var upper: String?

    @Option(help: "Column of observation weights (inverse variances; positive and finite).")
    var weights: String?

    @Option(help: "Loss function.")
    var loss: LossName = .linear

    @Option(parsing: .unconditional, help: "Scale of a robust loss (residuals below it count as inliers).")
    var lossScale: Double = 1

    @Option(parsing: .unconditional, help: "Time origin of the exponential, Gompertz, Weibull, monomolecular and Bass models (t = x - origin).")
    var origin: Double = 0

    @Option(parsing: .unconditional, help: "Dose of the first-order compartment model (fol, R's SSfol), given at x = 0.")
    var dose: Double = 1

    func validate() throws {
        guard (model == nil) != (formula == nil) else { throw ValidationError("give exactly one of --model and --formula") }
        guard lossScale > 0, lossScale.isFinite else { throw ValidationError("--loss-scale must be positive") }
        guard origin.isFinite else { throw ValidationError("--origin must be finite") }
        guard dose > 0, dose.isFinite else { throw ValidationError("--dose must be positive") }
        if let model {
            do { _ = try GrowthModels.named(model, origin: origin, dose: dose) } catch { throw ValidationError("\(error)") }
        }
    }

    /// Whether a growth model is fitted by plain least squares from its self-start: no start
    /// values, fixed parameters, bounds, weights or robust loss (`fit-batch`'s fast path).
    var isPlainGrowthModel: Bool {
        let given: [String?] = [start, fix, lower, upper, weights]
        let noneGiven: Bool = given.allSatisfy { (value: String?) -> Bool in value == nil }
        return model != nil && loss == LossName.linear && noneGiven
    }

    /// The growth model, or the compiled formula reading `predictors`; unknown models and
    /// formula errors are usage errors (exit 64) of `command`.
    func buildModel(predictors: [String], command: String) throws -> any CurveModel {
        if let model {
            do { return try GrowthModels.named(model, origin: origin, dose: dose) } catch {
                throw usageError("\(error)", command: command)
            }
        }
        let formula = formula ?? ""
        do {
            let started: [String] = try startPairs().map(\.name)
            let fixedNames: [String] = try fixedPairs().map(\.name)
            let given: [String] = started + fixedNames.filter { !started.contains($0) }
            let used = try FormulaModel.parameterNames(in: formula, predictors: predictors)
            let missing = used.filter { !given.contains($0) }
            guard missing.isEmpty else {
                let example = missing.map { "\($0)=1" }.joined(separator: ",")
                throw usageError("the formula's parameters are \(used.joined(separator: ", ")); give start values for "
                                 + "\(missing.joined(separator: ", ")) with --start, e.g. --start \(example)", command: command)
            }
            return try FormulaModel(formula: formula, parameters: given, predictors: predictors)
        } catch let error as FormulaError {
            throw usageError(error.description, command: command)
        }
    }

    /// The `--start` pairs as given.
    func startPairs() throws -> [(name: String, value: Double)] {
        try start.map { try NamedValues.parse($0, option: "--start") } ?? []
    }

    private func fixedPairs() throws -> [(name: String, value: Double)] {
        try fix.map { try NamedValues.parse($0, option: "--fix") } ?? []
    }

    /// One entry per parameter of `curve`: the `--start` value, else the `--fix` value (a
    /// fixed parameter starts and stays there), else `nil` (to be self-started).
    func givenStart(for curve: any CurveModel) throws -> [Double?] {
        let names = curve.parameterNames
        var given: [Double?] = try start.map {
            try NamedValues.assign(NamedValues.parse($0, option: "--start"), to: names, default: nil, option: "--start")
        } ?? names.map { _ in nil }
        if let fix {
            let fixedValues = try NamedValues.assign(NamedValues.parse(fix, option: "--fix"), to: names, default: nil, option: "--fix")
            for j in names.indices where given[j] == nil { given[j] = fixedValues[j] }
        }
        return given
    }

    /// `--fix` as ``FixedParameters`` of `curve`'s parameters.
    func fixedParameters(for curve: any CurveModel) throws -> FixedParameters {
        guard let fix else { return .none }
        let names = curve.parameterNames
        let pairs = try NamedValues.parse(fix, option: "--fix")
        _ = try NamedValues.assign(pairs, to: names, default: nil, option: "--fix")
        let values = Dictionary(pairs.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
        return try FixedParameters(values, names: names)
    }

    /// The `--lower`/`--upper` bounds of `curve`'s parameters, or `nil` when neither is given.
    func bounds(for curve: any CurveModel) throws -> ParameterBounds? {
        guard lower != nil || upper != nil else { return nil }
        let names = curve.parameterNames
        let lowerValues = try bound(lower, option: "--lower", names: names, default: -.infinity)
        let upperValues = try bound(upper, option: "--upper", names: names, default: .infinity)
        return try ParameterBounds(lower: lowerValues, upper: upperValues, names: names)
    }

    /// The loss of `--loss` and `--loss-scale`.
    func lossFunction() throws -> Loss {
        try Loss.named(loss.rawValue, scale: lossScale)
    }

    private func bound(_ text: String?, option: String, names: [String], default value: Double) throws -> [Double] {
        guard let text else { return Array(repeating: value, count: names.count) }
        let pairs = try NamedValues.parse(text, option: option, allowsInfinity: true)
        let assigned: [Double?] = try NamedValues.assign(pairs, to: names, default: value, option: option)
        return assigned.map { $0 ?? value }
    }
}

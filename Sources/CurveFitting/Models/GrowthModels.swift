import Foundation

/// The catalogue of growth models, looked up by their command-line names.
public enum GrowthModels {
    /// Every growth model, simplest first, each with its default configuration (time origin 0).
    public static let all: [any SelfStartingModel] = [
        LinearGrowth(),
        ExponentialGrowth(),
        LogisticGrowth(),
        FourParameterLogistic(),
        GompertzGrowth(),
        RichardsGrowth(),
        WeibullGrowth(),
        MonomolecularGrowth(),
        BassDiffusion(),
        MichaelisMenten(),
        AsymptoticRegression(),
        AsymptoticRegressionThroughOrigin(),
        Biexponential(),
        FirstOrderCompartment(),
    ]

    /// The command-line names of ``all``, in the same order.
    public static var names: [String] { all.map(\.name) }

    /// The model called `name` (case-insensitive, surrounding spaces ignored).
    /// - Throws: ``GrowthModelError/unknownModel(name:suggestion:validNames:)`` listing the valid
    ///   names and suggesting the closest one when it is within two edits or `name` starts it.
    public static func named(_ name: String) throws -> any SelfStartingModel {
        let key = name.trimmingCharacters(in: .whitespaces).lowercased()
        if let model = all.first(where: { $0.name == key }) { return model }
        throw GrowthModelError.unknownModel(name: name, suggestion: closestName(to: key), validNames: names)
    }

    /// The model called `name` with its time origin at `origin` (`t = x − origin`) for the
    /// models that have one (exponential, Gompertz, Weibull, monomolecular, Bass). The others are
    /// unchanged by a shift of x (their location parameter absorbs it), so `origin` is ignored.
    ///
    /// Calendar-year data need an origin near the data for the Gompertz and Bass models: with
    /// origin 0, `b3^x` at x ≈ 2020 overflows. `dose` is the dose of the first-order compartment
    /// model (``FirstOrderCompartment``), ignored by the others.
    public static func named(_ name: String, origin: Double, dose: Double = 1) throws -> any SelfStartingModel {
        let model = try named(name)
        switch model {
        case is FirstOrderCompartment: return FirstOrderCompartment(dose: dose)
        case is ExponentialGrowth: return ExponentialGrowth(origin: origin)
        case is GompertzGrowth: return GompertzGrowth(origin: origin)
        case is WeibullGrowth: return WeibullGrowth(origin: origin)
        case is MonomolecularGrowth: return MonomolecularGrowth(origin: origin)
        case is BassDiffusion: return BassDiffusion(origin: origin)
        default: return model
        }
    }

    /// The valid name nearest to `key` by edit distance, if it is at most two edits away or
    /// begins with `key`.
    static func closestName(to key: String) -> String? {
        guard !key.isEmpty else { return nil }
        let ranked = names.map { (name: $0, distance: editDistance(key, $0)) }.min { $0.distance < $1.distance }
        if let ranked, ranked.distance <= 2 { return ranked.name }
        return names.first { $0.hasPrefix(key) }
    }

    /// The Levenshtein distance: the fewest insertions, deletions and substitutions from `a` to `b`.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let target = Array(b)
        var previous = Array(0...target.count)
        for (i, character) in a.enumerated() {
            var current = [i + 1]
            for (j, other) in target.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (character == other ? 0 : 1)))
            }
            previous = current
        }
        return previous[target.count]
    }
}

/// The start of a fit from the values a user gives and the model's self-start.
public enum StartValues {
    /// The start vector: the given values as given; the others from the model's self-start
    /// (``SelfStartingModel/initialParameters(x:y:)``), projected into the bounds.
    ///
    /// When every parameter is given the self-start is not run at all, so data it would refuse
    /// (x before a model's origin, a constant response) can still be fitted from given values.
    /// Self-started values outside `bounds` are moved onto the nearest bound (the solver then
    /// nudges a start on a bound inside); given values are kept, and the solver rejects them if
    /// they lie outside.
    ///
    /// - Parameters:
    ///   - model: The model; only a ``SelfStartingModel`` can fill in missing values.
    ///   - given: One entry per parameter, `nil` where the value is to be self-started.
    ///   - x: The predictor (the first predictor column for a self-start).
    ///   - y: The response.
    ///   - bounds: The fit's bounds, or `nil`.
    /// - Throws: ``GrowthModelError`` when the self-start finds no start (with its reason), or
    ///   ``FitError/invalidSetup(_:)`` when a value is missing and the model cannot start itself.
    public static func resolve(
        model: any CurveModel, given: [Double?], x: [Double], y: [Double], bounds: ParameterBounds? = nil
    ) throws -> [Double] {
        let names = model.parameterNames
        guard given.count == names.count else {
            throw FitError.invalidSetup("\(given.count) start values for \(names.count) parameters (\(names.joined(separator: ", ")))")
        }
        let missing = names.indices.filter { given[$0] == nil }
        if missing.isEmpty { return given.map { $0! } }
        guard let selfStarting = model as? any SelfStartingModel else {
            throw FitError.invalidSetup(
                "no start values for \(missing.map { names[$0] }.joined(separator: ", ")), and the model cannot start itself")
        }
        let automatic = try selfStarting.initialParameters(x: x, y: y)
        return names.indices.map { j in
            if let value = given[j] { return value }
            guard let bounds else { return automatic[j] }
            return min(max(automatic[j], bounds.lower[j]), bounds.upper[j])
        }
    }
}

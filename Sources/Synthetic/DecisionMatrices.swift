import Probability

/// What to generate: a decision matrix of `alternatives × criteria` values, with weights and
/// directions, plus the number of SMAA weight draws its benchmark runs.
///
/// ## Recipe
/// One ``SeededGenerator`` seeded with `seed` draws `criteria` weights `0.5 + u` (normalized to
/// sum 1 afterwards), then `criteria` directions (benefit when `u < 0.5`), then the values
/// `1 + 99·u`, criterion by criterion (column-major), `u = nextUniform()` throughout.
public struct DecisionMatrixSpec: Sendable, Equatable {
    public var alternatives: Int
    public var criteria: Int
    /// SMAA weight draws recorded in the file for the benchmark (not used to generate values).
    public var draws: Int
    public var seed: UInt64

    public init(alternatives: Int, criteria: Int, draws: Int = 0, seed: UInt64) {
        self.alternatives = alternatives
        self.criteria = criteria
        self.draws = draws
        self.seed = seed
    }

    /// Checks the sizes against ``SyntheticLimits`` (at least 2 alternatives and 1 criterion).
    public func validate() throws(SyntheticError) {
        guard alternatives >= 2 else { throw .invalid("a decision matrix needs at least 2 alternatives, got \(alternatives)") }
        guard criteria >= 1 else { throw .invalid("a decision matrix needs at least 1 criterion, got \(criteria)") }
        guard draws >= 0, draws <= SyntheticLimits.maximumDraws else {
            throw .invalid("the number of draws must lie in 0…\(SyntheticLimits.maximumDraws), got \(draws)")
        }
        guard SyntheticLimits.product(alternatives, criteria, atMost: SyntheticLimits.maximumValuesInMemory) != nil else {
            throw .invalid("\(alternatives) alternatives × \(criteria) criteria exceed the limit of "
                           + "\(SyntheticLimits.maximumValuesInMemory) values held in memory (1 GiB)")
        }
    }
}

/// A synthetic decision matrix: column-major values, weights summing to 1, directions.
public struct SyntheticDecisionMatrix: Sendable, Equatable {
    public let spec: DecisionMatrixSpec
    public let weights: [Double]
    /// `true` for a benefit criterion, `false` for a cost criterion.
    public let benefit: [Bool]
    /// `values[i + j·alternatives]` is alternative `i` on criterion `j`.
    public let values: [Double]

    public init(_ spec: DecisionMatrixSpec) throws(SyntheticError) {
        try spec.validate()
        var generator = SeededGenerator(seed: spec.seed)
        let raw = (0..<spec.criteria).map { _ in 0.5 + generator.nextUniform() }
        let total = raw.reduce(0, +)
        self.init(spec: spec, weights: raw.map { $0 / total },
                  benefit: (0..<spec.criteria).map { _ in generator.nextUniform() < 0.5 },
                  values: (0..<(spec.alternatives * spec.criteria)).map { _ in 1 + 99 * generator.nextUniform() })
    }

    /// A matrix from its parts (as read from a file).
    init(spec: DecisionMatrixSpec, weights: [Double], benefit: [Bool], values: [Double]) {
        self.spec = spec
        self.weights = weights
        self.benefit = benefit
        self.values = values
    }
}

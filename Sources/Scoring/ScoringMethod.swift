/// The scoring methods, by the names a scorecard specification uses.
public enum ScoringMethod: String, Sendable, Hashable, CaseIterable {
    /// Weighted sum, ``WeightedSum``.
    case wsm
    /// Weighted product, ``WeightedProduct``.
    case wpm
    /// ``TOPSIS``.
    case topsis
    /// ``VIKOR``.
    case vikor
    /// PROMETHEE II, ``PROMETHEE``.
    case promethee2
    /// AHP on a decision matrix, ``AHPScoring``.
    case ahp

    /// Runs the method with the settings in `configuration`.
    public func evaluate(
        _ matrix: DecisionMatrix, weights: [Double], configuration: MethodConfiguration = MethodConfiguration()
    ) throws(ScoringError) -> MethodResult {
        switch self {
        case .wsm: try configuration.weightedSum.evaluate(matrix, weights: weights)
        case .wpm: try WeightedProduct().evaluate(matrix, weights: weights)
        case .topsis: try configuration.topsis.evaluate(matrix, weights: weights)
        case .vikor: try configuration.vikor.evaluate(matrix, weights: weights)
        case .promethee2: try configuration.promethee.evaluate(matrix, weights: weights)
        case .ahp: try configuration.ahp.evaluate(matrix, weights: weights)
        }
    }
}

/// Settings of every method, each with its documented default, so that one value configures
/// a whole scorecard.
public struct MethodConfiguration: Sendable, Hashable {
    /// WSM settings (default min-max normalization).
    public var weightedSum: WeightedSum
    /// TOPSIS settings (default vector normalization).
    public var topsis: TOPSIS
    /// VIKOR settings (default `v = ½`).
    public var vikor: VIKOR
    /// PROMETHEE II settings (default usual criterion everywhere).
    public var promethee: PROMETHEE
    /// AHP settings (default distributive synthesis, eigenvector, Saaty 1980 RI).
    public var ahp: AHPScoring

    public init(
        weightedSum: WeightedSum = WeightedSum(), topsis: TOPSIS = TOPSIS(), vikor: VIKOR = .consensus,
        promethee: PROMETHEE = PROMETHEE(), ahp: AHPScoring = AHPScoring()
    ) {
        self.weightedSum = weightedSum
        self.topsis = topsis
        self.vikor = vikor
        self.promethee = promethee
        self.ahp = ahp
    }
}

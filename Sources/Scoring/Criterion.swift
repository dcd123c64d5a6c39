/// Whether more or less of a criterion is better.
public enum CriterionDirection: String, Sendable, Hashable, CaseIterable {
    /// Larger values are better (a "max" criterion, type +1).
    case benefit
    /// Smaller values are better (a "min" criterion, type −1).
    case cost
}

/// One column of a decision matrix: a name, a direction and optionally a given weight.
public struct Criterion: Sendable, Hashable {
    /// Unique name (the key used in specifications and results).
    public let name: String
    /// Whether more is better (``CriterionDirection/benefit``) or less (``CriterionDirection/cost``).
    public let direction: CriterionDirection
    /// The weight stated by the decision maker, used by ``Weighting/given``; `nil` when the
    /// weights come from another ``Weighting``.
    public let weight: Double?

    public init(_ name: String, direction: CriterionDirection = .benefit, weight: Double? = nil) {
        self.name = name
        self.direction = direction
        self.weight = weight
    }
}

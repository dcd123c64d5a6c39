/// Everything that can go wrong when building a decision problem or scoring it.
///
/// Indices in messages are 1-based, as a person counts rows and columns.
public enum ScoringError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A decision needs at least two alternatives.
    case tooFewAlternatives(count: Int)
    /// A decision needs at least one criterion.
    case noCriteria
    /// Two alternatives share a name.
    case duplicateAlternative(String)
    /// Two criteria share a name.
    case duplicateCriterion(String)
    /// A name that is not one of the decision's alternatives.
    case unknownAlternative(String)
    /// A name that is not one of the decision's criteria.
    case unknownCriterion(String)
    /// No value was given for this cell of the decision matrix.
    case missingValue(alternative: String, criterion: String)
    /// A value (or a parameter of an uncertain value) is NaN or infinite.
    case nonFiniteValue(alternative: String, criterion: String, value: Double)
    /// An uncertain value is malformed (e.g. an interval with `low > high`).
    case invalidValue(alternative: String, criterion: String, reason: String)
    /// Array lengths do not fit the decision's shape.
    case dimensionMismatch(String)
    /// All alternatives have the same value on a criterion, so a normalization that divides
    /// by the range (or a method that needs it) is undefined.
    case constantCriterion(criterion: String, context: String)
    /// A method or normalization that takes logarithms, powers or reciprocals met a value out of
    /// its domain; `context` states the requirement (e.g. "the weighted product needs values > 0").
    case nonPositiveValue(alternative: String, criterion: String, value: Double, context: String)
    /// Raw (unnormalized) values were requested with a cost criterion, whose direction
    /// cannot then be honoured.
    case costCriterionWithoutNormalization(criterion: String)
    /// `Weighting.given` was used but this criterion has no weight.
    case missingWeight(criterion: String)
    /// A weight is negative.
    case negativeWeight(criterion: String, value: Double)
    /// Weights are unusable for another reason (non-finite, all zero, wrong count).
    case invalidWeights(String)
    /// A method parameter is out of its domain.
    case invalidParameter(name: String, value: Double, requirement: String)
    /// A pairwise comparison entry is not finite and positive.
    case pairwiseNonPositive(row: Int, column: Int, value: Double)
    /// A diagonal entry of a pairwise comparison matrix differs from 1.
    case pairwiseDiagonalNotOne(index: Int, value: Double)
    /// `a_ij · a_ji` differs from 1 by more than the tolerance.
    case pairwiseNotReciprocal(row: Int, column: Int, value: Double, transposedValue: Double)
    /// The eigen decomposition of a pairwise matrix failed or had no real principal eigenvalue.
    case eigenDecompositionFailed(String)
    /// Weight constraints accept too small a share of uniformly drawn weights for rejection
    /// sampling to be practical.
    case lowAcceptanceRate(rate: Double, minimum: Double)
    /// Weight constraints that no weight vector can satisfy.
    case infeasibleWeightConstraints(String)

    public var description: String {
        switch self {
        case .tooFewAlternatives(let count):
            "a decision needs at least 2 alternatives, got \(count)"
        case .noCriteria:
            "a decision needs at least 1 criterion"
        case .duplicateAlternative(let name):
            "alternative '\(name)' is listed more than once"
        case .duplicateCriterion(let name):
            "criterion '\(name)' is listed more than once"
        case .unknownAlternative(let name):
            "unknown alternative '\(name)'"
        case .unknownCriterion(let name):
            "unknown criterion '\(name)'"
        case .missingValue(let alternative, let criterion):
            "no value for alternative '\(alternative)' on criterion '\(criterion)'"
        case .nonFiniteValue(let alternative, let criterion, let value):
            "value \(value) for alternative '\(alternative)' on criterion '\(criterion)' is not finite"
        case .invalidValue(let alternative, let criterion, let reason):
            "value for alternative '\(alternative)' on criterion '\(criterion)': \(reason)"
        case .dimensionMismatch(let detail):
            "dimension mismatch: \(detail)"
        case .constantCriterion(let criterion, let context):
            "criterion '\(criterion)' has the same value for every alternative, which \(context) cannot handle"
        case .nonPositiveValue(let alternative, let criterion, let value, let context):
            "\(context), but alternative '\(alternative)' has \(value) on criterion '\(criterion)'"
        case .costCriterionWithoutNormalization(let criterion):
            "cost criterion '\(criterion)' needs a normalization to be turned into a benefit"
        case .missingWeight(let criterion):
            "criterion '\(criterion)' has no weight"
        case .negativeWeight(let criterion, let value):
            "weight \(value) of criterion '\(criterion)' is negative"
        case .invalidWeights(let detail):
            "invalid weights: \(detail)"
        case .invalidParameter(let name, let value, let requirement):
            "parameter \(name) = \(value) must be \(requirement)"
        case .pairwiseNonPositive(let row, let column, let value):
            "pairwise comparison (\(row), \(column)) = \(value) must be finite and positive"
        case .pairwiseDiagonalNotOne(let index, let value):
            "pairwise comparison (\(index), \(index)) = \(value) must be 1"
        case .pairwiseNotReciprocal(let row, let column, let value, let transposedValue):
            "pairwise comparisons are not reciprocal: (\(row), \(column)) = \(value) but (\(column), \(row)) = \(transposedValue), expected \(1 / value)"
        case .eigenDecompositionFailed(let detail):
            "eigen decomposition of the pairwise matrix failed: \(detail)"
        case .lowAcceptanceRate(let rate, let minimum):
            "weight constraints accept only \(rate) of uniform weight draws (minimum \(minimum)); loosen the intervals"
        case .infeasibleWeightConstraints(let detail):
            "no weight vector satisfies the constraints: \(detail)"
        }
    }
}

import Foundation

/// The weighted product model (WPM; Bridgman 1922, Miller & Starr 1969).
///
/// On raw positive values, with weights `w` scaled to sum 1 and `s_j = +1` for benefit,
/// `−1` for cost criteria:
///
/// `score_i = Π_j x_ij^(s_j·w_j)` and `R(A_K/A_L) = score_K/score_L = Π_j (x_Kj/x_Lj)^(s_j·w_j)`.
///
/// Ratios are scale free: multiplying a criterion by a constant leaves them unchanged, so no
/// normalization is needed. Products are computed as `exp(Σ s_j·w_j·ln x_ij)`.
public struct WeightedProduct: Sendable, Hashable {
    public init() {}

    /// Scores (the products) and ranking.
    /// - Throws: ``ScoringError/nonPositiveValue(alternative:criterion:value:context:)`` for any
    ///   value `≤ 0`.
    public func evaluate(_ matrix: DecisionMatrix, weights: [Double]) throws(ScoringError) -> MethodResult {
        let w = try WeightValidation.normalized(weights, criteria: matrix.criteria)
        let m = matrix.alternativeCount
        var logScores = [Double](repeating: 0, count: m)
        for (j, criterion) in matrix.criteria.enumerated() {
            let exponent = criterion.direction == .benefit ? w[j] : -w[j]
            for i in 0..<m {
                let x = matrix[alternative: i, criterion: j]
                guard x > 0 else {
                    throw .nonPositiveValue(alternative: matrix.alternatives[i], criterion: criterion.name,
                                            value: x, context: "the weighted product needs values > 0")
                }
                logScores[i] += exponent * log(x)
            }
        }
        let details = WeightedProductDetails(alternatives: matrix.alternatives, logScores: logScores)
        return MethodResult(method: .wpm, alternatives: matrix.alternatives, scores: logScores.map { exp($0) },
                            details: .weightedProduct(details))
    }
}

/// Intermediate results of the weighted product model.
public struct WeightedProductDetails: Sendable, Hashable {
    /// Alternative names, in input order.
    public let alternatives: [String]
    /// `ln score_i = Σ_j s_j·w_j·ln x_ij`, in input order.
    public let logScores: [Double]

    /// `R(A_K/A_L) = Π_j (x_Kj/x_Lj)^(s_j·w_j) = exp(ln score_K − ln score_L)`; `> 1` means
    /// `K` is preferred to `L`.
    public func ratio(_ k: Int, to l: Int) -> Double {
        exp(logScores[k] - logScores[l])
    }

    /// ``ratio(_:to:)`` by name.
    public func ratio(_ k: String, to l: String) throws(ScoringError) -> Double {
        guard let kIndex = alternatives.firstIndex(of: k) else { throw .unknownAlternative(k) }
        guard let lIndex = alternatives.firstIndex(of: l) else { throw .unknownAlternative(l) }
        return ratio(kIndex, to: lIndex)
    }
}

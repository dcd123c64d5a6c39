/// VIKOR (Opricovic 1998; Opricovic & Tzeng 2004): the compromise closest to the ideal.
///
/// On raw values with weights `w` scaled to sum 1, per criterion the best `f*_j` (max for
/// benefit, min for cost) and worst `f⁻_j`; with `d_ij = (f*_j − f_ij)/(f*_j − f⁻_j)`
/// (taken as 0 on a constant criterion, where every alternative is equally good):
///
/// - group utility `S_i = Σ_j w_j·d_ij`, individual regret `R_i = max_j w_j·d_ij`;
/// - `Q_i = v·(S_i − S*)/(S⁻ − S*) + (1 − v)·(R_i − R*)/(R⁻ − R*)` with `S* = min S`,
///   `S⁻ = max S`, `R* = min R`, `R⁻ = max R` (a term whose denominator is 0 is 0).
///
/// Smaller `Q` is better. With `a1`, `a2` the first and second by `Q` and `m` alternatives:
/// - C1, acceptable advantage: `Q(a2) − Q(a1) ≥ DQ = 1/(m − 1)`;
/// - C2, acceptable stability: `a1` is also best (possibly tied) by `S` or by `R`.
///
/// Compromise set: `{a1}` if C1 and C2 hold; `{a1, a2}` if only C2 fails; otherwise
/// `{a1, …, aM}` with `M` the largest position such that `Q(aM) − Q(a1) < DQ`.
public struct VIKOR: Sendable, Hashable {
    /// Weight of the strategy of "the majority of criteria" (group utility) against regret;
    /// default ½ (consensus).
    public let v: Double

    /// - Throws: ``ScoringError/invalidParameter(name:value:requirement:)`` unless `0 ≤ v ≤ 1`.
    public init(v: Double) throws(ScoringError) {
        guard v >= 0, v <= 1 else { throw .invalidParameter(name: "v", value: v, requirement: "in [0, 1]") }
        self.v = v
    }

    private init(unchecked v: Double) {
        self.v = v
    }

    /// `v = ½`, "by consensus".
    public static let consensus = VIKOR(unchecked: 0.5)

    /// `Q` (smaller is better), ranking, and S, R and the compromise solution in the details.
    public func evaluate(_ matrix: DecisionMatrix, weights: [Double]) throws(ScoringError) -> MethodResult {
        let w = try WeightValidation.normalized(weights, criteria: matrix.criteria)
        let m = matrix.alternativeCount
        var s = [Double](repeating: 0, count: m), r = s
        var best = [Double](repeating: 0, count: w.count), worst = best
        for (j, criterion) in matrix.criteria.enumerated() {
            let column = matrix.column(j)
            let high = column.max() ?? 0, low = column.min() ?? 0
            let isBenefit = criterion.direction == .benefit
            best[j] = isBenefit ? high : low
            worst[j] = isBenefit ? low : high
            guard high > low else { continue }
            for (i, x) in column.enumerated() {
                let term = w[j] * (best[j] - x) / (best[j] - worst[j])
                s[i] += term
                r[i] = Swift.max(r[i], term)
            }
        }
        let q = Self.combine(s, r, v: v)
        let byQ = Ranking.rank(names: matrix.alternatives, scores: q, higherIsBetter: false)
        let first = byQ[0], second = byQ[1]
        let threshold = 1 / Double(m - 1)
        let advantage = q[second.index] - q[first.index] >= threshold
        let minS = s.min() ?? 0, minR = r.min() ?? 0
        let stability = Ranking.areTied(s[first.index], minS) || Ranking.areTied(r[first.index], minR)
        let compromise: [String]
        switch (advantage, stability) {
        case (true, true): compromise = [first.name]
        case (true, false): compromise = [first.name, second.name]
        case (false, _): compromise = byQ.filter { q[$0.index] - q[first.index] < threshold }.map(\.name)
        }
        let details = VIKORDetails(
            s: s, r: r, q: q, v: v, best: best, worst: worst, advantageThreshold: threshold,
            hasAcceptableAdvantage: advantage, hasAcceptableStability: stability, compromiseSet: compromise)
        return MethodResult(method: .vikor, alternatives: matrix.alternatives, scores: q, higherIsBetter: false,
                            details: .vikor(details))
    }

    private static func combine(_ s: [Double], _ r: [Double], v: Double) -> [Double] {
        let sBest = s.min() ?? 0, sWorst = s.max() ?? 0, rBest = r.min() ?? 0, rWorst = r.max() ?? 0
        // A spread within rounding (equal S or R values computed along different paths) is no
        // spread: dividing by it would turn last-digit noise into a full unit of Q.
        let sSpread = !Ranking.areTied(sWorst, sBest), rSpread = !Ranking.areTied(rWorst, rBest)
        return zip(s, r).map { si, ri in
            let sTerm = sSpread ? (si - sBest) / (sWorst - sBest) : 0
            let rTerm = rSpread ? (ri - rBest) / (rWorst - rBest) : 0
            return v * sTerm + (1 - v) * rTerm
        }
    }
}

/// Intermediate results of VIKOR, in input order.
public struct VIKORDetails: Sendable, Hashable {
    /// Group utility `S_i`.
    public let s: [Double]
    /// Individual regret `R_i`.
    public let r: [Double]
    /// `Q_i` (the score; smaller is better).
    public let q: [Double]
    /// The `v` used.
    public let v: Double
    /// `f*_j`, best value per criterion.
    public let best: [Double]
    /// `f⁻_j`, worst value per criterion.
    public let worst: [Double]
    /// `DQ = 1/(m − 1)`.
    public let advantageThreshold: Double
    /// Condition C1: `Q(a2) − Q(a1) ≥ DQ`.
    public let hasAcceptableAdvantage: Bool
    /// Condition C2: `a1` is also best by `S` or `R`.
    public let hasAcceptableStability: Bool
    /// The compromise solution(s), best first.
    public let compromiseSet: [String]
}

import Dispatch
import Foundation

/// TOPSIS (Hwang & Yoon 1981): closeness to the ideal solution.
///
/// With `r` the normalized, benefit-oriented matrix (see ``Normalization``) and weights `w`
/// scaled to sum 1: `v_ij = w_j·r_ij`, ideal `v⁺_j = max_i v_ij`, anti-ideal
/// `v⁻_j = min_i v_ij`,
///
/// `D⁺_i = √(Σ_j (v_ij − v⁺_j)²)`, `D⁻_i = √(Σ_j (v_ij − v⁻_j)²)`, `C_i = D⁻_i/(D⁺_i + D⁻_i)`.
///
/// With the default vector normalization this is the classical method (cost columns keep
/// their direction and take the minimum as ideal — identical distances, see
/// ``Normalization``). When `D⁺_i + D⁻_i = 0` (every column constant) `C_i = ½`.
public struct TOPSIS: Sendable, Hashable {
    /// Normalization; default ``Normalization/vector`` (classical TOPSIS). Min-max gives
    /// materially different closeness values.
    public var normalization: Normalization

    public init(normalization: Normalization = .vector) {
        self.normalization = normalization
    }

    /// Closeness coefficients and ranking.
    public func evaluate(_ matrix: DecisionMatrix, weights: [Double]) throws(ScoringError) -> MethodResult {
        let w = try WeightValidation.normalized(weights, criteria: matrix.criteria)
        let details = try kernel(matrix.centralValues, alternativeCount: matrix.alternativeCount, weights: w,
                                 directions: matrix.directions, alternatives: matrix.alternatives,
                                 criteria: matrix.criteria.map(\.name))
        return MethodResult(method: .topsis, alternatives: matrix.alternatives, scores: details.closeness,
                            details: .topsis(details))
    }

    /// Closeness coefficients straight from a flat column-major matrix, without names — the
    /// path for very large problems (no per-alternative allocation, one column buffer).
    /// Errors name alternatives `A1…` and criteria `C1…` by position.
    public func closeness(
        columnMajor values: [Double], alternativeCount m: Int, weights: [Double], directions: [CriterionDirection]
    ) throws(ScoringError) -> [Double] {
        guard m >= 2 else { throw .tooFewAlternatives(count: m) }
        guard values.count == m * directions.count else {
            throw .dimensionMismatch("\(values.count) values for \(m) alternatives × \(directions.count) criteria")
        }
        let criteria = directions.indices.map { Criterion("C\($0 + 1)", direction: directions[$0]) }
        let w = try WeightValidation.normalized(weights, criteria: criteria)
        return try kernel(values, alternativeCount: m, weights: w, directions: directions,
                          alternatives: nil, criteria: criteria.map(\.name)).closeness
    }

    /// Alternatives per chunk of the distance pass: the chunk's accumulators stay in L1 cache
    /// while every column streams through once.
    private static let chunkSize = 2048
    /// Alternatives from which the distance pass is spread over all cores. Each alternative's
    /// distances depend on its own values only, so results do not depend on the thread count.
    private static let parallelThreshold = 65_536

    private func kernel(
        _ values: [Double], alternativeCount m: Int, weights: [Double], directions: [CriterionDirection],
        alternatives: [String]?, criteria: [String]
    ) throws(ScoringError) -> TOPSISDetails {
        let n = weights.count
        var transforms: [Normalization.ColumnTransform] = []
        transforms.reserveCapacity(n)
        for j in 0..<n {
            let result = values.withUnsafeBufferPointer { input in
                normalization.transform(UnsafeBufferPointer(rebasing: input[(j * m)..<((j + 1) * m)]), direction: directions[j])
            }
            switch result {
            case .success(let transform): transforms.append(transform)
            case .failure(let failure):
                throw failure.error(alternativeName: { alternatives?[$0] ?? "A\($0 + 1)" }, criterion: criteria[j])
            }
        }
        // v = w·r; the ideal and anti-ideal are the weighted ends of each column's range.
        let ideal = zip(weights, transforms).map { $0 * $1.high }
        let antiIdeal = zip(weights, transforms).map { $0 * $1.low }
        var plus = [Double](repeating: 0, count: m), minus = plus, closeness = plus
        let chunkCount = (m + Self.chunkSize - 1) / Self.chunkSize
        let workers = m >= Self.parallelThreshold ? Swift.min(ProcessInfo.processInfo.activeProcessorCount, chunkCount) : 1
        values.withUnsafeBufferPointer { x in
        plus.withUnsafeMutableBufferPointer { p in
        minus.withUnsafeMutableBufferPointer { q in
        closeness.withUnsafeMutableBufferPointer { c in
            let pass = DistancePass(x: x, plus: p, minus: q, closeness: c, m: m, weights: weights,
                                    transforms: transforms, ideal: ideal, antiIdeal: antiIdeal)
            if workers <= 1 {
                for chunk in 0..<chunkCount { pass.run(chunk: chunk, size: Self.chunkSize) }
            } else {
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    for chunk in stride(from: worker, to: chunkCount, by: workers) { pass.run(chunk: chunk, size: Self.chunkSize) }
                }
            }
        }}}}
        return TOPSISDetails(closeness: closeness, distanceToIdeal: plus, distanceToAntiIdeal: minus,
                             ideal: ideal, antiIdeal: antiIdeal)
    }
}

/// The distance pass over one chunk of alternatives: `D⁺`, `D⁻` and `C` for alternatives
/// `chunk·size ..< (chunk + 1)·size`, every column streaming through once. Chunks write
/// disjoint ranges, so workers may run them concurrently.
private struct DistancePass: @unchecked Sendable {
    let x: UnsafeBufferPointer<Double>
    let plus: UnsafeMutableBufferPointer<Double>
    let minus: UnsafeMutableBufferPointer<Double>
    let closeness: UnsafeMutableBufferPointer<Double>
    let m: Int
    let weights: [Double]
    let transforms: [Normalization.ColumnTransform]
    let ideal: [Double]
    let antiIdeal: [Double]

    func run(chunk: Int, size: Int) {
        let start = chunk * size, end = Swift.min(m, start + size)
        for j in 0..<weights.count {
            let t = transforms[j], w = weights[j], high = ideal[j], low = antiIdeal[j], base = j * m
            if t.isReciprocal {
                for i in start..<end {
                    let v = w * (t.slope / x[base + i])
                    plus[i] += (v - high) * (v - high)
                    minus[i] += (v - low) * (v - low)
                }
            } else {
                let a = w * t.offset, b = w * t.slope
                for i in start..<end {
                    let v = a + b * x[base + i]
                    plus[i] += (v - high) * (v - high)
                    minus[i] += (v - low) * (v - low)
                }
            }
        }
        for i in start..<end {
            let dPlus = plus[i].squareRoot(), dMinus = minus[i].squareRoot()
            plus[i] = dPlus
            minus[i] = dMinus
            let total = dPlus + dMinus
            closeness[i] = total > 0 ? dMinus / total : 0.5
        }
    }
}

/// Intermediate results of TOPSIS, in input order.
public struct TOPSISDetails: Sendable, Hashable {
    /// `C_i = D⁻_i/(D⁺_i + D⁻_i)`.
    public let closeness: [Double]
    /// `D⁺_i`, Euclidean distance to the ideal.
    public let distanceToIdeal: [Double]
    /// `D⁻_i`, Euclidean distance to the anti-ideal.
    public let distanceToAntiIdeal: [Double]
    /// `v⁺_j` per criterion (weighted, normalized, benefit-oriented).
    public let ideal: [Double]
    /// `v⁻_j` per criterion.
    public let antiIdeal: [Double]
}

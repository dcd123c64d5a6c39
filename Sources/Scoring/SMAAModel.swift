import Foundation
import Probability

/// The precomputed SMAA problem and its allocation-free simulation kernel.
struct SMAAModel: Sendable {
    let m: Int
    let n: Int
    let constraints: ResolvedWeightConstraints
    /// Partial values `u_j(x_ij)` at the central values, column-major.
    let partialValues: [Double]
    /// `u_j(x) = offset_j + slope_j·x`.
    let offsets: [Double]
    let slopes: [Double]
    /// Uncertain cells: flat index, criterion and distribution.
    let uncertainIndices: [Int]
    let uncertainCriteria: [Int]
    let uncertainValues: [CriterionValue]

    var isExact: Bool { uncertainIndices.isEmpty }

    init(_ matrix: DecisionMatrix, constraints: ResolvedWeightConstraints) {
        m = matrix.alternativeCount
        n = matrix.criterionCount
        self.constraints = constraints
        var offsets = [Double](repeating: 0, count: n), slopes = offsets
        for j in 0..<n {
            var low = Double.infinity, high = -Double.infinity
            for i in 0..<m {
                let range = matrix.value(alternative: i, criterion: j).plausibleRange
                low = Swift.min(low, range.low)
                high = Swift.max(high, range.high)
            }
            guard high > low else { continue }
            let scale = 1 / (high - low)
            if matrix.criteria[j].direction == .benefit {
                (offsets[j], slopes[j]) = (-low * scale, scale)
            } else {
                (offsets[j], slopes[j]) = (high * scale, -scale)
            }
        }
        self.offsets = offsets
        self.slopes = slopes
        partialValues = matrix.centralValues.indices.map { offsets[$0 / matrix.alternativeCount] + slopes[$0 / matrix.alternativeCount] * matrix.centralValues[$0] }
        let cells = matrix.uncertainCells.sorted { $0.key < $1.key }
        uncertainIndices = cells.map(\.key)
        uncertainCriteria = cells.map { $0.key / matrix.alternativeCount }
        uncertainValues = cells.map(\.value)
    }

    /// Rank counts and central-weight sums of one block.
    struct Tally: Sendable {
        /// `counts[i·m + r]`: draws with alternative `i` at rank `r + 1`.
        var counts: [Int]
        /// `centralSums[i·n + j]`: sum of `w_j` over draws with `i` first.
        var centralSums: [Double]
        var accepted = 0
        var attempts = 0

        init(m: Int, n: Int) {
            counts = Array(repeating: 0, count: m * m)
            centralSums = Array(repeating: 0, count: m * n)
        }

        mutating func add(_ other: Tally) {
            for k in counts.indices { counts[k] += other.counts[k] }
            for k in centralSums.indices { centralSums[k] += other.centralSums[k] }
            accepted += other.accepted
            attempts += other.attempts
        }
    }

    /// Simulates `draws` accepted draws (or stops after `maximumAttempts` candidate weight
    /// vectors). All buffers are allocated once, before the loop.
    func simulate(draws: Int, generator start: SeededGenerator, maximumAttempts: Int) -> Tally {
        var generator = start
        var tally = Tally(m: m, n: n)
        var weights = [Double](repeating: 0, count: n), scratch = weights
        var values = partialValues
        var utilities = [Double](repeating: 0, count: m)
        let m = m, n = n
        weights.withUnsafeMutableBufferPointer { w in
        scratch.withUnsafeMutableBufferPointer { s in
        values.withUnsafeMutableBufferPointer { v in
        utilities.withUnsafeMutableBufferPointer { u in
        tally.counts.withUnsafeMutableBufferPointer { counts in
        tally.centralSums.withUnsafeMutableBufferPointer { central in
            var accepted = 0, attempts = 0
            while accepted < draws && attempts < maximumAttempts {
                attempts += 1
                guard drawWeights(into: w, scratch: s, generator: &generator) else { continue }
                accepted += 1
                for (k, index) in uncertainIndices.enumerated() {
                    let j = uncertainCriteria[k]
                    v[index] = offsets[j] + slopes[j] * uncertainValues[k].sample(using: &generator)
                }
                for i in 0..<m { u[i] = 0 }
                for j in 0..<n {
                    let weight = w[j], column = j * m
                    for i in 0..<m { u[i] += weight * v[column + i] }
                }
                for i in 0..<m {
                    let ui = u[i]
                    var better = 0
                    for k in 0..<m where u[k] > ui { better += 1 }
                    counts[i * m + better] += 1
                    if better == 0 {
                        for j in 0..<n { central[i * n + j] += w[j] }
                    }
                }
            }
            tally.accepted = accepted
            tally.attempts = attempts
        }}}}}}
        return tally
    }

    /// One weight vector satisfying the constraints into `w`; `false` when a candidate was rejected.
    @inline(__always)
    private func drawWeights(
        into w: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>,
        generator: inout SeededGenerator
    ) -> Bool {
        switch constraints {
        case .uniform:
            Self.uniformSimplex(into: w, generator: &generator)
            return true
        case .intervals(let low, let high):
            Self.uniformSimplex(into: w, generator: &generator)
            for j in 0..<w.count where w[j] < low[j] || w[j] > high[j] { return false }
            return true
        case .rankOrder(let order):
            Self.uniformSimplex(into: scratch, generator: &generator)
            // Insertion sort, decreasing: n is small.
            for a in 1..<Swift.max(scratch.count, 1) {
                let x = scratch[a]
                var b = a - 1
                while b >= 0 && scratch[b] < x {
                    scratch[b + 1] = scratch[b]
                    b -= 1
                }
                scratch[b + 1] = x
            }
            for (position, j) in order.enumerated() { w[j] = scratch[position] }
            return true
        }
    }

    /// Normalized i.i.d. standard exponentials `−ln u`.
    @inline(__always)
    private static func uniformSimplex(into w: UnsafeMutableBufferPointer<Double>, generator: inout SeededGenerator) {
        var total = 0.0
        for j in 0..<w.count {
            let e = -log(generator.nextOpenUniform())
            w[j] = e
            total += e
        }
        let scale = 1 / total
        for j in 0..<w.count { w[j] *= scale }
    }

    /// Share of `draws` value draws in which alternative `i` ranks first under `weights`.
    func shareRankedFirst(_ i: Int, weights: [Double], draws: Int, generator: inout SeededGenerator) -> Double {
        var values = partialValues
        var firsts = 0
        for _ in 0..<draws {
            for (k, index) in uncertainIndices.enumerated() {
                let j = uncertainCriteria[k]
                values[index] = offsets[j] + slopes[j] * uncertainValues[k].sample(using: &generator)
            }
            let utility = { (a: Int) in (0..<n).reduce(0.0) { $0 + weights[$1] * values[a + $1 * m] } }
            let ui = utility(i)
            if !(0..<m).contains(where: { utility($0) > ui }) { firsts += 1 }
        }
        return Double(firsts) / Double(draws)
    }
}

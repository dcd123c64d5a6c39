import Probability
import Testing
@testable import Scoring

/// The pieces of the SMAA-2 kernel: sorting network, random lanes, simplex sampler, and
/// acceptabilities with several alternatives, ties and rank counts derived by subtraction.
@Suite struct SMAAKernelTests {
    /// The 0–1 principle: a comparator network sorts every input iff it sorts every 0–1 input.
    @Test func sortingNetworkSortsEveryZeroOneInput() {
        let lanes = 128
        for size in 0...16 {
            let network = SortingNetwork(size: size)
            let rows = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(size, 1) * lanes)
            defer { rows.deallocate() }
            let inputs = 1 << size
            var first = 0
            while first < inputs {
                for d in 0..<lanes {
                    let bits = (first + d) % inputs
                    for k in 0..<size { rows[k * lanes + d] = Double((bits >> k) & 1) }
                }
                network.sort(rows, lanes: lanes)
                for d in 0..<lanes {
                    let bits = (first + d) % inputs
                    var column: [Double] = []
                    for k in 0..<size { column.append(rows[k * lanes + d]) }
                    #expect(column == column.sorted(), "size \(size), input \(bits)")
                    #expect(Int(column.reduce(0, +)) == bits.nonzeroBitCount, "size \(size), input \(bits)")
                }
                first += lanes
            }
        }
    }

    /// Each lane of the vector generator is xoshiro256** on its own state, and the scalar block
    /// generator is the algorithm of `SeededGenerator` (same state from SplitMix64, same words).
    @Test func generatorsAreXoshiro256StarStar() {
        var splitMix: UInt64 = 42
        func split() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var reference = SeededGenerator(seed: 42)
        var scalar = BlockGenerator(state: (split(), split(), split(), split()))
        for _ in 0..<1000 { #expect(scalar.next() == reference.next()) }

        var source = SeededGenerator(seed: 7)
        let words = (0..<16).map { _ in source.next() }
        var lanes = LaneGenerator(s0: .init(words[0], words[1], words[2], words[3]), s1: .init(words[4], words[5], words[6], words[7]),
                                  s2: .init(words[8], words[9], words[10], words[11]), s3: .init(words[12], words[13], words[14], words[15]))
        var singles = (0..<4).map { L in BlockGenerator(state: (words[L], words[4 + L], words[8 + L], words[12 + L])) }
        for _ in 0..<1000 {
            let u = lanes.next()
            for L in 0..<4 {
                #expect(u[L] == Double(singles[L].next() >> 12) * 0x1p-52)
                #expect(u[L] >= 0 && u[L] < 1)
            }
        }
    }

    /// Dirichlet(1, …, 1) on n = 4: each weight has CDF 1 − (1 − t)³, mean 1/4, and
    /// E[w_i·w_j] = 1/(n(n + 1)) = 1/20 for i ≠ j; every vector is nonnegative and sums to 1.
    @Test func simplexSamplerIsUniformOnTheSimplex() {
        let n = 4, lanes = 128, batches = 400
        let sampler = SimplexSampler(dimension: n)
        var source = SeededGenerator(seed: 5)
        var generator = LaneGenerator(&source)
        let weights = UnsafeMutablePointer<Double>.allocate(capacity: n * lanes)
        defer { weights.deallocate() }
        var below = [Double](repeating: 0, count: n), means = below, cross = 0.0, worstSum = 0.0
        let t = 0.2, total = Double(lanes * batches)
        for _ in 0..<batches {
            sampler.sample(lanes, into: weights, lanes: lanes, generator: &generator)
            for d in 0..<lanes {
                var sum = 0.0
                for j in 0..<n {
                    let w = weights[j * lanes + d]
                    #expect(w >= 0)
                    sum += w
                    means[j] += w / total
                    if w <= t { below[j] += 1 / total }
                }
                cross += weights[d] * weights[lanes + d] / total
                worstSum = Swift.max(worstSum, abs(sum - 1))
            }
        }
        #expect(worstSum < 1e-15)
        let p = 1 - (1 - t) * (1 - t) * (1 - t)
        for j in 0..<n {
            expectClose(below[j], p, tolerance: 4 * (p * (1 - p) / total).squareRoot(), "P(w\(j + 1) ≤ 0.2)")
            expectClose(means[j], 0.25, tolerance: 4 * (3.0 / 80).squareRoot() / total.squareRoot(), "E w\(j + 1)")
        }
        expectClose(cross, 1.0 / 20, tolerance: 1e-3, "E[w1 w2]")

        // One criterion: the weight is always 1.
        let one = SimplexSampler(dimension: 1)
        one.sample(lanes, into: weights, lanes: lanes, generator: &generator)
        #expect((0..<lanes).allSatisfy { weights[$0] == 1 })
    }

    /// Four alternatives on two criteria, w1 = t ~ U(0, 1): u_A = t, u_B = 1 − t, u_C = 0.6,
    /// u_D = 0.3. Reading the orders off the breakpoints 0.3, 0.4, 0.5, 0.6, 0.7 gives the
    /// acceptabilities below.
    @Test func fourAlternativesAnalytic() throws {
        let matrix = try makeMatrix([[1, 0], [0, 1], [0.6, 0.6], [0.3, 0.3]])
        let result = try SMAA(draws: 200_000, seed: 99, threads: 2).run(matrix)
        let expected: [[Double]] = [[0.4, 0.1, 0.2, 0.3], [0.4, 0.1, 0.2, 0.3], [0.2, 0.8, 0, 0], [0, 0, 0.6, 0.4]]
        for (i, row) in expected.enumerated() {
            for (r, b) in row.enumerated() {
                let tolerance = Swift.max(4 * (b * (1 - b) / 200_000).squareRoot(), 1e-15)
                expectClose(result.acceptability[i][r], b, tolerance: tolerance, "b_\(i + 1)^\(r + 1)")
            }
        }
        // C leads for t in (0.4, 0.6): central weights (0.5, 0.5).
        expectClose(result.centralWeights[2] ?? [], [0.5, 0.5], tolerance: 2e-3, "w^c C")
        #expect(result.centralWeights[3] == nil)
    }

    /// One criterion, exact values with a tie: every draw gives ranks 1, 4, 2, 2.
    @Test func exactTiesShareARank() throws {
        let result = try SMAA(draws: 1000, seed: 1).run(try makeMatrix([[3], [1], [2], [2]]))
        #expect(result.acceptability == [[1, 0, 0, 0], [0, 0, 0, 1], [0, 1, 0, 0], [0, 1, 0, 0]])
        #expect(result.centralWeights[0] == [1])

        let pair = try SMAA(draws: 100_000, seed: 2).run(try makeMatrix([[1, 0], [0, 1]]))
        expectClose(pair.acceptability[0][0], 0.5, tolerance: 4 * 0.5 / 100_000.0.squareRoot(), "two alternatives")
        #expect(pair.acceptability[0][0] + pair.acceptability[0][1] == 1)
    }
}

/// The parallel, vectorized TOPSIS passes against plain formulas.
@Suite struct TOPSISKernelTests {
    /// Sum normalization (reciprocal cost column) and min-max, above the parallel threshold and
    /// with a length that is not a multiple of 4; `evaluate` and `closeness` agree exactly.
    @Test func largeProblemsMatchPlainFormulasForEveryNormalization() throws {
        let m = 66_003
        let columns: [[Double]] = [
            (0..<m).map { Double(($0 * 37) % 1009 + 1) },
            (0..<m).map { Double(($0 * 53) % 997 + 1) / 7 },
            (0..<m).map { Double(($0 * 11) % 101 + 1) },
        ]
        let directions: [CriterionDirection] = [.benefit, .cost, .cost]
        let weights = [0.5, 0.3, 0.2]
        for normalization in [Normalization.sum, .minMax, .max] {
            let topsis = TOPSIS(normalization: normalization)
            let closeness = try topsis.closeness(columnMajor: columns.flatMap { $0 }, alternativeCount: m,
                                                 weights: weights, directions: directions)
            let v = columns.enumerated().map { j, column -> [Double] in
                let lo = column.min()!, hi = column.max()!, sum = column.reduce(0, +)
                let r: [Double]
                switch (normalization, directions[j]) {
                case (.sum, .benefit): r = column.map { $0 / sum }
                case (.sum, .cost):
                    let reciprocal = column.reduce(0) { $0 + 1 / $1 }
                    r = column.map { (1 / $0) / reciprocal }
                case (.minMax, .benefit): r = column.map { ($0 - lo) / (hi - lo) }
                case (.minMax, .cost): r = column.map { (hi - $0) / (hi - lo) }
                case (_, .benefit): r = column.map { $0 / hi }
                default: r = column.map { 1 - $0 / hi }
                }
                return r.map { weights[j] * $0 }
            }
            let ideal = v.map { $0.max()! }, anti = v.map { $0.min()! }
            var worst = 0.0
            for i in stride(from: 0, to: m, by: 89) {
                let dPlus = (0..<3).reduce(0.0) { $0 + (v[$1][i] - ideal[$1]) * (v[$1][i] - ideal[$1]) }.squareRoot()
                let dMinus = (0..<3).reduce(0.0) { $0 + (v[$1][i] - anti[$1]) * (v[$1][i] - anti[$1]) }.squareRoot()
                worst = Swift.max(worst, abs(closeness[i] - dMinus / (dPlus + dMinus)))
            }
            #expect(worst < 1e-12, "\(normalization)")

            let matrix = try DecisionMatrix(alternatives: (0..<m).map { "A\($0)" },
                                            criteria: directions.indices.map { Criterion("C\($0)", direction: directions[$0]) },
                                            columnMajor: columns.flatMap { $0 })
            let result = try topsis.evaluate(matrix, weights: weights)
            #expect(result.scoreValues == closeness, "\(normalization)")
            guard case .topsis(let details) = result.details else {
                Issue.record("no TOPSIS details")
                continue
            }
            #expect(details.distanceToIdeal.count == m && details.distanceToAntiIdeal.count == m)
            for i in stride(from: 0, to: m, by: 1013) {
                let total = details.distanceToIdeal[i] + details.distanceToAntiIdeal[i]
                #expect(closeness[i] == details.distanceToAntiIdeal[i] / total)
            }
        }
    }

    /// Column statistics in vector lanes and stretches agree with a left-to-right pass.
    @Test func columnStatisticsMatchASequentialPass() {
        let column = (0..<5_003).map { Double(($0 * 7919) % 10_007) / 3 - 500 }
        let lanes = column.withUnsafeBufferPointer { Normalization.ColumnStatistics($0) }
        var plain = Normalization.ColumnStatistics()
        for x in column { plain.add(x) }
        #expect(lanes.low == plain.low && lanes.high == plain.high)
        expectClose(lanes.sum, plain.sum, tolerance: 1e-12 * abs(plain.sum) + 1e-9, "sum")
        expectClose(lanes.squares, plain.squares, tolerance: 1e-12 * plain.squares, "squares")
    }
}

import Foundation
import Probability

/// The precomputed SMAA problem and its vectorized simulation kernel (one workspace
/// allocation per block, none per draw).
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

    /// Candidate weight vectors per batch (a multiple of 8): weights, utilities and ranks are
    /// built for a whole batch at a time, one criterion or alternative per contiguous row, so
    /// that the work runs in vector operations across draws.
    static let batchSize = 128

    /// Simulates `draws` accepted draws (or stops after `maximumAttempts` candidate weight
    /// vectors). All buffers are allocated once, before the loop.
    ///
    /// Candidates are drawn in batches of ``batchSize``; each candidate's weights are the `n`
    /// spacings of `n − 1` sorted uniforms (see ``SimplexSampler``), for a rank order sorted
    /// again and permuted; Dirichlet weights are normalized gammas drawn draw by draw (see
    /// ``sampleDirichlet(_:alphas:into:lanes:generator:)``). Uncertain values are then drawn for
    /// the accepted candidates, in order. The block's random words come from a ``LaneGenerator``
    /// (uniform weights), a ``BlockGenerator`` (values) and a second ``BlockGenerator``
    /// (Dirichlet weights), seeded in that order from the first words of `start`.
    ///
    /// With exact values, alternatives are compared through `u_i − u_1 = Σ_j w_j·(v_ij − v_1j)`
    /// (one dot product fewer; identical alternatives still tie exactly).
    func simulate(draws: Int, generator start: SeededGenerator, maximumAttempts: Int) -> Tally {
        var source = start
        var generator = BlockGenerator(&source), laneGenerator = LaneGenerator(&source)
        var dirichletGenerator = BlockGenerator(&source)
        var tally = Tally(m: m, n: n)
        let m = m, n = n, lanes = Self.batchSize, exact = isExact
        let sampler = SimplexSampler(dimension: n)
        // Rows of `lanes` doubles: weights (n), utilities (m), rank-1 masks (m), acceptance (1);
        // then the partial values (m·n), their differences to alternative 1 by alternative
        // (m·n), and slots of 8 for the vector accumulators of central weights (m·n, 4 lanes
        // used) and rank counts (m·m, 8 lanes).
        let rows = 2 * m + n + 1
        let capacity = rows * lanes + 2 * m * n + 8 * m * n + 8 * m * m
        let workspace = UnsafeMutableRawPointer.allocate(byteCount: 8 * capacity, alignment: 64)
            .initializeMemory(as: Double.self, repeating: 0, count: capacity)
        defer { workspace.deallocate() }
        let weights = workspace, utilities = weights + n * lanes, firsts = utilities + m * lanes
        let accept = firsts + m * lanes, values = accept + lanes, differences = values + m * n
        let sums = differences + m * n, rankSums = sums + 8 * m * n
        values.update(from: partialValues, count: m * n)
        for i in 0..<m {
            for j in 0..<n { differences[i * n + j] = values[j * m + i] - values[j * m] }
        }
        var rankOrder: [Int] = [], low: [Double] = [], high: [Double] = [], alphas: [Double] = []
        switch constraints {
        case .uniform: break
        case .dirichlet(let parameters): alphas = parameters
        case .rankOrder(let order): rankOrder = order
        case .intervals(let lowBounds, let highBounds): (low, high) = (lowBounds, highBounds)
        }
        let rankNetwork = SortingNetwork(size: rankOrder.isEmpty ? 0 : n)
        let permuted = rankOrder.isEmpty ? nil : UnsafeMutablePointer<Double>.allocate(capacity: n * lanes)
        defer { permuted?.deallocate() }
        permuted?.initialize(repeating: 0, count: n * lanes)
        var accepted = 0, attempts = 0, lastSize = -1
        while accepted < draws && attempts < maximumAttempts {
            let size = Swift.min(lanes, draws - accepted, maximumAttempts - attempts)
            attempts += size
            if !alphas.isEmpty {
                Self.sampleDirichlet(size, alphas: alphas, into: weights, lanes: lanes, generator: &dirichletGenerator)
            } else if let permuted {
                // Sorted increasing, then the largest weight goes to the most important criterion.
                sampler.sample(size, into: permuted, lanes: lanes, generator: &laneGenerator)
                rankNetwork.sort(permuted, lanes: lanes)
                for (position, j) in rankOrder.enumerated() {
                    (weights + j * lanes).update(from: permuted + (n - 1 - position) * lanes, count: lanes)
                }
            } else {
                sampler.sample(size, into: weights, lanes: lanes, generator: &laneGenerator)
            }
            if !low.isEmpty {
                var batchAccepted = 0
                for d in 0..<lanes {
                    var ok = d < size
                    if ok {
                        for j in 0..<n {
                            let w = weights[j * lanes + d]
                            if w < low[j] || w > high[j] { ok = false; break }
                        }
                    }
                    accept[d] = ok ? 1 : 0
                    if ok { batchAccepted += 1 }
                }
                accepted += batchAccepted
            } else {
                if size != lastSize {
                    for d in 0..<lanes { accept[d] = d < size ? 1 : 0 }
                    lastSize = size
                }
                accepted += size
            }
            if exact {
                for i in 1..<m { Self.dot(weights, differences + i * n, n: n, into: utilities + i * lanes, lanes: lanes) }
            } else {
                for d in 0..<size where accept[d] != 0 {
                    for (k, index) in uncertainIndices.enumerated() {
                        let j = uncertainCriteria[k]
                        values[index] = offsets[j] + slopes[j] * uncertainValues[k].sample(using: &generator)
                    }
                    for i in 0..<m {
                        var u = 0.0
                        for j in 0..<n { u += weights[j * lanes + d] * values[j * m + i] }
                        utilities[i * lanes + d] = u
                    }
                }
            }
            Self.tally(utilities: utilities, accept: accept, weights: weights, masks: firsts, sums: sums,
                       rankSums: rankSums, m: m, n: n, lanes: lanes)
        }
        for k in 0..<(m * n) { tally.centralSums[k] = Vector.load(sums + 8 * k).sum() }
        for i in 0..<m {
            var counted = 0
            for r in 0..<(m - 1) {
                let count = Int(Wide.load(rankSums + 8 * (i * m + r)).sum())
                tally.counts[i * m + r] = count
                counted += count
            }
            tally.counts[i * m + m - 1] = accepted - counted
        }
        tally.accepted = accepted
        tally.attempts = attempts
        return tally
    }

    /// Dirichlet(`alphas`) weight vectors for lanes `0..<count`, criterion `j` of draw `d` at
    /// `weights[j·lanes + d]`: per draw, `l_j = log Gamma(α_j, 1)` for every `α_j > 0` in
    /// criterion order, then `w_j = exp(l_j − max l)/Σ_k exp(l_k − max l)` (no underflow for
    /// small `α_j`); `w_j = 0` where `α_j = 0`. Lanes from `count` on are left as they were.
    @inline(__always)
    static func sampleDirichlet(
        _ count: Int, alphas: [Double], into weights: UnsafeMutablePointer<Double>, lanes: Int,
        generator: inout BlockGenerator
    ) {
        let n = alphas.count
        for d in 0..<count {
            var largest = -Double.infinity
            for j in 0..<n where alphas[j] > 0 {
                let l = generator.nextLogStandardGamma(shape: alphas[j])
                weights[j * lanes + d] = l
                largest = Swift.max(largest, l)
            }
            var total = 0.0
            for j in 0..<n {
                let w = alphas[j] > 0 ? exp(weights[j * lanes + d] - largest) : 0
                weights[j * lanes + d] = w
                total += w
            }
            for j in 0..<n { weights[j * lanes + d] /= total }
        }
    }

    /// `out[d] = Σ_j w[j·lanes + d]·c[j]` for every lane `d`.
    @inline(__always)
    private static func dot(
        _ w: UnsafeMutablePointer<Double>, _ c: UnsafeMutablePointer<Double>, n: Int,
        into out: UnsafeMutablePointer<Double>, lanes: Int
    ) {
        var d = 0
        while d < lanes {
            var row = w + d
            var total = Wide.load(row) * c[0]
            for j in 1..<n {
                row += lanes
                total += Wide.load(row) * c[j]
            }
            total.store(out + d)
            d &+= Wide.scalarCount
        }
    }

    /// Competition ranks `1 + #{k : u_k > u_i}` of the accepted lanes into the 8-lane rank
    /// counters `rankSums[(i·m + r)·8 …]` (for `r < m − 1`), and the weights of each lane's rank-1 alternatives
    /// into the 4-lane accumulators at `sums[(i·n + j)·8]`.
    @inline(__always)
    private static func tally(
        utilities u: UnsafeMutablePointer<Double>, accept: UnsafeMutablePointer<Double>,
        weights: UnsafeMutablePointer<Double>, masks: UnsafeMutablePointer<Double>,
        sums: UnsafeMutablePointer<Double>, rankSums: UnsafeMutablePointer<Double>, m: Int, n: Int, lanes: Int
    ) {
        let zero = Wide(repeating: 0), one = Wide(repeating: 1)
        for i in 0..<m {
            let mask = masks + i * lanes, counters = rankSums + 8 * i * m
            var d = 0
            while d < lanes {
                let ui = Wide.load(u + i * lanes + d), ok = Wide.load(accept + d)
                var better = zero
                for k in 0..<m where k != i {
                    better += zero.replacing(with: one, where: Wide.load(u + k * lanes + d) .> ui)
                }
                // Rank 1 (r = 0) is the mask itself; rank m (r = m − 1) is what remains of the
                // accepted draws, so only the ranks in between are counted here.
                let first = zero.replacing(with: ok, where: better .== zero)
                first.store(mask + d)
                (Wide.load(counters) + first).store(counters)
                for r in 1..<(m - 1) {
                    let counter = counters + 8 * r
                    (Wide.load(counter) + zero.replacing(with: ok, where: better .== Wide(repeating: Double(r)))).store(counter)
                }
                d &+= Wide.scalarCount
            }
            // Four criteria at a time share each load of the mask.
            var j = 0
            while j &+ 4 <= n {
                let base = sums + 8 * (i * n + j), w = weights + j * lanes
                var t0 = Vector.load(base), t1 = Vector.load(base + 8), t2 = Vector.load(base + 16), t3 = Vector.load(base + 24)
                d = 0
                while d < lanes {
                    let k = Vector.load(mask + d), row = w + d
                    t0 += k * Vector.load(row)
                    t1 += k * Vector.load(row + lanes)
                    t2 += k * Vector.load(row + 2 &* lanes)
                    t3 += k * Vector.load(row + 3 &* lanes)
                    d &+= Vector.scalarCount
                }
                t0.store(base)
                t1.store(base + 8)
                t2.store(base + 16)
                t3.store(base + 24)
                j &+= 4
            }
            while j < n {
                let base = sums + 8 * (i * n + j), w = weights + j * lanes
                var total = Vector.load(base)
                d = 0
                while d < lanes {
                    total += Vector.load(mask + d) * Vector.load(w + d)
                    d &+= Vector.scalarCount
                }
                total.store(base)
                j &+= 1
            }
        }
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

/// Four doubles (two SSE2 registers), the unit of the sorting network's loops.
typealias Vector = SIMD4<Double>
/// Eight doubles, the unit of the dot-product and tally loops.
typealias Wide = SIMD8<Double>

extension SIMD where Scalar == Double {
    /// Loads `Self.scalarCount` doubles from `pointer` (no alignment needed).
    @inline(__always)
    static func load(_ pointer: UnsafeMutablePointer<Double>) -> Self {
        UnsafeRawPointer(pointer).loadUnaligned(as: Self.self)
    }

    /// Stores the lanes to `pointer` (no alignment needed).
    @inline(__always)
    func store(_ pointer: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: self, as: Self.self)
    }
}

/// Exact uniform sampling on the simplex `{w ≥ 0, Σw = 1}` without logarithms: the `n` spacings
/// `s_(1), s_(2) − s_(1), …, 1 − s_(n−1)` of `n − 1` sorted i.i.d. uniforms are uniformly
/// distributed on the simplex (Devroye, *Non-Uniform Random Variate Generation*, 1986, §V.2.2
/// "uniform spacings"; Rubinstein & Kroese, *Simulation and the Monte Carlo Method*, 2017,
/// Algorithm 4.9.1 on the Dirichlet(1, …, 1) distribution). The uniforms are sorted with a fixed
/// sorting network (branch-free, so a batch of draws sorts in vectorized passes).
struct SimplexSampler {
    let dimension: Int
    let network: SortingNetwork

    init(dimension: Int) {
        self.dimension = dimension
        network = SortingNetwork(size: Swift.max(dimension - 1, 0))
    }

    /// Weight vectors for lanes `0..<count`, criterion `j` of draw `d` at `weights[j·lanes + d]`
    /// (lanes from `count` on are left finite but meaningless). Draws `4q ..< 4q + 4` take their
    /// `n − 1` uniforms from the four lanes of the ``LaneGenerator``, one lane per draw.
    @inline(__always)
    func sample(_ count: Int, into weights: UnsafeMutablePointer<Double>, lanes: Int, generator: inout LaneGenerator) {
        let k = dimension - 1
        generator.fill(weights, rows: k, count: count, lanes: lanes)
        network.sort(weights, lanes: lanes)
        // Spacings, in place from the last row down.
        let last = weights + k * lanes
        guard k > 0 else {
            for d in 0..<lanes { last[d] = 1 }
            return
        }
        var d = 0
        let one = Vector(repeating: 1)
        while d < lanes {
            (one - Vector.load(last - lanes + d)).store(last + d)
            d &+= Vector.scalarCount
        }
        var j = k - 1
        while j > 0 {
            let row = weights + j * lanes
            d = 0
            while d < lanes {
                (Vector.load(row + d) - Vector.load(row - lanes + d)).store(row + d)
                d &+= Vector.scalarCount
            }
            j -= 1
        }
    }
}

/// Batcher's merge-exchange sorting network for any size (Knuth, *The Art of Computer
/// Programming* vol. 3, §5.2.2, Algorithm M): a fixed list of compare-exchanges, so sorting is
/// branch-free and each compare-exchange runs over a whole batch of rows at once.
struct SortingNetwork {
    /// Compare-exchange pairs `(a, b)`, `a < b`, flattened.
    let pairs: [Int]

    init(size: Int) {
        var pairs: [Int] = []
        if size > 1 {
            var t = 0
            while (1 << t) < size { t += 1 }
            var p = 1 << (t - 1)
            while p > 0 {
                var q = 1 << (t - 1), r = 0, d = p
                while true {
                    for i in 0..<(size - d) where i & p == r { pairs += [i, i + d] }
                    if q == p { break }
                    d = q - p
                    q >>= 1
                    r = p
                }
                p >>= 1
            }
        }
        self.pairs = pairs
    }

    /// Sorts, for each lane `d < lanes` (a multiple of 4), the column `rows[0·lanes + d],
    /// rows[1·lanes + d], …` increasingly.
    @inline(__always)
    func sort(_ rows: UnsafeMutablePointer<Double>, lanes: Int) {
        pairs.withUnsafeBufferPointer { pairs in
            var k = 0
            while k < pairs.count {
                let a = rows + pairs[k] * lanes, b = rows + pairs[k + 1] * lanes
                var d = 0
                while d < lanes {
                    let x = Vector.load(a + d), y = Vector.load(b + d)
                    let swap = y .< x
                    x.replacing(with: y, where: swap).store(a + d)
                    y.replacing(with: x, where: swap).store(b + d)
                    d &+= Vector.scalarCount
                }
                k += 2
            }
        }
    }
}

/// xoshiro256** (the algorithm of ``SeededGenerator``) on a local state, so that it inlines
/// into the simulation kernel. A block's state is the next four words of that block's
/// ``SeededGenerator`` stream (one jump per block apart), so the blocks stay reproducible and
/// independent of the thread count.
struct BlockGenerator: RandomNumberGenerator {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    init(_ source: inout SeededGenerator) {
        s0 = source.next()
        s1 = source.next()
        s2 = source.next()
        s3 = source.next()
        // The all-zero state is a fixed point; four consecutive outputs are never all zero in
        // practice, but guard anyway.
        if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }
    }

    /// A generator with the given state (not all zero); for tests.
    init(state: (UInt64, UInt64, UInt64, UInt64)) {
        (s0, s1, s2, s3) = state
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// `(next() >> 11)·2⁻⁵³`, uniform on `[0, 1)`.
    @inline(__always)
    mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }
}

/// Four independent xoshiro256** generators in the lanes of 4-wide integer vectors (SSE2
/// shifts, adds and xors), for the weight uniforms. Lane `L`'s state words are the `source`
/// words `L, 4 + L, 8 + L, 12 + L`; a uniform is `(x >> 12)·2⁻⁵²` on `[0, 1)`, built by
/// placing the top 52 bits of the output `x` in the mantissa of a double in `[1, 2)`.
struct LaneGenerator {
    typealias Words = SIMD4<UInt64>
    private var s0: Words
    private var s1: Words
    private var s2: Words
    private var s3: Words

    init(_ source: inout SeededGenerator) {
        func words() -> Words { Words(source.next(), source.next(), source.next(), source.next()) }
        s0 = words()
        s1 = words()
        s2 = words()
        s3 = words()
        // The all-zero state is a fixed point; 64 random bits per word make it impossible in
        // practice, but guard anyway.
        s0.replace(with: 0x9E37_79B9_7F4A_7C15, where: (s0 | s1 | s2 | s3) .== 0)
    }

    /// Lanes with the given state words (lane `L`: `s0[L], s1[L], s2[L], s3[L]`); for tests.
    init(s0: Words, s1: Words, s2: Words, s3: Words) {
        (self.s0, self.s1, self.s2, self.s3) = (s0, s1, s2, s3)
    }

    /// One uniform per lane.
    @inline(__always)
    mutating func next() -> SIMD4<Double> {
        let x = s1 &+ (s1 &<< 2)  // s1·5
        // Rotations written with `&+` (the halves share no bits): spelled with `|`, LLVM forms
        // a rotate, which SSE2 lacks, and falls back to scalar code.
        let rotated = (x &<< 7) &+ (x &>> 57)
        let result = rotated &+ (rotated &<< 3)  // ·9
        let t = s1 &<< 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = (s3 &<< 45) &+ (s3 &>> 19)
        let bits = (result &>> 12) | Words(repeating: 0x3FF0_0000_0000_0000)
        return unsafeBitCast(bits, to: SIMD4<Double>.self) - 1
    }

    /// Uniforms into `rows[j·lanes + d]` for `j < k` and `d` below `count` rounded up to a
    /// multiple of 4 (`lanes` is one): each group of four draws takes one vector per row.
    @inline(__always)
    mutating func fill(_ rows: UnsafeMutablePointer<Double>, rows k: Int, count: Int, lanes: Int) {
        var copy = self
        var d = 0
        while d < count {
            var p = UnsafeMutableRawPointer(rows + d)
            for _ in 0..<k {
                p.storeBytes(of: copy.next(), as: SIMD4<Double>.self)
                p += 8 &* lanes
            }
            d &+= 4
        }
        self = copy
    }
}

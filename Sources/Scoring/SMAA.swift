import Dispatch
import Foundation
import Probability

/// SMAA-2, Stochastic Multicriteria Acceptability Analysis (Lahdelma & Salminen 2001), by
/// Monte Carlo simulation.
///
/// ## Model
/// Additive value `u(x_i, w) = Σ_j w_j·u_j(x_ij)` with linear partial values over each
/// criterion's plausible range `[lo_j, hi_j]` (the union over alternatives of the point
/// values, interval and triangular supports, and `mean ± 3·sd` of normals):
/// `u_j(x) = (x − lo_j)/(hi_j − lo_j)` for benefit, `(hi_j − x)/(hi_j − lo_j)` for cost, and 0
/// on a constant criterion. Each draw takes a weight vector (see ``SMAAWeightConstraints``)
/// and, independently, one value from every uncertain cell (``CriterionValue``); ranks are
/// competition ranks `1 + #{k : u_k > u_i}`.
///
/// ## Sampling
/// Uniform weights on the simplex are the `n` spacings `s₍₁₎, s₍₂₎ − s₍₁₎, …, 1 − s₍ₙ₋₁₎` of
/// `n − 1` sorted i.i.d. uniforms, an exact Dirichlet(1, …, 1) sampler without logarithms
/// (Devroye, *Non-Uniform Random Variate Generation*, Springer 1986, §V.2.2; Rubinstein &
/// Kroese, *Simulation and the Monte Carlo Method*, 3rd ed. 2017, §4.9). The uniforms are
/// sorted by a fixed compare-exchange network (Batcher's merge exchange, Knuth TAOCP vol. 3,
/// §5.2.2, Algorithm M), which runs branch-free over batches of 128 draws held criterion by
/// criterion, so that sorting, utilities, ranks and tallies all run in vector operations
/// across draws. (Earlier versions normalized i.i.d. exponentials `−ln u`; the distribution
/// is the same, the random streams are not.) Weights centred on stated ones
/// (``SMAAWeightConstraints/dirichlet(center:concentration:)``) are normalized gamma variates,
/// drawn one weight vector at a time.
///
/// ## Outputs (see ``SMAAResult``)
/// Rank acceptability `b_i^r = #{draws with rank_i = r}/N`, central weights
/// `w_i^c = mean of w over draws with rank_i = 1`, confidence factors `p_i^c` (share of
/// ``confidenceDraws`` value draws in which `i` ranks first with weights `w_i^c`; exact 0 or 1
/// when every value is exact), standard errors `√(b(1 − b)/N)`.
///
/// ## Reproducibility
/// Draws are split into fixed blocks of ``blockSize``; block `b` uses the seed's generator
/// advanced by `b` jumps (2^128 steps each). Within a block, the first 24 words of that stream
/// seed the kernel's own inlined xoshiro256** generators: one for uncertain values, four
/// lanes (one per draw of each group of four) for the uniform weights' uniforms, which are
/// `(x >> 12)·2⁻⁵²`, and one for Dirichlet weights. Blocks are merged in block order, so a seed gives bit-identical results
/// for any ``threads``. Confidence factors use the generator after one long jump, the interval
/// pilot the one after two.
public struct SMAA: Sendable, Hashable {
    /// Draws per block (the unit of parallel work and of stream assignment).
    public static let blockSize = 16_384
    /// Candidates in the pilot that estimates the acceptance rate of interval constraints.
    public static let pilotDraws = 20_000

    /// Accepted Monte Carlo draws `N`; the standard error of an acceptability `b` is
    /// `√(b(1 − b)/N) ≤ 0.5/√N`.
    public var draws: Int
    /// Seed of the ``SeededGenerator``.
    public var seed: UInt64
    /// The admissible weights.
    public var constraints: SMAAWeightConstraints
    /// Value draws per confidence factor (ignored when every value is exact).
    public var confidenceDraws: Int
    /// Worker threads (results do not depend on it); by default the active processor count
    /// (2 on the development machines). At most one worker per block of ``blockSize`` draws
    /// runs, so runs of up to one block stay on the calling thread.
    public var threads: Int
    /// Smallest acceptable share of weight draws satisfying interval constraints; default
    /// 1e−3, i.e. at most ~1000 candidates per accepted draw.
    public var minimumAcceptanceRate: Double

    public init(
        draws: Int = 10_000, seed: UInt64, constraints: SMAAWeightConstraints = .uniform,
        confidenceDraws: Int = 10_000, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
        minimumAcceptanceRate: Double = 1e-3
    ) {
        self.draws = draws
        self.seed = seed
        self.constraints = constraints
        self.confidenceDraws = confidenceDraws
        self.threads = threads
        self.minimumAcceptanceRate = minimumAcceptanceRate
    }

    /// Runs the simulation on `matrix`.
    /// - Throws: ``ScoringError`` for invalid settings or constraints, or a too-low acceptance rate.
    public func run(_ matrix: DecisionMatrix) throws(ScoringError) -> SMAAResult {
        guard draws >= 1 else { throw .invalidParameter(name: "draws", value: Double(draws), requirement: "≥ 1") }
        guard confidenceDraws >= 1 else {
            throw .invalidParameter(name: "confidenceDraws", value: Double(confidenceDraws), requirement: "≥ 1")
        }
        guard threads >= 1 else { throw .invalidParameter(name: "threads", value: Double(threads), requirement: "≥ 1") }
        let model = SMAAModel(matrix, constraints: try ResolvedWeightConstraints(constraints, criteria: matrix.criteria))
        let base = SeededGenerator(seed: seed)
        if case .intervals = model.constraints {
            var pilot = base
            pilot.longJump()
            pilot.longJump()
            let tally = model.simulate(draws: Self.pilotDraws, generator: pilot, maximumAttempts: Self.pilotDraws)
            let rate = Double(tally.accepted) / Double(Self.pilotDraws)
            guard rate >= minimumAcceptanceRate else { throw .lowAcceptanceRate(rate: rate, minimum: minimumAcceptanceRate) }
        }
        let tally = simulateInBlocks(model, base: base)
        return summarize(tally, model: model, matrix: matrix, base: base)
    }

    private func simulateInBlocks(_ model: SMAAModel, base: SeededGenerator) -> SMAAModel.Tally {
        let blockCount = (draws + Self.blockSize - 1) / Self.blockSize
        let generators = base.streams(count: blockCount)
        let collector = TallyCollector(count: blockCount)
        // Caps rejection sampling so a pathological block cannot loop forever.
        let attemptCap = Int((Double(Self.blockSize) / minimumAcceptanceRate * 100).rounded(.up))
        let work: @Sendable (Int) -> Void = { block in
            let size = Swift.min(Self.blockSize, draws - block * Self.blockSize)
            collector.store(model.simulate(draws: size, generator: generators[block], maximumAttempts: attemptCap), at: block)
        }
        if threads == 1 || blockCount == 1 {
            for block in 0..<blockCount { work(block) }
        } else {
            let workers = Swift.min(threads, blockCount)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for block in stride(from: worker, to: blockCount, by: workers) { work(block) }
            }
        }
        return collector.merged(model: model)
    }

    private func summarize(_ tally: SMAAModel.Tally, model: SMAAModel, matrix: DecisionMatrix, base: SeededGenerator) -> SMAAResult {
        let m = model.m, n = model.n
        let total = Double(Swift.max(tally.accepted, 1))
        let acceptability = (0..<m).map { i in (0..<m).map { r in Double(tally.counts[i * m + r]) / total } }
        let errors = acceptability.map { row in row.map { b in (b * (1 - b) / total).squareRoot() } }
        var confidence = base
        confidence.longJump()
        var centralWeights: [[Double]?] = [], factors: [Double?] = []
        for i in 0..<m {
            let firsts = tally.counts[i * m]
            guard firsts > 0 else {
                centralWeights.append(nil)
                factors.append(nil)
                continue
            }
            let weights = (0..<n).map { tally.centralSums[i * n + $0] / Double(firsts) }
            centralWeights.append(weights)
            let valueDraws = model.isExact ? 1 : confidenceDraws
            factors.append(model.shareRankedFirst(i, weights: weights, draws: valueDraws, generator: &confidence))
        }
        return SMAAResult(
            alternatives: matrix.alternatives, criteria: matrix.criteria.map(\.name), draws: tally.accepted,
            acceptanceRate: Double(tally.accepted) / Double(Swift.max(tally.attempts, 1)),
            acceptability: acceptability, standardErrors: errors, centralWeights: centralWeights,
            confidenceFactors: factors, weightModel: constraints)
    }
}

/// Collects block tallies from worker threads; merged in block order for reproducibility.
private final class TallyCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var tallies: [SMAAModel.Tally?]

    init(count: Int) {
        tallies = Array(repeating: nil, count: count)
    }

    func store(_ tally: SMAAModel.Tally, at index: Int) {
        lock.lock()
        tallies[index] = tally
        lock.unlock()
    }

    func merged(model: SMAAModel) -> SMAAModel.Tally {
        lock.lock()
        defer { lock.unlock() }
        var result = SMAAModel.Tally(m: model.m, n: model.n)
        for tally in tallies.compactMap({ $0 }) { result.add(tally) }
        return result
    }
}

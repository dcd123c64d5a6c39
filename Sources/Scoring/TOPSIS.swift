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
    /// path for very large problems (no per-alternative allocation besides the result; the
    /// distances live in registers only). Errors name alternatives `A1…` and criteria `C1…`
    /// by position.
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
                          alternatives: nil, criteria: criteria.map(\.name), distances: false).closeness
    }

    /// Alternatives per chunk of the distance pass (the unit of parallel work there).
    static let chunkSize = 4096
    /// Values per stretch of the column-statistics pass (the unit of parallel work there).
    static let statisticsStretch = 1 << 16
    /// Alternatives from which both passes are spread over all cores. Each alternative's
    /// distances depend on its own values only, and column statistics are merged stretch by
    /// stretch in a fixed order, so results do not depend on the thread count.
    static let parallelThreshold = 65_536

    private func kernel(
        _ values: [Double], alternativeCount m: Int, weights: [Double], directions: [CriterionDirection],
        alternatives: [String]?, criteria: [String], distances: Bool = true
    ) throws(ScoringError) -> TOPSISDetails {
        let n = weights.count
        let workers = m >= Self.parallelThreshold ? Swift.max(1, ProcessInfo.processInfo.activeProcessorCount) : 1
        let statistics = values.withUnsafeBufferPointer { Self.columnStatistics($0, m: m, n: n, workers: workers) }
        var transforms: [Normalization.ColumnTransform] = []
        transforms.reserveCapacity(n)
        for j in 0..<n {
            let result = values.withUnsafeBufferPointer { input in
                normalization.transform(UnsafeBufferPointer(rebasing: input[(j * m)..<((j + 1) * m)]),
                                        statistics: statistics[j], direction: directions[j])
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
        let columns = (0..<n).map { j in
            DistancePass.Column(a: weights[j] * transforms[j].offset,
                                b: transforms[j].isReciprocal ? transforms[j].slope : weights[j] * transforms[j].slope,
                                w: weights[j], isReciprocal: transforms[j].isReciprocal, high: ideal[j], low: antiIdeal[j])
        }
        let chunkCount = (m + Self.chunkSize - 1) / Self.chunkSize
        let distanceWorkers = Swift.min(workers, chunkCount)
        var plus: [Double] = [], minus: [Double] = []
        let closeness = values.withUnsafeBufferPointer { x in
            columns.withUnsafeBufferPointer { columns in
                [Double](unsafeUninitializedCapacity: m) { c, initialized in
                    let output = c.baseAddress!
                    let run = { (p: UnsafeMutablePointer<Double>?, q: UnsafeMutablePointer<Double>?) in
                        let pass = DistancePass(x: x.baseAddress!, m: m, columns: columns, closeness: output,
                                                plus: p, minus: q)
                        if distanceWorkers <= 1 {
                            pass.run(chunks: 0..<chunkCount, stride: 1, size: Self.chunkSize)
                        } else {
                            DispatchQueue.concurrentPerform(iterations: distanceWorkers) { worker in
                                pass.run(chunks: worker..<chunkCount, stride: distanceWorkers, size: Self.chunkSize)
                            }
                        }
                    }
                    if distances {
                        plus = [Double](unsafeUninitializedCapacity: m) { p, pCount in
                            minus = [Double](unsafeUninitializedCapacity: m) { q, qCount in
                                run(p.baseAddress!, q.baseAddress!)
                                qCount = m
                            }
                            pCount = m
                        }
                    } else {
                        run(nil, nil)
                    }
                    initialized = m
                }
            }
        }
        return TOPSISDetails(closeness: closeness, distanceToIdeal: plus, distanceToAntiIdeal: minus,
                             ideal: ideal, antiIdeal: antiIdeal)
    }

    /// Per-column statistics, computed in stretches of ``statisticsStretch`` values spread over
    /// `workers` and merged in stretch order (so the result does not depend on `workers`).
    private static func columnStatistics(
        _ values: UnsafeBufferPointer<Double>, m: Int, n: Int, workers: Int
    ) -> [Normalization.ColumnStatistics] {
        let stretches = (m + statisticsStretch - 1) / statisticsStretch
        let tasks = n * stretches
        let parts = [Normalization.ColumnStatistics](unsafeUninitializedCapacity: tasks) { parts, count in
            let output = SendablePointer(parts.baseAddress!)
            let input = SendablePointer(UnsafeMutablePointer(mutating: values.baseAddress!))
            let work: @Sendable (Int) -> Void = { task in
                let j = task / stretches, s = task % stretches
                let start = j * m + s * statisticsStretch, end = j * m + Swift.min(m, (s + 1) * statisticsStretch)
                (output.pointer + task).initialize(
                    to: Normalization.ColumnStatistics(UnsafeBufferPointer(start: input.pointer + start, count: end - start)))
            }
            let active = Swift.min(workers, tasks)
            if active <= 1 {
                for task in 0..<tasks { work(task) }
            } else {
                DispatchQueue.concurrentPerform(iterations: active) { worker in
                    for task in stride(from: worker, to: tasks, by: active) { work(task) }
                }
            }
            count = tasks
        }
        return (0..<n).map { j in
            var total = parts[j * stretches]
            for s in 1..<stretches { total.merge(parts[j * stretches + s]) }
            return total
        }
    }
}

/// A pointer handed to concurrent workers that write disjoint elements.
private struct SendablePointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}

/// The distance pass over chunks of alternatives: `C` (and, when asked, `D⁺`, `D⁻`) for
/// alternatives `chunk·size ..< (chunk + 1)·size`. Four alternatives at a time keep their
/// squared distances in registers while every column contributes (each column's values are
/// read once, 32 bytes at a time); chunks write disjoint ranges, so workers may run them
/// concurrently. Per alternative the arithmetic is that of the textbook loop, column by
/// column in order, so results do not depend on the grouping.
private struct DistancePass: @unchecked Sendable {
    struct Column {
        /// `v = a + b·x`, or `w·(b/x)` for a reciprocal column.
        let a: Double
        let b: Double
        let w: Double
        let isReciprocal: Bool
        /// Weighted ideal and anti-ideal.
        let high: Double
        let low: Double
    }

    typealias Lanes = SIMD4<Double>

    let x: UnsafePointer<Double>
    let m: Int
    let columns: UnsafeBufferPointer<Column>
    let closeness: UnsafeMutablePointer<Double>
    let plus: UnsafeMutablePointer<Double>?
    let minus: UnsafeMutablePointer<Double>?

    func run(chunks: Range<Int>, stride step: Int, size: Int) {
        let n = columns.count
        // Column constants splatted across the lanes: a, b, w, high, low.
        let table = UnsafeMutablePointer<Lanes>.allocate(capacity: 5 * n)
        defer { table.deallocate() }
        var anyReciprocal = false
        for (j, column) in columns.enumerated() {
            (table + 5 * j).initialize(to: Lanes(repeating: column.a))
            (table + 5 * j + 1).initialize(to: Lanes(repeating: column.b))
            (table + 5 * j + 2).initialize(to: Lanes(repeating: column.w))
            (table + 5 * j + 3).initialize(to: Lanes(repeating: column.high))
            (table + 5 * j + 4).initialize(to: Lanes(repeating: column.low))
            anyReciprocal = anyReciprocal || column.isReciprocal
        }
        for chunk in Swift.stride(from: chunks.lowerBound, to: chunks.upperBound, by: step) {
            let start = chunk * size, end = Swift.min(m, start + size)
            var i = start
            while i &+ 4 <= end {
                var p = Lanes(repeating: 0), q = Lanes(repeating: 0)
                var source = UnsafeRawPointer(x + i), constants = table
                if anyReciprocal {
                    for column in columns {
                        let value = source.loadUnaligned(as: Lanes.self)
                        let v = column.isReciprocal ? constants[2] * (constants[1] / value) : constants[0] + constants[1] * value
                        let dp = v - constants[3], dq = v - constants[4]
                        p += dp * dp
                        q += dq * dq
                        source += 8 &* m
                        constants += 5
                    }
                } else {
                    for _ in 0..<n {
                        let v = constants[0] + constants[1] * source.loadUnaligned(as: Lanes.self)
                        let dp = v - constants[3], dq = v - constants[4]
                        p += dp * dp
                        q += dq * dq
                        source += 8 &* m
                        constants += 5
                    }
                }
                let dPlus = p.squareRoot(), dMinus = q.squareRoot(), total = dPlus + dMinus
                let c = (dMinus / total).replacing(with: 0.5, where: .!(total .> 0))
                UnsafeMutableRawPointer(closeness + i).storeBytes(of: c, as: Lanes.self)
                if let plus { UnsafeMutableRawPointer(plus + i).storeBytes(of: dPlus, as: Lanes.self) }
                if let minus { UnsafeMutableRawPointer(minus + i).storeBytes(of: dMinus, as: Lanes.self) }
                i &+= 4
            }
            while i < end {
                var p = 0.0, q = 0.0
                for j in 0..<n {
                    let column = columns[j], value = x[j * m + i]
                    let v = column.isReciprocal ? column.w * (column.b / value) : column.a + column.b * value
                    p += (v - column.high) * (v - column.high)
                    q += (v - column.low) * (v - column.low)
                }
                let dPlus = p.squareRoot(), dMinus = q.squareRoot(), total = dPlus + dMinus
                closeness[i] = total > 0 ? dMinus / total : 0.5
                plus?[i] = dPlus
                minus?[i] = dMinus
                i += 1
            }
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

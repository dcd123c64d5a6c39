/// How raw criterion values are put on a common scale, and how cost criteria are turned.
///
/// Every normalization returns **benefit-oriented** values (larger is better), so that the
/// methods treat all columns alike. Per column, with `x` a value, `min`, `max` the column's
/// extremes, and `m` alternatives:
///
/// | case | benefit | cost | domain |
/// |---|---|---|---|
/// | ``none`` | `x` | not allowed | any |
/// | ``vector`` | `x/√(Σx²)` | `1 − x/√(Σx²)` | not all 0 |
/// | ``minMax`` | `(x − min)/(max − min)` | `(max − x)/(max − min)` | `max > min` |
/// | ``sum`` | `x/Σx` | `(1/x)/Σ(1/x)` | benefit `x ≥ 0`, `Σx > 0`; cost `x > 0` |
/// | ``max`` | `x/max` | `1 − x/max` | `x ≥ 0`, `max > 0` |
///
/// The vector cost rule `1 − r` (pyrepo-mcda's convention) shifts a cost column by a constant
/// and mirrors it. In TOPSIS, whose ideal is then the column maximum, the distance
/// `|(1 − r) − max(1 − r)| = |r − min r|` is exactly that of the classical scheme (keep `r`,
/// take the minimum as the ideal of a cost criterion), so closeness is unchanged. In a
/// weighted sum it adds the constant `w_j` to every score, which leaves the ranking unchanged.
public enum Normalization: String, Sendable, Hashable, CaseIterable {
    /// Raw values; only for benefit criteria.
    case none
    /// Euclidean (vector) normalization, the classical choice of TOPSIS.
    case vector
    /// Linear min-max scaling onto `[0, 1]`.
    case minMax = "minmax"
    /// Division by the column sum (cost: normalized reciprocals).
    case sum
    /// Division by the column maximum (cost: one minus that).
    case max

    /// The normalized matrix, column-major like ``DecisionMatrix/centralValues``.
    /// - Throws: ``ScoringError/constantCriterion(criterion:context:)``,
    ///   ``ScoringError/nonPositiveValue(alternative:criterion:value:context:)`` or
    ///   ``ScoringError/costCriterionWithoutNormalization(criterion:)`` outside the domain above.
    public func apply(to matrix: DecisionMatrix) throws(ScoringError) -> [Double] {
        var output: [Double] = []
        output.reserveCapacity(matrix.centralValues.count)
        for j in 0..<matrix.criterionCount { output += try apply(to: matrix, criterion: j) }
        return output
    }

    /// The normalized values of criterion `j` (0-based), one per alternative.
    public func apply(to matrix: DecisionMatrix, criterion j: Int) throws(ScoringError) -> [Double] {
        let m = matrix.alternativeCount
        let result = matrix.centralValues.withUnsafeBufferPointer { input in
            transform(UnsafeBufferPointer(rebasing: input[(j * m)..<((j + 1) * m)]), direction: matrix.criteria[j].direction)
        }
        switch result {
        case .success(let transform):
            return matrix.column(j).map { transform($0) }
        case .failure(let failure):
            throw failure.error(alternativeName: { matrix.alternatives[$0] }, criterion: matrix.criteria[j].name)
        }
    }

    /// Why a column could not be normalized.
    enum ColumnFailure: Error {
        case constant(context: String)
        case outOfDomain(index: Int, value: Double, requirement: String)
        case costWithoutNormalization

        /// The matching error; `alternativeName(i)` is only called when needed.
        func error(alternativeName: (Int) -> String, criterion: String) -> ScoringError {
            switch self {
            case .constant(let context): .constantCriterion(criterion: criterion, context: context)
            case .outOfDomain(let index, let value, let requirement):
                .nonPositiveValue(alternative: alternativeName(index), criterion: criterion, value: value, context: requirement)
            case .costWithoutNormalization: .costCriterionWithoutNormalization(criterion: criterion)
            }
        }
    }

    /// The map `x ↦ r` of one column: `offset + slope·x`, or `slope/x` for the reciprocal
    /// (sum-normalized cost) case; with the range of `r` over the column.
    struct ColumnTransform {
        let offset: Double
        let slope: Double
        let isReciprocal: Bool
        /// Smallest and largest normalized value in the column.
        let low: Double
        let high: Double

        @inline(__always)
        func callAsFunction(_ x: Double) -> Double { isReciprocal ? slope / x : offset + slope * x }
    }

    /// Extremes, sum and sum of squares of a column (or of a stretch of one).
    struct ColumnStatistics {
        var low = Double.infinity
        var high = -Double.infinity
        var sum = 0.0
        var squares = 0.0

        /// Columns from this length on are summed in four interleaved lanes (vectorized);
        /// shorter ones strictly left to right.
        static let laneThreshold = 1024

        /// The statistics of `column`, in one pass.
        init(_ column: UnsafeBufferPointer<Double>) {
            let count = column.count
            guard count >= Self.laneThreshold, let x = column.baseAddress else {
                for x in column { add(x) }
                return
            }
            let body = count & ~3
            let lanes = Self.lanes(x, count: body)
            let low = lanes.low.replacing(with: lanes.low2, where: lanes.low2 .< lanes.low)
            let high = lanes.high.replacing(with: lanes.high2, where: lanes.high2 .> lanes.high)
            let sum = lanes.sum + lanes.sum2, squares = lanes.squares + lanes.squares2
            self.low = Swift.min(low[0], low[1])
            self.high = Swift.max(high[0], high[1])
            self.sum = sum[0] + sum[1]
            self.squares = squares[0] + squares[1]
            var i = body
            while i < count {
                add(x[i])
                i += 1
            }
        }

        init() {}

        typealias Pair = SIMD2<Double>

        /// Two interleaved pairs of lanes over `x[0..<count]` (`count` a multiple of 4).
        /// `replacing(with:where:)` compiles to minpd/maxpd (`pointwiseMin` does not), and a
        /// separate function keeps the SLP vectorizer from re-packing the accumulators.
        @inline(never)
        static func lanes(_ x: UnsafePointer<Double>, count: Int)
            -> (low: Pair, low2: Pair, high: Pair, high2: Pair, sum: Pair, sum2: Pair, squares: Pair, squares2: Pair) {
            var low0 = Pair(repeating: .infinity), low1 = low0, high0 = -low0, high1 = high0
            var sum0 = Pair(repeating: 0), sum1 = sum0, squares0 = sum0, squares1 = sum0
            let raw = UnsafeRawPointer(x)
            var i = 0
            while i < count {
                let a = raw.loadUnaligned(fromByteOffset: 8 &* i, as: Pair.self)
                let b = raw.loadUnaligned(fromByteOffset: 8 &* i &+ 16, as: Pair.self)
                low0 = low0.replacing(with: a, where: a .< low0)
                low1 = low1.replacing(with: b, where: b .< low1)
                high0 = high0.replacing(with: a, where: a .> high0)
                high1 = high1.replacing(with: b, where: b .> high1)
                sum0 += a
                sum1 += b
                squares0 += a * a
                squares1 += b * b
                i &+= 4
            }
            return (low0, low1, high0, high1, sum0, sum1, squares0, squares1)
        }

        @inline(__always)
        mutating func add(_ x: Double) {
            low = Swift.min(low, x)
            high = Swift.max(high, x)
            sum += x
            squares += x * x
        }

        /// Combines the statistics of the next stretch of the same column.
        mutating func merge(_ other: ColumnStatistics) {
            low = Swift.min(low, other.low)
            high = Swift.max(high, other.high)
            sum += other.sum
            squares += other.squares
        }
    }

    /// The transform of one column (one pass over it), or why none exists.
    func transform(_ column: UnsafeBufferPointer<Double>, direction: CriterionDirection) -> Result<ColumnTransform, ColumnFailure> {
        transform(column, statistics: ColumnStatistics(column), direction: direction)
    }

    /// The transform of one column from its precomputed ``ColumnStatistics``; `column` is read
    /// again only to locate an out-of-domain value or for the reciprocal sum of a sum-normalized
    /// cost column.
    func transform(
        _ column: UnsafeBufferPointer<Double>, statistics: ColumnStatistics, direction: CriterionDirection
    ) -> Result<ColumnTransform, ColumnFailure> {
        let low = statistics.low, high = statistics.high, sum = statistics.sum, squares = statistics.squares
        let isCost = direction == .cost
        func outOfDomain(strictlyPositive: Bool, _ requirement: String) -> Result<ColumnTransform, ColumnFailure> {
            let index = column.firstIndex { strictlyPositive ? $0 <= 0 : $0 < 0 } ?? 0
            return .failure(.outOfDomain(index: index, value: column[index],
                                         requirement: "\(rawValue) normalization needs values \(requirement)"))
        }
        func affine(_ a: Double, _ b: Double) -> Result<ColumnTransform, ColumnFailure> {
            let ends = (a + b * low, a + b * high)
            return .success(ColumnTransform(offset: a, slope: b, isReciprocal: false,
                                            low: Swift.min(ends.0, ends.1), high: Swift.max(ends.0, ends.1)))
        }
        switch self {
        case .none:
            return isCost ? .failure(.costWithoutNormalization) : affine(0, 1)
        case .vector:
            guard squares > 0 else { return .failure(.constant(context: "vector normalization (all values 0)")) }
            let scale = 1 / squares.squareRoot()
            return isCost ? affine(1, -scale) : affine(0, scale)
        case .minMax:
            guard high > low else { return .failure(.constant(context: "min-max normalization")) }
            let scale = 1 / (high - low)
            return isCost ? affine(high * scale, -scale) : affine(-low * scale, scale)
        case .sum:
            if isCost {
                guard low > 0 else { return outOfDomain(strictlyPositive: true, "> 0 on a cost criterion") }
                var reciprocalSum = 0.0
                for x in column { reciprocalSum += 1 / x }
                let c = 1 / reciprocalSum
                return .success(ColumnTransform(offset: 0, slope: c, isReciprocal: true, low: c / high, high: c / low))
            }
            guard low >= 0 else { return outOfDomain(strictlyPositive: false, "≥ 0") }
            guard sum > 0 else { return .failure(.constant(context: "sum normalization (all values 0)")) }
            return affine(0, 1 / sum)
        case .max:
            guard low >= 0 else { return outOfDomain(strictlyPositive: false, "≥ 0") }
            guard high > 0 else { return .failure(.constant(context: "max normalization (all values 0)")) }
            let scale = 1 / high
            return isCost ? affine(1, -scale) : affine(0, scale)
        }
    }
}

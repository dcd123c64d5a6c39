import Probability

/// What to generate: `series` noisy growth curves of `points` points each.
///
/// ## Recipe
/// `x = 1, 2, …, points` for every series. One ``SeededGenerator`` seeded with `seed` draws, series
/// after series: the true parameters in ``GrowthCurve/parameterNames`` order, each
/// `lo + (hi − lo)·u` with `u = nextUniform()` over its ``GrowthCurve/parameterRanges``; then
/// `points` standard normals `z_i` (`nextStandardNormal()`, one word each), and
/// `y_i = f(x_i) + noise · Asym · z_i`. The start vector is ``GrowthCurve/start(x:y:)`` of the
/// noisy series.
public struct GrowthSeriesSpec: Sendable, Equatable {
    public var curve: GrowthCurve
    public var series: Int
    public var points: Int
    /// Noise standard deviation relative to the series' Asym.
    public var noise: Double
    public var seed: UInt64

    public init(curve: GrowthCurve, series: Int, points: Int = 20, noise: Double = 0.02, seed: UInt64) {
        self.curve = curve
        self.series = series
        self.points = points
        self.noise = noise
        self.seed = seed
    }

    /// Checks the sizes (against ``SyntheticLimits``) and the noise level.
    public func validate() throws(SyntheticError) {
        guard series >= 1 else { throw .invalid("the number of series must be at least 1, got \(series)") }
        guard points >= 3 else { throw .invalid("a series needs at least 3 points, got \(points)") }
        guard noise >= 0, noise.isFinite else { throw .invalid("the noise level must be finite and >= 0, got \(noise)") }
        guard series <= SyntheticLimits.maximumGrowthSeries else {
            throw .invalid("\(series) series exceed the limit of \(SyntheticLimits.maximumGrowthSeries)")
        }
        guard points <= SyntheticLimits.maximumPoints else {
            throw .invalid("\(points) points per series exceed the limit of \(SyntheticLimits.maximumPoints)")
        }
        guard SyntheticLimits.product(series, points, atMost: SyntheticLimits.maximumTotalPoints) != nil else {
            throw .invalid("\(series) series × \(points) points exceed the limit of \(SyntheticLimits.maximumTotalPoints) points")
        }
    }

    /// The shared predictor grid `1, 2, …, points`.
    public var grid: [Double] { (1...max(points, 1)).map(Double.init) }
}

/// A block of consecutive synthetic series, flat and series-major.
public struct GrowthSeriesBlock: Sendable, Equatable {
    /// Index of the first series of the block in the whole set.
    public let first: Int
    public let count: Int
    /// Responses: `y[k·points + i]`.
    public let y: [Double]
    /// Start vectors: `starts[k·p + j]`.
    public let starts: [Double]
    /// True parameters: `truth[k·p + j]`.
    public let truth: [Double]
}

/// Generates the series of a ``GrowthSeriesSpec`` block by block (bounded memory for any size);
/// the concatenated blocks do not depend on the block sizes.
public struct GrowthSeriesGenerator: Sendable {
    public let spec: GrowthSeriesSpec
    public let grid: [Double]
    private var generator: SeededGenerator
    private var produced = 0

    public init(_ spec: GrowthSeriesSpec) throws(SyntheticError) {
        try spec.validate()
        self.spec = spec
        grid = spec.grid
        generator = SeededGenerator(seed: spec.seed)
    }

    /// Series not generated yet.
    public var remaining: Int { spec.series - produced }

    /// The next `maximum` series (fewer at the end; `nil` when all were produced).
    public mutating func next(maximum: Int) -> GrowthSeriesBlock? {
        let count = min(max(maximum, 1), remaining)
        guard count > 0 else { return nil }
        let (n, p, curve) = (spec.points, spec.curve.parameterNames.count, spec.curve)
        let ranges = curve.parameterRanges
        var y = [Double](repeating: 0, count: count * n)
        var truth = [Double](repeating: 0, count: count * p)
        var starts: [Double] = []
        starts.reserveCapacity(count * p)
        grid.withUnsafeBufferPointer { x in
            for k in 0..<count {
                for j in 0..<p {
                    truth[k * p + j] = ranges[j].draw(&generator)
                }
                truth.withUnsafeBufferPointer { all in
                    let parameters = UnsafeBufferPointer(rebasing: all[(k * p)..<(k * p + p)])
                    let scale = spec.noise * parameters[0]
                    for i in 0..<n { y[k * n + i] = curve.value(x[i], parameters) + scale * generator.nextStandardNormal() }
                }
                y.withUnsafeBufferPointer { all in
                    starts += curve.start(x: x, y: UnsafeBufferPointer(rebasing: all[(k * n)..<(k * n + n)]))
                }
            }
        }
        defer { produced += count }
        return GrowthSeriesBlock(first: produced, count: count, y: y, starts: starts, truth: truth)
    }
}

/// A synthetic dataset could not be made: the spec is invalid or a file is unreadable.
public enum SyntheticError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An invalid size or setting (a usage error).
    case invalid(String)
    /// A file that is not a valid synthetic dataset (bad data).
    case badFile(path: String, reason: String)
    /// A file that cannot be written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalid(let message): message
        case .badFile(let path, let reason): "\(path): \(reason)"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}

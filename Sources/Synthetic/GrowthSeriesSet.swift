/// All series of a ``GrowthSeriesSpec`` in memory (what the benchmarks fit), flat and
/// series-major like ``GrowthSeriesBlock``.
public struct GrowthSeriesSet: Sendable, Equatable {
    public let spec: GrowthSeriesSpec
    /// The shared grid `x[i]`.
    public let grid: [Double]
    public let y: [Double]
    public let starts: [Double]
    public let truth: [Double]

    /// Generates the whole set.
    public init(_ spec: GrowthSeriesSpec) throws(SyntheticError) {
        var generator = try GrowthSeriesGenerator(spec)
        guard let block = generator.next(maximum: spec.series) else { throw .invalid("no series to generate") }
        self.init(spec: spec, grid: generator.grid, y: block.y, starts: block.starts, truth: block.truth)
    }

    init(spec: GrowthSeriesSpec, grid: [Double], y: [Double], starts: [Double], truth: [Double]) {
        self.spec = spec
        self.grid = grid
        self.y = y
        self.starts = starts
        self.truth = truth
    }

    /// The predictor of every observation, series-major (the grid repeated), as batch fitting wants it.
    public var x: [Double] {
        var x: [Double] = []
        x.reserveCapacity(y.count)
        for _ in 0..<spec.series { x += grid }
        return x
    }
}

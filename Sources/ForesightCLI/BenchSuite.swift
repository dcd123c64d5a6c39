import Foundation

/// One suite of `foresight bench`: a type in its own file, listed once in ``BenchSuites/registered``.
///
/// To add a suite: write `struct MySuite: BenchSuite` with a unique lower-case ``name``, a
/// one-line ``summary`` and ``run(_:)``, which generates its data (``BenchContext/seed``, sizes
/// from ``BenchContext/size``), times every case through ``BenchContext/measure(_:)`` (warm-up,
/// repetitions, statistics, progress) and returns the measurements; then append `MySuite.self`
/// to ``BenchSuites/registered``. `foresight bench NAME` and `foresight bench all` pick it up,
/// and the report derives its scaling table and peak memory.
protocol BenchSuite: Sendable {
    /// The suite's name on the command line and in the report (`fit`, `linalg`, …).
    static var name: String { get }
    /// One line for `--help`.
    static var summary: String { get }
    init()
    /// Runs the suite; the context times each case.
    func run(_ context: BenchContext) throws -> [BenchMeasurement]
}

/// The suites `foresight bench` knows, in the order `all` runs them.
enum BenchSuites {
    static let registered: [any BenchSuite.Type] = [LinearAlgebraBench.self, FitBench.self, ScoreBench.self, SMAABench.self, ForecastBench.self]

    /// The suite named `name`, or all of them for `all`; `nil` for an unknown name.
    static func selected(_ name: String) -> [any BenchSuite.Type]? {
        if name == "all" { return registered }
        return registered.first { $0.name == name }.map { [$0] }
    }

    /// Every accepted value of SUITE.
    static var names: [String] { registered.map { $0.name } + ["all"] }
}

/// Problem sizes: `small` is the smoke test (seconds), `medium` a quick look, `large` the
/// issue's targets (minutes).
enum BenchSize: String, CaseIterable, Sendable {
    case small, medium, large

    /// Timed repetitions per case (after one warm-up run).
    var repetitions: Int { self == .small ? 3 : 5 }

    /// The sizes of a scaling sweep from `small`'s list up to `large`'s last.
    func pick<T>(small: [T], medium: [T], large: [T]) -> [T] {
        switch self {
        case .small: small
        case .medium: medium
        case .large: large
        }
    }
}

/// One timed case: what ran, how much work, on how many threads, and how long it took.
struct BenchMeasurement: Codable, Sendable, Equatable {
    /// Case name, e.g. `dgemm`, `batch_fit.logistic`, `topsis`.
    let benchmark: String
    /// Amount of work per run in the case's unit (matrix order, series, alternatives, draws).
    let work: Int
    let workUnit: String
    let threads: Int
    let runs: Int
    let medianSeconds: Double
    let minSeconds: Double
    let maxSeconds: Double
    /// Median absolute deviation of the run times relative to the median.
    let relativeSpread: Double
    /// Units of throughput per second at the median time (GFLOP/s, fits/s, …).
    let throughput: Double
    let throughputUnit: String
    /// dgemm only: the fraction of the highest dgemm rate measured in this run on as many threads.
    var peakFraction: Double?
    /// `batch_fit_self_started.*` only: what self-starting adds to the batch, relative to the
    /// fits from the stored starts on the same series (`batch_fit_given_starts.*`):
    /// `(self-started − given)/given` of the median times, 0 when self-starting is not slower.
    /// At most 1 (a self-start costs no more than the fit) is the issue-12 target.
    var costRelativeToFit: Double?
}

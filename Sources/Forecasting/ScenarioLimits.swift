/// The largest work a scenario may ask for, checked by ``ScenarioLoader`` (and by the commands
/// after a `--draws` override) before anything is fitted or simulated.
///
/// The simulation holds every draw's count at every projection time of every variant (the
/// baseline and each what-if), twice while the threads' chunks are joined: the product is
/// bounded by ``maximumSimulatedValues``. Fitting and backtesting cost grows with the number of
/// periods of the data series, bounded by ``maximumPeriods``. What-ifs are capped so that
/// simulated counts stay far inside the range where doubles count exactly.
public enum ScenarioLimits {
    /// Bootstrap draws of the projection (`uncertainty.draws`, `--draws`).
    public static let draws = 100...1_000_000
    /// Draws per backtest origin and model (`backtest.draws`).
    public static let backtestDraws = 50...100_000
    /// Counts held by the simulation, draws × projection times × variants: 2²⁸ (2 GiB of
    /// doubles; about 4 GiB at the peak).
    public static let maximumSimulatedValues = 1 << 28
    /// Years from the end of the data to the horizon: 100 (1,200 monthly projection times).
    public static let maximumHorizonYears = 100.0
    /// Periods of the data series at its resolution (`series.resolution`, from `series.start`,
    /// at least monthly): 5,000, some 13 years of days or 416 years of months. Every bootstrap
    /// and backtest refit of a count process visits every period, so the work of a scenario
    /// grows with this number times the draws.
    public static let maximumPeriods = 5_000
    /// Largest what-if `rate_multiplier`: a thousandfold rate.
    public static let maximumRateMultiplier = 1000.0
    /// Largest what-if `capacity`, and largest target count: 10⁹.
    public static let maximumCount = 1_000_000_000

    /// The number of projection times between `end` and `horizon` (decimal years): one per month,
    /// plus the year ends and up to `targets` target dates (an upper bound of the engine's grid).
    static func projectionTimes(from end: Double, to horizon: Double, targets: Int) -> Int {
        let years = max(0, horizon - end)
        return Int((years * 12).rounded(.up)) + Int(years.rounded(.up)) + targets + 1
    }

    /// Why `draws` draws over `times` projection times and `variants` variants are too many to
    /// simulate, or `nil` when they fit ``maximumSimulatedValues``.
    static func simulationProblem(draws: Int, times: Int, variants: Int) -> String? {
        let (perDraw, o1) = times.multipliedReportingOverflow(by: variants)
        let (values, o2) = perDraw.multipliedReportingOverflow(by: draws)
        guard o1 || o2 || values > maximumSimulatedValues else { return nil }
        return "\(draws) draws × \(times) projection times × \(variants) variant\(variants == 1 ? "" : "s") "
            + "exceed the limit of \(maximumSimulatedValues) simulated counts (2 GiB); "
            + "use fewer draws, an earlier horizon or fewer what-ifs"
    }
}

extension Scenario {
    /// Why the projection of this scenario would hold too many simulated counts (see
    /// ``ScenarioLimits/maximumSimulatedValues``), or `nil`. Checked on loading; call it again
    /// after ``overriding(seed:draws:)`` with more draws.
    public var simulationSizeProblem: String? {
        ScenarioLimits.simulationProblem(
            draws: draws, times: ScenarioLimits.projectionTimes(from: series.end, to: horizon, targets: whatIfs.count + 1),
            variants: whatIfs.count + 1)
    }
}

extension Resolution {
    /// Periods in a year, at most (366 days, 12 months, 1 year).
    var periodsPerYear: Double {
        switch self {
        case .day: 366
        case .month: 12
        case .year: 1
        }
    }
}

/// The largest calibration study `foresight calibrate` runs: every replicate fits a series and
/// projects it with its own bootstrap draws, so the work grows with replicates × draws.
public enum CalibrationLimits {
    /// Synthetic series of the study (`--replicates`).
    public static let replicates = 1...100_000
    /// Bootstrap draws per series (`--draws`).
    public static let draws = 100...100_000
    /// Replicates × draws: 10⁸ (the default study runs 200 replicates × 1,000 draws per truth).
    public static let maximumTotalDraws = 100_000_000
}

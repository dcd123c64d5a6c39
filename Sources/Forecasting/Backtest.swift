/// One prediction of a rolling-origin backtest: a model fitted to the data known at an origin,
/// predicting a later observation.
public struct BacktestPoint: Sendable {
    public let model: String
    public let origin: String
    /// The evaluated observation's date as written and its time.
    public let date: String
    public let time: Double
    /// Years from the origin to the observation.
    public let lead: Double
    public let actual: Double
    public let mean: Double
    public let intervals: [Interval]
    /// The in-sample mean absolute year-over-year change at the origin (the MASE scale), `nil` when 0.
    public let scale: Double?
    /// The predictive distribution: the simulated counts at `time`.
    public let sample: WeightedSample

    /// The point for `sample`: its mean and central intervals at `levels`.
    init(model: String, origin: String, date: String, time: Double, lead: Double, actual: Double, sample: WeightedSample,
         levels: [Double], scale: Double?) {
        self.model = model
        self.origin = origin
        self.date = date
        self.time = time
        self.lead = lead
        self.actual = actual
        self.sample = sample
        self.scale = scale
        mean = sample.mean
        intervals = levels.map { level in
            let tail = ((1 - level) / 2 * 1e12).rounded() / 1e12
            return Interval(level: level, lower: sample.quantile(tail), upper: sample.quantile(1 - tail))
        }
    }

    /// Whether the actual value lies within the interval at `level`.
    public func covers(_ level: Double) -> Bool? {
        intervals.first { $0.level == level }.map { actual >= $0.lower && actual <= $0.upper }
    }
}

/// A model's backtest errors over all origins and leads.
///
/// - MAE: mean absolute error of the mean prediction.
/// - MASE (Hyndman & Koehler, 2006): mean of `|error| / s`, where `s` is the mean absolute
///   year-over-year change of the counts known at the origin — the in-sample error of a
///   one-year-ahead no-change forecast; origins whose scale is 0 are left out.
/// - Coverage: the share of actual values inside the interval at each level.
/// - Proper scores (see ``ProperScores``), means over the predictions: CRPS, the interval score
///   at each level, the log score; and the non-randomized PIT histogram in 10 bins.
public struct BacktestSummary: Sendable {
    public let predictions: Int
    public let origins: Int
    /// Origins at which the model could not be fitted.
    public let failedOrigins: Int
    public let mae: Double?
    public let mase: Double?
    public let coverage: [(level: Double, share: Double)]
    /// The mean CRPS, `nil` without predictions.
    public let crps: Double?
    /// The mean interval score at each level.
    public let intervalScores: [(level: Double, score: Double)]
    /// The mean log score, `nil` without predictions.
    public let logScore: Double?
    /// Ten bin heights summing to 1 (each 0.1 for a calibrated forecaster); empty without predictions.
    public let pitHistogram: [Double]

    init(points: [BacktestPoint], origins: Int, failedOrigins: Int, levels: [Double]) {
        predictions = points.count
        self.origins = origins
        self.failedOrigins = failedOrigins
        let n = Double(points.count)
        let mean = { (score: (BacktestPoint) -> Double) -> Double? in points.isEmpty ? nil : points.reduce(0) { $0 + score($1) } / n }
        mae = mean { abs($0.mean - $0.actual) }
        let scaled = points.compactMap { point in point.scale.map { abs(point.mean - point.actual) / $0 } }
        mase = scaled.isEmpty ? nil : scaled.reduce(0, +) / Double(scaled.count)
        coverage = points.isEmpty ? [] : levels.map { level in
            (level, Double(points.filter { $0.covers(level) == true }.count) / n)
        }
        crps = mean { ProperScores.crps($0.sample, observation: $0.actual) }
        intervalScores = points.isEmpty ? [] : levels.map { level in
            (level, mean { point in
                let interval = point.intervals.first { $0.level == level }!
                return ProperScores.intervalScore(lower: interval.lower, upper: interval.upper, level: level, observation: point.actual)
            }!)
        }
        logScore = mean { ProperScores.logScore($0.sample, observation: $0.actual) }
        pitHistogram = ProperScores.pitHistogram(points.map { ProperScores.pitRange($0.sample, observation: $0.actual) })
    }
}

/// Rolling-origin evaluation: for each origin, fit to the data known then, simulate, and compare
/// with the observations of the following years.
enum Backtester {
    /// Evaluation points after `origin` up to `origin + horizon`: the statements (counts) or the
    /// year ends (events, counting the events dated by their midpoints; events of unknown date
    /// are left out, as they are from the fits).
    static func evaluationPoints(_ series: CountSeries, origin: Double, horizon: Double) -> [(time: Double, label: String, actual: Double)] {
        let limit = min(origin + horizon, series.end)
        switch series.observations {
        case .counts(let points):
            return points.filter { $0.span.midpoint > origin && $0.span.midpoint <= limit }
                .sorted { $0.span.midpoint < $1.span.midpoint }
                .map { ($0.span.midpoint, $0.label, Double($0.count)) }
        case .events(let events):
            let dated = events.filter { !$0.dateUnknown }.map(\.span.midpoint)
            let firstYear = Int(origin.rounded(.down)) + 1
            guard Double(firstYear) <= limit else { return [] }
            return (firstYear...Int(limit.rounded(.down))).compactMap { year in
                let time = Double(year)
                guard time > origin, time <= limit else { return nil }
                return (time, "\(year - 1)-12-31", Double(dated.filter { $0 < time }.count))
            }
        }
    }

    /// The mean absolute year-over-year change of the realized series over the whole years it
    /// covers; `nil` when fewer than two year ends or no change.
    static func scale(_ series: RealizedSeries) -> Double? {
        guard let first = series.times.first, let last = series.times.last else { return nil }
        let years = Array(stride(from: first.rounded(.up), through: last, by: 1))
        guard years.count >= 2 else { return nil }
        let levels = years.map { year in series.counts[(series.times.lastIndex { $0 <= year }) ?? 0] }
        let changes = zip(levels.dropFirst(), levels).map { abs($0 - $1) }
        let mean = changes.reduce(0, +) / Double(changes.count)
        return mean > 0 ? mean : nil
    }
}

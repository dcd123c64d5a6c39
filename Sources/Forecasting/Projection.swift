/// One model's bootstrap projection of a series, without a scenario file: what `foresight bench
/// forecast` and the forecasting benchmarks time, and a programmatic entry for library users.
public enum Projection {
    /// The fit and the projected distribution of the count.
    public struct Outcome: Sendable {
        public let fit: FittedModel
        /// The distribution at each of `times`.
        public let points: [ProjectionPoint]
        /// Draws that were redrawn because a bootstrap refit failed.
        public let redrawn: Int
        /// Draws dropped after every attempt failed.
        public let dropped: Int
    }

    /// Fits `model` to `series` and projects the count at `times` (after the data) with `draws`
    /// bootstrap draws, as ``ScenarioRunner`` does for one candidate (see ``ProjectionEngine``).
    /// - Throws: ``ForecastError`` for an unknown model, times not after the data, or a model
    ///   that cannot be fitted.
    public static func bootstrap(_ series: CountSeries, model name: String, times: [Double], draws: Int, levels: [Double] = [0.8, 0.95],
                                 seed: UInt64, threads: Int = 1) throws -> Outcome {
        let model = try ForecastModel.named(name, origin: series.start.rounded(.down))
        let grid = times.sorted()
        guard let first = grid.first, first > series.end, draws > 0 else {
            throw ForecastError.insufficientData("projection times must lie after the data (\(DecimalYear.deadlineText(series.end))) and draws be positive")
        }
        let outcome = ModelFitting.fit(model, to: series.realized())
        guard let fit = outcome.fit else { throw ForecastError.noUsableModel(["\(name): \(outcome.failure ?? "")"]) }
        let engine = ProjectionEngine(series: series, grid: grid, variants: [(WhatIf.baseline, Target(count: Int.max / 4, by: first, label: ""))],
                                      seed: seed, threads: threads)
        let result = engine.run([ProjectionEngine.Member(fit: fit, draws: draws, index: model.streamIndex)])
        let points = result.paths[0].summary(indices: Array(grid.indices), grid: grid, labels: grid.map { DecimalYear.deadlineText($0) },
                                             levels: levels, startCount: Double(series.lastCount))
        return Outcome(fit: fit, points: points, redrawn: result.redrawn, dropped: result.dropped)
    }
}

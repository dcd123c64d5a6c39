extension Scenario {
    /// A scenario on synthetic data that forecasts exactly as `template` does: the template's
    /// method (models, combination, interval levels, backtest horizon and draws, and every other
    /// method setting) with another series, target, horizon, number of draws and seed, no
    /// what-ifs, and the default backtest origins of the new series (every year end with 4
    /// statements known). The calibration study judges the shipped method through it.
    ///
    /// This is the one place where a scenario is built field by field outside the loader: a new
    /// method setting of ``Scenario`` is copied from `template` here.
    public static func synthetic(from template: Scenario, name: String, series: CountSeries, target: Target,
                                 horizon: Double, horizonLabel: String, draws: Int, seed: UInt64) -> Scenario {
        let origins = ScenarioReader.defaultOrigins(series)
        return Scenario(name: name, description: nil, file: template.file, sha256: template.sha256, dataFiles: [],
                 seriesDescription: "synthetic counts", series: series, models: template.models, combination: template.combination,
                 target: target, horizon: horizon, horizonLabel: horizonLabel, draws: draws, levels: template.levels,
                 backtest: Scenario.Backtest(origins: origins.map(\.day.endDecimalYear), originLabels: origins.map(\.day.description),
                                             horizonYears: template.backtest.horizonYears, draws: template.backtest.draws),
                 whatIfs: [], seed: seed)
    }
}

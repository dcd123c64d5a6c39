import Datasets
import Foundation

/// A forecast scenario: which series, which models, which question, how much uncertainty.
///
/// Read from a YAML (or JSON) file by ``ScenarioLoader``; the format is documented in
/// `Models/scenarios/FORMAT.md`.
public struct Scenario: Sendable {
    /// How candidates are combined into the projection.
    public enum Combination: String, Sendable, CaseIterable {
        /// Weights from out-of-sample skill: CRPS stacking of the backtest predictions (see
        /// ``ScenarioRunner`` and ``Stacking``). The default.
        case stacking
        /// Each family's stacking share, split within the family by Akaike weights.
        case aiccWeights = "aicc_weights"
        /// The candidate with the largest stacking weight.
        case best
    }

    /// Rolling-origin evaluation settings.
    public struct Backtest: Sendable {
        /// The cutoffs (decimal years, end of the stated day), increasing.
        public let origins: [Double]
        /// The cutoffs as written.
        public let originLabels: [String]
        /// How far after each cutoff observations are predicted, in years.
        public let horizonYears: Double
        /// Simulation draws per origin and model.
        public let draws: Int
    }

    public let name: String
    public let description: String?
    /// The scenario file as shown in messages, and its SHA-256.
    public let file: String
    public let sha256: String
    /// The data the series was read from: display path and SHA-256 of each file.
    public let dataFiles: [(path: String, sha256: String)]
    /// Every file the scenario was read from: the scenario itself and its data files with their
    /// metadata (`.meta.yaml`) beside them, as paths relative to the working directory when the
    /// display paths given to the loader were.
    public var inputFiles: [String] {
        [file] + dataFiles.flatMap { data in
            [data.path, (data.path as NSString).deletingPathExtension + Dataset.metadataSuffix]
        }
    }
    /// What the series counts, for reports (`China MICs, official_center_counts.csv`).
    public let seriesDescription: String
    public let series: CountSeries
    /// Candidate model names, as listed.
    public let models: [String]
    public let combination: Combination
    public let target: Target
    /// The end of the projection (end of the stated day).
    public let horizon: Double
    public let horizonLabel: String
    public let draws: Int
    /// Interval levels, increasing.
    public let levels: [Double]
    public let backtest: Backtest
    public let whatIfs: [WhatIf]
    public let seed: UInt64
    /// The scenario with the seed and the number of draws replaced where given (command-line overrides).
    public func overriding(seed newSeed: UInt64?, draws newDraws: Int?) -> Scenario {
        Scenario(name: name, description: description, file: file, sha256: sha256, dataFiles: dataFiles,
                 seriesDescription: seriesDescription, series: series, models: models, combination: combination, target: target,
                 horizon: horizon, horizonLabel: horizonLabel, draws: newDraws ?? draws, levels: levels, backtest: backtest,
                 whatIfs: whatIfs, seed: newSeed ?? seed)
    }

    /// The time origin of the growth curves that have one: the first whole year of the series.
    public var origin: Double { series.start.rounded(.down) }
}

extension CalendarDay {
    /// The end of this day as a decimal year (the start of the next day).
    var endDecimalYear: Double { next.decimalYear }
}

/// Everything a forecast run produced, ready for a report.
public struct ForecastResult: Sendable {
    /// A candidate model's row in the model table.
    public struct Candidate: Sendable {
        public let name: String
        public let family: ForecastModel.Family
        /// `(name, estimate, standard error)` per parameter; empty when the fit failed.
        public let parameters: [(name: String, estimate: Double, standardError: Double?)]
        public let logLikelihood: Double?
        /// Count processes: the quasi-Poisson dispersion (see ``FittedModel/dispersion``).
        public let dispersion: Double?
        public let aicc: Double?
        /// AICc minus the smallest AICc of the same family.
        public let deltaAICc: Double?
        /// The share of the projection's draws (0 when not in the ensemble).
        public let weight: Double
        /// The weight from out-of-sample skill (CRPS stacking, see ``Stacking``); `nil` when
        /// the candidate is not weighed (not usable, or the duplicate of another).
        public let skillWeight: Double?
        /// The Akaike weight within its family; `nil` as for ``skillWeight``.
        public let akaikeWeight: Double?
        public let inEnsemble: Bool
        /// The solver's message, or why the model could not be fitted.
        public let message: String
        public let isUsable: Bool
        public let backtest: BacktestSummary?
    }

    /// A what-if's results next to the baseline.
    public struct WhatIfOutcome: Sendable {
        public let whatIf: WhatIf
        /// The change in words (`rate × 0.5 from 2024-01-01`).
        public let change: String
        public let target: TargetAnalysis
        public let projection: [ProjectionPoint]
        public let fan: [ProjectionPoint]
    }

    /// An observed point: the cumulative count at a time (a statement, or an event's date).
    public struct Observed: Sendable {
        public let time: Double
        public let count: Int
        public let label: String
    }

    public let name: String
    public let description: String?
    public let scenarioFile: String
    public let scenarioSHA256: String
    public let dataFiles: [(path: String, sha256: String)]
    public let seriesDescription: String
    public let observed: [Observed]
    /// Whether ``observed`` are stated counts (snapshots, with nothing known between them)
    /// rather than a complete record of dated events.
    public let observedAreStatements: Bool
    public let lastObserved: Observed
    /// The data's as-of date: the end of the observation window, as a date.
    public let asOf: String
    public let candidates: [Candidate]
    /// How the candidates were weighted, in words.
    public let combinationNote: String
    public let combination: Scenario.Combination
    /// The combination's prequential backtest (see ``ScenarioRunner``); `nil` without backtest predictions.
    public let combinationBacktest: BacktestSummary?
    /// The ensemble's point-estimate curve over the data window (highest-weight model).
    public let fittedCurve: [(time: Double, value: Double)]
    /// Yearly rows (31 December of each year, and the horizon).
    public let projection: [ProjectionPoint]
    /// The monthly grid, for charts.
    public let fan: [ProjectionPoint]
    public let target: TargetAnalysis
    /// Whether the target date lies before the day of the run but after the data: the answer
    /// checks the data, it is not a forecast.
    public let targetIsPast: Bool
    public let whatIfs: [WhatIfOutcome]
    /// Every backtest prediction: each candidate's, then the combination's (model `combination`).
    public let backtestPoints: [BacktestPoint]
    public let levels: [Double]
    public let draws: Int
    public let seed: UInt64
    public let horizonLabel: String
    /// How the data and the run were treated: exclusions, unknown dates, fallbacks, failures.
    public let notes: [String]
}

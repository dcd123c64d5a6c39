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
    public let lastObserved: Observed
    public let candidates: [Candidate]
    /// Which family the projection uses and why.
    public let familyChoice: String
    public let combination: Scenario.Combination
    /// The ensemble's point-estimate curve over the data window (highest-weight model).
    public let fittedCurve: [(time: Double, value: Double)]
    /// Yearly rows (31 December of each year, and the horizon).
    public let projection: [ProjectionPoint]
    /// The monthly grid, for charts.
    public let fan: [ProjectionPoint]
    public let target: TargetAnalysis
    public let whatIfs: [WhatIfOutcome]
    public let backtestPoints: [BacktestPoint]
    public let levels: [Double]
    public let draws: Int
    public let seed: UInt64
    public let horizonLabel: String
    /// How the data and the run were treated: exclusions, unknown dates, fallbacks, failures.
    public let notes: [String]
}

import Forecasting
import Foundation
import Scorecards

/// The whole analysis on the bundled data (`foresight report`): every scenario and scorecard,
/// the problems met on the way, the provenance of the data and what is needed to reproduce the
/// run. Rendered as a self-contained HTML page (``html()``), Markdown (``markdown()``), JSON
/// (``json()``) and one CSV table per analysis (``csvTables()``); the HTML's headline numbers
/// are the ``Headline``'s texts, which the JSON carries beside the numbers.
public struct AnalysisReport: Sendable {
    /// A scenario that ran.
    public struct ScenarioEntry: Sendable {
        public let file: String
        public let result: ForecastResult
        public init(file: String, result: ForecastResult) {
            self.file = file
            self.result = result
        }
    }

    /// A scorecard that ran.
    public struct ScorecardEntry: Sendable {
        public let file: String
        public let result: ScorecardResult
        public init(file: String, result: ScorecardResult) {
            self.file = file
            self.result = result
        }
    }

    /// A file the analysis read, with its SHA-256.
    public struct FileDigest: Sendable {
        public let path: String
        public let sha256: String
        public init(path: String, sha256: String) {
            self.path = path
            self.sha256 = sha256
        }
    }

    /// The calibration study the report shows, read from the file `foresight calibrate` wrote.
    public struct CalibrationEntry: Sendable {
        /// The file as shown (`Models/calibration/study.json`) and its SHA-256.
        public let file: String
        public let sha256: String
        /// `nil` when there is no such file.
        public let report: CalibrationReport?
        public init(file: String, sha256: String, report: CalibrationReport?) {
            self.file = file
            self.sha256 = sha256
            self.report = report
        }
    }

    public let scenarios: [ScenarioEntry]
    public let scorecards: [ScorecardEntry]
    public let calibration: CalibrationEntry?
    /// Every problem, as `file:line:column: message`.
    public let problems: [String]
    /// The datasets and their sources.
    public let provenance: [ProvenanceEntry]
    /// Every data and model file, with its SHA-256.
    public let files: [FileDigest]
    public let foresightVersion: String
    /// The git commit of the working tree, when known.
    public let commit: String?
    public let commandLine: String

    public init(scenarios: [ScenarioEntry], scorecards: [ScorecardEntry], problems: [String], provenance: [ProvenanceEntry],
                files: [FileDigest], foresightVersion: String, commit: String?, commandLine: String, calibration: CalibrationEntry? = nil) {
        self.scenarios = scenarios
        self.calibration = calibration
        self.scorecards = scorecards
        self.problems = problems
        self.provenance = provenance
        self.files = files
        self.foresightVersion = foresightVersion
        self.commit = commit
        self.commandLine = commandLine
    }

    /// The headline answers: the first scenario's target question, and the ranking of the first
    /// scorecard with given weights with its stability under weight uncertainty.
    public var headline: Headline { Headline(self) }

    /// What a reader must know before trusting a number, as `file: message`: weights that did not
    /// sum to 1 and were rescaled, inconsistent pairwise judgments, candidate models that could not
    /// be fitted, and bootstrap draws that were redrawn or dropped after failed refits. Shown in a
    /// box at the top of the page and written to standard error by `foresight report`
    /// (`--strict` makes them fail the run).
    public var warnings: [String] {
        var warnings: [String] = []
        for entry in scorecards {
            warnings += entry.result.weights.notes.map { "\(entry.file): weights: \($0)" }
        }
        for entry in scenarios {
            let result = entry.result
            warnings += result.candidates.filter { !$0.isUsable }.map { "\(entry.file): model \($0.name) was not usable: \($0.message)" }
            warnings += result.notes.filter { Self.warningNoteMarkers.contains(where: $0.contains) }.map { "\(entry.file): \($0)" }
        }
        return warnings
    }

    /// Scenario notes that report a fallback rather than a property of the data.
    private static let warningNoteMarkers = ["were redrawn", "were dropped", "get no weight"]

    /// The CSV tables: `scenario-<name>.csv` (projections), `backtest-<name>.csv` (every backtest prediction) and `scorecard-<name>.csv` (scores).
    public func csvTables() -> [(name: String, content: String)] {
        scenarios.map { ("scenario-\(Self.stem($0.file)).csv", ForecastReport(result: $0.result, foresightVersion: foresightVersion).renderCSV()) }
            + scenarios.filter { !$0.result.backtestPoints.isEmpty }.map {
                ("backtest-\(Self.stem($0.file)).csv", ForecastReport(result: $0.result, foresightVersion: foresightVersion).backtestTable.renderCSV())
            }
            + scorecards.map { ("scorecard-\(Self.stem($0.file)).csv", ScorecardReport(result: $0.result, foresightVersion: foresightVersion).renderCSV()) }
    }

    /// The file name without folder and extension.
    static func stem(_ path: String) -> String {
        ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    // MARK: Markdown

    public func markdown() -> String {
        var out = "# Foresight report\n\n" + headline.sentences.map { "- \($0)\n" }.joined()
        if !problems.isEmpty { out += "\n## Problems\n\n" + problems.map { "- \($0)\n" }.joined() }
        out += "\n## Forecast scenarios\n\n"
        out += scenarios.map { ForecastReport(result: $0.result, foresightVersion: foresightVersion).renderMarkdown() }.joined(separator: "\n")
        out += "\n## Scorecards\n\n"
        out += scorecards.map { ScorecardReport(result: $0.result, foresightVersion: foresightVersion).renderMarkdown() }.joined(separator: "\n")
        if let calibration {
            out += "\n## Calibration: how honest the forecasts are\n\n" + (calibration.report.map { "Read from \(calibration.file).\n\n" + $0.renderMarkdown() }
                ?? Self.missingCalibration(calibration.file) + "\n")
        }
        out += "\n## Data provenance\n\n"
        for entry in provenance {
            out += "- **\(entry.dataset)**: \(entry.description) Sources: " + entry.sources.map { "<\($0.url)>" }.joined(separator: ", ") + "\n"
        }
        return out + "\n## Reproducibility\n\n" + reproducibility.renderMarkdown()
    }

    /// Version, commit, command line, seeds and file digests.
    var reproducibility: StatisticsBlock {
        var lines = [StatisticsBlock.Line("foresight", foresightVersion), StatisticsBlock.Line("commit", commit ?? "unknown"),
                     StatisticsBlock.Line("command", commandLine)]
        lines += scenarios.map { StatisticsBlock.Line("seed of \($0.file)", "\($0.result.seed) (\($0.result.draws) draws)") }
        lines += scorecards.map { StatisticsBlock.Line("seed of \($0.file)", "\($0.result.seed)") }
        if let study = calibration?.report?.document {
            lines.append(StatisticsBlock.Line("calibration \(calibration?.file ?? "")",
                                              "seed \(study.study.design.seed), \(study.study.design.replicates) replicates per truth, "
                                                + "\(study.study.design.draws) draws; foresight \(study.foresightVersion), commit \(study.commit ?? "unknown")"))
        }
        lines += files.map { StatisticsBlock.Line("sha256 \($0.path)", $0.sha256) }
        return StatisticsBlock(lines)
    }

    /// The sentence shown when the calibration file is missing.
    static func missingCalibration(_ file: String) -> String {
        "No calibration study: \(file) does not exist. Write it with `foresight calibrate --format json --out \(file)` (minutes in release)."
    }

    /// The calibration block of report.json: the file, what produced it and its figures.
    static func calibrationJSON(_ entry: CalibrationEntry) -> JSONValue {
        guard let document = entry.report?.document else {
            return .object([("file", .string(entry.file)), ("present", .bool(false))])
        }
        let study = document.study
        return .object([
            ("file", .string(entry.file)), ("present", .bool(true)), ("sha256", .string(entry.sha256)),
            ("foresight_version", .string(document.foresightVersion)), ("commit", document.commit.map(JSONValue.string) ?? .null),
            ("seed", .string(String(study.design.seed))), ("replicates", .int(study.design.replicates)), ("draws", .int(study.design.draws)),
            ("method", .string(study.method.scenarioFile)),
            ("coverage", .array(study.coverage.map { c in
                .object([("truth", .string(c.truth)), ("horizon_years", .int(c.horizon)), ("level", .number(c.level)),
                         ("coverage", .number(c.coverage)), ("standard_error", .number(c.standardError)), ("true_coverage", .number(c.trueCoverage)),
                         ("mean_interval_score", .number(c.meanIntervalScore)), ("true_mean_interval_score", .number(c.trueMeanIntervalScore))])
            })),
            ("crps", .array(study.scores.map { c in
                .object([("truth", .string(c.truth)), ("horizon_years", .int(c.horizon)), ("mean_crps", .number(c.meanCRPS)),
                         ("true_mean_crps", .number(c.trueMeanCRPS))])
            })),
            ("targets", .array(study.targets.map { t in
                .object([("truth", .string(t.truth)), ("count", .int(t.count)), ("deadline", .string(t.deadline)), ("base_rate", .number(t.baseRate)),
                         ("brier", .number(t.brier)), ("climatology_brier", .number(t.climatologyBrier)), ("true_brier", .number(t.trueBrier))])
            })),
        ])
    }

    // MARK: JSON

    /// JSON: `foresight_version`, `commit`, `command_line`, `headline` (numbers and the texts shown
    /// in the HTML), `scenarios` (each `{file, report}` with the `foresight forecast` JSON),
    /// `scorecards` (each `{file, report}` with the `foresight scorecard` JSON), `calibration` (the file
    /// the calibration figures come from, what produced it, and its coverage, CRPS and target
    /// figures; `null` when not asked for), `problems`,
    /// `provenance` [{dataset, description, sources}], `files` [{path, sha256}].
    public func json() -> String {
        let document: JSONValue = .object([
            ("foresight_version", .string(foresightVersion)), ("commit", commit.map(JSONValue.string) ?? .null),
            ("command_line", .string(commandLine)), ("warnings", .array(warnings.map(JSONValue.string))), ("headline", headline.json),
            ("scenarios", .array(scenarios.map {
                .object([("file", .string($0.file)), ("report", ForecastReport(result: $0.result, foresightVersion: foresightVersion).document)])
            })),
            ("scorecards", .array(scorecards.map {
                .object([("file", .string($0.file)), ("report", ScorecardReport(result: $0.result, foresightVersion: foresightVersion).document)])
            })),
            ("calibration", calibration.map(Self.calibrationJSON) ?? .null),
            ("problems", .array(problems.map(JSONValue.string))),
            ("provenance", .array(provenance.map { entry in
                .object([("dataset", .string(entry.dataset)), ("description", .string(entry.description)),
                         ("sources", .array(entry.sources.map { .string($0.url) }))])
            })),
            ("files", .array(files.map { .object([("path", .string($0.path)), ("sha256", .string($0.sha256))]) })),
        ])
        return document.rendered(indent: "") + "\n"
    }
}

/// The headline answers and their display texts (shared by the HTML and the JSON).
public struct Headline: Sendable {
    /// One key figure: the label, the number (for the JSON) and the text shown.
    public struct Figure: Sendable {
        public let key: String
        public let label: String
        public let value: Double?
        public let text: String
        public let detail: String?
    }

    public let figures: [Figure]
    /// The answers in sentences.
    public let sentences: [String]
    /// One answer per forecast scenario, in plain words.
    public let answers: [ProgramAnswer]
    /// Every what-if with its difference to its baseline.
    public let whatIfs: [WhatIfAnswer]

    init(_ report: AnalysisReport) {
        var figures: [Figure] = []
        var sentences: [String] = []
        answers = report.scenarios.map { ProgramAnswer(scenario: $0.file, $0.result) }
        whatIfs = report.scenarios.flatMap { entry in
            entry.result.whatIfs.map { WhatIfAnswer(program: entry.result.name, baseline: entry.result.target, $0) }
        }
        if let first = report.scenarios.first?.result {
            let t = first.target
            let probability = Headline.probability(t)
            figures.append(Figure(key: "target_probability", label: "P(\(t.target.count) by \(t.target.label))", value: t.probability,
                                  text: probability, detail: first.name + (first.targetIsPast ? " (the date has passed: a check of the data as of \(first.asOf))" : "")))
            let median = ProgramAnswer.medianFigure(t, horizon: first.horizonLabel)
            figures.append(Figure(key: "median_date", label: "Median date of reaching \(t.target.count)", value: t.medianDate,
                                  text: median, detail: "P(not by \(first.horizonLabel)) \(Headline.percent(t.notReachedProbability))"))
            figures.append(Figure(key: "last_observed", label: "Last observed", value: Double(first.lastObserved.count),
                                  text: "\(first.lastObserved.count)", detail: first.lastObserved.label))
            sentences.append("\(first.name): probability of reaching \(t.target.count) by \(t.target.label) is \(probability); "
                             + "median date of reaching it: \(median) (last observed \(first.lastObserved.count), \(first.lastObserved.label)).")
        }
        // The headline scorecard: the first with given weights and an SMAA-2 analysis (variants
        // with derived weights, such as AHP, are sensitivity checks of it).
        let cards = report.scorecards.map(\.result)
        if let card = cards.first(where: { $0.weighting == .given && $0.smaa != nil }) ?? cards.first(where: { $0.smaa != nil }) ?? cards.first,
           let method = card.methods.first, let leader = method.ranking.first {
            let order = method.ranking.map(\.name)
            figures.append(Figure(key: "leader", label: "Ranked first (\(method.method.rawValue))", value: nil, text: leader.name,
                                  detail: "\(order.joined(separator: " > ")); \(card.spec.name)"))
            var sentence = "\(card.spec.name): \(method.method.rawValue) ranks \(order.joined(separator: " > "))"
            if let smaa = card.smaa, let top = smaa.acceptability.indices.max(by: { smaa.acceptability[$0][0] < smaa.acceptability[$1][0] }) {
                let share = smaa.acceptability[top][0]
                figures.append(Figure(key: "smaa_leader", label: "Most often first (SMAA-2)", value: share,
                                      text: "\(smaa.alternatives[top]) \(Headline.percent(share))",
                                      detail: "\(smaa.weightModel.label.prefix(1).uppercased() + smaa.weightModel.label.dropFirst()): rank-1 acceptability over \(smaa.draws) weight draws; "
                                        + smaa.alternatives.indices.filter { $0 != top }
                                            .map { "\(smaa.alternatives[$0]) \(Headline.percent(smaa.acceptability[$0][0]))" }.joined(separator: ", ")))
                sentence += "; \(smaa.weightModel.label), \(smaa.alternatives[top]) ranks first in \(Headline.percent(share)) of SMAA-2 draws"
            }
            sentences.append(sentence + ".")
        }
        self.figures = figures
        self.sentences = sentences
    }

    var json: JSONValue {
        .object([
            ("figures", .array(figures.map { f in
                .object([("key", .string(f.key)), ("label", .string(f.label)), ("value", f.value.map(JSONValue.number) ?? .null),
                         ("text", .string(f.text)), ("detail", f.detail.map(JSONValue.string) ?? .null)])
            })),
            ("sentences", .array(sentences.map(JSONValue.string))),
            ("answers", .array(answers.map(\.json))),
            ("what_ifs", .array(whatIfs.map(\.json))),
        ])
    }

    /// A target probability that claims no more than its draws support: "< 0.06%" (3/N) when no
    /// draw reached the target, "> 99.94%" when all did, otherwise ``percent(_:)``.
    static func probability(_ t: TargetAnalysis) -> String {
        guard t.answeredFromData == nil, t.drawCount > 0 else { return percent(t.probability) }
        let bound = 3 / Double(t.drawCount)
        if t.reachedDraws == 0 { return "< " + percent(bound) }
        if t.reachedDraws == t.drawCount { return "> " + percent(1 - bound) }
        return percent(t.probability)
    }

    /// A probability as a percentage with one decimal (`0.0%`, `42.0%`), `<0.1%` for small positive values.
    static func percent(_ p: Double) -> String {
        if p > 0 && p < 0.0005 { return "<0.1%" }
        return String(format: "%.1f%%", p * 100)
    }
}

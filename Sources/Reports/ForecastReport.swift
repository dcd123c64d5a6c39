import Forecasting
import Foundation

/// Renders a ``ForecastResult``: the model table (parameters, AICc, weight, backtest errors), the
/// projection table (date, mean, interval bounds per level, new centres per year), the target
/// block, the what-ifs beside the baseline, the backtest predictions, notes and provenance.
///
/// - Text and Markdown: the sections above.
/// - CSV: the projection table of the baseline and every what-if, one row per variant and date.
/// - JSON: see ``renderJSON()``.
public struct ForecastReport: RenderableReport, Sendable {
    public let result: ForecastResult
    public let foresightVersion: String

    public init(result: ForecastResult, foresightVersion: String) {
        self.result = result
        self.foresightVersion = foresightVersion
    }

    private var levels: [Double] { result.levels }

    // MARK: Tables

    /// One row per candidate: parameters, AICc within its family, the weight used with the
    /// skill (stacking) and Akaike weights beside it, and the backtest's proper scores (CRPS,
    /// log score, interval score at the highest level) and errors; the combination's prequential
    /// backtest last.
    public var modelTable: Table {
        let top = levels.last ?? 0.95
        var table = Table(columns: [.init("model", .left), .init("family", .left), .init("parameters (± SE)", .left), .init("AICc"),
                                    .init("ΔAICc"), .init("weight"), .init("skill w"), .init("Akaike w"), .init("CRPS"), .init("log score"),
                                    .init("IS \(Self.percent(top))"), .init("MAE"), .init("MASE")]
                          + levels.map { .init("cover \(Self.percent($0))") } + [.init("PIT", .left)])
        func scores(_ b: BacktestSummary?) -> [String] {
            [NumberFormat.fixed(b?.crps, decimals: 2), NumberFormat.fixed(b?.logScore, decimals: 2),
             NumberFormat.fixed(b?.intervalScores.first { $0.level == top }?.score, decimals: 1),
             NumberFormat.fixed(b?.mae, decimals: 2), NumberFormat.fixed(b?.mase, decimals: 2)]
                + levels.map { level in b?.coverage.first { $0.level == level }.map { NumberFormat.fixed($0.share, decimals: 2) } ?? "" }
                + [Self.histogramText(b?.pitHistogram ?? [])]
        }
        // Ranked by the backtest CRPS (lower is better); models without backtest last, by name.
        let ranked = result.candidates.sorted { a, b in
            switch (a.backtest?.crps, b.backtest?.crps) {
            case let (x?, y?): return x != y ? x < y : a.name < b.name
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a.name < b.name
            }
        }
        for c in ranked {
            let parameters = c.isUsable
                ? c.parameters.map { "\($0.name)=\(NumberFormat.significant($0.estimate, digits: 4))"
                    + ($0.standardError.map { "±\(NumberFormat.significant($0, digits: 2))" } ?? "") }.joined(separator: " ")
                : "not fitted (see notes)"
            table.append([c.name, c.family.rawValue, parameters, NumberFormat.fixed(c.aicc, decimals: 2),
                          NumberFormat.fixed(c.deltaAICc, decimals: 2), c.inEnsemble ? NumberFormat.fixed(c.weight, decimals: 3) : "-",
                          NumberFormat.fixed(c.skillWeight, decimals: 3), NumberFormat.fixed(c.akaikeWeight, decimals: 3)]
                         + scores(c.backtest))
        }
        if let combined = result.combinationBacktest {
            table.append(["combination (prequential)", "", "weights from earlier origins only", "", "", "", "", ""] + scores(combined))
        }
        return table
    }

    /// The projection: one row per year end (and the horizon).
    public func projectionTable(_ points: [ProjectionPoint]) -> Table {
        var table = Table(columns: [.init("date", .left), .init("mean"), .init("median")]
                          + levels.map { .init("\(Self.percent($0)) interval") } + [.init("new in year"), .init("new \(Self.percent(levels.first ?? 0.8))")])
        for p in points {
            table.append([p.label, NumberFormat.fixed(p.mean, decimals: 1), NumberFormat.fixed(p.median, decimals: 0)]
                         + p.intervals.map { "\(NumberFormat.fixed($0.lower, decimals: 0))–\(NumberFormat.fixed($0.upper, decimals: 0))" }
                         + [NumberFormat.fixed(p.newMean, decimals: 1),
                            p.newIntervals.first.map { "\(NumberFormat.fixed($0.lower, decimals: 0))–\(NumberFormat.fixed($0.upper, decimals: 0))" } ?? ""])
        }
        return table
    }

    /// The baseline and every what-if side by side.
    public var whatIfTable: Table {
        let horizonLevel = levels.first ?? 0.8
        var table = Table(columns: [.init("variant", .left), .init("change", .left), .init("target", .left), .init("P(reach)"),
                                    .init("median date", .left), .init("shortfall"), .init("at \(result.horizonLabel)"),
                                    .init("\(Self.percent(horizonLevel)) interval")])
        let rows = [("baseline", "", result.target, result.projection)] + result.whatIfs.map { ($0.whatIf.name, $0.change, $0.target, $0.projection) }
        for (name, change, target, projection) in rows {
            let last = projection.last
            table.append([name, change, "\(target.target.count) by \(target.target.label)", target.probabilityText,
                          Self.dateText(target.medianDate), NumberFormat.fixed(target.expectedShortfall, decimals: 2),
                          NumberFormat.fixed(last?.mean, decimals: 1),
                          last?.intervals.first.map { "\(NumberFormat.fixed($0.lower, decimals: 0))–\(NumberFormat.fixed($0.upper, decimals: 0))" } ?? ""])
        }
        return table
    }

    /// Every backtest prediction.
    public var backtestTable: Table {
        var table = Table(columns: [.init("model", .left), .init("origin", .left), .init("observed date", .left), .init("lead (y)"),
                                    .init("actual"), .init("mean")]
                          + levels.flatMap { [.init("\(Self.percent($0)) interval"), .init("in \(Self.percent($0))")] as [Table.Column] })
        for p in result.backtestPoints {
            table.append([p.model, p.origin, p.date, NumberFormat.fixed(p.lead, decimals: 2), NumberFormat.fixed(p.actual, decimals: 0),
                          NumberFormat.fixed(p.mean, decimals: 1)]
                         + p.intervals.flatMap { ["\(NumberFormat.fixed($0.lower, decimals: 0))–\(NumberFormat.fixed($0.upper, decimals: 0))",
                                                  p.actual >= $0.lower && p.actual <= $0.upper ? "yes" : "no"] })
        }
        return table
    }

    /// The target block as label/value lines.
    public func targetBlock(_ analysis: TargetAnalysis) -> StatisticsBlock {
        var lines: [(String, String)] = [
            ("target", "\(analysis.target.count) by \(analysis.target.label)"),
            ("probability", analysis.probabilityText),
            ("expected shortfall", NumberFormat.fixed(analysis.expectedShortfall, decimals: 2)),
            ("median date reached", analysis.medianDate.map { DecimalYear.dayText($0) }
                ?? (analysis.answeredFromData == nil
                    ? "after the horizon (reached by \(result.horizonLabel) in \(NumberFormat.fixed(1 - analysis.notReachedProbability, decimals: 3)) of the draws, not more than half)"
                    : "—")),
        ]
        if result.targetIsPast, analysis.target == result.target.target {
            lines.insert(("note", "\(analysis.target.label) has passed but lies after the data (as of \(result.asOf)): a check of the data, not a forecast"), at: 1)
        }
        for interval in analysis.dateIntervals {
            lines.append(("\(Self.percent(interval.level)) date interval", "\(Self.dateText(interval.lower)) – \(Self.dateText(interval.upper))"))
        }
        lines.append(("P(not reached by \(result.horizonLabel))", NumberFormat.fixed(analysis.notReachedProbability, decimals: 4)))
        if let note = analysis.answeredFromData { lines.append(("answered from the data", note)) }
        return StatisticsBlock(lines.map { StatisticsBlock.Line($0.0, $0.1) })
    }

    private var provenance: StatisticsBlock {
        var lines: [(String, String)] = [("scenario", "\(result.scenarioFile) (sha256 \(result.scenarioSHA256))")]
        lines += result.dataFiles.map { ("data", "\($0.path) (sha256 \($0.sha256))") }
        lines += [("seed", "\(result.seed)"), ("draws", "\(result.draws)"), ("foresight", foresightVersion)]
        return StatisticsBlock(lines.map { StatisticsBlock.Line($0.0, $0.1) })
    }

    private var header: [String] {
        [result.name] + (result.description.map { [$0] } ?? []) + [
            "Series: \(result.seriesDescription); data as of \(result.asOf); last observed \(result.lastObserved.count) (\(result.lastObserved.label)).",
            "Projection: \(result.combinationNote); "
                + "\(result.draws) draws (parametric bootstrap with resampled dates and Poisson arrivals).",
        ]
    }

    // MARK: Renderers

    public func renderText() -> String {
        var out = header.joined(separator: "\n") + "\n\nModels\n" + modelTable.renderText()
        out += "\nProjection (cumulative count; new = arrivals in the year)\n" + projectionTable(result.projection).renderText()
        out += "\nTarget\n" + targetBlock(result.target).renderText()
        if !result.whatIfs.isEmpty { out += "\nWhat-if scenarios\n" + whatIfTable.renderText() }
        if !result.backtestPoints.isEmpty { out += "\nBacktest (rolling origin)\n" + backtestTable.renderText() }
        if !result.notes.isEmpty { out += "\nNotes\n" + result.notes.map { "- \($0)\n" }.joined() }
        return out + "\nProvenance\n" + provenance.renderText()
    }

    public func renderMarkdown() -> String {
        var out = "### \(result.name)\n\n" + header.dropFirst().joined(separator: "\n\n") + "\n\n#### Models\n\n" + modelTable.renderMarkdown()
        out += "\n#### Projection\n\n" + projectionTable(result.projection).renderMarkdown()
        out += "\n#### Target\n\n" + targetBlock(result.target).renderMarkdown()
        if !result.whatIfs.isEmpty { out += "\n#### What-if scenarios\n\n" + whatIfTable.renderMarkdown() }
        if !result.backtestPoints.isEmpty { out += "\n#### Backtest\n\n" + backtestTable.renderMarkdown() }
        if !result.notes.isEmpty { out += "\n#### Notes\n\n" + result.notes.map { "- \($0)\n" }.joined() }
        return out + "\n#### Provenance\n\n" + provenance.renderMarkdown()
    }

    public func renderCSV() -> String {
        var table = Table(columns: [.init("variant", .left), .init("date", .left), .init("mean"), .init("median")]
                          + levels.flatMap { [.init("lower_\(Self.percent($0, sign: false))"), .init("upper_\(Self.percent($0, sign: false))")] as [Table.Column] }
                          + [.init("new_mean")])
        let variants = [("baseline", result.projection)] + result.whatIfs.map { ($0.whatIf.name, $0.projection) }
        for (name, points) in variants {
            for p in points {
                table.append([name, p.label, Self.number(p.mean), Self.number(p.median)]
                             + p.intervals.flatMap { [Self.number($0.lower), Self.number($0.upper)] } + [p.newMean.map(Self.number) ?? ""])
            }
        }
        return table.renderCSV()
    }

    /// JSON: `scenario`, `description`, `series` (`description`, `last_observed` {count, date},
    /// `observed` [{time, date, count}]), `models` [{name, family, usable, message, parameters
    /// [{name, estimate, std_error}], log_likelihood, dispersion (count processes), aicc, delta_aicc, weight, in_ensemble,
    /// skill_weight, akaike_weight, backtest (see below)}], `ensemble` {combination_note, combination, draws,
    /// backtest: the combination's prequential backtest}, where a backtest is {predictions, origins,
    /// failed_origins, mae, mase, crps, log_score, coverage [{level, share}], interval_score [{level,
    /// score}], pit_histogram [10 heights]}, `projection` and `fan` [{date, time, mean,
    /// median, intervals [{level, lower, upper}], new_mean, new_intervals}], `fitted_curve`
    /// [{time, value}], `target` {count, by, probability, probability_text, draws, reached_draws,
    /// is_check_of_data, monte_carlo_error, expected_shortfall,
    /// median_date, date_intervals [{level, lower, upper}] (dates; `null` upper = after the
    /// horizon), not_reached_probability, answered_from_data}, `what_if` [{name, change, target,
    /// projection}], `backtest` [{model, origin, date, lead_years, actual, mean, intervals}],
    /// `notes`, `as_of` (the data's as-of date), `provenance` {scenario_file, sha256, data [{path, sha256}], seed, draws, levels,
    /// horizon, foresight_version}. Non-finite numbers are `null`.
    public func renderJSON() throws -> String {
        document.rendered(indent: "") + "\n"
    }

    var document: JSONValue {
        func intervals(_ list: [Interval]) -> JSONValue {
            .array(list.map { .object([("level", .number($0.level)), ("lower", .number($0.lower)), ("upper", .number($0.upper))]) })
        }
        func points(_ list: [ProjectionPoint]) -> JSONValue {
            .array(list.map { p in
                .object([("date", .string(p.label)), ("time", .number(p.time)), ("mean", .number(p.mean)), ("median", .number(p.median)),
                         ("intervals", intervals(p.intervals)), ("new_mean", p.newMean.map(JSONValue.number) ?? .null),
                         ("new_intervals", intervals(p.newIntervals))])
            })
        }
        func target(_ t: TargetAnalysis) -> JSONValue {
            .object([
                ("count", .int(t.target.count)), ("by", .string(t.target.label)), ("probability", .number(t.probability)),
                ("probability_text", .string(t.probabilityText)), ("draws", .int(t.drawCount)), ("reached_draws", .int(t.reachedDraws)),
                ("is_check_of_data", .bool(result.targetIsPast && t.target == result.target.target)),
                ("monte_carlo_error", .number(t.monteCarloError)), ("expected_shortfall", .number(t.expectedShortfall)),
                ("median_date", t.medianDate.map { .string(DecimalYear.dayText($0)) } ?? .null),
                ("median_time", t.medianDate.map(JSONValue.number) ?? .null),
                ("date_intervals", .array(t.dateIntervals.map {
                    .object([("level", .number($0.level)), ("lower", Self.dateValue($0.lower)), ("upper", Self.dateValue($0.upper))])
                })),
                ("not_reached_probability", .number(t.notReachedProbability)),
                ("answered_from_data", t.answeredFromData.map(JSONValue.string) ?? .null),
            ])
        }
        let models: JSONValue = .array(result.candidates.map { c in
            .object([
                ("name", .string(c.name)), ("family", .string(c.family.rawValue)), ("usable", .bool(c.isUsable)), ("message", .string(c.message)),
                ("parameters", .array(c.parameters.map {
                    .object([("name", .string($0.name)), ("estimate", .number($0.estimate)), ("std_error", $0.standardError.map(JSONValue.number) ?? .null)])
                })),
                ("log_likelihood", c.logLikelihood.map(JSONValue.number) ?? .null), ("dispersion", c.dispersion.map(JSONValue.number) ?? .null),
                ("aicc", c.aicc.map(JSONValue.number) ?? .null),
                ("delta_aicc", c.deltaAICc.map(JSONValue.number) ?? .null), ("weight", .number(c.weight)), ("in_ensemble", .bool(c.inEnsemble)),
                ("skill_weight", c.skillWeight.map(JSONValue.number) ?? .null), ("akaike_weight", c.akaikeWeight.map(JSONValue.number) ?? .null),
                ("backtest", c.backtest.map(Self.backtestValue) ?? .null),
            ])
        })
        return .object([
            ("scenario", .string(result.name)), ("description", result.description.map(JSONValue.string) ?? .null),
            ("series", .object([
                ("description", .string(result.seriesDescription)),
                ("last_observed", .object([("count", .int(result.lastObserved.count)), ("date", .string(result.lastObserved.label))])),
                ("observed", .array(result.observed.map {
                    .object([("time", .number($0.time)), ("date", .string($0.label)), ("count", .int($0.count))])
                })),
            ])),
            ("models", models),
            ("ensemble", .object([("combination_note", .string(result.combinationNote)), ("combination", .string(result.combination.rawValue)),
                                  ("draws", .int(result.draws)), ("backtest", result.combinationBacktest.map(Self.backtestValue) ?? .null)])),
            ("projection", points(result.projection)), ("fan", points(result.fan)),
            ("fitted_curve", .array(result.fittedCurve.map { .object([("time", .number($0.time)), ("value", .number($0.value))]) })),
            ("target", target(result.target)),
            ("what_if", .array(result.whatIfs.map { w in
                .object([("name", .string(w.whatIf.name)), ("change", .string(w.change)), ("target", target(w.target)),
                         ("projection", points(w.projection))])
            })),
            ("backtest", .array(result.backtestPoints.map { p in
                .object([("model", .string(p.model)), ("origin", .string(p.origin)), ("date", .string(p.date)), ("lead_years", .number(p.lead)),
                         ("actual", .number(p.actual)), ("mean", .number(p.mean)), ("intervals", intervals(p.intervals))])
            })),
            ("notes", .array(result.notes.map(JSONValue.string))),
            ("as_of", .string(result.asOf)),
            ("provenance", .object([
                ("scenario_file", .string(result.scenarioFile)), ("sha256", .string(result.scenarioSHA256)),
                ("data", .array(result.dataFiles.map { .object([("path", .string($0.path)), ("sha256", .string($0.sha256))]) })),
                ("seed", result.seed <= 1 << 53 ? .int(Int(result.seed)) : .string(String(result.seed))),
                ("draws", .int(result.draws)), ("levels", .array(levels.map(JSONValue.number))), ("horizon", .string(result.horizonLabel)),
                ("foresight_version", .string(foresightVersion)),
            ])),
        ])
    }

    static func backtestValue(_ b: BacktestSummary) -> JSONValue {
        .object([("predictions", .int(b.predictions)), ("origins", .int(b.origins)), ("failed_origins", .int(b.failedOrigins)),
                 ("mae", b.mae.map(JSONValue.number) ?? .null), ("mase", b.mase.map(JSONValue.number) ?? .null),
                 ("crps", b.crps.map(JSONValue.number) ?? .null), ("log_score", b.logScore.map(JSONValue.number) ?? .null),
                 ("coverage", .array(b.coverage.map { .object([("level", .number($0.level)), ("share", .number($0.share))]) })),
                 ("interval_score", .array(b.intervalScores.map { .object([("level", .number($0.level)), ("score", .number($0.score))]) })),
                 ("pit_histogram", .array(b.pitHistogram.map(JSONValue.number)))])
    }

    // MARK: Formatting

    /// A histogram as eight-level block characters scaled to its largest bin (a flat row of
    /// equal blocks for a calibrated PIT; a U for intervals too narrow, a hump for too wide).
    static func histogramText(_ heights: [Double]) -> String {
        guard let top = heights.max(), top > 0 else { return "" }
        let blocks = Array("▁▂▃▄▅▆▇█")
        return String(heights.map { blocks[min(7, Int(($0 / top * 7).rounded()))] })
    }

    static func percent(_ level: Double, sign: Bool = true) -> String {
        String(format: "%g", (level * 100 * 1e6).rounded() / 1e6) + (sign ? "%" : "")
    }

    static func number(_ value: Double) -> String { value.isFinite ? String(format: "%.6g", value) : "" }

    /// A decimal year as a date; "after the horizon" for +∞.
    static func dateText(_ time: Double?) -> String {
        guard let time else { return "—" }
        return time.isFinite ? DecimalYear.dayText(time) : "after the horizon"
    }

    static func dateValue(_ time: Double) -> JSONValue { time.isFinite ? .string(DecimalYear.dayText(time)) : .null }
}

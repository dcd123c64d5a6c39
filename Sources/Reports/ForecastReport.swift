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

    /// One row per candidate: parameters, AICc within its family, weight, backtest errors.
    public var modelTable: Table {
        var table = Table(columns: [.init("model", .left), .init("family", .left), .init("parameters (± SE)", .left), .init("AICc"),
                                    .init("ΔAICc"), .init("weight"), .init("MAE"), .init("MASE")]
                          + levels.map { .init("cover \(Self.percent($0))") })
        for c in result.candidates {
            let parameters = c.isUsable
                ? c.parameters.map { "\($0.name)=\(NumberFormat.significant($0.estimate, digits: 4))"
                    + ($0.standardError.map { "±\(NumberFormat.significant($0, digits: 2))" } ?? "") }.joined(separator: " ")
                : "not fitted (see notes)"
            let coverage = levels.map { level in
                c.backtest?.coverage.first { $0.level == level }.map { NumberFormat.fixed($0.share, decimals: 2) } ?? ""
            }
            table.append([c.name, c.family.rawValue, parameters, NumberFormat.fixed(c.aicc, decimals: 2),
                          NumberFormat.fixed(c.deltaAICc, decimals: 2), c.inEnsemble ? NumberFormat.fixed(c.weight, decimals: 3) : "-",
                          NumberFormat.fixed(c.backtest?.mae, decimals: 2), NumberFormat.fixed(c.backtest?.mase, decimals: 2)] + coverage)
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
            table.append([name, change, "\(target.target.count) by \(target.target.label)", NumberFormat.fixed(target.probability, decimals: 3),
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
            ("probability", NumberFormat.fixed(analysis.probability, decimals: 4)
                + (analysis.monteCarloError > 0 ? " (Monte Carlo SE \(NumberFormat.fixed(analysis.monteCarloError, decimals: 4)))" : "")),
            ("expected shortfall", NumberFormat.fixed(analysis.expectedShortfall, decimals: 2)),
            ("median date reached", analysis.medianDate.map { DecimalYear.dayText($0) } ?? "not within the horizon in half of the draws"),
        ]
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
            "Series: \(result.seriesDescription); last observed \(result.lastObserved.count) (\(result.lastObserved.label)).",
            "Projection: \(result.familyChoice); \(result.combination == .best ? "best model by AICc" : "models combined by Akaike weights"); "
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
    /// backtest {predictions, origins, failed_origins, mae, mase, coverage {level: share}}}],
    /// `ensemble` {family_choice, combination, draws}, `projection` and `fan` [{date, time, mean,
    /// median, intervals [{level, lower, upper}], new_mean, new_intervals}], `fitted_curve`
    /// [{time, value}], `target` {count, by, probability, monte_carlo_error, expected_shortfall,
    /// median_date, date_intervals [{level, lower, upper}] (dates; `null` upper = after the
    /// horizon), not_reached_probability, answered_from_data}, `what_if` [{name, change, target,
    /// projection}], `backtest` [{model, origin, date, lead_years, actual, mean, intervals}],
    /// `notes`, `provenance` {scenario_file, sha256, data [{path, sha256}], seed, draws, levels,
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
                ("backtest", c.backtest.map { b in
                    .object([("predictions", .int(b.predictions)), ("origins", .int(b.origins)), ("failed_origins", .int(b.failedOrigins)),
                             ("mae", b.mae.map(JSONValue.number) ?? .null), ("mase", b.mase.map(JSONValue.number) ?? .null),
                             ("coverage", .object(b.coverage.map { (Self.levelKey($0.level), .number($0.share)) }))])
                } ?? .null),
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
            ("ensemble", .object([("family_choice", .string(result.familyChoice)), ("combination", .string(result.combination.rawValue)),
                                  ("draws", .int(result.draws))])),
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
            ("provenance", .object([
                ("scenario_file", .string(result.scenarioFile)), ("sha256", .string(result.scenarioSHA256)),
                ("data", .array(result.dataFiles.map { .object([("path", .string($0.path)), ("sha256", .string($0.sha256))]) })),
                ("seed", result.seed <= 1 << 53 ? .int(Int(result.seed)) : .string(String(result.seed))),
                ("draws", .int(result.draws)), ("levels", .array(levels.map(JSONValue.number))), ("horizon", .string(result.horizonLabel)),
                ("foresight_version", .string(foresightVersion)),
            ])),
        ])
    }

    // MARK: Formatting

    static func percent(_ level: Double, sign: Bool = true) -> String {
        String(format: "%g", (level * 100 * 1e6).rounded() / 1e6) + (sign ? "%" : "")
    }

    static func levelKey(_ level: Double) -> String { String(format: "%g", level) }

    static func number(_ value: Double) -> String { value.isFinite ? String(format: "%.6g", value) : "" }

    /// A decimal year as a date; "after the horizon" for +∞.
    static func dateText(_ time: Double?) -> String {
        guard let time else { return "—" }
        return time.isFinite ? DecimalYear.dayText(time) : "after the horizon"
    }

    static func dateValue(_ time: Double) -> JSONValue { time.isFinite ? .string(DecimalYear.dayText(time)) : .null }
}

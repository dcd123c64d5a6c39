import SVGCharts
import Forecasting
import Foundation
import Scorecards
import Scoring

extension AnalysisReport {
    /// The self-contained HTML page: summary, one section per scenario and scorecard, problems,
    /// data provenance, reproducibility.
    public func html() -> String {
        var page = HTMLPage(
            title: "Foresight report",
            introduction: "Forecasts of how many national manufacturing innovation centres China, the USA and Germany establish, "
                + "and a comparative scorecard of the three programs, computed from the bundled data with their sources.",
            footer: "foresight \(foresightVersion)\(commit.map { ", commit \($0.prefix(12))" } ?? "")")
        let headline = self.headline
        var summary: [HTMLBlock] = [.problems(problems), .warnings(warnings)]
        summary.append(.heading("The answer for each program"))
        summary.append(.keyFigures(headline.answers.map { KeyFigure(label: "\($0.program): \($0.target.count) by \($0.target.label)", value: $0.probabilityText, detail: $0.sentence) }))
        if !headline.whatIfs.isEmpty {
            summary.append(.heading("What-ifs against their baseline"))
            summary.append(.keyFigures(headline.whatIfs.map { KeyFigure(label: "\($0.program): \($0.name)", value: $0.probabilityText, detail: $0.sentence) }))
        }
        summary.append(.heading("Scorecard"))
        let scorecardFigures = headline.figures.filter { ["leader", "smaa_leader"].contains($0.key) }
        if !scorecardFigures.isEmpty {
            summary.append(.keyFigures(scorecardFigures.map { KeyFigure(label: $0.label, value: $0.text, detail: $0.detail) }))
        }
        summary += headline.sentences.dropFirst(scenarios.isEmpty ? 0 : 1).map { .paragraph($0) }
        page.sections.append(HTMLSection(id: "summary", heading: "Summary", blocks: summary))
        page.sections.append(HTMLSection(id: "how-to-read", heading: "How to read this report", blocks: Self.howToRead.map { .paragraph($0) }))
        for (index, entry) in scenarios.enumerated() {
            page.sections.append(scenarioSection(entry, id: "scenario-\(index + 1)"))
        }
        for (index, entry) in scorecards.enumerated() {
            page.sections.append(scorecardSection(entry, id: "scorecard-\(index + 1)"))
        }
        if let calibration { page.sections.append(calibrationSection(calibration)) }
        page.sections.append(HTMLSection(id: "problems", heading: "Problems", blocks: problems.isEmpty
            ? [.paragraph("No problems: every scenario and scorecard in Models/ ran on the data in Data/.")] : [.problems(problems)]))
        page.sections.append(HTMLSection(id: "provenance", heading: "Data provenance", blocks: [
            .paragraph("Every value comes from the sources below; each row of the data files carries its own source URL."),
            .details(summary: "The \(provenance.count) datasets and their sources", blocks: [.provenance(provenance)]),
        ]))
        page.sections.append(HTMLSection(id: "reproducibility", heading: "Reproducibility", blocks: [
            .paragraph("The same command on the same files gives the same numbers: every simulation is seeded, and results do not depend on the number of threads."),
            .code(commandLine),
            .details(summary: "Version, seeds and file hashes (\(reproducibility.lines.count))", blocks: [.definitions(reproducibility)]),
        ]))
        return page.render()
    }

    /// "How to read this report": fan charts, model weights, CRPS and SMAA in plain words.
    static let howToRead = [
        "Fan charts: the dark steps are the counts the sources state; the line beyond them is the average of thousands of simulated futures, "
            + "and the shaded bands hold 80% and 95% of those futures. A wide band means the data allow very different futures; the target is "
            + "the horizontal line, its date the vertical one.",
        "Chances: \"about even odds\" means close to 50%; \"< 0.1%\" means that not one simulated future (or fewer than 1 in 1,000) reached "
            + "the target, so the true chance is small but not proven to be zero. Every answer gives the data's as-of date: later statements can change it.",
        "Model weights: several growth models are fitted. Each gets a weight from how well it predicted statements it had not seen (backtests); "
            + "the Akaike (AICc) weight beside it says how well it fits the data it was given, with a penalty for extra parameters. A model "
            + "with a large Akaike weight but little backtest weight fits the past but forecast poorly.",
        "CRPS (continuous ranked probability score): the average distance between a forecast distribution and what happened, in centres; "
            + "lower is better, and 0 would be a certain and correct forecast. It rewards forecasts that are both sharp and honest.",
        "Scorecards: each method (weighted sum, TOPSIS, VIKOR, PROMETHEE, AHP) ranks the programs from the same criteria and weights. "
            + "SMAA-2 redraws the weights many times and counts how often each program takes each rank. By default it draws them around "
            + "the stated weights, so its shares read \"if the weights are uncertain by about ±X%\", X given with each scorecard; a "
            + "scorecard with 'weights: uniform' draws them from all possible weights instead: \"if nothing is known about the weights\".",
    ]

    private func scenarioSection(_ entry: ScenarioEntry, id: String) -> HTMLSection {
        let result = entry.result
        let report = ForecastReport(result: result, foresightVersion: foresightVersion)
        let t = result.target
        var blocks: [HTMLBlock] = []
        if let description = result.description { blocks.append(.paragraph(description)) }
        blocks.append(.keyFigures([
            KeyFigure(label: "P(\(t.target.count) by \(t.target.label))", value: Headline.probability(t),
                      detail: t.answeredFromData
                        ?? (t.probabilityText + (result.targetIsPast ? "; the date has passed: a check of the data as of \(result.asOf), not a forecast" : ""))),
            KeyFigure(label: "Median date of reaching \(t.target.count)", value: ProgramAnswer.medianFigure(t, horizon: result.horizonLabel),
                      detail: "P(not by \(result.horizonLabel)) \(Headline.percent(t.notReachedProbability))"),
            KeyFigure(label: "Last observed", value: "\(result.lastObserved.count)", detail: result.lastObserved.label),
        ]))
        blocks.append(.chart(ReportCharts.fan(result, id: "\(id)-fan"),
                             caption: "Observed counts (steps), simulated mean and \(result.levels.map { ForecastReport.percent($0) }.joined(separator: " and ")) "
                                + "prediction bands from \(result.draws) draws; \(result.combinationNote); data as of \(result.asOf)."))
        var models = report.modelTable
        models.title = "Candidate models: AICc within each family, weight in the projection (from out-of-sample skill) beside the Akaike weight, rolling-origin backtest scores (CRPS, log score, interval score: lower is better) and coverage"
        blocks.append(.details(summary: "Candidate models: weights, fits and backtest scores (\(models.rows.count))", blocks: [.table(models)]))
        var projection = report.projectionTable(result.projection)
        projection.title = "Projection: cumulative count at the end of each year, and new centres in the year"
        blocks.append(.details(summary: "Projection by year: counts and new centres (\(projection.rows.count) years)", blocks: [.table(projection)]))
        blocks.append(.details(summary: "How the answer for \(t.target.count) by \(t.target.label) was reached",
                               blocks: [.definitions(report.targetBlock(t))]))
        if !result.whatIfs.isEmpty {
            var whatIfs = report.whatIfTable
            whatIfs.title = "What-if scenarios beside the baseline (same draws)"
            blocks.append(.table(whatIfs))
        }
        if !result.backtestPoints.isEmpty {
            var backtest = report.backtestTable
            backtest.title = "Backtest: each model fitted to the data known at the origin, predicting later statements"
            let csv = "backtest-\(Self.stem(entry.file)).csv"
            blocks.append(.details(summary: "Every backtest prediction (\(backtest.rows.count) rows; also in \(csv))",
                                   blocks: [.link(title: "Download \(csv)", url: csv), .table(backtest)]))
        }
        if !result.notes.isEmpty {
            blocks.append(.details(summary: "Notes on the data and the fits (\(result.notes.count))", blocks: result.notes.map { .paragraph($0) }))
        }
        return HTMLSection(id: id, heading: result.name, blocks: blocks)
    }

    /// The calibration study read from its file: design and provenance, coverage chart and
    /// table, target probabilities against climatology, reliability chart and table.
    private func calibrationSection(_ entry: CalibrationEntry) -> HTMLSection {
        let heading = "Calibration: how honest the forecasts are"
        guard let report = entry.report else {
            return HTMLSection(id: "calibration", heading: heading, blocks: [.paragraph(Self.missingCalibration(entry.file))])
        }
        let study = report.study
        var blocks: [HTMLBlock] = report.header.prefix(1).map { .paragraph($0) }
        if report.header.count > 1 {
            blocks.append(.details(summary: "How the study was run", blocks: report.header.dropFirst().map { .paragraph($0) }))
        }
        blocks.append(.paragraph("Figures read from \(entry.file) (SHA-256 \(entry.sha256.prefix(16))…), written by foresight "
                                 + "\(report.document.foresightVersion)\(report.document.commit.map { " at commit \($0.prefix(12))" } ?? "") "
                                 + "with seed \(study.design.seed); the report does not rerun the study."))
        if let top = study.method.levels.max() {
            blocks.append(.chart(ReportCharts.calibrationCoverage(study, level: top, id: "calibration-coverage"),
                                 caption: "Share of replicates whose \(ForecastReport.percent(top)) interval held the true count, per truth "
                                    + "and horizon; the nominal level and the true predictive distribution's share are in the table."))
        }
        var coverage = report.coverageTable
        coverage.title = "Coverage (binomial SE at the nominal level) beside the true predictive distribution's; interval score and CRPS beside the truth's"
        blocks.append(.details(summary: "Coverage and scores per truth and horizon (\(coverage.rows.count) rows)", blocks: [.table(coverage)]))
        var targets = report.targetTable
        targets.title = "Probability of the target two years after the data end: Brier score against climatology (the base rate) and the truth"
        var reliability = report.reliabilityTable
        reliability.title = "Reliability table"
        blocks.append(.details(summary: "Target probabilities: Brier scores and reliability", blocks: [
            .table(targets),
            .chart(ReportCharts.reliability(study, id: "calibration-reliability"),
                   caption: "Reliability of the target probabilities over all truths: in each bin of forecast probability, the mean "
                    + "forecast beside the share of replicates that reached the target (equal bars: reliable)."),
            .table(reliability),
        ]))
        return HTMLSection(id: "calibration", heading: heading, blocks: blocks)
    }

    private func scorecardSection(_ entry: ScorecardEntry, id: String) -> HTMLSection {
        let result = entry.result
        let report = ScorecardReport(result: result, foresightVersion: foresightVersion)
        var blocks: [HTMLBlock] = []
        if let description = result.spec.description { blocks.append(.paragraph(description)) }
        blocks.append(.chart(ReportCharts.scores(result, id: "\(id)-scores"),
                             caption: ReportCharts.scoresCaption))
        var ranking = report.rankingTable
        ranking.title = "Rankings by method (= marks a tie)"
        blocks.append(.table(ranking))
        var scores = report.scoresTable
        scores.title = "Scores by method (VIKOR's Q: lower is better)"
        blocks.append(.details(summary: "The scores behind the chart", blocks: [.table(scores)]))
        if let smaa = result.smaa {
            blocks.append(.chart(ReportCharts.acceptability(smaa, id: "\(id)-smaa"),
                                 caption: "SMAA-2 rank acceptability: the share of \(smaa.draws) weight draws in which each alternative takes each rank, "
                                    + "\(smaa.weightModel.label)."))
        }
        var criteria = report.criteriaTable
        criteria.title = "Criteria, weights and values"
        blocks.append(.details(summary: "Criteria, weights and values (\(criteria.rows.count) criteria)", blocks: [.table(criteria)]))
        if let stability = result.stability.first {
            blocks.append(.details(summary: "Weight stability: how far each weight can move before the leader changes", blocks: [
                .chart(ReportCharts.tornado(stability, id: "\(id)-stability"),
                       caption: "Weight stability (\(stability.method.rawValue)): the range of each criterion's weight over which the leader stays first, the other weights rescaled."),
            ]))
        }
        if let rationale = result.spec.weightRationale {
            blocks.append(.paragraph("Why these weights: " + rationale.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        if result.methods.count > 1 {
            var agreement = report.agreementTable
            agreement.title = "Agreement between the methods' rankings (Kendall's τ_b: 1 the same order, −1 the reverse)"
            blocks.append(.details(summary: "Agreement between the methods' rankings (Kendall's τ_b)", blocks: [.table(agreement)]))
        }
        if let reversal = report.reversalSummary {
            blocks.append(.heading("Rank reversal: does the order of the others change when one alternative is removed or copied?"))
            blocks.append(.paragraph(reversal))
            blocks.append(.details(summary: "Every rank-reversal experiment, by method", blocks: [.list(report.reversalLines)]))
        }
        blocks.append(.details(summary: "The source of every value (\(report.sourceLines.count))", blocks: [.list(report.sourceLines)]))
        if !result.notes.isEmpty {
            blocks.append(.details(summary: "Notes (\(result.notes.count))", blocks: result.notes.map { .paragraph($0) }))
        }
        return HTMLSection(id: id, heading: result.spec.name, blocks: blocks)
    }
}

/// The report's charts, built from results.
enum ReportCharts {
    /// Observed steps, the simulated mean (from the last observation), what-if means, bands, target.
    static func fan(_ result: ForecastResult, id: String) -> FanChart {
        let anchor = Point(x: result.lastObserved.time, y: Double(result.lastObserved.count))
        let mean = Series(name: "Simulated mean", points: [anchor] + result.fan.map { Point(x: $0.time, y: $0.mean) })
        let whatIfs = result.whatIfs.filter { $0.whatIf.target == nil || $0.whatIf.rateChange != nil || $0.whatIf.capacity != nil }.map { w in
            Series(name: "What-if: \(w.whatIf.name)", points: [anchor] + w.fan.map { Point(x: $0.time, y: $0.mean) })
        }
        let bands = result.levels.indices.reversed().map { k in
            Band(name: "\(ForecastReport.percent(result.levels[k])) band",
                 slices: [Band.Slice(x: anchor.x, lower: anchor.y, upper: anchor.y)]
                    + result.fan.compactMap { p in p.intervals.count > k ? Band.Slice(x: p.time, lower: p.intervals[k].lower, upper: p.intervals[k].upper) : nil })
        }
        let fitted = result.fittedCurve.isEmpty ? [] : [Series(name: "Fitted curve (data window)", points: result.fittedCurve.map { Point(x: $0.time, y: $0.value) })]
        let t = result.target.target
        var options = ChartOptions(xTitle: "Year", yTitle: "Centres (cumulative)", id: id)
        options.note = "Probability of reaching \(t.count) by \(t.label): \(Headline.probability(result.target))."
        return FanChart(title: result.name,
                        observed: Series(name: "Observed", points: result.observed.map { Point(x: $0.time, y: Double($0.count)) }),
                        observedKind: result.observedAreStatements ? .statements : .events,
                        lines: [mean] + fitted + uniqueNames(whatIfs), bands: bands,
                        target: ReferenceLine(value: Double(t.count), label: "Target \(t.count)"),
                        targetDate: ReferenceLine(value: t.by, label: t.label), options: options)
    }

    /// Scores per method on a zero baseline, grouped by method: a method whose scores are all
    /// non-negative and higher-is-better is divided by its best score (ratios kept, the best at
    /// 1); any other (VIKOR's Q, PROMETHEE's net flow) is drawn as it is.
    static func scores(_ result: ScorecardResult, id: String) -> GroupedBarChart {
        let methods = result.methods
        let scaled = methods.map { scaledScores($0.scoreValues, method: $0.method.rawValue, higherIsBetter: $0.higherIsBetter) }
        let series = result.spec.alternatives.indices.map { i in BarSeries(name: result.spec.alternatives[i], values: scaled.map { $0.values[i] }) }
        return GroupedBarChart(title: "\(result.spec.name): scores by method", categories: scaled.map(\.label), series: series,
                               options: ChartOptions(xTitle: "Method", yTitle: "Score", id: id))
    }

    /// One method's bars and group label: divided by the best score when every score is
    /// non-negative and higher is better (so no bar of a non-zero score has zero length, and
    /// ratios are kept), else the scores as they are.
    static func scaledScores(_ values: [Double], method name: String, higherIsBetter: Bool) -> (label: String, values: [Double]) {
        if higherIsBetter, let best = values.max(), best > 0, values.allSatisfy({ $0 >= 0 }) {
            return ("\(name) ÷ best", values.map { $0 / best })
        }
        return (higherIsBetter ? "\(name) (raw)" : "\(name) (0 best)", values)
    }

    /// The caption of ``scores(_:id:)``: how the scores were scaled.
    static var scoresCaption: String {
        "Scores by method, every bar from zero. Methods marked \"÷ best\" are divided by the best alternative's score, so the best is 1 "
            + "and the bars keep the scores' ratios; methods marked \"raw\" are drawn as computed (VIKOR's Q: 0 is best; PROMETHEE's net "
            + "flow φ lies between −1 and 1). Bars of different methods are not on one scale: compare within a method."
    }

    /// SMAA-2 rank acceptabilities as stacked bars.
    static func acceptability(_ smaa: SMAAResult, id: String) -> StackedBarChart {
        StackedBarChart(title: "Rank acceptability (SMAA-2)", segments: smaa.alternatives.indices.map { "Rank \($0 + 1)" },
                        bars: smaa.alternatives.indices.map { BarSeries(name: smaa.alternatives[$0], values: smaa.acceptability[$0]) },
                        options: ChartOptions(xTitle: "Share of weight draws", yTitle: "Alternative", valueFormat: .percent, id: id))
    }

    /// Coverage at `level` per horizon (groups) and truth (bars).
    static func calibrationCoverage(_ study: CalibrationStudy, level: Double, id: String) -> GroupedBarChart {
        let truths = study.truths.map(\.name) + [CalibrationStudy.pooled]
        let series = truths.map { truth in
            BarSeries(name: truth == CalibrationStudy.pooled ? "All truths" : truth, values: study.design.horizons.map { horizon in
                study.coverage.first { $0.truth == truth && $0.horizon == horizon && abs($0.level - level) < 1e-12 }?.coverage ?? .nan
            })
        }
        var options = ChartOptions(xTitle: "Years after the data end", yTitle: "Coverage of the \(ForecastReport.percent(level)) interval",
                                   valueFormat: .percent, id: id)
        options.note = "Nominal \(ForecastReport.percent(level))."
        return GroupedBarChart(title: "Calibration: \(ForecastReport.percent(level)) interval coverage",
                               categories: study.design.horizons.map { "\($0) yr" }, series: series, options: options)
    }

    /// Mean forecast and observed frequency per probability bin (non-empty bins).
    static func reliability(_ study: CalibrationStudy, id: String) -> GroupedBarChart {
        let bins = study.reliability.filter { $0.count > 0 }
        return GroupedBarChart(title: "Reliability of the target probabilities", categories: bins.map { CalibrationReport.binLabel($0) + " (\($0.count))" },
                               series: [BarSeries(name: "Mean forecast", values: bins.map { $0.meanForecast ?? .nan }),
                                        BarSeries(name: "Observed frequency", values: bins.map { $0.observedFrequency ?? .nan })],
                               options: ChartOptions(xTitle: "Forecast probability (replicates)", yTitle: "Probability", valueFormat: .percent, id: id))
    }

    /// Weight stability intervals as a tornado.
    static func tornado(_ stability: MethodStability, id: String) -> TornadoChart {
        TornadoChart(title: "Weight stability (\(stability.method.rawValue))",
                     items: stability.intervals.map { TornadoChart.Item(label: $0.criterion, low: $0.lower, high: $0.upper, reference: $0.weight) },
                     intervalName: "Weights keeping the leader", referenceName: "Current weight",
                     options: ChartOptions(xTitle: "Weight", yTitle: "Criterion", id: id))
    }

    private static func uniqueNames(_ series: [Series]) -> [Series] {
        var seen = Set<String>()
        return series.filter { seen.insert($0.name).inserted }
    }
}

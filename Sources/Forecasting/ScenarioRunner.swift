import Foundation

/// Runs a scenario: fits the candidates, backtests them, combines them by their out-of-sample
/// skill, projects with uncertainty, answers the target question and the what-ifs.
///
/// ## Combining
/// Every usable candidate is backtested at every origin (``Scenario/Backtest``), and the
/// combination's weights come from those predictions (``Scenario/Combination``):
/// - ``Scenario/Combination/stacking`` (default): CRPS stacking of the predictive
///   distributions, shrunk toward equal weights by the number of origins (``Stacking``);
/// - ``Scenario/Combination/aiccWeights``: each family gets the stacking share of its members,
///   split within the family by Akaike weights (AICc compares models of one family only);
/// - ``Scenario/Combination/best``: the candidate with the largest stacking weight.
/// The stack uses the origins at which every candidate it weighs has predictions; a candidate
/// with predictions at fewer than half of the origins is left out of it (and of the projection)
/// with a note. Without any backtest prediction the candidates are weighted equally. Nothing
/// depends on the order of the model list: candidates are taken in name order, and each
/// model's random streams are seeded from its name.
///
/// The combination's own backtest is prequential: at each origin the weights come from the
/// earlier origins only, so its scores are out of sample too.
///
/// The output depends only on the scenario, the data, the seed and `today`, never on `threads`.
public struct ScenarioRunner: Sendable {
    public let scenario: Scenario
    public let threads: Int
    /// The day of the run as a decimal year: a target whose date lies before it is labelled a
    /// check of the data, not a forecast. `nil` leaves every target a forecast.
    public let today: Double?
    /// Told of every simulated draw, backtests included (see ``expectedDraws(candidates:)``).
    public let progress: WorkProgress?

    public init(scenario: Scenario, threads: Int = ProcessInfo.processInfo.activeProcessorCount, today: Double? = nil,
                progress: WorkProgress? = nil) {
        self.scenario = scenario
        self.threads = max(1, threads)
        self.today = today
        self.progress = progress
    }

    /// The draws a run simulates with `candidates` usable candidates: every candidate's
    /// backtest draws at every origin, then the projection's draws.
    public func expectedDraws(candidates: Int) -> Int {
        candidates * scenario.backtest.origins.count * scenario.backtest.draws + scenario.draws
    }

    /// Runs the scenario.
    /// - Throws: ``ForecastError/noUsableModel(_:)`` when no candidate can be fitted.
    public func run() throws -> ForecastResult {
        let series = scenario.series
        let realized = series.realized()
        var notes = series.notes
        let models = try scenario.models.map { try ForecastModel.named($0, origin: scenario.origin) }
        let outcomes = models.map { ModelFitting.fit($0, to: realized) }
        let usable = outcomes.filter { $0.fit != nil }.sorted { $0.model.name < $1.model.name }
        guard !usable.isEmpty else {
            throw ForecastError.noUsableModel(outcomes.map { "\($0.model.name): \($0.failure ?? "")" })
        }
        let duplicates = Self.equivalentCandidates(usable, realized: realized)
        for (name, original) in duplicates.sorted(by: { $0.key < $1.key }) {
            notes.append("\(name) gives the same Poisson means as \(original) on these data (its curve differs by a "
                         + "constant, which increments do not see): it is left out of the weights so that one shape is not counted twice")
        }
        let candidates = usable.filter { duplicates[$0.model.name] == nil }
        progress?.expect(expectedDraws(candidates: candidates.count))

        // Backtests of every candidate, then the weights.
        let backtests = candidates.map { backtest($0.model) }
        for run in backtests where !run.skipped.isEmpty {
            notes.append("backtest of \(run.model): origin\(run.skipped.count == 1 ? "" : "s") \(run.skipped.joined(separator: ", ")) "
                         + "skipped (too few observations known by then, or none to predict after)")
        }
        let skill = SkillCombination(runs: backtests, levels: scenario.levels)
        notes += skill.notes
        let akaike = Self.akaikeWithinFamilies(candidates)
        let weights = Self.weights(scenario.combination, skill: skill.weights, akaike: akaike, candidates: candidates)
        let allocation = Self.allocate(scenario.draws, weights: weights)
        let ensemble = zip(candidates, allocation).compactMap { candidate, draws -> ProjectionEngine.Member? in
            guard draws > 0, let fit = candidate.fit else { return nil }
            return ProjectionEngine.Member(fit: fit, draws: draws, index: candidate.model.streamIndex)
        }

        // Projection with the baseline and every what-if.
        let targets = [scenario.target] + scenario.whatIfs.map { $0.target ?? scenario.target }
        let yearEnds = Self.yearEnds(after: series.end, through: scenario.horizon)
        let grid = Array(Set(Resolution.month.boundaries(from: series.end, to: scenario.horizon).dropFirst()
                             + targets.map(\.by).filter { $0 > series.end } + yearEnds)).sorted()
        let variants = [(WhatIf.baseline, scenario.target)] + scenario.whatIfs.map { ($0, $0.target ?? scenario.target) }
        let engine = ProjectionEngine(series: series, grid: grid, variants: variants, seed: scenario.seed, threads: threads,
                                      progress: progress)
        let outcome = engine.run(ensemble)
        if outcome.redrawn > 0 {
            notes.append("\(outcome.redrawn) of \(outcome.drawCount) draws were redrawn (new dates and bootstrap sample) because a bootstrap refit failed")
        }
        if outcome.dropped > 0 {
            notes.append("\(outcome.dropped) draws were dropped after \(ProjectionEngine.maximumAttempts) failed refits each; the projection uses the other \(outcome.drawCount)")
        }
        guard outcome.drawCount > 0 else {
            throw ForecastError.noUsableModel(["every bootstrap draw failed to refit \(ProjectionEngine.maximumAttempts) times"])
        }
        let reported = Self.reportIndices(grid: grid, yearEnds: yearEnds, horizon: scenario.horizon)
        let summarize = { (paths: SimulatedPaths, indices: [Int]) in
            paths.summary(indices: indices, grid: grid, labels: indices.map { DecimalYear.deadlineText(grid[$0]) },
                          levels: scenario.levels, startCount: Double(series.lastCount))
        }
        let analyses = zip(outcome.paths, targets).map { paths, target in
            Self.fromData(target, series: series, levels: scenario.levels)
                ?? paths.analysis(of: target, at: grid.firstIndex { $0 >= target.by - 1e-12 } ?? grid.count - 1, width: grid.count,
                                  levels: scenario.levels)
        }
        for target in Set(targets) where today.map({ target.by < $0 }) == true && target.by > series.end {
            notes.append("the target date \(target.label) lies before today (\(DecimalYear.dayText(today!))) but after the data "
                         + "(as of \(DecimalYear.deadlineText(series.end))): its answer is a check of the data, not a forecast")
        }
        let whatIfs = scenario.whatIfs.enumerated().map { index, whatIf in
            ForecastResult.WhatIfOutcome(whatIf: whatIf, change: Self.describe(whatIf), target: analyses[index + 1],
                                         projection: summarize(outcome.paths[index + 1], reported),
                                         fan: summarize(outcome.paths[index + 1], Array(grid.indices)))
        }

        let rows = outcomes.sorted { $0.model.name < $1.model.name }.map { outcome in
            let position = candidates.firstIndex { $0.model.name == outcome.model.name }
            let run = position.map { backtests[$0] }
            return Self.row(outcome, outcomes: outcomes, weight: position.map { weights[$0] } ?? 0,
                            skillWeight: position.map { skill.weights[$0] }, akaikeWeight: position.map { akaike[$0] },
                            backtest: run.map { BacktestSummary(points: $0.points, origins: scenario.backtest.origins.count,
                                                                failedOrigins: $0.failures, levels: scenario.levels) })
        }
        for outcome in outcomes where outcome.fit == nil {
            notes.append("\(outcome.model.name) could not be fitted: \(outcome.failure ?? "")")
        }
        let observed = Self.observed(series)
        let top = weights.indices.max { (weights[$0], candidates[$1].model.name) < (weights[$1], candidates[$0].model.name) }
            .flatMap { candidates[$0].fit }
        return ForecastResult(
            name: scenario.name, description: scenario.description, scenarioFile: scenario.file, scenarioSHA256: scenario.sha256,
            dataFiles: scenario.dataFiles, seriesDescription: scenario.seriesDescription, observed: observed,
            observedAreStatements: { if case .counts = series.observations { true } else { false } }(),
            lastObserved: observed.last ?? ForecastResult.Observed(time: series.end, count: series.lastCount, label: ""),
            asOf: DecimalYear.deadlineText(series.end),
            candidates: rows, combinationNote: Self.combinationNote(scenario.combination, skill: skill),
            combination: scenario.combination, combinationBacktest: skill.combinationSummary,
            fittedCurve: top.map { Self.curve($0, realized: realized, series: series) } ?? [],
            projection: summarize(outcome.paths[0], reported), fan: summarize(outcome.paths[0], Array(grid.indices)),
            target: analyses[0], targetIsPast: today.map { scenario.target.by < $0 && scenario.target.by > series.end } ?? false,
            whatIfs: whatIfs, backtestPoints: backtests.flatMap(\.points) + skill.combinationPoints,
            levels: scenario.levels, draws: outcome.drawCount,
            seed: scenario.seed, horizonLabel: scenario.horizonLabel, notes: notes)
    }

    // MARK: Backtest

    /// One model's rolling-origin predictions, per origin (`nil` where it was skipped or failed).
    private func backtest(_ model: ForecastModel) -> BacktestRun {
        var perOrigin: [[BacktestPoint]?] = []
        var failures = 0
        var skipped: [String] = []
        let minimum = model.curve.parameterCount + 2
        for (k, origin) in scenario.backtest.origins.enumerated() {
            let evaluation = Backtester.evaluationPoints(scenario.series, origin: origin, horizon: scenario.backtest.horizonYears)
            guard !evaluation.isEmpty, let training = scenario.series.truncated(at: origin, minimum: minimum) else {
                skipped.append(scenario.backtest.originLabels[k])
                perOrigin.append(nil)
                progress?.advance(by: scenario.backtest.draws)
                continue
            }
            let realized = training.realized()
            guard let fit = ModelFitting.fit(model, to: realized).fit else {
                failures += 1
                perOrigin.append(nil)
                progress?.advance(by: scenario.backtest.draws)
                continue
            }
            let target = Target(count: Int.max / 4, by: evaluation[evaluation.count - 1].time, label: "")
            let engine = ProjectionEngine(series: training, grid: evaluation.map(\.time), variants: [(WhatIf.baseline, target)],
                                          seed: ProjectionEngine.streamSeed(scenario.seed, 1000 + k, model.streamIndex), threads: threads,
                                          progress: progress)
            let paths = engine.run([ProjectionEngine.Member(fit: fit, draws: scenario.backtest.draws, index: model.streamIndex)]).paths[0]
            guard !paths.passageTimes.isEmpty else {
                failures += 1
                perOrigin.append(nil)
                continue
            }
            let scale = Backtester.scale(realized)
            perOrigin.append(evaluation.enumerated().map { i, point in
                BacktestPoint(model: model.name, origin: scenario.backtest.originLabels[k], date: point.label, time: point.time,
                              lead: point.time - origin, actual: point.actual,
                              sample: WeightedSample(paths.sortedCounts(at: i, width: evaluation.count)),
                              levels: scenario.levels, scale: scale)
            })
        }
        return BacktestRun(model: model.name, perOrigin: perOrigin, failures: failures, skipped: skipped)
    }

    // MARK: Helpers

    /// Count-process candidates whose fitted means equal those of a candidate earlier in name
    /// order (to 1e-7 relative): name → the earlier one's name. The Bass curve is a logistic
    /// plus a constant, so on increments `nhpp-bass` and `nhpp-logistic` are the same model.
    static func equivalentCandidates(_ usable: [CandidateOutcome], realized: RealizedSeries) -> [String: String] {
        var seen: [(name: String, means: [Double])] = []
        var duplicates: [String: String] = [:]
        for outcome in usable.sorted(by: { $0.model.name < $1.model.name }) where outcome.model.family == .process {
            guard let fit = outcome.fit, let means = fit.model.means(fit.estimates, on: realized) else { continue }
            let scale = 1 + (means.map(abs).max() ?? 0)
            if let match = seen.first(where: { zip($0.means, means).allSatisfy { abs($0 - $1) <= 1e-7 * scale } }) {
                duplicates[outcome.model.name] = match.name
            } else {
                seen.append((outcome.model.name, means))
            }
        }
        return duplicates
    }

    /// Akaike weights within each family (each family's weights sum to 1; equal weights in a
    /// family none of whose members has an AICc).
    static func akaikeWithinFamilies(_ candidates: [CandidateOutcome]) -> [Double] {
        var weights = [Double](repeating: 0, count: candidates.count)
        for family in ForecastModel.Family.allCases {
            let members = candidates.indices.filter { candidates[$0].model.family == family }
            let aiccs = members.map { candidates[$0].fit?.aicc }
            let within = aiccs.allSatisfy { $0 == nil } ? members.map { _ in 1 / Double(members.count) } : akaikeWeights(aiccs)
            for (index, weight) in zip(members, within) { weights[index] = weight }
        }
        return weights
    }

    /// The projection's weights under `combination` (see the type's documentation).
    static func weights(_ combination: Scenario.Combination, skill: [Double], akaike: [Double], candidates: [CandidateOutcome]) -> [Double] {
        switch combination {
        case .stacking:
            return skill
        case .aiccWeights:
            var weights = [Double](repeating: 0, count: candidates.count)
            for family in ForecastModel.Family.allCases {
                let members = candidates.indices.filter { candidates[$0].model.family == family }
                let share = members.reduce(0) { $0 + skill[$1] }
                for index in members { weights[index] = share * akaike[index] }
            }
            return weights
        case .best:
            guard let top = skill.indices.max(by: { (skill[$0], candidates[$1].model.name) < (skill[$1], candidates[$0].model.name) })
            else { return skill }
            return skill.indices.map { $0 == top ? 1 : 0 }
        }
    }

    static func combinationNote(_ combination: Scenario.Combination, skill: SkillCombination) -> String {
        switch combination {
        case .stacking: "models weighted by " + skill.description
        case .aiccWeights: "families weighted by " + skill.description + "; within each family, Akaike weights"
        case .best: "the model with the largest weight by " + skill.description
        }
    }

    /// The draws per member: `draws · wᵢ` rounded by largest remainders, summing to `draws`.
    static func allocate(_ draws: Int, weights: [Double]) -> [Int] {
        let exact = weights.map { $0 * Double(draws) }
        var counts = exact.map { Int($0.rounded(.down)) }
        let order = exact.indices.sorted { (exact[$0] - Double(counts[$0]), -$0) > (exact[$1] - Double(counts[$1]), -$1) }
        for i in order.prefix(max(0, draws - counts.reduce(0, +))) { counts[i] += 1 }
        return counts
    }

    /// 1 January of each year after `end` up to `horizon` (the ends of the 31 Decembers).
    static func yearEnds(after end: Double, through horizon: Double) -> [Double] {
        let first = end.rounded(.down) + 1
        guard first <= horizon else { return [] }
        return Array(stride(from: first, through: horizon, by: 1))
    }

    /// Grid indices of the year ends and of the horizon.
    static func reportIndices(grid: [Double], yearEnds: [Double], horizon: Double) -> [Int] {
        let wanted = Set(yearEnds + [horizon])
        return grid.indices.filter { wanted.contains(grid[$0]) }
    }

    /// The answer when the data settle the question: the target reached by its deadline, or a
    /// deadline within the data.
    static func fromData(_ target: Target, series: CountSeries, levels: [Double]) -> TargetAnalysis? {
        let observed = observed(series)
        let goal = target.count
        if let reached = observed.first(where: { $0.count >= goal }), reached.time <= target.by {
            return TargetAnalysis(target: target, probability: 1, monteCarloError: 0, expectedShortfall: 0, medianDate: reached.time,
                                  dateIntervals: levels.map { Interval(level: $0, lower: reached.time, upper: reached.time) },
                                  notReachedProbability: 0,
                                  answeredFromData: "reached: \(reached.count) by \(reached.label) (observed)", drawCount: 0)
        }
        guard target.by <= series.end else { return nil }
        let count = observed.last(where: { $0.time <= target.by })?.count ?? 0
        return TargetAnalysis(target: target, probability: count >= goal ? 1 : 0, monteCarloError: 0,
                              expectedShortfall: Double(max(0, goal - count)), medianDate: nil, dateIntervals: [],
                              notReachedProbability: count >= goal ? 0 : 1,
                              answeredFromData: "the deadline lies within the data: \(count) observed by then", drawCount: 0)
    }

    /// The observed cumulative counts: statements at their midpoints, or events at their
    /// midpoints (unknown dates left out).
    static func observed(_ series: CountSeries) -> [ForecastResult.Observed] {
        switch series.observations {
        case .counts(let points):
            let realized = series.realized()
            return zip(realized.times, realized.counts).map { time, count in
                let label = points.min { abs($0.span.midpoint - time) < abs($1.span.midpoint - time) }?.label ?? ""
                return ForecastResult.Observed(time: time, count: Int(count), label: label)
            }
        case .events(let events):
            let dated = events.filter { !$0.dateUnknown }.sorted { $0.span.midpoint < $1.span.midpoint }
            var rows = dated.enumerated().map { index, event in
                ForecastResult.Observed(time: event.span.midpoint, count: index + 1, label: "\(event.id) (\(DecimalYear.dayText(event.span.start)))")
            }
            let unknown = events.count - dated.count
            rows.append(ForecastResult.Observed(time: series.end, count: events.count,
                                                label: DecimalYear.deadlineText(series.end) + (unknown > 0 ? ", incl. \(unknown) of unknown date" : "")))
            return rows
        }
    }

    /// The fitted curve over the data window, for the process family levelled at the first count.
    static func curve(_ fit: FittedModel, realized: RealizedSeries, series: CountSeries) -> [(time: Double, value: Double)] {
        let times = Resolution.month.boundaries(from: series.start, to: series.end)
        var values = fit.model.curve.values(at: times, parameters: fit.estimates)
        if fit.model.family == .process {
            let base = fit.model.curve.values(at: [realized.times.first ?? series.start], parameters: fit.estimates)[0]
            values = values.map { $0 - base + (realized.counts.first ?? 0) }
        }
        return zip(times, values).map { ($0, $1) }
    }

    private static func row(_ outcome: CandidateOutcome, outcomes: [CandidateOutcome], weight: Double, skillWeight: Double?,
                            akaikeWeight: Double?, backtest: BacktestSummary?) -> ForecastResult.Candidate {
        let model = outcome.model
        let familyBest = outcomes.filter { $0.model.family == model.family }.compactMap { $0.fit?.aicc }.min()
        guard let fit = outcome.fit else {
            return ForecastResult.Candidate(name: model.name, family: model.family, parameters: [], logLikelihood: nil, dispersion: nil, aicc: nil,
                                            deltaAICc: nil, weight: 0, skillWeight: nil, akaikeWeight: nil, inEnsemble: false,
                                            message: outcome.failure ?? "", isUsable: false, backtest: nil)
        }
        return ForecastResult.Candidate(
            name: model.name, family: model.family,
            parameters: zip(model.parameterNames, zip(fit.estimates, fit.standardErrors)).map { ($0, $1.0, $1.1) },
            logLikelihood: fit.logLikelihood, dispersion: model.family == .process ? fit.dispersion : nil, aicc: fit.aicc,
            deltaAICc: fit.aicc.flatMap { value in familyBest.map { value - $0 } },
            weight: weight, skillWeight: skillWeight, akaikeWeight: akaikeWeight, inEnsemble: weight > 0, message: fit.message,
            isUsable: true, backtest: backtest)
    }

    static func describe(_ whatIf: WhatIf) -> String {
        var parts: [String] = []
        if let change = whatIf.rateChange {
            parts.append("arrivals × \(NumberText.compact(change.multiplier)) from \(DecimalYear.dayText(change.from))")
        }
        if let capacity = whatIf.capacity { parts.append("capacity \(capacity)") }
        for adjustment in whatIf.adjustments {
            parts.append("\(adjustment.count > 0 ? "+" : "")\(adjustment.count) at \(DecimalYear.deadlineText(adjustment.at))")
        }
        if let target = whatIf.target { parts.append("target \(target.count) by \(target.label)") }
        return parts.joined(separator: "; ")
    }

}

/// Numbers in sentences.
enum NumberText {
    static func compact(_ value: Double) -> String { String(format: "%g", value) }
}

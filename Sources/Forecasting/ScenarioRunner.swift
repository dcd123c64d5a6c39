import Foundation

/// Runs a scenario: fits the candidates, backtests them, combines them, projects with
/// uncertainty, answers the target question and the what-ifs.
///
/// ## Choosing and combining
/// AICc compares models of one likelihood family only (see ``ForecastModel``). Within each
/// family the candidates are weighted by Akaike weights (``Scenario/Combination/aiccWeights``:
/// each contributes that share of the draws), or the one with the smallest AICc takes them all
/// (``Scenario/Combination/best``). When the candidates span both families, the projection uses
/// the family whose weighted backtest MAE (``FamilyChoice``) is smaller; without backtest
/// results for both, the family of the first listed usable model.
///
/// The output depends only on the scenario, the data and the seed, never on `threads`.
public struct ScenarioRunner: Sendable {
    public let scenario: Scenario
    public let threads: Int

    public init(scenario: Scenario, threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.scenario = scenario
        self.threads = max(1, threads)
    }

    /// Runs the scenario.
    /// - Throws: ``ForecastError/noUsableModel(_:)`` when no candidate can be fitted.
    public func run() throws -> ForecastResult {
        let series = scenario.series
        let realized = series.realized()
        var notes = series.notes
        let models = try scenario.models.map { try ForecastModel.named($0, origin: scenario.origin) }
        let outcomes = models.enumerated().map { (index: $0, outcome: ModelFitting.fit($1, to: realized)) }
        let usable = outcomes.filter { $0.outcome.fit != nil }
        guard !usable.isEmpty else {
            throw ForecastError.noUsableModel(outcomes.map { "\($0.outcome.model.name): \($0.outcome.failure ?? "")" })
        }

        // Backtests of every usable candidate.
        var backtestPoints: [BacktestPoint] = []
        var summaries: [Int: BacktestSummary] = [:]
        for (index, outcome) in usable {
            let result = backtest(outcome.model, index: index)
            backtestPoints += result.points
            if !result.skipped.isEmpty {
                notes.append("backtest of \(outcome.model.name): origin\(result.skipped.count == 1 ? "" : "s") \(result.skipped.joined(separator: ", ")) "
                             + "skipped (fewer than \(outcome.model.curve.parameterCount + 2) observations known by then, or none to predict after)")
            }
            summaries[index] = BacktestSummary(points: result.points, origins: scenario.backtest.origins.count,
                                               failedOrigins: result.failures, levels: scenario.levels)
        }

        // The family, then the weights within it.
        let families = ForecastModel.Family.allCases.filter { family in usable.contains { $0.outcome.model.family == family } }
        let duplicates = Self.equivalentCandidates(usable, realized: realized)
        for (index, original) in duplicates.sorted(by: { $0.key < $1.key }) {
            notes.append("\(models[index].name) gives the same Poisson means as \(models[original].name) on these data (its curve differs by a "
                         + "constant, which increments do not see): it is left out of the weights so that one shape is not counted twice")
        }
        let choices = families.map { family in
            FamilyChoice(family: family, members: usable.filter { $0.outcome.model.family == family && duplicates[$0.index] == nil },
                         combination: scenario.combination, backtests: summaries)
        }
        var chosen = choices[0]
        var familyChoice = "all usable candidates are \(Self.familyName(chosen.family)) models"
        if choices.count > 1 {
            let scored = choices.compactMap { choice in choice.backtestMAE.map { (choice, $0) } }
            if scored.count == choices.count, let best = scored.min(by: { $0.1 < $1.1 }) {
                chosen = best.0
                familyChoice = "the \(Self.familyName(chosen.family)) family has the smaller weighted backtest MAE ("
                    + scored.map { "\(Self.familyName($0.0.family)) \(String(format: "%.2f", $0.1))" }.joined(separator: " vs ") + ")"
            } else {
                chosen = choices.first { $0.family == usable[0].outcome.model.family } ?? chosen
                familyChoice = "no backtest compares the families; the family of the first usable candidate (\(Self.familyName(chosen.family))) is used"
            }
        }
        if chosen.equalWeights {
            notes.append("no \(Self.familyName(chosen.family)) candidate has an AICc (too few observations): they are weighted equally")
        }
        let members = chosen.members
        let weights = chosen.weights
        let allocation = Self.allocate(scenario.draws, weights: weights)
        let ensemble = zip(members, allocation).compactMap { member, draws -> ProjectionEngine.Member? in
            guard draws > 0, let fit = member.outcome.fit else { return nil }
            return ProjectionEngine.Member(fit: fit, draws: draws, index: member.index)
        }

        // Projection with the baseline and every what-if.
        let targets = [scenario.target] + scenario.whatIfs.map { $0.target ?? scenario.target }
        let yearEnds = Self.yearEnds(after: series.end, through: scenario.horizon)
        let grid = Array(Set(Resolution.month.boundaries(from: series.end, to: scenario.horizon).dropFirst()
                             + targets.map(\.by).filter { $0 > series.end } + yearEnds)).sorted()
        let variants = [(WhatIf.baseline, scenario.target)] + scenario.whatIfs.map { ($0, $0.target ?? scenario.target) }
        let engine = ProjectionEngine(series: series, grid: grid, variants: variants, seed: scenario.seed, threads: threads)
        let outcome = engine.run(ensemble)
        if outcome.fallbacks > 0 {
            notes.append("\(outcome.fallbacks) of \(outcome.drawCount) draws kept the previous stage's parameters because a bootstrap refit failed")
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
        let whatIfs = scenario.whatIfs.enumerated().map { index, whatIf in
            ForecastResult.WhatIfOutcome(whatIf: whatIf, change: Self.describe(whatIf), target: analyses[index + 1],
                                         projection: summarize(outcome.paths[index + 1], reported),
                                         fan: summarize(outcome.paths[index + 1], Array(grid.indices)))
        }

        let candidateRows = outcomes.map { index, outcome in
            Self.row(outcome, index: index, outcomes: outcomes.map(\.outcome), members: members.map(\.index), weights: weights,
                     backtest: summaries[index])
        }
        for (_, outcome) in outcomes where outcome.fit == nil {
            notes.append("\(outcome.model.name) could not be fitted: \(outcome.failure ?? "")")
        }
        let observed = Self.observed(series)
        let top = members.indices.max { weights[$0] < weights[$1] }.flatMap { members[$0].outcome.fit }
        return ForecastResult(
            name: scenario.name, description: scenario.description, scenarioFile: scenario.file, scenarioSHA256: scenario.sha256,
            dataFiles: scenario.dataFiles, seriesDescription: scenario.seriesDescription, observed: observed,
            lastObserved: observed.last ?? ForecastResult.Observed(time: series.end, count: series.lastCount, label: ""),
            candidates: candidateRows, familyChoice: familyChoice, combination: scenario.combination,
            fittedCurve: top.map { Self.curve($0, realized: realized, series: series) } ?? [],
            projection: summarize(outcome.paths[0], reported), fan: summarize(outcome.paths[0], Array(grid.indices)),
            target: analyses[0], whatIfs: whatIfs, backtestPoints: backtestPoints, levels: scenario.levels, draws: outcome.drawCount,
            seed: scenario.seed, horizonLabel: scenario.horizonLabel, notes: notes)
    }

    // MARK: Backtest

    private func backtest(_ model: ForecastModel, index: Int) -> (points: [BacktestPoint], failures: Int, skipped: [String]) {
        var points: [BacktestPoint] = []
        var failures = 0
        var skipped: [String] = []
        let minimum = model.curve.parameterCount + 2
        for (k, origin) in scenario.backtest.origins.enumerated() {
            let evaluation = Backtester.evaluationPoints(scenario.series, origin: origin, horizon: scenario.backtest.horizonYears)
            guard !evaluation.isEmpty, let training = scenario.series.truncated(at: origin, minimum: minimum) else {
                skipped.append(scenario.backtest.originLabels[k])
                continue
            }
            let realized = training.realized()
            guard let fit = ModelFitting.fit(model, to: realized).fit else {
                failures += 1
                continue
            }
            let target = Target(count: Int.max / 4, by: evaluation[evaluation.count - 1].time, label: "")
            let engine = ProjectionEngine(series: training, grid: evaluation.map(\.time), variants: [(WhatIf.baseline, target)],
                                          seed: ProjectionEngine.streamSeed(scenario.seed, 1000 + k, index), threads: threads)
            let paths = engine.run([ProjectionEngine.Member(fit: fit, draws: scenario.backtest.draws, index: index)]).paths[0]
            let scale = Backtester.scale(realized)
            for (i, point) in evaluation.enumerated() {
                let values = paths.sortedCounts(at: i, width: evaluation.count)
                points.append(BacktestPoint(model: model.name, origin: scenario.backtest.originLabels[k], date: point.label,
                                            time: point.time, lead: point.time - origin, actual: point.actual,
                                            mean: values.reduce(0, +) / Double(max(values.count, 1)),
                                            intervals: Quantile.intervals(sorted: values, levels: scenario.levels), scale: scale))
            }
        }
        return (points, failures, skipped)
    }

    // MARK: Helpers

    /// Count-process candidates whose fitted means equal an earlier candidate's (to 1e-7
    /// relative): candidate index → the earlier one's. The Bass curve is a logistic plus a
    /// constant, so on increments `nhpp-bass` and `nhpp-logistic` are the same model.
    static func equivalentCandidates(_ usable: [(index: Int, outcome: CandidateOutcome)], realized: RealizedSeries) -> [Int: Int] {
        var seen: [(index: Int, means: [Double])] = []
        var duplicates: [Int: Int] = [:]
        for (index, outcome) in usable where outcome.model.family == .process {
            guard let fit = outcome.fit,
                  let means = CountFitter(curve: fit.model.curve, objective: .poisson, series: realized).means(fit.estimates) else { continue }
            let scale = 1 + (means.map(abs).max() ?? 0)
            if let match = seen.first(where: { zip($0.means, means).allSatisfy { abs($0 - $1) <= 1e-7 * scale } }) {
                duplicates[index] = match.index
            } else {
                seen.append((index, means))
            }
        }
        return duplicates
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
                                  answeredFromData: "reached: \(reached.count) by \(reached.label) (observed)")
        }
        guard target.by <= series.end else { return nil }
        let count = observed.last(where: { $0.time <= target.by })?.count ?? 0
        return TargetAnalysis(target: target, probability: count >= goal ? 1 : 0, monteCarloError: 0,
                              expectedShortfall: Double(max(0, goal - count)), medianDate: nil, dateIntervals: [],
                              notReachedProbability: count >= goal ? 0 : 1,
                              answeredFromData: "the deadline lies within the data: \(count) observed by then")
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

    private static func row(_ outcome: CandidateOutcome, index: Int, outcomes: [CandidateOutcome], members: [Int],
                            weights: [Double], backtest: BacktestSummary?) -> ForecastResult.Candidate {
        let model = outcome.model
        let familyBest = outcomes.filter { $0.model.family == model.family }.compactMap { $0.fit?.aicc }.min()
        let position = members.firstIndex(of: index)
        let weight = position.map { weights[$0] } ?? 0
        guard let fit = outcome.fit else {
            return ForecastResult.Candidate(name: model.name, family: model.family, parameters: [], logLikelihood: nil, dispersion: nil, aicc: nil,
                                            deltaAICc: nil, weight: 0, inEnsemble: false, message: outcome.failure ?? "",
                                            isUsable: false, backtest: nil)
        }
        return ForecastResult.Candidate(
            name: model.name, family: model.family,
            parameters: zip(model.parameterNames, zip(fit.estimates, fit.standardErrors)).map { ($0, $1.0, $1.1) },
            logLikelihood: fit.logLikelihood, dispersion: model.family == .process ? fit.dispersion : nil, aicc: fit.aicc, deltaAICc: fit.aicc.flatMap { value in familyBest.map { value - $0 } },
            weight: weight, inEnsemble: weight > 0, message: fit.message, isUsable: true, backtest: backtest)
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

    static func familyName(_ family: ForecastModel.Family) -> String {
        family == .curve ? "growth-curve" : "count-process"
    }
}

/// The candidates of one family with their weights in a combination.
///
/// `backtestMAE` is the weighted mean of the members' backtest MAEs (an upper bound of the MAE of
/// the weighted mean prediction, by the triangle inequality); `nil` when a weighted member has no
/// backtest prediction.
struct FamilyChoice {
    let family: ForecastModel.Family
    let members: [(index: Int, outcome: CandidateOutcome)]
    let weights: [Double]
    let equalWeights: Bool
    let backtestMAE: Double?

    init(family: ForecastModel.Family, members: [(index: Int, outcome: CandidateOutcome)], combination: Scenario.Combination,
         backtests: [Int: BacktestSummary]) {
        self.family = family
        self.members = members
        let aiccs = members.map { $0.outcome.fit?.aicc }
        equalWeights = aiccs.allSatisfy { $0 == nil }
        var weights = equalWeights ? members.map { _ in 1 / Double(members.count) } : akaikeWeights(aiccs)
        if combination == .best, !equalWeights, let top = weights.indices.max(by: { weights[$0] < weights[$1] }) {
            weights = weights.indices.map { $0 == top ? 1 : 0 }
        }
        self.weights = weights
        var total = 0.0
        var complete = true
        for (member, weight) in zip(members, weights) where weight > 0 {
            guard let mae = backtests[member.index]?.mae else { complete = false; break }
            total += weight * mae
        }
        backtestMAE = complete ? total : nil
    }
}

/// Numbers in sentences.
enum NumberText {
    static func compact(_ value: Double) -> String { String(format: "%g", value) }
}

/// One model's rolling-origin backtest: its predictions at each origin of the scenario.
struct BacktestRun: Sendable {
    let model: String
    /// Per origin, in origin order: the predictions, or `nil` where the origin was skipped or
    /// the model could not be fitted.
    let perOrigin: [[BacktestPoint]?]
    /// Origins at which the fit failed.
    let failures: Int
    /// Labels of origins skipped (too few observations known, or nothing to predict after).
    let skipped: [String]

    var points: [BacktestPoint] { perOrigin.compactMap { $0 }.flatMap { $0 } }
}

/// The candidates' weights from their backtest predictions (``Stacking``), and the
/// combination's own, prequential backtest.
///
/// ## Which predictions
/// A candidate with predictions at fewer than half of the origins where any candidate has them
/// cannot be judged out of sample: it gets weight 0 (a note says so). The stack uses the origins
/// where every remaining candidate has predictions, all of them evaluated on the same outcomes.
///
/// ## The combination's backtest
/// At each of those origins, the combination is the mixture of the candidates' predictive
/// distributions with the weights stacked (and shrunk) from the *earlier* origins only (equal
/// weights at the first): what the method would have forecast then. Its scores are therefore
/// out of sample, unlike scores of the final weights on the predictions that chose them.
struct SkillCombination {
    /// One weight per run, in run order, summing to 1.
    let weights: [Double]
    /// How the weights came about, in words.
    let description: String
    let notes: [String]
    /// The combination's prequential predictions (model `combination`).
    let combinationPoints: [BacktestPoint]
    /// Their summary; `nil` without predictions.
    let combinationSummary: BacktestSummary?

    /// The name of the combination's rows in the backtest table.
    static let combinationName = "combination"

    init(runs: [BacktestRun], levels: [Double]) {
        let originCount = runs.first?.perOrigin.count ?? 0
        let available = (0..<originCount).filter { k in runs.contains { $0.perOrigin[k] != nil } }
        let judged = runs.indices.filter { r in
            2 * available.filter { runs[r].perOrigin[$0] != nil }.count >= max(available.count, 1)
        }
        var notes: [String] = []
        let unjudged = runs.indices.filter { !judged.contains($0) }.map { runs[$0].model }
        if !unjudged.isEmpty, !available.isEmpty {
            notes.append("\(unjudged.joined(separator: ", ")) could be backtested at fewer than half of the origins and get no weight: "
                         + "a model is weighted by its out-of-sample skill only")
        }
        let common = available.filter { k in judged.allSatisfy { runs[$0].perOrigin[k] != nil } }

        func stack(_ originIndices: [Int]) -> [Double] {
            var forecasts: [[WeightedSample]] = []
            var outcomes: [Double] = []
            for k in originIndices {
                let rows = judged.map { runs[$0].perOrigin[k]! }
                for i in rows[0].indices {
                    forecasts.append(rows.map { $0[i].sample })
                    outcomes.append(rows[0][i].actual)
                }
            }
            return Stacking.shrunk(Stacking.crpsWeights(models: judged.count, forecasts: forecasts, observations: outcomes), origins: originIndices.count)
        }

        var weights = [Double](repeating: 0, count: runs.count)
        let stacked = judged.isEmpty ? [] : stack(common)
        if judged.isEmpty {
            for r in runs.indices { weights[r] = 1 / Double(runs.count) }
        } else {
            for (r, w) in zip(judged, stacked) { weights[r] = w }
        }
        self.weights = weights
        let predictions = common.reduce(0) { $0 + (runs[judged[0]].perOrigin[$1]?.count ?? 0) }
        if common.isEmpty {
            description = "equal weights (no backtest prediction to judge the models by)"
        } else {
            let share = Stacking.priorOrigins / (Double(common.count) + Stacking.priorOrigins)
            description = "CRPS stacking of \(predictions) backtest predictions from \(common.count) origin\(common.count == 1 ? "" : "s"), "
                + "shrunk \(Int((share * 100).rounded()))% toward equal weights"
        }

        // Prequential backtest of the combination.
        var points: [BacktestPoint] = []
        if !judged.isEmpty {
            for (position, k) in common.enumerated() {
                let w = stack(Array(common.prefix(position)))
                let rows = judged.map { runs[$0].perOrigin[k]! }
                for i in rows[0].indices {
                    let point = rows[0][i]
                    points.append(BacktestPoint(model: Self.combinationName, origin: point.origin, date: point.date, time: point.time,
                                                lead: point.lead, actual: point.actual,
                                                sample: WeightedSample.mixture(rows.map { $0[i].sample }, weights: w),
                                                levels: levels, scale: point.scale))
                }
            }
        }
        combinationPoints = points
        combinationSummary = points.isEmpty ? nil : BacktestSummary(points: points, origins: common.count, failedOrigins: 0, levels: levels)
        self.notes = notes
    }
}

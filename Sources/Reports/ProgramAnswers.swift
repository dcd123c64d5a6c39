import Forecasting
import Foundation

/// The headline answer of one forecast scenario (one program: China national, China provincial,
/// Manufacturing USA, Fraunhofer, and each variant scenario), in words a reader can repeat:
/// the chance in plain odds ("about even odds of reaching 40 by end-2030"), how many more
/// centres are needed in how much time, the 80% interval of the count at the target date and
/// the data's as-of date. A probability is never quoted as 0% or 100% from a finite number of
/// draws ("< 1/N"), and the median date is given only to the month and only when most draws
/// reach the target within the horizon.
public struct ProgramAnswer: Sendable {
    /// The scenario's name and file.
    public let program: String
    public let file: String
    public let target: Target
    /// `P(N(by) ≥ count)` and the draws behind it (0 when the data answer the question).
    public let probability: Double
    public let drawCount: Int
    /// The probability as shown: `< 1/N` when no draw reaches the target, `> 1 − 1/N` when all do.
    public let probabilityText: String
    /// The answer in one sentence.
    public let sentence: String
    /// The 80% (or the lowest configured level's) interval of the count at the target date.
    public let interval: Interval?
    /// Centres still needed (target minus last observed; 0 when already reached).
    public let needed: Int
    /// The data's as-of date.
    public let asOf: String
    /// The median date (month) when fewer than 10% of draws fail to reach the target by the horizon.
    public let medianText: String?

    init(scenario: String, _ result: ForecastResult) {
        let t = result.target
        program = result.name
        file = scenario
        target = t.target
        probability = t.probability
        drawCount = t.drawCount
        asOf = result.asOf
        needed = max(0, t.target.count - result.lastObserved.count)
        probabilityText = Headline.probability(t)
        interval = Self.point(at: t.target.by, in: result.projection)?.intervals.first
        if let median = t.medianDate, t.notReachedProbability < 0.1, t.answeredFromData == nil {
            medianText = Self.monthText(median)
        } else {
            medianText = nil
        }
        let deadline = Self.deadlineWords(t.target.label)
        var sentence: String
        if let observed = t.answeredFromData {
            sentence = (t.probability == 1 ? "Reached \(t.target.count) by \(deadline)" : "Missed \(t.target.count) by \(deadline)") + " (observed: \(observed))"
        } else {
            sentence = "\(Self.odds(t)) of reaching \(t.target.count) by \(deadline) (\(probabilityText))"
            if needed > 0 { sentence += ": \(needed) more needed in \(Self.span(from: result.lastObserved.time, to: t.target.by))" }
        }
        if let interval {
            sentence += "; \(Int(interval.level * 100))% interval at \(t.target.label): \(Self.count(interval.lower))–\(Self.count(interval.upper))"
        }
        if let medianText {
            sentence += "; median date reached: \(medianText)"
        } else if t.answeredFromData == nil, t.notReachedProbability >= 0.1 {
            sentence += "; not reached by \(result.horizonLabel) in \(Headline.percent(t.notReachedProbability)) of draws"
        }
        self.sentence = sentence + " (data as of \(asOf))."
    }

    /// Plain-words odds (the IPCC likelihood scale, coarsened): "very unlikely" … "very likely".
    static func odds(_ t: TargetAnalysis) -> String {
        let p = t.probability
        if t.reachedDraws == 0 { return "Practically no chance" }
        switch p {
        case ..<0.05: return "Very unlikely"
        case ..<0.33: return "Unlikely"
        case ..<0.4: return "Somewhat less likely than not"
        case ...0.6: return "About even odds"
        case ...0.67: return "Somewhat more likely than not"
        case ...0.95: return "Likely"
        default: return "Very likely"
        }
    }

    /// "end-2030" for a 31 December deadline, the date otherwise.
    static func deadlineWords(_ label: String) -> String {
        label.hasSuffix("-12-31") ? "end-" + label.prefix(4) : label
    }

    /// A time span in weeks (under a year) or years, from decimal years.
    static func span(from start: Double, to end: Double) -> String {
        let years = end - start
        if years <= 0 { return "no time left" }
        if years < 1 { return "\(max(1, Int((years * 365.25 / 7).rounded()))) weeks" }
        return String(format: "%.1f years", years)
    }

    /// "2027-09" from a decimal year.
    static func monthText(_ time: Double) -> String { String(DecimalYear.dayText(time).prefix(7)) }

    static func count(_ value: Double) -> String { String(Int(value.rounded())) }

    /// The projection point at (or first after) `time`.
    static func point(at time: Double, in projection: [ProjectionPoint]) -> ProjectionPoint? {
        projection.first { $0.time >= time - 1e-9 } ?? projection.last
    }

    var json: JSONValue {
        .object([
            ("program", .string(program)), ("file", .string(file)), ("target_count", .int(target.count)), ("target_date", .string(target.label)),
            ("probability", .number(probability)), ("draws", .int(drawCount)), ("probability_text", .string(probabilityText)),
            ("needed", .int(needed)), ("as_of", .string(asOf)),
            ("interval", interval.map { .object([("level", .number($0.level)), ("lower", .number($0.lower)), ("upper", .number($0.upper))]) } ?? .null),
            ("median_month", medianText.map(JSONValue.string) ?? .null), ("text", .string(sentence)),
        ])
    }
}

/// A what-if beside its baseline: the chance of its target and the difference to the baseline's
/// chance of the same target in percentage points.
public struct WhatIfAnswer: Sendable {
    public let program: String
    public let name: String
    public let change: String
    public let probability: Double
    public let probabilityText: String
    /// The baseline's probability of the same target (the what-if's own target when it moves it).
    public let baselineProbability: Double?
    /// `probability − baselineProbability`, in percentage points.
    public let differencePoints: Double?
    public let sentence: String

    init(program: String, baseline: TargetAnalysis, _ outcome: ForecastResult.WhatIfOutcome) {
        self.program = program
        name = outcome.whatIf.name
        change = outcome.change
        probability = outcome.target.probability
        probabilityText = Headline.probability(outcome.target)
        let sameTarget = outcome.target.target == baseline.target
        baselineProbability = sameTarget ? baseline.probability : nil
        differencePoints = sameTarget ? (outcome.target.probability - baseline.probability) * 100 : nil
        let t = outcome.target.target
        var sentence = "\(name): \(probabilityText) chance of \(t.count) by \(ProgramAnswer.deadlineWords(t.label))"
        if let differencePoints {
            sentence += abs(differencePoints) < 0.05 ? " (no change vs baseline)" : String(format: " (%@%.1f points vs baseline)", differencePoints < 0 ? "−" : "+", abs(differencePoints))
        } else {
            sentence += " (target moved; the baseline's is \(baseline.target.count) by \(baseline.target.label) at \(Headline.probability(baseline)))"
        }
        self.sentence = sentence + "."
    }

    var json: JSONValue {
        .object([
            ("program", .string(program)), ("name", .string(name)), ("change", .string(change)), ("probability", .number(probability)),
            ("probability_text", .string(probabilityText)), ("baseline_probability", baselineProbability.map(JSONValue.number) ?? .null),
            ("difference_points", differencePoints.map(JSONValue.number) ?? .null), ("text", .string(sentence)),
        ])
    }
}

extension ProgramAnswer {
    /// The median date as a key figure: the month when fewer than 10% of draws miss the target by
    /// the horizon, otherwise the share of draws that miss it (a median to the day would claim more
    /// than the draws support).
    static func medianFigure(_ t: TargetAnalysis, horizon: String) -> String {
        guard let median = t.medianDate else { return "after \(horizon)" }
        if t.notReachedProbability < 0.1 { return monthText(median) }
        return "about \(monthText(median)); \(Headline.percent(t.notReachedProbability)) not by \(horizon)"
    }
}

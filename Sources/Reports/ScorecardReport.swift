import Foundation
import Scorecards
import Scoring

/// Renders a ``ScorecardResult``: scores and rankings per method, method agreement, SMAA-2
/// acceptabilities, weight stability intervals, rank reversal, notes, and the source of every
/// value; with the provenance of the run (specification path and SHA-256, seed, version).
///
/// - Text and Markdown: the sections above, tables as in every other report.
/// - CSV: the scores table only, one row per alternative and one column per method.
/// - JSON: see ``renderJSON()``; maps keyed by alternative or criterion keep their names as
///   written, and non-finite numbers are `null`.
public struct ScorecardReport: RenderableReport, Sendable {
    public let result: ScorecardResult
    /// The version of the program that produced the report.
    public let foresightVersion: String

    public init(result: ScorecardResult, foresightVersion: String) {
        self.result = result
        self.foresightVersion = foresightVersion
    }

    private var spec: ScorecardSpec { result.spec }
    private var alternatives: [String] { spec.alternatives }
    private var criterionIds: [String] { spec.criteria.map(\.id) }

    // MARK: Tables

    /// Scores, alternative × method (VIKOR's Q: smaller is better).
    public var scoresTable: Table {
        var table = Table(columns: [.init("alternative", .left)] + result.methods.map { .init(Self.scoreTitle($0.method)) })
        for (i, name) in alternatives.enumerated() {
            table.append([name] + result.methods.map { NumberFormat.fixed($0.scoreValues[i], decimals: 4) })
        }
        return table
    }

    /// Ranks, alternative × method; `2=` marks a tie.
    public var rankingTable: Table {
        var table = Table(columns: [.init("alternative", .left)] + result.methods.map { .init($0.method.rawValue) })
        for (i, name) in alternatives.enumerated() {
            table.append([name] + result.methods.map { method in
                let entry = method.ranking.first { $0.index == i }
                return entry.map { "\($0.rank)\($0.isTied ? "=" : "")" } ?? ""
            })
        }
        return table
    }

    /// Criteria, weights used, and values.
    public var criteriaTable: Table {
        var table = Table(columns: [.init("criterion", .left), .init("direction", .left), .init("unit", .left), .init("weight")]
                          + alternatives.map { .init($0) })
        for (j, criterion) in spec.criteria.enumerated() {
            table.append([criterion.id, criterion.direction.rawValue, criterion.unit ?? "",
                          NumberFormat.fixed(result.weights.values[j], decimals: 4)]
                         + alternatives.indices.map { Self.describe(spec.matrix.value(alternative: $0, criterion: j)) })
        }
        return table
    }

    /// Kendall's τ_b between methods.
    public var agreementTable: Table {
        let names = result.methods.map(\.method.rawValue)
        var table = Table(columns: [.init("tau_b", .left)] + names.map { .init($0) })
        for (i, name) in names.enumerated() {
            table.append([name] + result.agreement[i].map { NumberFormat.fixed($0, decimals: 3) })
        }
        return table
    }

    /// SMAA-2 rank acceptabilities and confidence factors.
    public var acceptabilityTable: Table? {
        guard let smaa = result.smaa else { return nil }
        let m = alternatives.count
        var table = Table(columns: [.init("alternative", .left)] + (1...m).map { .init("rank \($0)") } + [.init("confidence")])
        for (i, name) in alternatives.enumerated() {
            table.append([name] + smaa.acceptability[i].map { NumberFormat.fixed($0, decimals: 4) }
                         + [NumberFormat.fixed(smaa.confidenceFactors[i], decimals: 4)])
        }
        return table
    }

    /// SMAA-2 central weights, alternative × criterion.
    public var centralWeightsTable: Table? {
        guard let smaa = result.smaa else { return nil }
        var table = Table(columns: [.init("alternative", .left)] + criterionIds.map { .init($0) })
        for (i, name) in alternatives.enumerated() {
            table.append([name] + criterionIds.indices.map { NumberFormat.fixed(smaa.centralWeights[i]?[$0], decimals: 3) })
        }
        return table
    }

    /// Stability intervals of one method.
    public func stabilityTable(_ entry: MethodStability) -> Table {
        var table = Table(
            title: "\(entry.method.rawValue): \(entry.intervals.first?.leader ?? "") stays first while a weight stays within",
            columns: [.init("criterion", .left), .init("weight"), .init("lower"), .init("upper"),
                      .init("below: new leader", .left), .init("above: new leader", .left)])
        for interval in entry.intervals {
            table.append([interval.criterion, NumberFormat.fixed(interval.weight, decimals: 4),
                          NumberFormat.fixed(interval.lower, decimals: 4), NumberFormat.fixed(interval.upper, decimals: 4),
                          interval.replacedBelowBy ?? "-", interval.replacedAboveBy ?? "-"])
        }
        return table
    }

    // MARK: Text pieces shared by text and Markdown

    private var hasVIKOR: Bool { result.methods.contains { $0.method == .vikor } }

    private var headerLines: [String] {
        var lines = ["Specification: \(spec.file) (SHA-256 \(spec.sha256))",
                     "Seed \(result.seed), foresight \(foresightVersion)",
                     "\(alternatives.count) alternatives, \(spec.criteria.count) criteria, weights: \(result.weighting.rawValue)"]
        if let ahp = result.weights.ahp {
            lines.append("Criteria priorities from the pairwise matrix: λmax = \(NumberFormat.fixed(ahp.lambdaMax, decimals: 4)), "
                         + "CI = \(NumberFormat.fixed(ahp.consistencyIndex, decimals: 4)), CR = \(NumberFormat.fixed(ahp.consistencyRatio, decimals: 4)) "
                         + "(\(ahp.randomIndexTable.rawValue) RI)\(ahp.isInconsistent ? ", inconsistent" : "")")
        }
        return lines
    }

    private var methodLines: [String] {
        var lines: [String] = []
        for method in result.methods {
            var line = "\(method.method.rawValue): \(spec.methodSettings[method.method] ?? "")"
            switch method.details {
            case .vikor(let d):
                line += "; compromise set {\(d.compromiseSet.joined(separator: ", "))}; S = "
                    + d.s.map { NumberFormat.fixed($0, decimals: 4) }.joined(separator: ", ")
                    + "; R = " + d.r.map { NumberFormat.fixed($0, decimals: 4) }.joined(separator: ", ")
            case .ahp(let d):
                if let criteria = result.ahpCriteria {
                    line += "; criteria " + Self.consistency(criteria)
                }
                for (j, local) in d.localConsistency.enumerated() {
                    if let local { line += "; alternatives under \(criterionIds[j]) " + Self.consistency(local) }
                }
            default: break
            }
            lines.append(line)
        }
        return lines
    }

    var reversalLines: [String] {
        result.rankReversal.map { entry in
            let failed = entry.cases.filter { $0.error != nil }.count
            guard entry.hasReversal else {
                return "\(entry.method.rawValue): no rank reversal in \(entry.cases.count - failed) experiments"
                    + (failed > 0 ? " (\(failed) could not be run)" : "")
            }
            let described = entry.cases.filter(\.hasReversal).map { c in
                "\(Self.describe(c.change)): " + c.reversedPairs.map {
                    "\($0.first) vs \($0.second) \($0.ranksBefore.map(String.init).joined(separator: "/")) → \($0.ranksAfter.map(String.init).joined(separator: "/"))"
                }.joined(separator: ", ")
            }
            return "\(entry.method.rawValue): REVERSAL in \(described.count) of \(entry.cases.count) experiments — " + described.joined(separator: "; ")
        }
    }

    /// One sentence on rank reversal over all methods: which reversed, and the first reversal found.
    var reversalSummary: String? {
        guard !result.rankReversal.isEmpty else { return nil }
        let reversing = result.rankReversal.filter(\.hasReversal)
        guard let first = reversing.first, let example = first.cases.first(where: \.hasReversal), let pair = example.reversedPairs.first else {
            return "No method changes the order of the others when an alternative is removed or a dominated copy added."
        }
        return "\(reversing.count) of \(result.rankReversal.count) methods (\(reversing.map(\.method.rawValue).joined(separator: ", "))) change the order "
            + "of the others in at least one experiment: for example \(Self.describe(example.change)), \(pair.first) and \(pair.second) swap "
            + "under \(first.method.rawValue). The ranking depends on which alternatives are compared."
    }

    var sourceLines: [String] {
        spec.criteria.enumerated().map { j, criterion in
            let values = alternatives.indices.map { "\(alternatives[$0]) \(Self.describe(spec.matrix.value(alternative: $0, criterion: j)))" }
            var line = "\(criterion.id) (\(criterion.label)\(criterion.unit.map { ", \($0)" } ?? "")): \(values.joined(separator: "; ")). "
            switch criterion.origin {
            case .inline: break
            case .matrixFile(let file): line += "Values from \(file). "
            case .pairwise: line += "Values are the priorities of the pairwise matrix ahp.alternatives.\(criterion.id). "
            }
            line += "Source: \(criterion.source ?? "none given")"
            if let note = criterion.note { line += " Note: \(note)" }
            return line
        }
    }

    public func renderText() -> String {
        var out = "Scorecard: \(spec.name)\n"
        if let description = spec.description { out += description.trimmingCharacters(in: .whitespacesAndNewlines) + "\n" }
        out += headerLines.joined(separator: "\n") + "\n\n"
        out += "Criteria, weights and values\n" + criteriaTable.renderText()
        if let rationale = spec.weightRationale { out += "Weight rationale: \(rationale.trimmingCharacters(in: .whitespacesAndNewlines))\n" }
        out += "\nScores (higher is better\(hasVIKOR ? "; VIKOR: Q, lower is better" : ""))\n" + scoresTable.renderText()
        out += "\nRankings (= marks a tie)\n" + rankingTable.renderText()
        out += "\nMethods\n" + methodLines.map { "  \($0)\n" }.joined()
        if result.methods.count > 1 { out += "\nMethod agreement (Kendall's tau-b between rankings)\n" + agreementTable.renderText() }
        if let smaa = result.smaa, let table = acceptabilityTable, let central = centralWeightsTable {
            out += "\n" + smaaHeading(smaa) + "\n" + table.renderText()
            out += "\nSMAA-2 central weights (mean weights where the alternative ranks first)\n" + central.renderText()
        }
        if !result.stability.isEmpty {
            out += "\nWeight stability intervals (one weight moves, the others keep their proportions)\n"
            out += result.stability.map { stabilityTable($0).renderText() }.joined(separator: "\n")
        }
        if !result.rankReversal.isEmpty {
            out += "\nRank reversal (remove each alternative; add a dominated copy of each)\n" + reversalLines.map { "  \($0)\n" }.joined()
        }
        if !result.notes.isEmpty { out += "\nNotes\n" + result.notes.map { "  - \($0)\n" }.joined() }
        out += "\nSources\n" + sourceLines.map { "  - \($0)\n" }.joined()
        return out
    }

    public func renderMarkdown() -> String {
        var out = "### Scorecard: \(spec.name)\n\n"
        if let description = spec.description { out += description.trimmingCharacters(in: .whitespacesAndNewlines) + "\n\n" }
        out += headerLines.map { "- \($0)\n" }.joined() + "\n"
        out += "#### Criteria, weights and values\n\n" + criteriaTable.renderMarkdown()
        if let rationale = spec.weightRationale { out += "\nWeight rationale: \(rationale.trimmingCharacters(in: .whitespacesAndNewlines))\n" }
        out += "\n#### Scores\n\nHigher is better\(hasVIKOR ? ", except VIKOR's Q" : "").\n\n" + scoresTable.renderMarkdown()
        out += "\n#### Rankings\n\n`=` marks a tie.\n\n" + rankingTable.renderMarkdown()
        out += "\n#### Methods\n\n" + methodLines.map { "- \($0)\n" }.joined()
        if result.methods.count > 1 {
            out += "\n#### Method agreement\n\nKendall's tau-b between the rankings.\n\n" + agreementTable.renderMarkdown()
        }
        if let smaa = result.smaa, let table = acceptabilityTable, let central = centralWeightsTable {
            out += "\n#### SMAA-2\n\n" + smaaHeading(smaa) + "\n\n" + table.renderMarkdown()
            out += "\nCentral weights (mean weights where the alternative ranks first):\n\n" + central.renderMarkdown()
        }
        if !result.stability.isEmpty {
            out += "\n#### Weight stability intervals\n\nOne weight moves, the others keep their proportions.\n\n"
            out += result.stability.map { stabilityTable($0).renderMarkdown() }.joined(separator: "\n")
        }
        if !result.rankReversal.isEmpty {
            out += "\n#### Rank reversal\n\n" + reversalLines.map { "- \($0)\n" }.joined()
        }
        if !result.notes.isEmpty { out += "\n#### Notes\n\n" + result.notes.map { "- \($0)\n" }.joined() }
        out += "\n#### Sources\n\n" + sourceLines.map { "- \($0)\n" }.joined()
        return out
    }

    public func renderCSV() -> String {
        var table = Table(columns: [.init("alternative", .left)] + result.methods.map { .init($0.method.rawValue) })
        for (i, name) in alternatives.enumerated() {
            table.append([name] + result.methods.map { NumberFormat.significant($0.scoreValues[i], digits: 10) })
        }
        return table.renderCSV()
    }

    private func smaaHeading(_ smaa: SMAAResult) -> String {
        let largest = smaa.standardErrors.flatMap { $0 }.max() ?? 0
        return "SMAA-2 rank acceptabilities, \(smaa.weightModel.label) (\(smaa.draws) draws, seed \(result.seed); "
            + "standard errors ≤ \(NumberFormat.fixed(largest, decimals: 4)); uncertain values sampled, additive linear value model)"
    }

    // MARK: Formatting helpers

    static func scoreTitle(_ method: ScoringMethod) -> String {
        switch method {
        case .vikor: "vikor (Q)"
        case .topsis: "topsis (C)"
        case .promethee2: "promethee2 (phi)"
        default: method.rawValue
        }
    }

    static func describe(_ value: CriterionValue) -> String {
        switch value {
        case .point(let x): NumberFormat.significant(x, digits: 6)
        case .interval(let low, let high): "[\(NumberFormat.significant(low)), \(NumberFormat.significant(high))]"
        case .normal(let mean, let sd): "N(\(NumberFormat.significant(mean)), \(NumberFormat.significant(sd)))"
        case .triangular(let low, let mode, let high):
            "T(\(NumberFormat.significant(low)), \(NumberFormat.significant(mode)), \(NumberFormat.significant(high)))"
        }
    }

    static func describe(_ change: RankReversalCase.Change) -> String {
        switch change {
        case .removed(let name): "without \(name)"
        case .addedDominatedCopy(let name): "with a dominated copy of \(name)"
        }
    }

    static func consistency(_ p: AHPPriorities) -> String {
        "λmax = \(NumberFormat.fixed(p.lambdaMax, decimals: 4)), CI = \(NumberFormat.fixed(p.consistencyIndex, decimals: 4)), "
            + "CR = \(NumberFormat.fixed(p.consistencyRatio, decimals: 4))\(p.isInconsistent ? " (inconsistent)" : "")"
    }
}

// MARK: - JSON

extension ScorecardReport {
    /// The JSON document (snake_case keys, keys in a fixed readable order, `null` for non-finite
    /// numbers and for undefined quantities):
    ///
    /// `name`, `description`, `alternatives`, `criteria` (id, label, direction, unit, weight as
    /// written, values, source, note), `weights` (`method`, `values` by criterion, `notes`,
    /// `rationale`, `ahp`), `methods` (by method name: `settings`, `weights`, `higher_is_better`,
    /// `scores` by alternative — the WSM/WPM score, TOPSIS closeness, VIKOR Q with `s` and `r` beside
    /// it, PROMETHEE II net flow, AHP global priority — and `ranking`, a list of
    /// `{alternative, rank, score, tied}` best first; AHP adds `criteria` and `alternatives` blocks of
    /// `{priorities, lambda_max, ci, cr, consistent, ri_table, ri}`), `method_order`, `agreement`
    /// (`methods`, `kendall_tau`), `smaa`, `stability` (by method: `leader`, and by criterion
    /// `weight`, `lower`, `upper`, `replaced_below_by`, `replaced_above_by`), `rank_reversal`,
    /// `sources` (criterion id → source text), `notes`, `provenance` (`spec`, `sha256`, `seed`,
    /// `foresight_version`).
    public func renderJSON() throws -> String {
        document.rendered(indent: "") + "\n"
    }

    /// The seed as a JSON number when it is exactly representable, else as text.
    private var seedValue: JSONValue {
        result.seed <= 1 << 53 ? .int(Int(result.seed)) : .string(String(result.seed))
    }

    var document: JSONValue {
        let ids = criterionIds
        func byAlternative(_ values: [Double]) -> JSONValue { .object(zip(alternatives, values.map(JSONValue.number)).map { ($0, $1) }) }
        func byCriterion(_ values: [Double]) -> JSONValue { .object(zip(ids, values.map(JSONValue.number)).map { ($0, $1) }) }
        func ahpBlock(_ p: AHPPriorities, items: [String]) -> JSONValue {
            .object([
                ("priorities", .object(zip(items, p.weights.map(JSONValue.number)).map { ($0, $1) })),
                ("method", .string(p.method.rawValue)),
                ("lambda_max", .number(p.lambdaMax)), ("ci", .number(p.consistencyIndex)),
                ("cr", p.consistencyRatio.map(JSONValue.number) ?? .null), ("consistent", .bool(!p.isInconsistent)),
                ("ri_table", .string(p.randomIndexTable.rawValue)), ("ri", p.randomIndex.map(JSONValue.number) ?? .null),
            ])
        }
        func value(_ v: CriterionValue) -> JSONValue {
            switch v {
            case .point(let x): .number(x)
            case .interval(let low, let high): .object([("interval", .array([.number(low), .number(high)]))])
            case .normal(let mean, let sd): .object([("normal", .array([.number(mean), .number(sd)]))])
            case .triangular(let low, let mode, let high): .object([("triangular", .array([.number(low), .number(mode), .number(high)]))])
            }
        }

        let criteria: JSONValue = .array(spec.criteria.enumerated().map { j, c in
            .object([
                ("id", .string(c.id)), ("label", .string(c.label)), ("direction", .string(c.direction.rawValue)),
                ("unit", c.unit.map(JSONValue.string) ?? .null), ("weight", c.weight.map(JSONValue.number) ?? .null),
                ("values", .object(alternatives.indices.map { (alternatives[$0], value(spec.matrix.value(alternative: $0, criterion: j))) })),
                ("source", c.source.map(JSONValue.string) ?? .null), ("note", c.note.map(JSONValue.string) ?? .null),
            ])
        })
        let weights: JSONValue = .object([
            ("method", .string(result.weighting.rawValue)), ("values", byCriterion(result.weights.values)),
            ("notes", .array(result.weights.notes.map(JSONValue.string))),
            ("rationale", spec.weightRationale.map(JSONValue.string) ?? .null),
            ("ahp", result.weights.ahp.map { ahpBlock($0, items: ids) } ?? .null),
        ])
        var methods: [(String, JSONValue)] = []
        for method in result.methods {
            var fields: [(String, JSONValue)] = [
                ("settings", .string(spec.methodSettings[method.method] ?? "")),
                ("weights", byCriterion(result.methodWeights[method.method] ?? [])),
                ("higher_is_better", .bool(method.higherIsBetter)),
                ("scores", byAlternative(method.scoreValues)),
                ("ranking", .array(method.ranking.map {
                    .object([("alternative", .string($0.name)), ("rank", .int($0.rank)), ("score", .number($0.score)), ("tied", .bool($0.isTied))])
                })),
            ]
            switch method.details {
            case .weightedSum: break
            case .weightedProduct(let d): fields.append(("log_scores", byAlternative(d.logScores)))
            case .topsis(let d):
                fields.append(("distance_to_ideal", byAlternative(d.distanceToIdeal)))
                fields.append(("distance_to_anti_ideal", byAlternative(d.distanceToAntiIdeal)))
            case .vikor(let d):
                fields += [("s", byAlternative(d.s)), ("r", byAlternative(d.r)), ("v", .number(d.v)),
                           ("compromise_set", .array(d.compromiseSet.map(JSONValue.string))),
                           ("acceptable_advantage", .bool(d.hasAcceptableAdvantage)),
                           ("acceptable_stability", .bool(d.hasAcceptableStability))]
            case .promethee(let d):
                fields += [("leaving_flow", byAlternative(d.leavingFlow)), ("entering_flow", byAlternative(d.enteringFlow))]
            case .ahp(let d):
                fields.append(("synthesis", .string(d.mode.rawValue)))
                fields.append(("criteria", result.ahpCriteria.map { ahpBlock($0, items: ids) } ?? .null))
                fields.append(("local_priorities", .object(ids.indices.map { (ids[$0], byAlternative(d.localPriorities[$0])) })))
                fields.append(("alternatives", .object(ids.indices.compactMap { j in
                    d.localConsistency[j].map { (ids[j], ahpBlock($0, items: alternatives)) }
                })))
            }
            methods.append((method.method.rawValue, .object(fields)))
        }
        let order = result.methods.map(\.method.rawValue)
        let agreement: JSONValue = .object([
            ("methods", .array(order.map(JSONValue.string))),
            ("kendall_tau", .array(result.agreement.map { .array($0.map { $0.map(JSONValue.number) ?? .null }) })),
        ])
        var smaa: JSONValue = .null
        if let s = result.smaa {
            let weights: [(String, JSONValue)] = switch s.weightModel {
            case .uniform: [("weights", .string("uniform"))]
            case .rankOrder(let order): [("weights", .object([("rank_order", .array(order.map(JSONValue.string)))]))]
            case .intervals(let ranges): [("weights", .object([("intervals", .object(zip(ids, ranges).map {
                ($0, .array([.number($1.lowerBound), .number($1.upperBound)])) }))]))]
            case .dirichlet(_, let concentration): [
                ("weights", .string("stated")), ("concentration", .number(concentration)),
                ("weight_spread", s.weightModel.relativeSpread.map(JSONValue.number) ?? .null)]
            }
            smaa = .object([("draws", .int(s.draws)), ("seed", seedValue)] + weights + [
                ("weight_model", .string(s.weightModel.label)),
                ("acceptance_rate", .number(s.acceptanceRate)),
                ("acceptability", .object(alternatives.indices.map { (alternatives[$0], .array(s.acceptability[$0].map(JSONValue.number))) })),
                ("rank1_acceptability", byAlternative(s.acceptability.map { $0.first ?? 0 })),
                ("standard_errors", .object(alternatives.indices.map { (alternatives[$0], .array(s.standardErrors[$0].map(JSONValue.number))) })),
                ("central_weights", .object(alternatives.indices.map { (alternatives[$0], s.centralWeights[$0].map(byCriterion) ?? .null) })),
                ("confidence_factors", .object(alternatives.indices.map { (alternatives[$0], s.confidenceFactors[$0].map(JSONValue.number) ?? .null) })),
                ("model", .string("additive value with linear partial values over each criterion's plausible range; uncertain values sampled")),
            ])
        }
        let stability: JSONValue = result.stability.isEmpty && !spec.stabilityIntervals ? .null : .object(result.stability.map { entry in
            (entry.method.rawValue, .object([
                ("leader", .string(entry.intervals.first?.leader ?? "")),
                ("criteria", .object(entry.intervals.map { i in
                    (i.criterion, .object([
                        ("weight", .number(i.weight)), ("lower", .number(i.lower)), ("upper", .number(i.upper)),
                        ("replaced_below_by", i.replacedBelowBy.map(JSONValue.string) ?? .null),
                        ("replaced_above_by", i.replacedAboveBy.map(JSONValue.string) ?? .null),
                    ]))
                })),
            ]))
        })
        let reversal: JSONValue = spec.rankReversalDegradation == nil ? .null : .object(result.rankReversal.map { entry in
            (entry.method.rawValue, .object([
                ("has_reversal", .bool(entry.hasReversal)),
                ("cases", .array(entry.cases.map { c in
                    let (kind, name): (String, String) = switch c.change {
                    case .removed(let n): ("removed", n)
                    case .addedDominatedCopy(let n): ("added_dominated_copy", n)
                    }
                    return .object([
                        ("change", .string(kind)), ("alternative", .string(name)),
                        ("reversed_pairs", .array(c.reversedPairs.map { p in
                            .object([("first", .string(p.first)), ("second", .string(p.second)),
                                     ("ranks_before", .array(p.ranksBefore.map(JSONValue.int))),
                                     ("ranks_after", .array(p.ranksAfter.map(JSONValue.int)))])
                        })),
                        ("error", c.error.map { .string("\($0)") } ?? .null),
                    ])
                })),
            ]))
        })
        return .object([
            ("name", .string(spec.name)), ("description", spec.description.map(JSONValue.string) ?? .null),
            ("alternatives", .array(alternatives.map(JSONValue.string))), ("criteria", criteria), ("weights", weights),
            ("methods", .object(methods)), ("method_order", .array(order.map(JSONValue.string))), ("agreement", agreement),
            ("smaa", smaa), ("stability", stability), ("rank_reversal", reversal),
            ("sources", .object(spec.criteria.map { ($0.id, $0.source.map(JSONValue.string) ?? .null) })),
            ("notes", .array(result.notes.map(JSONValue.string))),
            ("provenance", .object([
                ("spec", .string(spec.file)), ("sha256", .string(spec.sha256)), ("seed", seedValue),
                ("foresight_version", .string(foresightVersion)),
            ])),
        ])
    }
}

/// A JSON value with object keys kept in insertion order (the renderers choose a readable
/// order; user names such as alternatives are written exactly as given).
enum JSONValue {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case number(Double)
    case int(Int)
    case string(String)
    case bool(Bool)
    case null

    /// Pretty-printed with two-space indentation; arrays of scalars stay on one line.
    func rendered(indent: String) -> String {
        let inner = indent + "  "
        switch self {
        case .object(let pairs):
            guard !pairs.isEmpty else { return "{}" }
            return "{\n" + pairs.map { inner + Self.quote($0.0) + ": " + $0.1.rendered(indent: inner) }.joined(separator: ",\n")
                + "\n" + indent + "}"
        case .array(let items):
            guard !items.isEmpty else { return "[]" }
            if items.allSatisfy(\.isScalar) { return "[" + items.map { $0.rendered(indent: inner) }.joined(separator: ", ") + "]" }
            return "[\n" + items.map { inner + $0.rendered(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .number(let x): return Self.format(x)
        case .int(let n): return String(n)
        case .string(let s): return Self.quote(s)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .object, .array: false
        default: true
        }
    }

    /// Shortest round-trip decimal (Swift's `description`), `null` when not finite, and `-0` as `0`.
    static func format(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        if x == 0 { return "0" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

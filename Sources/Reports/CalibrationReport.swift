import Forecasting
import Foundation

/// Renders a ``CalibrationStudy`` (`foresight calibrate`), and reads it back from the JSON file
/// it writes, which `foresight report` shows (the full study is too slow to run in the report).
///
/// - Text and Markdown: the design, then the coverage table (per truth and horizon: the share of
///   replicates whose 80% and 95% intervals held the true count, its binomial SE at the
///   nominal level, the true predictive distribution's share; the 95% interval score and the
///   CRPS beside the truth's and their ratio), the target table (Brier score against
///   climatology and the truth) and the reliability table.
/// - CSV: the coverage table with one row per truth, horizon and level.
/// - JSON: ``Document`` (snake_case keys), which ``load(contentsOf:)`` reads.
public struct CalibrationReport: RenderableReport, Sendable {
    /// What the JSON file holds: the study and what produced it.
    public struct Document: Sendable, Codable {
        /// `1`: the version every file under `Models/` declares (`foresight data validate`).
        public let schema: Int
        public let foresightVersion: String
        /// The git commit of the working tree that ran the study, when known.
        public let commit: String?
        /// The command line that produced it.
        public let command: String
        public let study: CalibrationStudy
    }

    public let document: Document
    public var study: CalibrationStudy { document.study }

    public init(study: CalibrationStudy, foresightVersion: String, commit: String?, command: String) {
        document = Document(schema: 1, foresightVersion: foresightVersion, commit: commit, command: command, study: study)
    }

    public init(document: Document) { self.document = document }

    /// Reads a file written by `foresight calibrate --format json`.
    /// - Throws: ``CalibrationFileError`` naming the file and what is wrong.
    public static func load(contentsOf url: URL, displayPath: String) throws -> CalibrationReport {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw CalibrationFileError(file: displayPath, reason: "cannot be read (\(error.localizedDescription))")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            let document = try decoder.decode(Document.self, from: data)
            guard document.schema == 1 else {
                throw CalibrationFileError(file: displayPath, reason: "has schema \(document.schema); this version of foresight reads schema 1")
            }
            return CalibrationReport(document: document)
        } catch let error as CalibrationFileError {
            throw error
        } catch let DecodingError.dataCorrupted(context) {
            throw CalibrationFileError(file: displayPath, reason: "is not valid JSON (\(context.debugDescription))")
        } catch let DecodingError.keyNotFound(key, context) {
            throw CalibrationFileError(file: displayPath, reason: "lacks \(Self.path(context.codingPath + [key]))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw CalibrationFileError(file: displayPath, reason: "has a value of the wrong type at \(Self.path(context.codingPath))")
        } catch let DecodingError.valueNotFound(_, context) {
            throw CalibrationFileError(file: displayPath, reason: "has null at \(Self.path(context.codingPath))")
        } catch {
            throw CalibrationFileError(file: displayPath, reason: "cannot be decoded (\(error))")
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }

    // MARK: Tables

    private var levels: [Double] { study.method.levels }
    /// The largest level (95%): the interval score shown.
    private var scoreLevel: Double { levels.max() ?? 0.95 }

    /// Per truth (then all truths) and horizon: coverage per level with SE and the truth's
    /// coverage, interval score at the largest level and CRPS, each beside the truth's.
    public var coverageTable: Table {
        let percent = ForecastReport.percent(scoreLevel)
        var table = Table(columns: [.init("truth", .left), .init("horizon")]
                          + levels.flatMap { level in
                              [.init("cover \(ForecastReport.percent(level))"), .init("SE"), .init("truth \(ForecastReport.percent(level))")]
                          }
                          + [.init("IS \(percent)"), .init("truth IS"), .init("ratio"), .init("CRPS"), .init("truth CRPS"), .init("ratio")])
        for score in study.scores {
            let cells = levels.compactMap { level in
                study.coverage.first { $0.truth == score.truth && $0.horizon == score.horizon && abs($0.level - level) < 1e-12 }
            }
            guard let top = cells.last else { continue }
            table.append([score.truth, "\(score.horizon) yr"]
                         + cells.flatMap { [Self.share($0.coverage), Self.share($0.standardError), Self.share($0.trueCoverage)] }
                         + [Self.number(top.meanIntervalScore), Self.number(top.trueMeanIntervalScore),
                            Self.ratio(top.meanIntervalScore, top.trueMeanIntervalScore),
                            Self.number(score.meanCRPS), Self.number(score.trueMeanCRPS), Self.ratio(score.meanCRPS, score.trueMeanCRPS)])
        }
        return table
    }

    /// Per truth: the target, its base rate, the mean forecast probability and the Brier scores.
    public var targetTable: Table {
        var table = Table(columns: [.init("truth", .left), .init("target", .left), .init("replicates"), .init("base rate"),
                                    .init("mean forecast"), .init("Brier"), .init("climatology"), .init("truth Brier")])
        for t in study.targets {
            table.append([t.truth, "\(t.count) by \(t.deadline)", "\(t.replicates)", Self.share(t.baseRate), Self.share(t.meanProbability),
                          NumberFormat.fixed(t.brier, decimals: 3), NumberFormat.fixed(t.climatologyBrier, decimals: 3),
                          NumberFormat.fixed(t.trueBrier, decimals: 3)])
        }
        return table
    }

    /// The reliability of the target probabilities over all truths.
    public var reliabilityTable: Table {
        var table = Table(columns: [.init("forecast probability", .left), .init("replicates"), .init("mean forecast"), .init("observed frequency")])
        for bin in study.reliability {
            table.append([Self.binLabel(bin), "\(bin.count)", bin.meanForecast.map(Self.share) ?? "–", bin.observedFrequency.map(Self.share) ?? "–"])
        }
        return table
    }

    /// The bin as `[0.0, 0.1)` (the last closed).
    static func binLabel(_ bin: CalibrationStudy.ReliabilityBin) -> String {
        let close = bin.upper >= 1 ? "]" : ")"
        return "[\(NumberFormat.fixed(bin.lower, decimals: 1)), \(NumberFormat.fixed(bin.upper, decimals: 1))\(close)"
    }

    /// The design, the method judged and what produced the figures, in sentences.
    public var header: [String] {
        let d = study.design
        let m = study.method
        let truths = study.truths.map { "\($0.name) (m(t) = \($0.formula))" }.joined(separator: "; ")
        let failed = zip(study.truths, study.failures).filter { $0.1 > 0 }.map { "\($0.0.name) \($0.1)" }
        return [
            "Calibration study: \(d.replicates) replicates per truth, each a Poisson process from 2016 with a known mean: \(truths).",
            "Each replicate is observed through \(d.statements.min() ?? 0)–\(d.statements.max() ?? 0) cumulative statements at random times "
                + "in 2016–2025 with random date precision (day, month, year, mid-year), the last on 2025-12-31, and forecast as "
                + "\(m.scenarioFile) does (models \(m.models.joined(separator: ", ")); \(m.combination); backtest origins "
                + "\(m.backtestOrigins.joined(separator: ", ")) with \(m.backtestDraws) draws) with \(d.draws) draws; judged "
                + "\(d.horizons.map { "\($0)" }.joined(separator: ", ")) years after the data end against the true count.",
            "The truth's columns are the true predictive distribution N(T) + Poisson(m(t) − m(T)) on the same outcomes; its intervals "
                + "have integer ends and cover more often than their level. SE is the binomial standard error at the nominal level.",
            "Seed \(d.seed); foresight \(document.foresightVersion)\(document.commit.map { ", commit \($0.prefix(12))" } ?? ""); "
                + (failed.isEmpty ? "no failed replicates." : "failed replicates (no usable model): \(failed.joined(separator: ", ")).")
                + " Command: \(document.command)",
        ]
    }

    // MARK: Renderers

    public func renderText() -> String {
        var coverage = coverageTable, target = targetTable, reliability = reliabilityTable
        coverage.title = nil; target.title = nil; reliability.title = nil
        return header.joined(separator: "\n") + "\n\nCoverage and scores\n" + coverage.renderText()
            + "\nTarget probabilities (Brier score; climatology = always the base rate)\n" + target.renderText()
            + "\nReliability of the target probabilities (all truths)\n" + reliability.renderText()
    }

    public func renderMarkdown() -> String {
        header.joined(separator: "\n\n") + "\n\n### Coverage and scores\n\n" + coverageTable.renderMarkdown()
            + "\n### Target probabilities\n\n" + targetTable.renderMarkdown()
            + "\n### Reliability of the target probabilities (all truths)\n\n" + reliabilityTable.renderMarkdown()
    }

    /// One row per truth, horizon and level, unrounded.
    public func renderCSV() -> String {
        var table = Table(columns: ["truth", "horizon_years", "level", "replicates", "coverage", "standard_error", "true_coverage",
                                    "true_expected_coverage", "mean_interval_score", "true_mean_interval_score", "mean_crps",
                                    "true_mean_crps"].map { Table.Column($0) })
        for c in study.coverage {
            let crps = study.scores.first { $0.truth == c.truth && $0.horizon == c.horizon }
            table.append([c.truth, "\(c.horizon)", "\(c.level)", "\(c.replicates)", "\(c.coverage)", "\(c.standardError)", "\(c.trueCoverage)",
                          "\(c.trueExpectedCoverage)", "\(c.meanIntervalScore)", "\(c.trueMeanIntervalScore)",
                          crps.map { "\($0.meanCRPS)" } ?? "", crps.map { "\($0.trueMeanCRPS)" } ?? ""])
        }
        return table.renderCSV()
    }

    /// ``Document`` with snake_case keys, sorted.
    public func renderJSON() throws -> String {
        try JSONOutput.render(document)
    }

    // MARK: Numbers

    static func share(_ value: Double) -> String { NumberFormat.fixed(value * 100, decimals: 1) + "%" }
    static func number(_ value: Double) -> String { NumberFormat.fixed(value, decimals: 2) }
    static func ratio(_ value: Double, _ reference: Double) -> String {
        reference > 0 ? NumberFormat.fixed(value / reference, decimals: 2) : "–"
    }
}

/// A calibration file that cannot be used.
public struct CalibrationFileError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let reason: String
    public var description: String { "\(file): \(reason); rewrite it with foresight calibrate --format json --out \(file)" }
}

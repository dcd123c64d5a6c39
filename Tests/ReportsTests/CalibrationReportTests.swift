import Foundation
import Testing

@testable import Forecasting
@testable import Reports

/// The calibration report: its JSON file reads back to the same document, a broken file gives a
/// message naming the file and the problem, and the analysis report shows the study with its
/// provenance, tables and charts.
@Suite("Calibration report")
struct CalibrationReportTests {
    /// A small study built by hand (two truths, one horizon, two levels).
    static func study() -> CalibrationStudy {
        let truths = Array(CalibrationTruth.standard.prefix(2))
        let names = truths.map(\.name) + [CalibrationStudy.pooled]
        let coverage = names.flatMap { name in
            [0.8, 0.95].map { level in
                CalibrationStudy.CoverageCell(truth: name, horizon: 2, level: level, replicates: 10, coverage: level - 0.05,
                                              standardError: (level * (1 - level) / 10).squareRoot(), trueCoverage: level + 0.02,
                                              trueExpectedCoverage: level + 0.03, meanIntervalScore: 12.5, trueMeanIntervalScore: 10)
            }
        }
        return CalibrationStudy(
            design: CalibrationStudy.Design(replicates: 10, draws: 200, seed: 42, horizons: [2]),
            method: CalibrationStudy.Method(scenarioFile: "Models/scenarios/china-mics-2025.yaml", scenarioSHA256: "abc", models: ["nhpp-linear"],
                                            combination: "aicc_weights", backtestOrigins: ["2019-12-31"], backtestDraws: 50, levels: [0.8, 0.95]),
            truths: truths, failures: [0, 1], coverage: coverage,
            scores: names.map { CalibrationStudy.ScoreCell(truth: $0, horizon: 2, replicates: 10, meanCRPS: 3, trueMeanCRPS: 2) },
            targets: truths.map { CalibrationStudy.TargetCell(truth: $0.name, count: 33, deadline: "2027-12-31", replicates: 10, baseRate: 0.5,
                                                              meanProbability: 0.4, brier: 0.2, climatologyBrier: 0.25, trueBrier: 0.15) },
            reliability: CalibrationStudy.reliabilityTable([.init(probability: 0.05, trueProbability: 0.1, happened: false),
                                                            .init(probability: 0.95, trueProbability: 0.9, happened: true),
                                                            .init(probability: 1, trueProbability: 1, happened: true)]))
    }

    static let report = CalibrationReport(study: study(), foresightVersion: "9.9.9", commit: "0123456789abcdef", command: "foresight calibrate")

    @Test func jsonReadsBackToTheSameDocument() throws {
        let scratch = try ScratchDirectory()
        let file = scratch.url.appendingPathComponent("study.json")
        let json = try Self.report.renderJSON()
        try json.write(to: file, atomically: true, encoding: .utf8)
        let read = try CalibrationReport.load(contentsOf: file, displayPath: "Models/calibration/study.json")
        #expect(try read.renderJSON() == json)
        #expect(read.document.commit == "0123456789abcdef" && read.study.design.seed == 42 && read.study.failures == [0, 1])
        #expect(json.contains("\"mean_crps\"") && json.contains("\"scenario_sha256\""))
    }

    @Test func brokenFilesNameTheFileAndTheProblem() throws {
        let scratch = try ScratchDirectory()
        let file = scratch.url.appendingPathComponent("study.json")
        try "{\"foresight_version\": \"1\"".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: CalibrationFileError.self) { try CalibrationReport.load(contentsOf: file, displayPath: "x/study.json") }
        try "{\"schema\": 1, \"foresight_version\": \"1\", \"command\": \"c\"}".write(to: file, atomically: true, encoding: .utf8)
        do {
            _ = try CalibrationReport.load(contentsOf: file, displayPath: "x/study.json")
            Issue.record("a file without the study was read")
        } catch let error as CalibrationFileError {
            #expect(error.description.hasPrefix("x/study.json: lacks study"), "\(error)")
        }
        let missing = scratch.url.appendingPathComponent("none.json")
        #expect(throws: CalibrationFileError.self) { try CalibrationReport.load(contentsOf: missing, displayPath: "none.json") }
    }

    @Test func tablesCarryEveryCell() {
        let report = Self.report
        #expect(report.coverageTable.rows.count == 3)  // two truths and all, one horizon
        #expect(report.coverageTable.rows[0].prefix(5) == ["logistic K=40", "2 yr", "75.0%", "12.6%", "82.0%"])
        #expect(report.coverageTable.rows[0].suffix(3) == ["3.00", "2.00", "1.50"])
        #expect(report.targetTable.rows.map { $0[5] } == ["0.200", "0.200"])
        #expect(report.reliabilityTable.rows.map { $0[1] } == ["1", "0", "0", "0", "0", "0", "0", "0", "0", "2"])
        #expect(report.renderCSV().split(separator: "\n").count == 1 + 6)
        #expect(report.renderText().contains("failed replicates (no usable model): Gompertz K=45 1"))
    }

    @Test func analysisReportShowsTheStudyAndWhereItCameFrom() {
        let entry = AnalysisReport.CalibrationEntry(file: "Models/calibration/study.json", sha256: "feedbeef", report: Self.report)
        let analysis = AnalysisReport(scenarios: [], scorecards: [], problems: [], provenance: [], files: [], foresightVersion: "1",
                                      commit: nil, commandLine: "foresight report", calibration: entry)
        let html = analysis.html()
        #expect(html.contains("Calibration: how honest the forecasts are"))
        #expect(html.contains("id=\"calibration-coverage\"") && html.contains("id=\"calibration-reliability\""))
        #expect(html.contains("Models/calibration/study.json") && html.contains("with seed 42") && html.contains("9.9.9"))
        #expect(analysis.markdown().contains("Read from Models/calibration/study.json"))
        #expect(analysis.json().contains("\"calibration\": {\n    \"file\": \"Models/calibration/study.json\""))
        let missing = AnalysisReport(scenarios: [], scorecards: [], problems: [], provenance: [], files: [], foresightVersion: "1", commit: nil,
                                     commandLine: "", calibration: .init(file: "M/calibration/study.json", sha256: "", report: nil))
        #expect(missing.html().contains("No calibration study: M/calibration/study.json does not exist"))
    }
}

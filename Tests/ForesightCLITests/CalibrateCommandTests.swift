import Foundation
import Testing

/// `foresight calibrate` as a process: it writes the JSON file the report reads (with its seed,
/// version and schema), the same bytes whatever the thread count, a bad scenario exits 65, and
/// `foresight report` shows the file in its calibration section with both charts.
@Suite("foresight calibrate (process)")
struct CalibrateCommandTests {
    /// A workspace with the data and a cheap method (one model, no backtests).
    static func workspace() throws -> Workspace {
        let ws = try Workspace()
        try ws.copy(packageFile: "Data")
        try FileManager.default.createDirectory(at: ws.directory.appendingPathComponent("Models/scenarios"), withIntermediateDirectories: true)
        try ws.write("Models/scenarios/cheap.yaml", """
            schema: 1
            name: cheap China method
            series: {file: official_center_counts.csv, kind: cumulative, program: China MICs}
            models: [nhpp-linear]
            target: {count: 40, by: 2025-12-31}
            horizon: 2027-12-31
            uncertainty: {draws: 100, levels: [0.8, 0.95]}
            backtest: {origins: [], draws: 50}
            seed: 3
            """)
        return ws
    }

    static func calibrate(_ ws: Workspace, threads: Int, out: String) throws -> RunResult {
        try ws.run(["calibrate", "--replicates", "2", "--draws", "100", "--seed", "5", "--threads", "\(threads)",
                    "--scenario", "Models/scenarios/cheap.yaml", "--format", "json", "--out", out], timeout: 300)
    }

    @Test func writesTheStudyFileTheReportShows() throws {
        let ws = try Self.workspace()
        let one = try Self.calibrate(ws, threads: 1, out: "one.json")
        expectExit(one, 0)
        try FileManager.default.createDirectory(at: ws.directory.appendingPathComponent("Models/calibration"), withIntermediateDirectories: true)
        expectExit(try Self.calibrate(ws, threads: 2, out: "Models/calibration/study.json"), 0)
        let text = try ws.read("Models/calibration/study.json")
        // Same seed, same bytes whatever the thread count (but for the command line it records).
        let withoutCommand = { (json: String) in json.split(separator: "\n").filter { !$0.contains("\"command\"") } }
        #expect(withoutCommand(try ws.read("one.json")) == withoutCommand(text))
        #expect(text.contains("\"command\" : \"foresight calibrate --replicates 2"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["schema"] as? Int == 1 && json["foresight_version"] is String && json["command"] is String)
        let study = try #require(json["study"] as? [String: Any])
        #expect((study["design"] as? [String: Any])?["seed"] as? Int == 5)
        #expect((study["coverage"] as? [Any])?.count == 5 * 4 * 2)
        #expect((study["method"] as? [String: Any])?["models"] as? [String] == ["nhpp-linear"])

        let report = try ws.run(["report", "--out", "out", "--data-dir", "Data", "--models-dir", "Models", "--threads", "2"], timeout: 300)
        expectExit(report, 0)
        let html = try ws.read("out/index.html")
        #expect(html.contains("Calibration: how honest the forecasts are") && html.contains("Models/calibration/study.json"))
        #expect(html.contains("id=\"calibration-coverage\"") && html.contains("id=\"calibration-reliability\""))
        let reportJSON = try #require(try JSONSerialization.jsonObject(with: Data(ws.read("out/report.json").utf8)) as? [String: Any])
        let calibration = try #require(reportJSON["calibration"] as? [String: Any])
        #expect(calibration["present"] as? Bool == true && calibration["seed"] as? String == "5")

        // A broken study file is a located problem (exit 65); the rest of the report still runs.
        try ws.write("Models/calibration/study.json", "{\"schema\": 1}")
        let broken = try ws.run(["report", "--out", "out", "--data-dir", "Data", "--models-dir", "Models", "--threads", "2"], timeout: 300)
        expectExit(broken, 65)
        #expect(broken.stderr.contains("Models/calibration/study.json: lacks"))
    }

    @Test func aMissingScenarioIsBadInput() throws {
        let ws = try Self.workspace()
        let result = try ws.run(["calibrate", "--replicates", "1", "--scenario", "Models/scenarios/none.yaml"])
        expectExit(result, 65)
        #expect(result.stderr.contains("none.yaml"))
    }
}

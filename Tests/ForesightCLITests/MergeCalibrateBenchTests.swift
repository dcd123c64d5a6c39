import Foundation
import Testing

/// `calibrate --shard i/n` and `bench --shard i/n` merged by `foresight merge`: the calibration
/// study of four shards has the figures of one run with the same seed; the benchmark shards give
/// one report with every suite; a missing shard is refused naming it.
@Suite("foresight merge: calibrate and bench shards (process)")
struct MergeCalibrateBenchTests {
    static let calibration = ["calibrate", "--replicates", "2", "--draws", "100", "--seed", "5", "--threads", "1",
                              "--scenario", "Models/scenarios/cheap.yaml"]

    /// The study's figures, without the command line and commit that differ between the runs.
    static func figures(_ ws: Workspace, _ file: String) throws -> NSDictionary {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ws.read(file).utf8)) as? [String: Any])
        return try #require(json["study"] as? NSDictionary)
    }

    @Test func fourCalibrationShardsGiveTheFiguresOfOneRun() throws {
        let ws = try CalibrateCommandTests.workspace()
        expectExit(try ws.run(Self.calibration + ["--format", "json", "--out", "one.json"], timeout: 300), 0)
        for i in 0..<4 {
            expectExit(try ws.run(Self.calibration + ["--shard", "\(i)/4", "--out", "cal-\(i).json"], timeout: 300), 0)
        }
        let parts = (0..<4).map { "cal-\($0).json" }
        let missing = try ws.run(["merge", "cal-0.json", "cal-2.json", "cal-3.json", "--format", "json", "--out", "merged.json"])
        expectExit(missing, 65)
        expectStderr(missing, contains: "shard 1/4", "missing")
        expectExit(try ws.run(["merge"] + parts.reversed() + ["--format", "json", "--out", "merged.json"]), 0)
        let one = try Self.figures(ws, "one.json"), merged = try Self.figures(ws, "merged.json")
        #expect(one == merged)
        #expect((one["coverage"] as? [Any])?.count == 5 * 4 * 2)
        // Each shard holds its two of the 8 replicates.
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(ws.read("cal-1.json.manifest.json").utf8)) as? [String: Any])
        #expect(manifest["command"] as? String == "calibrate" && manifest["records"] as? Int == 2)
        // Another seed is another study.
        expectExit(try ws.run(Self.calibration.map { $0 == "5" ? "6" : $0 } + ["--shard", "1/4", "--out", "seed6-1.json"], timeout: 300), 0)
        let foreign = try ws.run(["merge", "cal-0.json", "seed6-1.json", "cal-2.json", "cal-3.json", "--out", "m.json"])
        expectExit(foreign, 65)
        expectStderr(foreign, contains: "seed6-1.json", "--seed 6 vs 5")
    }

    @Test func benchShardsMergeIntoOneReport() throws {
        let ws = try Workspace()
        let bench = ["bench", "all", "--size", "small", "--repetitions", "1", "--threads", "1"]
        for i in 0..<3 { expectExit(try ws.run(bench + ["--shard", "\(i)/3", "--out", "bench-\(i).json"], timeout: 120), 0) }
        let merged = try ws.run(["merge", "bench-0.json", "bench-1.json", "bench-2.json", "--format", "json"])
        expectExit(merged, 0)
        let suites = try #require(try merged.jsonObject()["suites"] as? [[String: Any]])
        #expect(suites.compactMap { $0["name"] as? String } == ["linalg", "fit", "score", "smaa", "forecast"])
        #expect(suites.allSatisfy { ($0["measurements"] as? [Any])?.isEmpty == false })
        let csv = try ws.run(["merge", "bench-0.json", "bench-1.json", "bench-2.json", "--format", "csv"])
        expectExit(csv, 0)
        #expect(csv.stdout.hasPrefix("suite,benchmark,"))
        let missing = try ws.run(["merge", "bench-0.json", "bench-2.json"])
        expectExit(missing, 65)
        expectStderr(missing, contains: "shard 1/3", "missing")
    }
}

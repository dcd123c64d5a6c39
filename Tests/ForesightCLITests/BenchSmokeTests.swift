import Foundation
import Testing

/// `foresight bench all --size small`: the smoke check of the benchmark command. It asserts the
/// report's structure only (every registered suite present with positive throughputs, a
/// scaling table, a peak memory), never a timing.
@Suite("foresight bench (process)")
struct BenchSmokeTests {
    @Test func allSuitesRunAndReportTheirStructure() throws {
        let ws = try Workspace()
        let result = try ws.run(["bench", "all", "--size", "small", "--repetitions", "1", "--format", "json"], timeout: 120)
        expectExit(result, 0)
        let report = try result.jsonObject()
        #expect(report["size"] as? String == "small")
        let machine = try #require(report["machine"] as? [String: Any])
        #expect((machine["cores"] as? Int ?? 0) >= 1)
        let suites = try #require(report["suites"] as? [[String: Any]])
        // The suites of BenchSuites.registered, in order (later registrations such as forecast follow).
        #expect(Array(suites.compactMap { $0["name"] as? String }.prefix(4)) == ["linalg", "fit", "score", "smaa"])
        for suite in suites {
            let name = suite["name"] as? String ?? "?"
            #expect((suite["peak_memory_bytes"] as? Int ?? 0) > 0, "\(name)")
            let measurements = try #require(suite["measurements"] as? [[String: Any]], "\(name)")
            #expect(!measurements.isEmpty, "\(name)")
            for m in measurements {
                #expect((number(m, "throughput") ?? 0) > 0, "\(name): \(m)")
                #expect((number(m, "median_seconds") ?? 0) > 0, "\(name): \(m)")
                #expect(m["runs"] as? Int == 1, "\(name): \(m)")
            }
            let scaling = try #require(suite["scaling"] as? [[String: Any]], "\(name)")
            #expect(scaling.count == measurements.count, "\(name)")
            // Every sweep has at least two work sizes, so some row carries a growth exponent.
            #expect(scaling.contains { $0["growth_exponent"] != nil }, "\(name)")
        }
        let linalg = try #require(suites.first?["measurements"] as? [[String: Any]])
        let dgemm = linalg.filter { $0["benchmark"] as? String == "dgemm" }
        #expect(dgemm.allSatisfy { (number($0, "peak_fraction") ?? 0) > 0 && (number($0, "peak_fraction") ?? 2) <= 1 })
        #expect(dgemm.contains { number($0, "peak_fraction") == 1 })
    }

    @Test func unknownSuitesAndSizesAreUsageErrors() throws {
        let ws = try Workspace()
        let suite = try ws.run(["bench", "forecasts"])
        expectExit(suite, 64)
        expectStderr(suite, contains: "unknown suite 'forecasts'", "linalg, fit, score, smaa")
        expectExit(try ws.run(["bench", "fit", "--size", "huge"]), 64)
        expectExit(try ws.run(["bench", "fit", "--threads", "0"]), 64)
    }

    /// `--data` runs a suite on a file from `foresight synth`; the wrong kind of file is a usage
    /// error and a file that is not a dataset is bad data.
    @Test func runsOnSynthesizedDataAndWritesResults() throws {
        let ws = try Workspace()
        expectExit(try ws.run(["synth", "logistic", "--series", "50", "--out", "l.bin"]), 0)
        try FileManager.default.createDirectory(at: ws.directory.appendingPathComponent("results"), withIntermediateDirectories: true)
        let fit = try ws.run(["bench", "fit", "--data", "l.bin", "--threads", "1", "--repetitions", "1",
                              "--results", "results", "--format", "json"])
        expectExit(fit, 0)
        let measurements = try #require((try fit.jsonObject()["suites"] as? [[String: Any]])?.first?["measurements"] as? [[String: Any]])
        #expect(measurements.map { $0["work"] as? Int } == [50])
        let estimates = try Data(contentsOf: ws.directory.appendingPathComponent("results/fit-estimates.bin"))
        #expect(estimates.count == 8 * (50 * 3 + 50))

        expectExit(try ws.run(["bench", "smaa", "--data", "l.bin"]), 64)
        try ws.write("junk.bin", "definitely not a dataset")
        let junk = try ws.run(["bench", "fit", "--data", "junk.bin"])
        expectExit(junk, 65)
        expectStderr(junk, contains: "junk.bin", "not a Foresight synthetic dataset")
    }
}

import Foundation
import Testing

/// `foresight merge` of `fit-batch --shard i/n` outputs: byte-identical to one unsharded run, a
/// rerun shard is idempotent, and a missing, duplicated, truncated or foreign shard (or a changed
/// input) is refused with exit 65 naming it, writing nothing.
@Suite("foresight merge: fit-batch shards (process)")
struct MergeCommandTests {
    /// 60 logistic series (ids in no hash order; one with a quoted id holding a comma, one with an
    /// unreadable value, one too short) so that every shard holds several.
    static let data: String = {
        var lines = ["series,x,y"]
        for k in 0..<60 {
            let id = k == 7 ? "\"s,\(k)\"" : "s\(k)"
            let points = k == 11 ? 2 : 12
            for x in 1...points {
                let asym = 50 + Double(k)
                let y = asym / (1 + exp((6 - Double(x)) / 1.5)) + (x % 2 == 0 ? 0.2 : -0.2)
                lines.append("\(id),\(x),\(k == 13 && x == 4 ? "oops" : "\(y)")")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    static func fit(_ ws: Workspace, data: String = "long.csv", model: String = "logistic", shard: String?, out: String) throws -> RunResult {
        try ws.run(["fit-batch", "--data", data, "--group", "series", "--x", "x", "--y", "y", "--model", model, "--threads", "2",
                    "--out", out] + (shard.map { ["--shard", $0] } ?? []))
    }

    /// A workspace with the data, the single-process output `single.csv` and shards `part-0.csv` … `part-3.csv`.
    static func shardedWorkspace() throws -> Workspace {
        let ws = try Workspace()
        try ws.write("long.csv", data)
        expectExit(try fit(ws, shard: nil, out: "single.csv"), 0)
        for i in 0..<4 { expectExit(try fit(ws, shard: "\(i)/4", out: "part-\(i).csv"), 0) }
        return ws
    }

    static let parts = (0..<4).map { "part-\($0).csv" }

    @Test func mergedOutputEqualsTheSingleProcessRunByteForByte() throws {
        let ws = try Self.shardedWorkspace()
        let sizes = try Self.parts.map { try ws.read($0).split(separator: "\n").count - 1 }
        #expect(sizes.allSatisfy { $0 >= 5 } && sizes.reduce(0, +) == 60, "\(sizes)")
        // Shards given in any order, with a manifest path standing for its output.
        let merged = try ws.run(["merge", "part-2.csv", "part-0.csv", "part-3.csv.manifest.json", "part-1.csv", "--out", "merged.csv"])
        expectExit(merged, 0)
        #expect(try ws.read("merged.csv") == (try ws.read("single.csv")))
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(ws.read("part-0.csv.manifest.json").utf8)) as? [String: Any])
        #expect(manifest["command"] as? String == "fit-batch" && manifest["records"] as? Int == sizes[0])
        #expect((manifest["shard"] as? [String: Any])?["count"] as? Int == 4)
        #expect((manifest["input"] as? [String: Any])?["sha256"] as? String == sha256sum(ws, "long.csv"))
        #expect((manifest["output"] as? [String: Any])?["sha256"] as? String == sha256sum(ws, "part-0.csv"))
        // Two failing series (unreadable value, too short) are counted in their shards' manifests.
        let failures = try Self.parts.map { part -> Int in
            let json = try JSONSerialization.jsonObject(with: Data(ws.read(part + ".manifest.json").utf8)) as? [String: Any]
            return json?["failures"] as? Int ?? -1
        }
        #expect(failures.reduce(0, +) == 2, "\(failures)")
    }

    /// Running a shard again gives the same output and manifest.
    @Test func aRerunShardIsIdempotent() throws {
        let ws = try Self.shardedWorkspace()
        let before = (try ws.read("part-2.csv"), try ws.read("part-2.csv.manifest.json"))
        expectExit(try Self.fit(ws, shard: "2/4", out: "part-2.csv"), 0)
        #expect(try ws.read("part-2.csv") == before.0)
        #expect(try ws.read("part-2.csv.manifest.json") == before.1)
    }

    @Test func refusesAMissingShardNamingIt() throws {
        let ws = try Self.shardedWorkspace()
        let result = try ws.run(["merge", "part-0.csv", "part-1.csv", "part-3.csv", "--out", "merged.csv"])
        expectExit(result, 65)
        expectStderr(result, contains: "shard 2/4", "missing")
        #expect(!(try ws.fileNames()).contains("merged.csv"))
        // A shard whose manifest was never written (killed before the end) is missing too.
        try FileManager.default.removeItem(at: ws.directory.appendingPathComponent("part-1.csv.manifest.json"))
        let killed = try ws.run(["merge"] + Self.parts + ["--out", "merged.csv"])
        expectExit(killed, 65)
        expectStderr(killed, contains: "part-1.csv", "no manifest")
    }

    @Test func refusesADuplicatedShardNamingIt() throws {
        let ws = try Self.shardedWorkspace()
        try ws.write("copy-of-1.csv", try ws.read("part-1.csv"))
        try ws.write("copy-of-1.csv.manifest.json", try ws.read("part-1.csv.manifest.json"))
        let result = try ws.run(["merge"] + Self.parts + ["copy-of-1.csv", "--out", "merged.csv"])
        expectExit(result, 65)
        expectStderr(result, contains: "copy-of-1.csv", "shard 1/4 is given twice", "part-1.csv")
        #expect(!(try ws.fileNames()).contains("merged.csv"))
    }

    @Test func refusesATruncatedOrChangedShardNamingIt() throws {
        let ws = try Self.shardedWorkspace()
        let text = try ws.read("part-3.csv")
        try ws.write("part-3.csv", String(text.prefix(text.count / 2)))
        let truncated = try ws.run(["merge"] + Self.parts + ["--out", "merged.csv"])
        expectExit(truncated, 65)
        expectStderr(truncated, contains: "part-3.csv", "truncated")
        // Same size, one digit changed: the SHA-256 catches it.
        try ws.write("part-3.csv", String(text.map { $0 == "7" ? "8" : $0 }))
        let changed = try ws.run(["merge"] + Self.parts + ["--out", "merged.csv"])
        expectExit(changed, 65)
        expectStderr(changed, contains: "part-3.csv", "SHA-256")
        #expect(!(try ws.fileNames()).contains("merged.csv"))
    }

    @Test func refusesAForeignShardNamingIt() throws {
        let ws = try Self.shardedWorkspace()
        // Another model over the same input.
        expectExit(try Self.fit(ws, model: "gompertz", shard: "3/4", out: "gompertz-3.csv"), 0)
        let model = try ws.run(["merge", "part-0.csv", "part-1.csv", "part-2.csv", "gompertz-3.csv", "--out", "merged.csv"])
        expectExit(model, 65)
        expectStderr(model, contains: "gompertz-3.csv", "another run", "--model gompertz vs logistic")
        // Another input.
        try ws.write("other.csv", Self.data.replacingOccurrences(of: "s5,", with: "t5,"))
        expectExit(try Self.fit(ws, data: "other.csv", shard: "3/4", out: "other-3.csv"), 0)
        let input = try ws.run(["merge", "part-0.csv", "part-1.csv", "part-2.csv", "other-3.csv", "--out", "merged.csv"])
        expectExit(input, 65)
        expectStderr(input, contains: "other-3.csv", "input sha256")
        // Another shard count.
        expectExit(try Self.fit(ws, shard: "3/5", out: "five-3.csv"), 0)
        let count = try ws.run(["merge", "part-0.csv", "part-1.csv", "part-2.csv", "five-3.csv", "--out", "merged.csv"])
        expectExit(count, 65)
        expectStderr(count, contains: "five-3.csv", "shard count 5 vs 4")
        #expect(!(try ws.fileNames()).contains("merged.csv"))
    }

    /// The input changed after the shards ran: merge names it.
    @Test func refusesAChangedInput() throws {
        let ws = try Self.shardedWorkspace()
        try ws.write("long.csv", Self.data + "extra,1,1\n")
        let result = try ws.run(["merge"] + Self.parts + ["--out", "merged.csv"])
        expectExit(result, 65)
        expectStderr(result, contains: "long.csv", "is not the input the shards read")
    }

    @Test func usageErrors() throws {
        let ws = try Self.shardedWorkspace()
        expectExit(try ws.run(["merge", "--out", "m.csv"]), 64)
        expectExit(try ws.run(["merge"] + Self.parts + ["--out", "part-0.csv"]), 64)
        expectExit(try Self.fit(ws, shard: "1/4", out: "-"), 64)
        let unknown = try ws.run(["merge", "none.csv", "--out", "m.csv"])
        expectExit(unknown, 65)
        expectStderr(unknown, contains: "none.csv")
    }

    /// The digest `sha256sum` computes (an external reference for the manifests).
    func sha256sum(_ ws: Workspace, _ name: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", ws.directory.appendingPathComponent(name).path]
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: " ").first.map(String.init)
    }
}

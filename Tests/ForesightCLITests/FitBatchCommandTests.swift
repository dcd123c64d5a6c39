import Foundation
import Testing

/// `foresight fit-batch`: streamed batch fitting, one row per series, atomic output.
@Suite("foresight fit-batch (process)")
struct FitBatchCommandTests {
    /// Three logistic series (Asym 100, xmid 10, scal 2, with a fixed alternating wiggle), a
    /// series with a non-numeric cell and a two-point series.
    static let data: String = {
        var lines = ["series,x,y"]
        for (id, asym) in [("a", 100.0), ("b", 80.0), ("c", 120.0)] {
            for x in 1...20 {
                let y = asym / (1 + exp((10 - Double(x)) / 2)) + (x % 2 == 0 ? 0.3 : -0.3)
                lines.append("\(id),\(x),\(y)")
            }
        }
        lines += ["bad,1,1", "bad,2,oops", "bad,3,4", "short,1,1", "short,2,2"]
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test func fitsEverySeriesAndReportsFailuresInTheirRows() throws {
        let ws = try Workspace()
        try ws.write("long.csv", Self.data)
        let result = try ws.run(["fit-batch", "--data", "long.csv", "--group", "series", "--x", "x", "--y", "y",
                                 "--model", "logistic", "--out", "fits.csv", "--threads", "2"])
        expectExit(result, 0)
        let rows = try ws.read("fits.csv").split(separator: "\n").map(String.init)
        #expect(rows.first?.hasPrefix("series,status,usable,n,iterations,rss,Asym,xmid,scal") == true)
        #expect(rows.count == 6)
        for id in ["a", "b", "c"] { #expect(rows.contains { $0.hasPrefix("\(id),converged,true,20,") }, "\(rows)") }
        #expect(rows.contains { $0.hasPrefix("bad,invalid,false,") && $0.contains("oops") }, "\(rows)")
        #expect(rows.contains { $0.hasPrefix("short,invalid,false,2,") }, "\(rows)")
    }

    /// Writing twice to the same output replaces the file; no temporary file is left behind.
    @Test func overwritesAnExistingOutputAtomically() throws {
        let ws = try Workspace()
        try ws.write("long.csv", Self.data)
        let arguments = ["fit-batch", "--data", "long.csv", "--group", "series", "--x", "x", "--y", "y",
                         "--model", "logistic", "--out", "fits.csv"]
        expectExit(try ws.run(arguments), 0)
        let first = try ws.read("fits.csv")
        expectExit(try ws.run(arguments), 0)
        #expect(try ws.read("fits.csv") == first)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: ws.directory.path).filter { $0.contains("foresight-tmp") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func shardsPartitionTheSeries() throws {
        let ws = try Workspace()
        try ws.write("long.csv", Self.data)
        var ids: [String] = []
        for shard in ["0/2", "1/2"] {
            let out = "shard\(shard.prefix(1)).csv"
            expectExit(try ws.run(["fit-batch", "--data", "long.csv", "--group", "series", "--x", "x", "--y", "y",
                                   "--model", "logistic", "--out", out, "--shard", shard]), 0)
            ids += try ws.read(out).split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) }
        }
        #expect(ids.sorted() == ["a", "b", "bad", "c", "short"])
    }

    @Test func badInvocationsAreUsageOrDataErrors() throws {
        let ws = try Workspace()
        try ws.write("long.csv", Self.data)
        let base = ["fit-batch", "--data", "long.csv", "--group", "series", "--x", "x", "--y", "y", "--out", "o.csv"]
        expectExit(try ws.run(base + ["--model", "logistik"]), 64)
        expectExit(try ws.run(base + ["--model", "logistic", "--shard", "2/2"]), 64)
        expectExit(try ws.run(["fit-batch", "--data", "long.csv", "--group", "series", "--x", "x", "--y", "y",
                               "--model", "logistic", "--out", "no/such/dir/o.csv"]), 64)
        try ws.write("unsorted.csv", "series,x,y\na,1,1\nb,1,2\na,2,3\n")
        let unsorted = try ws.run(["fit-batch", "--data", "unsorted.csv", "--group", "series", "--x", "x", "--y", "y",
                                   "--model", "logistic", "--out", "u.csv"])
        expectExit(unsorted, 65)
        expectStderr(unsorted, contains: "unsorted.csv:4", "not contiguous")
    }
}

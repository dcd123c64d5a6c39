import Foundation
import Testing

/// `foresight synth`: the files it writes, the encodings, and its errors.
@Suite("foresight synth (process)")
struct SynthCommandTests {
    @Test func writesCSVThatFitBatchReads() throws {
        let ws = try Workspace()
        expectExit(try ws.run(["synth", "logistic", "--series", "5", "--points", "12", "--seed", "3", "--out", "l.csv"]), 0)
        let lines = try ws.read("l.csv").split(separator: "\n")
        #expect(lines.first == "series,x,y")
        #expect(lines.count == 1 + 5 * 12)
        let fits = try ws.run(["fit-batch", "--data", "l.csv", "--group", "series", "--x", "x", "--y", "y",
                               "--model", "logistic", "--out", "fits.csv"])
        expectExit(fits, 0)
        #expect(try ws.read("fits.csv").split(separator: "\n").count == 6)
    }

    @Test func sameSeedSameBytesAndBinaryByDefault() throws {
        let ws = try Workspace()
        for name in ["a.bin", "b.bin"] {
            expectExit(try ws.run(["synth", "decision-matrix", "--alternatives", "20", "--criteria", "4", "--draws", "100",
                                   "--seed", "9", "--out", name]), 0)
        }
        let a = try Data(contentsOf: ws.directory.appendingPathComponent("a.bin"))
        #expect(a == (try Data(contentsOf: ws.directory.appendingPathComponent("b.bin"))))
        #expect(a.prefix(8) == Data("FSDECMAT".utf8))
        #expect(a.count == 48 + 8 * (4 + 4 + 80))
        expectExit(try ws.run(["synth", "counts", "--series", "3", "--format", "csv", "--out", "c.txt"]), 0)
        #expect(try ws.read("c.txt").hasPrefix("series,t,mean,count\ns0,1,"))
    }

    @Test func badSettingsAreUsageErrorsAndLeaveNoFile() throws {
        let ws = try Workspace()
        let small = try ws.run(["synth", "gompertz", "--points", "2", "--out", "g.bin"])
        expectExit(small, 64)
        expectStderr(small, contains: "at least 3 points")
        expectExit(try ws.run(["synth", "lognormal", "--out", "g.bin"]), 64)
        let folder = try ws.run(["synth", "richards", "--out", "missing/g.bin"])
        expectExit(folder, 64)
        expectStderr(folder, contains: "missing/g.bin")
        #expect(try ws.fileNames().isEmpty)
    }
}

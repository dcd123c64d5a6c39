import Foundation
import Testing

/// `foresight regress --stream`: the streamed fit prints what the in-memory fit prints, and bad
/// cells are located the same way.
@Suite("foresight regress --stream (process)")
struct RegressStreamingCommandTests {
    /// y = 1 + 2x − 0.5x² plus a fixed pattern, 50 rows (several blocks are not needed for the
    /// equality; the library tests split blocks).
    private static let csv: String = {
        var text = "x,y\n"
        for i in 0..<50 {
            let x = Double(i) / 7
            text += "\(x),\(1 + 2 * x - 0.5 * x * x + [0.3, -0.2, 0.1, -0.25][i % 4])\n"
        }
        return text
    }()

    @Test(arguments: [["--degree", "2"], ["--no-intercept"]])
    func streamedOutputEqualsInMemoryOutput(extra: [String]) throws {
        let ws = try Workspace()
        try ws.write("d.csv", Self.csv)
        let base = ["regress", "--data", "d.csv", "--y", "y", "--x", "x", "--format", "json"] + extra
        let streamed = try ws.run(base + ["--stream", "always"])
        let inMemory = try ws.run(base + ["--stream", "never"])
        expectExit(streamed, 0)
        expectExit(inMemory, 0)
        let a = try #require(try JSONSerialization.jsonObject(with: Data(streamed.stdout.utf8)) as? [String: Any])
        let b = try #require(try JSONSerialization.jsonObject(with: Data(inMemory.stdout.utf8)) as? [String: Any])
        let ca = try #require(a["coefficients"] as? [[String: Any]])
        let cb = try #require(b["coefficients"] as? [[String: Any]])
        #expect(ca.count == cb.count && !ca.isEmpty)
        for (x, y) in zip(ca, cb) {
            let (ex, ey) = (try #require(x["estimate"] as? Double), try #require(y["estimate"] as? Double))
            #expect(abs(ex - ey) <= 1e-12 * abs(ey), "\(x["name"] ?? "")")
        }
        let (ra, rb) = (try #require(a["rss"] as? Double), try #require(b["rss"] as? Double))
        #expect(abs(ra - rb) <= 1e-12 * rb)
    }

    @Test func streamedBadCellIsLocated() throws {
        let ws = try Workspace()
        try ws.write("text.csv", "x,y\n1,2\n2,abc\n3,5.9\n")
        let result = try ws.run(["regress", "--data", "text.csv", "--y", "y", "--x", "x", "--stream", "always"])
        expectExit(result, 65)
        expectStderr(result, contains: "text.csv:3:3:", "'abc'")
    }
}

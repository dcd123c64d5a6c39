import Foundation
import Testing

/// Sizes a flag or a spec can set are checked against a documented limit before anything is
/// allocated: exit 64 for a flag, 65 for a spec file (with file and key path), never a trap or
/// a run without end.
@Suite("Size limits (process)")
struct SizeLimitCommandTests {
    @Test(arguments: [
        (["decision-matrix", "--alternatives", "1000000000"], "1000000000 alternatives × 16 criteria exceed the limit of 134217728 values"),
        (["decision-matrix", "--criteria", "1000000000"], "exceed the limit of 134217728 values"),
        (["decision-matrix", "--draws", "1000000000"], "draws must lie in 0…100000000"),
        (["counts", "--series", "100000000"], "exceed the limit of 67108864 cells"),
        (["counts", "--points", "1000000000"], "exceed the limit of 67108864 cells"),
        (["logistic", "--series", "1", "--points", "1000000000"], "points per series exceed the limit of 65536"),
        (["gompertz", "--series", "100000000"], "series exceed the limit of 16777216"),
        (["richards", "--series", "16777216", "--points", "65536"], "exceed the limit of 17179869184 points"),
    ])
    func syntheticSizesAreBounded(arguments: [String], message: String) throws {
        let ws = try Workspace()
        let result = try ws.run(["synth"] + arguments + ["--out", "out.csv"], timeout: 20)
        expectExit(result, 64)
        expectStderr(result, contains: "foresight: synth: ", message)
        #expect(try ws.fileNames().isEmpty, "no file is left behind")
    }
}

import Foundation
import OutputFiles
import Testing
@testable import Synthetic

/// The binary layout round-trips bit for bit, its header is where the documentation says, block
/// sizes do not change the data, the CSV forms hold the same values, and bad files are errors.
@Suite("synthetic files")
struct SyntheticFileTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("SyntheticTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    @Test(arguments: GrowthCurve.allCases)
    func growthFilesRoundTripAndBlocksDoNotMatter(_ curve: GrowthCurve) throws {
        let spec = GrowthSeriesSpec(curve: curve, series: 37, points: 9, noise: 0.03, seed: 12)
        try SyntheticFile.writeGrowth(spec, to: OutputTarget(path("g.bin")), blockSeries: 5)
        let whole = try GrowthSeriesSet(spec)
        #expect(try SyntheticFile.read(path("g.bin")) == .growth(whole))
        // Header words at the documented offsets.
        let data = try Data(contentsOf: URL(fileURLWithPath: path("g.bin")))
        #expect(data.prefix(8) == Data("FSGROWTH".utf8))
        let words = (0..<7).map { i in data.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 8 + 8 * i, as: UInt64.self)) } }
        #expect(words == [1, curve.code, 37, 9, UInt64(curve.parameterNames.count), 12, 0.03.bitPattern])
        #expect(data.count == 64 + 8 * (9 + 37 * 9 + 2 * 37 * curve.parameterNames.count))
    }

    @Test func csvHoldsTheSameValues() throws {
        let spec = GrowthSeriesSpec(curve: .logistic, series: 11, points: 4, seed: 1)
        try SyntheticCSV.writeGrowth(spec, to: OutputTarget(path("g.csv")), blockSeries: 3)
        let lines = try String(contentsOfFile: path("g.csv"), encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "series,x,y")
        #expect(lines.count == 1 + 44)
        let set = try GrowthSeriesSet(spec)
        for (index, line) in lines.dropFirst().enumerated() {
            let cells = line.split(separator: ",")
            #expect(cells[0] == "s\(index / 4)")
            #expect(Double(cells[1]) == Double(index % 4 + 1))
            #expect(Double(cells[2]) == set.y[index])
        }
    }

    @Test func decisionMatrixAndCountFilesRoundTrip() throws {
        let matrix = try SyntheticDecisionMatrix(DecisionMatrixSpec(alternatives: 7, criteria: 3, draws: 1000, seed: 4))
        try SyntheticFile.writeDecisionMatrix(matrix, to: OutputTarget(path("d.bin")))
        #expect(try SyntheticFile.read(path("d.bin")) == .decisionMatrix(matrix))
        try SyntheticCSV.writeDecisionMatrix(matrix, to: OutputTarget(path("d.csv")))
        let rows = try String(contentsOfFile: path("d.csv"), encoding: .utf8).split(separator: "\n")
        #expect(rows.first == "alternative,C1,C2,C3")
        #expect(rows[2].split(separator: ",").compactMap { Double($0) } == [matrix.values[1], matrix.values[8], matrix.values[15]])

        let counts = try SyntheticCountSeries(CountSeriesSpec(series: 3, periods: 5, seed: 8))
        try SyntheticFile.writeCounts(counts, to: OutputTarget(path("c.bin")))
        #expect(try SyntheticFile.read(path("c.bin")) == .counts(counts))
    }

    @Test func badFilesAreErrorsNamingTheFile() throws {
        try Data("not a dataset at all, just text".utf8).write(to: URL(fileURLWithPath: path("x.bin")))
        #expect(throws: SyntheticError.badFile(path: path("x.bin"), reason: "not a Foresight synthetic dataset (magic 'not a da')")) {
            try SyntheticFile.read(path("x.bin"))
        }
        try SyntheticFile.writeGrowth(GrowthSeriesSpec(curve: .gompertz, series: 3, points: 5, seed: 1), to: OutputTarget(path("t.bin")))
        let truncated = try Data(contentsOf: URL(fileURLWithPath: path("t.bin"))).dropLast(9)
        try truncated.write(to: URL(fileURLWithPath: path("t.bin")))
        #expect(throws: SyntheticError.badFile(path: path("t.bin"), reason: "truncated file")) { try SyntheticFile.read(path("t.bin")) }
        #expect(throws: SyntheticError.self) { try SyntheticFile.read(path("missing.bin")) }
        #expect(throws: SyntheticError.invalid("a series needs at least 3 points, got 2")) {
            try GrowthSeriesSet(GrowthSeriesSpec(curve: .logistic, series: 1, points: 2, seed: 1))
        }
    }

    @Test func unwritableTargetsAreErrorsAndLeaveNothingBehind() throws {
        // The target is checked when it is made and again when it is opened: a folder removed in
        // between gives a SyntheticError naming the file.
        let sub = folder.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: false)
        let target = try OutputTarget(sub.appendingPathComponent("g.bin").path)
        try FileManager.default.removeItem(at: sub)
        #expect(throws: SyntheticError.cannotWrite(path: sub.appendingPathComponent("g.bin").path, reason: "the folder \(sub.path) does not exist")) {
            try SyntheticFile.writeGrowth(GrowthSeriesSpec(curve: .logistic, series: 2, points: 5, seed: 1), to: target)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}

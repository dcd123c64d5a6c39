// Times Foresight's TOPSIS and SMAA-2 on decision matrices written by compare/scoring_numpy.py
// (layout documented there), so that numpy runs on the very same data.
//
//   scoring-bench topsis FILE [--threads N]   median of 5 runs of TOPSIS closeness
//   scoring-bench smaa FILE [--threads N]     median of 5 runs of SMAA-2 with the file's draw count
import Dispatch
import Foundation
import Scoring

struct DecisionFile {
    let rows: Int, columns: Int, draws: Int, seed: UInt64
    let weights: [Double]
    let benefit: [Bool]
    let columnMajor: [Double]

    init(path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard data.count >= 40, data.prefix(4) == Data("FSDM".utf8) else { throw BenchError("\(path): not a Foresight decision-matrix file") }
        func integer<T: FixedWidthInteger>(_ offset: Int, _: T.Type) -> T {
            data.subdata(in: offset..<(offset + MemoryLayout<T>.size)).withUnsafeBytes { T(littleEndian: $0.loadUnaligned(as: T.self)) }
        }
        rows = Int(integer(8, UInt64.self)); columns = Int(integer(16, UInt64.self))
        draws = Int(integer(24, UInt64.self)); seed = integer(32, UInt64.self)
        var offset = 40
        func doubles(_ count: Int) -> [Double] {
            defer { offset += 8 * count }
            return data.subdata(in: offset..<(offset + 8 * count)).withUnsafeBytes { raw in
                (0..<count).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self))) }
            }
        }
        weights = doubles(columns)
        benefit = (0..<columns).map { data[offset + $0] != 0 }
        offset += columns
        let rowMajor = doubles(rows * columns)
        var transposed = [Double](repeating: 0, count: rows * columns)
        for i in 0..<rows { for j in 0..<columns { transposed[i + j * rows] = rowMajor[i * columns + j] } }
        columnMajor = transposed
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func median(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return times.sorted()[runs / 2]
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    print("usage: scoring-bench topsis|smaa FILE [--threads N]")
    exit(64)
}
let threads = arguments.firstIndex(of: "--threads").flatMap { Int(arguments[$0 + 1]) } ?? 1
do {
    let file = try DecisionFile(path: arguments[2])
    let directions: [CriterionDirection] = file.benefit.map { $0 ? .benefit : .cost }
    switch arguments[1] {
    case "topsis":
        var closeness: [Double] = []
        let seconds = try median(5) { closeness = try TOPSIS().closeness(columnMajor: file.columnMajor, alternativeCount: file.rows, weights: file.weights, directions: directions) }
        let best = closeness.indices.max { closeness[$0] < closeness[$1] } ?? -1
        print(String(format: "foresight topsis %dx%d: %.4f s (median of 5), checksum %.10g, best %d", file.rows, file.columns, seconds, closeness.reduce(0, +), best))
    case "smaa":
        let criteria = (0..<file.columns).map { Criterion("c\($0 + 1)", direction: directions[$0]) }
        let matrix = try DecisionMatrix(alternatives: (0..<file.rows).map { "A\($0 + 1)" }, criteria: criteria, columnMajor: file.columnMajor)
        var result: SMAAResult?
        let seconds = try median(5) { result = try SMAA(draws: file.draws, seed: file.seed, threads: threads).run(matrix) }
        print(String(format: "foresight smaa %d draws, %dx%d, %d thread(s): %.4f s (median of 5)", file.draws, file.rows, file.columns, threads, seconds))
        if let result { print("rank acceptabilities:", result.acceptability.map { $0.map { (($0 * 1e4).rounded() / 1e4) } }) }
    default:
        throw BenchError("unknown suite \(arguments[1])")
    }
} catch {
    FileHandle.standardError.write(Data("scoring-bench: \(error)\n".utf8))
    exit(65)
}

import Foundation
import OutputFiles

/// The binary layout of Foresight's synthetic datasets, read by the benchmarks and by the peers
/// (`Benchmarks/compare/synthetic.py` is the Python reader).
///
/// Little-endian throughout; every integer is a `uint64`, every real a `float64`, and arrays
/// follow the header in the order listed, without padding, so every field is 8-byte aligned.
/// Every file starts with an 8-byte ASCII magic naming the kind and the layout version (1):
///
/// | magic | header after the magic and version | arrays |
/// |---|---|---|
/// | `FSGROWTH` | curve code (1 logistic, 2 gompertz, 3 richards), S series, N points, P parameters, seed, noise (`float64`) | `x[N]`, `y[S][N]`, `start[S][P]`, `truth[S][P]` |
/// | `FSDECMAT` | m alternatives, n criteria, SMAA draws, seed | `weights[n]`, `benefit[n]` (1 benefit, 0 cost), `values[n][m]` (criterion by criterion) |
/// | `FSCOUNTS` | S series, N periods, seed | `t[N]`, `mean[S][N]`, `count[S][N]` |
///
/// So the header of a growth file is 64 bytes (magic, version, five integers, noise), of a
/// decision matrix 48 and of a count file 40. The CSV forms (``SyntheticCSV``) hold the same
/// values in long format.
public enum SyntheticFile {
    /// Layout version written in every file.
    public static let version: UInt64 = 1

    /// A dataset read from a file.
    public enum Dataset: Sendable, Equatable {
        case growth(GrowthSeriesSet)
        case decisionMatrix(SyntheticDecisionMatrix)
        case counts(SyntheticCountSeries)
    }

    // MARK: Writing

    /// Writes growth series generated block by block, keeping only starts and truth in memory.
    public static func writeGrowth(_ spec: GrowthSeriesSpec, to target: OutputTarget, blockSeries: Int = 4096) throws(SyntheticError) {
        var generator = try GrowthSeriesGenerator(spec)
        let file = try StreamedFile(target)
        var words = LittleEndianBytes()
        words.append(magic: "FSGROWTH")
        words.append(version, spec.curve.code, UInt64(spec.series), UInt64(spec.points),
                     UInt64(spec.curve.parameterNames.count), spec.seed)
        words.append(spec.noise)
        words.append(generator.grid)
        try file.write(&words)
        var starts: [Double] = [], truth: [Double] = []
        while let block = generator.next(maximum: SyntheticLimits.blockSeries(points: spec.points, preferred: blockSeries)) {
            words.append(block.y)
            try file.write(&words)
            starts += block.starts
            truth += block.truth
        }
        words.append(starts)
        words.append(truth)
        try file.write(&words)
        try file.commit()
    }

    public static func writeDecisionMatrix(_ matrix: SyntheticDecisionMatrix, to target: OutputTarget) throws(SyntheticError) {
        let spec = matrix.spec
        try writeWhole(to: target, magic: "FSDECMAT", header: [UInt64(spec.alternatives), UInt64(spec.criteria), UInt64(spec.draws), spec.seed],
                       arrays: [matrix.weights, matrix.benefit.map { $0 ? 1 : 0 }, matrix.values])
    }

    public static func writeCounts(_ counts: SyntheticCountSeries, to target: OutputTarget) throws(SyntheticError) {
        let spec = counts.spec
        try writeWhole(to: target, magic: "FSCOUNTS", header: [UInt64(spec.series), UInt64(spec.periods), spec.seed],
                       arrays: [(1...spec.periods).map(Double.init), counts.means, counts.counts])
    }

    /// Writes magic, version, the header words and the arrays in one go.
    private static func writeWhole(to target: OutputTarget, magic: String, header: [UInt64], arrays: [[Double]]) throws(SyntheticError) {
        let file = try StreamedFile(target)
        var words = LittleEndianBytes()
        words.append(magic: magic)
        words.append(version)
        for word in header { words.append(word) }
        for array in arrays {
            words.append(array)
            try file.write(&words)
        }
        try file.commit()
    }

    // MARK: Reading

    /// Reads any of the three layouts.
    /// - Throws: ``SyntheticError/badFile(path:reason:)`` for an unreadable, truncated or unknown file.
    public static func read(_ path: String) throws(SyntheticError) -> Dataset {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
            throw .badFile(path: path, reason: "cannot read the file")
        }
        var reader = LittleEndianReader(data: data, path: path)
        let magic = try reader.magic()
        guard ["FSGROWTH", "FSDECMAT", "FSCOUNTS"].contains(magic) else {
            throw .badFile(path: path, reason: "not a Foresight synthetic dataset (magic '\(magic)')")
        }
        guard try reader.word() == version else { throw .badFile(path: path, reason: "unsupported layout version") }
        switch magic {
        case "FSGROWTH":
            let code = try reader.integer()
            guard let curve = GrowthCurve(code: UInt64(code)) else { throw .badFile(path: path, reason: "unknown curve code \(code)") }
            let (s, n, p, seed, noise) = (try reader.integer(), try reader.integer(), try reader.integer(), try reader.word(), try reader.real())
            let spec = GrowthSeriesSpec(curve: curve, series: s, points: n, noise: noise, seed: seed)
            do { try spec.validate() } catch { throw .badFile(path: path, reason: "\(error)") }
            guard p == curve.parameterNames.count else { throw .badFile(path: path, reason: "\(p) parameters for the \(curve) curve") }
            try reader.require(doubles: n + s * n + 2 * s * p)
            return .growth(GrowthSeriesSet(spec: spec, grid: try reader.reals(n), y: try reader.reals(s * n),
                                           starts: try reader.reals(s * p), truth: try reader.reals(s * p)))
        case "FSDECMAT":
            let (m, n, draws, seed) = (try reader.integer(), try reader.integer(), try reader.integer(), try reader.word())
            let spec = DecisionMatrixSpec(alternatives: m, criteria: n, draws: draws, seed: seed)
            do { try spec.validate() } catch { throw .badFile(path: path, reason: "\(error)") }
            try reader.require(doubles: 2 * n + m * n)
            return .decisionMatrix(SyntheticDecisionMatrix(spec: spec, weights: try reader.reals(n),
                                                           benefit: try reader.reals(n).map { $0 != 0 }, values: try reader.reals(m * n)))
        default:  // FSCOUNTS
            let (s, n, seed) = (try reader.integer(), try reader.integer(), try reader.word())
            let spec = CountSeriesSpec(series: s, periods: n, seed: seed)
            do { try spec.validate() } catch { throw .badFile(path: path, reason: "\(error)") }
            try reader.require(doubles: n + 2 * s * n)
            _ = try reader.reals(n)
            return .counts(SyntheticCountSeries(spec: spec, means: try reader.reals(s * n), counts: try reader.reals(s * n)))
        }
    }
}

/// Bytes being assembled for a file, little-endian.
struct LittleEndianBytes {
    private(set) var bytes: [UInt8] = []

    mutating func append(magic: String) { bytes += Array(magic.utf8.prefix(8)) }

    mutating func append(_ words: UInt64...) {
        for word in words { withUnsafeBytes(of: word.littleEndian) { bytes += $0 } }
    }

    mutating func append(_ value: Double) { append(value.bitPattern) }

    mutating func append(_ values: [Double]) {
        bytes.reserveCapacity(bytes.count + 8 * values.count)
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
    }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }
}

/// Bounds-checked reading of a little-endian file.
struct LittleEndianReader {
    let data: Data
    let path: String
    private var offset = 0

    init(data: Data, path: String) {
        self.data = data
        self.path = path
    }

    mutating func magic() throws(SyntheticError) -> String {
        try require(bytes: 8)
        defer { offset += 8 }
        return String(decoding: data[data.startIndex + offset ..< data.startIndex + offset + 8], as: UTF8.self)
    }

    mutating func word() throws(SyntheticError) -> UInt64 {
        try require(bytes: 8)
        defer { offset += 8 }
        return data.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
    }

    /// A count: a word that must fit in `Int` and stay below 2^40.
    mutating func integer() throws(SyntheticError) -> Int {
        let value = try word()
        guard value < 1 << 40 else { throw .badFile(path: path, reason: "header value \(value) out of range") }
        return Int(value)
    }

    mutating func real() throws(SyntheticError) -> Double { Double(bitPattern: try word()) }

    mutating func reals(_ count: Int) throws(SyntheticError) -> [Double] {
        try require(bytes: 8 * count)
        defer { offset += 8 * count }
        let start = offset
        return data.withUnsafeBytes { raw in
            [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
                for i in 0..<count {
                    buffer[i] = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + 8 * i, as: UInt64.self)))
                }
                initialized = count
            }
        }
    }

    /// Fails unless `count` more doubles are present.
    func require(doubles count: Int) throws(SyntheticError) { try require(bytes: 8 * count) }

    private func require(bytes count: Int) throws(SyntheticError) {
        guard count >= 0, data.count - offset >= count else { throw .badFile(path: path, reason: "truncated file") }
    }
}

/// A dataset file written through the output policy (``OutputTarget``: replaced atomically when
/// complete, devices and FIFOs in place), with its errors as ``SyntheticError``; released before
/// ``commit()``, it removes its temporary file.
final class StreamedFile {
    private let output: OutputWriter

    init(_ target: OutputTarget) throws(SyntheticError) {
        do { output = try target.writer() } catch { throw .cannotWrite(path: error.path, reason: error.reason) }
    }

    /// Appends the bytes and empties the buffer.
    func write(_ bytes: inout LittleEndianBytes) throws(SyntheticError) {
        try write(bytes.bytes)
        bytes.removeAll()
    }

    func write(_ bytes: [UInt8]) throws(SyntheticError) {
        do { try output.write(bytes) } catch { throw .cannotWrite(path: error.path, reason: error.reason) }
    }

    func commit() throws(SyntheticError) {
        do { try output.commit() } catch { throw .cannotWrite(path: error.path, reason: error.reason) }
    }
}

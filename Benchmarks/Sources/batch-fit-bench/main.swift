// Times `BatchFitter.fit` on the synthetic logistic series of compare/generate_logistic.py (binary
// layout documented there), from the start vectors stored in the file (the same as the MINPACK
// peer, compare/minpack_logistic.c) or, with --self-start, from LogisticGrowth's self-start.
//
// Usage: batch-fit-bench DATA.bin [--threads 1,2] [--reps 5] [--self-start] [--out PREFIX]
// Prints one line per thread count: median fits/s over the repetitions, converged fits and the
// checksum Σ (Asym + xmid + scal) over converged fits (the same as the C peer's). With --out,
// writes PREFIX-T.bin per thread count T: float64 est[S][3] then int32 converged[S].

import CurveFitting
import Foundation

struct Arguments {
    var path = ""
    var threads = [1, 2]
    var reps = 5
    var selfStart = false
    var out: String?

    init(_ args: [String]) {
        var i = 1
        while i < args.count {
            switch args[i] {
            case "--threads": i += 1; threads = args[i].split(separator: ",").compactMap { Int($0) }
            case "--reps": i += 1; reps = max(1, Int(args[i]) ?? 5)
            case "--self-start": selfStart = true
            case "--out": i += 1; out = args[i]
            case "--time-self-start": break
            default: path = args[i]
            }
            i += 1
        }
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(65)
}

let arguments = Arguments(CommandLine.arguments)
guard let data = FileManager.default.contents(atPath: arguments.path) else {
    fail("usage: batch-fit-bench DATA.bin [--threads 1,2] [--reps K] [--self-start] [--out PREFIX]")
}
guard data.count >= 40, data.prefix(8) == Data("FSLOGIS1".utf8) else { fail("\(arguments.path): not a FSLOGIS1 file") }
func u64(_ offset: Int) -> Int {
    Int(UInt64(littleEndian: data.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }))
}
func doubles(_ offset: Int, _ count: Int) -> [Double] {
    data.withUnsafeBytes { raw in
        (0..<count).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8 * $0, as: UInt64.self))) }
    }
}
let (S, N, P) = (u64(8), u64(16), u64(24))
guard P == 3, data.count >= 40 + 8 * (N + S * N + 2 * S * P) else { fail("\(arguments.path): truncated or not 3 parameters") }
let grid = doubles(40, N)
let y = doubles(40 + 8 * N, S * N)
let starts = doubles(40 + 8 * (N + S * N), S * P)
var x = [Double](repeating: 0, count: S * N)
for k in 0..<S { for i in 0..<N { x[k * N + i] = grid[i] } }
let batch = try SeriesBatch(
    ids: (0..<S).map { "s\($0)" }, offsets: (0...S).map { $0 * N }, x: x, y: y)

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + 1e-9 * Double(t.tv_nsec)
}

if CommandLine.arguments.contains("--time-self-start") {
    // LogisticGrowth.initialParameters alone: on the series whose response is positive, and on
    // those with zero or negative values (noise around a curve near zero).
    for positiveOnly in [true, false] {
        let chosen = (0..<S).filter { k in (0..<N).allSatisfy { y[k * N + $0] > 0 } == positiveOnly }
        let series = chosen.map { k in Array(y[(k * N)..<(k * N + N)]) }
        var failures = 0
        let t0 = now()
        for ys in series { if (try? LogisticGrowth().initialParameters(x: grid, y: ys)) == nil { failures += 1 } }
        let t1 = now()
        print("self_start response=\(positiveOnly ? "positive" : "with_non_positive") series=\(series.count) failures=\(failures) "
              + "microseconds_per_series=\(String(format: "%.2f", 1e6 * (t1 - t0) / Double(max(series.count, 1))))")
    }
    exit(0)
}

var reference: [BatchFitRow]?
for threads in arguments.threads {
    var rates: [Double] = []
    var rows: [BatchFitRow] = []
    for rep in 1...arguments.reps {
        let t0 = now()
        rows = BatchFitter.fit(batch, model: LogisticGrowth(), starts: arguments.selfStart ? nil : starts, threads: threads)
        let t1 = now()
        rates.append(Double(S) / (t1 - t0))
        FileHandle.standardError.write(Data("foresight threads \(threads) rep \(rep): \(Int(rates.last!)) fits/s\n".utf8))
    }
    rates.sort()
    let median = rates.count % 2 == 1 ? rates[rates.count / 2] : (rates[rates.count / 2 - 1] + rates[rates.count / 2]) / 2
    let converged = rows.filter(\.isUsable)
    let checksum = converged.reduce(0.0) { $0 + $1.estimates[0] + $1.estimates[1] + $1.estimates[2] }
    let iterations = rows.reduce(0) { $0 + $1.iterations }
    let invalid = rows.filter { $0.status == "invalid" }.count
    print("peer=foresight\(arguments.selfStart ? "-selfstart" : "") threads=\(threads) series=\(S) converged=\(converged.count) "
          + "invalid=\(invalid) iterations=\(iterations) fits_per_s=\(Int(median.rounded())) checksum=\(String(format: "%.12e", checksum))")
    if let reference {
        print("identical_to_first_thread_count=\(reference == rows)")
    } else {
        reference = rows
    }
    if let prefix = arguments.out {
        var bytes = Data()
        for row in rows {
            for j in 0..<P {
                var bits = (row.estimates.count == P ? row.estimates[j] : .nan).bitPattern.littleEndian
                withUnsafeBytes(of: &bits) { bytes.append(contentsOf: $0) }
            }
        }
        for row in rows {
            var flag = Int32(row.isUsable ? 1 : 0).littleEndian
            withUnsafeBytes(of: &flag) { bytes.append(contentsOf: $0) }
        }
        try bytes.write(to: URL(fileURLWithPath: "\(prefix)-\(threads).bin"))
    }
}

import LinearAlgebra
import Probability

/// `bench linalg`: dense kernels through Foresight's `Matrix`: `dgemm` (matrix order sweep ×
/// OpenBLAS threads, GFLOP/s and the fraction of the best rate measured on as many threads),
/// least squares by pivoted QR (`dgeqp3`, Foresight's least-squares path) and the SVD (`dgesdd`).
struct LinearAlgebraBench: BenchSuite {
    static let name = "linalg"
    static let summary = "dgemm (GFLOP/s, fraction of the measured peak), pivoted-QR least squares, SVD"

    func run(_ context: BenchContext) throws -> [BenchMeasurement] {
        guard context.dataset == nil else { throw unsuitableData(Self.name, needs: "(no) data") }
        var generator = SeededGenerator(seed: context.seed)
        func random(_ rows: Int, _ columns: Int) throws -> Matrix {
            try Matrix(rows: rows, columns: columns, columnMajor: (0..<(rows * columns)).map { _ in generator.nextUniform() - 0.5 })
        }
        let previous = BLASThreads.current
        defer { BLASThreads.set(previous) }
        var results: [BenchMeasurement] = []

        let orders = context.size.pick(small: [64, 128, 256], medium: [64, 128, 256, 512, 1000], large: [64, 128, 256, 512, 1000, 2000])
        var dgemm: [BenchMeasurement] = []
        for n in orders {
            let (a, b) = (try random(n, n), try random(n, n))
            for threads in context.threadCounts {
                BLASThreads.set(threads)
                dgemm.append(try context.measure(.init(
                    benchmark: "dgemm", work: n, workUnit: "order", threads: threads,
                    operations: 2 * Double(n) * Double(n) * Double(n) * 1e-9, throughputUnit: "GFLOP/s") {
                        _ = try a.multiplied(by: b)
                    }))
            }
        }
        for threads in context.threadCounts {
            let peak = dgemm.filter { $0.threads == threads }.map(\.throughput).max() ?? 1
            for index in dgemm.indices where dgemm[index].threads == threads { dgemm[index].peakFraction = dgemm[index].throughput / peak }
        }
        results += dgemm

        BLASThreads.set(context.maximumThreads)
        let heights = context.size.pick(small: [1000, 4000], medium: [1000, 10000, 100_000], large: [1000, 10000, 100_000])
        for rows in heights {
            let a = try random(rows, 50)
            let b = (0..<rows).map { _ in generator.nextUniform() }
            results.append(try context.measure(.init(
                benchmark: "least_squares.qrp", work: rows, workUnit: "rows (x 50 columns)", threads: context.maximumThreads,
                operations: 1, throughputUnit: "solves/s") {
                    let qr = try PivotedQR(a)
                    _ = try qr.solveLeastSquares(b, rank: qr.rank(relativeTolerance: 1e-12))
                }))
        }
        let squares = context.size.pick(small: [50, 100], medium: [100, 200, 400], large: [100, 200, 400, 800])
        for n in squares {
            let a = try random(n, n)
            results.append(try context.measure(.init(
                benchmark: "svd.dgesdd", work: n, workUnit: "order", threads: context.maximumThreads,
                operations: 1, throughputUnit: "decompositions/s") {
                    _ = try SingularValueDecomposition(a)
                }))
        }
        return results
    }
}

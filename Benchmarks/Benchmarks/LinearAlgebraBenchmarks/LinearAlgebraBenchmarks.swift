// Dense kernels through Foresight's Matrix: dgemm over the orders of `foresight bench linalg`,
// least squares by pivoted QR (dgeqp3 + ormqr + trsm: Foresight's least-squares path; it has no
// dgels wrapper by policy, see README "Numerical policy") and the SVD (dgesdd). OpenBLAS runs on one
// thread here: its thread pool allocates lazily and unevenly, which would make allocation counts (the
// committed thresholds) noisy; multi-threaded rates are `foresight bench linalg`'s job. Even on one thread
// the counts of these LAPACK/BLAS calls vary by a couple of allocations run to run, hence 15%.
import Benchmark
import LinearAlgebra

/// Deterministic entries in (−0.5, 0.5) (a Weyl sequence: no generator dependency needed).
func matrix(_ rows: Int, _ columns: Int, offset: Double = 0) -> Matrix {
    let values = (0..<(rows * columns)).map { (Double($0) * 0.618_033_988_749_894_9 + offset).truncatingRemainder(dividingBy: 1) - 0.5 }
    return try! Matrix(rows: rows, columns: columns, columnMajor: values)
}

let benchmarks: @Sendable () -> Void = {
    BLASThreads.set(1)
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1, maxDuration: .seconds(3), maxIterations: 1000,
        thresholds: [.mallocCountTotal: .init(relative: [.p90: 15.0])])

    for n in [64, 128, 256, 512, 1000, 2000] {
        let (a, b) = (matrix(n, n), matrix(n, n, offset: 0.25))
        Benchmark("LinearAlgebra.dgemm.n\(n)", configuration: .init(maxIterations: n >= 1000 ? 10 : 1000)) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try a.multiplied(by: b)) }
        }
    }

    let tall = matrix(1000, 50)
    let rhs = (0..<1000).map { Double($0 % 7) }
    Benchmark("LinearAlgebra.leastSquares.qrp.m1000n50") { benchmark in
        for _ in benchmark.scaledIterations {
            let qr = try PivotedQR(tall)
            blackHole(try qr.solveLeastSquares(rhs, rank: qr.rank(relativeTolerance: 1e-12)))
        }
    }

    let square = matrix(200, 200)
    Benchmark("LinearAlgebra.svd.dgesdd.n200") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try SingularValueDecomposition(square)) }
    }
}

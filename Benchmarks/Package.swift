// swift-tools-version: 6.1
// Foresight benchmarks: a separate package so that benchmark-only code and dependencies
// (ordo-one/benchmark) stay out of the library's build. One executable target per suite under
// Benchmarks/<Suite>/ (the layout the benchmark plugin expects); allocation-count thresholds under
// Thresholds/. Run from the repository root:
//
//   swift package --package-path Benchmarks benchmark                          # every suite
//   swift package --package-path Benchmarks benchmark --target FittingBenchmarks
//   swift package --package-path Benchmarks benchmark thresholds check         # against Thresholds/
//   swift package --package-path Benchmarks --allow-writing-to-package-directory benchmark thresholds update
//
// Peers and ratios: compare/run_all.sh (see BENCHMARKS.md). To add a suite:
// add a target below with the same dependencies and plugin plus the Foresight products it
// needs, put its file in Benchmarks/<Suite>/<Suite>.swift, and run `thresholds update`.

import PackageDescription

let benchmark: [Target.Dependency] = [.product(name: "Benchmark", package: "benchmark")]
let plugins: [Target.PluginUsage] = [.plugin(name: "BenchmarkPlugin", package: "benchmark")]

let package = Package(
    name: "ForesightBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Foresight", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        // dgemm 64..2000, least squares (pivoted QR, dgeqp3), SVD (dgesdd) through Foresight's Matrix.
        .executableTarget(
            name: "LinearAlgebraBenchmarks",
            dependencies: benchmark + [.product(name: "LinearAlgebra", package: "Foresight")],
            path: "Benchmarks/LinearAlgebraBenchmarks", plugins: plugins),
        // One logistic fit, one Levenberg–Marquardt iteration, a batch of 10,000 series.
        .executableTarget(
            name: "FittingBenchmarks",
            dependencies: benchmark + [.product(name: "CurveFitting", package: "Foresight"), .product(name: "Synthetic", package: "Foresight")],
            path: "Benchmarks/FittingBenchmarks", plugins: plugins),
        // The bootstrap projection of a count-process forecast (1,000 draws) and its fit.
        .executableTarget(
            name: "ForecastingBenchmarks",
            dependencies: benchmark + [.product(name: "Forecasting", package: "Foresight"), .product(name: "Synthetic", package: "Foresight")],
            path: "Benchmarks/ForecastingBenchmarks", plugins: plugins),
        // TOPSIS and SMAA-2 on synthetic decision matrices.
        .executableTarget(
            name: "ScoringBenchmarks",
            dependencies: benchmark + [.product(name: "Scoring", package: "Foresight"), .product(name: "Synthetic", package: "Foresight")],
            path: "Benchmarks/ScoringBenchmarks", plugins: plugins),
    ]
)

// swift-tools-version: 6.1
// Foresight: statistical benchmarking and forecasting engine.
// The manifest reads as a table of contents: C interop, numeric core, statistics, data, command line.

import PackageDescription

let package = Package(
    name: "Foresight",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "foresight", targets: ["foresight"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "Probability", targets: ["Probability"]),
        .library(name: "Datasets", targets: ["Datasets"]),
        .library(name: "Regression", targets: ["Regression"]),
        .library(name: "CurveFitting", targets: ["CurveFitting"]),
        .library(name: "Scoring", targets: ["Scoring"]),
        .library(name: "Scorecards", targets: ["Scorecards"]),
        .library(name: "Verification", targets: ["Verification"]),
        .library(name: "Forecasting", targets: ["Forecasting"]),
        .library(name: "SVGCharts", targets: ["SVGCharts"]),
        .library(name: "Synthetic", targets: ["Synthetic"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "OutputFiles", targets: ["OutputFiles"]),
        .library(name: "Sharding", targets: ["Sharding"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // MARK: C interop
        // OpenBLAS (CBLAS) and netlib LAPACKE; imported by LinearAlgebra only.
        .systemLibrary(
            name: "CLAPACK",
            path: "Sources/CLAPACK",
            pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev", "libopenblas-dev"])]
        ),

        // MARK: Numeric core
        .target(name: "LinearAlgebra", dependencies: ["CLAPACK"]),
        .target(name: "Probability", dependencies: [.product(name: "RealModule", package: "swift-numerics")]),

        // MARK: Statistics
        .target(name: "Regression", dependencies: ["LinearAlgebra", "Probability"]),
        .target(name: "CurveFitting", dependencies: ["LinearAlgebra", "Probability", "Regression"]),
        .target(name: "Scoring", dependencies: ["LinearAlgebra", "Probability"]),
        .target(name: "Forecasting", dependencies: ["CurveFitting", "Probability", "LinearAlgebra", "Datasets", "Yams"]),
        .target(name: "Synthetic", dependencies: ["Probability", "CurveFitting", "Scoring", "OutputFiles"]),

        // MARK: Data
        .target(name: "Datasets", dependencies: ["Yams"]),
        .target(name: "Verification", dependencies: ["Datasets", "Regression", "CurveFitting"]),
        .target(name: "Scorecards", dependencies: ["Scoring", "Datasets", "Yams"]),

        // MARK: Output
        // The output policy (--out): standard output, devices in place, atomic replacement, temp files.
        .target(name: "OutputFiles"),
        // Shard manifests and merging the outputs of `--shard i/n` runs (job arrays).
        .target(name: "Sharding", dependencies: ["Datasets", "OutputFiles"]),
        .target(name: "SVGCharts"),
        .target(
            name: "Reports",
            dependencies: ["Regression", "CurveFitting", "Verification", "Scoring", "Scorecards", "Forecasting", "SVGCharts", "OutputFiles"]
        ),

        // MARK: Command line
        .target(
            name: "ForesightCLI",
            dependencies: [
                "Datasets", "Regression", "CurveFitting", "Scoring", "Scorecards", "Verification", "Forecasting",
                "Synthetic", "SVGCharts", "Reports", "OutputFiles", "Sharding", "LinearAlgebra", "Probability",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "foresight", dependencies: ["ForesightCLI"]),

        // MARK: Tests
        .testTarget(
            name: "LinearAlgebraTests",
            dependencies: ["LinearAlgebra", .product(name: "Numerics", package: "swift-numerics")]
        ),
        .testTarget(name: "ProbabilityTests", dependencies: ["Probability"], exclude: ["Fixtures"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets"]),
        .testTarget(name: "RegressionTests", dependencies: ["Regression"], exclude: ["Fixtures"]),
        .testTarget(
            name: "CurveFittingTests",
            dependencies: ["CurveFitting", .product(name: "Numerics", package: "swift-numerics")],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "ScoringTests", dependencies: ["Scoring", "LinearAlgebra", "Probability"], exclude: ["Fixtures"]),
        .testTarget(name: "ScorecardsTests", dependencies: ["Scorecards", "Scoring", "Datasets"], exclude: ["Fixtures"]),
        .testTarget(name: "VerificationTests", dependencies: ["Verification", "Datasets"], exclude: ["Fixtures"]),
        .testTarget(name: "ForecastingTests", dependencies: ["Forecasting", "Datasets", "CurveFitting"], exclude: ["Fixtures"]),
        .testTarget(name: "SVGChartsTests", dependencies: ["SVGCharts"]),
        .testTarget(name: "SyntheticTests", dependencies: ["Synthetic", "Probability", "OutputFiles"]),
        .testTarget(name: "OutputFilesTests", dependencies: ["OutputFiles"]),
        .testTarget(name: "ShardingTests", dependencies: ["Sharding"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Regression", "SVGCharts", "Forecasting", "OutputFiles", "Datasets", "Probability"]),
        .testTarget(name: "ForesightCLITests", dependencies: ["ForesightCLI", "foresight"]),
    ]
)

// swift-tools-version: 6.1
// Foresight benchmarks: a separate package so that benchmark-only code and dependencies stay out of
// the library. Build with `swift build -c release --package-path Benchmarks` (its .build/ lies
// under Benchmarks/ and is git-ignored by the root .gitignore's `.build/` pattern).

import PackageDescription

let package = Package(
    name: "ForesightBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Foresight", path: ".."),
    ],
    targets: [
        // Times BatchFitter.fit on the data of compare/generate_logistic.py (peer: compare/minpack_logistic.c).
        .executableTarget(
            name: "batch-fit-bench",
            dependencies: [.product(name: "CurveFitting", package: "Foresight")]
        ),
        // Times TOPSIS and SMAA-2 on the data of compare/scoring_numpy.py (peer: the same script's numpy code).
        .executableTarget(
            name: "scoring-bench",
            dependencies: [.product(name: "Scoring", package: "Foresight")]
        ),
    ]
)

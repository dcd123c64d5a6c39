// swift-tools-version: 6.1
// Foresight fuzz targets: a separate package so that libFuzzer builds stay out of the library's
// build. One executable per target under Targets/<Name>/: a test function (exported as `LLVMFuzzerTestOneInput`) and
// its main.swift hands that function to libFuzzer's driver. The sanitizer flags are given on the
// command line, not here (no `unsafeFlags`), so build through the script, from the repository root:
//
//   Fuzz/fuzz.sh build                 # swift build -c release -Xswiftc -sanitize=fuzzer,address
//   Fuzz/fuzz.sh run [TARGET...]       # every target (or those named) for FUZZ_SECONDS each (default 300)
//   Fuzz/fuzz.sh smoke                 # each target for 30 s; fails on a crash, keeping the input
//
// `make fuzz` and `make fuzz-smoke` call it. Seed corpora are built from Data/ and Models/ (see
// fuzz.sh) plus the small committed seeds under Seeds/<Name>/. To add a target: add an
// executable below, put its files in Targets/<Name>/ (<Name>.swift and main.swift), and list it in fuzz.sh.

import PackageDescription

let support: [Target.Dependency] = ["FuzzSupport"]

let package = Package(
    name: "ForesightFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Foresight", path: ".."),
    ],
    targets: [
        // libFuzzer's driver, declared for Swift (never a product).
        .target(name: "CLibFuzzer", path: "Targets/CLibFuzzer"),
        // Shared by the targets: the driver call, input decoding, repository paths, broken invariants.
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"], path: "Targets/FuzzSupport"),
        // CSV bytes through the whole-file reader and the chunked stream, which must agree.
        .executableTarget(
            name: "CSVFuzzer",
            dependencies: support + [.product(name: "Datasets", package: "Foresight")],
            path: "Targets/CSVFuzzer"),
        // Scenario YAML through the scenario loader (data read from the repository's Data/).
        .executableTarget(
            name: "ScenarioFuzzer",
            dependencies: support + [.product(name: "Forecasting", package: "Foresight"), .product(name: "Datasets", package: "Foresight")],
            path: "Targets/ScenarioFuzzer"),
        // Scorecard YAML through the scorecard loader (CSV matrices read from Models/scorecards/).
        .executableTarget(
            name: "ScorecardFuzzer",
            dependencies: support + [.product(name: "Scorecards", package: "Foresight"), .product(name: "Datasets", package: "Foresight")],
            path: "Targets/ScorecardFuzzer"),
        // Formula text through the parser and compiler, then evaluated with and without gradient.
        .executableTarget(
            name: "FormulaFuzzer",
            dependencies: support + [.product(name: "CurveFitting", package: "Foresight")],
            path: "Targets/FormulaFuzzer"),
        // NIST StRD file text through the parser; a nonlinear model is compiled as a formula.
        .executableTarget(
            name: "StRDFuzzer",
            dependencies: support + [.product(name: "Datasets", package: "Foresight"), .product(name: "CurveFitting", package: "Foresight")],
            path: "Targets/StRDFuzzer"),
        // A short series of numbers through every growth model's self-start and a fit.
        .executableTarget(
            name: "SelfStartFuzzer",
            dependencies: support + [.product(name: "CurveFitting", package: "Foresight")],
            path: "Targets/SelfStartFuzzer"),
    ]
)

import ArgumentParser
import Foundation
import OutputFiles
import Synthetic

/// `foresight synth`: writes the seeded synthetic datasets the benchmarks use, so that peers run
/// on the very same data.
struct Synth: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a seeded synthetic dataset (growth series, decision matrix or count series) as CSV or binary.",
        discussion: """
            KIND is logistic, gompertz or richards (noisy growth series with start values and true \
            parameters), decision-matrix (values, weights and directions), or counts (Poisson counts \
            per period around logistic increments). The recipes and the binary layout are documented \
            in Sources/Synthetic; Benchmarks/compare/synthetic.py reads the binary files. Files are \
            written through a temporary file and renamed into place (see 'Output files' in the README).
            """
    )

    /// The kinds of dataset.
    enum Kind: String, CaseIterable, ExpressibleByArgument {
        case logistic, gompertz, richards
        case decisionMatrix = "decision-matrix"
        case counts
    }

    /// Output encodings.
    enum Encoding: String, CaseIterable, ExpressibleByArgument {
        case csv, binary
    }

    @Argument(help: "Dataset kind: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: Kind

    @Option(help: "Output file, replaced atomically when complete ('-' is standard output; see 'Output files' in the README).")
    var out: String

    @Option(help: "Encoding: csv or binary (default: csv for a .csv file, binary otherwise).")
    var format: Encoding?

    @Option(parsing: .unconditional, help: "Seed of the generator.")
    var seed: UInt64 = 1

    @Option(parsing: .unconditional, help: "Growth and count series: number of series.")
    var series: Int = 1000

    @Option(parsing: .unconditional, help: "Growth series: points per series; counts: periods.")
    var points: Int = 20

    @Option(parsing: .unconditional, help: "Growth series: noise standard deviation relative to the asymptote.")
    var noise: Double = 0.02

    @Option(parsing: .unconditional, help: "Decision matrix: alternatives (rows).")
    var alternatives: Int = 1000

    @Option(parsing: .unconditional, help: "Decision matrix: criteria (columns).")
    var criteria: Int = 16

    @Option(parsing: .unconditional, help: "Decision matrix: SMAA weight draws recorded for the benchmark.")
    var draws: Int = 0

    func run() throws {
        let csv = (format ?? (out.lowercased().hasSuffix(".csv") ? .csv : .binary)) == .csv
        let target: OutputTarget
        do { target = try OutputTarget(out) } catch { throw usageError("synth: \(error)") }
        do {
            switch kind {
            case .logistic, .gompertz, .richards:
                let curve = GrowthCurve(rawValue: kind.rawValue) ?? .logistic
                let spec = GrowthSeriesSpec(curve: curve, series: series, points: points, noise: noise, seed: seed)
                if csv { try SyntheticCSV.writeGrowth(spec, to: target) } else { try SyntheticFile.writeGrowth(spec, to: target) }
            case .decisionMatrix:
                let matrix = try SyntheticDecisionMatrix(
                    DecisionMatrixSpec(alternatives: alternatives, criteria: criteria, draws: draws, seed: seed))
                if csv { try SyntheticCSV.writeDecisionMatrix(matrix, to: target) } else { try SyntheticFile.writeDecisionMatrix(matrix, to: target) }
            case .counts:
                let counts = try SyntheticCountSeries(CountSeriesSpec(series: series, periods: points, seed: seed))
                if csv { try SyntheticCSV.writeCounts(counts, to: target) } else { try SyntheticFile.writeCounts(counts, to: target) }
            }
        } catch {
            throw usageError("synth: \(error)")
        }
    }
}

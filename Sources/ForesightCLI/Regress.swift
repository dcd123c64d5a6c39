import ArgumentParser
import Datasets
import Foundation
import OutputFiles
import Regression
import Reports

/// `foresight regress`: linear least squares on columns of a CSV file.
struct Regress: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Linear least-squares regression on columns of a CSV file.",
        discussion: """
            Solves by QR with column pivoting on unit-norm-scaled columns (never the normal \
            equations). Columns that are linear combinations of others are reported as aliased \
            (NA), as R does, instead of producing meaningless estimates.
            """
    )

    @Option(help: "CSV file with a header row.")
    var data: String

    @Option(help: "Response column.")
    var y: String

    @Option(help: "Predictor column(s), comma-separated.")
    var x: String

    @Option(parsing: .unconditional, help: "Polynomial degree in the (single) predictor, 1…\(DesignMatrix.maximumDegree).")
    var degree: Int = 1

    @Flag(help: "Fit without an intercept.")
    var noIntercept = false

    @Option(parsing: .unconditional, help: "Confidence level of the coefficient intervals.")
    var level: Double = 0.95

    @Option(parsing: .unconditional, help: "Relative rank cutoff on the pivoted QR of the unit-norm-scaled design.")
    var rankTolerance: Double = LinearRegressionOptions().rankTolerance

    @Option(help: "Read the file in blocks (memory independent of its length) instead of whole: auto (files of 64 MiB or more), always or never.")
    var stream: StreamMode = .auto

    @OptionGroup var output: OutputOptions

    /// When `regress` streams its input.
    enum StreamMode: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    /// The file size from which `--stream auto` streams.
    static let streamingThreshold = 64 << 20

    var predictorNames: [String] {
        x.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    func validate() throws {
        guard !predictorNames.isEmpty, !predictorNames.contains(where: \.isEmpty) else {
            throw ValidationError("--x needs at least one column name, e.g. --x age,height")
        }
        guard degree >= 1, degree <= DesignMatrix.maximumDegree else {
            throw ValidationError("--degree must be between 1 and \(DesignMatrix.maximumDegree), got \(degree)")
        }
        guard degree == 1 || predictorNames.count == 1 else {
            throw ValidationError("--degree above 1 needs exactly one predictor in --x")
        }
        guard level > 0, level < 1 else { throw ValidationError("--level must lie strictly between 0 and 1") }
        guard rankTolerance > 0, rankTolerance < 1 else { throw ValidationError("--rank-tolerance must lie strictly between 0 and 1") }
    }

    func run() throws {
        let target = try output.target(inputs: [data])
        try reportingDataErrors(file: data) {
            let options = LinearRegressionOptions(rankTolerance: rankTolerance, confidenceLevel: level)
            let (result, design) = try streams ? fitStreaming(options: options) : fitInMemory(options: options)
            let terms = design.filter { $0 != DesignMatrix.interceptName }.joined(separator: " + ")
            let summary = RegressionSummary(
                result: result, description: "\(y) ~ \(terms)\(noIntercept ? " - 1" : "") (\(data))")
            try output.emit(summary, to: target)
            if let reason = result.notUsableReason {
                printError("regress: the result is not usable: \(reason)")
                throw ExitStatus.checkFailed
            }
        }
    }

    /// Whether this run reads the file in blocks.
    var streams: Bool {
        switch stream {
        case .always: return true
        case .never: return false
        case .auto:
            let size = (try? FileManager.default.attributesOfItem(atPath: data)[.size] as? Int) ?? nil
            return (size ?? 0) >= Self.streamingThreshold
        }
    }

    /// The design column names (the intercept first when there is one).
    private var designNames: [String] {
        let predictors = degree > 1 ? DesignMatrix.polynomialNames(predictorNames[0], degree: degree) : predictorNames
        return (noIntercept ? [] : [DesignMatrix.interceptName]) + predictors
    }

    private func fitInMemory(options: LinearRegressionOptions) throws -> (LinearRegressionResult, [String]) {
        let table = try CSVReader.read(url: URL(fileURLWithPath: data), displayPath: data)
        let columns = try table.numbers(columns: [y] + predictorNames)
        let response = columns[0]
        let predictors = Array(columns.dropFirst())
        // Checked before the design is built, whose size grows with the degree.
        let coefficients = degree + (noIntercept ? 0 : 1)
        guard coefficients <= response.count else {
            throw RegressionError.tooFewObservations(observations: response.count, coefficients: coefficients)
        }
        let design = degree > 1
            ? try DesignMatrix.polynomial(predictors[0], degree: degree, intercept: !noIntercept, name: predictorNames[0])
            : try DesignMatrix(predictors: predictors, names: predictorNames, intercept: !noIntercept)
        return (try LinearRegression.fit(design, response: response, options: options), design.columnNames)
    }

    /// Blocks of this many rows per pass.
    static let blockRows = 8192

    private func fitStreaming(options: LinearRegressionOptions) throws -> (LinearRegressionResult, [String]) {
        let names = designNames
        let p = names.count
        let result = try StreamingLinearRegression.fit(columnNames: names, hasIntercept: !noIntercept, options: options) { visit in
            let records = try CSVRecordStream(url: URL(fileURLWithPath: data), displayPath: data)
            let indices = try ([y] + predictorNames).map { try records.columnIndex(named: $0) }
            var design: [Double] = []
            var response: [Double] = []
            var rows: [[Double]] = []
            rows.reserveCapacity(Self.blockRows)
            func flush() throws {
                let n = rows.count
                design = [Double](repeating: 0, count: n * p)
                response = rows.map { $0[0] }
                for (i, row) in rows.enumerated() {
                    var j = 0
                    if !noIntercept { design[i] = 1; j = 1 }
                    if degree > 1 {
                        for power in 1...degree { design[i + (j + power - 1) * n] = DesignMatrix.power(row[1], power) }
                    } else {
                        for k in 1..<row.count { design[i + (j + k - 1) * n] = row[k] }
                    }
                }
                try visit(design, response)
                rows.removeAll(keepingCapacity: true)
            }
            while let record = try records.next() {
                rows.append(try indices.map { try record.number(at: $0) })
                if rows.count == Self.blockRows { try flush() }
            }
            try flush()
        }
        return (result, names)
    }
}

import ArgumentParser
import CurveFitting
import Datasets
import Foundation
import OutputFiles
import Reports
import Sharding

/// `foresight fit-batch`: many independent series from a long-format CSV, streamed.
struct FitBatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit-batch",
        abstract: "Fit a growth model or a formula to every series of a long-format CSV (series id, x, y), streamed with bounded memory.",
        discussion: """
            Rows of one series must be contiguous. Series are read in chunks, fitted in parallel \
            (--threads) and written as they finish, one output row per series with estimates, \
            standard errors, RSS and status; a series that fails is reported in its row and never \
            stops the batch: status invalid with the reason when it cannot start or its data are \
            rejected (too few points, a non-finite value or weight), failed (or iteration_limit, \
            ...) when its fit runs and does not converge. --formula, --start (the same values for \
            every series; parameters not given are self-started per series), --fix, --lower/--upper, \
            --weights (a column of the file) and --loss work as in fit. --shard i/n keeps the \
            series whose id hashes (FNV-1a) to i modulo n, so n array jobs cover every series \
            exactly once; each shard writes a manifest beside its output (OUT.manifest.json), and \
            'foresight merge' puts the shards back together into the unsharded output, byte for byte.
            """
    )

    @Option(help: "Long-format CSV file with a header row.")
    var data: String

    @Option(help: "Series id column.")
    var group: String

    @Option(help: "Predictor column.")
    var x: String

    @Option(help: "Response column.")
    var y: String

    @OptionGroup var settings: ModelOptions

    @Option(parsing: .unconditional, help: "Maximum number of iterations per series.")
    var maxIterations: Int = FitOptions().maximumIterations

    @Option(parsing: .unconditional, help: "Worker threads.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Process only shard i of n (0-based), e.g. 0/4.")
    var shard: String?

    @Option(parsing: .unconditional, help: "Series per chunk held in memory at once.")
    var chunkSeries: Int = 4096

    @Flag(help: "Show progress on standard error even when it is not a terminal.")
    var progress = false

    @Option(help: "Output CSV file, replaced atomically when complete ('-' is standard output; see 'Output files' in the README).")
    var out: String

    func validate() throws {
        try WorkerThreads.check(threads)
        guard chunkSeries >= 1 else { throw ValidationError("--chunk-series must be at least 1") }
        guard maxIterations > 0 else { throw ValidationError("--max-iterations must be positive") }
        _ = try parsedShard()
    }

    func parsedShard() throws -> ShardSpec? {
        guard let shard else { return nil }
        guard let spec = ShardSpec(parsing: shard) else { throw ValidationError(ShardSpec.usage(shard)) }
        guard out != OutputTarget.standardOutputName else { throw ValidationError("--shard needs --out FILE: the shard's manifest goes beside it") }
        return spec
    }

    func run() throws {
        let target: OutputTarget
        do { target = try OutputTarget(out, inputs: [data]) } catch { throw usageError(error.description) }
        let curve = try settings.buildModel(predictors: [x], command: "fit-batch")
        let fitter = try SeriesFitter(curve: curve, settings: settings,
                                      options: FitOptions(maximumIterations: maxIterations), threads: threads)
        let shardSpec = try parsedShard()
        try reportingDataErrors(file: data) {
            let stream = try CSVRecordStream(url: URL(fileURLWithPath: data), displayPath: data)
            let columns = (try stream.columnIndex(named: group), try stream.columnIndex(named: x), try stream.columnIndex(named: y))
            let weightColumn: Int? = try settings.weights.map { try stream.columnIndex(named: $0) }
            let writer = try BatchOutputWriter(target: target, parameterNames: curve.parameterNames)
            let reporter = ProgressReporter(enabled: progress || isatty(STDERR_FILENO) == 1)
            var chunk = SeriesChunk()
            var seen = Set<UInt64>()
            var current: String?
            func flush() throws {
                guard !chunk.isEmpty else { return }
                let rows = chunk.fit(with: fitter)
                try writer.write(rows)
                reporter.advance(by: rows.count)
                chunk = SeriesChunk()
            }
            while let record = try stream.next() {
                let id = record.field(at: columns.0)
                if id != current {
                    let key = SeriesHash.fnv1a(id)
                    guard seen.insert(key).inserted else {
                        throw DataError(file: data, line: record.line, message: "rows of series '\(id)' are not contiguous; sort the file by '\(group)'")
                    }
                    current = id
                    if let shardSpec, !shardSpec.contains(key) {
                        chunk.skipping = true
                        continue
                    }
                    chunk.skipping = false
                    if chunk.count >= chunkSeries { try flush() }
                    chunk.begin(id)
                }
                if chunk.skipping { continue }
                do {
                    let weight: Double = try weightColumn.map { try record.number(at: $0) } ?? 1
                    chunk.append(x: try record.number(at: columns.1), y: try record.number(at: columns.2), weight: weight)
                } catch {
                    chunk.invalidate(reason: "\(error)")
                }
            }
            try flush()
            try writer.finish()
            reporter.finish()
            if let shardSpec { try writeManifest(shard: shardSpec) }
        }
    }
}

/// How `fit-batch` fits a chunk: a growth model by plain least squares from its self-start
/// takes ``BatchFitter``'s fast path; start values, fixed parameters, bounds, weights, robust
/// losses and formulas take the general one (``BatchFitter/fit(_:settings:options:threads:)``).
struct SeriesFitter {
    /// The model of the fast path, `nil` for the general one.
    let plainModel: (any SelfStartingModel)?
    let settings: BatchFitter.Settings
    let usesWeights: Bool
    let options: FitOptions
    let threads: Int

    init(curve: any CurveModel, settings options: ModelOptions, options fitOptions: FitOptions, threads: Int) throws {
        plainModel = options.isPlainGrowthModel ? curve as? any SelfStartingModel : nil
        do {
            settings = BatchFitter.Settings(
                model: curve, start: try options.givenStart(for: curve), bounds: try options.bounds(for: curve),
                loss: try options.lossFunction(), fixed: try options.fixedParameters(for: curve))
        } catch let error as FitError {
            throw usageError("\(error)", command: "fit-batch")
        }
        usesWeights = options.weights != nil
        self.options = fitOptions
        self.threads = threads
    }

    func fit(_ batch: SeriesBatch) -> [BatchFitRow] {
        if let plainModel { return BatchFitter.fit(batch, model: plainModel, options: options, threads: threads) }
        return BatchFitter.fit(batch, settings: settings, options: options, threads: threads)
    }
}

/// The series of one chunk in flat arrays, plus those invalidated while reading.
struct SeriesChunk {
    private var ids: [String] = []
    private var offsets: [Int] = [0]
    private var x: [Double] = []
    private var y: [Double] = []
    private var weights: [Double] = []
    private var invalid: [Int: String] = [:]
    var skipping = false

    var count: Int { ids.count }
    var isEmpty: Bool { ids.isEmpty }

    mutating func begin(_ id: String) {
        ids.append(id)
        offsets.append(x.count)
    }

    mutating func append(x value: Double, y response: Double, weight: Double = 1) {
        x.append(value)
        y.append(response)
        weights.append(weight)
        offsets[offsets.count - 1] = x.count
    }

    mutating func invalidate(reason: String) {
        if invalid[ids.count - 1] == nil { invalid[ids.count - 1] = reason }
    }

    /// Fits the series in parallel and returns one row per series in input order; a series
    /// with an unreadable value is reported as invalid instead.
    func fit(with fitter: SeriesFitter) -> [BatchOutputRow] {
        let batch: SeriesBatch
        do {
            batch = try SeriesBatch(ids: ids, offsets: offsets, x: x, y: y, weights: fitter.usesWeights ? weights : nil)
        } catch {
            return ids.indices.map { (k: Int) -> BatchOutputRow in
                BatchOutputRow.invalid(id: ids[k], observations: offsets[k + 1] - offsets[k], reason: invalid[k] ?? "\(error)")
            }
        }
        return fitter.fit(batch).enumerated().map { (k: Int, row: BatchFitRow) -> BatchOutputRow in
            guard let reason = invalid[k] else { return .fitted(row) }
            return .invalid(id: ids[k], observations: offsets[k + 1] - offsets[k], reason: reason)
        }
    }
}

/// One line of `fit-batch` output.
enum BatchOutputRow {
    case fitted(BatchFitRow)
    case invalid(id: String, observations: Int, reason: String)
}

/// Writes batch rows as they are fitted through the output policy (``OutputTarget``): a file
/// is replaced only when the batch is complete, so an interrupted run leaves the old output.
final class BatchOutputWriter {
    private let output: OutputWriter
    private let parameterNames: [String]

    init(target: OutputTarget, parameterNames: [String]) throws {
        output = try target.writer()
        self.parameterNames = parameterNames
        let header = ["series", "status", "usable", "n", "iterations", "rss"] + parameterNames
            + parameterNames.map { "\($0)_se" } + ["message"]
        try output.write(header.joined(separator: ",") + "\n")
    }

    /// Writes the rows' CSV bytes: numbers as `%.12g` (standard errors `%.8g`) by
    /// ``SignificantDigits``, text fields quoted by ``CSVField`` only where needed.
    func write(_ rows: [BatchOutputRow]) throws {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rows.count * (40 + 40 * parameterNames.count))
        let p = parameterNames.count
        func text(_ field: String) {
            bytes.append(contentsOf: CSVField.escape(field).utf8)
            bytes.append(UInt8(ascii: ","))
        }
        func number(_ value: Double?, digits: Int) {
            if let value { SignificantDigits.append(value == 0 ? 0 : value, digits: digits, to: &bytes) }
            bytes.append(UInt8(ascii: ","))
        }
        for output in rows {
            switch output {
            case .invalid(let id, let n, let reason):
                for field in [id, "invalid", "false", "\(n)", "0", ""] { text(field) }
                bytes.append(contentsOf: repeatElement(UInt8(ascii: ","), count: 2 * p))
                bytes.append(contentsOf: CSVField.escape(reason).utf8)
            case .fitted(let row):
                for field in [row.id, row.status, row.isUsable ? "true" : "false"] { text(field) }
                bytes.append(contentsOf: "\(row.observationCount),\(row.iterations),".utf8)
                number(row.residualSumOfSquares, digits: 12)
                let hasEstimates = row.estimates.count == p, hasErrors = row.standardErrors.count == p
                for k in 0..<p { number(hasEstimates ? row.estimates[k] : nil, digits: 12) }
                for k in 0..<p { number(hasErrors ? row.standardErrors[k] : nil, digits: 8) }
                bytes.append(contentsOf: CSVField.escape(row.message).utf8)
            }
            bytes.append(UInt8(ascii: "\n"))
        }
        try output.write(bytes)
    }

    /// Makes the rows the output's content (see ``OutputWriter/commit()``).
    func finish() throws {
        try output.commit()
    }
}

/// Progress on standard error: series done and rate, redrawn in place.
final class ProgressReporter {
    private let enabled: Bool
    private let started = Date()
    private var done = 0

    init(enabled: Bool) { self.enabled = enabled }

    func advance(by count: Int) {
        done += count
        guard enabled else { return }
        let rate = Double(done) / max(Date().timeIntervalSince(started), 1e-9)
        FileHandle.standardError.write(Data("\r\(done) series fitted (\(Int(rate)) series/s)".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}

import ArgumentParser
import Datasets
import Forecasting
import Foundation
import OutputFiles
import Reports
import Scorecards

/// `foresight report`: the main job, the whole analysis on the bundled data.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run every scenario and scorecard and write the report (index.html, report.md, report.json, CSV tables).",
        discussion: """
            Runs every scenario in <models-dir>/scenarios and every scorecard in \
            <models-dir>/scorecards on the datasets in <data-dir>, and writes a self-contained \
            index.html (inline CSS and SVG charts, no scripts), report.md, report.json and one CSV \
            table per analysis into --out. A broken file is listed in the report's problems section \
            and makes the exit code 65, while the other analyses still run. Files in --out that \
            the report did not write are never overwritten; every file is written in full before \
            it replaces the previous one, and a run that was killed is repaired by the next one \
            (see 'Output files' in the README). One report at a time writes to a folder: a second \
            one fails at once. Prints the path of index.html.
            """
    )

    @Option(help: "Folder of the report (created if missing).")
    var out = "report"

    @Option(name: .customLong("data-dir"), help: "Folder of the datasets.")
    var dataDirectory = "Data"

    @Option(name: .customLong("models-dir"), help: "Folder of the scenarios and scorecards.")
    var modelsDirectory = "Models"

    @Option(parsing: .unconditional, help: "Bootstrap draws of every scenario (overrides the files; for quick looks).")
    var draws: Int?

    @Flag(help: "Exit 65 when the report has any warning (rescaled weights, fallbacks, failed fits).")
    var strict = false

    @OptionGroup var threads: WorkerThreads

    @OptionGroup var today: RunDate

    @OptionGroup var progress: ProgressOption

    func validate() throws {
        if let draws, !ScenarioLimits.draws.contains(draws) {
            throw ValidationError("--draws must be between \(ScenarioLimits.draws.lowerBound) and \(ScenarioLimits.draws.upperBound)")
        }
        try requireFolder(dataDirectory, option: "--data-dir")
        try requireFolder(modelsDirectory, option: "--models-dir")
        let folders = ["scenarios", "scorecards"].map { (modelsDirectory as NSString).appendingPathComponent($0) }
        guard folders.contains(where: { FileStatus(path: $0)?.kind == .directory }) else {
            throw ValidationError("--models-dir \(modelsDirectory): no scenarios or scorecards folder in it")
        }
    }

    func run() throws {
        let directory: ReportDirectory
        do {
            directory = try ReportDirectory(path: out,
                                            inputs: inputFiles(under: [dataDirectory, modelsDirectory]),
                                            inputFolders: [dataDirectory, modelsDirectory])
            try directory.check(["index.html", "report.md", "report.json"])
        } catch {
            throw usageError("\(error)")
        }
        let dataURL = URL(fileURLWithPath: dataDirectory, isDirectory: true)
        var problems: [String] = []
        var scenarios: [AnalysisReport.ScenarioEntry] = []
        for file in specifications("scenarios") {
            do {
                let scenario = try ScenarioLoader.load(contentsOf: URL(fileURLWithPath: file), dataDirectory: dataURL, displayPath: file,
                                                       dataDisplayPath: dataDirectory).overriding(seed: nil, draws: draws)
                if let draws, let problem = scenario.simulationSizeProblem {
                    problems.append("\(file): --draws \(draws): \(problem)")
                    continue
                }
                let display = progress.display((file as NSString).lastPathComponent)
                defer { display?.finish() }
                let result = try ScenarioRunner(scenario: scenario, threads: threads.count, today: today.decimalYear,
                                                progress: display?.counter(total: scenario.draws)).run()
                scenarios.append(.init(file: file, result: result))
            } catch {
                problems += Self.messages(error, file: file)
            }
        }
        var scorecards: [AnalysisReport.ScorecardEntry] = []
        for file in specifications("scorecards") {
            if progress.enabled { printError("scorecard \(file)") }
            do {
                let spec = try ScorecardSpec.load(contentsOf: URL(fileURLWithPath: file), displayPath: file)
                scorecards.append(.init(file: file, result: try ScorecardRunner.run(spec)))
            } catch {
                problems += Self.messages(error, file: file)
            }
        }
        let calibration = readCalibration(&problems)
        let checks = DataCatalog.checkDatasets(in: dataURL, displayPath: dataDirectory)
        problems += checks.flatMap(\.errors).map(\.description)
        let report = AnalysisReport(
            scenarios: scenarios, scorecards: scorecards, problems: problems, provenance: checks.compactMap(Self.provenance),
            files: digests(), foresightVersion: Foresight.version, commit: Self.commit(),
            commandLine: (["foresight"] + CommandLine.arguments.dropFirst()).joined(separator: " "), calibration: calibration)
        let files = [("index.html", report.html()), ("report.md", report.markdown()), ("report.json", report.json())] + report.csvTables()
        do { try directory.write(files) } catch { throw usageError("\(error)") }
        print((out as NSString).appendingPathComponent("index.html"))
        let warnings = report.warnings
        for warning in warnings { printError("warning: \(warning)") }
        guard problems.isEmpty else {
            for problem in problems { printError(problem) }
            printError("\(problems.count) problem\(problems.count == 1 ? "" : "s"); the report lists them and shows every analysis that ran")
            throw ExitStatus.badData
        }
        if strict, !warnings.isEmpty {
            printError("\(warnings.count) warning\(warnings.count == 1 ? "" : "s") and --strict")
            throw ExitStatus.badData
        }
    }

    /// The calibration study written by `foresight calibrate --format json --out
    /// <models-dir>/calibration/study.json`: an entry without a report when the file is missing,
    /// `nil` and a problem when it cannot be read.
    private func readCalibration(_ problems: inout [String]) -> AnalysisReport.CalibrationEntry? {
        let file = ((modelsDirectory as NSString).appendingPathComponent("calibration") as NSString).appendingPathComponent("study.json")
        guard let data = FileManager.default.contents(atPath: file) else {
            return AnalysisReport.CalibrationEntry(file: file, sha256: "", report: nil)
        }
        do {
            let report = try CalibrationReport.load(contentsOf: URL(fileURLWithPath: file), displayPath: file)
            return AnalysisReport.CalibrationEntry(file: file, sha256: SHA256.hexDigest(data), report: report)
        } catch {
            problems.append("\(error)")
            return nil
        }
    }

    /// The YAML and JSON files of `<models-dir>/<folder>`, sorted.
    private func specifications(_ folder: String) -> [String] {
        let directory = (modelsDirectory as NSString).appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json")) }
            .sorted().map { (directory as NSString).appendingPathComponent($0) }
    }

    /// SHA-256 of every file under the data and models folders.
    private func digests() -> [AnalysisReport.FileDigest] {
        inputFiles(under: [dataDirectory, modelsDirectory]).compactMap { path in
            FileManager.default.contents(atPath: path).map { AnalysisReport.FileDigest(path: path, sha256: SHA256.hexDigest($0)) }
        }
    }

    /// A dataset's provenance entry: its metadata's sources and every distinct `source_url` of its rows.
    static func provenance(_ check: CatalogCheck) -> ProvenanceEntry? {
        guard let dataset = check.dataset else { return nil }
        var urls = dataset.metadata.sources.map(\.url)
        for url in (try? dataset.strings(column: "source_url")) ?? [] where !url.isEmpty && !urls.contains(url) { urls.append(url) }
        return ProvenanceEntry(dataset: (dataset.file as NSString).lastPathComponent,
                               description: dataset.metadata.title + ".",
                               sources: urls.map { Link(title: $0, url: $0) })
    }

    /// Every problem of a failed analysis, located.
    static func messages(_ error: Error, file: String) -> [String] {
        switch error {
        case let errors as DataErrors: errors.errors.map(\.description)
        case let error as DataError: [error.description]
        default: ["\(file): \(error)"]
        }
    }

    /// The commit checked out in the current directory's `.git` (a folder, or in a linked
    /// worktree a file `gitdir: PATH` whose folder's `commondir` holds the refs), when there is one.
    static func commit() -> String? {
        var gitDirectory = ".git"
        if let link = try? String(contentsOfFile: ".git", encoding: .utf8), link.hasPrefix("gitdir: ") {
            gitDirectory = link.dropFirst(8).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let common = (try? String(contentsOfFile: gitDirectory + "/commondir", encoding: .utf8))
            .map { (gitDirectory as NSString).appendingPathComponent($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? gitDirectory
        guard let text = try? String(contentsOfFile: gitDirectory + "/HEAD", encoding: .utf8) else { return nil }
        let head = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard head.hasPrefix("ref: ") else { return head.isEmpty ? nil : head }
        let ref = String(head.dropFirst(5))
        if let value = try? String(contentsOfFile: "\(common)/\(ref)", encoding: .utf8) {
            return value.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let packed = (try? String(contentsOfFile: "\(common)/packed-refs", encoding: .utf8)) ?? ""
        return packed.split(separator: "\n").first { $0.hasSuffix(" " + ref) }.map { String($0.prefix { $0 != " " }) }
    }
}

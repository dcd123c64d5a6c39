import ArgumentParser
import Datasets
import Forecasting
import Foundation
import OutputFiles
import Reports
import Scorecards

/// `foresight data`: work with the bundled datasets.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Check the bundled datasets and specification files.",
        subcommands: [DataValidate.self]
    )
}

/// `foresight data validate`: every dataset against its metadata, every specification's schema.
struct DataValidate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check every dataset in the data folder against its metadata, and the model files.",
        discussion: """
            A dataset is NAME.csv with NAME.meta.yaml beside it (searched recursively under \
            --data-dir). Checks: every column described and every described column present, \
            required cells non-empty, cell types (integer, number, integer_bound, date, fuzzy_date, \
            date_precision, url), allowed values, patterns, bounds, dates consistent with their \
            precision, no duplicate keys, and the metadata file itself (schema: 1, known keys). \
            A CSV without metadata is listed but not checked. Every .yaml/.yml/.json file under \
            --models-dir (if it exists) must parse and declare schema: 1.

            Prints a table (dataset, rows, status, problems); every problem is written to standard \
            error as file:line:column: message (JSON output lists them as well). Exit code 0 when \
            everything is valid, 65 otherwise.
            """
    )

    @Option(name: .customLong("data-dir"), help: "Folder of the datasets.")
    var dataDirectory = "Data"

    @Option(name: .customLong("models-dir"), help: "Folder of the scenario and scorecard files (default: Models, when it exists).")
    var modelsDirectory: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        try requireFolder(dataDirectory, option: "--data-dir")
        if let modelsDirectory { try requireFolder(modelsDirectory, option: "--models-dir") }
    }

    /// The models folder: the one given, or `Models` when it exists.
    var models: String? {
        modelsDirectory ?? (FileStatus(path: "Models")?.kind == .directory ? "Models" : nil)
    }

    func run() throws {
        let folders = [dataDirectory] + (models.map { [$0] } ?? [])
        let target = try output.target(inputs: inputFiles(under: folders, endingWith: [".csv", ".yaml", ".yml", ".json"]))
        var checks = DataCatalog.checkDatasets(in: URL(fileURLWithPath: dataDirectory, isDirectory: true), displayPath: dataDirectory)
        if let models {
            checks += DataCatalog.checkSpecifications(in: URL(fileURLWithPath: models, isDirectory: true),
                                                      displayPath: models).map(checkContents)
        }
        let report = DataValidationReport(checks: checks)
        try output.emit(report, to: target)
        let problems = checks.flatMap(\.errors)
        guard problems.isEmpty else {
            for problem in problems { printError(problem.description) }
            printError("\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(report.invalidCount) file\(report.invalidCount == 1 ? "" : "s")")
            throw ExitStatus.badData
        }
    }
}

extension DataValidate {
    /// A specification that declares `schema: 1`, read in full by its reader when it is a scenario
    /// (`scenarios/`) or a scorecard (`scorecards/`): names, values and data references checked.
    func checkContents(_ check: CatalogCheck) -> CatalogCheck {
        guard check.status == .valid else { return check }
        let url = URL(fileURLWithPath: check.file)
        var errors: [DataError] = []
        do {
            if check.file.contains("/scenarios/") {
                _ = try ScenarioLoader.load(contentsOf: url, dataDirectory: URL(fileURLWithPath: dataDirectory, isDirectory: true),
                                            displayPath: check.file, dataDisplayPath: dataDirectory)
            } else if check.file.contains("/scorecards/") {
                _ = try ScorecardSpec.load(contentsOf: url, displayPath: check.file)
            }
        } catch let problems as DataErrors {
            errors = problems.errors
        } catch {
            errors = [DataError(file: check.file, message: "\(error)")]
        }
        return check.adding(errors)
    }
}

/// The table of `foresight data validate`.
struct DataValidationReport: RenderableReport {
    let checks: [CatalogCheck]

    var invalidCount: Int { checks.filter { $0.status == .invalid }.count }
    var problemCount: Int { checks.reduce(0) { $0 + $1.errors.count } }

    var table: Table {
        var table = Table(columns: [.init("dataset", .left), .init("rows"), .init("status", .left), .init("problems")])
        for check in checks {
            table.append([check.name, check.rowCount.map(String.init) ?? "-", check.status.rawValue, String(check.errors.count)])
        }
        return table
    }

    private var summary: String {
        let datasets = checks.filter { $0.kind == .dataset }.count
        let specifications = checks.count - datasets
        return "\(datasets) dataset\(datasets == 1 ? "" : "s"), \(specifications) specification file\(specifications == 1 ? "" : "s"): "
            + (problemCount == 0 ? "all valid" : "\(problemCount) problem\(problemCount == 1 ? "" : "s") in \(invalidCount) file\(invalidCount == 1 ? "" : "s")")
    }

    func renderText() -> String {
        table.renderText() + "\n" + summary + "\n"
    }

    func renderMarkdown() -> String {
        table.renderMarkdown() + "\n" + summary + "\n"
    }

    func renderCSV() -> String { table.renderCSV() }

    func renderJSON() throws -> String {
        struct Problem: Encodable {
            let file: String
            let line: Int?
            let column: Int?
            let message: String
        }
        struct Entry: Encodable {
            let dataset: String
            let kind: String
            let file: String
            let metadataFile: String?
            let rows: Int?
            let status: String
            let problems: [Problem]
        }
        struct Document: Encodable {
            let datasets: [Entry]
            let valid: Bool
            let problemCount: Int
        }
        let entries = checks.map { check in
            Entry(dataset: check.name, kind: check.kind.rawValue, file: check.file, metadataFile: check.metadataFile,
                  rows: check.rowCount, status: check.status.rawValue,
                  problems: check.errors.map { Problem(file: $0.file, line: $0.line, column: $0.column, message: $0.message) })
        }
        return try JSONOutput.render(Document(datasets: entries, valid: problemCount == 0, problemCount: problemCount))
    }
}

import Foundation

/// A CSV dataset together with its metadata (`<name>.csv` and `<name>.meta.yaml`), checked
/// against each other.
public struct Dataset: Sendable {
    /// The file name without `.csv`, e.g. `china_mics`.
    public let name: String
    public let metadata: DatasetMetadata
    public let table: CSVTable

    /// The display path of the CSV file.
    public var file: String { table.source }

    /// The suffix of metadata files.
    public static let metadataSuffix = ".meta.yaml"

    /// Loads `csv` and the metadata next to it (`<name>.meta.yaml`) and validates them.
    /// - Parameter displayPath: the CSV path shown in errors; the metadata path is derived from it.
    /// - Throws: ``DataErrors`` with every problem of both files.
    public static func load(csv: URL, displayPath: String? = nil) throws -> Dataset {
        let check = DataCatalog.checkDataset(csv: csv, displayPath: displayPath)
        guard let dataset = check.dataset, check.errors.isEmpty else { throw DataErrors(check.errors) }
        return dataset
    }

    /// The cells of the column called `name`, one per row.
    /// - Throws: ``DataError`` for an unknown column.
    public func strings(column name: String) throws -> [String] {
        try table.strings(column: name)
    }
}

/// The outcome of checking one file of the catalog.
public struct CatalogCheck: Sendable {
    public enum Kind: String, Sendable {
        /// A CSV file with its metadata.
        case dataset
        /// A `Models/` specification file.
        case specification
    }

    public enum Status: String, Sendable {
        /// No problem found.
        case valid
        /// At least one problem, listed in ``errors``.
        case invalid
        /// A CSV file without a `.meta.yaml`: listed, not checked, not a failure.
        case noMetadata = "no metadata"
    }

    public let kind: Kind
    /// The dataset name (CSV file name without extension) or the specification's display path.
    public let name: String
    /// The display path of the CSV or specification file.
    public let file: String
    /// The display path of the metadata file, for datasets that have one.
    public let metadataFile: String?
    /// The number of data rows, when the CSV could be read.
    public let rowCount: Int?
    /// Every problem found, metadata first, then the CSV, each in file order.
    public let errors: [DataError]
    public let status: Status
    /// The dataset, when both files could be read (even with problems).
    public let dataset: Dataset?
}

extension CatalogCheck {
    /// The same check with `more` problems (found by reading the file in full), invalid if any.
    public func adding(_ more: [DataError]) -> CatalogCheck {
        guard !more.isEmpty else { return self }
        return CatalogCheck(kind: kind, name: name, file: file, metadataFile: metadataFile, rowCount: rowCount, errors: errors + more,
                            status: .invalid, dataset: dataset)
    }
}

/// Finds and checks the datasets under a data folder and the specification files under a models
/// folder (`foresight data validate`).
///
/// A dataset is a `<name>.csv` with a `<name>.meta.yaml` beside it. A CSV without metadata is
/// listed with status ``CatalogCheck/Status/noMetadata`` (not an error); a metadata file without
/// its CSV is an error. Other files (Markdown, NIST `.dat` files) are ignored.
public enum DataCatalog {
    /// The folder of the program datasets inside the data folder.
    public static let programsFolder = "programs"

    /// Checks one CSV file against the metadata file beside it.
    public static func checkDataset(csv: URL, displayPath: String? = nil) -> CatalogCheck {
        let csvPath = displayPath ?? csv.path
        let name = csv.deletingPathExtension().lastPathComponent
        let metadataURL = csv.deletingLastPathComponent().appendingPathComponent(name + Dataset.metadataSuffix)
        let metadataPath = (csvPath as NSString).deletingLastPathComponent.isEmpty
            ? name + Dataset.metadataSuffix
            : ((csvPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent(name + Dataset.metadataSuffix)

        var errors: [DataError] = []
        var metadata: DatasetMetadata?
        var metadataErrors: [DataError] = []
        if FileManager.default.fileExists(atPath: metadataURL.path) {
            (metadata, metadataErrors) = DatasetMetadata.read(url: metadataURL, displayPath: metadataPath)
            metadataErrors.sort { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) }
            errors += metadataErrors
        }

        var table: CSVTable?
        var headerPositions: [CSVPosition] = []
        do {
            let data = try FileAccess.contents(of: csv, source: csvPath)
            let text = String(decoding: data, as: UTF8.self)
            table = try data.withUnsafeBytes { raw in
                try CSVTable(parsing: raw.assumingMemoryBound(to: UInt8.self), source: csvPath)
            }
            headerPositions = DatasetValidator.headerPositions(of: text)
        } catch let error as DataError {
            errors.append(error)
        } catch {
            errors.append(DataError(file: csvPath, message: "\(error)"))
        }

        if let table, let metadata {
            errors += DatasetValidator.validate(table, metadata: metadata, headerPositions: headerPositions)
        }
        let dataset = table.flatMap { table in metadata.map { Dataset(name: name, metadata: $0, table: table) } }
        let hasMetadataFile = FileManager.default.fileExists(atPath: metadataURL.path)
        let status: CatalogCheck.Status = errors.isEmpty ? (hasMetadataFile ? .valid : .noMetadata) : .invalid
        return CatalogCheck(kind: .dataset, name: name, file: csvPath,
                            metadataFile: hasMetadataFile ? metadataPath : nil,
                            rowCount: table?.rowCount, errors: errors, status: status, dataset: dataset)
    }

    /// Checks every dataset under `directory` (recursively), sorted by path.
    /// - Parameter displayPath: how `directory` is shown in errors (e.g. `Data`).
    public static func checkDatasets(in directory: URL, displayPath: String) -> [CatalogCheck] {
        var checks: [CatalogCheck] = []
        let files = listFiles(in: directory)
        let csvs = Set(files.filter { $0.hasSuffix(".csv") })
        for file in files {
            let shown = (displayPath as NSString).appendingPathComponent(file)
            if file.hasSuffix(".csv") {
                checks.append(checkDataset(csv: directory.appendingPathComponent(file), displayPath: shown))
            } else if file.hasSuffix(Dataset.metadataSuffix) {
                let csv = String(file.dropLast(Dataset.metadataSuffix.count)) + ".csv"
                if !csvs.contains(csv) {
                    let error = DataError(file: shown, message: "metadata without its dataset: \((csv as NSString).lastPathComponent) not found beside it")
                    checks.append(CatalogCheck(kind: .dataset, name: String((file as NSString).lastPathComponent.dropLast(Dataset.metadataSuffix.count)),
                                               file: shown, metadataFile: shown, rowCount: nil, errors: [error],
                                               status: .invalid, dataset: nil))
                }
            }
        }
        return checks
    }

    /// Checks every `.yaml`, `.yml` and `.json` file under `directory` (recursively): it must parse
    /// and have `schema: 1` at the top.
    public static func checkSpecifications(in directory: URL, displayPath: String) -> [CatalogCheck] {
        listFiles(in: directory).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }.map { file in
            let shown = (displayPath as NSString).appendingPathComponent(file)
            let check = SpecificationCheck.check(url: directory.appendingPathComponent(file), displayPath: shown)
            return CatalogCheck(kind: .specification, name: shown, file: shown, metadataFile: nil, rowCount: nil,
                                errors: check.errors, status: check.isValid ? .valid : .invalid, dataset: nil)
        }
    }

    /// Regular files under `directory`, as paths relative to it, sorted; hidden files are skipped.
    static func listFiles(in directory: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(
            at: directory, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return [] }
        let base = directory.standardizedFileURL.resolvingSymlinksInPath().path
        var files: [String] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.resolvingSymlinksInPath().path
            guard path.hasPrefix(base + "/") else { continue }
            files.append(String(path.dropFirst(base.count + 1)))
        }
        return files.sorted()
    }
}

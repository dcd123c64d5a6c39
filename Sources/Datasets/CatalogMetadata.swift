import Foundation
import Yams

/// The type of a dataset column, as a metadata file declares it (`type:`).
///
/// | type | a non-empty cell holds |
/// |---|---|
/// | `string` | any text |
/// | `integer` | a whole number: optional `-`, then ASCII digits (no spaces, signs `+`, separators or decimals) |
/// | `number` | a finite decimal number (`12`, `87.5`, `-1e3`; see ``CSVTable/numbers(column:)``) |
/// | `integer_bound` | a whole number as a source states it: `N`, or `>N` for "more than N" (`>260`) |
/// | `date` | `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, an existing calendar date; with `precision_column`, the form must match that row's precision |
/// | `fuzzy_date` | a `date`, or a year with a qualifier in parentheses, `YYYY (word)`, where `word` is one of the column's declared `qualifiers` (each with the months it stands for) |
/// | `date_precision` | `day`, `month`, `year` or `unknown` |
/// | `url` | an absolute `http://` or `https://` URL with a host and no spaces |
public enum ColumnType: String, Sendable, Hashable, CaseIterable {
    case string
    case integer
    case number
    case integerBound = "integer_bound"
    case date
    case fuzzyDate = "fuzzy_date"
    case datePrecision = "date_precision"
    case url

    /// Whether `minimum` and `maximum` apply.
    var isNumeric: Bool { self == .integer || self == .number || self == .integerBound }
}

/// One column of a dataset as its metadata describes it.
public struct ColumnMetadata: Sendable, Hashable {
    /// The column name, as in the CSV header.
    public var name: String
    public var type: ColumnType
    /// The unit of the values (`million euro, nominal`), when it has one.
    public var unit: String?
    /// Whether every row must have a non-empty cell in this column.
    public var required: Bool
    /// What the column holds, for people.
    public var definition: String
    /// The only values allowed, when the column is an enumeration.
    public var values: [String]?
    /// A regular expression every non-empty cell must match as a whole.
    public var pattern: String?
    /// The smallest and largest allowed values of a numeric column.
    public var minimum: Double?
    public var maximum: Double?
    /// For a `date` column: the `date_precision` column that gives each row's precision.
    public var precisionColumn: String?
    /// For a `fuzzy_date` column: the qualifiers allowed in `YYYY (qualifier)`.
    public var qualifiers: [DateQualifier]

    public init(name: String, type: ColumnType, unit: String? = nil, required: Bool, definition: String,
                values: [String]? = nil, pattern: String? = nil, minimum: Double? = nil, maximum: Double? = nil,
                precisionColumn: String? = nil, qualifiers: [DateQualifier] = []) {
        self.name = name
        self.type = type
        self.unit = unit
        self.required = required
        self.definition = definition
        self.values = values
        self.pattern = pattern
        self.minimum = minimum
        self.maximum = maximum
        self.precisionColumn = precisionColumn
        self.qualifiers = qualifiers
    }
}

/// A source a dataset was compiled from.
public struct SourceReference: Sendable, Hashable {
    public var url: String
    /// What the source provides.
    public var what: String?
}

/// How a dataset's dates are made precise (`date_precision:` in the metadata): documentation
/// that the validator also holds the data to.
public struct DatePrecisionMetadata: Sendable, Hashable {
    /// The `date_precision` column, when precision is per row (otherwise it follows from the form).
    public var column: String?
    /// The precisions the data may use.
    public var allowed: [DatePrecision]
    /// For each precision (and `qualified`), the interval a date of that precision stands for.
    public var intervals: [String: String]
    /// How a day is turned into a decimal year.
    public var decimalYear: String?
    public var note: String?
}

/// The metadata of one dataset (`<name>.meta.yaml` next to `<name>.csv`): provenance, column
/// definitions and known gaps.
///
/// The file format (`schema: 1`), key by key (keys marked * are required):
///
/// ```yaml
/// schema: 1                       # *
/// title: …                        # *
/// description: …                  # *
/// sources:                        # * non-empty list
///   - {url: https://…, what: …}   #   url * (http or https), what optional
/// sources_note: …
/// retrieved: unknown              # * a date YYYY[-MM[-DD]] or the word unknown
/// retrieved_note: …
/// date_meaning: …                 # * when a column has type date or fuzzy_date
/// date_precision:                 # * when a date column has precision_column
///   column: date_precision        #   the column of type date_precision, if any
///   allowed: [day, month, year, unknown]      # *
///   intervals: {day: …, month: …, year: …, unknown: …, qualified: …}   # * one text per allowed precision
///   decimal_year: …
///   note: …
/// key: [id]                       # columns whose values together identify a row (no duplicates)
/// columns:                        # * non-empty list, one entry per CSV column, in any order
///   - name: approved_date         # *
///     type: date                  # * see ColumnType
///     required: false             # * whether every cell must be non-empty
///     definition: …               # *
///     unit: …
///     values: [a, b]              #   the only allowed values
///     pattern: "CN-[0-9]{2}"      #   regular expression matched against the whole cell
///     minimum: 0                  #   numeric types only
///     maximum: 100
///     precision_column: date_precision   # date only
///     qualifiers:                 #   fuzzy_date only
///       - {name: mid, first_month: 6, last_month: 7, meaning: …}
/// known_gaps: [ … ]               # * list of texts, may be empty
/// ```
///
/// Unknown keys are errors (they are usually typos).
public struct DatasetMetadata: Sendable, Hashable {
    /// The display path of the metadata file.
    public var file: String
    public var schema: Int
    public var title: String
    public var description: String
    public var sources: [SourceReference]
    public var sourcesNote: String?
    /// `unknown` or a date.
    public var retrieved: String
    public var retrievedNote: String?
    public var dateMeaning: String?
    public var datePrecision: DatePrecisionMetadata?
    public var key: [String]
    public var columns: [ColumnMetadata]
    public var knownGaps: [String]

    /// The column called `name`.
    public func column(named name: String) -> ColumnMetadata? {
        columns.first { $0.name == name }
    }

    /// Reads and checks the metadata file at `url`.
    /// - Throws: ``DataErrors`` listing every problem, each with file, line, column and key path.
    public static func load(url: URL, displayPath: String? = nil) throws -> DatasetMetadata {
        let (metadata, errors) = read(url: url, displayPath: displayPath)
        guard let metadata, errors.isEmpty else { throw DataErrors(errors) }
        return metadata
    }

    /// Parses and checks metadata text.
    /// - Throws: ``DataErrors`` listing every problem.
    public static func parse(_ text: String, source: String) throws -> DatasetMetadata {
        var problems = YAMLProblems(source: source)
        let metadata = parse(text, problems: &problems)
        guard let metadata, problems.errors.isEmpty else { throw DataErrors(problems.errors) }
        return metadata
    }

    /// Reads the file leniently: the metadata as far as it could be read (`nil` when the file is
    /// unreadable or not YAML) together with every problem found.
    static func read(url: URL, displayPath: String?) -> (DatasetMetadata?, [DataError]) {
        var problems = YAMLProblems(source: displayPath ?? url.path)
        guard let text = problems.readText(of: url) else { return (nil, problems.errors) }
        let metadata = parse(text, problems: &problems)
        return (metadata, problems.errors)
    }

    static func parse(_ text: String, problems: inout YAMLProblems) -> DatasetMetadata? {
        guard let root = problems.compose(text) else { return nil }
        guard var top = YAMLMapping(root, path: "", problems: &problems, what: "a mapping with 'schema: 1' at the top") else {
            return nil
        }
        SpecificationCheck.checkSchema(&top, problems: &problems)
        var metadata = DatasetMetadata(
            file: problems.source, schema: SpecificationCheck.supportedSchema,
            title: top.string("title", required: true, problems: &problems) ?? "",
            description: top.string("description", required: true, problems: &problems) ?? "",
            sources: [], sourcesNote: nil, retrieved: "unknown", retrievedNote: nil, dateMeaning: nil,
            datePrecision: nil, key: [], columns: [], knownGaps: [])
        metadata.sources = readSources(&top, problems: &problems)
        metadata.sourcesNote = top.string("sources_note", required: false, problems: &problems)
        if let retrieved = top.string("retrieved", required: true, problems: &problems) {
            if retrieved != "unknown", (try? DateSpan.parse(retrieved)) == nil {
                problems.record("expected a date (YYYY, YYYY-MM or YYYY-MM-DD) or 'unknown', found '\(retrieved)'",
                                at: top.node(of: "retrieved"), path: "retrieved")
            }
            metadata.retrieved = retrieved
        }
        metadata.retrievedNote = top.string("retrieved_note", required: false, problems: &problems)
        metadata.dateMeaning = top.string("date_meaning", required: false, problems: &problems)
        metadata.datePrecision = readDatePrecision(&top, problems: &problems)
        metadata.columns = readColumns(&top, problems: &problems)
        metadata.key = top.strings("key", required: false, problems: &problems) ?? []
        metadata.knownGaps = top.strings("known_gaps", required: true, problems: &problems) ?? []
        top.finish(&problems)
        checkReferences(metadata, top: top, problems: &problems)
        return metadata
    }

    private static func readSources(_ top: inout YAMLMapping, problems: inout YAMLProblems) -> [SourceReference] {
        guard let elements = top.sequence("sources", required: true, problems: &problems) else { return [] }
        if elements.isEmpty {
            problems.record("must list at least one source", at: top.node(of: "sources"), path: "sources")
        }
        var sources: [SourceReference] = []
        for (node, path) in elements {
            guard var entry = YAMLMapping(node, path: path, problems: &problems, what: "a mapping {url: …, what: …}") else { continue }
            let url = entry.string("url", required: true, problems: &problems)
            if let url, let problem = CellCheck.urlProblem(url) {
                problems.record(problem, at: entry.node(of: "url"), path: entry.path(of: "url"))
            }
            let what = entry.string("what", required: false, problems: &problems)
            entry.finish(&problems)
            if let url { sources.append(SourceReference(url: url, what: what)) }
        }
        return sources
    }

    private static func readDatePrecision(_ top: inout YAMLMapping, problems: inout YAMLProblems) -> DatePrecisionMetadata? {
        guard let node = top.value("date_precision", required: false, problems: &problems),
              var block = YAMLMapping(node, path: "date_precision", problems: &problems) else { return nil }
        var result = DatePrecisionMetadata(column: nil, allowed: [], intervals: [:], decimalYear: nil, note: nil)
        result.column = block.string("column", required: false, problems: &problems)
        for (index, name) in (block.strings("allowed", required: true, problems: &problems) ?? []).enumerated() {
            if let precision = DatePrecision(rawValue: name) {
                result.allowed.append(precision)
            } else {
                let node = block.node(of: "allowed")?.sequence?[index]
                problems.record("unknown precision '\(name)'; expected one of day, month, year, unknown",
                                at: node, path: "date_precision.allowed[\(index)]")
            }
        }
        if let intervalsNode = block.value("intervals", required: true, problems: &problems),
           var intervals = YAMLMapping(intervalsNode, path: "date_precision.intervals", problems: &problems) {
            let names = DatePrecision.allCases.map(\.rawValue) + ["qualified"]
            for name in names {
                if let text = intervals.string(name, required: false, problems: &problems) { result.intervals[name] = text }
            }
            intervals.finish(&problems)
            for precision in result.allowed where result.intervals[precision.rawValue] == nil {
                problems.record("missing the interval rule for allowed precision '\(precision.rawValue)'",
                                at: intervalsNode, path: "date_precision.intervals")
            }
        }
        result.decimalYear = block.string("decimal_year", required: false, problems: &problems)
        result.note = block.string("note", required: false, problems: &problems)
        block.finish(&problems)
        return result
    }

    private static func readColumns(_ top: inout YAMLMapping, problems: inout YAMLProblems) -> [ColumnMetadata] {
        guard let elements = top.sequence("columns", required: true, problems: &problems) else { return [] }
        if elements.isEmpty {
            problems.record("must describe at least one column", at: top.node(of: "columns"), path: "columns")
        }
        var columns: [ColumnMetadata] = []
        var seen: [String: String] = [:]
        for (node, path) in elements {
            guard var entry = YAMLMapping(node, path: path, problems: &problems) else { continue }
            let name = entry.string("name", required: true, problems: &problems)
            let typeName = entry.string("type", required: true, problems: &problems)
            var type = ColumnType.string
            if let typeName {
                if let known = ColumnType(rawValue: typeName) {
                    type = known
                } else {
                    var message = "unknown type '\(typeName)'"
                    let names = ColumnType.allCases.map(\.rawValue)
                    if let suggestion = NameSuggestion.closest(to: typeName, among: names) { message += "; did you mean '\(suggestion)'?" }
                    problems.record(message + " (types: \(names.joined(separator: ", ")))",
                                    at: entry.node(of: "type"), path: entry.path(of: "type"))
                }
            }
            let required = entry.bool("required", required: true, problems: &problems) ?? false
            let definition = entry.string("definition", required: true, problems: &problems) ?? ""
            var column = ColumnMetadata(name: name ?? "", type: type, required: required, definition: definition)
            column.unit = entry.string("unit", required: false, problems: &problems)
            column.values = entry.strings("values", required: false, problems: &problems)
            if let pattern = entry.string("pattern", required: false, problems: &problems) {
                if (try? Regex(pattern)) == nil {
                    problems.record("'\(pattern)' is not a valid regular expression",
                                    at: entry.node(of: "pattern"), path: entry.path(of: "pattern"))
                } else {
                    column.pattern = pattern
                }
            }
            for key in ["minimum", "maximum"] {
                guard let value = entry.number(key, required: false, problems: &problems) else { continue }
                if typeName != nil, !type.isNumeric {
                    problems.record("'\(key)' applies only to integer, number and integer_bound columns",
                                    at: entry.node(of: key), path: entry.path(of: key))
                }
                if key == "minimum" { column.minimum = value } else { column.maximum = value }
            }
            column.precisionColumn = entry.string("precision_column", required: false, problems: &problems)
            if column.precisionColumn != nil, type != .date {
                problems.record("'precision_column' applies only to date columns",
                                at: entry.node(of: "precision_column"), path: entry.path(of: "precision_column"))
            }
            column.qualifiers = readQualifiers(&entry, problems: &problems)
            if !column.qualifiers.isEmpty, type != .fuzzyDate {
                problems.record("'qualifiers' applies only to fuzzy_date columns",
                                at: entry.node(of: "qualifiers"), path: entry.path(of: "qualifiers"))
            }
            entry.finish(&problems)
            guard let name else { continue }
            if let earlier = seen[name] {
                problems.record("column '\(name)' is described twice (also at \(earlier))",
                                at: entry.node(of: "name"), path: entry.path(of: "name"))
                continue
            }
            seen[name] = path
            columns.append(column)
        }
        return columns
    }

    private static func readQualifiers(_ entry: inout YAMLMapping, problems: inout YAMLProblems) -> [DateQualifier] {
        guard let elements = entry.sequence("qualifiers", required: false, problems: &problems) else { return [] }
        var qualifiers: [DateQualifier] = []
        for (node, path) in elements {
            guard var item = YAMLMapping(node, path: path, problems: &problems) else { continue }
            let name = item.string("name", required: true, problems: &problems)
            let first = item.integer("first_month", required: true, problems: &problems)
            let last = item.integer("last_month", required: true, problems: &problems)
            let meaning = item.string("meaning", required: true, problems: &problems)
            item.finish(&problems)
            if let name, name.contains(where: { $0 == "(" || $0 == ")" }) {
                problems.record("a qualifier name must not contain parentheses", at: item.node(of: "name"), path: item.path(of: "name"))
                continue
            }
            guard let name, let first, let last, let meaning else { continue }
            guard (1...12).contains(first), (1...12).contains(last), first <= last else {
                problems.record("first_month and last_month must be months 1...12 with first_month <= last_month (found \(first) and \(last))",
                                at: node, path: path)
                continue
            }
            qualifiers.append(DateQualifier(name: name, firstMonth: first, lastMonth: last, meaning: meaning))
        }
        return qualifiers
    }

    /// Checks what refers to columns: `key`, `precision_column`, `date_precision.column`, and that
    /// dates are explained.
    private static func checkReferences(_ metadata: DatasetMetadata, top: YAMLMapping, problems: inout YAMLProblems) {
        let names = metadata.columns.map(\.name)
        func unknown(_ name: String) -> String {
            var message = "'\(name)' is not a described column"
            if let suggestion = NameSuggestion.closest(to: name, among: names) { message += "; did you mean '\(suggestion)'?" }
            return message
        }
        for (index, name) in metadata.key.enumerated() where metadata.column(named: name) == nil {
            problems.record(unknown(name), at: top.node(of: "key")?.sequence?[index], path: "key[\(index)]")
        }
        let columnNodes = top.node(of: "columns")?.sequence.map(Array.init) ?? []
        for (index, column) in metadata.columns.enumerated() {
            guard let target = column.precisionColumn else { continue }
            let node = columnNodes.first { $0.mapping?["name"]?.string == column.name }
            let path = "columns[\(columnNodes.firstIndex { $0.mapping?["name"]?.string == column.name } ?? index)].precision_column"
            if let precision = metadata.column(named: target) {
                if precision.type != .datePrecision {
                    problems.record("column '\(target)' must have type date_precision", at: node?.mapping?["precision_column"], path: path)
                }
            } else {
                problems.record(unknown(target), at: node?.mapping?["precision_column"], path: path)
            }
            if metadata.datePrecision == nil {
                problems.record("a date column has a precision column, so 'date_precision' (allowed precisions and their intervals) is required",
                                at: top.node, path: "date_precision")
            }
        }
        if let column = metadata.datePrecision?.column {
            if metadata.column(named: column)?.type != .datePrecision {
                problems.record(metadata.column(named: column) == nil ? unknown(column) : "column '\(column)' must have type date_precision",
                                at: top.node(of: "date_precision")?.mapping?["column"], path: "date_precision.column")
            }
        }
        let hasDates = metadata.columns.contains { $0.type == .date || $0.type == .fuzzyDate }
        if hasDates, metadata.dateMeaning == nil {
            problems.record("the dataset has date columns, so 'date_meaning' (what a date stands for) is required",
                            at: top.node, path: "date_meaning")
        }
    }
}

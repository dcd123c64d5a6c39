import Foundation

/// A count as a source states it: exactly `value`, or "more than `value`" (`>260`).
public struct StatedCount: Sendable, Hashable, CustomStringConvertible {
    public let value: Int
    /// Whether the source said "more than value".
    public let isLowerBound: Bool

    public init(value: Int, isLowerBound: Bool) {
        self.value = value
        self.isLowerBound = isLowerBound
    }

    public var description: String { isLowerBound ? ">\(value)" : "\(value)" }
}

/// The grade of an official count (`reliability` column: `high`, `medium` or `low`, optionally
/// followed by a parenthesised qualifier).
public enum ReliabilityGrade: String, Sendable, Hashable, CaseIterable {
    case high, medium, low
}

/// One identified China national MIC with its approval date as an interval (a row of
/// `china_mics.csv`).
public struct ApprovalEvent: Sendable, Hashable {
    /// `CN-01` …
    public let id: String
    /// The English name.
    public let name: String
    /// The days the approval (or its announcement) may fall on; `nil` when the precision is
    /// `unknown`. See ``DateSpan`` for the rule.
    public let interval: DateSpan?
    public let precision: DatePrecision
    public let sourceURL: String
    /// The row's notes (evidence, windows, conflicts).
    public let notes: String
    /// The bracketed tag that opens the notes, without brackets (`moderate`, `year only`,
    /// `LOW confidence`, `uncertain/estimated` …), when there is one.
    public let confidenceTag: String?
    /// The line of the row in the CSV file.
    public let line: Int

    /// Whether the notes tag the row as resting on a low-quality source (`[LOW confidence…]`).
    public var isLowConfidence: Bool { confidenceTag?.lowercased().hasPrefix("low confidence") ?? false }
}

/// An officially stated count of centres at a date (a row of `official_center_counts.csv`).
public struct CountObservation: Sendable, Hashable {
    /// `China MICs` or `Manufacturing USA`.
    public let program: String
    /// The date as written (`2022 (mid)`, `2019-06-25`).
    public let dateText: String
    /// The days the statement refers to; see ``DateSpan`` for the rule and the metadata's
    /// qualifiers for `YYYY (qualifier)`.
    public let interval: DateSpan
    /// The stated cumulative count.
    public let count: Int
    /// What is counted, as stated (`national, cumulative`, `national, at least`, `target set`, …).
    public let countType: String
    /// China's provincial MICs stated in the same source, if any.
    public let provincialCount: StatedCount?
    /// The reliability as written (`medium (derived)`).
    public let reliability: String
    public let sourceURL: String
    /// The quote or the note on how the count was derived.
    public let note: String
    /// The line of the row in the CSV file.
    public let line: Int

    /// `high`, `medium` or `low`: the first word of ``reliability``.
    public var reliabilityGrade: ReliabilityGrade? {
        ReliabilityGrade(rawValue: String(reliability.prefix { $0.isLetter }))
    }

    /// Whether the row states a target rather than a count of existing centres.
    public var isTarget: Bool { countType.hasPrefix("target") }

    /// Whether the count is a lower bound ("at least").
    public var isLowerBound: Bool { countType.contains("at least") }
}

extension Dataset {
    /// The rows of a China MIC table (`china_mics.csv`) as approval events, in file order.
    ///
    /// Needs the columns `id`, `name_en`, `approved_date`, `date_precision`, `source_url` and
    /// `notes`. The dataset was validated on loading, so dates and precisions are consistent.
    /// - Throws: ``DataError`` when a needed column is missing or a cell is malformed.
    public func approvalEvents() throws -> [ApprovalEvent] {
        let columns = try ["id", "name_en", "approved_date", "date_precision", "source_url", "notes"].map(table.columnIndex(named:))
        return try (0..<table.rowCount).map { row in
            let record = table.record(at: row)
            let cells = columns.map(record.field(at:))
            guard let precision = DatePrecision(rawValue: cells[3]) else {
                throw cellError(record, columns[3], "'\(cells[3])' is not a date precision")
            }
            let interval: DateSpan?
            do {
                interval = try DateSpan.parse(cells[2], precision: precision)
            } catch {
                throw cellError(record, columns[2], "\(error)")
            }
            return ApprovalEvent(id: cells[0], name: cells[1], interval: interval, precision: precision, sourceURL: cells[4],
                                 notes: cells[5], confidenceTag: Self.leadingTag(cells[5]), line: record.line)
        }
    }

    /// The rows of an official-count table (`official_center_counts.csv`), in file order.
    ///
    /// Needs the columns `program`, `date`, `count`, `count_type`, `provincial_count`,
    /// `source_url`, `quote_or_note` and `reliability`; `date` is read with the qualifiers the
    /// metadata declares for it.
    /// - Throws: ``DataError`` when a needed column is missing or a cell is malformed.
    public func countObservations() throws -> [CountObservation] {
        let names = ["program", "date", "count", "count_type", "provincial_count", "source_url", "quote_or_note", "reliability"]
        let columns = try names.map(table.columnIndex(named:))
        let qualifiers = metadata.column(named: "date")?.qualifiers ?? []
        return try (0..<table.rowCount).map { row in
            let record = table.record(at: row)
            let cells = columns.map(record.field(at:))
            let interval: DateSpan
            do {
                interval = try DateSpan.parse(cells[1], qualifiers: qualifiers)
            } catch {
                throw cellError(record, columns[1], "\(error)")
            }
            guard let count = CellCheck.integer(cells[2]) else {
                throw cellError(record, columns[2], "'\(cells[2])' is not a whole number")
            }
            var provincial: StatedCount?
            if !cells[4].isEmpty {
                guard let value = CellCheck.integerBound(cells[4]) else {
                    throw cellError(record, columns[4], "'\(cells[4])' is not a whole number or a bound like '>260'")
                }
                provincial = value
            }
            return CountObservation(program: cells[0], dateText: cells[1], interval: interval, count: count, countType: cells[3],
                                    provincialCount: provincial, reliability: cells[7], sourceURL: cells[5], note: cells[6],
                                    line: record.line)
        }
    }

    private func cellError(_ record: CSVRecord, _ column: Int, _ message: String) -> DataError {
        let position = record.positions[column]
        return DataError(file: file, line: position.line, column: position.column, message: message)
    }

    /// The text inside a `[...]` that opens `notes`.
    static func leadingTag(_ notes: String) -> String? {
        guard notes.hasPrefix("["), let close = notes.firstIndex(of: "]") else { return nil }
        return String(notes[notes.index(after: notes.startIndex)..<close])
    }
}

/// The program datasets shipped in `Data/programs/` and their typed views.
public enum ProgramDatasets {
    /// China national MICs, one row per identified centre.
    public static let chinaMICs = "china_mics"
    /// Officially stated cumulative counts (China MICs, Manufacturing USA).
    public static let officialCounts = "official_center_counts"
    /// Manufacturing USA institutes.
    public static let manufacturingUSA = "manufacturing_usa"
    /// Fraunhofer yearly figures.
    public static let fraunhofer = "fraunhofer"
    /// All of them.
    public static let all = [chinaMICs, officialCounts, manufacturingUSA, fraunhofer]

    /// The program named `program` in `official_center_counts.csv`.
    public static let chinaProgram = "China MICs"
    public static let manufacturingUSAProgram = "Manufacturing USA"

    /// Loads and validates dataset `name` from `<dataDirectory>/programs/`.
    /// - Parameter displayDirectory: how `dataDirectory` is shown in errors (default `Data`).
    /// - Throws: ``DataErrors`` with every problem of the CSV and its metadata.
    public static func load(_ name: String, dataDirectory: URL, displayDirectory: String = "Data") throws -> Dataset {
        let relative = "\(DataCatalog.programsFolder)/\(name).csv"
        return try Dataset.load(csv: dataDirectory.appendingPathComponent(relative),
                                displayPath: (displayDirectory as NSString).appendingPathComponent(relative))
    }

    /// The identified China MICs as approval events (30 rows in the shipped data).
    public static func chinaApprovalEvents(dataDirectory: URL, displayDirectory: String = "Data") throws -> [ApprovalEvent] {
        try load(chinaMICs, dataDirectory: dataDirectory, displayDirectory: displayDirectory).approvalEvents()
    }

    /// The officially stated counts, both programs.
    public static func officialCountObservations(dataDirectory: URL, displayDirectory: String = "Data") throws -> [CountObservation] {
        try load(officialCounts, dataDirectory: dataDirectory, displayDirectory: displayDirectory).countObservations()
    }
}

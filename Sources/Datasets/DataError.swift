import Foundation

/// A problem in an input file, located by file, line and column.
///
/// Every reader in this module reports malformed input with this type (never a crash), so a
/// command-line tool can print ``description`` and exit with code 65 (`EX_DATAERR`).
///
/// Lines and columns are 1-based. A column counts characters within its line: Unicode scalars
/// for CSV files (which are read as bytes), `Character`s for NIST StRD files. A byte order mark is
/// not counted.
public struct DataError: Error, CustomStringConvertible, Hashable, Sendable {
    /// The file as it should be shown to the user (the path given on the command line, say).
    public var file: String
    /// The 1-based line of the problem, when the problem has a location in the file.
    public var line: Int?
    /// The 1-based column of the problem within ``line``, when known.
    public var column: Int?
    /// What is wrong, in words a user can act on.
    public var message: String

    /// A problem in `file`, optionally located at `line` and `column`.
    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `path:line:column: message`, leaving out the line and column when they are unknown
    /// (the column is only shown together with a line).
    public var description: String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return "\(location): \(message)"
    }
}

extension DataError: LocalizedError {
    /// The same text as ``description``, so `localizedDescription` is informative too.
    public var errorDescription: String? { description }
}

/// Several problems found in one pass, for validations that report everything at once.
///
/// ``errors`` holds at most the number of problems the reporting function was asked to keep, in
/// file order; ``omittedCount`` counts the further problems that were found but not kept.
public struct DataErrors: Error, CustomStringConvertible, Hashable, Sendable {
    /// The problems kept, in the order of their position in the file.
    public var errors: [DataError]
    /// How many further problems were found beyond ``errors``.
    public var omittedCount: Int

    /// A collection of `errors`, plus `omittedCount` problems that were counted but not kept.
    public init(_ errors: [DataError], omittedCount: Int = 0) {
        self.errors = errors
        self.omittedCount = omittedCount
    }

    /// One problem per line, in ``DataError/description`` form, then the number of omitted ones.
    public var description: String {
        var lines = errors.map(\.description)
        if omittedCount > 0 {
            lines.append("… and \(omittedCount) more problem\(omittedCount == 1 ? "" : "s")")
        }
        return lines.joined(separator: "\n")
    }
}

extension DataErrors: LocalizedError {
    /// The same text as ``description``.
    public var errorDescription: String? { description }
}

/// Accumulates problems up to a limit, then throws them together as ``DataErrors``.
///
/// Callers record problems in file order, so that the kept ones are the first in the file.
struct DataErrorCollector {
    private let limit: Int
    private var kept: [DataError] = []
    private var omitted = 0

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    mutating func record(_ error: DataError) {
        if kept.count < limit { kept.append(error) } else { omitted += 1 }
    }

    /// Throws the collected problems, in the order they were recorded, if there are any.
    func throwIfAny() throws {
        guard !kept.isEmpty else { return }
        throw DataErrors(kept, omittedCount: omitted)
    }
}

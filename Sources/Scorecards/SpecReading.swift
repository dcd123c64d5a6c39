import Datasets
import Foundation
import Yams

// Specifications are read with Datasets' located YAML reading (`YAMLProblems`, `YAMLMapping`)
// under its strict conventions; problems found in the CSV matrix a specification names are
// located with `SpecLocation`.

/// A place in a specification file or in the CSV matrix it names.
public struct SpecLocation: Sendable, Hashable {
    /// The display path of the file.
    public let file: String
    /// 1-based line, when known.
    public let line: Int?
    /// 1-based column, when known.
    public let column: Int?

    public init(file: String, line: Int?, column: Int?) {
        self.file = file
        self.line = line
        self.column = column
    }
}

extension YAMLProblems {
    /// Records a problem at `location` (any file; without a location, at the specification),
    /// prefixed by its key path.
    mutating func record(_ message: String, at location: SpecLocation?, path: String) {
        record(message, file: location?.file ?? source, line: location?.line, column: location?.column, path: path)
    }

    /// The location of `node` in the specification file.
    func location(of node: Node?) -> SpecLocation {
        SpecLocation(file: source, line: node?.mark?.line, column: node?.mark?.column)
    }
}

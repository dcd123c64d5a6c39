import Foundation
import Testing

/// Reads the CSV files written by `Fixtures/make_fixtures.py`.
///
/// The path is derived from `#filePath` (not `Bundle.module`) so the fixtures need no
/// resource declaration in the manifest; symlinks are resolved so the same code works when
/// the test sources are linked into another package.
enum Fixture {
    static func url(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
            .appendingPathComponent(name)
    }

    /// The rows of a headed CSV file as dictionaries keyed by column name. Fixture values
    /// never contain commas or quotes, so a plain split is exact.
    static func rows(_ name: String) throws -> [[String: String]] {
        let text = try String(contentsOf: url(name), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard !lines.isEmpty else { return [] }
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        return lines.map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, fields))
        }
    }
}

/// `|actual − expected| / max(|expected|, floor)`; infinite if exactly one side is NaN.
func relativeError(_ actual: Double, _ expected: Double, floor: Double = 1e-300) -> Double {
    if actual.isNaN || expected.isNaN { return actual.isNaN && expected.isNaN ? 0 : .infinity }
    if actual == expected { return 0 }
    return abs(actual - expected) / max(abs(expected), floor)
}

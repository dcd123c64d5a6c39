import Foundation
import Testing

@testable import Datasets

/// Shared locations and helpers for the Datasets tests.
enum TestSupport {
    /// The package root, three levels above this file (symbolic links resolved, so this also works
    /// from a scratch package whose test folder links here).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .resolvingSymlinksInPath()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The folder holding the NIST StRD reference files.
    static let strdDirectory = packageRoot.appendingPathComponent("Data/reference/strd")

    /// Runs `body` with a fresh temporary directory that is removed afterwards.
    static func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("DatasetsTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(directory)
    }

    /// The `DataError` thrown by `body`, or a recorded issue and `nil` if it throws something else
    /// or nothing.
    static func dataError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> DataError? {
        do {
            try body()
            Issue.record("expected a DataError, nothing was thrown", sourceLocation: sourceLocation)
        } catch let error as DataError {
            return error
        } catch {
            Issue.record("expected a DataError, got \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }
}

import Foundation

/// Writing output files atomically: the content goes to a temporary file in the same folder,
/// which is then renamed over the target, so that a reader never sees a half-written file and
/// a failure leaves the previous file (or none) in place.
public enum OutputFile {
    /// Writes `contents` to `url` atomically.
    /// - Throws: ``OutputFileError`` naming the path and the reason.
    public static func write(_ contents: String, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw OutputFileError(path: url.path, reason: "the folder \(folder.path) does not exist")
        }
        do {
            try Data(contents.utf8).write(to: url, options: .atomic)
        } catch {
            let code = (error as NSError).code
            throw OutputFileError(path: url.path, reason: code == CocoaError.fileWriteNoPermission.rawValue ? "permission denied" : "write failed (error \(code))")
        }
    }
}

/// An output file could not be written.
public struct OutputFileError: Error, CustomStringConvertible, Equatable, Sendable {
    public let path: String
    public let reason: String
    public var description: String { "cannot write \(path): \(reason)" }

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

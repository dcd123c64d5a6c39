import Foundation

/// Opening and reading files, with failures reported as ``DataError`` in our words.
public enum FileAccess {
    /// The whole contents of the file at `url`: a regular file memory-mapped when the system
    /// considers it safe, a device or FIFO (`/dev/null`, `/dev/stdin`, `<(…)`) read to its end.
    /// - Throws: ``DataError`` naming `source`.
    public static func contents(of url: URL, source: String) throws -> Data {
        try requireRegularFile(url, source: source)
        do {
            var info = stat()
            if stat(url.path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
                return try handle(forReading: url, source: source).readToEnd() ?? Data()
            }
            return try Data(contentsOf: url, options: .mappedIfSafe)
        } catch let error as DataError {
            throw error
        } catch {
            throw DataError(file: source, message: "cannot read the file: \(reason(error))")
        }
    }

    /// A handle for reading the file at `url` from its start.
    static func handle(forReading url: URL, source: String) throws -> FileHandle {
        try requireRegularFile(url, source: source)
        do {
            return try FileHandle(forReadingFrom: url)
        } catch {
            throw DataError(file: source, message: "cannot open the file: \(reason(error))")
        }
    }

    /// Up to `count` further bytes from `handle`; empty at the end of the file.
    static func read(_ handle: FileHandle, upTo count: Int, source: String) throws -> Data {
        do {
            return try handle.read(upToCount: count) ?? Data()
        } catch {
            throw DataError(file: source, message: "cannot read the file: \(reason(error))")
        }
    }

    /// Rejects a directory given where a file is expected, with a message that says so.
    private static func requireRegularFile(_ url: URL, source: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw DataError(file: source, message: "is a directory, not a file")
        }
    }

    /// A short reason for a Foundation file error.
    private static func reason(_ error: any Error) -> String {
        switch (error as? CocoaError)?.code {
        case .fileReadNoSuchFile?, .fileNoSuchFile?: return "no such file"
        case .fileReadNoPermission?: return "permission denied"
        default:
            let code = (error as NSError).code
            return code == 0 ? "unreadable" : "unreadable (error \(code))"
        }
    }
}

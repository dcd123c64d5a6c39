import Foundation

/// Opening and reading files, with failures reported as ``DataError``.
enum FileAccess {
    /// The whole contents of the file at `url` (memory-mapped when the system considers it safe).
    static func contents(of url: URL, source: String) throws -> Data {
        do {
            return try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw DataError(file: source, message: "cannot read the file: \(reason(error))")
        }
    }

    /// A handle for reading the file at `url` from its start.
    static func handle(forReading url: URL, source: String) throws -> FileHandle {
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

    /// A short reason for a Foundation file error.
    private static func reason(_ error: any Error) -> String {
        switch (error as? CocoaError)?.code {
        case .fileReadNoSuchFile?, .fileNoSuchFile?: return "no such file"
        case .fileReadNoPermission?: return "permission denied"
        default: return error.localizedDescription
        }
    }
}

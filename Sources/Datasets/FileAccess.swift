import Foundation

/// Opening and reading input files, with every failure reported as a ``DataError`` in our own
/// words (never Foundation's "The operation could not be completed…").
///
/// Regular files are memory-mapped when the system considers it safe. Other readable files —
/// a FIFO such as a shell's `<(…)`, a character device such as `/dev/null` or `/dev/stdin` —
/// are read to their end, up to ``maximumStreamedBytes``.
public enum FileAccess {
    /// The most bytes read from an input that is not a regular file: 1 GiB (so `/dev/zero`
    /// cannot fill the memory).
    public static let maximumStreamedBytes = 1 << 30

    /// The whole contents of the file at `url`; `source` names it in messages.
    /// - Throws: ``DataError`` naming `source`: no such file, a directory, permission denied,
    ///   unreadable, or longer than ``maximumStreamedBytes`` for a stream.
    public static func contents(of url: URL, source: String) throws(DataError) -> Data {
        switch try kind(of: url, source: source) {
        case .regular:
            do {
                return try Data(contentsOf: url, options: .mappedIfSafe)
            } catch {
                throw DataError(file: source, message: "cannot read the file: \(reason(error))")
            }
        case .stream:
            let handle = try openForReading(url, source: source)
            defer { try? handle.close() }
            var data = Data()
            while true {
                let chunk = try read(handle, upTo: 1 << 20, source: source)
                if chunk.isEmpty { return data }
                data.append(chunk)
                guard data.count <= maximumStreamedBytes else {
                    throw DataError(file: source, message: "the input is longer than \(maximumStreamedBytes) bytes (1 GiB), the limit for a stream")
                }
            }
        }
    }

    /// A handle for reading the file at `url` from its start.
    static func handle(forReading url: URL, source: String) throws(DataError) -> FileHandle {
        _ = try kind(of: url, source: source, action: "open")
        return try openForReading(url, source: source)
    }

    /// Up to `count` further bytes from `handle`; empty at the end of the file.
    static func read(_ handle: FileHandle, upTo count: Int, source: String) throws(DataError) -> Data {
        do {
            return try handle.read(upToCount: count) ?? Data()
        } catch {
            throw DataError(file: source, message: "cannot read the file: \(reason(error))")
        }
    }

    private enum Kind { case regular, stream }

    /// Whether `url` is a regular file or another readable kind; a missing path, a directory
    /// or a socket is refused with a message that says so.
    private static func kind(of url: URL, source: String, action: String = "read") throws(DataError) -> Kind {
        var status = stat()
        guard stat(url.path, &status) == 0 else {
            throw DataError(file: source, message: "cannot \(action) the file: \(describe(errno: errno))")
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: throw DataError(file: source, message: "is a directory, not a file")
        case S_IFSOCK: throw DataError(file: source, message: "is a socket, not a file")
        default: return .stream
        }
    }

    private static func openForReading(_ url: URL, source: String) throws(DataError) -> FileHandle {
        do {
            return try FileHandle(forReadingFrom: url)
        } catch {
            throw DataError(file: source, message: "cannot open the file: \(reason(error))")
        }
    }

    /// A short reason for a Foundation file error, from its POSIX error where it has one.
    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return describe(errno: Int32(underlying.code))
        }
        if nsError.domain == NSPOSIXErrorDomain { return describe(errno: Int32(nsError.code)) }
        switch (error as? CocoaError)?.code {
        case .fileReadNoSuchFile?, .fileNoSuchFile?: return "no such file"
        case .fileReadNoPermission?: return "permission denied"
        case .fileReadTooLarge?: return "the file is too large to read"
        case .fileReadUnknown?: return "unreadable"
        default: return nsError.code == 0 ? "unreadable" : "unreadable (error \(nsError.code))"
        }
    }

    /// Our words for the `errno` values a read can meet.
    static func describe(errno code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case ENOTDIR: "a folder on the path is a file"
        case EACCES, EPERM: "permission denied"
        case EISDIR: "is a directory, not a file"
        case EIO: "input/output error"
        case ENAMETOOLONG: "the path is too long"
        case ELOOP: "too many symbolic links on the path"
        case ENXIO, ENODEV: "no such device"
        case EINVAL: "the file cannot be read this way"
        case EMFILE, ENFILE: "too many open files"
        default: "unreadable (errno \(code))"
        }
    }
}

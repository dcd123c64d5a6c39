import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command writes its output, checked against the output policy before any work is done.
///
/// The policy, the same for every command and every `--out`:
/// - `-` is standard output; no file of that name is created.
/// - A symbolic link is followed (the whole chain); what is replaced is its final target, and the
///   link stays a link.
/// - A target that is an input of the run (same device and inode after following links, so a
///   hard link or a symbolic link to the input counts) is refused.
/// - An existing folder, socket or block device is refused.
/// - An existing character device (`/dev/null`, `/dev/full`, a terminal) or FIFO is written in
///   place and never replaced; a write error (such as `ENOSPC` from `/dev/full`) is reported.
/// - An existing read-only file is refused: one with no write bit at all (refused even for root,
///   whom `access(2)` would let through) or one this process may not write.
/// - Otherwise the content goes to a temporary file next to the target (see ``TemporaryFiles``),
///   which is renamed over it once complete: a reader sees the old file or the new one, never a
///   part. A replaced file keeps its permission bits (and, where allowed, its owner); a new one
///   gets `0666` less the umask.
/// - The folder must exist and be writable.
///
/// Create the target at the start of a command (that is the check) and write at the end;
/// ``writer()`` checks again, since the file system may have changed meanwhile.
public struct OutputTarget: Sendable, Equatable {
    /// What is written where.
    public enum Destination: Sendable, Equatable {
        case standardOutput
        /// A regular file (existing or new) at this path, links resolved, replaced atomically.
        case replacement(path: String)
        /// An existing character device or FIFO at this path, links resolved, written in place.
        case inPlace(path: String)
    }

    /// The name that means standard output.
    public static let standardOutputName = "-"

    /// The path as given, for messages.
    public let path: String
    public let destination: Destination
    /// The inputs of the run, as given and as identified when the target was checked (an input
    /// is identified again when the target is opened).
    private let inputs: [Input]
    private let inputPaths: [String]

    private struct Input: Sendable, Equatable {
        let path: String
        let identity: FileIdentity
    }

    /// Checks `path` against the policy.
    /// - Parameter inputs: every file the run reads (missing ones are skipped).
    /// - Throws: ``OutputFileError`` with the reason the target is refused.
    public init(_ path: String, inputs: [String] = []) throws(OutputFileError) {
        try self.init(path, inputPaths: inputs, identified: [])
    }

    /// Checks `path` against the inputs as they are now and as they were (`identified`).
    private init(_ path: String, inputPaths: [String], identified: [Input]) throws(OutputFileError) {
        let now = inputPaths.compactMap { input in FileStatus(path: input).map { Input(path: input, identity: $0.identity) } }
        let inputs = identified + now.filter { !identified.contains($0) }
        self.path = path
        self.inputPaths = inputPaths
        self.inputs = inputs
        guard path != Self.standardOutputName else {
            destination = .standardOutput
            return
        }
        guard !path.isEmpty, !path.hasSuffix("/") else { throw OutputFileError(path: "'\(path)'", reason: "give a file name") }
        let resolved = try Self.resolveLinks(path)
        guard let status = FileStatus(path: resolved) else {
            try Self.requireWritableFolder(of: resolved, shownAs: path)
            destination = .replacement(path: resolved)
            return
        }
        if let input = inputs.first(where: { $0.identity == status.identity }) {
            throw OutputFileError(path: path, reason: "it is an input of this run (\(input.path)); write the output to another file")
        }
        switch status.kind {
        case .directory: throw OutputFileError(path: path, reason: "it is a folder; give a file name")
        case .socket: throw OutputFileError(path: path, reason: "it is a socket; give a file, a FIFO or a character device")
        case .blockDevice, .other: throw OutputFileError(path: path, reason: "it is a block device or special file; foresight does not write there")
        case .regular, .characterDevice, .fifo: break
        }
        if status.hasNoWriteBits || access(resolved, W_OK) != 0 {
            throw OutputFileError(path: path, reason: "it is read-only (mode \(String(status.permissions, radix: 8))); make it writable or choose another file")
        }
        if status.kind == .regular {
            try Self.requireWritableFolder(of: resolved, shownAs: path)
            destination = .replacement(path: resolved)
        } else {
            destination = .inPlace(path: resolved)
        }
    }

    /// Opens the target for writing, after checking it again.
    public func writer() throws(OutputFileError) -> OutputWriter {
        let current = try OutputTarget(path, inputPaths: inputPaths, identified: inputs)
        return try OutputWriter(target: current)
    }

    /// Writes `contents` in full (see the policy above).
    public func write(_ contents: String) throws(OutputFileError) {
        let writer = try writer()
        try writer.write(contents)
        try writer.commit()
    }

    /// The end of the chain of symbolic links that starts at `path` (the path itself when it is
    /// not a link); the end may not exist yet.
    static func resolveLinks(_ path: String) throws(OutputFileError) -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, Int(PATH_MAX))
            guard length > 0 else { throw OutputFileError(path: path, reason: "cannot read the symbolic link \(current)") }
            let link = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : Self.folder(of: current) + "/" + link
        }
        throw OutputFileError(path: path, reason: "too many levels of symbolic links")
    }

    /// The folder part of `path` (`.` for a bare name).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The file-name part of `path`.
    static func fileName(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }

    private static func requireWritableFolder(of resolved: String, shownAs path: String) throws(OutputFileError) {
        let folder = folder(of: resolved)
        guard let status = FileStatus(path: folder), status.kind == .directory else {
            throw OutputFileError(path: path, reason: "the folder \(folder) does not exist")
        }
        guard access(folder, W_OK | X_OK) == 0 else {
            throw OutputFileError(path: path, reason: "cannot create files in the folder \(folder) (\(systemError()))")
        }
    }
}

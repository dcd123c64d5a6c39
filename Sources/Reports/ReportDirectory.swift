import Datasets
import Foundation
import OutputFiles
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A report folder, written as a transaction.
///
/// - **Nothing the report did not write is overwritten:** the folder keeps a manifest
///   (``manifestName``, `sha256sum` format) of the files the report wrote; an existing file is
///   replaced only when its SHA-256 is the one recorded (unchanged since the report wrote it) —
///   otherwise ``ReportDirectoryError/wouldOverwrite(_:)`` names it and nothing is written.
/// - **One writer at a time:** opening the folder takes an exclusive `flock(2)` on the folder
///   itself (no lock file); a second run fails at once with ``ReportDirectoryError/busy(_:)``.
/// - **Complete or repaired:** every file goes through the output policy (``OutputTarget``):
///   written in full to a temporary file beside it first. When all are written, a journal
///   (``journalName``) listing the new generation is written, then the files are renamed into
///   place one by one (each rename is atomic), then the manifest, and the journal is removed.
///   A run killed at any moment leaves the old files, the new ones, or (between renames) a mix
///   of the two generations that the journal lists; the next open reconciles the manifest with
///   the files on disk that match either generation, removes the journal and the dead run's
///   temporary files, and goes on. A file that matches neither generation is still refused.
/// - **Inputs are safe:** a file that resolves to an input of the run is refused, and so is a
///   folder that is, or lies inside, an input folder.
public final class ReportDirectory {
    /// The folder as given, for messages.
    public let path: String
    /// The manifest's file name.
    public static let manifestName = ".foresight-report-manifest"
    /// The journal's file name: present only while (or after a kill while) files are renamed.
    public static let journalName = ".foresight-report-journal"

    private let inputs: [String]
    private let lock: Int32
    /// File name → SHA-256 of the files the report wrote.
    private var manifest: [String: String]

    /// Opens the folder at `path` (created with its parents if missing), locks it, repairs what
    /// an interrupted run left, and checks it against the inputs.
    /// - Parameters:
    ///   - inputs: every file the run reads; none of them is ever written.
    ///   - inputFolders: folders the report may not be written into (nor into a folder inside them).
    /// - Throws: ``ReportDirectoryError``.
    public init(path: String, inputs: [String] = [], inputFolders: [String] = []) throws(ReportDirectoryError) {
        self.path = path
        self.inputs = inputs
        try Self.requireOutside(inputFolders, folder: path)
        try Self.createFolder(path)
        let descriptor = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotWrite(path, "cannot open the folder (\(String(cString: strerror(errno))))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw busy ? .busy(path) : .cannotWrite(path, "cannot lock the folder (\(reason))")
        }
        lock = descriptor
        TemporaryFiles.removeStale(in: path)
        manifest = Self.readEntries(Self.file(Self.manifestName, in: path))
        try repair()
    }

    deinit { close(lock) }

    /// Checks that none of `names` is a file the report may not replace.
    /// - Throws: ``ReportDirectoryError/wouldOverwrite(_:)`` listing them.
    public func check(_ names: [String]) throws(ReportDirectoryError) {
        let conflicts = names.filter { !isReplaceable($0) }
        guard conflicts.isEmpty else { throw .wouldOverwrite(conflicts.map(file)) }
    }

    /// Writes `files` (name → contents) into the folder as one transaction (see the type).
    /// - Returns: the paths written.
    @discardableResult
    public func write(_ files: [(name: String, content: String)]) throws(ReportDirectoryError) -> [String] {
        try check(files.map(\.name))
        var writers: [OutputWriter] = []
        var generation = manifest
        do {
            for entry in files {
                let writer = try OutputTarget(file(entry.name), inputs: inputs).writer()
                writers.append(writer)
                try writer.write(entry.content)
                generation[entry.name] = SHA256.hexDigest(Array(entry.content.utf8))
            }
            try OutputTarget(file(Self.journalName)).write(Self.render(generation))
            for writer in writers { try writer.commit() }
            try OutputTarget(file(Self.manifestName)).write(Self.render(generation))
        } catch {
            for writer in writers { writer.abandon() }
            throw .cannotWrite(error.path, error.reason)
        }
        manifest = generation
        unlink(file(Self.journalName))
        return files.map { file($0.name) }
    }

    // MARK: Repair and checks

    /// After a run killed between the journal and the manifest: every file that matches the old
    /// or the new generation is recorded as it is on disk; the journal goes.
    private func repair() throws(ReportDirectoryError) {
        let journalPath = file(Self.journalName)
        guard FileStatus(path: journalPath) != nil else { return }
        let journal = Self.readEntries(journalPath)
        var reconciled = manifest
        for name in Set(manifest.keys).union(journal.keys) {
            guard let digest = digest(of: name) else { continue }
            if digest == manifest[name] || digest == journal[name] { reconciled[name] = digest }
        }
        do { try OutputTarget(file(Self.manifestName)).write(Self.render(reconciled)) } catch {
            throw .cannotWrite(error.path, error.reason)
        }
        manifest = reconciled
        unlink(journalPath)
    }

    /// Whether `name` is absent, or a regular file whose contents the manifest records.
    private func isReplaceable(_ name: String) -> Bool {
        var info = stat()
        guard lstat(file(name), &info) == 0 else { return true }
        guard let recorded = manifest[name] else { return false }
        return digest(of: name) == recorded
    }

    /// The SHA-256 of the regular file `name` (links followed), or `nil` when it is not one.
    private func digest(of name: String) -> String? {
        guard FileStatus(path: file(name))?.kind == .regular, let data = FileManager.default.contents(atPath: file(name)) else { return nil }
        return SHA256.hexDigest(data)
    }

    /// The path of the file `name` in the folder.
    public func file(_ name: String) -> String { Self.file(name, in: path) }

    private static func file(_ name: String, in folder: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// Refuses a report folder that is, or lies inside, one of `inputFolders` (checked on the
    /// folder's nearest existing ancestor when it does not exist yet).
    private static func requireOutside(_ inputFolders: [String], folder: String) throws(ReportDirectoryError) {
        let protected = inputFolders.compactMap { input in FileStatus(path: input).map { (input, $0.identity) } }
        guard !protected.isEmpty else { return }
        var existing = URL(fileURLWithPath: folder).standardizedFileURL.path
        while FileStatus(path: existing) == nil, existing != "/" { existing = (existing as NSString).deletingLastPathComponent }
        guard let resolved = realpath(existing, nil) else { return }
        var current = String(cString: resolved)
        free(resolved)
        while true {
            if let identity = FileStatus(path: current)?.identity, let input = protected.first(where: { $0.1 == identity }) {
                throw .cannotWrite(folder, "it is the input folder \(input.0) or lies inside it; write the report elsewhere")
            }
            guard current != "/", !current.isEmpty else { return }
            current = (current as NSString).deletingLastPathComponent
        }
    }

    /// `mkdir -p`, with our messages.
    private static func createFolder(_ folder: String) throws(ReportDirectoryError) {
        if let status = FileStatus(path: folder) {
            guard status.kind == .directory else { throw .cannotWrite(folder, "it exists and is not a folder; give a folder for the report") }
            return
        }
        let parent = (folder as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != folder, FileStatus(path: parent) == nil { try createFolder(parent) }
        guard mkdir(folder, 0o777) == 0 || errno == EEXIST else {
            throw .cannotWrite(folder, "cannot create the folder (\(String(cString: strerror(errno))))")
        }
        guard FileStatus(path: folder)?.kind == .directory else { throw .cannotWrite(folder, "it exists and is not a folder") }
    }

    /// Entries of a manifest or journal: file name → SHA-256; empty when absent or unreadable.
    private static func readEntries(_ path: String) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        var entries: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2 else { continue }
            entries[parts[1].trimmingCharacters(in: .whitespaces)] = String(parts[0])
        }
        return entries
    }

    private static func render(_ entries: [String: String]) -> String {
        entries.keys.sorted().map { "\(entries[$0] ?? "")  \($0)" }.joined(separator: "\n") + "\n"
    }
}

/// Why a report folder could not be written.
public enum ReportDirectoryError: Error, CustomStringConvertible, Equatable {
    /// Files that exist and were not written by the report (or were changed since).
    case wouldOverwrite([String])
    /// Another run holds the folder's lock.
    case busy(String)
    case cannotWrite(String, String)

    public var description: String {
        switch self {
        case .wouldOverwrite(let paths):
            "will not overwrite files the report did not write (or that were changed since): \(paths.joined(separator: ", ")); "
                + "move them or choose another --out"
        case .busy(let folder):
            "another report is writing to \(folder); wait for it to finish or choose another --out"
        case .cannotWrite(let path, let reason):
            "cannot write \(path): \(reason)"
        }
    }
}

import Datasets
import Foundation

/// Writes a set of files into a folder safely.
///
/// - Nothing the report did not write is overwritten or deleted: the folder keeps a manifest
///   (``manifestName``) of the files the report wrote with their SHA-256; an existing file is
///   replaced only when the manifest lists it with the same digest (unchanged since the report
///   wrote it). Otherwise nothing is written and ``ReportDirectoryError/wouldOverwrite(_:)``
///   names the files.
/// - No half-written file: every file is first written in full to a temporary file in the same
///   folder; only when all are written are they renamed into place (each rename is atomic),
///   then the manifest. A failure before the renames removes the temporary files.
public struct ReportDirectory {
    public let url: URL
    /// The manifest's file name.
    public static let manifestName = ".foresight-report-manifest"

    public init(url: URL) { self.url = url }

    /// Writes `files` (name → contents) into the folder, creating it if needed.
    /// - Returns: the paths written.
    /// - Throws: ``ReportDirectoryError``.
    @discardableResult
    public func write(_ files: [(name: String, content: String)]) throws -> [URL] {
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw ReportDirectoryError.cannotWrite(url.path, error.localizedDescription)
        }
        let manifest = readManifest()
        let conflicts = files.map(\.name).filter { name in
            let path = url.appendingPathComponent(name).path
            guard manager.fileExists(atPath: path) else { return false }
            guard let recorded = manifest[name], let data = manager.contents(atPath: path) else { return true }
            return SHA256.hexDigest(data) != recorded
        }
        guard conflicts.isEmpty else { throw ReportDirectoryError.wouldOverwrite(conflicts.map { url.appendingPathComponent($0).path }) }

        var temporaries: [(temporary: URL, final: URL)] = []
        do {
            for file in files {
                let final = url.appendingPathComponent(file.name)
                let temporary = url.appendingPathComponent(".\(file.name).tmp-\(ProcessInfo.processInfo.processIdentifier)")
                guard manager.createFile(atPath: temporary.path, contents: Data(file.content.utf8)) else {
                    throw ReportDirectoryError.cannotWrite(final.path, "cannot create a temporary file in \(url.path)")
                }
                temporaries.append((temporary, final))
            }
        } catch {
            for pair in temporaries { try? manager.removeItem(at: pair.temporary) }
            throw error
        }
        for pair in temporaries {
            guard rename(pair.temporary.path, pair.final.path) == 0 else {
                let reason = String(cString: strerror(errno))
                for rest in temporaries where manager.fileExists(atPath: rest.temporary.path) { try? manager.removeItem(at: rest.temporary) }
                throw ReportDirectoryError.cannotWrite(pair.final.path, reason)
            }
        }
        var updated = manifest
        for file in files { updated[file.name] = SHA256.hexDigest(Array(file.content.utf8)) }
        let lines = updated.keys.sorted().map { "\(updated[$0] ?? "")  \($0)" }.joined(separator: "\n") + "\n"
        do {
            try OutputFile.write(lines, to: url.appendingPathComponent(Self.manifestName))
        } catch {
            throw ReportDirectoryError.cannotWrite(url.appendingPathComponent(Self.manifestName).path, "\(error)")
        }
        return temporaries.map(\.final)
    }

    /// The manifest: file name → SHA-256 (`sha256sum` format); empty when absent or unreadable.
    private func readManifest() -> [String: String] {
        guard let data = FileManager.default.contents(atPath: url.appendingPathComponent(Self.manifestName).path) else { return [:] }
        var entries: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2 else { continue }
            entries[parts[1].trimmingCharacters(in: .whitespaces)] = String(parts[0])
        }
        return entries
    }
}

/// Why a report folder could not be written.
public enum ReportDirectoryError: Error, CustomStringConvertible, Equatable {
    /// Files that exist and were not written by the report (or were changed since).
    case wouldOverwrite([String])
    case cannotWrite(String, String)

    public var description: String {
        switch self {
        case .wouldOverwrite(let paths):
            "will not overwrite files the report did not write (or that were changed since): \(paths.joined(separator: ", ")); "
                + "move them or choose another --out"
        case .cannotWrite(let path, let reason):
            "cannot write \(path): \(reason)"
        }
    }
}

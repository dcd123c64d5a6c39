import ArgumentParser
import Foundation
import OutputFiles
import Reports

extension ReportFormat: ExpressibleByArgument {}

/// Options shared by every command: where and how results are written.
public struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format.")
    public var format: ReportFormat = .text

    @Option(name: .long, help: """
        Write results to this file instead of standard output ('-' is standard output). A file is \
        replaced atomically and keeps its mode; a device or FIFO is written in place; an input of \
        the run, a read-only file or a folder is refused.
        """)
    public var out: String?

    public init() {}

    /// Checks `--out` against the output policy (see ``OutputTarget``) and the run's `inputs`:
    /// call it before any work, so that a bad target fails at once.
    /// - Throws: the usage-error exit with our message.
    func target(inputs: [String] = []) throws -> OutputTarget {
        do { return try OutputTarget(out ?? OutputTarget.standardOutputName, inputs: inputs) } catch {
            throw usageError(error.description)
        }
    }

    /// Renders `report` in `--format` and writes it to `target`.
    func emit(_ report: some RenderableReport, to target: OutputTarget) throws {
        try emit(report.render(format), to: target)
    }

    /// Writes `contents` to `target`.
    func emit(_ contents: String, to target: OutputTarget) throws {
        do { try target.write(contents) } catch { throw usageError(error.description) }
    }
}

/// The regular files under `folders` (recursively, sorted, hidden ones skipped) whose names end
/// with one of `suffixes` (every file when `nil`): the inputs of a command that reads whole
/// folders, which its output may not replace.
func inputFiles(under folders: [String], endingWith suffixes: [String]? = nil) -> [String] {
    folders.flatMap { root -> [String] in
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        return enumerator.compactMap { $0 as? String }.sorted().filter { relative in
            !relative.split(separator: "/").contains { $0.hasPrefix(".") } && (suffixes?.contains { relative.hasSuffix($0) } ?? true)
        }.map { (root as NSString).appendingPathComponent($0) }.filter { FileStatus(path: $0)?.kind == .regular }
    }
}

/// Fails validation unless `path` is an existing folder.
func requireFolder(_ path: String, option: String) throws {
    guard FileStatus(path: path)?.kind == .directory else {
        throw ValidationError("\(option) \(path): no such folder")
    }
}

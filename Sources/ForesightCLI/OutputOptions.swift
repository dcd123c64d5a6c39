import ArgumentParser
import Foundation
import Reports

/// Output formats every command supports.
public enum OutputFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    case text, markdown, csv, json
}

/// Options shared by every command: where and how results are written.
public struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format.")
    public var format: OutputFormat = .text

    @Option(name: .long, help: "Write results to this file (atomically) instead of standard output.")
    public var out: String?

    public init() {}

    /// Writes `contents` to `--out` or standard output.
    func emit(_ contents: String) throws {
        if let out {
            try OutputFile.write(contents, to: URL(fileURLWithPath: out))
        } else {
            FileHandle.standardOutput.write(Data(contents.utf8))
        }
    }
}

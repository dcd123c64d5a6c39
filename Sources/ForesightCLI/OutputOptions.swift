import ArgumentParser
import Foundation
import Reports

extension ReportFormat: ExpressibleByArgument {}

/// Options shared by every command: where and how results are written.
public struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format.")
    public var format: ReportFormat = .text

    @Option(name: .long, help: "Write results to this file (atomically) instead of standard output.")
    public var out: String?

    public init() {}

    /// Renders `report` in `--format` and writes it to `--out` or standard output.
    func emit(_ report: some RenderableReport) throws {
        try emit(report.render(format))
    }

    /// Writes `contents` to `--out` or standard output.
    func emit(_ contents: String) throws {
        if let out {
            do { try OutputFile.write(contents, to: URL(fileURLWithPath: out)) } catch let error as OutputFileError {
                throw usageError(error.description)
            }
        } else {
            FileHandle.standardOutput.write(Data(contents.utf8))
        }
    }
}

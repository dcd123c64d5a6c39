import Datasets
import Foundation
import OutputFiles
import Testing

@testable import Reports

/// A fresh report folder inside a temporary directory, removed when released.
final class ReportScratch {
    let root: URL
    var folder: String { root.appendingPathComponent("report").path }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("ReportDirectoryTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func path(_ name: String) -> String { folder + "/" + name }
    func read(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }
    func write(_ name: String, _ text: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: path(name))) }
    func entries() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder).sorted() }
}

/// One generation of a small report.
private func generation(_ tag: String) -> [(name: String, content: String)] {
    [("index.html", "<p>\(tag)</p>\n"), ("report.md", "# \(tag)\n"), ("report.json", "{\"tag\": \"\(tag)\"}\n")]
}

/// The process id of a process that has ended.
private func endedProcess() throws -> Int32 {
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/bin/true")
    try child.run()
    child.waitUntilExit()
    return child.processIdentifier
}

@Suite("ReportDirectory")
struct ReportDirectoryTests {
    @Test func writesAGenerationWithItsManifestAndNothingElse() throws {
        let scratch = try ReportScratch()
        try ReportDirectory(path: scratch.folder).write(generation("A"))
        #expect(try scratch.entries() == [ReportDirectory.manifestName, "index.html", "report.json", "report.md"])
        try ReportDirectory(path: scratch.folder).write(generation("B"))
        #expect(try scratch.read("report.md") == "# B\n")
        #expect(try scratch.entries() == [ReportDirectory.manifestName, "index.html", "report.json", "report.md"])
    }

    @Test func neverOverwritesAFileItDidNotWrite() throws {
        let scratch = try ReportScratch()
        try ReportDirectory(path: scratch.folder).write(generation("A"))
        try scratch.write("report.md", "edited by hand\n")
        #expect(throws: ReportDirectoryError.wouldOverwrite([scratch.path("report.md")])) {
            try ReportDirectory(path: scratch.folder).write(generation("B"))
        }
        #expect(try scratch.read("report.md") == "edited by hand\n")
        #expect(try scratch.read("index.html") == "<p>A</p>\n", "nothing was written")
    }

    /// A run killed between its renames left index.html new, the rest old, the journal and a
    /// temporary file: the next run repairs the folder by itself and succeeds.
    @Test func theNextRunRepairsARunKilledBetweenRenames() throws {
        let scratch = try ReportScratch()
        try ReportDirectory(path: scratch.folder).write(generation("A"))
        let manifestA = try scratch.read(ReportDirectory.manifestName)
        let b = generation("B")
        let journal = b.map { "\(SHA256.hexDigest(Array($0.content.utf8)))  \($0.name)" }
        try scratch.write(ReportDirectory.journalName, journal.joined(separator: "\n") + "\n")
        try scratch.write("index.html", b[0].content)
        let stale = ".report.md\(TemporaryFiles.marker)\(try endedProcess())-7"
        try scratch.write(stale, "# B, half")
        #expect(try scratch.read(ReportDirectory.manifestName) == manifestA)

        try ReportDirectory(path: scratch.folder).write(generation("C"))
        #expect(try scratch.read("index.html") == "<p>C</p>\n")
        #expect(try scratch.read("report.md") == "# C\n")
        #expect(try scratch.entries() == [ReportDirectory.manifestName, "index.html", "report.json", "report.md"],
                "journal and temporary file are gone")
    }

    /// A file that matches neither the old nor the new generation is still refused after a kill.
    @Test func repairStillRefusesFilesOfNeitherGeneration() throws {
        let scratch = try ReportScratch()
        try ReportDirectory(path: scratch.folder).write(generation("A"))
        let b = generation("B")
        try scratch.write(ReportDirectory.journalName, b.map { "\(SHA256.hexDigest(Array($0.content.utf8)))  \($0.name)" }.joined(separator: "\n") + "\n")
        try scratch.write("index.html", b[0].content)
        try scratch.write("report.md", "mine\n")
        #expect(throws: ReportDirectoryError.wouldOverwrite([scratch.path("report.md")])) {
            try ReportDirectory(path: scratch.folder).write(generation("C"))
        }
        #expect(try scratch.read("report.md") == "mine\n")
        // Once the user moves their file away, the run goes through.
        try FileManager.default.removeItem(atPath: scratch.path("report.md"))
        try ReportDirectory(path: scratch.folder).write(generation("C"))
        #expect(try scratch.read("report.md") == "# C\n")
    }

    @Test func aSecondWriterFailsFastWhileTheFirstHoldsTheFolder() throws {
        let scratch = try ReportScratch()
        do {
            let first = try ReportDirectory(path: scratch.folder)
            #expect(throws: ReportDirectoryError.busy(scratch.folder)) { try ReportDirectory(path: scratch.folder) }
            #expect(ReportDirectoryError.busy("out").description.hasPrefix("another report is writing to out"))
            try first.write(generation("A"))
        }
        // Released, the folder can be opened again.
        try ReportDirectory(path: scratch.folder).write(generation("B"))
        #expect(try scratch.read("report.md") == "# B\n")
    }

    @Test func inputsAndInputFoldersAreRefused() throws {
        let scratch = try ReportScratch()
        let data = scratch.root.appendingPathComponent("Data").path
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        for folder in [data, data + "/inner/report"] {
            #expect(throws: ReportDirectoryError.self) { try ReportDirectory(path: folder, inputFolders: [data]) }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: data).isEmpty, "no folder was created inside the input")
        // A report file that is a link to an input is refused and the input kept.
        try FileManager.default.createDirectory(atPath: scratch.folder, withIntermediateDirectories: true)
        let input = data + "/series.csv"
        try Data("x\n1\n".utf8).write(to: URL(fileURLWithPath: input))
        try FileManager.default.createSymbolicLink(atPath: scratch.path("index.html"), withDestinationPath: input)
        #expect(throws: ReportDirectoryError.self) {
            try ReportDirectory(path: scratch.folder, inputs: [input]).write(generation("A"))
        }
        #expect(try String(contentsOfFile: input, encoding: .utf8) == "x\n1\n")
    }

    @Test func aFileInsteadOfAFolderIsRefused() throws {
        let scratch = try ReportScratch()
        try Data("x".utf8).write(to: URL(fileURLWithPath: scratch.folder))
        #expect(throws: ReportDirectoryError.cannotWrite(scratch.folder, "it exists and is not a folder; give a folder for the report")) {
            try ReportDirectory(path: scratch.folder)
        }
    }
}

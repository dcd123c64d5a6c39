import Foundation
import Testing

@testable import OutputFiles

/// A fresh temporary directory, removed when released.
final class ScratchDirectory {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("OutputFilesTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        chmod(url.path, 0o755)
        try? FileManager.default.removeItem(at: url)
    }

    /// The full path of `name` in the directory.
    func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Every entry of the directory, hidden ones included, sorted.
    func entries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    func write(_ name: String, _ contents: String, mode: Int? = nil) throws {
        try Data(contents.utf8).write(to: url.appendingPathComponent(name))
        if let mode { try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file(name)) }
    }

    func read(_ name: String) throws -> String { try String(contentsOfFile: file(name), encoding: .utf8) }
}

/// The device number of /dev/null (major 1, minor 3) in Linux's encoding (`makedev` is a C macro).
private let nullDevice = dev_t((1 << 8) | 3)

/// `stat` of a path without following a final symbolic link.
private func linkStatus(_ path: String) -> stat? {
    var info = stat()
    return lstat(path, &info) == 0 ? info : nil
}

@Suite("OutputTarget: replacing regular files")
struct ReplacementTests {
    @Test func writesANewFileAndLeavesNoTemporaryFile() throws {
        let scratch = try ScratchDirectory()
        try OutputTarget(scratch.file("report.txt")).write("héllo, wörld\n")
        #expect(try scratch.read("report.txt") == "héllo, wörld\n")
        #expect(try scratch.entries() == ["report.txt"])
    }

    @Test func replacesAndLeavesNoTemporaryFiles() throws {
        let scratch = try ScratchDirectory()
        let target = scratch.file("report.json")
        try OutputTarget(target).write(String(repeating: "long previous content\n", count: 1000))
        for i in 0..<20 { try OutputTarget(target).write("version \(i)\n") }
        #expect(try scratch.read("report.json") == "version 19\n")
        #expect(try scratch.entries() == ["report.json"])
        try OutputTarget(target).write("")
        #expect(try scratch.read("report.json").isEmpty)
    }

    @Test func replacesAtomicallySoAReaderNeverSeesAPartialFile() throws {
        // A hard link to the previous file keeps the old contents, which an in-place rewrite would truncate.
        let scratch = try ScratchDirectory()
        let old = String(repeating: "old\n", count: 10_000)
        try scratch.write("out.txt", old)
        try FileManager.default.linkItem(atPath: scratch.file("out.txt"), toPath: scratch.file("reader-view.txt"))
        try OutputTarget(scratch.file("out.txt")).write("new\n")
        #expect(try scratch.read("out.txt") == "new\n")
        #expect(try scratch.read("reader-view.txt") == old, "the file was rewritten in place, not replaced")
    }

    @Test func aReplacedFileKeepsItsMode() throws {
        let scratch = try ScratchDirectory()
        for mode in [0o600, 0o640, 0o755] {
            try scratch.write("secret.txt", "old", mode: mode)
            try OutputTarget(scratch.file("secret.txt")).write("new")
            let attributes = try FileManager.default.attributesOfItem(atPath: scratch.file("secret.txt"))
            #expect((attributes[.posixPermissions] as? Int) == mode, "mode \(String(mode, radix: 8)) kept")
            #expect(try scratch.read("secret.txt") == "new")
        }
    }

    @Test func aSymbolicLinkIsFollowedAndStaysALink() throws {
        let scratch = try ScratchDirectory()
        try FileManager.default.createDirectory(atPath: scratch.file("real"), withIntermediateDirectories: true)
        try scratch.write("real/data.txt", "old")
        try FileManager.default.createSymbolicLink(atPath: scratch.file("link.txt"), withDestinationPath: "real/data.txt")
        try FileManager.default.createSymbolicLink(atPath: scratch.file("chain.txt"), withDestinationPath: "link.txt")
        try OutputTarget(scratch.file("chain.txt")).write("new")
        #expect(try scratch.read("real/data.txt") == "new")
        for link in ["link.txt", "chain.txt"] {
            let info = try #require(linkStatus(scratch.file(link)))
            #expect(info.st_mode & S_IFMT == S_IFLNK, "\(link) is still a symbolic link")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.file("real")) == ["data.txt"])
        // A dangling link creates its target.
        try FileManager.default.createSymbolicLink(atPath: scratch.file("dangling.txt"), withDestinationPath: "real/new.txt")
        try OutputTarget(scratch.file("dangling.txt")).write("created")
        #expect(try scratch.read("real/new.txt") == "created")
    }
}

@Suite("OutputTarget: refusals")
struct RefusalTests {
    @Test func anInputIsRefusedDirectlyThroughALinkAndThroughAHardLink() throws {
        let scratch = try ScratchDirectory()
        try scratch.write("data.csv", "x,y\n1,2\n")
        try FileManager.default.createSymbolicLink(atPath: scratch.file("alias.csv"), withDestinationPath: "data.csv")
        try FileManager.default.linkItem(atPath: scratch.file("data.csv"), toPath: scratch.file("hard.csv"))
        for name in ["data.csv", "alias.csv", "hard.csv"] {
            #expect {
                try OutputTarget(scratch.file(name), inputs: [scratch.file("data.csv")])
            } throws: { error in
                (error as? OutputFileError)?.reason.contains("is an input of this run") == true
            }
        }
        // Relative and absolute spellings of one file are one file.
        #expect(throws: OutputFileError.self) {
            try OutputTarget(scratch.path + "/./data.csv", inputs: [scratch.file("alias.csv")])
        }
        #expect(try scratch.read("data.csv") == "x,y\n1,2\n")
        // The check is made again when the file is opened: an input created meanwhile is refused too.
        let target = try OutputTarget(scratch.file("later.csv"), inputs: [scratch.file("later-input.csv")])
        try scratch.write("later-input.csv", "x")
        try FileManager.default.linkItem(atPath: scratch.file("later-input.csv"), toPath: scratch.file("later.csv"))
        #expect(throws: OutputFileError.self) { try target.write("y") }
        #expect(try scratch.read("later-input.csv") == "x")
    }

    @Test func aReadOnlyFileIsRefusedEvenForRoot() throws {
        let scratch = try ScratchDirectory()
        try scratch.write("locked.txt", "keep", mode: 0o444)
        #expect {
            try OutputTarget(scratch.file("locked.txt"))
        } throws: { error in
            (error as? OutputFileError)?.reason.contains("read-only (mode 444)") == true
        }
        #expect(try scratch.read("locked.txt") == "keep")
    }

    @Test func foldersMissingFoldersSocketsAndEmptyNamesAreRefused() throws {
        let scratch = try ScratchDirectory()
        try FileManager.default.createDirectory(atPath: scratch.file("folder"), withIntermediateDirectories: true)
        let cases: [(String, String)] = [
            (scratch.file("folder"), "it is a folder"),
            (scratch.file("folder") + "/", "give a file name"),
            (scratch.file("no/such/out.txt"), "the folder \(scratch.file("no/such")) does not exist"),
            ("", "give a file name"),
        ]
        for (path, reason) in cases {
            #expect {
                try OutputTarget(path)
            } throws: { error in
                (error as? OutputFileError)?.reason.contains(reason) == true
            }
        }
        let socketPath = scratch.file("s.sock")
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (i, byte) in socketPath.utf8.enumerated() where i < buffer.count - 1 { buffer[i] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0)
        #expect(throws: OutputFileError.self) { try OutputTarget(socketPath) }
        #expect(try scratch.entries() == ["folder", "s.sock"])
    }
}

@Suite("OutputTarget: standard output, devices and FIFOs")
struct InPlaceTests {
    @Test func dashIsStandardOutput() throws {
        #expect(try OutputTarget("-").destination == .standardOutput)
    }

    @Test func aCharacterDeviceIsWrittenInPlaceAndStaysADevice() throws {
        // A private device node with the numbers of /dev/null (1, 3) stands for /dev/null itself.
        let scratch = try ScratchDirectory()
        let node = scratch.file("null")
        guard mknod(node, S_IFCHR | 0o666, nullDevice) == 0 else {
            Issue.record("mknod failed (\(String(cString: strerror(errno)))); this test needs root")
            return
        }
        for _ in 0..<3 { try OutputTarget(node).write("discarded\n") }
        let info = try #require(linkStatus(node))
        #expect(info.st_mode & S_IFMT == S_IFCHR, "still a character device")
        #expect(info.st_rdev == nullDevice)
        #expect(try scratch.entries() == ["null"], "no temporary file beside the device")
        // /dev/null itself is a device before and after.
        try OutputTarget("/dev/null").write("discarded\n")
        #expect(try #require(linkStatus("/dev/null")).st_mode & S_IFMT == S_IFCHR)
    }

    @Test func aFullDeviceReportsTheWriteError() throws {
        guard FileStatus(path: "/dev/full")?.kind == .characterDevice else { return }
        #expect {
            try OutputTarget("/dev/full").write(String(repeating: "x", count: 100_000))
        } throws: { error in
            (error as? OutputFileError)?.description == "cannot write /dev/full: write failed (No space left on device)"
        }
        #expect(try #require(linkStatus("/dev/full")).st_mode & S_IFMT == S_IFCHR)
    }

    @Test func aFIFOIsWrittenInPlace() async throws {
        let scratch = try ScratchDirectory()
        let fifo = scratch.file("pipe")
        try #require(mkfifo(fifo, 0o644) == 0)
        let text = String(repeating: "a line through the pipe\n", count: 20_000)  // more than a pipe buffer
        let reader = Task.detached { () -> String in
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: fifo))
            defer { try? handle.close() }
            return String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
        }
        try OutputTarget(fifo).write(text)
        #expect(try await reader.value == text)
        #expect(try #require(linkStatus(fifo)).st_mode & S_IFMT == S_IFIFO, "still a FIFO")
        #expect(try scratch.entries() == ["pipe"])
    }
}

@Suite("TemporaryFiles")
struct TemporaryFilesTests {
    @Test func namesAreRecognisedWithTheirOwner() {
        let name = TemporaryFiles.name(for: "fits.csv")
        #expect(name.hasPrefix(".fits.csv.foresight-tmp-\(getpid())-"))
        #expect(TemporaryFiles.owner(of: name) == getpid())
        #expect(TemporaryFiles.owner(of: "fits.csv") == nil)
        #expect(TemporaryFiles.owner(of: ".x.foresight-tmp-abc-1") == nil)
    }

    @Test func staleFilesOfEndedProcessesAreRemovedOthersKept() throws {
        let scratch = try ScratchDirectory()
        // A process that has ended: a child that exited.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let stale = ".out.csv\(TemporaryFiles.marker)\(child.processIdentifier)-1f"
        let live = ".out.csv\(TemporaryFiles.marker)1-2e"  // pid 1 is alive
        try scratch.write(stale, "partial")
        try scratch.write(live, "in progress")
        try scratch.write("out.csv", "old")
        try scratch.write(".hidden", "mine")
        try OutputTarget(scratch.file("out.csv")).write("new")
        #expect(try scratch.entries() == [".hidden", live, "out.csv"])
        #expect(try scratch.read("out.csv") == "new")
    }

    @Test func anAbandonedWriterRemovesItsTemporaryFile() throws {
        let scratch = try ScratchDirectory()
        try scratch.write("out.txt", "old")
        do {
            let writer = try OutputTarget(scratch.file("out.txt")).writer()
            try writer.write("half")
            #expect(try scratch.entries().count == 2, "the temporary file exists while writing")
            #expect(try scratch.entries().contains { $0.hasPrefix(".out.txt.foresight-tmp-") })
        }
        #expect(try scratch.entries() == ["out.txt"])
        #expect(try scratch.read("out.txt") == "old")
    }
}

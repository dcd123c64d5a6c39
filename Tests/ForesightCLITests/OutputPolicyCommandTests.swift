import Foundation
import Testing

/// The output policy as every command applies it (README, "Output files"): inputs are never
/// replaced, read-only files are refused, modes are kept, links followed, devices and FIFOs written
/// in place, `-` is standard output, temporary files never stay behind.
@Suite("--out policy (process)")
struct OutputPolicyCommandTests {
    static let regress = ["regress", "--data", "line.csv", "--y", "y", "--x", "x"]

    static func lineWorkspace() throws -> Workspace {
        let ws = try Workspace()
        try ws.write("line.csv", Fixtures.line)
        return ws
    }

    /// `stat` of a path in the workspace without following a final link.
    static func status(_ ws: Workspace, _ name: String) -> stat? {
        var info = stat()
        return lstat(ws.directory.appendingPathComponent(name).path, &info) == 0 ? info : nil
    }

    static func permissions(_ ws: Workspace, _ name: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: ws.directory.appendingPathComponent(name).path)[.posixPermissions] as? Int)
    }

    @Test func anInputIsNeverTheOutputOfAnyCommand() throws {
        let ws = try Workspace()
        try ws.write("line.csv", Fixtures.line)
        try ws.write("long.csv", "series,x,y\na,1,1\na,2,2\na,3,3\n")
        try ws.copy(packageFile: "Data")
        try ws.copy(packageFile: "Models/scorecards/program-structure.yaml", as: "card.yaml")
        try ws.copy(packageFile: "Models/scenarios/china-mics-2025.yaml", as: "scenario.yaml")
        try FileManager.default.createSymbolicLink(atPath: ws.directory.appendingPathComponent("alias.csv").path,
                                                   withDestinationPath: "line.csv")
        let data = "Data/programs/official_center_counts.csv"
        let cases: [(arguments: [String], input: String)] = [
            (Self.regress + ["--out", "line.csv"], "line.csv"),
            (Self.regress + ["--out", "alias.csv"], "line.csv"),
            (Self.regress + ["--out", "./line.csv"], "line.csv"),
            (["fit", "--data", "line.csv", "--x", "x", "--y", "y", "--model", "linear", "--out", "line.csv"], "line.csv"),
            (["fit-batch", "--data", "long.csv", "--group", "series", "--x", "x", "--y", "y", "--model", "linear", "--out", "long.csv"], "long.csv"),
            (["scorecard", "card.yaml", "--out", "card.yaml"], "card.yaml"),
            (["forecast", "scenario.yaml", "--out", "scenario.yaml"], "scenario.yaml"),
            (["forecast", "scenario.yaml", "--out", data], data),
            (["verify", "strd", "line.csv", "--out", "line.csv"], "line.csv"),
            (["data", "validate", "--out", data], data),
        ]
        for (arguments, input) in cases {
            let before = try ws.read(input)
            let result = try ws.run(arguments)
            expectExit(result, 64)
            expectStderr(result, contains: "is an input of this run")
            #expect(try ws.read(input) == before, "\(input) unchanged: \(result)")
        }
        #expect(Self.status(ws, "alias.csv").map { $0.st_mode & S_IFMT == S_IFLNK } == true, "the link is still a link")
    }

    @Test func aReadOnlyFileIsRefusedAndKept() throws {
        let ws = try Self.lineWorkspace()
        try ws.write("locked.txt", "keep")
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: ws.directory.appendingPathComponent("locked.txt").path)
        let result = try ws.run(Self.regress + ["--out", "locked.txt"])
        expectExit(result, 64)
        expectStderr(result, contains: "cannot write locked.txt: it is read-only")
        #expect(try ws.read("locked.txt") == "keep")
        #expect(try Self.permissions(ws, "locked.txt") == 0o444)
    }

    @Test func aReplacedFileKeepsItsModeAndALinkStaysALink() throws {
        let ws = try Self.lineWorkspace()
        try ws.write("private.txt", "old")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: ws.directory.appendingPathComponent("private.txt").path)
        expectExit(try ws.run(Self.regress + ["--out", "private.txt"]), 0)
        #expect(try ws.read("private.txt").hasPrefix("Linear regression"))
        #expect(try Self.permissions(ws, "private.txt") == 0o600)

        try FileManager.default.createDirectory(at: ws.directory.appendingPathComponent("results"), withIntermediateDirectories: true)
        try ws.write("results/r.txt", "old")
        try FileManager.default.createSymbolicLink(atPath: ws.directory.appendingPathComponent("latest.txt").path, withDestinationPath: "results/r.txt")
        expectExit(try ws.run(Self.regress + ["--out", "latest.txt"]), 0)
        #expect(Self.status(ws, "latest.txt").map { $0.st_mode & S_IFMT == S_IFLNK } == true, "the link is still a link")
        #expect(try ws.read("results/r.txt").hasPrefix("Linear regression"))
        #expect(try ws.fileNames() == ["latest.txt", "line.csv", "private.txt", "results"])
    }

    @Test func dashIsStandardOutputAndCreatesNoFile() throws {
        let ws = try Self.lineWorkspace()
        let plain = try ws.run(Self.regress)
        let dash = try ws.run(Self.regress + ["--out", "-"])
        expectExit(dash, 0)
        #expect(dash.stdout == plain.stdout && !dash.stdout.isEmpty)
        try ws.write("long.csv", "series,x,y\na,1,1\na,2,2\na,3,3\n")
        let batch = try ws.run(["fit-batch", "--data", "long.csv", "--group", "series", "--x", "x", "--y", "y", "--model", "linear", "--out", "-"])
        expectExit(batch, 0)
        #expect(batch.stdout.hasPrefix("series,status,usable,"))
        #expect(try ws.fileNames() == ["line.csv", "long.csv"])
    }

    @Test func aFIFOIsWrittenInPlace() throws {
        let ws = try Self.lineWorkspace()
        let fifo = ws.directory.appendingPathComponent("pipe").path
        try #require(mkfifo(fifo, 0o644) == 0)
        nonisolated(unsafe) var received = ""
        let reader = Thread {
            if let handle = FileHandle(forReadingAtPath: fifo) {
                received = String(decoding: (try? handle.readToEnd()) ?? Data(), as: UTF8.self)
                try? handle.close()
            }
        }
        reader.start()
        let result = try ws.run(Self.regress + ["--out", "pipe"])
        expectExit(result, 0)
        while !reader.isFinished { usleep(10_000) }
        #expect(received.hasPrefix("Linear regression"), "\(received)")
        #expect(Self.status(ws, "pipe").map { $0.st_mode & S_IFMT == S_IFIFO } == true, "still a FIFO")
        #expect(try ws.fileNames() == ["line.csv", "pipe"])
    }

    /// A device node with /dev/null's numbers (1, 3) in the workspace stands for /dev/null: it stays
    /// a character device, and /dev/null itself does too.
    @Test func aCharacterDeviceStaysADevice() throws {
        let ws = try Self.lineWorkspace()
        let node = ws.directory.appendingPathComponent("null").path
        guard mknod(node, S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0 else {
            Issue.record("mknod failed (\(String(cString: strerror(errno)))); this test needs root")
            return
        }
        for command in [Self.regress, ["synth", "logistic", "--series", "3"]] {
            expectExit(try ws.run(command + ["--out", "null"]), 0)
            #expect(Self.status(ws, "null").map { $0.st_mode & S_IFMT == S_IFCHR } == true, "still a character device")
        }
        #expect(try ws.fileNames() == ["line.csv", "null"])
        expectExit(try ws.run(Self.regress + ["--out", "/dev/null"]), 0)
        var info = stat()
        #expect(lstat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR, "/dev/null is still a character device")
    }

    @Test func aFullDeviceIsOurWriteError() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let ws = try Self.lineWorkspace()
        let result = try ws.run(Self.regress + ["--out", "/dev/full"])
        expectExit(result, 64)
        #expect(result.stderr == "foresight: cannot write /dev/full: write failed (No space left on device)\n", "\(result)")
    }

    /// A device as an input is read like a file (empty, here), never "permission denied".
    @Test func aDeviceAsAnInputIsReadWithOurMessages() throws {
        let ws = try Workspace()
        for (arguments, message) in [(["regress", "--data", "/dev/null", "--y", "y", "--x", "x"], "foresight: /dev/null:1:1: file is empty\n"),
                                     (["scorecard", "/dev/null"], "foresight: /dev/null: the file is empty; expected a mapping with 'schema: 1'\n")] {
            let result = try ws.run(arguments)
            expectExit(result, 65)
            #expect(result.stderr == message, "\(result)")
        }
    }

    @Test func staleTemporaryFilesOfKilledRunsAreRemoved() throws {
        let ws = try Self.lineWorkspace()
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        try ws.write(".r.txt.foresight-tmp-\(child.processIdentifier)-5a", "left by a killed run")
        expectExit(try ws.run(Self.regress + ["--out", "r.txt"]), 0)
        #expect(try ws.fileNames() == ["line.csv", "r.txt"])
    }

    /// SIGTERM during `fit-batch` removes its temporary file and leaves the old output.
    @Test func aTerminatedRunLeavesNoTemporaryFile() throws {
        let ws = try Workspace()
        expectExit(try ws.run(["synth", "logistic", "--series", "20000", "--points", "20", "--out", "big.csv"]), 0)
        try ws.write("fits.csv", "old\n")
        let process = Process()
        process.executableURL = try ForesightExecutable.required()
        process.arguments = ["fit-batch", "--data", "big.csv", "--group", "series", "--x", "x", "--y", "y",
                             "--model", "logistic", "--threads", "1", "--chunk-series", "100", "--out", "fits.csv"]
        process.currentDirectoryURL = ws.directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while try !ws.fileNames().contains(where: { $0.contains("foresight-tmp") }), process.isRunning, Date() < deadline { usleep(2_000) }
        #expect(process.isRunning, "fit-batch ran long enough to be interrupted")
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM)
        #expect(try ws.fileNames() == ["big.csv", "fits.csv"])
        #expect(try ws.read("fits.csv") == "old\n")
    }

    @Test func reportChecksItsFolderBeforeAnyWork() throws {
        let ws = try Workspace()
        try ws.copy(packageFile: "Data")
        try ws.copy(packageFile: "Models")
        try ws.write("afile", "mine")
        let file = try ws.run(["report", "--out", "afile"], timeout: 20)
        expectExit(file, 64)
        expectStderr(file, contains: "cannot write afile: it exists and is not a folder")
        #expect(try ws.read("afile") == "mine")

        let missing = try ws.run(["report", "--models-dir", "Modles"], timeout: 20)
        expectExit(missing, 64)
        expectStderr(missing, contains: "--models-dir Modles: no such folder")
        expectExit(try ws.run(["report", "--data-dir", "Dta"], timeout: 20), 64)
        expectExit(try ws.run(["data", "validate", "--models-dir", "Modles"], timeout: 20), 64)

        let inside = try ws.run(["report", "--out", "Data/report"], timeout: 20)
        expectExit(inside, 64)
        expectStderr(inside, contains: "input folder Data")
        #expect(!FileManager.default.fileExists(atPath: ws.directory.appendingPathComponent("Data/report").path))
        #expect(try ws.fileNames() == ["Data", "Models", "afile"], "no report folder was created")
    }

    /// While a report holds the folder's lock (here: this test), another fails at once.
    @Test func aSecondReportIntoTheSameFolderFailsFast() throws {
        let ws = try Workspace()
        try ws.copy(packageFile: "Data")
        try ws.copy(packageFile: "Models")
        let folder = ws.directory.appendingPathComponent("busy").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY)
        try #require(descriptor >= 0 && flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        defer { close(descriptor) }
        let result = try ws.run(["report", "--out", "busy"], timeout: 20)
        expectExit(result, 64)
        expectStderr(result, contains: "another report is writing to busy")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }
}

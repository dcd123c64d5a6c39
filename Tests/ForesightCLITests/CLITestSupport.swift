import Foundation
import Testing

/// Locates the built `foresight` executable and runs it in a scratch directory.
///
/// The executable is looked up, in order:
/// 1. at `$FORESIGHT_EXECUTABLE`, when set (to test an installed or release build);
/// 2. in the products directory of this test run: the folder holding the test binary on Linux
///    (`CommandLine.arguments[0]`, `Bundle.main`), the folder holding the `.xctest` bundle on macOS;
/// 3. in `.build/debug` and `.build/release` of the package that holds this file.
///
/// `ForesightCLITests` depends on the `foresight` target, so `swift test` builds it into the
/// products directory first; the other places only matter for unusual set-ups.
enum ForesightExecutable {
    /// The executable, or `nil` when none of the places above has one.
    static let url: URL? = locate()

    /// Every place that was tried, for the failure message.
    static var searchedPlaces: [String] { candidates().map(\.path) }

    /// The package root: three levels above this file.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .resolvingSymlinksInPath()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    private static func candidates() -> [URL] {
        var folders: [URL] = []
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        if let first = CommandLine.arguments.first {
            let binary = URL(fileURLWithPath: first).resolvingSymlinksInPath()
            folders.append(binary.deletingLastPathComponent())
            if binary.deletingLastPathComponent().pathExtension == "xctest" {
                folders.append(binary.deletingLastPathComponent().deletingLastPathComponent())
            }
        }
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            folders.append(executable.deletingLastPathComponent())
        }
        folders.append(Bundle.main.bundleURL)
        folders.append(packageRoot.appendingPathComponent(".build/debug"))
        folders.append(packageRoot.appendingPathComponent(".build/release"))
        var binaries: [URL] = []
        if let override = ProcessInfo.processInfo.environment["FORESIGHT_EXECUTABLE"], !override.isEmpty {
            binaries.append(URL(fileURLWithPath: override))
        }
        binaries += folders.map { $0.appendingPathComponent("foresight") }
        return binaries
    }

    private static func locate() -> URL? {
        candidates().first { url in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && FileManager.default.isExecutableFile(atPath: url.path)
        }
    }

    /// The executable, or a failed test that says where it was looked for.
    static func required(sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        guard let url else {
            Issue.record("""
                the 'foresight' executable was not found; build it with `swift build` (swift test builds it \
                because ForesightCLITests depends on it) or set FORESIGHT_EXECUTABLE. Looked at:
                \(searchedPlaces.joined(separator: "\n"))
                """, sourceLocation: sourceLocation)
            throw ExecutableMissing()
        }
        return url
    }

    struct ExecutableMissing: Error {}
}

/// What one run of `foresight` did.
struct RunResult: CustomStringConvertible {
    let arguments: [String]
    /// The exit code, or the signal number when ``signaled``.
    let status: Int32
    /// Whether the process was ended by a signal (a trap, an abort).
    let signaled: Bool
    /// Whether the run was killed because it exceeded its time limit.
    let timedOut: Bool
    let stdout: String
    let stderr: String

    /// A crash rather than an orderly exit: a signal, or an exit code above 128 (a shell's
    /// encoding of a signal).
    var trapped: Bool { signaled || status > 128 }

    var description: String {
        """
        foresight \(arguments.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")) \
        → \(signaled ? "signal" : "exit") \(status)\(timedOut ? " (timed out)" : "")
        --- stdout ---
        \(stdout.count > 4000 ? String(stdout.prefix(4000)) + "…" : stdout)
        --- stderr ---
        \(stderr)
        """
    }

    /// Standard output parsed as a JSON object.
    func jsonObject(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
        return try #require(value as? [String: Any], "stdout is not a JSON object: \(self)", sourceLocation: sourceLocation)
    }
}

/// A fresh temporary directory for one test: input files are written into it, `foresight` runs
/// with it as working directory (so messages show the short relative names), and it is removed
/// when the workspace is released.
final class Workspace {
    /// The working directory of the runs; holds only what the test and the program write.
    let directory: URL
    /// Where standard output and error are captured (outside ``directory``).
    private let captures: URL
    private let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("ForesightCLITests-\(UUID().uuidString)", isDirectory: true)
        directory = root.appendingPathComponent("work", isDirectory: true)
        captures = root.appendingPathComponent("captures", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: captures, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Writes `contents` to `name` in the workspace and returns its URL.
    @discardableResult
    func write(_ name: String, _ contents: String) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return url
    }

    /// Writes raw bytes to `name` in the workspace.
    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    /// Copies a file of the package (e.g. `Data/reference/strd/linear/Norris.dat`) into the workspace.
    @discardableResult
    func copy(packageFile path: String, as name: String? = nil) throws -> URL {
        let source = ForesightExecutable.packageRoot.appendingPathComponent(path)
        let target = directory.appendingPathComponent(name ?? source.lastPathComponent)
        try FileManager.default.copyItem(at: source, to: target)
        return target
    }

    /// The text of `name` in the workspace.
    func read(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// The names of the files in the workspace, sorted (hidden files included).
    func fileNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    /// Runs `foresight` with `arguments` in the workspace, with no standard input, capturing its
    /// output; kills it after `timeout` seconds (recording an issue).
    func run(_ arguments: [String], timeout: TimeInterval = 30,
             sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        let executable = try ForesightExecutable.required(sourceLocation: sourceLocation)
        let id = UUID().uuidString
        let outURL = captures.appendingPathComponent("\(id).stdout")
        let errURL = captures.appendingPathComponent("\(id).stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        var timedOut = false
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
        }
        process.waitUntilExit()

        let result = RunResult(
            arguments: arguments,
            status: process.terminationStatus,
            signaled: process.terminationReason == .uncaughtSignal,
            timedOut: timedOut,
            stdout: String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self),
            stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self))
        if timedOut { Issue.record("timed out after \(timeout) s: \(result)", sourceLocation: sourceLocation) }
        return result
    }
}

/// Checks that `result` is an orderly exit with `code` (never a trap), showing the whole run on failure.
func expectExit(_ result: RunResult, _ code: Int32, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(!result.trapped, "the program trapped: \(result)", sourceLocation: sourceLocation)
    #expect(result.status == code, "expected exit code \(code): \(result)", sourceLocation: sourceLocation)
}

/// Checks that standard error contains every one of `fragments`.
func expectStderr(_ result: RunResult, contains fragments: String..., sourceLocation: SourceLocation = #_sourceLocation) {
    for fragment in fragments {
        #expect(result.stderr.contains(fragment), "stderr lacks \"\(fragment)\": \(result)", sourceLocation: sourceLocation)
    }
}

/// `a` and `b` agree to `relative` (relative to the larger magnitude).
func isClose(_ a: Double, _ b: Double, relative: Double) -> Bool {
    a == b || abs(a - b) <= relative * max(abs(a), abs(b))
}

/// A number from a JSON object (`nil` for `null` or a missing key).
func number(_ object: [String: Any], _ key: String) -> Double? {
    (object[key] as? NSNumber)?.doubleValue
}

/// Small data sets shared by the tests.
enum Fixtures {
    /// y ≈ 2.04·x − 0.05 with residuals 0.01, 0.07, −0.17, 0.09 (RSS 0.042, TSS 20.85).
    static let line = "x,y\n1,2\n2,4.1\n3,5.9\n4,8.2\n"

    /// A logistic curve 50/(1 + exp((10 − x)/2)) plus a small deterministic wiggle 0.3·sin(3x),
    /// x = 1…20 (values printed with 6 decimals).
    static let logistic: String = {
        var text = "x,y\n"
        for i in 1...20 {
            let x = Double(i)
            let y = 50 / (1 + exp((10 - x) / 2)) + 0.3 * sin(3 * x)
            text += "\(i),\(String(format: "%.6f", y))\n"
        }
        return text
    }()

    /// NIST StRD Misra1a (Data/reference/strd/nonlinear/Misra1a.dat): y = volume, x = pressure.
    static let misra1a = """
        x,y
        77.6E0,10.07E0
        114.9E0,14.73E0
        141.1E0,17.94E0
        190.8E0,23.93E0
        239.9E0,29.61E0
        289.0E0,35.18E0
        332.8E0,40.02E0
        378.4E0,44.82E0
        434.8E0,50.76E0
        477.3E0,55.05E0
        536.8E0,61.01E0
        593.1E0,66.40E0
        689.1E0,75.47E0
        760.0E0,81.78E0

        """

    /// Cumulative counts by calendar year (an S-shaped series far from x = 0).
    static let calendarYears = "year,count\n2016,1\n2017,3\n2018,6\n2019,11\n2020,16\n2021,21\n2022,25\n2023,28\n2024,30\n"
}

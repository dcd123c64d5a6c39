import CLibFuzzer
import Foundation

/// What every fuzz target shares: the driver call, decoding libFuzzer's input, the repository's
/// folders, and the way a broken invariant is reported (a trap, which libFuzzer records with the input).
public enum Fuzz {
    /// Runs libFuzzer's driver on `test` with the process's arguments (`-max_total_time=30`,
    /// corpus folders, a crash file to reproduce, …) and exits with its status.
    public static func run(_ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Never {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, test))
    }

    /// libFuzzer's input as bytes.
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// libFuzzer's input as text; invalid UTF-8 becomes U+FFFD, as a file read with
    /// replacement would.
    public static func text(_ data: UnsafePointer<UInt8>?, _ size: Int) -> String {
        String(decoding: bytes(data, size), as: UTF8.self)
    }

    /// The repository root (this file is Fuzz/Targets/FuzzSupport/FuzzSupport.swift).
    public static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A file of this process in a scratch folder (`/dev/shm` when it exists), for targets
    /// whose API reads files.
    public static let scratchFile: URL = {
        let shm = URL(fileURLWithPath: "/dev/shm")
        let folder = FileManager.default.fileExists(atPath: shm.path) ? shm : FileManager.default.temporaryDirectory
        return folder.appendingPathComponent("foresight-fuzz-\(ProcessInfo.processInfo.processIdentifier).input")
    }()

    /// Traps with `message` when `condition` is false: libFuzzer then keeps the input as a crash.
    public static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() {
            FileHandle.standardError.write(Data("fuzz invariant broken: \(message())\n".utf8))
            abort()
        }
    }
}

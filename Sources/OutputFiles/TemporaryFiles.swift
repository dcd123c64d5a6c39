import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary files an output is written to before it replaces its target.
///
/// - **Name:** `.<target name>.foresight-tmp-<pid>-<random>` in the target's folder, so that it
///   is on the same file system (the final `rename(2)` is atomic) and recognisably ours.
/// - **Exclusive:** created with `O_CREAT | O_EXCL`, never opened if something already has the name.
/// - **Removed on failure:** by ``OutputWriter`` when it is abandoned or released uncommitted.
/// - **Removed on SIGINT, SIGTERM and SIGHUP:** every live temporary file is registered here; the
///   handlers (installed with the first registration, which also unblocks these signals in the
///   registering thread) unlink them and then end the process by the same signal, as the default
///   action would. A signal that was ignored stays ignored.
/// - **Removed on the next run after a SIGKILL:** ``removeStale(in:)`` deletes the temporary files
///   in a folder whose process no longer exists; every writer calls it for its target's folder.
public enum TemporaryFiles {
    /// The marker between the target's name and the owner's process id.
    public static let marker = ".foresight-tmp-"

    /// A fresh temporary name for `target` (a file name, no folder) owned by this process.
    public static func name(for target: String) -> String {
        ".\(target)\(marker)\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 16))"
    }

    /// The owner's process id of a temporary name of ours, or `nil` when `name` is not one.
    public static func owner(of name: String) -> pid_t? {
        guard name.hasPrefix("."), let range = name.range(of: marker, options: .backwards) else { return nil }
        let rest = name[range.upperBound...]
        guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]), pid > 0 else { return nil }
        return pid
    }

    /// Deletes the temporary files of ours in `folder` whose process has ended (a run killed
    /// with SIGKILL, which no handler sees).
    /// - Returns: the names removed.
    @discardableResult
    public static func removeStale(in folder: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var removed: [String] = []
        for name in names {
            guard let pid = owner(of: name), pid != getpid(), kill(pid, 0) == -1, errno == ESRCH else { continue }
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            if unlink(path) == 0 { removed.append(name) }
        }
        return removed
    }

    // MARK: Registry for the signal handlers

    /// Slots of registered paths; a path longer than a slot is not registered (the next run's
    /// ``removeStale(in:)`` still removes it after a signal).
    private static let slotCount = 64
    private static let slotSize = Int(PATH_MAX)
    /// `slotCount * slotSize` bytes of NUL-terminated paths, allocated once and never freed, so
    /// the handler reads plain memory.
    nonisolated(unsafe) private static let paths: UnsafeMutablePointer<CChar> = {
        let storage = UnsafeMutablePointer<CChar>.allocate(capacity: slotCount * slotSize)
        storage.initialize(repeating: 0, count: slotCount * slotSize)
        return storage
    }()
    /// 1 where a slot holds a live path.
    nonisolated(unsafe) private static let used: UnsafeMutablePointer<sig_atomic_t> = {
        let flags = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: slotCount)
        flags.initialize(repeating: 0, count: slotCount)
        return flags
    }()
    private static let lock = NSLock()
    nonisolated(unsafe) private static var handlersInstalled = false

    /// Registers `path` for removal by the signal handlers.
    /// - Returns: the slot to pass to ``unregister(_:)``, or `nil` when no slot is free.
    static func register(_ path: String) -> Int? {
        let bytes = Array(path.utf8CString)
        guard bytes.count <= slotSize else { return nil }
        lock.lock()
        defer { lock.unlock() }
        if !handlersInstalled {
            installHandlers()
            handlersInstalled = true
        }
        guard let slot = (0..<slotCount).first(where: { used[$0] == 0 }) else { return nil }
        bytes.withUnsafeBufferPointer { (paths + slot * slotSize).update(from: $0.baseAddress!, count: bytes.count) }
        used[slot] = 1
        return slot
    }

    /// Forgets a registered path (it was renamed into place or removed).
    static func unregister(_ slot: Int?) {
        guard let slot else { return }
        lock.lock()
        used[slot] = 0
        lock.unlock()
    }

    private static func installHandlers() {
        _ = (paths, used)  // initialise the storage before a handler can read it
        var handled = sigset_t()
        sigemptyset(&handled)
        for number in [SIGINT, SIGTERM, SIGHUP] {
            let previous = signal(number, removeRegisteredFilesAndExit)
            if unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) {
                _ = signal(number, SIG_IGN)
            } else {
                sigaddset(&handled, number)
            }
        }
        // A mask inherited blocked (some process launchers forget to reset it) would keep the
        // handlers from ever running.
        pthread_sigmask(SIG_UNBLOCK, &handled, nil)
    }

    /// The handler: only async-signal-safe calls (`unlink`, `signal`, `raise`).
    private static let removeRegisteredFilesAndExit: @convention(c) (Int32) -> Void = { number in
        for slot in 0..<TemporaryFiles.slotCount where TemporaryFiles.used[slot] != 0 {
            unlink(TemporaryFiles.paths + slot * TemporaryFiles.slotSize)
        }
        _ = signal(number, SIG_DFL)
        raise(number)
    }
}

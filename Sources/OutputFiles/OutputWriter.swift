import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open output (see ``OutputTarget`` for the policy): bytes are appended with `write`, and
/// ``commit()`` makes them the target's content. A writer released or ``abandon()``ed before
/// the commit removes its temporary file and leaves the target as it was.
public final class OutputWriter {
    public let target: OutputTarget
    private let descriptor: Int32
    /// The temporary file of a replacement, registered for the signal handlers.
    private let temporary: String?
    private let slot: Int?
    private var isOpen = true

    init(target: OutputTarget) throws(OutputFileError) {
        self.target = target
        switch target.destination {
        case .standardOutput:
            descriptor = STDOUT_FILENO
            temporary = nil
            slot = nil
        case .inPlace(let path):
            let fd = Glibc.open(path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw OutputFileError(path: target.path, reason: "cannot open it (\(systemError()))") }
            descriptor = fd
            temporary = nil
            slot = nil
        case .replacement(let path):
            let folder = OutputTarget.folder(of: path)
            TemporaryFiles.removeStale(in: folder)
            let existing = FileStatus(path: path)
            let name = folder + "/" + TemporaryFiles.name(for: OutputTarget.fileName(of: path))
            // Registered before it exists, so that a signal never finds it unregistered.
            slot = TemporaryFiles.register(name)
            let fd = Glibc.open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            guard fd >= 0 else {
                let reason = systemError()
                TemporaryFiles.unregister(slot)
                throw OutputFileError(path: target.path, reason: "cannot create a temporary file in \(folder) (\(reason))")
            }
            descriptor = fd
            temporary = name
            if let existing {
                _ = fchmod(fd, mode_t(existing.permissions & 0o777))
                if geteuid() == 0 { _ = fchown(fd, uid_t(existing.owner), gid_t(existing.group)) }
            }
        }
    }

    /// Appends UTF-8 text.
    public func write(_ text: String) throws(OutputFileError) {
        try write(Array(text.utf8))
    }

    /// Appends bytes, retrying short writes and interruptions.
    public func write(_ bytes: [UInt8]) throws(OutputFileError) {
        precondition(isOpen, "write after commit or abandon")
        let failure = bytes.withUnsafeBytes { raw -> Int32? in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failure { throw OutputFileError(path: target.path, reason: "write failed (\(String(cString: strerror(failure))))") }
    }

    /// Makes the written bytes the target's content: a replacement is flushed to disk, closed and
    /// renamed over the target (atomic); an in-place target is closed.
    public func commit() throws(OutputFileError) {
        precondition(isOpen, "commit after commit or abandon")
        switch target.destination {
        case .standardOutput:
            isOpen = false
        case .inPlace:
            isOpen = false
            guard close(descriptor) == 0 else { throw OutputFileError(path: target.path, reason: "write failed (\(systemError()))") }
        case .replacement(let path):
            isOpen = false
            defer { TemporaryFiles.unregister(slot) }
            var problem: String?
            if fsync(descriptor) != 0, errno != EINVAL { problem = "write failed (\(systemError()))" }  // EINVAL: no fsync there
            if close(descriptor) != 0, problem == nil { problem = "write failed (\(systemError()))" }
            if problem == nil, let temporary, rename(temporary, path) != 0 { problem = "cannot replace it (\(systemError()))" }
            if let problem {
                if let temporary { unlink(temporary) }
                throw OutputFileError(path: target.path, reason: problem)
            }
        }
    }

    /// Gives up: the temporary file is removed and the target left as it was (a device or FIFO
    /// keeps what was already written to it).
    public func abandon() {
        guard isOpen else { return }
        isOpen = false
        if descriptor != STDOUT_FILENO { close(descriptor) }
        if let temporary { unlink(temporary) }
        TemporaryFiles.unregister(slot)
    }

    deinit { abandon() }
}

/// The text of the current `errno`.
func systemError() -> String { String(cString: strerror(errno)) }

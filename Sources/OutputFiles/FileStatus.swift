#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `stat(2)` says about an existing file, symbolic links followed.
public struct FileStatus: Sendable, Equatable {
    /// The kinds of file the output policy tells apart.
    public enum Kind: Sendable, Equatable {
        case regular, directory, characterDevice, blockDevice, fifo, socket, other
    }

    public let kind: Kind
    /// Device and inode: two paths name the same file exactly when these agree.
    public let identity: FileIdentity
    /// The permission bits (`st_mode & 0o7777`).
    public let permissions: UInt32
    public let owner: UInt32
    public let group: UInt32

    /// The status of the file at `path`, or `nil` when there is none (or it cannot be examined).
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFCHR: kind = .characterDevice
        case S_IFBLK: kind = .blockDevice
        case S_IFIFO: kind = .fifo
        case S_IFSOCK: kind = .socket
        default: kind = .other
        }
        identity = FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        permissions = UInt32(info.st_mode & 0o7777)
        owner = UInt32(info.st_uid)
        group = UInt32(info.st_gid)
    }

    /// Whether nobody may write the file by its mode bits (`0o222` all clear). Checked on the bits
    /// rather than with `access(2)`, which always grants root.
    public var hasNoWriteBits: Bool { permissions & 0o222 == 0 }
}

/// A file's identity: the device and inode `stat(2)` reports. Hard links and symbolic links to
/// one file share it.
public struct FileIdentity: Hashable, Sendable {
    public let device: UInt64
    public let inode: UInt64

    public init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }
}

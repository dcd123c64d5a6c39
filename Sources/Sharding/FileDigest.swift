import Datasets
import Foundation

/// The size and SHA-256 of a file, read in blocks (constant memory).
public struct FileDigest: Sendable, Equatable {
    public let bytes: Int
    public let sha256: String

    public init(bytes: Int, sha256: String) {
        self.bytes = bytes
        self.sha256 = sha256
    }

    /// Reads `path` to its end.
    /// - Throws: ``ShardError`` naming the file when it cannot be read.
    public init(of path: String) throws(ShardError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ShardError(file: path, message: "cannot read it (\(String(cString: strerror(errno))))")
        }
        defer { try? handle.close() }
        var hasher = SHA256.Hasher()
        var total = 0
        do {
            while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
                hasher.update([UInt8](block))
                total += block.count
            }
        } catch {
            throw ShardError(file: path, message: "cannot read it (\(error.localizedDescription))")
        }
        self.init(bytes: total, sha256: SHA256.hex(hasher.finalize()))
    }
}

import Datasets
import Foundation
import OutputFiles

/// Puts the outputs of `fit-batch --shard i/n` (one CSV row per series, in input order within
/// each shard) back together in the order of the series in the input, so that the merged file
/// equals the output of one unsharded run byte for byte.
///
/// The input is read once more, only its series column: each new series id names its shard
/// (``SeriesHash`` modulo `n`), whose next row must be that series'. The input must be the file
/// the shards read (same size and SHA-256); every shard must have the same header and end with
/// its last series.
public enum SeriesShardMerge {
    /// Merges `shards` (checked by ``ShardSet``) into `target`.
    /// - Parameters:
    ///   - data: the input file (by default the one the manifests record).
    ///   - group: the series id column.
    /// - Returns: the series written.
    /// - Throws: ``ShardError`` for a shard or input that does not fit, `DataError` for an
    ///   input that cannot be read, ``OutputFileError`` for the target.
    @discardableResult
    public static func merge(_ shards: ShardSet, data: String, group: String, to target: OutputTarget) throws -> Int {
        guard let recorded = shards.reference.input else {
            throw ShardError(file: shards.members[0].path, message: "its manifest records no input file; it is not a fit-batch shard")
        }
        let digest = try FileDigest(of: data)
        guard digest.bytes == recorded.bytes, digest.sha256 == recorded.sha256 else {
            throw ShardError(file: data, message: """
                is not the input the shards read (\(digest.bytes) bytes, SHA-256 \(digest.sha256); the shards read \
                \(recorded.bytes) bytes, SHA-256 \(recorded.sha256))
                """)
        }
        let readers = try shards.members.map { member throws(ShardError) in try CSVRecordReader(path: member.path) }
        var header: ArraySlice<UInt8>?
        for reader in readers {
            guard let first = try reader.next() else { throw ShardError(file: reader.path, message: "is empty; it has no header") }
            if let header, header != first {
                throw ShardError(file: reader.path, message: "has another header than \(readers[0].path)")
            }
            header = first
        }
        let writer = try target.writer()
        var pending: [UInt8] = Array(header ?? [])
        var written = 0
        let stream = try CSVRecordStream(url: URL(fileURLWithPath: data), displayPath: data)
        let column = try stream.columnIndex(named: group)
        var current: String?
        let count = UInt64(readers.count)
        while let record = try stream.next() {
            let id = record.field(at: column)
            guard id != current else { continue }
            current = id
            let reader = readers[Int(SeriesHash.fnv1a(id) % count)]
            guard let row = try reader.next() else {
                throw ShardError(file: reader.path, message: "ends before series '\(id)' (\(data):\(record.line)); run this shard again")
            }
            let found = CSVRecordReader.leadingFields(row, count: 1).first ?? ""
            guard found == id else {
                throw ShardError(file: reader.path, message: "has series '\(found)' where \(data):\(record.line) has series '\(id)'")
            }
            pending += row
            written += 1
            if pending.count >= 1 << 20 {
                try writer.write(pending)
                pending.removeAll(keepingCapacity: true)
            }
        }
        for reader in readers {
            if let extra = try reader.next() {
                let id = CSVRecordReader.leadingFields(extra, count: 1).first ?? ""
                throw ShardError(file: reader.path, message: "has series '\(id)' that is not in \(data)")
            }
        }
        try writer.write(pending)
        try writer.commit()
        return written
    }
}

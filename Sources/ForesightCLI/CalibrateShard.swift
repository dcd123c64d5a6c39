import Forecasting
import Foundation
import OutputFiles
import Sharding

extension Calibrate {
    /// Writes one shard of the study and its manifest beside it.
    func writeShard(_ part: CalibrationShard, spec: ShardSpec, to target: OutputTarget) throws {
        let path = target.path
        try target.write(try ShardFileCoding.encode(part))
        let manifest = try ShardManifest(
            command: "calibrate", version: Foresight.version, shard: spec, input: try ShardManifest.Input(path: scenario),
            options: ["replicates": "\(replicates)", "draws": "\(draws)", "seed": "\(seed)"], outputPath: path,
            records: part.entries.count, series: part.entries.count, failures: part.failures)
        try manifest.write(beside: path, inputs: [scenario])
    }
}

/// The JSON of shard files (calibration replicates, benchmark results): sorted keys, and numbers
/// that are not finite as strings, so that every double reads back exactly.
enum ShardFileCoding {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// Reads a shard file written by ``encode(_:)``.
    /// - Throws: ``ShardError`` naming the file when it is not one.
    static func decode<T: Decodable>(_ type: T.Type, from path: String) throws(ShardError) -> T {
        guard let data = FileManager.default.contents(atPath: path) else { throw ShardError(file: path, message: "cannot read it") }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do { return try decoder.decode(type, from: data) } catch {
            throw ShardError(file: path, message: "is not a shard file of this kind (\(error))")
        }
    }
}

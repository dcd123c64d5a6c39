import Foundation
import Sharding

extension FitBatch {
    /// The options that change the output, as a shard manifest records them.
    var manifestOptions: [String: String] {
        let model = settings
        var options = ["group": group, "x": x, "y": y, "origin": "\(model.origin)", "dose": "\(model.dose)",
                       "loss": model.loss.rawValue, "loss-scale": "\(model.lossScale)", "max-iterations": "\(maxIterations)"]
        let optional: [(String, String?)] = [("model", model.model), ("formula", model.formula), ("start", model.start),
                                             ("fix", model.fix), ("lower", model.lower), ("upper", model.upper),
                                             ("weights", model.weights)]
        for (key, value) in optional { if let value { options[key] = value } }
        return options
    }

    /// Writes the manifest of shard `shard` beside the output just committed: the input's and
    /// the output's size and SHA-256, the options, and the series and failures in the output.
    func writeManifest(shard: ShardSpec) throws {
        let reader = try CSVRecordReader(path: out)
        _ = try reader.next()
        var series = 0
        var failures = 0
        while let row = try reader.next() {
            series += 1
            if CSVRecordReader.leadingFields(row, count: 3).last != "true" { failures += 1 }
        }
        let manifest = try ShardManifest(command: "fit-batch", version: Foresight.version, shard: shard,
                                         input: try ShardManifest.Input(path: data), options: manifestOptions,
                                         outputPath: out, records: series, series: series, failures: failures)
        try manifest.write(beside: out, inputs: [data])
    }
}

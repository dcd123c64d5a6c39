import ArgumentParser

/// Parses `name=value,name=value` lists of the command line (`--start`, `--lower`, `--upper`).
enum NamedValues {
    /// The pairs in order; `inf`, `-inf` are accepted only where `allowsInfinity` (bounds).
    static func parse(_ text: String, option: String, allowsInfinity: Bool = false) throws -> [(name: String, value: Double)] {
        try text.split(separator: ",").map { item in
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else {
                throw ValidationError("\(option) takes name=value pairs separated by commas, e.g. \(option) b1=1,b2=0.5; got '\(item)'")
            }
            let value: Double?
            switch parts[1].lowercased() {
            case "inf", "+inf": value = .infinity
            case "-inf": value = -.infinity
            default: value = Double(parts[1])
            }
            guard let value, !value.isNaN, allowsInfinity || value.isFinite else {
                throw ValidationError("\(option): '\(parts[1])' for \(parts[0]) is not a \(allowsInfinity ? "number" : "finite number")")
            }
            return (parts[0], value)
        }
    }

    /// Values for `names` from `pairs`; names not given take `defaultValue`.
    /// - Throws: a usage error listing every given name that is not one of `names`.
    static func assign(_ pairs: [(name: String, value: Double)], to names: [String], default defaultValue: Double?,
                       option: String) throws -> [Double?] {
        let unknown = pairs.map(\.name).filter { !names.contains($0) }
        guard unknown.isEmpty else {
            throw ValidationError("\(option) names unknown parameter\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", ")); the model's parameters are \(names.joined(separator: ", "))")
        }
        let given = Dictionary(pairs.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
        return names.map { given[$0] ?? defaultValue }
    }
}

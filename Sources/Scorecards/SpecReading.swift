import Datasets
import Foundation
import Yams

// The YAML reading approach of `Datasets/CatalogYAML.swift` (record every problem with its
// location and key path, go on with what can still be read, report unread keys with a
// suggestion), restated here because those helpers are internal to Datasets.

/// Problems found while reading one specification (and the files it refers to).
struct SpecProblems {
    /// The display path of the specification file.
    let source: String
    private(set) var errors: [DataError] = []

    init(source: String) {
        self.source = source
    }

    /// Records a problem at `node` (or at the file), prefixed by its key path.
    mutating func record(_ message: String, at node: Node?, path: String) {
        record(message, at: node?.mark.map { SpecLocation(file: source, line: $0.line, column: $0.column) }, path: path)
    }

    /// Records a problem at `location` (any file), prefixed by its key path.
    mutating func record(_ message: String, at location: SpecLocation?, path: String) {
        let prefix = path.isEmpty ? "" : "\(path): "
        errors.append(DataError(file: location?.file ?? source, line: location?.line, column: location?.column,
                                message: prefix + message))
    }

    mutating func append(_ error: DataError) { errors.append(error) }

    /// The location of `node` in the specification file.
    func location(of node: Node?) -> SpecLocation {
        SpecLocation(file: source, line: node?.mark?.line, column: node?.mark?.column)
    }

    /// Parses `text` into one node; `nil` (recorded) for malformed YAML or an empty file.
    mutating func compose(_ text: String) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                record("the file is empty; expected a mapping with 'schema: 1'", at: nil as Node?, path: "")
                return nil
            }
            return node
        } catch let error as YamlError {
            errors.append(Self.dataError(for: error, source: source))
            return nil
        } catch {
            errors.append(DataError(file: source, message: "not valid YAML: \(error)"))
            return nil
        }
    }

    /// A located, one-line description of a Yams error.
    static func dataError(for error: YamlError, source: String) -> DataError {
        func located(_ mark: Mark, _ text: String) -> DataError {
            DataError(file: source, line: mark.line, column: mark.column, message: text)
        }
        func context(_ context: YamlError.Context?) -> String {
            guard let context else { return "" }
            return " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
        }
        switch error {
        case let .scanner(ctx, problem, mark, _): return located(mark, "not valid YAML: \(problem)\(context(ctx))")
        case let .parser(ctx, problem, mark, _): return located(mark, "not valid YAML: \(problem)\(context(ctx))")
        case let .composer(ctx, problem, mark, _): return located(mark, "not valid YAML: \(problem)\(context(ctx))")
        case let .duplicatedKeysInMapping(duplicates, ctx):
            return located(ctx.mark, "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in a mapping")
        case let .reader(problem, offset, _, _):
            return DataError(file: source, message: "not valid YAML: \(problem)\(offset.map { " at byte \($0)" } ?? "")")
        default:
            return DataError(file: source, message: "not valid YAML: \(error)")
        }
    }
}

/// A place in a specification file or in the CSV matrix it names.
public struct SpecLocation: Sendable, Hashable {
    /// The display path of the file.
    public let file: String
    /// 1-based line, when known.
    public let line: Int?
    /// 1-based column, when known.
    public let column: Int?

    public init(file: String, line: Int?, column: Int?) {
        self.file = file
        self.line = line
        self.column = column
    }
}

/// A YAML mapping read key by key; ``finish(_:)`` reports the keys nobody asked for.
struct SpecMapping {
    let node: Node
    let path: String
    private let pairs: [(key: String, keyNode: Node, value: Node)]
    private var used: Set<String> = []

    init?(_ node: Node, path: String, problems: inout SpecProblems, what: String = "a mapping") {
        guard let mapping = node.mapping else {
            problems.record("expected \(what), found \(Self.describe(node))", at: node, path: path)
            return nil
        }
        self.node = node
        self.path = path
        pairs = mapping.map { (key: $0.key.string ?? "", keyNode: $0.key, value: $0.value) }
    }

    /// Key path of `key` within this mapping.
    func path(of key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Every key in file order, with its nodes (for mappings keyed by user names).
    var entries: [(key: String, keyNode: Node, value: Node)] { pairs }

    /// Whether `key` is present (with any value).
    func has(_ key: String) -> Bool { pairs.contains { $0.key == key } }

    /// The value of `key`, marking it used; records a problem when required and absent or null.
    mutating func value(_ key: String, required: Bool, problems: inout SpecProblems) -> Node? {
        used.insert(key)
        guard let pair = pairs.last(where: { $0.key == key }) else {
            if required { problems.record("missing key '\(key)'", at: node, path: path) }
            return nil
        }
        if Self.isNull(pair.value) {
            if required { problems.record("'\(key)' has no value", at: pair.keyNode, path: path(of: key)) }
            return nil
        }
        return pair.value
    }

    /// A non-empty text.
    mutating func string(_ key: String, required: Bool, problems: inout SpecProblems) -> String? {
        guard let value = value(key, required: required, problems: &problems) else { return nil }
        guard case .scalar(let scalar) = value else {
            problems.record("expected text, found \(Self.describe(value))", at: value, path: path(of: key))
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            problems.record("must not be empty", at: value, path: path(of: key))
            return nil
        }
        return text
    }

    /// One of `choices` (with a suggestion for a near miss).
    mutating func choice(_ key: String, among choices: [String], required: Bool, problems: inout SpecProblems) -> String? {
        guard let text = string(key, required: required, problems: &problems) else { return nil }
        guard choices.contains(text) else {
            var message = "unknown value '\(text)'"
            if let suggestion = Suggestion.closest(to: text, among: choices) { message += "; did you mean '\(suggestion)'?" }
            problems.record(message + " (one of: \(choices.joined(separator: ", ")))", at: node(of: key), path: path(of: key))
            return nil
        }
        return text
    }

    mutating func bool(_ key: String, required: Bool, problems: inout SpecProblems) -> Bool? {
        guard let value = value(key, required: required, problems: &problems) else { return nil }
        guard value.scalar != nil, let bool = value.bool else {
            problems.record("expected true or false, found \(Self.describe(value))", at: value, path: path(of: key))
            return nil
        }
        return bool
    }

    mutating func integer(_ key: String, required: Bool, problems: inout SpecProblems) -> Int? {
        guard let value = value(key, required: required, problems: &problems) else { return nil }
        guard value.scalar != nil, let int = value.int else {
            problems.record("expected a whole number, found \(Self.describe(value))", at: value, path: path(of: key))
            return nil
        }
        return int
    }

    /// A finite number.
    mutating func number(_ key: String, required: Bool, problems: inout SpecProblems) -> Double? {
        guard let value = value(key, required: required, problems: &problems) else { return nil }
        return Self.number(value, path: path(of: key), problems: &problems)
    }

    /// The node of `key` without marking it used.
    func node(of key: String) -> Node? { pairs.last(where: { $0.key == key })?.value }

    /// Records every key that was not read, naming the allowed ones.
    func finish(_ problems: inout SpecProblems) {
        let allowed = used.sorted()
        for pair in pairs where !used.contains(pair.key) {
            var message = "unknown key '\(pair.key)'"
            if let suggestion = Suggestion.closest(to: pair.key, among: allowed) { message += "; did you mean '\(suggestion)'?" }
            problems.record(message + " (allowed: \(allowed.joined(separator: ", ")))", at: pair.keyNode, path: path)
        }
    }

    /// A finite number from a scalar node (`nil`, recorded, otherwise).
    static func number(_ node: Node, path: String, problems: inout SpecProblems, what: String = "a number") -> Double? {
        guard case .scalar = node, let value = node.float else {
            problems.record("expected \(what), found \(describe(node))", at: node, path: path)
            return nil
        }
        guard value.isFinite else {
            problems.record("\(node.string ?? "value") is not a finite number", at: node, path: path)
            return nil
        }
        return value
    }

    /// A plain-style null (`~`, `null` or nothing).
    static func isNull(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any, node.null != nil { return true }
        return false
    }

    /// A short description of a node for "expected …, found …".
    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            if isNull(node) { return "nothing" }
            let text = scalar.string.count > 30 ? String(scalar.string.prefix(30)) + "…" : scalar.string
            return "'\(text)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}

/// "Did you mean …?" for misspelled keys and names (as `Datasets`' internal `NameSuggestion`).
enum Suggestion {
    /// The candidate equal ignoring case, else the closest one within an edit distance of a third
    /// of the longer name (at least 1, and less than its length).
    static func closest(to name: String, among candidates: [String]) -> String? {
        let lowercased = name.lowercased()
        if let match = candidates.first(where: { $0.lowercased() == lowercased }) { return match }
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(Array(lowercased), Array(candidate.lowercased()))
            let longer = max(name.count, candidate.count)
            if distance <= max(1, longer / 3), distance < longer, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count), current = [Int](repeating: 0, count: b.count + 1)
        for (i, x) in a.enumerated() {
            current[0] = i + 1
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j] + (x == y ? 0 : 1), previous[j + 1] + 1, current[j] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

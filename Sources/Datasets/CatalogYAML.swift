import Foundation
import Yams

/// Reading YAML specification files (dataset metadata, `Models/` files) with every problem
/// reported as a ``DataError`` located by file, line and column and named by its key path
/// (`columns[3].type: …`).
///
/// Readers built on this type do not stop at the first problem: they record it and go on with
/// what they can still read, so a file's problems are all reported in one pass.
struct YAMLProblems {
    /// The display path of the file.
    let source: String
    /// The problems found so far, in the order they were recorded.
    private(set) var errors: [DataError] = []

    init(source: String) {
        self.source = source
    }

    /// Records a problem at `node` (or, without a node, at the file), prefixed by `path`.
    mutating func record(_ message: String, at node: Node?, path: String) {
        let mark = node?.mark
        let prefix = path.isEmpty ? "" : "\(path): "
        errors.append(DataError(file: source, line: mark?.line, column: mark?.column, message: prefix + message))
    }

    /// Parses `text` into one YAML node; `nil` (with the problem recorded) for malformed YAML, a
    /// document that is empty, or a stream of several documents.
    mutating func compose(_ text: String) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                record("the file is empty; expected a mapping with 'schema: 1'", at: nil, path: "")
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

    /// A located, one-line description of a Yams error (Yams' own description repeats the file).
    static func dataError(for error: YamlError, source: String) -> DataError {
        func located(_ mark: Mark, _ text: String) -> DataError {
            DataError(file: source, line: mark.line, column: mark.column, message: text)
        }
        func context(_ context: YamlError.Context?) -> String {
            guard let context else { return "" }
            return " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
        }
        switch error {
        case let .scanner(ctx, problem, mark, _):
            return located(mark, "not valid YAML: \(problem)\(context(ctx))")
        case let .parser(ctx, problem, mark, _):
            return located(mark, "not valid YAML: \(problem)\(context(ctx))")
        case let .composer(ctx, problem, mark, _):
            return located(mark, "not valid YAML: \(problem)\(context(ctx))")
        case let .duplicatedKeysInMapping(duplicates, ctx):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return located(ctx.mark, "duplicate key \(names) in a mapping")
        case let .reader(problem, offset, _, _):
            return DataError(file: source, message: "not valid YAML: \(problem)\(offset.map { " at byte \($0)" } ?? "")")
        default:
            return DataError(file: source, message: "not valid YAML: \(error)")
        }
    }

    /// Reads the file at `url` as UTF-8 text; `nil` (with the problem recorded) when it cannot.
    mutating func readText(of url: URL) -> String? {
        do {
            let data = try FileAccess.contents(of: url, source: source)
            guard let text = String(data: data, encoding: .utf8) else {
                record("the file is not valid UTF-8 text", at: nil, path: "")
                return nil
            }
            return text
        } catch let error as DataError {
            errors.append(error)
            return nil
        } catch {
            record("cannot read the file: \(error)", at: nil, path: "")
            return nil
        }
    }
}

/// A YAML mapping being read key by key; ``finish(_:)`` reports the keys nobody asked for.
struct YAMLMapping {
    let node: Node
    let path: String
    private let pairs: [(key: String, keyNode: Node, value: Node)]
    private var used: Set<String> = []

    /// The mapping at `node`, or `nil` (with a problem recorded) when `node` is not a mapping.
    init?(_ node: Node, path: String, problems: inout YAMLProblems, what: String = "a mapping") {
        guard let mapping = node.mapping else {
            problems.record("expected \(what), found \(YAMLMapping.describe(node))", at: node, path: path)
            return nil
        }
        self.node = node
        self.path = path
        pairs = mapping.map { (key: $0.key.string ?? "", keyNode: $0.key, value: $0.value) }
    }

    /// The key path of `key` within this mapping.
    func path(of key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The value of `key`, marking the key as used; records a problem when it is required and absent.
    mutating func value(_ key: String, required: Bool, problems: inout YAMLProblems) -> Node? {
        used.insert(key)
        guard let pair = pairs.last(where: { $0.key == key }) else {
            if required { problems.record("missing key '\(key)'", at: node, path: path) }
            return nil
        }
        if case .scalar(let scalar) = pair.value, scalar.style == .plain, pair.value.null != nil {
            if required { problems.record("'\(key)' has no value", at: pair.keyNode, path: self.path(of: key)) }
            return nil
        }
        return pair.value
    }

    /// A non-empty string (any scalar, as written).
    mutating func string(_ key: String, required: Bool, problems: inout YAMLProblems) -> String? {
        guard let value = value(key, required: required, problems: &problems) else { return nil }
        guard case .scalar(let scalar) = value else {
            problems.record("expected text, found \(Self.describe(value))", at: value, path: path(of: key))
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            if required { problems.record("must not be empty", at: value, path: path(of: key)) }
            return nil
        }
        return text
    }

    /// A boolean (`true`/`false`, YAML 1.1 spellings such as `yes`/`no` included).
    mutating func bool(_ key: String, required: Bool, problems: inout YAMLProblems) -> Bool? {
        guard let value = value(key, required: required, problems: &problems) else { return nil }
        guard let bool = value.bool else {
            problems.record("expected true or false, found \(Self.describe(value))", at: value, path: path(of: key))
            return nil
        }
        return bool
    }

    /// A whole number.
    mutating func integer(_ key: String, required: Bool, problems: inout YAMLProblems) -> Int? {
        guard let value = value(key, required: required, problems: &problems) else { return nil }
        guard value.scalar != nil, let int = value.int else {
            problems.record("expected a whole number, found \(Self.describe(value))", at: value, path: path(of: key))
            return nil
        }
        return int
    }

    /// A finite number.
    mutating func number(_ key: String, required: Bool, problems: inout YAMLProblems) -> Double? {
        guard let value = value(key, required: required, problems: &problems) else { return nil }
        guard value.scalar != nil, let number = value.float, number.isFinite else {
            problems.record("expected a number, found \(Self.describe(value))", at: value, path: path(of: key))
            return nil
        }
        return number
    }

    /// A sequence, as its elements with their key paths.
    mutating func sequence(_ key: String, required: Bool, problems: inout YAMLProblems) -> [(node: Node, path: String)]? {
        guard let value = value(key, required: required, problems: &problems) else { return nil }
        guard let sequence = value.sequence else {
            problems.record("expected a list, found \(Self.describe(value))", at: value, path: path(of: key))
            return nil
        }
        return sequence.enumerated().map { (node: $0.element, path: "\(path(of: key))[\($0.offset)]") }
    }

    /// A sequence of non-empty strings.
    mutating func strings(_ key: String, required: Bool, problems: inout YAMLProblems) -> [String]? {
        guard let elements = sequence(key, required: required, problems: &problems) else { return nil }
        var result: [String] = []
        for (node, path) in elements {
            guard case .scalar(let scalar) = node, !scalar.string.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                problems.record("expected non-empty text, found \(Self.describe(node))", at: node, path: path)
                continue
            }
            result.append(scalar.string.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return result
    }

    /// The node of `key` (for locating a problem found later), without marking it used.
    func node(of key: String) -> Node? {
        pairs.last(where: { $0.key == key })?.value
    }

    /// Records every key that was not read, naming the allowed ones.
    func finish(_ problems: inout YAMLProblems) {
        let allowed = used.sorted()
        for pair in pairs where !used.contains(pair.key) {
            var message = "unknown key '\(pair.key)'"
            if let suggestion = NameSuggestion.closest(to: pair.key, among: allowed) {
                message += "; did you mean '\(suggestion)'?"
            }
            message += " (allowed: \(allowed.joined(separator: ", ")))"
            problems.record(message, at: pair.keyNode, path: path)
        }
    }

    /// A short description of what a node is, for "expected …, found …" messages.
    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            let text = scalar.string.count > 30 ? String(scalar.string.prefix(30)) + "…" : scalar.string
            return scalar.string.isEmpty ? "nothing" : "'\(text)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}

/// The result of checking one specification file (`Models/**/*.yaml`): that it parses and
/// declares `schema: 1`. Specification-specific checks belong to the modules that read them.
public struct SpecificationCheck: Sendable, Hashable {
    /// The display path of the file.
    public let file: String
    /// Every problem found, in file order.
    public let errors: [DataError]

    /// Whether no problem was found.
    public var isValid: Bool { errors.isEmpty }

    /// The schema version every specification and metadata file must declare.
    public static let supportedSchema = 1

    /// Checks the YAML (or JSON) file at `url`.
    public static func check(url: URL, displayPath: String? = nil) -> SpecificationCheck {
        let source = displayPath ?? url.path
        var problems = YAMLProblems(source: source)
        if let text = problems.readText(of: url), let root = problems.compose(text) {
            if var mapping = YAMLMapping(root, path: "", problems: &problems, what: "a mapping with 'schema: 1' at the top") {
                checkSchema(&mapping, problems: &problems)
            }
        }
        return SpecificationCheck(file: source, errors: problems.errors)
    }

    /// Records a problem unless `mapping` has `schema: 1`.
    static func checkSchema(_ mapping: inout YAMLMapping, problems: inout YAMLProblems) {
        guard let schema = mapping.integer("schema", required: true, problems: &problems) else { return }
        if schema != supportedSchema {
            problems.record("unsupported schema version \(schema); this version of foresight reads schema \(supportedSchema)",
                            at: mapping.node(of: "schema"), path: "schema")
        }
    }
}

import Foundation
import Yams

/// Reading YAML files (dataset metadata, `Models/` specifications, scorecards) with every problem
/// reported as a ``DataError`` located by file, line and column and named by its key path
/// (`columns[3].type: …`).
///
/// Readers built on this type do not stop at the first problem: they record it and go on with
/// what they can still read, so a file's problems are all reported in one pass. Read a file with
/// ``readText(of:)`` and ``compose(_:)``, then its mappings key by key with ``YAMLMapping``:
///
///     var problems = YAMLProblems(source: "Data/example.meta.yaml")
///     if let text = problems.readText(of: url), let root = problems.compose(text),
///        var top = YAMLMapping(root, path: "", problems: &problems) {
///         let title = top.string("title", required: true, problems: &problems)
///         top.finish(&problems)   // "unknown key 'titel'; did you mean 'title'? (allowed: title)"
///     }
///     // problems.errors holds every problem found
public struct YAMLProblems {
    /// How a reader treats and words a few edge cases.
    ///
    /// The package's readers grew two sets of conventions; both are kept so that every message
    /// stays as it was.
    public enum Conventions: Sendable, Hashable {
        /// Dataset metadata and the `schema` check of specification files: empty text given for
        /// an optional key reads as absent; a number that is not finite is reported as
        /// "expected a number, found '.inf'"; empty text is described as "nothing".
        case lenient
        /// Scorecard specifications: empty text is a problem even for an optional key; a number
        /// that is not finite is reported as ".inf is not a finite number"; a null (`~`, `null`
        /// or no value at all) is described as "nothing".
        case strict
    }

    /// The display path of the file.
    public let source: String
    /// How edge cases are treated and worded.
    public let conventions: Conventions
    /// The problems found so far, in the order they were recorded.
    public private(set) var errors: [DataError] = []

    /// Starts reading the file shown as `source` in messages.
    /// - Parameter conventions: how edge cases are treated and worded (default ``Conventions/lenient``).
    public init(source: String, conventions: Conventions = .lenient) {
        self.source = source
        self.conventions = conventions
    }

    /// Records a problem at `node` (or, without a node or its mark, at the file), prefixed by `path`
    /// (`"columns[3].type: " + message`; nothing when `path` is empty).
    public mutating func record(_ message: String, at node: Node?, path: String) {
        let mark = node?.mark
        record(message, file: source, line: mark?.line, column: mark?.column, path: path)
    }

    /// Records a problem in `file` (which may be another file the document refers to), at `line`
    /// and `column` when known, prefixed by `path` as in ``record(_:at:path:)``.
    public mutating func record(_ message: String, file: String, line: Int?, column: Int?, path: String) {
        let prefix = path.isEmpty ? "" : "\(path): "
        errors.append(DataError(file: file, line: line, column: column, message: prefix + message))
    }

    /// Records a problem found by other means (reading a file the document refers to, say).
    public mutating func append(_ error: DataError) {
        errors.append(error)
    }

    /// Parses `text` into one YAML node; `nil` (with the problem recorded) for malformed YAML, a
    /// document that is empty, or a stream of several documents.
    public mutating func compose(_ text: String) -> Node? {
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
            return located(mark, "not valid YAML: \(ourWording(problem))\(context(ctx))")
        case let .parser(ctx, problem, mark, _):
            return located(mark, "not valid YAML: \(ourWording(problem))\(context(ctx))")
        case let .composer(ctx, problem, mark, _):
            return located(mark, "not valid YAML: \(ourWording(problem))\(context(ctx))")
        case let .duplicatedKeysInMapping(duplicates, ctx):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return located(ctx.mark, "duplicate key \(names) in a mapping")
        case let .reader(problem, offset, _, _):
            return DataError(file: source, message: "not valid YAML: \(ourWording(problem))\(offset.map { " at byte \($0)" } ?? "")")
        case .memory:
            return DataError(file: source, message: "not valid YAML: the parser ran out of memory")
        case .dataCouldNotBeDecoded:
            return DataError(file: source, message: "the file is not valid UTF-8 text")
        case .no, .writer, .emitter, .representer:
            return DataError(file: source, message: "not valid YAML: the parser failed without saying why")
        }
    }

    /// libyaml's problem text in our words: it names its own C functions in one message, which
    /// mean nothing to a user.
    static func ourWording(_ problem: String) -> String {
        if problem.hasPrefix("Maximum nesting level reached") {
            return "the document is nested more than \(maximumNesting) levels deep"
        }
        // Any other mention of a libyaml function: keep the text before it.
        if let range = problem.range(of: ", set with yaml_") ?? problem.range(of: "yaml_") {
            return String(problem[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
        }
        return problem
    }

    /// libyaml's limit on nested collections (its `MAX_NESTING_LEVEL`).
    static let maximumNesting = 1000

    /// Reads the file at `url` as UTF-8 text; `nil` (with the problem recorded) when it cannot.
    public mutating func readText(of url: URL) -> String? {
        let data: Data
        do { data = try FileAccess.contents(of: url, source: source) } catch {
            errors.append(error)
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            record("the file is not valid UTF-8 text", at: nil, path: "")
            return nil
        }
        return text
    }

    /// A short description of what `node` is, for "expected …, found …" messages: a scalar as
    /// written in quotes (cut after 30 characters), "nothing" (see ``Conventions``), "a mapping",
    /// "a list" or "an alias".
    public func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            let isNothing = conventions == .strict ? YAMLMapping.isNull(node) : scalar.string.isEmpty
            if isNothing { return "nothing" }
            let text = scalar.string.count > 30 ? String(scalar.string.prefix(30)) + "…" : scalar.string
            return "'\(text)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}

/// A YAML mapping being read key by key; ``finish(_:)`` reports the keys nobody asked for.
///
/// Every accessor records what is wrong with the value it reads in a ``YAMLProblems``, located at
/// the value and named by its key path, and returns `nil` then, so that reading can go on.
public struct YAMLMapping {
    /// The mapping's node.
    public let node: Node
    /// The key path of the mapping (`""` for the top of the document).
    public let path: String
    private let pairs: [(key: String, keyNode: Node, value: Node)]
    private var used: Set<String> = []

    /// The mapping at `node`, or `nil` (with "expected `what`, found …" recorded) when `node` is
    /// not a mapping.
    public init?(_ node: Node, path: String, problems: inout YAMLProblems, what: String = "a mapping") {
        guard let mapping = node.mapping else {
            problems.record("expected \(what), found \(problems.describe(node))", at: node, path: path)
            return nil
        }
        self.node = node
        self.path = path
        pairs = mapping.map { (key: $0.key.string ?? "", keyNode: $0.key, value: $0.value) }
    }

    /// The key path of `key` within this mapping.
    public func path(of key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Every key in file order with its nodes, for mappings keyed by names the file chooses.
    public var entries: [(key: String, keyNode: Node, value: Node)] { pairs }

    /// Whether `key` is present (with any value, null included), without marking it used.
    public func has(_ key: String) -> Bool { pairs.contains { $0.key == key } }

    /// The node of `key` (for locating a problem found later), without marking it used.
    public func node(of key: String) -> Node? {
        pairs.last(where: { $0.key == key })?.value
    }

    /// The value of `key`, marking the key as used; `nil` when it is absent or null, which is
    /// recorded as a problem when the key is `required`.
    public mutating func value(_ key: String, required: Bool, problems: inout YAMLProblems) -> Node? {
        used.insert(key)
        guard let pair = pairs.last(where: { $0.key == key }) else {
            if required { problems.record("missing key '\(key)'", at: node, path: path) }
            return nil
        }
        if Self.isNull(pair.value) {
            if required { problems.record("'\(key)' has no value", at: pair.keyNode, path: self.path(of: key)) }
            return nil
        }
        return pair.value
    }

    /// A non-empty string (any scalar, as written, without surrounding white space). Empty text
    /// is a problem when the key is `required` (or, under ``YAMLProblems/Conventions/strict``, always).
    public mutating func string(_ key: String, required: Bool, problems: inout YAMLProblems) -> String? {
        guard let value = value(key, required: required, problems: &problems) else { return nil }
        guard case .scalar(let scalar) = value else {
            problems.record("expected text, found \(problems.describe(value))", at: value, path: path(of: key))
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            if required || problems.conventions == .strict {
                problems.record("must not be empty", at: value, path: path(of: key))
            }
            return nil
        }
        return text
    }

    /// One of `choices`; any other text is recorded with the closest choice suggested.
    public mutating func choice(_ key: String, among choices: [String], required: Bool,
                                problems: inout YAMLProblems) -> String? {
        guard let text = string(key, required: required, problems: &problems) else { return nil }
        guard choices.contains(text) else {
            var message = "unknown value '\(text)'"
            if let suggestion = NameSuggestion.closest(to: text, among: choices) { message += "; did you mean '\(suggestion)'?" }
            problems.record(message + " (one of: \(choices.joined(separator: ", ")))", at: node(of: key), path: path(of: key))
            return nil
        }
        return text
    }

    /// A boolean (`true`/`false`, YAML 1.1 spellings such as `yes`/`no` included).
    public mutating func bool(_ key: String, required: Bool, problems: inout YAMLProblems) -> Bool? {
        guard let value = value(key, required: required, problems: &problems) else { return nil }
        guard let bool = value.bool else {
            problems.record("expected true or false, found \(problems.describe(value))", at: value, path: path(of: key))
            return nil
        }
        return bool
    }

    /// A whole number.
    public mutating func integer(_ key: String, required: Bool, problems: inout YAMLProblems) -> Int? {
        guard let value = value(key, required: required, problems: &problems) else { return nil }
        guard value.scalar != nil, let int = value.int else {
            problems.record("expected a whole number, found \(problems.describe(value))", at: value, path: path(of: key))
            return nil
        }
        return int
    }

    /// A finite number (see ``number(_:path:problems:what:)``).
    public mutating func number(_ key: String, required: Bool, problems: inout YAMLProblems) -> Double? {
        guard let value = value(key, required: required, problems: &problems) else { return nil }
        return Self.number(value, path: path(of: key), problems: &problems)
    }

    /// A sequence, as its elements with their key paths (`key[0]`, `key[1]`, …).
    public mutating func sequence(_ key: String, required: Bool, problems: inout YAMLProblems) -> [(node: Node, path: String)]? {
        guard let value = value(key, required: required, problems: &problems) else { return nil }
        guard let sequence = value.sequence else {
            problems.record("expected a list, found \(problems.describe(value))", at: value, path: path(of: key))
            return nil
        }
        return sequence.enumerated().map { (node: $0.element, path: "\(path(of: key))[\($0.offset)]") }
    }

    /// A sequence of non-empty strings (each without surrounding white space); other elements
    /// are recorded and left out.
    public mutating func strings(_ key: String, required: Bool, problems: inout YAMLProblems) -> [String]? {
        guard let elements = sequence(key, required: required, problems: &problems) else { return nil }
        var result: [String] = []
        for (node, path) in elements {
            guard case .scalar(let scalar) = node, !scalar.string.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                problems.record("expected non-empty text, found \(problems.describe(node))", at: node, path: path)
                continue
            }
            result.append(scalar.string.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return result
    }

    /// Records every key that was not read, naming the allowed ones (those read) and suggesting
    /// the closest: "unknown key 'titel'; did you mean 'title'? (allowed: …)".
    public func finish(_ problems: inout YAMLProblems) {
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

    /// The finite number a scalar `node` holds; otherwise `nil`, with "expected `what`, found …"
    /// recorded at `node` (under ``YAMLProblems/Conventions/strict``, a number that is not finite
    /// is recorded as "… is not a finite number").
    public static func number(_ node: Node, path: String, problems: inout YAMLProblems, what: String = "a number") -> Double? {
        guard case .scalar = node, let value = node.float, value.isFinite || problems.conventions == .strict else {
            problems.record("expected \(what), found \(problems.describe(node))", at: node, path: path)
            return nil
        }
        guard value.isFinite else {
            problems.record("\(node.string ?? "value") is not a finite number", at: node, path: path)
            return nil
        }
        return value
    }

    /// Whether `node` is a null written plainly: `~`, `null` or no value at all (a quoted
    /// `'null'` is text).
    public static func isNull(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any, node.null != nil { return true }
        return false
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
    public static func checkSchema(_ mapping: inout YAMLMapping, problems: inout YAMLProblems) {
        guard let schema = mapping.integer("schema", required: true, problems: &problems) else { return }
        if schema != supportedSchema {
            problems.record("unsupported schema version \(schema); this version of foresight reads schema \(supportedSchema)",
                            at: mapping.node(of: "schema"), path: "schema")
        }
    }
}

import Datasets
import Foundation
import Scoring
import Yams

extension ScorecardSpec {
    /// Reads and validates the specification file at `url`.
    /// - Parameter displayPath: the path shown in messages (default `url.path`); a CSV `matrix`
    ///   is shown relative to it.
    /// - Throws: `DataErrors` listing every problem, located by file, line and column.
    public static func load(contentsOf url: URL, displayPath: String? = nil) throws -> ScorecardSpec {
        let source = displayPath ?? url.path
        let data: Data
        do { data = try FileAccess.contents(of: url, source: source) } catch { throw DataErrors([error]) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataErrors([DataError(file: source, message: "the file is not valid UTF-8 text")])
        }
        return try parse(text, source: source, sha256: SHA256.hexDigest(data), baseDirectory: url.deletingLastPathComponent())
    }

    /// Parses and validates specification text.
    /// - Parameters:
    ///   - source: the display path used in messages; a CSV `matrix` is shown relative to its folder.
    ///   - baseDirectory: where a CSV `matrix` is looked up (default: the current directory).
    /// - Throws: `DataErrors` listing every problem.
    public static func parse(_ text: String, source: String, baseDirectory: URL? = nil) throws -> ScorecardSpec {
        try parse(text, source: source, sha256: SHA256.hexDigest(Array(text.utf8)), baseDirectory: baseDirectory)
    }

    static func parse(_ text: String, source: String, sha256: String, baseDirectory: URL?) throws -> ScorecardSpec {
        var loader = SpecLoader(source: source, sha256: sha256, baseDirectory: baseDirectory)
        if let spec = loader.load(text) { return spec }
        throw DataErrors(loader.sortedErrors)
    }
}

/// Reads one specification, recording every problem.
struct SpecLoader {
    var problems: YAMLProblems
    let sha256: String
    let baseDirectory: URL?
    var locations: SpecLocations

    init(source: String, sha256: String, baseDirectory: URL?) {
        problems = YAMLProblems(source: source, conventions: .strict)
        self.sha256 = sha256
        self.baseDirectory = baseDirectory
        locations = SpecLocations(file: source)
    }

    var source: String { problems.source }

    /// Problems of the specification in file order, then those of other files.
    var sortedErrors: [DataError] {
        problems.errors.enumerated().sorted { a, b in
            let ka = (a.element.file == source ? 0 : 1, a.element.file, a.element.line ?? 0, a.element.column ?? 0, a.offset)
            let kb = (b.element.file == source ? 0 : 1, b.element.file, b.element.line ?? 0, b.element.column ?? 0, b.offset)
            return ka < kb
        }.map(\.element)
    }

    /// A criterion as read, before its values are known.
    struct RawCriterion {
        let index: Int
        let node: Node
        var id: String?
        var label: String?
        var direction: CriterionDirection?
        var weight: Double?
        var weightNode: Node?
        var valuesNode: Node?
        var source: String?
        var unit: String?
        var note: String?
        var path: String { "criteria[\(index)]" }
    }

    static let topKeys = ["schema", "name", "description", "source", "alternatives", "criteria", "matrix", "scales",
                          "weights", "weight_rationale", "ahp", "methods", "normalization", "vikor", "promethee",
                          "sensitivity", "seed"]

    mutating func load(_ text: String) -> ScorecardSpec? {
        guard let root = problems.compose(text) else { return nil }
        guard var top = YAMLMapping(root, path: "", problems: &problems, what: "a mapping with 'schema: 1' at the top") else {
            return nil
        }
        if let schema = top.integer("schema", required: true, problems: &problems), schema != ScorecardSpec.schema {
            problems.record("unsupported schema version \(schema); this version of foresight reads schema 1",
                            at: top.node(of: "schema"), path: "schema")
        }
        let name = top.string("name", required: true, problems: &problems)
        let description = top.string("description", required: false, problems: &problems)
        let topSource = top.string("source", required: false, problems: &problems)
        let matrixFile = top.string("matrix", required: false, problems: &problems)
        var alternatives = readNames(&top, "alternatives", required: matrixFile == nil, what: "alternative")
        let alternativesNode = top.node(of: "alternatives")
        var criteria = readCriteria(&top)
        let scales = readScales(&top)
        let weighting = top.choice("weights", among: ScorecardWeighting.allCases.map(\.rawValue), required: false,
                                   problems: &problems).flatMap(ScorecardWeighting.init(rawValue:))
            ?? (top.has("weights") ? nil : .given)
        if let node = top.node(of: "weights") { locations.weights = LocatedPath(location: problems.location(of: node), path: "weights") }
        let rationale = top.string("weight_rationale", required: false, problems: &problems)
        let methods = readMethods(&top)
        let normalization = readNormalization(&top)
        let v = readVIKOR(&top)
        let criterionIds = criteria.compactMap(\.id)
        let promethee = readPROMETHEE(&top, criteria: criterionIds)
        let sensitivity = readSensitivity(&top, criteria: criterionIds)
        var seed: UInt64?
        if let value = top.integer("seed", required: false, problems: &problems) {
            if value < 0 { problems.record("must be ≥ 0, found \(value)", at: top.node(of: "seed"), path: "seed") } else { seed = UInt64(value) }
        }
        let ahpNode = top.value("ahp", required: false, problems: &problems)
        top.finish(&problems)

        // Values: the CSV matrix first (it may define the alternatives), then inline values.
        var csvValues: [String: [String: CriterionValue]] = [:]
        var csvDisplay: String?
        if let matrixFile {
            let known = criteria.compactMap(\.id)
            if let table = readMatrixFile(matrixFile, node: top.node(of: "matrix"), criteria: known, declared: alternatives) {
                csvValues = table.values
                csvDisplay = table.display
                if alternatives == nil { alternatives = table.alternatives }
            }
        }
        let alternativeList = alternatives ?? []
        if alternatives != nil, alternativeList.count < 2 {
            problems.record("a scorecard needs at least 2 alternatives, found \(alternativeList.count)", at: alternativesNode,
                            path: "alternatives")
        }
        let ids = criteria.compactMap(\.id)
        let ahp = readAHP(ahpNode, criteria: ids, alternatives: alternativeList)

        var values: [String: [String: CriterionValue]] = [:]
        var origins: [String: ScorecardCriterion.ValueOrigin] = [:]
        for index in criteria.indices {
            guard let id = criteria[index].id else { continue }
            let raw = criteria[index]
            let inCSV = csvValues[id] != nil
            if let node = raw.valuesNode {
                if inCSV {
                    problems.record("values are given both here and in the matrix file \(csvDisplay ?? "")", at: node,
                                    path: raw.path + ".values")
                }
                if alternatives != nil { values[id] = readValues(node, path: raw.path + ".values", criterion: id, alternatives: alternativeList) }
                origins[id] = .inline
            } else if let column = csvValues[id] {
                values[id] = column
                origins[id] = .matrixFile(csvDisplay ?? "")
            } else if let comparisons = ahp.alternatives[id] {
                if let priorities = try? AHP.priorities(comparisons, method: ahp.priorityMethod, randomIndex: ahp.randomIndex) {
                    values[id] = Dictionary(uniqueKeysWithValues: zip(alternativeList, priorities.weights.map(CriterionValue.point)))
                    for alternative in alternativeList {
                        locations.values[id, default: [:]][alternative] = LocatedPath(
                            location: ahp.alternativeNodes[id].map { problems.location(of: $0) } ?? problems.location(of: raw.node),
                            path: "ahp.alternatives.\(id)")
                    }
                }
                origins[id] = .pairwise
                if raw.direction == .cost {
                    problems.record("a criterion whose values are the priorities of its pairwise matrix must be 'benefit'",
                                    at: raw.node, path: raw.path + ".direction")
                }
            } else if ahp.alternativeNodes[id] == nil {
                var message = "no values: give 'values'"
                message += matrixFile == nil ? ", a 'matrix' file" : ", a column '\(id)' in \(csvDisplay ?? matrixFile ?? "the matrix file")"
                message += " or a pairwise matrix in 'ahp.alternatives.\(id)'"
                problems.record(message, at: raw.node, path: raw.path)
            }
            if criteria[index].direction == nil { criteria[index].direction = .benefit }
        }

        let resolvedWeighting = weighting ?? .given
        checkWeights(criteria, weighting: resolvedWeighting, ahp: ahp, methods: methods)

        guard problems.errors.isEmpty, let name, let weightingValue = weighting else { return nil }
        let scorecardCriteria = criteria.map { raw in
            ScorecardCriterion(id: raw.id ?? "", label: raw.label ?? raw.id ?? "", direction: raw.direction ?? .benefit,
                               weight: raw.weight, unit: raw.unit, note: raw.note, source: raw.source ?? topSource,
                               origin: origins[raw.id ?? ""] ?? .inline)
        }
        let matrix: DecisionMatrix
        do {
            matrix = try DecisionMatrix(
                alternatives: alternativeList,
                criteria: scorecardCriteria.map { Criterion($0.id, direction: $0.direction, weight: $0.weight) },
                valuesByCriterion: values)
        } catch {
            problems.record("\(error)", at: nil as Node?, path: "")
            return nil
        }
        var configuration = MethodConfiguration()
        configuration.weightedSum = WeightedSum(normalization: normalization.wsm ?? .minMax)
        configuration.topsis = TOPSIS(normalization: normalization.topsis ?? .vector)
        if let vikor = try? VIKOR(v: v) { configuration.vikor = vikor }
        configuration.promethee = promethee.resolve(matrix)
        configuration.ahp = AHPScoring(synthesis: ahp.synthesis, priorityMethod: ahp.priorityMethod,
                                       randomIndex: ahp.randomIndex, alternativeComparisons: ahp.alternatives)
        let settings: [ScoringMethod: String] = [
            .wsm: "\(configuration.weightedSum.normalization.rawValue) normalization",
            .wpm: "raw values, exponent ±w (cost criteria negative)",
            .topsis: "\(configuration.topsis.normalization.rawValue) normalization, Euclidean distance",
            .vikor: "v = \(Self.short(v))",
            .promethee2: promethee.description,
            .ahp: "\(ahp.priorityMethod.rawValue) priorities, \(ahp.synthesis.rawValue) synthesis, \(ahp.randomIndex.rawValue) RI",
        ]
        return ScorecardSpec(
            file: source, sha256: sha256, name: name, description: description, matrix: matrix, criteria: scorecardCriteria,
            weighting: weightingValue, weightRationale: rationale,
            ahp: ScorecardAHP(randomIndex: ahp.randomIndex, priorityMethod: ahp.priorityMethod, synthesis: ahp.synthesis,
                              criteria: ahp.criteria, alternatives: ahp.alternatives),
            methods: methods, configuration: configuration, methodSettings: settings, smaa: sensitivity.smaa,
            stabilityIntervals: sensitivity.stability, rankReversalDegradation: sensitivity.rankReversal, seed: seed,
            scales: scales, locations: locations)
    }

    static func short(_ x: Double) -> String { String(format: "%g", x) }

    // MARK: Names and criteria

    mutating func readNames(_ mapping: inout YAMLMapping, _ key: String, required: Bool, what: String) -> [String]? {
        guard let node = mapping.value(key, required: required, problems: &problems) else { return nil }
        guard let sequence = node.sequence else {
            problems.record("expected a list of \(what) names, found \(problems.describe(node))", at: node, path: key)
            return nil
        }
        var names: [String] = []
        for (index, element) in sequence.enumerated() {
            guard case .scalar(let scalar) = element, !YAMLMapping.isNull(element),
                  !scalar.string.trimmingCharacters(in: .whitespaces).isEmpty else {
                problems.record("expected a name, found \(problems.describe(element))", at: element, path: "\(key)[\(index)]")
                continue
            }
            let name = scalar.string.trimmingCharacters(in: .whitespaces)
            if names.contains(name) {
                problems.record("\(what) '\(name)' is listed more than once", at: element, path: "\(key)[\(index)]")
                continue
            }
            names.append(name)
        }
        return names
    }

    static let criterionKeys = ["id", "label", "direction", "weight", "values", "source", "unit", "note"]

    mutating func readCriteria(_ top: inout YAMLMapping) -> [RawCriterion] {
        guard let node = top.value("criteria", required: true, problems: &problems) else { return [] }
        guard let sequence = node.sequence else {
            problems.record("expected a list of criteria, found \(problems.describe(node))", at: node, path: "criteria")
            return []
        }
        if sequence.isEmpty { problems.record("at least one criterion is needed", at: node, path: "criteria") }
        var result: [RawCriterion] = []
        var seen: Set<String> = []
        for (index, element) in sequence.enumerated() {
            var raw = RawCriterion(index: index, node: element)
            guard var mapping = YAMLMapping(element, path: raw.path, problems: &problems, what: "a criterion mapping") else {
                result.append(raw)
                continue
            }
            if let id = mapping.string("id", required: true, problems: &problems) {
                if seen.insert(id).inserted {
                    raw.id = id
                } else {
                    problems.record("criterion '\(id)' is listed more than once", at: mapping.node(of: "id"), path: raw.path + ".id")
                }
            }
            raw.label = mapping.string("label", required: false, problems: &problems)
            if let direction = mapping.choice("direction", among: ["benefit", "cost"], required: true, problems: &problems) {
                raw.direction = CriterionDirection(rawValue: direction)
            }
            raw.weight = mapping.number("weight", required: false, problems: &problems)
            raw.weightNode = mapping.node(of: "weight")
            raw.valuesNode = mapping.value("values", required: false, problems: &problems)
            raw.source = mapping.string("source", required: false, problems: &problems)
            raw.unit = mapping.string("unit", required: false, problems: &problems)
            raw.note = mapping.string("note", required: false, problems: &problems)
            mapping.finish(&problems)
            if let id = raw.id {
                locations.criteria[id] = LocatedPath(location: problems.location(of: element), path: raw.path)
            }
            result.append(raw)
        }
        return result
    }

    mutating func readScales(_ top: inout YAMLMapping) -> [ScorecardScale] {
        guard let node = top.value("scales", required: false, problems: &problems),
              let mapping = YAMLMapping(node, path: "scales", problems: &problems) else { return [] }
        var scales: [ScorecardScale] = []
        for entry in mapping.entries {
            let path = "scales.\(entry.key)"
            guard let levels = YAMLMapping(entry.value, path: path, problems: &problems, what: "a mapping of levels to meanings") else {
                continue
            }
            var result: [ScorecardScale.Level] = []
            for level in levels.entries {
                guard case .scalar(let scalar) = level.value, !YAMLMapping.isNull(level.value) else {
                    problems.record("expected the meaning of level \(level.key) as text, found \(problems.describe(level.value))",
                                    at: level.value, path: "\(path).\(level.key)")
                    continue
                }
                result.append(.init(level: level.key, meaning: scalar.string))
            }
            scales.append(ScorecardScale(name: entry.key, levels: result))
        }
        return scales
    }

    // MARK: Values

    /// One value: a number, `[low, high]`, or `{interval|normal|triangular: [...]}`.
    mutating func readValue(_ node: Node, path: String) -> CriterionValue? {
        if YAMLMapping.isNull(node) {
            problems.record("missing value", at: node, path: path)
            return nil
        }
        func numbers(_ list: Node, count: Int, what: String, path: String) -> [Double]? {
            guard let elements = list.sequence, elements.count == count else {
                problems.record("\(what) needs a list of exactly \(count) numbers, found \(problems.describe(list))"
                                + (list.sequence.map { " of \($0.count)" } ?? ""), at: list, path: path)
                return nil
            }
            var result: [Double] = []
            for (k, element) in elements.enumerated() {
                guard let x = YAMLMapping.number(element, path: "\(path)[\(k)]", problems: &problems) else { return nil }
                result.append(x)
            }
            return result
        }
        switch node {
        case .scalar:
            guard let x = YAMLMapping.number(
                node, path: path, problems: &problems,
                what: "a number, an interval [low, high], {normal: [mean, sd]} or {triangular: [low, mode, high]}") else { return nil }
            return .point(x)
        case .sequence:
            guard let bounds = numbers(node, count: 2, what: "an interval", path: path) else { return nil }
            return interval(bounds, node: node, path: path)
        case .mapping:
            guard let mapping = node.mapping, mapping.count == 1, let key = mapping.first?.key.string,
                  let inner = mapping.first?.value else {
                problems.record("expected one of {interval: [low, high]}, {normal: [mean, sd]}, {triangular: [low, mode, high]}",
                                at: node, path: path)
                return nil
            }
            switch key {
            case "interval", "uniform":
                guard let bounds = numbers(inner, count: 2, what: "an interval", path: "\(path).\(key)") else { return nil }
                return interval(bounds, node: inner, path: "\(path).\(key)")
            case "normal":
                guard let p = numbers(inner, count: 2, what: "a normal distribution [mean, sd]", path: "\(path).normal") else { return nil }
                guard p[1] >= 0 else {
                    problems.record("standard deviation \(p[1]) is negative", at: inner, path: "\(path).normal")
                    return nil
                }
                return .normal(mean: p[0], sd: p[1])
            case "triangular":
                guard let p = numbers(inner, count: 3, what: "a triangular distribution [low, mode, high]",
                                      path: "\(path).triangular") else { return nil }
                guard p[0] <= p[1], p[1] <= p[2] else {
                    problems.record("triangular needs low ≤ mode ≤ high, found [\(p.map(Self.short).joined(separator: ", "))]",
                                    at: inner, path: "\(path).triangular")
                    return nil
                }
                return .triangular(low: p[0], mode: p[1], high: p[2])
            default:
                var message = "unknown kind of value '\(key)'"
                if let s = NameSuggestion.closest(to: key, among: ["interval", "normal", "triangular"]) { message += "; did you mean '\(s)'?" }
                problems.record(message + " (interval, normal, triangular)", at: mapping.first?.key, path: path)
                return nil
            }
        case .alias:
            problems.record("aliases are not supported here", at: node, path: path)
            return nil
        }
    }

    mutating func interval(_ bounds: [Double], node: Node, path: String) -> CriterionValue? {
        guard bounds[0] <= bounds[1] else {
            problems.record("interval low \(Self.short(bounds[0])) exceeds high \(Self.short(bounds[1]))", at: node, path: path)
            return nil
        }
        return .interval(low: bounds[0], high: bounds[1])
    }

    /// The values of one criterion: a mapping by alternative, or a list in alternatives order.
    mutating func readValues(_ node: Node, path: String, criterion: String, alternatives: [String]) -> [String: CriterionValue] {
        var result: [String: CriterionValue] = [:]
        func remember(_ alternative: String, _ element: Node, _ elementPath: String) {
            locations.values[criterion, default: [:]][alternative] = LocatedPath(location: problems.location(of: element), path: elementPath)
        }
        if let mapping = node.mapping {
            for (keyNode, element) in mapping {
                let name = keyNode.string ?? ""
                let elementPath = "\(path).\(name)"
                guard alternatives.contains(name) else {
                    var message = "unknown alternative '\(name)'"
                    if let s = NameSuggestion.closest(to: name, among: alternatives.filter { !mapping.keys.compactMap(\.string).contains($0) })
                        ?? NameSuggestion.closest(to: name, among: alternatives) {
                        message += "; did you mean '\(s)'?"
                    }
                    problems.record(message + " (alternatives: \(alternatives.joined(separator: ", ")))", at: keyNode, path: elementPath)
                    continue
                }
                remember(name, element, elementPath)
                if let value = readValue(element, path: elementPath) { result[name] = value }
            }
            let given = Set(mapping.keys.compactMap(\.string))
            for alternative in alternatives where !given.contains(alternative) {
                problems.record("no value for alternative '\(alternative)'", at: node, path: path)
            }
        } else if let sequence = node.sequence {
            guard sequence.count == alternatives.count else {
                problems.record("\(sequence.count) values for \(alternatives.count) alternatives (a list gives one value per alternative, in the order of 'alternatives')",
                                at: node, path: path)
                return result
            }
            for (index, element) in sequence.enumerated() {
                let elementPath = "\(path)[\(index)]"
                remember(alternatives[index], element, elementPath)
                if let value = readValue(element, path: elementPath) { result[alternatives[index]] = value }
            }
        } else {
            problems.record("expected a mapping from alternative to value, or a list of values in alternatives order; found \(problems.describe(node))",
                            at: node, path: path)
        }
        return result
    }

    /// Why a CSV cell is not a value.
    struct CellProblem: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    /// A value written in a CSV cell: a number or `[low, high]`.
    static func cellValue(_ text: String) -> Result<CriterionValue, CellProblem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .failure(CellProblem("missing value")) }
        func number(_ s: Substring) -> Double? {
            let t = s.trimmingCharacters(in: .whitespaces)
            guard !t.isEmpty, t.allSatisfy({ "0123456789+-.eE".contains($0) }) else { return nil }
            return Double(t)
        }
        if trimmed.hasPrefix("[") && trimmed.hasSuffix("]") {
            let parts = trimmed.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count == 2, let low = number(parts[0]), let high = number(parts[1]), low.isFinite, high.isFinite else {
                return .failure(CellProblem("'\(trimmed)' is not an interval [low, high] of two numbers"))
            }
            guard low <= high else { return .failure(CellProblem("interval low \(short(low)) exceeds high \(short(high))")) }
            return .success(.interval(low: low, high: high))
        }
        guard let x = number(Substring(trimmed)) else { return .failure(CellProblem("'\(trimmed)' is not a number or an interval \"[low, high]\"")) }
        guard x.isFinite else { return .failure(CellProblem("'\(trimmed)' is not a finite number")) }
        return .success(.point(x))
    }

    /// Reads `matrix: file.csv`: first column the alternative, header the criterion ids.
    mutating func readMatrixFile(_ file: String, node: Node?, criteria: [String], declared: [String]?)
        -> (values: [String: [String: CriterionValue]], alternatives: [String], display: String)? {
        let base = baseDirectory ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        let url = file.hasPrefix("/") ? URL(fileURLWithPath: file) : base.appendingPathComponent(file)
        let folder = (source as NSString).deletingLastPathComponent
        let display = file.hasPrefix("/") || folder.isEmpty ? file : (folder as NSString).appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else {
            problems.record("matrix file \(display) does not exist", at: node, path: "matrix")
            return nil
        }
        let table: CSVTable
        do {
            table = try CSVReader.read(url: url, displayPath: display, requireRows: true)
        } catch let error as DataError {
            problems.append(error)
            return nil
        } catch let errors as DataErrors {
            for error in errors.errors { problems.append(error) }
            return nil
        } catch {
            problems.record("cannot read \(display): \(error)", at: node, path: "matrix")
            return nil
        }
        let header = table.header
        // Header cells are unquoted names in practice; their columns are counted for messages.
        var headerColumns: [Int] = []
        var column = 1
        for name in header {
            headerColumns.append(column)
            column += name.unicodeScalars.count + 1
        }
        var columnCriteria: [Int: String] = [:]
        for index in 1..<max(header.count, 1) {
            let name = header[index]
            let at = SpecLocation(file: display, line: 1, column: headerColumns[index])
            guard criteria.contains(name) else {
                var message = "unknown criterion '\(name)'"
                if let s = NameSuggestion.closest(to: name, among: criteria) { message += "; did you mean '\(s)'?" }
                problems.record(message + " (criteria: \(criteria.joined(separator: ", ")))", at: at, path: "")
                continue
            }
            columnCriteria[index] = name
        }
        if header.count < 2 {
            problems.record("the matrix file needs an alternative column and at least one criterion column",
                            at: SpecLocation(file: display, line: 1, column: 1), path: "")
        }
        var values: [String: [String: CriterionValue]] = [:]
        var alternatives: [String] = []
        // Names are checked in hash sets: a linear search per row would make loading quadratic.
        var seen = Set<String>()
        let declaredSet = declared.map(Set.init)
        let orderedCriteria = columnCriteria.sorted(by: { $0.key < $1.key })
        for criterion in columnCriteria.values { values[criterion] = Dictionary(minimumCapacity: table.rowCount) }
        for row in 0..<table.rowCount {
            let record = table.record(at: row)
            func at(_ k: Int) -> SpecLocation {
                let position = record.position(at: k)
                return SpecLocation(file: display, line: position.line, column: position.column)
            }
            let name = record.field(at: 0).trimmingCharacters(in: .whitespaces)
            if let declared, let declaredSet, !declaredSet.contains(name) {
                var message = "unknown alternative '\(name)'"
                if let s = NameSuggestion.closest(to: name, among: declared) { message += "; did you mean '\(s)'?" }
                problems.record(message + " (alternatives: \(declared.joined(separator: ", ")))", at: at(0), path: "")
                continue
            }
            if name.isEmpty {
                problems.record("missing alternative name", at: at(0), path: "")
                continue
            }
            guard seen.insert(name).inserted else {
                problems.record("alternative '\(name)' appears on more than one row", at: at(0), path: "")
                continue
            }
            alternatives.append(name)
            for (k, criterion) in orderedCriteria {
                locations.values[criterion, default: [:]][name] = LocatedPath(location: at(k), path: "")
                // Plain numbers are read from the bytes; intervals and bad cells take the text path.
                let cell = record.finiteNumber(at: k).map { Result.success(CriterionValue.point($0)) }
                    ?? Self.cellValue(record.field(at: k))
                switch cell {
                case .success(let value): values[criterion, default: [:]][name] = value
                case .failure(let problem):
                    problems.record("\(problem.message) (alternative '\(name)', criterion '\(criterion)')", at: at(k), path: "")
                }
            }
        }
        for alternative in declared ?? [] where !seen.contains(alternative) {
            problems.record("no row for alternative '\(alternative)'", at: SpecLocation(file: display, line: table.rowLines.last, column: nil),
                            path: "")
        }
        // Mark columns with bad cells as present, so that the criterion is not reported as lacking values.
        for criterion in columnCriteria.values where values[criterion] == nil { values[criterion] = [:] }
        return (values, declared ?? alternatives, display)
    }

    // MARK: AHP

    /// The `ahp` block as read.
    struct AHPRead {
        var randomIndex = RandomIndexTable.saaty1980
        var priorityMethod = AHP.PriorityMethod.eigenvector
        var synthesis = AHP.SynthesisMode.distributive
        var criteria: PairwiseMatrix?
        var criteriaNode: Node?
        var alternatives: [String: PairwiseMatrix] = [:]
        var alternativeNodes: [String: Node] = [:]
    }

    mutating func readAHP(_ node: Node?, criteria: [String], alternatives: [String]) -> AHPRead {
        var result = AHPRead()
        guard let node, var mapping = YAMLMapping(node, path: "ahp", problems: &problems) else { return result }
        if let text = mapping.choice("ri_table", among: RandomIndexTable.allCases.map(\.rawValue), required: false, problems: &problems) {
            result.randomIndex = RandomIndexTable(rawValue: text) ?? .saaty1980
        }
        if let text = mapping.choice("priority", among: AHP.PriorityMethod.allCases.map(\.rawValue), required: false, problems: &problems) {
            result.priorityMethod = AHP.PriorityMethod(rawValue: text) ?? .eigenvector
        }
        if let text = mapping.choice("synthesis", among: AHP.SynthesisMode.allCases.map(\.rawValue), required: false, problems: &problems) {
            result.synthesis = AHP.SynthesisMode(rawValue: text) ?? .distributive
        }
        if let matrixNode = mapping.value("criteria", required: false, problems: &problems) {
            result.criteriaNode = matrixNode
            result.criteria = readPairwise(matrixNode, path: "ahp.criteria", items: criteria, what: "criteria")
        }
        if let alternativesNode = mapping.value("alternatives", required: false, problems: &problems),
           let byCriterion = YAMLMapping(alternativesNode, path: "ahp.alternatives", problems: &problems,
                                         what: "a mapping from criterion id to pairwise matrix") {
            for entry in byCriterion.entries {
                let path = "ahp.alternatives.\(entry.key)"
                guard criteria.contains(entry.key) else {
                    var message = "unknown criterion '\(entry.key)'"
                    if let s = NameSuggestion.closest(to: entry.key, among: criteria) { message += "; did you mean '\(s)'?" }
                    problems.record(message + " (criteria: \(criteria.joined(separator: ", ")))", at: entry.keyNode, path: path)
                    continue
                }
                result.alternativeNodes[entry.key] = entry.value
                if let matrix = readPairwise(entry.value, path: path, items: alternatives, what: "alternatives") {
                    result.alternatives[entry.key] = matrix
                }
            }
        }
        mapping.finish(&problems)
        return result
    }

    /// One pairwise entry: a number or `"a/b"`.
    static func pairwiseEntry(_ node: Node) -> Double? {
        guard case .scalar(let scalar) = node, !YAMLMapping.isNull(node) else { return nil }
        if let x = node.float { return x }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        let numbers = parts.map { Double($0.trimmingCharacters(in: .whitespaces)) }
        if parts.count == 1, let x = numbers[0] { return x }
        if parts.count == 2, let a = numbers[0], let b = numbers[1] { return a / b }
        return nil
    }

    /// A square, positive, reciprocal matrix comparing `items`; every problem recorded with its cell.
    mutating func readPairwise(_ node: Node, path: String, items: [String], what: String) -> PairwiseMatrix? {
        guard let rows = node.sequence else {
            problems.record("expected a pairwise matrix (a list of rows), found \(problems.describe(node))", at: node, path: path)
            return nil
        }
        let n = rows.count
        var ok = true
        if n != items.count {
            problems.record("a \(n)×\(n) matrix for \(items.count) \(what) (\(items.joined(separator: ", ")))", at: node, path: path)
            ok = false
        }
        var values = [[Double]](repeating: [Double](repeating: .nan, count: n), count: n)
        var cells = [[Node?]](repeating: [Node?](repeating: nil, count: n), count: n)
        for (i, row) in rows.enumerated() {
            guard let entries = row.sequence, entries.count == n else {
                problems.record("row \(i) must be a list of \(n) entries, found \(row.sequence.map { "\($0.count) entries" } ?? problems.describe(row))",
                                at: row, path: "\(path)[\(i)]")
                ok = false
                continue
            }
            for (j, entry) in entries.enumerated() {
                cells[i][j] = entry
                guard let x = Self.pairwiseEntry(entry) else {
                    problems.record("expected a number or a ratio such as \"1/3\", found \(problems.describe(entry))",
                                    at: entry, path: "\(path)[\(i)][\(j)]")
                    ok = false
                    continue
                }
                guard x.isFinite, x > 0 else {
                    problems.record("comparison \(Self.short(x)) must be finite and positive", at: entry, path: "\(path)[\(i)][\(j)]")
                    ok = false
                    continue
                }
                values[i][j] = x
            }
        }
        func item(_ k: Int) -> String { k < items.count ? "'\(items[k])'" : "item \(k)" }
        let tolerance = PairwiseMatrix.defaultReciprocalTolerance
        for i in 0..<n where values[i][i].isFinite && abs(values[i][i] - 1) > tolerance {
            problems.record("diagonal entry must be 1, found \(Self.short(values[i][i]))", at: cells[i][i], path: "\(path)[\(i)][\(i)]")
            ok = false
        }
        for i in 0..<n {
            for j in (i + 1)..<max(n, i + 1) where values[i][j].isFinite && values[j][i].isFinite {
                if abs(values[i][j] * values[j][i] - 1) > tolerance {
                    problems.record(
                        "not reciprocal: \(item(j)) vs \(item(i)) = \(Self.short(values[j][i])) but \(item(i)) vs \(item(j)) = "
                            + "\(Self.short(values[i][j])) at \(path)[\(i)][\(j)]; expected 1/\(Self.short(values[i][j])) ≈ \(String(format: "%.4g", 1 / values[i][j]))",
                        at: cells[j][i], path: "\(path)[\(j)][\(i)]")
                    ok = false
                }
            }
        }
        guard ok else { return nil }
        do {
            return try PairwiseMatrix(values)
        } catch {
            problems.record("\(error)", at: node, path: path)
            return nil
        }
    }

    // MARK: Methods and their settings

    mutating func readMethods(_ top: inout YAMLMapping) -> [ScoringMethod] {
        guard let node = top.value("methods", required: true, problems: &problems) else { return [] }
        let names = ScoringMethod.allCases.map(\.rawValue)
        guard let sequence = node.sequence else {
            problems.record("expected a list of methods (\(names.joined(separator: ", "))), found \(problems.describe(node))",
                            at: node, path: "methods")
            return []
        }
        if sequence.isEmpty { problems.record("at least one method is needed (\(names.joined(separator: ", ")))", at: node, path: "methods") }
        var methods: [ScoringMethod] = []
        for (index, element) in sequence.enumerated() {
            let path = "methods[\(index)]"
            let text = element.string ?? ""
            guard case .scalar = element, let method = ScoringMethod(rawValue: text) else {
                var message = "unknown method \(problems.describe(element))"
                if let s = NameSuggestion.closest(to: text, among: names) { message += "; did you mean '\(s)'?" }
                problems.record(message + " (methods: \(names.joined(separator: ", ")))", at: element, path: path)
                continue
            }
            if methods.contains(method) {
                problems.record("method '\(text)' is listed more than once", at: element, path: path)
                continue
            }
            methods.append(method)
            locations.methods[method] = LocatedPath(location: problems.location(of: element), path: path)
        }
        return methods
    }

    mutating func readNormalization(_ top: inout YAMLMapping) -> (wsm: Normalization?, topsis: Normalization?) {
        let names = Normalization.allCases.map(\.rawValue)
        guard let node = top.node(of: "normalization"), node.mapping != nil else {
            let both = top.choice("normalization", among: names, required: false, problems: &problems).flatMap(Normalization.init(rawValue:))
            return (both, both)
        }
        _ = top.value("normalization", required: false, problems: &problems)
        guard var mapping = YAMLMapping(node, path: "normalization", problems: &problems) else { return (nil, nil) }
        let wsm = mapping.choice("wsm", among: names, required: false, problems: &problems).flatMap(Normalization.init(rawValue:))
        let topsis = mapping.choice("topsis", among: names, required: false, problems: &problems).flatMap(Normalization.init(rawValue:))
        mapping.finish(&problems)
        return (wsm, topsis)
    }

    mutating func readVIKOR(_ top: inout YAMLMapping) -> Double {
        guard let node = top.value("vikor", required: false, problems: &problems),
              var mapping = YAMLMapping(node, path: "vikor", problems: &problems) else { return 0.5 }
        var v = 0.5
        if let value = mapping.number("v", required: false, problems: &problems) {
            if value < 0 || value > 1 {
                problems.record("v must lie in [0, 1], found \(Self.short(value))", at: mapping.node(of: "v"), path: "vikor.v")
            } else {
                v = value
            }
        }
        mapping.finish(&problems)
        return v
    }

    /// A preference function as written (thresholds not yet scaled).
    struct PreferenceSpec: Sendable {
        var kind = "usual"
        var q: Double?
        var p: Double?
        var s: Double?

        func function(scale: Double) -> PreferenceFunction {
            switch kind {
            case "u_shape": .uShape(q: (q ?? 0) * scale)
            case "v_shape": .vShape(p: (p ?? 1) * scale)
            case "level": .level(q: (q ?? 0) * scale, p: (p ?? 1) * scale)
            case "linear": .linear(q: (q ?? 0) * scale, p: (p ?? 1) * scale)
            case "gaussian": .gaussian(s: (s ?? 1) * scale)
            default: .usual
            }
        }

        var description: String {
            let parameters = [("q", q), ("p", p), ("s", s)].compactMap { name, value in value.map { "\(name) = \(SpecLoader.short($0))" } }
            return parameters.isEmpty ? kind : "\(kind) (\(parameters.joined(separator: ", ")))"
        }
    }

    /// The `promethee` block as read.
    struct PROMETHEERead: Sendable {
        var base = PreferenceSpec()
        var relative = false
        var perCriterion: [String: PreferenceSpec] = [:]

        /// Relative thresholds are multiplied by each criterion's range of central values; on a
        /// constant criterion (range 0, every difference 0) the usual criterion is used.
        func resolve(_ matrix: DecisionMatrix) -> PROMETHEE {
            var functions: [String: PreferenceFunction] = [:]
            for (j, criterion) in matrix.criteria.enumerated() {
                if let own = perCriterion[criterion.name] {
                    functions[criterion.name] = own.function(scale: 1)
                } else if relative {
                    let column = matrix.column(j)
                    let range = (column.max() ?? 0) - (column.min() ?? 0)
                    functions[criterion.name] = range > 0 ? base.function(scale: range) : .usual
                }
            }
            return PROMETHEE(defaultFunction: base.function(scale: 1), perCriterion: functions)
        }

        var description: String {
            var text = base.description + (relative && base.kind != "usual" ? ", thresholds relative to each criterion's range" : "")
            for (id, spec) in perCriterion.sorted(by: { $0.key < $1.key }) { text += "; \(id): \(spec.description)" }
            return text
        }
    }

    static let preferenceKinds = ["usual", "u_shape", "v_shape", "level", "linear", "gaussian"]

    mutating func readPreference(_ mapping: inout YAMLMapping) -> PreferenceSpec {
        var spec = PreferenceSpec()
        spec.kind = mapping.choice("preference", among: Self.preferenceKinds, required: false, problems: &problems) ?? "usual"
        spec.q = mapping.number("q", required: false, problems: &problems)
        spec.p = mapping.number("p", required: false, problems: &problems)
        spec.s = mapping.number("s", required: false, problems: &problems)
        let needed: [String] = switch spec.kind {
        case "u_shape": ["q"]
        case "v_shape": ["p"]
        case "level", "linear": ["q", "p"]
        case "gaussian": ["s"]
        default: []
        }
        for (name, value) in [("q", spec.q), ("p", spec.p), ("s", spec.s)] {
            if value != nil, !needed.contains(name) {
                problems.record("'\(name)' does not apply to the '\(spec.kind)' preference function (it takes \(needed.isEmpty ? "no thresholds" : needed.joined(separator: ", ")))",
                                at: mapping.node(of: name), path: mapping.path(of: name))
            }
            if value == nil, needed.contains(name) {
                problems.record("the '\(spec.kind)' preference function needs '\(name)'", at: mapping.node, path: mapping.path)
            }
        }
        if let q = spec.q, q < 0 { problems.record("q must be ≥ 0, found \(Self.short(q))", at: mapping.node(of: "q"), path: mapping.path(of: "q")) }
        if let p = spec.p, p <= 0 { problems.record("p must be > 0, found \(Self.short(p))", at: mapping.node(of: "p"), path: mapping.path(of: "p")) }
        if let p = spec.p, let q = spec.q, needed.contains("q"), needed.contains("p"), p <= q {
            problems.record("p must exceed q = \(Self.short(q)), found \(Self.short(p))", at: mapping.node(of: "p"), path: mapping.path(of: "p"))
        }
        if let s = spec.s, s <= 0 { problems.record("s must be > 0, found \(Self.short(s))", at: mapping.node(of: "s"), path: mapping.path(of: "s")) }
        return spec
    }

    mutating func readPROMETHEE(_ top: inout YAMLMapping, criteria: [String]) -> PROMETHEERead {
        var result = PROMETHEERead()
        guard let node = top.value("promethee", required: false, problems: &problems),
              var mapping = YAMLMapping(node, path: "promethee", problems: &problems) else { return result }
        result.base = readPreference(&mapping)
        if let scale = mapping.choice("thresholds", among: ["absolute", "relative"], required: false, problems: &problems) {
            result.relative = scale == "relative"
        }
        if let perNode = mapping.value("criteria", required: false, problems: &problems),
           let per = YAMLMapping(perNode, path: "promethee.criteria", problems: &problems) {
            for entry in per.entries {
                let path = "promethee.criteria.\(entry.key)"
                guard criteria.contains(entry.key) else {
                    var message = "unknown criterion '\(entry.key)'"
                    if let s = NameSuggestion.closest(to: entry.key, among: criteria) { message += "; did you mean '\(s)'?" }
                    problems.record(message, at: entry.keyNode, path: path)
                    continue
                }
                guard var inner = YAMLMapping(entry.value, path: path, problems: &problems) else { continue }
                result.perCriterion[entry.key] = readPreference(&inner)
                inner.finish(&problems)
            }
        }
        mapping.finish(&problems)
        return result
    }

    // MARK: Sensitivity

    mutating func readSensitivity(_ top: inout YAMLMapping, criteria: [String])
        -> (smaa: ScorecardSMAA?, stability: Bool, rankReversal: Double?) {
        guard let node = top.value("sensitivity", required: false, problems: &problems),
              var mapping = YAMLMapping(node, path: "sensitivity", problems: &problems) else { return (nil, false, nil) }
        var smaa: ScorecardSMAA?
        if let smaaNode = mapping.value("smaa", required: false, problems: &problems) {
            locations.smaa = LocatedPath(location: problems.location(of: smaaNode), path: "sensitivity.smaa")
            if case .scalar = smaaNode {
                if let on = mapping.bool("smaa", required: false, problems: &problems), on {
                    smaa = ScorecardSMAA(draws: ScorecardSMAA.defaultDraws, weights: .stated(concentration: SMAAWeightConstraints.defaultConcentration),
                                         confidenceDraws: 10_000)
                }
            } else if var inner = YAMLMapping(smaaNode, path: "sensitivity.smaa", problems: &problems) {
                var draws = ScorecardSMAA.defaultDraws, confidence = 10_000
                for (key, target) in [("draws", 0), ("confidence_draws", 1)] {
                    if let n = inner.integer(key, required: false, problems: &problems) {
                        if n < 1 || n > 100_000_000 {
                            problems.record("must lie in 1…100000000, found \(n)", at: inner.node(of: key), path: inner.path(of: key))
                        } else if target == 0 { draws = n } else { confidence = n }
                    }
                }
                let weights = readSMAAWeights(&inner, criteria: criteria)
                inner.finish(&problems)
                smaa = ScorecardSMAA(draws: draws, weights: weights, confidenceDraws: confidence)
            }
        }
        let stability = mapping.bool("stability_intervals", required: false, problems: &problems) ?? false
        var degradation: Double?
        if let reversal = mapping.value("rank_reversal", required: false, problems: &problems) {
            if case .scalar = reversal {
                if mapping.bool("rank_reversal", required: false, problems: &problems) == true { degradation = 0.05 }
            } else if var inner = YAMLMapping(reversal, path: "sensitivity.rank_reversal", problems: &problems) {
                degradation = 0.05
                if let d = inner.number("degradation", required: false, problems: &problems) {
                    if d > 0 && d < 1 { degradation = d } else {
                        problems.record("must lie strictly between 0 and 1, found \(Self.short(d))", at: inner.node(of: "degradation"),
                                        path: "sensitivity.rank_reversal.degradation")
                    }
                }
                inner.finish(&problems)
            }
        }
        mapping.finish(&problems)
        return (smaa, stability, degradation)
    }

    /// `weights` and `concentration` of `sensitivity.smaa`: stated weights (the default), with
    /// the concentration (default ``SMAAWeightConstraints/defaultConcentration``), or constraints.
    mutating func readSMAAWeights(_ mapping: inout YAMLMapping, criteria: [String]) -> ScorecardSMAAWeights {
        var concentration = SMAAWeightConstraints.defaultConcentration
        if let value = mapping.number("concentration", required: false, problems: &problems) {
            if value > 0 { concentration = value } else {
                problems.record("must be a finite number > 0, found \(Self.short(value))", at: mapping.node(of: "concentration"),
                                path: "sensitivity.smaa.concentration")
            }
        }
        let stated = ScorecardSMAAWeights.stated(concentration: concentration)
        guard let node = mapping.value("weights", required: false, problems: &problems) else { return stated }
        let path = "sensitivity.smaa.weights"
        var result = stated
        if case .scalar = node {
            if mapping.choice("weights", among: ["stated", "uniform"], required: false, problems: &problems) == "uniform" {
                result = .constrained(.uniform)
            }
        } else {
            result = .constrained(readSMAAConstraints(node, path: path, criteria: criteria))
        }
        if case .constrained = result, mapping.has("concentration") {
            problems.record("'concentration' applies only to 'weights: stated'", at: mapping.node(of: "concentration"),
                            path: "sensitivity.smaa.concentration")
        }
        return result
    }

    /// The `{rank_order: …}` or `{intervals: …}` form of `sensitivity.smaa.weights`.
    mutating func readSMAAConstraints(_ node: Node, path: String, criteria: [String]) -> SMAAWeightConstraints {
        guard var inner = YAMLMapping(node, path: path, problems: &problems,
                                      what: "stated, uniform, {rank_order: [...]} or {intervals: {criterion: [low, high]}}") else { return .uniform }
        var result = SMAAWeightConstraints.uniform
        if inner.has("rank_order") {
            let order = readNames(&inner, "rank_order", required: true, what: "criterion") ?? []
            let orderNode = inner.node(of: "rank_order")
            var ok = true
            for name in order where !criteria.contains(name) {
                var message = "unknown criterion '\(name)'"
                if let s = NameSuggestion.closest(to: name, among: criteria) { message += "; did you mean '\(s)'?" }
                problems.record(message, at: orderNode, path: "\(path).rank_order")
                ok = false
            }
            let missing = criteria.filter { !order.contains($0) }
            if ok, !missing.isEmpty {
                problems.record("the order must name every criterion; missing \(missing.joined(separator: ", "))", at: orderNode,
                                path: "\(path).rank_order")
                ok = false
            }
            if ok { result = .rankOrder(order) }
        }
        if let intervalsNode = inner.value("intervals", required: false, problems: &problems),
           let intervals = YAMLMapping(intervalsNode, path: "\(path).intervals", problems: &problems) {
            var ranges = [String: ClosedRange<Double>]()
            var ok = true
            for entry in intervals.entries {
                let entryPath = "\(path).intervals.\(entry.key)"
                guard criteria.contains(entry.key) else {
                    var message = "unknown criterion '\(entry.key)'"
                    if let s = NameSuggestion.closest(to: entry.key, among: criteria) { message += "; did you mean '\(s)'?" }
                    problems.record(message, at: entry.keyNode, path: entryPath)
                    ok = false
                    continue
                }
                guard let bounds = entry.value.sequence, bounds.count == 2,
                      let low = YAMLMapping.number(bounds[0], path: entryPath, problems: &problems),
                      let high = YAMLMapping.number(bounds[1], path: entryPath, problems: &problems) else {
                    if entry.value.sequence?.count != 2 {
                        problems.record("expected a weight interval [low, high]", at: entry.value, path: entryPath)
                    }
                    ok = false
                    continue
                }
                guard 0 <= low, low <= high, high <= 1 else {
                    problems.record("needs 0 ≤ low ≤ high ≤ 1, found [\(Self.short(low)), \(Self.short(high))]", at: entry.value, path: entryPath)
                    ok = false
                    continue
                }
                ranges[entry.key] = low...high
            }
            let all = criteria.map { ranges[$0] ?? 0...1 }
            if ok {
                let lowSum = all.reduce(0) { $0 + $1.lowerBound }, highSum = all.reduce(0) { $0 + $1.upperBound }
                if lowSum > 1 || highSum < 1 {
                    problems.record("no weights summing to 1 fit these intervals (lower bounds sum to \(Self.short(lowSum)), upper to \(Self.short(highSum)))",
                                    at: intervalsNode, path: "\(path).intervals")
                } else if case .uniform = result {
                    result = .intervals(all)
                } else {
                    problems.record("give either rank_order or intervals, not both", at: intervalsNode, path: "\(path).intervals")
                }
            }
        }
        inner.finish(&problems)
        return result
    }

    // MARK: Weights

    mutating func checkWeights(_ criteria: [RawCriterion], weighting: ScorecardWeighting, ahp: AHPRead, methods: [ScoringMethod]) {
        for raw in criteria {
            if let weight = raw.weight, weight < 0 {
                problems.record("weight \(Self.short(weight)) is negative", at: raw.weightNode, path: raw.path + ".weight")
            }
            if weighting == .given, raw.weight == nil, raw.id != nil {
                problems.record("missing 'weight' (needed by 'weights: given'; or choose weights: equal | entropy | critic | ahp)",
                                at: raw.node, path: raw.path)
            }
        }
        if weighting == .given, !criteria.isEmpty, criteria.allSatisfy({ $0.weight != nil }),
           criteria.allSatisfy({ ($0.weight ?? 0) == 0 }) {
            problems.record("all weights are 0", at: criteria.first?.weightNode, path: "criteria[0].weight")
        }
        let needsMatrix = criteria.count > 1 && ahp.criteria == nil && ahp.criteriaNode == nil
        if weighting == .ahp, needsMatrix {
            problems.record("'weights: ahp' needs a criteria pairwise matrix in 'ahp.criteria'", at: locations.weights?.location,
                            path: "weights")
        }
        if methods.contains(.ahp), needsMatrix, let located = locations.methods[.ahp] {
            problems.record("the 'ahp' method needs a criteria pairwise matrix in 'ahp.criteria'", at: located.location, path: located.path)
        }
    }
}

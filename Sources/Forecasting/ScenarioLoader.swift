import Datasets
import Foundation
import Yams

/// Reads scenario files, reporting every problem at once with file, line, column and key path.
///
/// Data files are looked up in the data directory's `programs` folder (`file: china_mics.csv`),
/// or relative to the data directory when the name contains a `/`.
public enum ScenarioLoader {
    /// Reads and validates the scenario at `url`, loading its data from `dataDirectory`.
    /// - Parameters:
    ///   - displayPath: how the scenario file is named in messages (default: its path).
    ///   - dataDisplayPath: how the data directory is named in messages (default: its path).
    /// - Throws: `DataErrors` listing every problem.
    public static func load(contentsOf url: URL, dataDirectory: URL, displayPath: String? = nil,
                            dataDisplayPath: String? = nil) throws -> Scenario {
        let source = displayPath ?? url.path
        var problems = YAMLProblems(source: source, conventions: .strict)
        guard let text = problems.readText(of: url) else { throw DataErrors(problems.errors) }
        var reader = ScenarioReader(problems: problems, sha256: SHA256.hexDigest(Array(text.utf8)), dataDirectory: dataDirectory,
                                    dataDisplay: dataDisplayPath ?? dataDirectory.path)
        if let scenario = reader.read(text), reader.problems.errors.isEmpty { return scenario }
        throw DataErrors(reader.problems.errors)
    }

    /// Parses scenario text (for tests and tools); data as in ``load(contentsOf:dataDirectory:displayPath:dataDisplayPath:)``.
    public static func parse(_ text: String, source: String, dataDirectory: URL, dataDisplayPath: String? = nil) throws -> Scenario {
        var reader = ScenarioReader(problems: YAMLProblems(source: source, conventions: .strict),
                                    sha256: SHA256.hexDigest(Array(text.utf8)), dataDirectory: dataDirectory,
                                    dataDisplay: dataDisplayPath ?? dataDirectory.path)
        if let scenario = reader.read(text), reader.problems.errors.isEmpty { return scenario }
        throw DataErrors(reader.problems.errors)
    }
}

/// One scenario being read.
struct ScenarioReader {
    var problems: YAMLProblems
    let sha256: String
    let dataDirectory: URL
    let dataDisplay: String
    private var dataFiles: [(path: String, sha256: String)] = []

    init(problems: YAMLProblems, sha256: String, dataDirectory: URL, dataDisplay: String) {
        self.problems = problems
        self.sha256 = sha256
        self.dataDirectory = dataDirectory
        self.dataDisplay = dataDisplay
    }

    static let defaultLevels = [0.8, 0.95]
    static let defaultDraws = 5000

    mutating func read(_ text: String) -> Scenario? {
        guard let root = problems.compose(text),
              var top = YAMLMapping(root, path: "", problems: &problems, what: "a mapping with 'schema: 1' at the top") else { return nil }
        SpecificationCheck.checkSchema(&top, problems: &problems)
        let name = top.string("name", required: true, problems: &problems)
        let description = top.string("description", required: false, problems: &problems)
        let series = top.value("series", required: true, problems: &problems).flatMap { readSeries($0) }
        let models = readModels(&top)
        let combination = top.choice("combine", among: Scenario.Combination.allCases.map(\.rawValue), required: false,
                                     problems: &problems).flatMap(Scenario.Combination.init(rawValue:)) ?? .stacking
        let target = top.value("target", required: true, problems: &problems).flatMap { readTarget($0, path: "target") }
        let horizon = readDay(&top, "horizon", required: true)
        let (draws, levels) = readUncertainty(&top)
        let backtestNode = top.value("backtest", required: false, problems: &problems)
        let whatIfs = readWhatIfs(&top)
        var seed: UInt64 = 2025
        if let value = top.integer("seed", required: false, problems: &problems) {
            if value < 0 { problems.record("must be ≥ 0, found \(value)", at: top.node(of: "seed"), path: "seed") } else { seed = UInt64(value) }
        }
        top.finish(&problems)

        guard let name, let series, let models, let target, let horizon else { return nil }
        checkPeriods(series.series, node: top.node(of: "series"))
        if horizon.day.endDecimalYear <= series.series.end {
            problems.record("\(horizon.day) is not after the end of the data (\(Self.dateText(series.series.end)))",
                            at: top.node(of: "horizon"), path: "horizon")
        }
        if target.by > horizon.day.endDecimalYear {
            problems.record("the target date \(target.label) is after the horizon \(horizon.day)", at: top.node(of: "target"), path: "target.by")
        }
        for (index, whatIf) in whatIfs.enumerated() where (whatIf.target?.by ?? 0) > horizon.day.endDecimalYear {
            problems.record("the target date \(whatIf.target?.label ?? "") is after the horizon \(horizon.day)",
                            at: nil, path: "what_if[\(index)].target.by")
        }
        if horizon.day.endDecimalYear - series.series.end > ScenarioLimits.maximumHorizonYears {
            problems.record("\(horizon.day) is more than \(Int(ScenarioLimits.maximumHorizonYears)) years after the end of the data "
                            + "(\(Self.dateText(series.series.end))), the limit of a projection", at: top.node(of: "horizon"), path: "horizon")
        }
        let backtest = readBacktest(backtestNode, series: series.series)
        guard problems.errors.isEmpty, let backtest else { return nil }
        let scenario = Scenario(name: name, description: description, file: problems.source, sha256: sha256, dataFiles: dataFiles,
                                seriesDescription: series.description, series: series.series, models: models, combination: combination,
                                target: target, horizon: horizon.day.endDecimalYear, horizonLabel: "\(horizon.day)", draws: draws,
                                levels: levels, backtest: backtest, whatIfs: whatIfs, seed: seed)
        if let problem = scenario.simulationSizeProblem {
            let drawsNode = top.node(of: "uncertainty")?["draws"]
            problems.record(problem, at: drawsNode ?? top.node(of: "horizon"), path: drawsNode != nil ? "uncertainty.draws" : "horizon")
            return nil
        }
        return scenario
    }

    // MARK: Series

    static let seriesKeys = ["file", "kind", "program", "program_column", "date_column", "count_column", "precision_column",
                             "id_column", "lower_bounds", "start", "resolution", "complete_to"]

    private mutating func readSeries(_ node: Node) -> (series: CountSeries, description: String)? {
        guard var mapping = YAMLMapping(node, path: "series", problems: &problems) else { return nil }
        let file = mapping.string("file", required: true, problems: &problems)
        let kind = mapping.choice("kind", among: ["cumulative", "events"], required: true, problems: &problems)
        let program = mapping.string("program", required: false, problems: &problems)
        let programColumn = mapping.string("program_column", required: false, problems: &problems) ?? "program"
        let dateColumn = mapping.string("date_column", required: false, problems: &problems)
        let countColumn = mapping.string("count_column", required: false, problems: &problems) ?? "count"
        let precisionColumn = mapping.string("precision_column", required: false, problems: &problems)
        let idColumn = mapping.string("id_column", required: false, problems: &problems) ?? "id"
        let lowerBounds = mapping.choice("lower_bounds", among: ["exclude", "as_value"], required: false, problems: &problems) ?? "exclude"
        let start = readDay(&mapping, "start", required: false)
        let resolution = mapping.choice("resolution", among: Resolution.allCases.map(\.rawValue), required: false,
                                        problems: &problems).flatMap(Resolution.init(rawValue:)) ?? .month
        let completion = mapping.value("complete_to", required: false, problems: &problems)
        let observedTo = readDay(&mapping, "observed_to", required: false)
        mapping.finish(&problems)
        if kind == "cumulative", let observedTo {
            problems.record("observed_to is for events (stated counts end at their last statement)", at: observedTo.node, path: "series.observed_to")
        }
        guard let file, let kind, let dataset = loadDataset(file, node: mapping.node(of: "file"), path: "series.file") else { return nil }
        let rows = selectRows(dataset, program: program, column: programColumn, mapping: mapping)
        guard let rows else {
            // Still report unknown columns.
            let columns = kind == "cumulative" ? [(dateColumn ?? "date", "date_column"), (countColumn, "count_column")]
                : [(idColumn, "id_column"), (dateColumn ?? "approved_date", "date_column")] + (precisionColumn.map { [($0, "precision_column")] } ?? [])
            for (name, key) in columns { _ = columnValues(dataset, name, key: key, mapping: mapping) }
            return nil
        }
        let label = [program, file].compactMap { $0 }.joined(separator: ", ")
        if kind == "cumulative" {
            guard let points = readCounts(dataset, rows: rows, dateColumn: dateColumn ?? "date", countColumn: countColumn,
                                          lowerBounds: lowerBounds, mapping: mapping) else { return nil }
            guard points.points.count >= 2 else {
                problems.record("the series has \(points.points.count) usable statement\(points.points.count == 1 ? "" : "s"); at least 2 are needed",
                                at: mapping.node, path: "series")
                return nil
            }
            let first = points.points.map(\.span.midpoint).min() ?? 0
            let last = points.points.map(\.span.end).max() ?? 0
            return (CountSeries(observations: .counts(points.points), start: start?.day.decimalYear ?? first, end: last,
                                resolution: resolution, notes: points.notes), "cumulative counts: \(label)")
        }
        guard var events = readEvents(dataset, rows: rows, idColumn: idColumn, dateColumn: dateColumn ?? "approved_date",
                                      precisionColumn: precisionColumn, mapping: mapping) else { return nil }
        var notes: [String] = []
        var end = events.compactMap { $0.span?.end }.max() ?? 0
        if let observedTo {
            // The window runs to the stated end of observation: a later stretch without events is data.
            if observedTo.day.endDecimalYear < end {
                problems.record("\(observedTo.day) is before the latest event's date (\(Self.dateText(end)))", at: observedTo.node,
                                path: "series.observed_to")
            } else {
                if observedTo.day.endDecimalYear > end {
                    notes.append("observed to \(observedTo.day): no events after \(Self.dateText(end)) is data, not a gap")
                }
                end = observedTo.day.endDecimalYear
            }
        }
        var completionCount = 0
        if let completion, let stated = readCompletion(completion) {
            end = max(end, stated.end)
            completionCount = stated.count - events.count
            if completionCount > 0 {
                notes.append("\(events.count) centres are named, the latest stated total is \(stated.count) (\(stated.label)): "
                             + "\(completionCount) unnamed centre\(completionCount == 1 ? " is" : "s are") added with unknown dates, "
                             + "spread over the whole window up to that statement")
                for k in 1...completionCount {
                    events.append((id: "unnamed-\(k)", span: nil, windowEnd: stated.windowEnd))
                }
            }
        }
        let dated = events.compactMap(\.span)
        guard let earliest = dated.map(\.start).min() else {
            problems.record("no event has a known date", at: mapping.node, path: "series")
            return nil
        }
        let origin = start?.day.decimalYear ?? earliest
        if let start, start.day.decimalYear > earliest {
            problems.record("\(start.day) is after the first event (\(DecimalYear.dayText(earliest)))", at: start.node, path: "series.start")
            return nil
        }
        let unknown = events.filter { $0.span == nil }
        let named = unknown.count - completionCount
        if named > 0 {
            notes.append("\(named) event\(named == 1 ? " has" : "s have") no known date (\(unknown.prefix(named).map(\.id).joined(separator: ", "))): "
                         + "spread uniformly over \(DecimalYear.dayText(origin))..\(Self.dateText(end)) in resampling")
        }
        let all = events.map { event in
            CountEvent(id: event.id, span: event.span ?? TimeSpan(start: origin, end: min(end, event.windowEnd ?? end)),
                       dateUnknown: event.span == nil)
        }
        return (CountSeries(observations: .events(all), start: origin, end: end, resolution: resolution, notes: notes),
                "events: \(label)")
    }

    /// The series' periods, from its start to the end of the data at its resolution (at least
    /// monthly: the fitted curve is drawn monthly), against ``ScenarioLimits/maximumPeriods``.
    private mutating func checkPeriods(_ series: CountSeries, node: Node?) {
        let perYear = max(12, series.resolution.periodsPerYear)
        let periods = (series.end - series.start) * perYear
        guard periods > Double(ScenarioLimits.maximumPeriods) else { return }
        let start = node?["start"]
        problems.record("counting from \(start.map { problems.describe($0) } ?? DecimalYear.dayText(series.start)) to \(Self.dateText(series.end)) by \(perYear > 12 ? "day" : "month") "
                        + "makes about \(Int(periods)) periods, above the limit of \(ScenarioLimits.maximumPeriods); "
                        + "use a later start or a coarser resolution",
                        at: start ?? node?["resolution"] ?? node, path: start != nil ? "series.start" : "series.resolution")
    }

    private mutating func loadDataset(_ file: String, node: Node?, path: String) -> Dataset? {
        let relative = file.contains("/") ? file : "\(DataCatalog.programsFolder)/\(file)"
        let url = dataDirectory.appendingPathComponent(relative)
        let display = "\(dataDisplay)/\(relative)"
        guard FileManager.default.fileExists(atPath: url.path) else {
            problems.record("no such data file: \(display)", at: node, path: path)
            return nil
        }
        do {
            let dataset = try Dataset.load(csv: url, displayPath: display)
            if let data = FileManager.default.contents(atPath: url.path), !dataFiles.contains(where: { $0.path == display }) {
                dataFiles.append((display, SHA256.hexDigest(data)))
            }
            return dataset
        } catch let errors as DataErrors {
            for error in errors.errors { problems.append(error) }
        } catch {
            problems.record("\(error)", at: node, path: path)
        }
        return nil
    }

    /// The rows of `program` (all rows when no program is named).
    private mutating func selectRows(_ dataset: Dataset, program: String?, column: String, mapping: YAMLMapping) -> [Int]? {
        guard let program else { return Array(0..<dataset.table.rowCount) }
        guard let values = columnValues(dataset, column, key: "program_column", mapping: mapping) else { return nil }
        let rows = values.indices.filter { values[$0] == program }
        if rows.isEmpty {
            let known = Array(Set(values)).sorted()
            var message = "no rows for program '\(program)' in \(dataset.file)"
            if let suggestion = NameSuggestion.closest(to: program, among: known) { message += "; did you mean '\(suggestion)'?" }
            problems.record(message + " (programs: \(known.joined(separator: ", ")))", at: mapping.node(of: "program"), path: "series.program")
            return nil
        }
        return rows
    }

    private mutating func columnValues(_ dataset: Dataset, _ name: String, key: String, mapping: YAMLMapping) -> [String]? {
        do {
            return try dataset.strings(column: name)
        } catch {
            let known = dataset.table.header
            var message = "no column '\(name)' in \(dataset.file)"
            if let suggestion = NameSuggestion.closest(to: name, among: known) { message += "; did you mean '\(suggestion)'?" }
            problems.record(message + " (columns: \(known.joined(separator: ", ")))", at: mapping.node(of: key) ?? mapping.node,
                            path: "series.\(key)")
            return nil
        }
    }

    private mutating func readCounts(_ dataset: Dataset, rows: [Int], dateColumn: String, countColumn: String, lowerBounds: String,
                                     mapping: YAMLMapping) -> (points: [CountPoint], notes: [String])? {
        let dates = columnValues(dataset, dateColumn, key: "date_column", mapping: mapping)
        let counts = columnValues(dataset, countColumn, key: "count_column", mapping: mapping)
        guard let dates, let counts else { return nil }
        let qualifiers = dataset.metadata.column(named: dateColumn)?.qualifiers ?? []
        var points: [CountPoint] = []
        var skipped: [String] = [], bounds: [String] = []
        for row in rows {
            let text = counts[row].trimmingCharacters(in: .whitespaces)
            if text.isEmpty { skipped.append(dates[row]); continue }
            let isBound = text.hasPrefix(">")
            guard let value = Int(isBound ? String(text.dropFirst()) : text), value >= 0 else {
                problems.record("'\(text)' in column \(countColumn) is not a count", file: dataset.file,
                                line: dataset.table.rowLines[row], column: nil, path: "series.count_column")
                continue
            }
            let countType = (try? dataset.strings(column: "count_type"))?[row] ?? ""
            if isBound || countType.contains("at least") {
                bounds.append("\(dates[row]) (\(isBound ? ">" : "at least ")\(value))")
                if lowerBounds == "exclude" { continue }
            }
            guard let span = try? DateSpan.parse(dates[row], qualifiers: qualifiers) else {
                problems.record("'\(dates[row])' in column \(dateColumn) is not a date", file: dataset.file,
                                line: dataset.table.rowLines[row], column: nil, path: "series.date_column")
                continue
            }
            points.append(CountPoint(span: TimeSpan(start: span.earliestDecimalYear, end: span.endDecimalYear), count: value,
                                     label: dates[row]))
        }
        var notes: [String] = []
        if !skipped.isEmpty { notes.append("no \(countColumn) stated for \(skipped.joined(separator: ", ")): left out (a gap, not a zero)") }
        if !bounds.isEmpty {
            notes.append(lowerBounds == "exclude"
                         ? "lower bounds left out of the fit: \(bounds.joined(separator: ", "))"
                         : "lower bounds used as values: \(bounds.joined(separator: ", "))")
        }
        return (points, notes)
    }

    private typealias RawEvent = (id: String, span: TimeSpan?, windowEnd: Double?)

    private mutating func readEvents(_ dataset: Dataset, rows: [Int], idColumn: String, dateColumn: String, precisionColumn: String?,
                                     mapping: YAMLMapping) -> [RawEvent]? {
        let ids = columnValues(dataset, idColumn, key: "id_column", mapping: mapping)
        let dates = columnValues(dataset, dateColumn, key: "date_column", mapping: mapping)
        let precisionName = precisionColumn ?? (dataset.table.header.contains("date_precision") ? "date_precision" : nil)
        let precisions = precisionName.flatMap { columnValues(dataset, $0, key: "precision_column", mapping: mapping) }
        guard let ids, let dates, precisionName == nil || precisions != nil else { return nil }
        var events: [RawEvent] = []
        for row in rows {
            let line = dataset.table.rowLines[row]
            do {
                let span: DateSpan?
                if let precisions {
                    guard let precision = DatePrecision(rawValue: precisions[row]) else {
                        problems.record("'\(precisions[row])' is not a date precision", file: dataset.file, line: line, column: nil,
                                        path: "series.precision_column")
                        continue
                    }
                    span = try DateSpan.parse(dates[row], precision: precision)
                } else {
                    span = dates[row].isEmpty ? nil : try DateSpan.parse(dates[row])
                }
                events.append((ids[row], span.map { TimeSpan(start: $0.earliestDecimalYear, end: $0.endDecimalYear) }, nil))
            } catch {
                problems.record("'\(dates[row])' in column \(dateColumn): \(error)", file: dataset.file, line: line, column: nil,
                                path: "series.date_column")
            }
        }
        return events
    }

    /// The latest stated total of `complete_to: {file, program}`: its count, the end of the first
    /// statement of that count (by when those centres existed) and the end of the last statement.
    private mutating func readCompletion(_ node: Node) -> (count: Int, label: String, windowEnd: Double, end: Double)? {
        guard var mapping = YAMLMapping(node, path: "series.complete_to", problems: &problems) else { return nil }
        let file = mapping.string("file", required: true, problems: &problems)
        let program = mapping.string("program", required: false, problems: &problems)
        mapping.finish(&problems)
        guard let file, let dataset = loadDataset(file, node: mapping.node(of: "file"), path: "series.complete_to.file") else { return nil }
        guard let rows = selectRows(dataset, program: program, column: "program", mapping: mapping),
              let read = readCounts(dataset, rows: rows, dateColumn: "date", countColumn: "count", lowerBounds: "exclude", mapping: mapping),
              let best = read.points.map(\.count).max(),
              let first = read.points.filter({ $0.count == best }).min(by: { $0.span.end < $1.span.end }),
              let last = read.points.map(\.span.end).max() else { return nil }
        return (best, first.label, first.span.end, last)
    }

    // MARK: Models, target, uncertainty

    private mutating func readModels(_ top: inout YAMLMapping) -> [String]? {
        guard let names = top.strings("models", required: true, problems: &problems) else { return nil }
        if names.isEmpty { problems.record("list at least one model", at: top.node(of: "models"), path: "models") }
        let valid = ForecastModel.validNames
        var ok = true
        for (index, name) in names.enumerated() where !valid.contains(name.lowercased()) {
            ok = false
            var message = "unknown model '\(name)'"
            if let suggestion = NameSuggestion.closest(to: name.lowercased(), among: valid) { message += "; did you mean '\(suggestion)'?" }
            let node = top.node(of: "models")?.sequence?[index]
            problems.record(message + " (models: \(valid.joined(separator: ", ")))", at: node, path: "models[\(index)]")
        }
        if Set(names.map { $0.lowercased() }).count != names.count {
            ok = false
            problems.record("a model is listed twice", at: top.node(of: "models"), path: "models")
        }
        return ok ? names.map { $0.lowercased() } : nil
    }

    private mutating func readTarget(_ node: Node, path: String) -> Target? {
        guard var mapping = YAMLMapping(node, path: path, problems: &problems) else { return nil }
        let count = mapping.integer("count", required: true, problems: &problems)
        let by = readDay(&mapping, "by", required: true)
        mapping.finish(&problems)
        guard let count, let by else { return nil }
        guard count > 0, count <= ScenarioLimits.maximumCount else {
            problems.record("must be a positive count up to \(ScenarioLimits.maximumCount), found \(count)", at: mapping.node(of: "count"),
                            path: "\(path).count")
            return nil
        }
        return Target(count: count, by: by.day.endDecimalYear, label: "\(by.day)")
    }

    private mutating func readUncertainty(_ top: inout YAMLMapping) -> (draws: Int, levels: [Double]) {
        guard let node = top.value("uncertainty", required: false, problems: &problems),
              var mapping = YAMLMapping(node, path: "uncertainty", problems: &problems) else { return (Self.defaultDraws, Self.defaultLevels) }
        _ = mapping.choice("method", among: ["bootstrap"], required: false, problems: &problems)
        var draws = Self.defaultDraws
        if let value = mapping.integer("draws", required: false, problems: &problems) {
            if !ScenarioLimits.draws.contains(value) {
                problems.record("must be between \(ScenarioLimits.draws.lowerBound) and \(ScenarioLimits.draws.upperBound), found \(value)",
                                at: mapping.node(of: "draws"), path: "uncertainty.draws")
            } else { draws = value }
        }
        var levels = Self.defaultLevels
        if let elements = mapping.sequence("levels", required: false, problems: &problems) {
            let values = elements.compactMap { YAMLMapping.number($0.node, path: $0.path, problems: &problems, what: "a level") }
            if values.isEmpty || values.contains(where: { !($0 > 0 && $0 < 1) }) {
                problems.record("levels must be numbers strictly between 0 and 1, e.g. [0.8, 0.95]", at: mapping.node(of: "levels"),
                                path: "uncertainty.levels")
            } else { levels = Array(Set(values)).sorted() }
        }
        mapping.finish(&problems)
        return (draws, levels)
    }

    private mutating func readBacktest(_ node: Node?, series: CountSeries) -> Scenario.Backtest? {
        var horizonYears = 4.0, draws = 400
        var origins: [(day: CalendarDay, node: Node?)]?
        if let node, var mapping = YAMLMapping(node, path: "backtest", problems: &problems) {
            if let elements = mapping.sequence("origins", required: false, problems: &problems) {
                origins = elements.compactMap { element in parseDay(element.node, path: element.path).map { ($0, element.node) } }
            }
            if let value = mapping.number("horizon_years", required: false, problems: &problems) {
                if value > 0 { horizonYears = value } else {
                    problems.record("must be positive, found \(value)", at: mapping.node(of: "horizon_years"), path: "backtest.horizon_years")
                }
            }
            if let value = mapping.integer("draws", required: false, problems: &problems) {
                if ScenarioLimits.backtestDraws.contains(value) { draws = value } else {
                    problems.record("must be between \(ScenarioLimits.backtestDraws.lowerBound) and \(ScenarioLimits.backtestDraws.upperBound), found \(value)",
                                    at: mapping.node(of: "draws"), path: "backtest.draws")
                }
            }
            mapping.finish(&problems)
        }
        let days = origins ?? Self.defaultOrigins(series)
        for (index, origin) in days.enumerated() where origin.day.endDecimalYear >= series.end {
            problems.record("\(origin.day) is not before the end of the data (\(Self.dateText(series.end)))", at: origin.node,
                            path: "backtest.origins[\(index)]")
        }
        let sorted = days.map(\.day).sorted()
        return Scenario.Backtest(origins: sorted.map(\.endDecimalYear), originLabels: sorted.map(\.description),
                                 horizonYears: horizonYears, draws: draws)
    }

    /// The observations known by an origin that the default origins require.
    static let minimumKnownForOrigin = 4

    /// 31 December of every year by which at least ``minimumKnownForOrigin`` statements (or
    /// dated events) are known, up to the last year end before the data end.
    static func defaultOrigins(_ series: CountSeries) -> [(day: CalendarDay, node: Node?)] {
        let known: [Double]
        switch series.observations {
        case .counts(let points): known = points.map(\.span.end).sorted()
        case .events(let events): known = events.filter { !$0.dateUnknown }.map(\.span.end).sorted()
        }
        guard known.count >= minimumKnownForOrigin else { return [] }
        let first = Int(known[minimumKnownForOrigin - 1].rounded(.up)) - 1
        let last = Int(series.end.rounded(.up)) - 2
        guard first <= last else { return [] }
        return (first...last).compactMap { year in
            CalendarDay(year: year, month: 12, day: 31).flatMap { $0.endDecimalYear < series.end ? ($0, nil) : nil }
        }
    }

    private mutating func readWhatIfs(_ top: inout YAMLMapping) -> [WhatIf] {
        guard let elements = top.sequence("what_if", required: false, problems: &problems) else { return [] }
        var result: [WhatIf] = []
        for (node, path) in elements {
            guard var mapping = YAMLMapping(node, path: path, problems: &problems) else { continue }
            let name = mapping.string("name", required: true, problems: &problems)
            let multiplier = mapping.number("rate_multiplier", required: false, problems: &problems)
            let from = readDay(&mapping, "from", required: multiplier != nil)
            let capacity = mapping.integer("capacity", required: false, problems: &problems)
            var adjustments: [WhatIf.Adjustment] = []
            for key in ["add", "remove"] {
                for (element, elementPath) in mapping.sequence(key, required: false, problems: &problems) ?? [] {
                    guard var change = YAMLMapping(element, path: elementPath, problems: &problems) else { continue }
                    let count = change.integer("count", required: true, problems: &problems)
                    let at = readDay(&change, "at", required: true)
                    change.finish(&problems)
                    guard let count, let at else { continue }
                    guard count > 0, count <= ScenarioLimits.maximumCount else {
                        problems.record("must be a positive count up to \(ScenarioLimits.maximumCount), found \(count)",
                                        at: change.node(of: "count"), path: "\(elementPath).count")
                        continue
                    }
                    adjustments.append(WhatIf.Adjustment(count: key == "add" ? count : -count, at: at.day.endDecimalYear))
                }
            }
            let target = mapping.value("target", required: false, problems: &problems).flatMap { readTarget($0, path: "\(path).target") }
            mapping.finish(&problems)
            if let multiplier, !(multiplier >= 0 && multiplier <= ScenarioLimits.maximumRateMultiplier) {
                problems.record("must lie in 0…\(Int(ScenarioLimits.maximumRateMultiplier)), found \(String(format: "%g", multiplier))",
                                at: mapping.node(of: "rate_multiplier"), path: "\(path).rate_multiplier")
            }
            if let capacity, capacity <= 0 || capacity > ScenarioLimits.maximumCount {
                problems.record("must be a positive count up to \(ScenarioLimits.maximumCount), found \(capacity)",
                                at: mapping.node(of: "capacity"), path: "\(path).capacity")
            }
            if multiplier == nil, capacity == nil, adjustments.isEmpty, target == nil, name != nil {
                problems.record("a what-if needs at least one of rate_multiplier, capacity, add, remove, target", at: node, path: path)
            }
            guard let name else { continue }
            result.append(WhatIf(name: name, rateChange: multiplier.flatMap { m in from.map { WhatIf.RateChange(multiplier: m, from: $0.day.decimalYear) } },
                                 capacity: capacity, adjustments: adjustments, target: target))
        }
        if Set(result.map(\.name)).count != result.count {
            problems.record("two what-ifs have the same name", at: top.node(of: "what_if"), path: "what_if")
        }
        return result
    }

    // MARK: Dates

    private mutating func readDay(_ mapping: inout YAMLMapping, _ key: String, required: Bool) -> (day: CalendarDay, node: Node?)? {
        guard let node = mapping.value(key, required: required, problems: &problems) else { return nil }
        return parseDay(node, path: mapping.path(of: key)).map { ($0, node) }
    }

    private mutating func parseDay(_ node: Node, path: String) -> CalendarDay? {
        guard case .scalar(let scalar) = node, let span = try? DateSpan.parse(scalar.string.trimmingCharacters(in: .whitespaces)),
              span.form == .day else {
            problems.record("expected a date YYYY-MM-DD, found \(problems.describe(node))", at: node, path: path)
            return nil
        }
        return span.earliest
    }

    /// The last day of the data whose window ends at `time` (`2025-09-09`).
    static func dateText(_ time: Double) -> String { DecimalYear.deadlineText(time) }
}

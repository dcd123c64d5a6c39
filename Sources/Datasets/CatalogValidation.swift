import Foundation

/// Checks of single cell values against a declared ``ColumnType``; `nil` means the value is fine.
enum CellCheck {
    /// The problem with `text` as an absolute http(s) URL, if any.
    static func urlProblem(_ text: String) -> String? {
        let lowercased = text.lowercased()
        guard lowercased.hasPrefix("http://") || lowercased.hasPrefix("https://") else {
            return "'\(shortened(text))' is not an http(s) URL"
        }
        guard !text.contains(where: \.isWhitespace), let url = URL(string: text), let host = url.host, !host.isEmpty else {
            return "'\(shortened(text))' is not a valid http(s) URL"
        }
        return nil
    }

    /// Whether `text` is a whole number as the `integer` type writes it, and its value.
    static func integer(_ text: String) -> Int? {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(text)
    }

    /// `N` or `>N`.
    static func integerBound(_ text: String) -> StatedCount? {
        if text.hasPrefix(">") {
            let rest = String(text.dropFirst())
            guard !rest.hasPrefix("-"), let value = integer(rest) else { return nil }
            return StatedCount(value: value, isLowerBound: true)
        }
        return integer(text).map { StatedCount(value: $0, isLowerBound: false) }
    }

    static func number(_ text: String) -> Double? {
        if case .number(let value) = DecimalNumber.read(text) { return value }
        return nil
    }

    static func shortened(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(60)) + "…" : text
    }
}

/// Validates a CSV table against its ``DatasetMetadata``, collecting every problem.
enum DatasetValidator {
    /// Every problem of `table` with respect to `metadata`, in file order (header first, then rows,
    /// left to right): columns missing from the CSV or not described in the metadata, empty
    /// required cells, cells that do not match their type, allowed values, pattern or bounds,
    /// dates whose form contradicts their precision, and duplicate keys.
    ///
    /// - Parameter headerPositions: where each header cell starts (for undescribed columns).
    static func validate(_ table: CSVTable, metadata: DatasetMetadata, headerPositions: [CSVPosition]) -> [DataError] {
        let source = table.source
        let metadataName = (metadata.file as NSString).lastPathComponent
        var errors: [DataError] = []
        let header = table.header
        let headerLine = headerPositions.first?.line ?? 1

        // Columns: both directions.
        for (index, name) in header.enumerated() where metadata.column(named: name) == nil {
            let position = index < headerPositions.count ? headerPositions[index] : nil
            var message = "column '\(name)' is not described in \(metadataName)"
            let described = metadata.columns.map(\.name).filter { !header.contains($0) }
            if let suggestion = NameSuggestion.closest(to: name, among: described) { message += "; did you mean '\(suggestion)'?" }
            errors.append(DataError(file: source, line: position?.line ?? headerLine, column: position?.column, message: message))
        }
        for column in metadata.columns where !header.contains(column.name) {
            let message = column.required
                ? "required column '\(column.name)' is missing (described in \(metadataName))"
                : "column '\(column.name)' described in \(metadataName) is missing"
            errors.append(DataError(file: source, line: headerLine, message: message))
        }

        // Cells.
        let present: [(index: Int, column: ColumnMetadata)] = header.enumerated().compactMap { index, name in
            metadata.column(named: name).map { (index, $0) }
        }
        var regexes: [String: Regex<AnyRegexOutput>] = [:]
        for (_, column) in present {
            if let pattern = column.pattern, let regex = try? Regex(pattern) { regexes[column.name] = regex }
        }
        let allowedPrecisions = metadata.datePrecision.map { Set($0.allowed) }
        var cellErrors: [DataError] = []
        for row in 0..<table.rowCount {
            let record = table.record(at: row)
            let positions = record.positions
            func error(_ column: Int, _ message: String) {
                cellErrors.append(DataError(file: source, line: positions[column].line, column: positions[column].column, message: message))
            }
            for (index, column) in present {
                let text = record.field(at: index)
                if text.isEmpty {
                    if column.required { error(index, "missing value in required column '\(column.name)'") }
                    if column.type == .date, let precisionName = column.precisionColumn,
                       let precisionIndex = header.firstIndex(of: precisionName),
                       let precision = DatePrecision(rawValue: record.field(at: precisionIndex)), precision != .unknown {
                        error(index, "'\(column.name)' is empty but \(precisionName) is '\(precision.rawValue)' (use 'unknown' when no date is known)")
                    }
                    continue
                }
                if let problem = problem(with: text, in: column, record: record, header: header,
                                         allowedPrecisions: allowedPrecisions, regex: regexes[column.name]) {
                    error(index, problem)
                }
            }
        }

        // Keys.
        let keyIndices = metadata.key.compactMap { header.firstIndex(of: $0) }
        if !keyIndices.isEmpty, keyIndices.count == metadata.key.count {
            var firstLine: [[String]: Int] = [:]
            for row in 0..<table.rowCount {
                let record = table.record(at: row)
                let values = keyIndices.map { record.field(at: $0) }
                if let line = firstLine[values] {
                    let position = record.positions[keyIndices[0]]
                    let shown = values.map { "'\(CellCheck.shortened($0))'" }
                    let message = keyIndices.count == 1
                        ? "duplicate \(metadata.key[0]) \(shown[0]) (first on line \(line))"
                        : "duplicate key (\(metadata.key.joined(separator: ", "))) = (\(shown.joined(separator: ", "))) (first on line \(line))"
                    cellErrors.append(DataError(file: source, line: position.line, column: position.column, message: message))
                } else {
                    firstLine[values] = record.line
                }
            }
        }
        cellErrors.sort { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) }
        return errors + cellErrors
    }

    /// The problem with the non-empty cell `text` of `column`, if any.
    private static func problem(with text: String, in column: ColumnMetadata, record: CSVRecord, header: [String],
                                allowedPrecisions: Set<DatePrecision>?, regex: Regex<AnyRegexOutput>?) -> String? {
        let name = column.name
        let shown = CellCheck.shortened(text)
        var numericValue: Double?
        switch column.type {
        case .string:
            break
        case .integer:
            guard let value = CellCheck.integer(text) else { return "'\(shown)' is not a whole number (column '\(name)', type integer)" }
            numericValue = Double(value)
        case .number:
            guard let value = CellCheck.number(text) else { return "'\(shown)' is not a number (column '\(name)', type number)" }
            numericValue = value
        case .integerBound:
            guard let value = CellCheck.integerBound(text) else {
                return "'\(shown)' is not a whole number or a bound like '>260' (column '\(name)', type integer_bound)"
            }
            numericValue = Double(value.value)
        case .url:
            if let problem = CellCheck.urlProblem(text) { return "\(problem) (column '\(name)')" }
        case .datePrecision:
            guard let precision = DatePrecision(rawValue: text) else {
                return "'\(shown)' is not a date precision; expected one of day, month, year, unknown (column '\(name)')"
            }
            if let allowedPrecisions, !allowedPrecisions.contains(precision) {
                return "date precision '\(text)' is not allowed by date_precision.allowed (column '\(name)')"
            }
        case .date:
            do {
                if let precisionName = column.precisionColumn, let precisionIndex = header.firstIndex(of: precisionName),
                   let precision = DatePrecision(rawValue: record.field(at: precisionIndex)) {
                    _ = try DateSpan.parse(text, precision: precision)
                } else {
                    _ = try DateSpan.parse(text)
                }
            } catch {
                return "\(error) (column '\(name)')"
            }
        case .fuzzyDate:
            do {
                _ = try DateSpan.parse(text, qualifiers: column.qualifiers)
            } catch {
                return "\(error) (column '\(name)', type fuzzy_date)"
            }
        }
        if let values = column.values, !values.contains(text) {
            return "'\(shown)' is not an allowed value of column '\(name)' (allowed: \(values.joined(separator: ", ")))"
        }
        if let regex, (try? regex.wholeMatch(in: text)) == nil {
            return "'\(shown)' does not match the pattern '\(column.pattern ?? "")' of column '\(name)'"
        }
        if let value = numericValue {
            if let minimum = column.minimum, value < minimum {
                return "\(shown) is below the minimum \(format(minimum)) of column '\(name)'"
            }
            if let maximum = column.maximum, value > maximum {
                return "\(shown) is above the maximum \(format(maximum)) of column '\(name)'"
            }
        }
        return nil
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// Where each field of the header row (the first record) starts, for RFC 4180 text after an
    /// optional byte order mark. Columns count Unicode scalars, as ``CSVPosition`` does.
    static func headerPositions(of text: String) -> [CSVPosition] {
        enum State { case fieldStart, unquoted, quoted, quoteInQuoted }
        var positions: [CSVPosition] = []
        var state = State.fieldStart
        var line = 1
        var column = 1
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        for scalar in scalars {
            let endsRecord = scalar == "\n" || scalar == "\r"
            switch state {
            case .fieldStart:
                positions.append(CSVPosition(line: line, column: column))
                if endsRecord { return positions }
                state = scalar == "\"" ? .quoted : scalar == "," ? .fieldStart : .unquoted
            case .unquoted, .quoteInQuoted:
                if endsRecord { return positions }
                if scalar == "," { state = .fieldStart } else if state == .quoteInQuoted { state = scalar == "\"" ? .quoted : .unquoted }
            case .quoted:
                if scalar == "\"" { state = .quoteInQuoted }
                if scalar == "\n" {
                    line += 1
                    column = 1
                    continue
                }
            }
            column += 1
        }
        return positions
    }
}

import Foundation

/// Reads NIST Statistical Reference Dataset (StRD) files into ``StRDProblem``s.
///
/// The format is line oriented. A header names the dataset (`Dataset Name:`), the procedure
/// (`Procedure:`), the model (`Model:`, followed by the equation, possibly over several lines and
/// beside constant definitions like `pi = 3.14…`), and — under `File Format:` — where the sections
/// are: `Starting Values (lines 41 to 44)`, `Certified Values (lines 41 to 49)`,
/// `Data (lines 61 to 75)`. The parser finds the sections through these pointers, as NIST intended,
/// never through fixed line numbers. The line before the data names its columns (`Data:  y  x`).
///
/// Every malformation — a missing or garbled pointer, a pointer past the end of the file, a data
/// row with the wrong number of values, text where a number belongs, a model a linear problem
/// cannot use — is a ``DataError`` with the line and column.
public enum StRDParser {
    /// Reads the StRD file at `url`.
    /// - Parameter displayPath: the path shown in errors; defaults to `url.path`.
    /// - Throws: ``DataError`` when the file cannot be read or is malformed.
    public static func parse(url: URL, displayPath: String? = nil) throws -> StRDProblem {
        let source = displayPath ?? url.path
        let data = try FileAccess.contents(of: url, source: source)
        guard let text = String(validating: data, as: UTF8.self) else {
            throw DataError(file: source, message: "the file is not valid UTF-8 text")
        }
        return try parse(text, source: source)
    }

    /// Parses the text of an StRD file.
    /// - Parameter source: the name shown in errors.
    /// - Throws: ``DataError`` when the text is malformed.
    public static func parse(_ text: String, source: String) throws -> StRDProblem {
        try StRDFile(TextLines(text: text, source: source)).problem()
    }

    /// Reads every `.dat` file in `directory`, in file name order.
    /// - Throws: ``DataError`` when the directory cannot be listed or a file is malformed.
    public static func parseDirectory(_ directory: URL) throws -> [StRDProblem] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw DataError(file: directory.path, message: "cannot list the directory: \(FileAccess.reason(error))")
        }
        return try names.filter { $0.hasSuffix(".dat") }.sorted().map {
            try parse(url: directory.appendingPathComponent($0))
        }
    }
}

/// Where the sections of an StRD file are, from its `File Format:` block.
private struct StRDLinePointers {
    var starting: ClosedRange<Int>?
    var certified: ClosedRange<Int>
    var data: ClosedRange<Int>
    /// The line of the `File Format:` label.
    var line: Int
}

/// One StRD file being parsed.
private struct StRDFile {
    /// The name of the response column, `y` in every StRD file.
    private static let responseName = "y"

    private let file: TextLines

    init(_ file: TextLines) {
        self.file = file
    }

    func problem() throws -> StRDProblem {
        guard file.lines.contains(where: { !$0.isBlank }) else { throw file.error("file is empty") }
        let name = try labeledWord("Dataset Name:")
        let procedure = try self.procedure()
        let pointers = try linePointers()
        if procedure == .nonlinear, pointers.starting == nil {
            throw file.error("a nonlinear problem needs a 'Starting Values (lines … to …)' pointer",
                             line: pointers.line)
        }
        if let starting = pointers.starting,
           !(pointers.certified.contains(starting.lowerBound) && pointers.certified.contains(starting.upperBound)) {
            throw file.error("the Starting Values lines (\(starting.lowerBound) to \(starting.upperBound)) must lie within "
                             + "the Certified Values lines (\(pointers.certified.lowerBound) to \(pointers.certified.upperBound))",
                             line: pointers.line)
        }
        let firstSection = min(pointers.certified.lowerBound, pointers.data.lowerBound)
        let (columnNames, columns, headerLine) = try dataSection(pointers.data)
        guard let responseIndex = columnNames.firstIndex(of: Self.responseName) else {
            throw file.error("the data header does not name the response column '\(Self.responseName)'", line: headerLine)
        }
        let predictorNames = columnNames.enumerated().filter { $0.offset != responseIndex }.map(\.element)
        let predictors = columns.enumerated().filter { $0.offset != responseIndex }.map(\.element)
        let model = try StRDModelText(file, before: firstSection)
        let certified = try StRDCertifiedValues(file, certified: pointers.certified, starting: pointers.starting)
        try checkObservationCounts(stated: certified.statedObservations, rows: pointers.data)

        var linearModel: LinearModelSpec?
        if procedure == .linear {
            let spec = try LinearModelSpec(parsing: model.equationLines, responseName: Self.responseName,
                                           predictorNames: predictorNames, source: file.source)
            guard spec.coefficientNames == certified.parameterNames else {
                throw file.error("the model's coefficients (\(spec.coefficientNames.joined(separator: ", "))) differ "
                                 + "from the certified parameters (\(certified.parameterNames.joined(separator: ", ")))",
                                 line: model.line)
            }
            linearModel = spec
        }

        return StRDProblem(
            source: file.source, name: name, procedure: procedure, difficulty: difficulty(),
            modelText: model.text, modelLine: model.line, modelLeftHandSide: model.leftHandSide,
            modelRightHandSide: model.rightHandSide, constants: model.constants, linearModel: linearModel,
            parameterNames: certified.parameterNames, startingValues: certified.startingValues,
            certifiedEstimates: certified.estimates, certifiedStandardDeviations: certified.standardDeviations,
            certifiedResidualSumOfSquares: certified.residualSumOfSquares,
            certifiedResidualStandardDeviation: certified.residualStandardDeviation,
            certifiedRSquared: certified.rSquared, degreesOfFreedom: certified.degreesOfFreedom,
            responseName: Self.responseName, predictorNames: predictorNames, responses: columns[responseIndex],
            predictors: predictors)
    }

    // MARK: Header

    /// The first word after `label`.
    private func labeledWord(_ label: String) throws -> String {
        guard let line = file.firstLine(labeled: label) else { throw file.error("missing '\(label)' line") }
        guard let word = line.tokens(after: label).first else {
            throw file.error("nothing after '\(label)'", line: line.number, column: line.text.count + 1)
        }
        return String(word.text)
    }

    private func procedure() throws -> StRDProcedure {
        let label = "Procedure:"
        guard let line = file.firstLine(labeled: label) else { throw file.error("missing '\(label)' line") }
        let words = line.tokens(after: label)
        let text = words.map { $0.text.lowercased() }.joined(separator: " ")
        if text.contains("nonlinear") { return .nonlinear }
        if text.contains("linear") { return .linear }
        throw file.error("the procedure is neither linear nor nonlinear least squares",
                         line: line.number, column: words.first?.column ?? line.text.count + 1)
    }

    /// The word before `Level of Difficulty`, if the file states one.
    private func difficulty() -> String? {
        guard let line = file.lines.first(where: { $0.text.contains("Level of Difficulty") }) else { return nil }
        let words = line.tokens
        guard let level = words.firstIndex(where: { $0.text == "Level" }), level > 0 else { return nil }
        return String(words[level - 1].text)
    }

    // MARK: Line pointers

    /// The pointers in the `File Format:` block (its label line and the following non-blank lines).
    private func linePointers() throws -> StRDLinePointers {
        let label = "File Format:"
        guard let formatLine = file.firstLine(labeled: label) else {
            throw file.error("missing the '\(label)' block with the section line pointers")
        }
        var ranges: [String: ClosedRange<Int>] = [:]
        for line in file.lines[(formatLine.number - 1)...].prefix(while: { !$0.isBlank }) {
            guard let pointer = try linePointer(in: line, label: label) else { continue }
            guard ["Starting Values", "Certified Values", "Data"].contains(pointer.section) else {
                throw file.error("unknown section '\(pointer.section)' in the line pointers", line: line.number)
            }
            guard ranges[pointer.section] == nil else {
                throw file.error("a second line pointer for '\(pointer.section)'", line: line.number)
            }
            ranges[pointer.section] = pointer.lines
        }
        guard let certified = ranges["Certified Values"] else {
            throw file.error("missing the 'Certified Values (lines … to …)' pointer", line: formatLine.number)
        }
        guard let data = ranges["Data"] else {
            throw file.error("missing the 'Data (lines … to …)' pointer", line: formatLine.number)
        }
        return StRDLinePointers(starting: ranges["Starting Values"], certified: certified, data: data,
                                line: formatLine.number)
    }

    /// The pointer `Section (lines first to last)` on `line`, or `nil` if the line has no parenthesis.
    private func linePointer(in line: SourceLine, label: String) throws -> (section: String, lines: ClosedRange<Int>)? {
        let characters = Array(line.text)
        guard let open = characters.firstIndex(of: "(") else { return nil }
        var section = String(characters[..<open]).trimmingCharacters(in: .whitespaces)
        if section.hasPrefix(label) {
            section = String(section.dropFirst(label.count)).trimmingCharacters(in: .whitespaces)
        }
        var cursor = LineCursor(characters: characters, index: open + 1)
        func fail(_ expected: String) -> DataError {
            file.error("expected \(expected) in the line pointer '\(section) (lines first to last)'",
                       line: line.number, column: cursor.column)
        }
        guard cursor.skipWord("lines") else { throw fail("'lines'") }
        guard let (first, firstColumn) = cursor.integer() else { throw fail("a line number") }
        guard cursor.skipWord("to") else { throw fail("'to'") }
        guard let (last, lastColumn) = cursor.integer() else { throw fail("a line number") }
        guard cursor.skipWord(")") else { throw fail("')'") }
        guard first >= 1 else {
            throw file.error("line pointer \(first) is not a line number", line: line.number, column: firstColumn)
        }
        guard first <= last else {
            throw file.error("line pointer range \(first) to \(last) is reversed", line: line.number, column: firstColumn)
        }
        guard last <= file.lines.count else {
            throw file.error("line pointer \(last) is beyond the end of the file (\(file.lines.count) lines)",
                             line: line.number, column: lastColumn)
        }
        return (section, first...last)
    }

    // MARK: Data

    /// The column names (from the `Data:` line just before the data), the values of each column,
    /// and the line of the names.
    private func dataSection(_ range: ClosedRange<Int>) throws -> (names: [String], columns: [[Double]], headerLine: Int) {
        let label = "Data:"
        let headerLine = file.lines[..<(range.lowerBound - 1)].last { !$0.isBlank }
        guard let headerLine, headerLine.text.drop(while: \.isWhitespace).hasPrefix(label) else {
            throw file.error("expected a '\(label)' line naming the columns before the data",
                             line: range.lowerBound)
        }
        let nameTokens = headerLine.tokens(after: label)
        guard !nameTokens.isEmpty else {
            throw file.error("the '\(label)' line names no columns", line: headerLine.number)
        }
        var names: [String] = []
        for token in nameTokens {
            guard !names.contains(String(token.text)) else {
                throw file.error("duplicate column name '\(token.text)'", line: headerLine.number, column: token.column)
            }
            names.append(String(token.text))
        }

        var columns = [[Double]](repeating: [], count: names.count)
        for number in range {
            let line = file.line(number)
            let tokens = line.tokens
            guard tokens.count == names.count else {
                let column = tokens.count > names.count ? tokens[names.count].column : line.text.count + 1
                throw file.error("data row has \(tokens.count) value\(tokens.count == 1 ? "" : "s"), expected "
                                 + "\(names.count) (\(names.joined(separator: ", ")))", line: number, column: column)
            }
            for (index, token) in tokens.enumerated() {
                columns[index].append(try file.number(token, on: number))
            }
        }
        return (names, columns, headerLine.number)
    }

    /// Checks the observation counts stated in the certified values and in the header (`36 Observations`).
    private func checkObservationCounts(stated: [(count: Int, line: Int)], rows: ClosedRange<Int>) throws {
        let headerStatement = file.lines.lazy.compactMap { line -> (count: Int, line: Int)? in
            let words = line.tokens
            guard words.count == 2, words[1].text == "Observations", let count = Int(words[0].text) else { return nil }
            return (count, line.number)
        }.first
        var statements = stated
        if let headerStatement { statements.append(headerStatement) }
        for statement in statements where statement.count != rows.count {
            throw file.error("the file states \(statement.count) observations but the data (lines "
                             + "\(rows.lowerBound) to \(rows.upperBound)) has \(rows.count)", line: statement.line)
        }
    }
}

/// A position in the characters of one line, for small hand-written grammars.
private struct LineCursor {
    let characters: [Character]
    var index: Int

    /// The 1-based column of the current character.
    var column: Int { index + 1 }

    private mutating func skipSpaces() {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
    }

    /// Skips spaces and then `word`, if it comes next (and, for a word of letters, is not the start
    /// of a longer word).
    mutating func skipWord(_ word: String) -> Bool {
        skipSpaces()
        let candidate = Array(word)
        let end = index + candidate.count
        guard end <= characters.count, Array(characters[index..<end]) == candidate else { return false }
        if candidate.last?.isLetter == true, end < characters.count, characters[end].isLetter { return false }
        index = end
        return true
    }

    /// Skips spaces and reads a whole number and its column, if one comes next.
    mutating func integer() -> (value: Int, column: Int)? {
        skipSpaces()
        let start = index
        while index < characters.count, characters[index].isASCII, characters[index].isNumber { index += 1 }
        guard index > start, let value = Int(String(characters[start..<index])) else {
            index = start
            return nil
        }
        return (value, start + 1)
    }
}

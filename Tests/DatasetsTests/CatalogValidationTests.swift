import Foundation
import Testing

@testable import Datasets

/// Broken copies of the shipped datasets, written to a temporary folder: each breakage gives a
/// located error, and all of them are reported together.
@Suite("Catalog validation")
struct CatalogValidationTests {
    static let programsDirectory = TestSupport.packageRoot.appendingPathComponent("Data/programs")

    // MARK: Helpers

    /// A shipped CSV as header and rows, to be changed and written back.
    struct EditableCSV {
        var header: [String]
        var rows: [[String]]

        init(_ name: String) throws {
            let table = try CSVReader.read(url: CatalogValidationTests.programsDirectory.appendingPathComponent("\(name).csv"))
            header = table.header
            rows = table.rows
        }

        func index(_ column: String) -> Int { header.firstIndex(of: column)! }

        mutating func set(_ column: String, row: Int, to value: String) { rows[row][index(column)] = value }

        mutating func removeColumn(_ column: String) {
            let i = index(column)
            header.remove(at: i)
            for r in rows.indices { rows[r].remove(at: i) }
        }

        mutating func addColumn(_ column: String, value: String) {
            header.append(column)
            for r in rows.indices { rows[r].append(value) }
        }

        var text: String {
            func escape(_ field: String) -> String {
                guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
                return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return ([header] + rows).map { $0.map(escape).joined(separator: ",") }.joined(separator: "\n") + "\n"
        }
    }

    /// Copies every shipped dataset (CSV and metadata) into `directory`.
    static func copyShipped(to directory: URL) throws {
        for name in ProgramDatasets.all {
            for file in ["\(name).csv", "\(name).meta.yaml"] {
                try FileManager.default.copyItem(at: programsDirectory.appendingPathComponent(file),
                                                 to: directory.appendingPathComponent(file))
            }
        }
    }

    static func write(_ text: String, _ file: String, in directory: URL) throws {
        try text.write(to: directory.appendingPathComponent(file), atomically: true, encoding: .utf8)
    }

    /// The 1-based line and column (in Unicode scalars) where `needle` first occurs in `text`
    /// after the line that contains `after` (or from the start).
    static func locate(_ needle: String, in text: String, onLineContaining marker: String? = nil) -> (line: Int, column: Int)? {
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            if let marker, !line.contains(marker) { continue }
            guard let range = line.range(of: needle) else { continue }
            return (index + 1, line[..<range.lowerBound].unicodeScalars.count + 1)
        }
        return nil
    }

    static func check(_ name: String, in directory: URL) -> CatalogCheck {
        DataCatalog.checkDataset(csv: directory.appendingPathComponent("\(name).csv"), displayPath: "\(name).csv")
    }

    // MARK: The breakages, one by one

    /// china_mics.csv without its `id` column.
    static func missingRequiredColumn(in directory: URL) throws -> [String] {
        var csv = try EditableCSV(ProgramDatasets.chinaMICs)
        csv.removeColumn("id")
        try write(csv.text, "china_mics.csv", in: directory)
        return ["china_mics.csv:1: required column 'id' is missing (described in china_mics.meta.yaml)"]
    }

    /// china_mics.csv with a nonexistent month, a precision that contradicts the date, a date
    /// given with `unknown` precision and a month precision without a date.
    static func badDates(in directory: URL) throws -> [String] {
        var csv = try EditableCSV(ProgramDatasets.chinaMICs)
        csv.set("approved_date", row: 1, to: "2017-13")          // CN-02
        csv.set("date_precision", row: 0, to: "month")           // CN-01: 2016-06-30 is a day
        csv.set("approved_date", row: 21, to: "2021")            // CN-22: precision unknown
        csv.set("approved_date", row: 22, to: "")                // CN-23: precision month
        csv.set("date_precision", row: 23, to: "quarter")        // CN-24
        let text = csv.text
        try write(text, "china_mics.csv", in: directory)
        let cn01 = locate("2016-06-30", in: text, onLineContaining: "CN-01")!
        let cn02 = locate("2017-13", in: text)!
        let cn22 = locate(",2021,unknown", in: text)!
        let cn23 = locate(",,month", in: text, onLineContaining: "CN-23")!
        let cn24 = locate("quarter", in: text)!
        return [
            "china_mics.csv:\(cn01.line):\(cn01.column): date '2016-06-30' does not match date_precision 'month' (expected YYYY-MM) (column 'approved_date')",
            "china_mics.csv:\(cn02.line):\(cn02.column): '2017-13' is not a calendar date (no such month or day) (column 'approved_date')",
            "china_mics.csv:\(cn22.line):\(cn22.column + 1): date '2021' is given but date_precision is 'unknown' (leave the date empty) (column 'approved_date')",
            "china_mics.csv:\(cn23.line):\(cn23.column + 1): 'approved_date' is empty but date_precision is 'month' (use 'unknown' when no date is known)",
            "china_mics.csv:\(cn24.line):\(cn24.column): 'quarter' is not a date precision; expected one of day, month, year, unknown (column 'date_precision')",
        ]
    }

    /// fraunhofer.csv with a column the metadata does not describe and a missing required value.
    static func undeclaredColumn(in directory: URL) throws -> [String] {
        var csv = try EditableCSV(ProgramDatasets.fraunhofer)
        csv.addColumn("comment", value: "")
        csv.set("budget_meur", row: 3, to: "")
        csv.set("staff", row: 4, to: "24.5k")
        let text = csv.text
        try write(text, "fraunhofer.csv", in: directory)
        let header = locate("comment", in: text)!
        let budget = locate("2015,,24000,,", in: text)!
        let staff = locate("24.5k", in: text)!
        return [
            "fraunhofer.csv:1:\(header.column): column 'comment' is not described in fraunhofer.meta.yaml",
            "fraunhofer.csv:\(budget.line):\(budget.column + 12): missing value in required column 'budget_meur'",
            "fraunhofer.csv:\(staff.line):\(staff.column): '24.5k' is not a whole number (column 'staff', type integer)",
        ]
    }

    /// manufacturing_usa.csv with a source that is not a URL and a duplicate id.
    static func badSourceAndDuplicateID(in directory: URL) throws -> [String] {
        var csv = try EditableCSV(ProgramDatasets.manufacturingUSA)
        csv.set("source_url", row: 2, to: "www.cityofchicago.org")   // US-03
        csv.set("id", row: 4, to: "US-04")                           // US-05 becomes a second US-04
        let text = csv.text
        try write(text, "manufacturing_usa.csv", in: directory)
        let source = locate("www.cityofchicago.org", in: text)!
        let first = locate("US-04", in: text)!
        let duplicate = locate("US-04", in: text, onLineContaining: "IACMI")!
        return [
            "manufacturing_usa.csv:\(source.line):\(source.column): 'www.cityofchicago.org' is not an http(s) URL (column 'source_url')",
            "manufacturing_usa.csv:\(duplicate.line):\(duplicate.column): duplicate id 'US-04' (first on line \(first.line))",
        ]
    }

    /// official_center_counts.meta.yaml that is not valid YAML.
    static func malformedMetadata(in directory: URL) throws -> [String] {
        let url = programsDirectory.appendingPathComponent("official_center_counts.meta.yaml")
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        let titleLine = lines.firstIndex { $0.hasPrefix("title:") }!
        lines[titleLine] = "title: [Officially stated counts"
        try write(lines.joined(separator: "\n"), "official_center_counts.meta.yaml", in: directory)
        return ["official_center_counts.meta.yaml:\(titleLine + 2):12: not valid YAML: did not find expected ',' or ']'"]
    }

    private static func messages(_ check: CatalogCheck) -> [String] { check.errors.map(\.description) }

    /// Whether every expected message is, in order, the start of the corresponding error.
    private static func matches(_ errors: [String], _ expected: [String]) -> Bool {
        errors.count == expected.count && zip(errors, expected).allSatisfy { $0.hasPrefix($1) }
    }

    @Test func aMissingRequiredColumn() throws {
        try TestSupport.withTemporaryDirectory { directory in
            try Self.copyShipped(to: directory)
            let expected = try Self.missingRequiredColumn(in: directory)
            let check = Self.check(ProgramDatasets.chinaMICs, in: directory)
            #expect(Self.messages(check) == expected)
            #expect(check.status == .invalid)
            #expect(check.rowCount == 30)
        }
    }

    @Test func badDatesAndPrecisions() throws {
        try TestSupport.withTemporaryDirectory { directory in
            try Self.copyShipped(to: directory)
            let expected = try Self.badDates(in: directory)
            let check = Self.check(ProgramDatasets.chinaMICs, in: directory)
            #expect(Self.messages(check) == expected)
        }
    }

    @Test func anUndeclaredColumnAndBadCells() throws {
        try TestSupport.withTemporaryDirectory { directory in
            try Self.copyShipped(to: directory)
            let expected = try Self.undeclaredColumn(in: directory)
            #expect(Self.messages(Self.check(ProgramDatasets.fraunhofer, in: directory)) == expected)
        }
    }

    @Test func aNonURLSourceAndADuplicateID() throws {
        try TestSupport.withTemporaryDirectory { directory in
            try Self.copyShipped(to: directory)
            let expected = try Self.badSourceAndDuplicateID(in: directory)
            #expect(Self.messages(Self.check(ProgramDatasets.manufacturingUSA, in: directory)) == expected)
        }
    }

    @Test func malformedYAMLMetadata() throws {
        try TestSupport.withTemporaryDirectory { directory in
            try Self.copyShipped(to: directory)
            let expected = try Self.malformedMetadata(in: directory)
            let check = Self.check(ProgramDatasets.officialCounts, in: directory)
            #expect(Self.matches(Self.messages(check), expected), "\(Self.messages(check))")
            #expect(check.dataset == nil)
            #expect(check.rowCount == 27)
        }
    }

    @Test func everyProblemIsReportedTogether() throws {
        try TestSupport.withTemporaryDirectory { directory in
            try Self.copyShipped(to: directory)
            // One folder, every breakage at once (china_mics gets both its column and date problems).
            var csv = try EditableCSV(ProgramDatasets.chinaMICs)
            csv.removeColumn("id")
            csv.set("approved_date", row: 1, to: "2017-13")
            try Self.write(csv.text, "china_mics.csv", in: directory)
            _ = try Self.undeclaredColumn(in: directory)
            _ = try Self.badSourceAndDuplicateID(in: directory)
            _ = try Self.malformedMetadata(in: directory)

            let checks = DataCatalog.checkDatasets(in: directory, displayPath: "Data")
            #expect(checks.map(\.status) == [.invalid, .invalid, .invalid, .invalid])
            #expect(checks.map { $0.errors.count } == [2, 3, 2, 1])
            let all = checks.flatMap(\.errors)
            #expect(all.allSatisfy { $0.file.hasPrefix("Data/") })
            #expect(all.filter { $0.line == nil }.isEmpty)
            #expect(all.first?.description.hasPrefix("Data/china_mics.csv:1: required column 'id' is missing") == true)

            // Loading one of them throws all of its problems as DataErrors.
            do {
                _ = try Dataset.load(csv: directory.appendingPathComponent("manufacturing_usa.csv"), displayPath: "m.csv")
                Issue.record("expected DataErrors")
            } catch let errors as DataErrors {
                #expect(errors.errors.count == 2)
                #expect(errors.errors.map(\.file) == ["m.csv", "m.csv"])
            }
        }
    }

    // MARK: Metadata problems with key paths

    @Test func metadataProblemsNameTheirKeyPath() throws {
        try TestSupport.withTemporaryDirectory { directory in
            try Self.copyShipped(to: directory)
            let url = Self.programsDirectory.appendingPathComponent("fraunhofer.meta.yaml")
            var text = try String(contentsOf: url, encoding: .utf8)
            text = text.replacingOccurrences(of: "schema: 1", with: "schema: 2")
            text = text.replacingOccurrences(of: "    type: url", with: "    type: link")
            text = text.replacingOccurrences(of: "key: [year]", with: "key: [yeer]\nlicence: CC-BY")
            text = text.replacingOccurrences(of: "    required: true\n    minimum: 1949", with: "    required: maybe\n    minimum: 1949")
            try Self.write(text, "fraunhofer.meta.yaml", in: directory)
            let errors = Self.check(ProgramDatasets.fraunhofer, in: directory).errors
            let lines = text.components(separatedBy: "\n")
            func line(_ prefix: String) -> Int { lines.firstIndex { $0.hasPrefix(prefix) }! + 1 }
            let messages = errors.map(\.description)
            #expect(messages.contains("fraunhofer.meta.yaml:\(line("schema:")):9: schema: unsupported schema version 2; this version of foresight reads schema 1"))
            #expect(messages.contains { $0.hasPrefix("fraunhofer.meta.yaml:\(line("key:")):7: key[0]: 'yeer' is not a described column; did you mean 'year'?") })
            #expect(messages.contains { $0.hasPrefix("fraunhofer.meta.yaml:\(line("licence:")):1: unknown key 'licence'") })
            #expect(messages.contains { $0.hasPrefix("fraunhofer.meta.yaml:\(line("    type: link")):11: columns[5].type: unknown type 'link'") })
            #expect(messages.contains("fraunhofer.meta.yaml:\(line("    required: maybe")):15: columns[0].required: expected true or false, found 'maybe'"))
            // The metadata errors come first, in file order; the CSV is still checked (its source_url
            // column is read as text, its key is unknown, so nothing else is reported).
            #expect(errors.count == 5)
            #expect(errors.map { $0.line ?? 0 } == errors.map { $0.line ?? 0 }.sorted())
        }
    }

    @Test func aCSVWithoutMetadataIsListedAndAMetadataWithoutCSVIsAnError() throws {
        try TestSupport.withTemporaryDirectory { directory in
            try Self.write("a,b\n1,2\n", "plain.csv", in: directory)
            try FileManager.default.copyItem(at: Self.programsDirectory.appendingPathComponent("fraunhofer.meta.yaml"),
                                             to: directory.appendingPathComponent("orphan.meta.yaml"))
            let checks = DataCatalog.checkDatasets(in: directory, displayPath: "D")
            #expect(checks.map(\.name) == ["orphan", "plain"])
            #expect(checks.map(\.status) == [.invalid, .noMetadata])
            #expect(checks[0].errors.map(\.description) == ["D/orphan.meta.yaml: metadata without its dataset: orphan.csv not found beside it"])
        }
    }

    @Test func specificationFilesNeedSchemaOne() throws {
        try TestSupport.withTemporaryDirectory { directory in
            try FileManager.default.createDirectory(at: directory.appendingPathComponent("scenarios"), withIntermediateDirectories: true)
            try Self.write("schema: 1\nname: ok\n", "scenarios/good.yaml", in: directory)
            try Self.write("name: no schema\n", "scenarios/none.yaml", in: directory)
            try Self.write("schema: 3\n", "old.yml", in: directory)
            try Self.write("{\"schema\": 1, \"name\": \"json\"}", "spec.json", in: directory)
            try Self.write("schema: 1\nname: [unclosed\n", "broken.yaml", in: directory)
            try Self.write("- a list\n", "list.yaml", in: directory)
            let checks = DataCatalog.checkSpecifications(in: directory, displayPath: "Models")
            let byName = Dictionary(uniqueKeysWithValues: checks.map { ($0.name, $0.errors.map(\.description)) })
            #expect(byName["Models/scenarios/good.yaml"] == [])
            #expect(byName["Models/spec.json"] == [])
            #expect(byName["Models/scenarios/none.yaml"] == ["Models/scenarios/none.yaml:1:1: missing key 'schema'"])
            #expect(byName["Models/old.yml"] == ["Models/old.yml:1:9: schema: unsupported schema version 3; this version of foresight reads schema 1"])
            #expect(byName["Models/broken.yaml"]?.first?.hasPrefix("Models/broken.yaml:3:1: not valid YAML:") == true)
            #expect(byName["Models/list.yaml"] == ["Models/list.yaml:1:1: expected a mapping with 'schema: 1' at the top, found a list"])
        }
    }

    @Test func cellTypesAndConstraints() throws {
        let metadata = try DatasetMetadata.parse("""
            schema: 1
            title: t
            description: d
            sources: [{url: "https://example.org/a"}]
            retrieved: 2025-09
            date_meaning: when it was stated
            key: [id]
            columns:
              - {name: id, type: string, required: true, pattern: "X[0-9]", definition: id}
              - {name: n, type: integer, required: false, minimum: 0, maximum: 10, definition: n}
              - {name: x, type: number, required: false, definition: x}
              - {name: b, type: integer_bound, required: false, definition: b}
              - {name: d, type: fuzzy_date, required: true, definition: d, qualifiers: [{name: mid, first_month: 6, last_month: 7, meaning: m}]}
              - {name: k, type: string, required: false, values: [high, low], definition: k}
              - {name: u, type: url, required: false, definition: u}
            known_gaps: []
            """, source: "t.meta.yaml")
        let table = try CSVReader.parse("""
            id,n,x,b,d,k,u
            X1,3,1.5,>260,2022 (mid),high,https://example.org/x
            X2,-1,abc,>>3,2022 (early),medium,mailto:a@b.c
            X3,11,1e999,12,2022-02-30,low,http://
            Y4,1.0,,,,,
            """, source: "t.csv")
        let errors = DatasetValidator.validate(table, metadata: metadata, headerPositions: DatasetValidator.headerPositions(of: "id,n,x,b,d,k,u\n"))
        #expect(errors.map(\.description) == [
            "t.csv:3:4: -1 is below the minimum 0 of column 'n'",
            "t.csv:3:7: 'abc' is not a number (column 'x', type number)",
            "t.csv:3:11: '>>3' is not a whole number or a bound like '>260' (column 'b', type integer_bound)",
            "t.csv:3:15: '2022 (early)' uses an undeclared qualifier; declared: mid (column 'd', type fuzzy_date)",
            "t.csv:3:28: 'medium' is not an allowed value of column 'k' (allowed: high, low)",
            "t.csv:3:35: 'mailto:a@b.c' is not an http(s) URL (column 'u')",
            "t.csv:4:4: 11 is above the maximum 10 of column 'n'",
            "t.csv:4:7: '1e999' is not a number (column 'x', type number)",
            "t.csv:4:16: '2022-02-30' is not a calendar date (no such month or day) (column 'd', type fuzzy_date)",
            "t.csv:4:31: 'http://' is not a valid http(s) URL (column 'u')",
            "t.csv:5:1: 'Y4' does not match the pattern 'X[0-9]' of column 'id'",
            "t.csv:5:4: '1.0' is not a whole number (column 'n', type integer)",
            "t.csv:5:10: missing value in required column 'd'",
        ])
    }

    @Test func headerPositionsCountScalarsAndQuotes() {
        let positions = DatasetValidator.headerPositions(of: "\u{FEFF}a,\"b,c\",é,\"d\ne\",f\nx,y")
        #expect(positions == [CSVPosition(line: 1, column: 1), CSVPosition(line: 1, column: 3), CSVPosition(line: 1, column: 9),
                              CSVPosition(line: 1, column: 11), CSVPosition(line: 2, column: 4)])
    }
}

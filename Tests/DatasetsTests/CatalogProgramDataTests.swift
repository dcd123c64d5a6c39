import Foundation
import Testing

@testable import Datasets

/// The shipped program datasets (`Data/programs/`): they validate, and their typed views agree with
/// what `data/README.md` states about them.
@Suite("Catalog program data")
struct CatalogProgramDataTests {
    static let dataDirectory = TestSupport.packageRoot.appendingPathComponent("Data")
    static let programsDirectory = dataDirectory.appendingPathComponent(DataCatalog.programsFolder)

    @Test func shippedDatasetsValidateCleanly() throws {
        let checks = DataCatalog.checkDatasets(in: Self.programsDirectory, displayPath: "Data/programs")
        #expect(checks.map(\.name) == ["china_mics", "fraunhofer", "manufacturing_usa", "official_center_counts"])
        for check in checks {
            #expect(check.errors.isEmpty, "\(check.name): \(check.errors.map(\.description).joined(separator: "\n"))")
            #expect(check.status == .valid)
            #expect(check.metadataFile == "Data/programs/\(check.name).meta.yaml")
        }
        #expect(checks.map(\.rowCount) == [30, 12, 18, 27])
    }

    @Test func everyShippedDatasetLoadsThroughProgramDatasets() throws {
        for name in ProgramDatasets.all {
            let dataset = try ProgramDatasets.load(name, dataDirectory: Self.dataDirectory)
            #expect(dataset.name == name)
            #expect(dataset.file == "Data/programs/\(name).csv")
            #expect(dataset.metadata.schema == 1)
            #expect(!dataset.metadata.knownGaps.isEmpty)
            #expect(!dataset.metadata.sources.isEmpty)
            // Every CSV column is described, in some order.
            #expect(Set(dataset.metadata.columns.map(\.name)) == Set(dataset.table.header))
        }
    }

    @Test func theCopiesAreUnchanged() throws {
        let shared = URL(fileURLWithPath: "/work/shared/data")
        guard FileManager.default.fileExists(atPath: shared.path) else { return }
        for file in ["china_mics.csv", "official_center_counts.csv", "manufacturing_usa.csv", "fraunhofer.csv", "program_facts.md"] {
            let original = try Data(contentsOf: shared.appendingPathComponent(file))
            let copy = try Data(contentsOf: Self.programsDirectory.appendingPathComponent(file))
            #expect(original == copy, "\(file) differs from the shared original")
        }
    }

    @Test func chinaApprovalEventsMatchTheReadme() throws {
        let events = try ProgramDatasets.chinaApprovalEvents(dataDirectory: Self.dataDirectory)
        #expect(events.count == 30)
        #expect(events.map(\.id) == (1...30).map { String(format: "CN-%02d", $0) })
        var byPrecision: [DatePrecision: Int] = [:]
        for event in events { byPrecision[event.precision, default: 0] += 1 }
        #expect(byPrecision == [.day: 2, .month: 20, .year: 7, .unknown: 1])
        // Intervals follow the precision; the unknown one has none.
        for event in events {
            #expect((event.interval == nil) == (event.precision == .unknown))
            #expect(event.interval?.form.precision == (event.precision == .unknown ? nil : event.precision))
            #expect(event.sourceURL.hasPrefix("http"))
        }
        let first = try #require(events.first)
        #expect(first.interval?.earliest == CalendarDay(year: 2016, month: 6, day: 30))
        #expect(first.interval?.latest == CalendarDay(year: 2016, month: 6, day: 30))
        #expect(first.name == "National Power Battery Innovation Center")
        let unknown = events.filter { $0.precision == .unknown }.map(\.id)
        #expect(unknown == ["CN-22"])
        #expect(events.filter(\.isLowConfidence).map(\.id) == ["CN-22", "CN-28", "CN-29", "CN-30"])
        let cn03 = try #require(events.first { $0.id == "CN-03" })
        #expect(cn03.confidenceTag == "uncertain/estimated")
        #expect(cn03.interval?.description == "2018-01-01..2018-01-31")
        // Decimal-year midpoints are in approval order, within a year of the row order.
        let midpoints = events.compactMap { $0.interval?.midpointDecimalYear }
        #expect(midpoints.count == 29)
        #expect(midpoints.min() == events[0].interval?.midpointDecimalYear)
    }

    @Test func lastOfficialChinaCountIs33() throws {
        let observations = try ProgramDatasets.officialCountObservations(dataDirectory: Self.dataDirectory)
        #expect(observations.count == 27)
        let china = observations.filter { $0.program == ProgramDatasets.chinaProgram && !$0.isTarget }
        #expect(china.count == 18)
        let last = try #require(china.max { $0.interval.latest < $1.interval.latest })
        #expect(last.count == 33)
        #expect(last.dateText == "2025 (report)")
        #expect(last.isLowerBound)
        // The last dated statement of the total is the minister's, 2025-09-09, also 33.
        let lastDay = try #require(china.filter { $0.interval.form == .day }.max { $0.interval.latest < $1.interval.latest })
        #expect(lastDay.dateText == "2025-09-09")
        #expect(lastDay.count == 33)
        #expect(lastDay.reliabilityGrade == .high)

        let mid = try #require(observations.first { $0.dateText == "2022 (mid)" })
        #expect(mid.interval.description == "2022-06-01..2022-07-31")
        #expect(mid.count == 23)
        #expect(mid.provincialCount == StatedCount(value: 223, isLowerBound: false))
        #expect(mid.reliability == "high (official text)")
        #expect(mid.reliabilityGrade == .high)
        let report = try #require(observations.first { $0.dateText == "2025 (report)" })
        #expect(report.interval.description == "2025-01-01..2025-12-31")
        let september2024 = try #require(observations.first { $0.dateText == "2024-09" })
        #expect(september2024.provincialCount == StatedCount(value: 260, isLowerBound: true))
        let target = try #require(observations.first { $0.isTarget })
        #expect(target.dateText == "2015-05")
        #expect(target.count == 0)
        let usa = observations.filter { $0.program == ProgramDatasets.manufacturingUSAProgram }
        #expect(usa.count == 8)
        #expect(usa.last?.count == 18)
    }

    @Test func officialCountsAreNonDecreasingPerProgram() throws {
        let observations = try ProgramDatasets.officialCountObservations(dataDirectory: Self.dataDirectory)
        for program in [ProgramDatasets.chinaProgram, ProgramDatasets.manufacturingUSAProgram] {
            let counts = observations.filter { $0.program == program && !$0.isTarget }
                .sorted { $0.interval.earliest < $1.interval.earliest }.map(\.count)
            #expect(counts == counts.sorted(), "\(program): \(counts)")
        }
    }

    @Test func metadataDeclaresTheFuzzyDateQualifiers() throws {
        let dataset = try ProgramDatasets.load(ProgramDatasets.officialCounts, dataDirectory: Self.dataDirectory)
        let date = try #require(dataset.metadata.column(named: "date"))
        #expect(date.type == .fuzzyDate)
        #expect(date.qualifiers.map(\.name) == ["mid", "report"])
        #expect(date.qualifiers.map { [$0.firstMonth, $0.lastMonth] } == [[6, 7], [1, 12]])
        let china = try ProgramDatasets.load(ProgramDatasets.chinaMICs, dataDirectory: Self.dataDirectory)
        #expect(china.metadata.datePrecision?.allowed == [.day, .month, .year, .unknown])
        #expect(china.metadata.column(named: "approved_date")?.precisionColumn == "date_precision")
        #expect(china.metadata.key == ["id"])
        #expect(china.metadata.retrieved == "unknown")
    }
}

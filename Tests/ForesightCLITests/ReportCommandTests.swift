import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `foresight report` as a process: the files it writes, a well-formed page whose charts have
/// axes and the expected series, numbers that match report.json, a broken scenario reported
/// while the rest still runs, and files it did not write left alone.
@Suite("foresight report (process)")
struct ReportCommandTests {
    /// A workspace with the bundled data, the China official-count scenario (fewer draws), the
    /// shipped scorecard and, when asked, a broken scenario.
    static func workspace(broken: Bool) throws -> Workspace {
        let ws = try Workspace()
        try ws.copy(packageFile: "Data")
        let models = ws.directory.appendingPathComponent("Models")
        for folder in ["scenarios", "scorecards"] {
            try FileManager.default.createDirectory(at: models.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        var scenario = try String(contentsOf: ForesightExecutable.packageRoot.appendingPathComponent("Models/scenarios/china-mics-2025.yaml"),
                                  encoding: .utf8)
        scenario = scenario.replacingOccurrences(of: "draws: 5000", with: "draws: 300")
            .replacingOccurrences(of: "draws: 400}", with: "draws: 60}")
        try ws.write("Models/scenarios/china.yaml", scenario)
        try ws.copy(packageFile: "Models/scorecards/program-structure.yaml", as: "Models/scorecards/program-structure.yaml")
        if broken {
            try ws.write("Models/scenarios/broken.yaml", """
                schema: 1
                name: broken
                series: {file: official_center_counts.csv, kind: cumulative, program: China MIC}
                models: [logistik]
                target: {count: 40, by: 2025-12-31}
                horizon: 2030-12-31
                """)
        }
        return ws
    }

    static func run(_ ws: Workspace, out: String = "out") throws -> RunResult {
        try ws.run(["report", "--out", out, "--data-dir", "Data", "--models-dir", "Models", "--threads", "2"], timeout: 600)
    }

    @Test func writesTheReportAndListsProblemsWhileTheRestRuns() throws {
        let ws = try Self.workspace(broken: true)
        let result = try Self.run(ws)
        expectExit(result, 65)
        #expect(result.stdout.contains("out/index.html"))
        #expect(result.stderr.contains("broken.yaml:3:"), "the broken scenario's problems are printed with their location")
        #expect(result.stderr.contains("models[0]"))
        let files = try FileManager.default.contentsOfDirectory(atPath: ws.directory.appendingPathComponent("out").path).sorted()
        #expect(files == [".foresight-report-manifest", "backtest-china.csv", "index.html", "report.json", "report.md",
                          "scenario-china.csv", "scorecard-program-structure.csv"])

        let html = try ws.read("out/index.html")
        let page = try PageText(html)
        #expect(page.text.contains("broken.yaml"), "the problems section names the broken file")
        #expect(page.text.contains("China national MICs toward 40 by 2025"))

        // Charts: one fan chart for the scenario, scores, SMAA and stability for the scorecard,
        // each in the wide and the narrow layout.
        #expect(page.svgs.count == 8)
        #expect(page.svgs.filter { $0.id.hasSuffix("-narrow") }.count == 4)
        for svg in page.svgs {
            #expect(svg.classes.contains("axis x-axis") && svg.classes.contains("axis y-axis"), "\(svg.id) has both axes")
            #expect(svg.hasTitle && svg.hasDescription, "\(svg.id) has a title and a description")
            #expect(svg.tickLabels >= 4, "\(svg.id) has tick labels")
        }
        let fan = try #require(page.svgs.first { $0.id.hasSuffix("-fan") })
        #expect(fan.series == ["95% band", "80% band", "Simulated mean", "Fitted curve (data window)", "Observed"].sorted())
        let smaa = try #require(page.svgs.first { $0.id.hasSuffix("-smaa") })
        #expect(smaa.series.count == 3, "one segment series per rank: \(smaa.series)")

        // The numbers in the page are those of report.json.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ws.read("out/report.json").utf8)) as? [String: Any])
        let headline = try #require((json["headline"] as? [String: Any])?["figures"] as? [[String: Any]])
        #expect(headline.count >= 4)
        for figure in headline {
            let text = try #require(figure["text"] as? String)
            #expect(page.text.contains(text), "headline \(figure["key"] ?? "") '\(text)' is on the page")
        }
        let probability = try #require(headline.first { $0["key"] as? String == "target_probability" })
        let value = try #require(probability["value"] as? Double)
        // No draw reaching the target is stated as the rule-of-three bound 3/N, never "0.0%".
        let expectedText = value == 0 ? "< " + Self.percent(3.0 / 300) : Self.percent(value)
        #expect(probability["text"] as? String == expectedText)
        let scenarios = try #require(json["scenarios"] as? [[String: Any]])
        #expect(scenarios.count == 1)
        let report = try #require(scenarios.first?["report"] as? [String: Any])
        let target = try #require(report["target"] as? [String: Any])
        #expect(target["probability"] as? Double == value)
        let last = try #require((report["series"] as? [String: Any])?["last_observed"] as? [String: Any])
        #expect(last["count"] as? Int == 33)
        let problems = try #require(json["problems"] as? [String])
        #expect(problems.count == 2 && problems.allSatisfy { $0.contains("broken.yaml") }, "\(problems)")
        // Every data and model file has its digest in the reproducibility block.
        let digests = try #require(json["files"] as? [[String: Any]])
        #expect(digests.contains { ($0["path"] as? String) == "Models/scenarios/broken.yaml" })
        #expect(digests.allSatisfy { ($0["sha256"] as? String)?.count == 64 })
        for digest in digests { #expect(page.text.contains(digest["sha256"] as? String ?? "-")) }
    }

    @Test func neverOverwritesFilesItDidNotWrite() throws {
        let ws = try Self.workspace(broken: false)
        try FileManager.default.createDirectory(at: ws.directory.appendingPathComponent("mine"), withIntermediateDirectories: true)
        try ws.write("mine/index.html", "my own page")
        let refused = try Self.run(ws, out: "mine")
        expectExit(refused, 64)
        #expect(refused.stderr.contains("will not overwrite"))
        #expect(try ws.read("mine/index.html") == "my own page")
        #expect(try FileManager.default.contentsOfDirectory(atPath: ws.directory.appendingPathComponent("mine").path) == ["index.html"])

        // Its own files it replaces, and it leaves no temporary file behind.
        expectExit(try Self.run(ws), 0)
        let first = try ws.read("out/report.json")
        expectExit(try Self.run(ws), 0)
        #expect(try ws.read("out/report.json") == first, "a seeded report is reproducible")
        let names = try FileManager.default.contentsOfDirectory(atPath: ws.directory.appendingPathComponent("out").path)
        #expect(!names.contains { $0.contains("foresight-tmp") || $0 == ".foresight-report-journal" })
    }

    /// The headline format of a probability (one decimal, `<0.1%` below 0.05%).
    static func percent(_ p: Double) -> String {
        p > 0 && p < 0.0005 ? "<0.1%" : String(format: "%.1f%%", p * 100)
    }
}

/// The text of an XHTML page and its SVG charts, read with an XML parser (so the page must be
/// well-formed).
final class PageText: NSObject, XMLParserDelegate {
    struct SVG {
        var id = ""
        var classes: Set<String> = []
        var series: [String] = []
        var hasTitle = false
        var hasDescription = false
        var tickLabels = 0
    }

    private(set) var text = ""
    private(set) var svgs: [SVG] = []
    private var current: SVG?
    private var inTick = 0
    private var stack: [String] = []

    init(_ html: String) throws {
        super.init()
        // The doctype is not XML; the rest must be.
        let body = html.replacingOccurrences(of: "<!DOCTYPE html>", with: "")
        let parser = XMLParser(data: Data(body.utf8))
        parser.delegate = self
        guard parser.parse() else {
            throw PageError(message: "not well-formed: \(parser.parserError.map { "\($0)" } ?? "?") at line \(parser.lineNumber)")
        }
    }

    struct PageError: Error { let message: String }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        stack.append(name)
        if name == "svg" { current = SVG(id: attributes["id"] ?? "") }
        guard current != nil else { return }
        if let cls = attributes["class"] { current?.classes.insert(cls) }
        if name == "g", attributes["class"] == "series", let series = attributes["data-series"] { current?.series.append(series) }
        if name == "title" { current?.hasTitle = true }
        if name == "desc" { current?.hasDescription = true }
        if name == "g", attributes["class"] == "tick" { inTick += 1 }
        if name == "text", inTick > 0 { current?.tickLabels += 1 }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
        if name == "g", inTick > 0, current != nil { inTick = max(0, inTick - 1) }
        if name == "svg", var svg = current {
            svg.series.sort()
            svgs.append(svg)
            current = nil
            inTick = 0
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }
}

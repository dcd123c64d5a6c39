import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The report's summary on every shipped scenario (with fewer draws): one answer card per
/// program, and each card says what its program's section and report.json say.
@Suite("foresight report: the summary matches the sections")
struct ReportSummaryConsistencyTests {
    static func workspace() throws -> Workspace {
        let ws = try Workspace()
        try ws.copy(packageFile: "Data")
        for folder in ["scenarios", "scorecards"] {
            try FileManager.default.createDirectory(at: ws.directory.appendingPathComponent("Models/\(folder)"), withIntermediateDirectories: true)
        }
        let shipped = ForesightExecutable.packageRoot.appendingPathComponent("Models/scenarios")
        for name in try FileManager.default.contentsOfDirectory(atPath: shipped.path) where name.hasSuffix(".yaml") {
            let text = try String(contentsOf: shipped.appendingPathComponent(name), encoding: .utf8)
                .replacingOccurrences(of: "draws: 5000", with: "draws: 400")
                .replacingOccurrences(of: #"draws: [0-9]+\}"#, with: "draws: 60}", options: .regularExpression)
            try ws.write("Models/scenarios/\(name)", text)
        }
        try ws.copy(packageFile: "Models/scorecards/program-structure.yaml", as: "Models/scorecards/program-structure.yaml")
        return ws
    }

    @Test func everyProgramHasAnAnswerThatMatchesItsSection() throws {
        let ws = try Self.workspace()
        let result = try ws.run(["report", "--out", "out", "--data-dir", "Data", "--models-dir", "Models", "--threads", "2"], timeout: 900)
        expectExit(result, 0)
        let page = try Cards(try ws.read("out/index.html"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ws.read("out/report.json").utf8)) as? [String: Any])
        let headline = try #require(json["headline"] as? [String: Any])
        let answers = try #require(headline["answers"] as? [[String: Any]])
        let scenarios = try #require(json["scenarios"] as? [[String: Any]]).compactMap { $0["report"] as? [String: Any] }
        #expect(scenarios.count == 6)
        // Every scenario, and so every program (China national and provincial, the USA, Germany), is answered.
        #expect(Set(answers.compactMap { $0["program"] as? String }) == Set(scenarios.compactMap { $0["scenario"] as? String }))
        for program in ["China national", "China provincial", "Manufacturing USA", "Fraunhofer"] {
            #expect(answers.contains { ($0["program"] as? String)?.contains(program) == true }, "\(program) is answered")
        }
        let summary = try #require(page.sections["summary"])
        for answer in answers {
            let program = try #require(answer["program"] as? String)
            let report = try #require(scenarios.first { $0["scenario"] as? String == program })
            let target = try #require(report["target"] as? [String: Any])
            let last = try #require((report["series"] as? [String: Any])?["last_observed"] as? [String: Any])
            let count = try #require(target["count"] as? Int)
            // The answer is the section's own numbers in report.json …
            #expect(answer["probability"] as? Double == target["probability"] as? Double, "\(program)")
            #expect(answer["draws"] as? Int == target["draws"] as? Int)
            #expect(answer["target_count"] as? Int == count)
            #expect(answer["target_date"] as? String == target["by"] as? String)
            #expect(answer["as_of"] as? String == report["as_of"] as? String)
            #expect(answer["needed"] as? Int == max(0, count - (last["count"] as? Int ?? 0)))
            // … its card in the summary shows them, with the as-of date …
            let text = try #require(answer["text"] as? String), probability = try #require(answer["probability_text"] as? String)
            let card = try #require(summary.first { $0.label.hasPrefix(program + ":") }, "\(program) has a summary card")
            #expect(card.value == probability)
            #expect(card.detail == text)
            #expect(text.contains("data as of \(answer["as_of"] as? String ?? "?")"))
            // … and the program's own section shows the same probability and last count.
            let section = try #require(page.sections.first { $0.key.hasPrefix("scenario-") && page.headings[$0.key] == program }?.value,
                                       "\(program) has a section")
            #expect(section.first { $0.label.hasPrefix("P(") }?.value == probability, "\(program): section and summary agree")
            #expect(section.first { $0.label == "Last observed" }?.value == "\(last["count"] as? Int ?? -1)")
        }
        // What-if cards: the what-if's own probability and the difference to its baseline.
        let whatIfs = try #require(headline["what_ifs"] as? [[String: Any]])
        #expect(!whatIfs.isEmpty)
        for whatIf in whatIfs {
            let program = try #require(whatIf["program"] as? String), name = try #require(whatIf["name"] as? String)
            let report = try #require(scenarios.first { $0["scenario"] as? String == program })
            let outcome = try #require((report["what_if"] as? [[String: Any]])?.first { $0["name"] as? String == name })
            let probability = try #require((outcome["target"] as? [String: Any])?["probability"] as? Double)
            #expect(whatIf["probability"] as? Double == probability)
            let baselineTarget = try #require(report["target"] as? [String: Any])
            let ownTarget = try #require(outcome["target"] as? [String: Any])
            if let baseline = whatIf["baseline_probability"] as? Double {
                #expect(baseline == baselineTarget["probability"] as? Double)
                let difference = try #require(whatIf["difference_points"] as? Double)
                #expect(abs(difference - (probability - baseline) * 100) < 1e-9)
            } else {
                // No difference is given only when the what-if moves the target.
                #expect(ownTarget["count"] as? Int != baselineTarget["count"] as? Int || ownTarget["by"] as? String != baselineTarget["by"] as? String)
                #expect((whatIf["text"] as? String)?.contains("target moved") == true)
            }
            #expect(summary.contains { $0.label == "\(program): \(name)" && $0.detail == whatIf["text"] as? String })
        }
    }
}

/// The summary cards of an XHTML report page, by section id, and each section's heading.
private final class Cards: NSObject, XMLParserDelegate {
    struct Card {
        var label = "", value = "", detail: String?
    }

    private(set) var sections: [String: [Card]] = [:]
    private(set) var headings: [String: String] = [:]
    private var section: String?
    private var card: Card?
    private var field: String?
    private var heading: String?

    init(_ html: String) throws {
        super.init()
        let parser = XMLParser(data: Data(html.replacingOccurrences(of: "<!DOCTYPE html>", with: "").utf8))
        parser.delegate = self
        guard parser.parse() else { throw PageText.PageError(message: "not well-formed at line \(parser.lineNumber)") }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "section", let id = attributes["id"] { section = id }
        if name == "h2", section != nil { heading = "" }
        if name == "div", attributes["class"] == "card" { card = Card() }
        if name == "p", card != nil, let cls = attributes["class"] {
            field = cls
            if cls == "card-detail" { card?.detail = "" }
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if heading != nil { heading! += string }
        switch field {
        case "card-label": card?.label += string
        case "card-value": card?.value += string
        case "card-detail": card?.detail? += string
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "p" { field = nil }
        if name == "h2", let section, let heading { headings[section] = heading }
        if name == "h2" { heading = nil }
        if name == "div", let card, let section {
            sections[section, default: []].append(card)
            self.card = nil
        }
        if name == "section" { section = nil }
    }
}

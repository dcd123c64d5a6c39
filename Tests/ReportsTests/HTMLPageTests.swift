import SVGCharts
import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import Reports

@Suite("HTML page")
struct HTMLPageTests {
    private static let fan = FanChart(title: "Counts", observed: Series(name: "Observed", x: [2020, 2021, 2022], y: [1, 4, 9]),
                                      lines: [Series(name: "Fitted mean", x: [2020, 2023], y: [1, 12])])

    private static var table: Table {
        var table = Table(title: "Model comparison", columns: [.init("model", .left), .init("AICc"), .init("weight")])
        table.append(["logistic", "41.2", "0.83"])
        table.append(["<script>alert(1)</script>", "44.4", "0.17"])
        return table
    }

    private static let page = HTMLPage(
        title: "Foresight report & summary", introduction: "Projections \"with\" 'quotes'.",
        sections: [
            HTMLSection(id: "summary", heading: "Summary", blocks: [
                .keyFigures([KeyFigure(label: "P(40 by 2025)", value: "62%", detail: "5,000 draws"), KeyFigure(label: "Median date", value: "2025-09")]),
                .problems(["Fit of richards did not converge", "2 rows < 0"]),
                .problems([]),
            ]),
            HTMLSection(id: "china mics", heading: "China MICs", blocks: [.chart(fan, caption: "Observed and fitted"), .table(table), .paragraph("a < b")]),
            HTMLSection(id: "provenance", heading: "Data provenance", blocks: [
                .provenance([ProvenanceEntry(dataset: "counts.csv", description: "Official counts",
                                             sources: [Link(title: "MIIT notice", url: "https://www.miit.gov.cn/a?b=1&c=2"),
                                                       Link(title: "Bad", url: "javascript:alert(1)"), Link(title: "Local", url: "data/x:y.csv")])]),
            ]),
            HTMLSection(id: "reproducibility", heading: "Reproducibility", blocks: [
                .definitions(StatisticsBlock([.init("version", "0.4.0"), .init("seed", "2025")])), .code("foresight report --out report"),
            ]),
        ],
        footer: "Foresight 0.4.0")

    private func parsed() throws -> HTMLTree {
        try #require(HTMLTree(Self.page.render()), "the page is not well-formed XML")
    }

    @Test func startsWithDoctypeAndDeclaresUTF8() throws {
        let html = Self.page.render()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        let tree = try parsed()
        #expect(tree.elements("meta").contains { $0.attributes["charset"] == "utf-8" })
        #expect(tree.elements("title").first?.text == "Foresight report & summary")
        #expect(tree.elements("h1").first?.text == "Foresight report & summary")
        #expect(tree.elements("p").first { $0.attributes["class"] == "lead" }?.text == "Projections \"with\" 'quotes'.")
    }

    @Test func isSelfContained() throws {
        let tree = try parsed()
        #expect(tree.elements("script").isEmpty && tree.elements("link").isEmpty && tree.elements("img").isEmpty)
        #expect(tree.all.allSatisfy { $0.attributes["src"] == nil })
        let css = try #require(tree.elements("style").first?.text)
        #expect(css.contains("@media print") && css.contains("break-inside: avoid"), "print rules keep figures and tables whole")
        #expect(!HTMLStyle.css.contains("<") && !HTMLStyle.css.contains("&"), "the style sheet reads the same as HTML and XML")
    }

    @Test func tableOfContentsLinksToEverySection() throws {
        let tree = try parsed()
        let links = tree.elements("a").filter { $0.attributes["href"]?.hasPrefix("#") == true }
        let sections = tree.elements("section")
        #expect(links.map { $0.attributes["href"] ?? "" } == sections.map { "#" + ($0.attributes["id"] ?? "") })
        #expect(links.map(\.text) == ["Summary", "China MICs", "Data provenance", "Reproducibility"])
        #expect(sections[1].attributes["id"] == "china-mics", "ids are sanitized")
        #expect(tree.elements("h2").map(\.text) == links.map(\.text))
    }

    @Test func tablesAlignNumbersAndEscapeCells() throws {
        let tree = try parsed()
        #expect(tree.elements("caption").map(\.text) == ["Model comparison"])
        #expect(tree.elements("th").prefix(3).map { $0.attributes["class"] } == [nil, "num", "num"])
        let cells = tree.elements("td").prefix(6).map(\.text)
        #expect(cells == ["logistic", "41.2", "0.83", "<script>alert(1)</script>", "44.4", "0.17"])
    }

    @Test func chartIsInlineSVGInAFigure() throws {
        let tree = try parsed()
        let svgs = tree.elements("svg")
        #expect(svgs.map { $0.attributes["class"] } == ["chart chart-wide", "chart chart-narrow"], "both layouts; CSS shows one")
        #expect(svgs.allSatisfy { $0.attributes["role"] == "img" })
        #expect(Set(svgs.compactMap { $0.attributes["id"] }).count == 2, "ids stay unique")
        #expect(tree.elements("g").filter { $0.attributes["class"] == "series" }.compactMap { $0.attributes["data-series"] }
            == ["Fitted mean", "Observed", "Fitted mean", "Observed"])
        #expect(tree.elements("figcaption").map(\.text) == ["Observed and fitted"])
    }

    @Test func keyFiguresProblemsAndDefinitions() throws {
        let tree = try parsed()
        #expect(tree.elements("div").filter { $0.attributes["class"] == "card" }.count == 2)
        #expect(tree.elements("p").filter { $0.attributes["class"] == "card-value" }.map(\.text) == ["62%", "2025-09"])
        #expect(tree.elements("aside").count == 1, "an empty problem list draws no box")
        #expect(tree.elements("li").map(\.text).contains("2 rows < 0"))
        #expect(tree.elements("dt").map(\.text) == ["version", "seed"])
        #expect(tree.elements("dd").map(\.text) == ["0.4.0", "2025"])
        #expect(tree.elements("code").map(\.text).contains("foresight report --out report"))
    }

    @Test func provenanceLinksOnlySafeAddresses() throws {
        let tree = try parsed()
        let hrefs = tree.elements("a").compactMap { $0.attributes["href"] }.filter { !$0.hasPrefix("#") }
        #expect(hrefs == ["https://www.miit.gov.cn/a?b=1&c=2", "data/x:y.csv"])
        #expect(tree.elements("li").map(\.text).contains("Bad (javascript:alert(1))"))
    }

    @Test func emptyPageIsWellFormedWithoutContents() throws {
        let tree = try #require(HTMLTree(HTMLPage(title: "").render()))
        #expect(tree.elements("nav").isEmpty && tree.elements("body").count == 1)
    }

    @Test func sectionIdsStartWithALetter() {
        #expect(HTMLSection(id: "2025 scenario", heading: "x").id == "s-2025-scenario")
        #expect(HTMLSection(id: "", heading: "x").id == "s-")
    }
}

/// The elements of a page parsed with Foundation's `XMLParser`, in document order, each with its
/// attributes and its whole text (its own and its descendants').
struct HTMLTree {
    struct Element {
        let name: String
        let attributes: [String: String]
        var text = ""
    }

    private(set) var all: [Element] = []

    /// `nil` when `xml` is not well-formed.
    init?(_ xml: String) {
        let collector = Collector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        guard parser.parse() else { return nil }
        all = collector.elements
    }

    func elements(_ name: String) -> [Element] { all.filter { $0.name == name } }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var open: [Int] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            open.append(elements.count)
            elements.append(Element(name: name, attributes: attributes))
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { open.removeLast() }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            for index in open { elements[index].text += string }
        }
    }
}

import SVGCharts
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG document parsed with Foundation's `XMLParser`, as a tree of elements for the tests.
final class SVGNode {
    let name: String
    let attributes: [String: String]
    var children: [SVGNode] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// This node and every node below it, depth first.
    var descendants: [SVGNode] { [self] + children.flatMap(\.descendants) }

    /// The descendants named `name` whose `class` attribute holds `className` (any class when `nil`).
    func all(_ name: String, class className: String? = nil) -> [SVGNode] {
        descendants.filter { node in
            node.name == name && (className.map { (node.attributes["class"] ?? "").split(separator: " ").contains(Substring($0)) } ?? true)
        }
    }

    /// The text of this node and all below it.
    var allText: String { text + children.map(\.allText).joined() }

    /// Parses `xml`; `nil` (and a recorded issue) when it is not well-formed.
    static func parse(_ xml: String) -> SVGNode? {
        let builder = Builder()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else { return nil }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: SVGNode?
        var stack: [SVGNode] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let node = SVGNode(name: name, attributes: attributes)
            if let parent = stack.last { parent.children.append(node) } else { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { stack.removeLast() }

        func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }
    }
}

/// The parts of a rendered chart the tests look at.
struct RenderedChart {
    let root: SVGNode

    init?(_ chart: some Chart) {
        guard let root = SVGNode.parse(chart.svg()) else { return nil }
        self.root = root
    }

    /// The `data-series` names of the series groups, in document order.
    var seriesNames: [String] { root.all("g", class: "series").compactMap { $0.attributes["data-series"] } }
    /// The legend entries' names.
    var legendNames: [String] { root.all("g", class: "legend-entry").compactMap { $0.attributes["data-series"] } }

    /// The tick labels of the axis with class `axis` (`x-axis`, `y-axis`).
    func tickLabels(_ axis: String) -> [String] {
        root.all("g", class: axis).flatMap { $0.all("text", class: "tick-label") }.map(\.allText)
    }

    /// The axis title of `axis`.
    func axisTitle(_ axis: String) -> String? { root.all("g", class: axis).first?.all("text", class: "axis-title").first?.allText }

    var title: String? { root.children.first { $0.name == "title" }?.allText }
    var desc: String { root.children.first { $0.name == "desc" }?.allText ?? "" }
}

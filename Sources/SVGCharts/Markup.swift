/// Builds well-formed XML text (SVG, XHTML-compatible HTML): every element is closed, text and
/// attribute values are escaped, and characters that XML forbids are dropped.
///
/// ```swift
/// var markup = Markup()
/// markup.element("g", [("class", "series")]) { g in
///     g.leaf("circle", [("cx", "10"), ("cy", "5"), ("r", "2")])
///     g.element("text", [("x", "10")], text: "a < b")
/// }
/// markup.text  // <g class="series"><circle cx="10" cy="5" r="2"/><text x="10">a &lt; b</text></g>
/// ```
public struct Markup: Sendable {
    /// One attribute: name and (unescaped) value.
    public typealias Attribute = (name: String, value: String)

    /// The markup written so far.
    public private(set) var text = ""

    public init() {}

    /// Escapes `&`, `<`, `>`, `"` and `'` and drops the control characters XML 1.0 forbids
    /// (everything below U+0020 except tab, line feed and carriage return, plus U+FFFE/U+FFFF).
    public static func escape(_ string: String) -> String {
        var out = ""
        out.reserveCapacity(string.utf8.count)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20, scalar.value != 0xFFFE, scalar.value != 0xFFFF { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// An element containing whatever `body` writes.
    public mutating func element(_ name: String, _ attributes: [Attribute] = [], _ body: (inout Markup) -> Void) {
        text += "<" + name + Self.attributeText(attributes) + ">"
        body(&self)
        text += "</" + name + ">"
    }

    /// An element containing only the escaped `text`.
    public mutating func element(_ name: String, _ attributes: [Attribute] = [], text content: String) {
        text += "<" + name + Self.attributeText(attributes) + ">" + Self.escape(content) + "</" + name + ">"
    }

    /// An empty element, written self-closed (`<br/>`).
    public mutating func leaf(_ name: String, _ attributes: [Attribute] = []) {
        text += "<" + name + Self.attributeText(attributes) + "/>"
    }

    /// Escaped character data.
    public mutating func write(_ content: String) { text += Self.escape(content) }

    /// Markup that is already well-formed (a rendered chart, a fragment built by another `Markup`).
    public mutating func append(markup: String) { text += markup }

    /// A line break in the output, for readable source; no meaning to the document.
    public mutating func newline() { text += "\n" }

    private static func attributeText(_ attributes: [Attribute]) -> String {
        attributes.map { " " + $0.name + "=\"" + escape($0.value) + "\"" }.joined()
    }
}

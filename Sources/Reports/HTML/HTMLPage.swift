import SVGCharts

/// A self-contained report page: one HTML5 file with inline CSS and inline SVG charts, no
/// scripts and no external assets, that is also well-formed XML (every element closed, text and
/// attributes escaped), so it opens offline, prints cleanly and can be checked with an XML parser.
///
/// The page has a header (title and introduction), a table of contents linking to every section,
/// the sections, and an optional footer.
///
/// ```swift
/// var page = HTMLPage(title: "Foresight report", introduction: "China's MICs toward 40 by 2025.")
/// page.sections.append(HTMLSection(id: "summary", heading: "Summary", blocks: [
///     .keyFigures([KeyFigure(label: "P(40 by end of 2025)", value: "62%")]),
///     .chart(fanChart, caption: "Observed counts and projection"),
///     .table(comparisonTable),
/// ]))
/// try OutputTarget(outputFolder + "/index.html").write(page.render())
/// ```
public struct HTMLPage: Sendable {
    public var title: String
    /// A paragraph under the title.
    public var introduction: String?
    /// The sections in order; each is listed in the table of contents.
    public var sections: [HTMLSection]
    /// A line at the bottom of the page (e.g. the program version and the date of the run).
    public var footer: String?

    public init(title: String, introduction: String? = nil, sections: [HTMLSection] = [], footer: String? = nil) {
        self.title = title
        self.introduction = introduction
        self.sections = sections
        self.footer = footer
    }

    /// The page: `<!DOCTYPE html>` and the `<html>` element, with a trailing line break.
    public func render() -> String {
        var m = Markup()
        m.element("html", [("lang", "en")]) { html in
            html.newline()
            html.element("head") { head in
                head.leaf("meta", [("charset", "utf-8")])
                head.leaf("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])
                head.element("title", text: title)
                // The style sheet holds no `<` or `&`, so it reads the same as HTML and as XML.
                head.element("style") { style in style.append(markup: HTMLStyle.css) }
            }
            html.newline()
            html.element("body") { body in
                body.element("header") { header in
                    header.element("h1", text: title)
                    if let introduction { header.element("p", [("class", "lead")], text: introduction) }
                }
                body.newline()
                if !sections.isEmpty {
                    body.element("nav", [("class", "toc"), ("aria-label", "Contents")]) { nav in
                        nav.element("p", [("class", "toc-title")], text: "Contents")
                        nav.element("ol") { list in
                            for section in sections {
                                list.element("li") { item in item.element("a", [("href", "#" + section.id)], text: section.heading) }
                            }
                        }
                    }
                }
                body.element("main") { main in
                    for section in sections {
                        main.newline()
                        section.render(into: &main)
                    }
                }
                body.newline()
                if let footer { body.element("footer", text: footer) }
            }
            html.newline()
        }
        return "<!DOCTYPE html>\n" + m.text + "\n"
    }
}

/// A section of an ``HTMLPage``: a heading with an id (the target of its entry in the table of
/// contents) and its content.
public struct HTMLSection: Sendable {
    /// The element id: unique in the page, letters, digits, `-` and `_` (other characters become `-`).
    public var id: String
    public var heading: String
    public var blocks: [HTMLBlock]

    public init(id: String, heading: String, blocks: [HTMLBlock] = []) {
        self.id = String(id.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" })
        if self.id.first.map({ !$0.isLetter }) ?? true { self.id = "s-" + self.id }
        self.heading = heading
        self.blocks = blocks
    }

    func render(into markup: inout Markup) {
        markup.element("section", [("id", id), ("aria-labelledby", id + "-heading")]) { section in
            section.element("h2", [("id", id + "-heading")], text: heading)
            for block in blocks {
                section.newline()
                block.render(into: &section)
            }
        }
    }
}

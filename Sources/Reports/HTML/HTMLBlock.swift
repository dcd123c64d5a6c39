import SVGCharts

/// One piece of content in a section of an ``HTMLPage``.
public enum HTMLBlock: Sendable {
    /// A paragraph of text.
    case paragraph(String)
    /// A sub-heading (`<h3>`).
    case heading(String)
    /// A table; its title becomes the caption, right-aligned columns are set in tabular figures.
    case table(Table)
    /// A chart as inline SVG in a `<figure>`, with an optional caption: the wide layout and the
    /// narrow one (``Chart/narrowLayout``), of which the style sheet shows one.
    case chart(any Chart, caption: String?)
    /// A box listing problems found (data gaps, failed fits); nothing when the list is empty.
    case problems([String])
    /// A box of warnings (rescaled weights, fallbacks, failed fits) at the top of the page; nothing when the list is empty.
    case warnings([String])
    /// Content folded under a `<details>` element with a one-line summary (closed by default).
    case details(summary: String, blocks: [HTMLBlock])
    /// A bulleted list of text items.
    case list([String])
    /// A paragraph holding one link (to a file beside the page).
    case link(title: String, url: String)
    /// Summary cards with headline numbers.
    case keyFigures([KeyFigure])
    /// The provenance table: one row per dataset with links to its sources.
    case provenance([ProvenanceEntry])
    /// Label/value pairs as a definition list (the reproducibility block: version, seed, hashes).
    case definitions(StatisticsBlock)
    /// Preformatted text such as a command line.
    case code(String)

    /// Writes the block into `markup`.
    func render(into markup: inout Markup) {
        switch self {
        case let .paragraph(text): markup.element("p", text: text)
        case let .heading(text): markup.element("h3", text: text)
        case let .table(table): Self.render(table, into: &markup)
        case let .chart(chart, caption):
            markup.element("figure", [("class", "chart")]) { figure in
                // Both layouts; the style sheet shows the narrow one on small screens.
                figure.append(markup: chart.svg())
                figure.append(markup: chart.narrowLayout.svg())
                if let caption { figure.element("figcaption", text: caption) }
            }
        case let .problems(items):
            guard !items.isEmpty else { return }
            markup.element("aside", [("class", "problems"), ("role", "note")]) { aside in
                aside.element("p", [("class", "problems-title")], text: items.count == 1 ? "1 problem" : "\(items.count) problems")
                aside.element("ul") { list in for item in items { list.element("li", text: item) } }
            }
        case let .warnings(items):
            guard !items.isEmpty else { return }
            markup.element("aside", [("class", "warnings"), ("role", "alert")]) { aside in
                aside.element("p", [("class", "problems-title")], text: items.count == 1 ? "1 warning" : "\(items.count) warnings")
                aside.element("ul") { list in for item in items { list.element("li", text: item) } }
            }
        case let .details(summary, blocks):
            markup.element("details") { details in
                details.element("summary", text: summary)
                for block in blocks { block.render(into: &details) }
            }
        case let .list(items):
            markup.element("ul") { list in for item in items { list.element("li", text: item) } }
        case let .link(title, url):
            markup.element("p") { p in p.element("a", [("href", url)], text: title) }
        case let .keyFigures(figures):
            markup.element("div", [("class", "key-figures")]) { grid in
                for figure in figures {
                    grid.element("div", [("class", "card")]) { card in
                        card.element("p", [("class", "card-label")], text: figure.label)
                        card.element("p", [("class", "card-value")], text: figure.value)
                        if let detail = figure.detail { card.element("p", [("class", "card-detail")], text: detail) }
                    }
                }
            }
        case let .provenance(entries): Self.render(entries, into: &markup)
        case let .definitions(block):
            markup.element("dl", [("class", "definitions")]) { list in
                for line in block.lines {
                    list.element("dt", text: line.label)
                    list.element("dd", text: line.value)
                }
            }
        case let .code(text): markup.element("pre") { pre in pre.element("code", text: text) }
        }
    }

    private static func render(_ table: Table, into markup: inout Markup) {
        let classes = table.columns.map { $0.alignment == .right ? [("class", "num")] : [] }
        markup.element("div", [("class", "table-wrap")]) { wrap in
            wrap.element("table") { t in
                if let title = table.title { t.element("caption", text: title) }
                t.element("thead") { head in
                    head.element("tr") { row in
                        for (column, attributes) in zip(table.columns, classes) { row.element("th", attributes + [("scope", "col")], text: column.title) }
                    }
                }
                t.element("tbody") { body in
                    for cells in table.rows {
                        body.element("tr") { row in for (cell, attributes) in zip(cells, classes) { row.element("td", attributes, text: cell) } }
                    }
                }
            }
        }
    }

    private static func render(_ entries: [ProvenanceEntry], into markup: inout Markup) {
        markup.element("div", [("class", "table-wrap")]) { wrap in
            wrap.element("table", [("class", "provenance")]) { t in
                t.element("thead") { head in
                    head.element("tr") { row in for title in ["dataset", "contents", "sources"] { row.element("th", [("scope", "col")], text: title) } }
                }
                t.element("tbody") { body in
                    for entry in entries {
                        body.element("tr") { row in
                            row.element("td") { cell in cell.element("code", text: entry.dataset) }
                            row.element("td", text: entry.description)
                            row.element("td") { cell in
                                cell.element("ul", [("class", "sources")]) { list in
                                    for link in entry.sources {
                                        list.element("li") { item in
                                            if link.isSafe { item.element("a", [("href", link.url)], text: link.title) } else { item.write("\(link.title) (\(link.url))") }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

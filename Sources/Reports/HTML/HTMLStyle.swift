/// The page's inline style sheet: readable type, dark text on a light background, tables with
/// right-aligned tabular figures, summary cards, a problems box, and print rules (no table of
/// contents, figures, tables and cards not split, folded parts left folded, link targets printed
/// once after the link text).
/// It must hold no `<` and no `&` (see ``HTMLPage/render()``).
enum HTMLStyle {
    static let css = """

        :root { color-scheme: light; }
        body { margin: 0 auto; max-width: 60rem; padding: 1.5rem 1.25rem 3rem; background: #FFFFFF; color: #1A1A1A;
               font: 16px/1.5 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
        h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 0.5rem; }
        h2 { font-size: 1.4rem; margin: 2.5rem 0 0.75rem; padding-bottom: 0.25rem; border-bottom: 2px solid #D9D9D9; }
        h3 { font-size: 1.1rem; margin: 1.75rem 0 0.5rem; }
        p.lead { font-size: 1.1rem; color: #333333; margin-top: 0; }
        a { color: #0B5394; }
        code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.875rem; }
        pre { background: #F4F4F4; border: 1px solid #D9D9D9; border-radius: 4px; padding: 0.75rem; overflow-x: auto; white-space: pre-wrap; }
        nav.toc { background: #F7F7F7; border: 1px solid #E0E0E0; border-radius: 6px; padding: 0.75rem 1.25rem; margin: 1.5rem 0; }
        nav.toc p.toc-title { font-weight: bold; margin: 0 0 0.25rem; }
        nav.toc ol { margin: 0; padding-left: 1.25rem; columns: 2 16rem; }
        figure.chart { margin: 1.25rem 0; }
        figure.chart svg { display: block; width: 100%; height: auto; max-width: 45rem; }
        figure.chart svg.chart-narrow { display: none; max-width: 30rem; }
        @media screen and (max-width: 48rem) {
            figure.chart svg.chart-wide { display: none; }
            figure.chart svg.chart-narrow { display: block; }
        }
        figcaption { font-size: 0.9rem; color: #4D4D4D; margin-top: 0.35rem; }
        .table-wrap { overflow-x: auto; margin: 1rem 0;
                      background: linear-gradient(to right, #FFFFFF 30%, rgba(255, 255, 255, 0)) left center / 2rem 100% no-repeat local,
                                  linear-gradient(to left, #FFFFFF 30%, rgba(255, 255, 255, 0)) right center / 2rem 100% no-repeat local,
                                  radial-gradient(farthest-side at 0 50%, rgba(0, 0, 0, 0.25), rgba(0, 0, 0, 0)) left center / 0.9rem 100% no-repeat scroll,
                                  radial-gradient(farthest-side at 100% 50%, rgba(0, 0, 0, 0.25), rgba(0, 0, 0, 0)) right center / 0.9rem 100% no-repeat scroll; }
        table { border-collapse: collapse; font-size: 0.9rem; }
        caption { text-align: left; font-weight: bold; padding-bottom: 0.4rem; }
        th, td { padding: 0.3rem 0.7rem; border-bottom: 1px solid #E0E0E0; text-align: left; vertical-align: top; }
        thead th { border-bottom: 2px solid #999999; }
        th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        tbody tr:nth-child(even) { background: rgba(0, 0, 0, 0.02); }
        table.provenance ul.sources { margin: 0; padding-left: 1rem; }
        .key-figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 1rem; margin: 1.25rem 0; }
        .card { border: 1px solid #D9D9D9; border-left: 5px solid #0072B2; border-radius: 6px; padding: 0.75rem 1rem; background: #FBFCFE; }
        .card p { margin: 0; }
        .card-label { font-size: 0.875rem; color: #4D4D4D; }
        .card-value { font-size: 1.5rem; font-weight: bold; line-height: 1.3; font-variant-numeric: tabular-nums; overflow-wrap: break-word; }
        .card-detail { font-size: 0.85rem; color: #4D4D4D; }
        aside.problems { border: 1px solid #C43C00; border-left: 5px solid #C43C00; background: #FFF6F0; border-radius: 6px; padding: 0.5rem 1rem; margin: 1rem 0; }
        aside.problems .problems-title { font-weight: bold; margin: 0.25rem 0; }
        aside.warnings li, aside.problems li { font-size: 0.875rem; line-height: 1.4; }
        aside.warnings { border: 1px solid #8A6D00; border-left: 5px solid #8A6D00; background: #FFF9E0; border-radius: 6px; padding: 0.5rem 1rem; margin: 1rem 0; }
        details { border: 1px solid #D9D9D9; border-radius: 6px; padding: 0.35rem 0.8rem; margin: 0.5rem 0; }
        details summary { cursor: pointer; font-weight: bold; }
        dl.definitions { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; font-size: 0.9rem; }
        dl.definitions dt { font-weight: bold; }
        dl.definitions dd { margin: 0; overflow-wrap: anywhere; font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; }
        @media screen and (max-width: 40rem) {
            dl.definitions { grid-template-columns: minmax(0, 1fr); }
            dl.definitions dt { overflow-wrap: anywhere; }
            dl.definitions dd { margin-bottom: 0.4rem; }
        }
        footer { margin-top: 3rem; font-size: 0.85rem; color: #4D4D4D; border-top: 1px solid #E0E0E0; padding-top: 0.75rem; }
        @media print {
            body { max-width: none; padding: 0; font-size: 10.5pt; }
            nav.toc { display: none; }
            h2 { margin-top: 1.5rem; }
            figure, table, .card, .key-figures, aside.problems, aside.warnings, dl.definitions, details { break-inside: avoid; page-break-inside: avoid; }
            figure.chart svg.chart-wide { max-width: 100%; }
            figure.chart svg.chart-narrow { display: none; }
            details { border: none; padding: 0; margin: 0.25rem 0; }
            details summary { font-weight: normal; font-style: italic; color: #4D4D4D; }
            h2, h3 { break-after: avoid; page-break-after: avoid; }
            tbody tr:nth-child(even) { background: none; }
            a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.8em; color: #4D4D4D; overflow-wrap: anywhere; }
        }

        """
}

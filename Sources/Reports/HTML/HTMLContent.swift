import Foundation

/// A headline number for the summary cards at the top of a page.
public struct KeyFigure: Sendable, Equatable {
    /// What the number is, e.g. `P(40 national MICs by end of 2025)`.
    public var label: String
    /// The number as it should read, e.g. `62%`.
    public var value: String
    /// A line of context under the number, e.g. `80% interval 2025-03 to 2026-08`.
    public var detail: String?

    public init(label: String, value: String, detail: String? = nil) {
        self.label = label
        self.value = value
        self.detail = detail
    }
}

/// A hyperlink. Only `http`, `https` and `mailto` addresses and relative ones become links;
/// any other scheme (`javascript:`, `data:`) is shown as text.
public struct Link: Sendable, Equatable {
    public var title: String
    public var url: String

    public init(title: String, url: String) {
        self.title = title
        self.url = url
    }

    /// Whether ``url`` is safe to follow from a report.
    var isSafe: Bool {
        let lower = url.lowercased().trimmingCharacters(in: .whitespaces)
        guard let colon = lower.firstIndex(of: ":") else { return !lower.isEmpty }
        // A colon after a slash, `?` or `#` is part of a relative path, not a scheme.
        if let separator = lower.firstIndex(where: { "/?#".contains($0) }), separator < colon { return true }
        return ["http", "https", "mailto"].contains(String(lower[..<colon]))
    }
}

/// One dataset in the provenance table: what it is and where its values come from.
public struct ProvenanceEntry: Sendable, Equatable {
    /// The dataset's name or file, e.g. `official_center_counts.csv`.
    public var dataset: String
    /// What it holds.
    public var description: String
    /// The sources its values were taken from.
    public var sources: [Link]

    public init(dataset: String, description: String, sources: [Link]) {
        self.dataset = dataset
        self.description = description
        self.sources = sources
    }
}

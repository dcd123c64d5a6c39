/// What every chart has besides its title and data: axis titles, how numbers are written, a
/// further sentence for the description, the natural size and the SVG's id.
///
/// ```swift
/// var options = ChartOptions(yTitle: "Score", id: "scores-program-structure")
/// options.note = "Scores are normalized to 0...1."
/// ```
public struct ChartOptions: Sendable, Equatable {
    public var xTitle: String
    public var yTitle: String
    /// How values (on the value axis, in labels and in the description) are written.
    public var valueFormat: ValueFormat
    /// A further sentence appended to the description.
    public var note: String?
    /// The natural size; `nil` for the chart's default (720 × 420, or taller for many horizontal bars).
    public var size: ChartSize?
    /// The SVG's id, which must be unique in a page; `nil` to derive one from the title.
    public var id: String?
    /// The screen the chart is laid out for (see ``Layout``).
    public var layout: Layout = .wide

    /// The screen a chart is laid out for. Text keeps its size in SVG units, so a chart scaled
    /// down to a phone's width would shrink its text; a page shows the ``narrow`` layout there
    /// instead (see ``Chart/narrowLayout``).
    public enum Layout: Sendable, Equatable {
        /// The natural size (720 units wide, or ``ChartOptions/size``), for pages from about 640 px wide.
        case wide
        /// 360 units wide, for screens about 360–640 px wide, where it is drawn at about its
        /// natural size so that 11-unit text stays at least 11 px.
        case narrow
    }

    public init(xTitle: String = "", yTitle: String = "", valueFormat: ValueFormat = .number, note: String? = nil,
                size: ChartSize? = nil, id: String? = nil) {
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.valueFormat = valueFormat
        self.note = note
        self.size = size
        self.id = id
    }
}

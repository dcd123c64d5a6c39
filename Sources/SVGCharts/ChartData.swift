/// A point of a line or of observed data.
public struct Point: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    var isFinite: Bool { x.isFinite && y.isFinite }
}

/// A named line: points in the order they are drawn.
public struct Series: Sendable, Equatable {
    public var name: String
    public var points: [Point]

    public init(name: String, points: [Point]) {
        self.name = name
        self.points = points
    }

    /// Pairs `x[i]` with `y[i]`; the longer array's extra values are ignored.
    public init(name: String, x: [Double], y: [Double]) {
        self.init(name: name, points: zip(x, y).map { Point(x: $0, y: $1) })
    }
}

/// A name and one value per category: the bars of one series in a ``GroupedBarChart``, or one
/// stacked bar of a ``StackedBarChart`` (a value per segment).
public struct BarSeries: Sendable, Equatable {
    public var name: String
    public var values: [Double]
    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }
}

/// A named uncertainty band: a lower and an upper value per x.
public struct Band: Sendable, Equatable {
    /// The band at one x.
    public struct Slice: Sendable, Equatable {
        public var x: Double
        public var lower: Double
        public var upper: Double
        public init(x: Double, lower: Double, upper: Double) {
            self.x = x
            self.lower = lower
            self.upper = upper
        }

        var isFinite: Bool { x.isFinite && lower.isFinite && upper.isFinite }
    }

    /// The legend name, e.g. `95% band`.
    public var name: String
    public var slices: [Slice]

    public init(name: String, slices: [Slice]) {
        self.name = name
        self.slices = slices
    }

    /// Zips `x`, `lower` and `upper`; extra values of the longer arrays are ignored.
    public init(name: String, x: [Double], lower: [Double], upper: [Double]) {
        self.init(name: name, slices: zip(x, zip(lower, upper)).map { Slice(x: $0, lower: $1.0, upper: $1.1) })
    }
}

/// A labelled reference value: a target count (horizontal line) or a target date (vertical line).
public struct ReferenceLine: Sendable, Equatable {
    public var value: Double
    public var label: String
    public init(value: Double, label: String) {
        self.value = value
        self.label = label
    }
}

/// Data left out of a chart (not finite, or negative where it cannot be), counted for its description.
struct SkippedValues {
    private(set) var count = 0

    /// `values` without the elements for which `isFinite` is false, counting those.
    mutating func finite<T>(_ values: [T], _ isFinite: (T) -> Bool) -> [T] {
        let kept = values.filter(isFinite)
        count += values.count - kept.count
        return kept
    }

    /// `value` if finite, else `nil`, counting it.
    mutating func finite(_ value: Double) -> Double? {
        if value.isFinite { return value }
        count += 1
        return nil
    }

    /// `value` if not negative, else `nil`, counting it.
    mutating func nonNegative(_ value: Double) -> Double? {
        if value >= 0 { return value }
        count += 1
        return nil
    }

    /// The sentence for a chart's description, empty when nothing was skipped.
    var sentence: String {
        switch count {
        case 0: return ""
        case 1: return " 1 missing or invalid value was left out."
        default: return " \(count) missing or invalid values were left out."
        }
    }
}

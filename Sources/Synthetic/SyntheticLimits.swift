/// The largest datasets the generators accept, checked by each spec's `validate()` before
/// anything is allocated.
///
/// Decision matrices and count series are generated whole, so their limits bound the memory:
/// ``maximumValuesInMemory`` doubles, 1 GiB. Growth series are streamed block by block, so
/// their limits bound the memory of one block and of the per-series starts and true parameters
/// kept until the end, and the total length of the file.
public enum SyntheticLimits {
    /// Values a generator holds at once: 2²⁷ doubles, 1 GiB.
    public static let maximumValuesInMemory = 1 << 27
    /// Growth series in one dataset: 2²⁴ (16,777,216; their starts and true parameters take
    /// at most 1 GiB).
    public static let maximumGrowthSeries = 1 << 24
    /// Points of one growth series: 2¹⁶ (65,536).
    public static let maximumPoints = 1 << 16
    /// Points of all growth series together: 2³⁴ (about 1.7·10¹⁰, some 400 GB of CSV).
    public static let maximumTotalPoints = 1 << 34
    /// Values of one streamed block of growth series: 2²² (32 MiB).
    public static let maximumBlockValues = 1 << 22
    /// SMAA weight draws a decision-matrix file may record for its benchmark: 10⁸, the
    /// scorecard limit.
    public static let maximumDraws = 100_000_000

    /// How many series of `points` points the writers generate per block: at most `preferred`,
    /// and at most ``maximumBlockValues`` values, but always one.
    static func blockSeries(points: Int, preferred: Int) -> Int {
        max(1, min(preferred, maximumBlockValues / max(points, 1)))
    }

    /// `a · b` when it is at most `limit`, `nil` when larger (or when the product overflows).
    static func product(_ a: Int, _ b: Int, atMost limit: Int) -> Int? {
        let (value, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow || value > limit ? nil : value
    }
}

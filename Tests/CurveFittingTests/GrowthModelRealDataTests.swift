import CurveFitting
import Testing

/// China's national Manufacturing Innovation Centers, cumulative count.
///
/// The rows of `official_center_counts.csv` (project data, `shared/data/`) with program
/// `China MICs` and a `count_type` starting with `national, cumulative`, copied here so that the
/// tests do not read shared files. Dates are decimal years: `YYYY-MM-DD` is the start of that day,
/// `year + (day of year − 1)/days in year`; a month without a day (`2018-06`) is its midpoint.
@Suite("Growth models on China's manufacturing innovation centers")
struct GrowthModelRealDataTests {
    static let years: [Double] = [
        2016.4945, 2017.1890, 2017.9068, 2018.0795, 2018.4548, 2019.0425, 2019.3712, 2019.4795,
        2020.8743, 2023.9575, 2024.2063, 2024.5273, 2024.7077, 2025.4932, 2025.6877,
    ]
    static let centers: [Double] = [1, 1, 3, 5, 7, 10, 12, 13, 17, 29, 29, 30, 30, 33, 33]

    /// The saturating models start finite, with a positive asymptote near or above the last count
    /// (the least-squares logistic's is 32.55, below the last count of 33).
    /// Gompertz measures time from 2015, the year of the program's plan (its default origin
    /// overflows on calendar years, as tested with the errors).
    @Test(
        "saturating self-starts are finite and not below the last count",
        arguments: [LogisticGrowth(), GompertzGrowth(origin: 2015), RichardsGrowth()] as [any SelfStartingModel])
    func saturatingStarts(_ model: any SelfStartingModel) throws {
        let start = try model.initialParameters(x: Self.years, y: Self.centers)
        #expect(start.allSatisfy { $0.isFinite }, "\(start)")
        let asymptote = start[0]
        #expect(asymptote > 0 && asymptote >= 0.95 * (Self.centers.max() ?? .infinity), "\(model.name): \(start)")
    }

    /// The starts explain most of the variation: the count grows steadily, so a sensible curve
    /// leaves little of it.
    @Test(
        "saturating self-starts fit the counts",
        arguments: [LogisticGrowth(), GompertzGrowth(origin: 2015), RichardsGrowth(), BassDiffusion(origin: 2015)]
            as [any SelfStartingModel])
    func startsFit(_ model: any SelfStartingModel) throws {
        let start = try model.initialParameters(x: Self.years, y: Self.centers)
        let rss = GrowthModelTestSupport.residualSumOfSquares(model, x: Self.years, y: Self.centers, parameters: start)
        #expect(rss < 0.05 * GrowthModelTestSupport.totalSumOfSquares(Self.centers), "\(model.name): \(start)")
    }
}

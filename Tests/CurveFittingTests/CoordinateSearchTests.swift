import Testing

@testable import CurveFitting

/// The self-starts' box search survives a start that is not a number (a degenerate regression
/// start, e.g. the logarithm of a negative rate: a Bass self-start on some count series used
/// to trap on `0...NaN`).
@Suite("Self-start coordinate search")
struct CoordinateSearchTests {
    @Test func nonFiniteStartBeginsAtTheMiddleOfTheBox() throws {
        let search = GrowthSelfStart.CoordinateSearch(lowerBounds: [-4, -4], upperBounds: [4, 4])
        // A bowl with its minimum at (1, −2).
        let objective = { (point: [Double]) -> GrowthSelfStart.Candidate? in
            GrowthSelfStart.Candidate(parameters: point, residualSumOfSquares: (point[0] - 1) * (point[0] - 1) + (point[1] + 2) * (point[1] + 2))
        }
        for start in [[Double.nan, .nan], [.nan, 0.5], [.infinity, -.infinity]] {
            let minimum = try #require(search.minimize(from: start, objective))
            #expect(abs(minimum.point[0] - 1) < 1e-3 && abs(minimum.point[1] + 2) < 1e-3, "from \(start): \(minimum.point)")
        }
    }
}

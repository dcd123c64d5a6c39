import Testing

@testable import Reports

/// The scores chart never hides a non-zero score as a zero-length bar, keeps ratios where it
/// rescales, and says what it did in the group label.
@Suite("Scores chart scaling")
struct ScoreChartScalingTests {
    @Test func nonNegativeBenefitScoresAreDividedByTheBest() {
        let (label, values) = ReportCharts.scaledScores([0.3030, 0.3125, 0.3845], method: "ahp", higherIsBetter: true)
        #expect(label == "ahp ÷ best")
        #expect(values.max() == 1)
        #expect(values.allSatisfy { $0 > 0 }, "a 0.009 gap between AHP priorities stays a small difference, not a zero bar")
        #expect(abs(values[0] / values[1] - 0.3030 / 0.3125) < 1e-15, "ratios are kept")
    }

    @Test func costAndSignedScoresAreDrawnAsTheyAre() {
        let vikor = ReportCharts.scaledScores([0.5, 0, 0.1062], method: "vikor", higherIsBetter: false)
        #expect(vikor.label == "vikor (0 best)" && vikor.values == [0.5, 0, 0.1062])
        let promethee = ReportCharts.scaledScores([-0.2367, 0.1284, 0.1083], method: "promethee2", higherIsBetter: true)
        #expect(promethee.label == "promethee2 (raw)" && promethee.values == [-0.2367, 0.1284, 0.1083])
    }

    @Test(arguments: [[0.0, 0.0, 0.0], [1e-300, 2e-300], [5, 0, 7], [0.2888, 0.5781, 0.5167]])
    func noNonZeroScoreBecomesAZeroBar(scores: [Double]) {
        for higherIsBetter in [true, false] {
            let (_, values) = ReportCharts.scaledScores(scores, method: "m", higherIsBetter: higherIsBetter)
            for (score, value) in zip(scores, values) { #expect((score == 0) == (value == 0), "\(score) → \(value)") }
        }
    }
}

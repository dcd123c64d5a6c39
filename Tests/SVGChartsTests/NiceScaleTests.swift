import Testing

@testable import SVGCharts

/// Expected ticks are R's: `Rscript -e 'pretty(c(lo, hi))'` with R 4.2.2 (Debian's r-base-core),
/// printed with `format(pretty(r), digits = 17)`.
@Suite("Nice scale (R pretty)")
struct NiceScaleTests {
    private func expectTicks(_ lo: Double, _ hi: Double, _ expected: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
        let ticks = NiceScale(from: lo, to: hi).ticks
        #expect(ticks.count == expected.count, "pretty(c(\(lo), \(hi)))", sourceLocation: sourceLocation)
        for (tick, value) in zip(ticks, expected) {
            #expect(abs(tick - value) <= 1e-12 * max(1, abs(value)) || abs(tick - value) <= 1e-24,
                    "\(tick) vs \(value) in pretty(c(\(lo), \(hi)))", sourceLocation: sourceLocation)
        }
    }

    @Test func ordinaryRanges() {
        expectTicks(1.3, 47, [0, 10, 20, 30, 40, 50])
        expectTicks(0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1])
        expectTicks(0, 0.97, [0, 0.2, 0.4, 0.6, 0.8, 1])
        expectTicks(0, 40, [0, 10, 20, 30, 40])
        expectTicks(0, 33, [0, 5, 10, 15, 20, 25, 30, 35])
        expectTicks(2015, 2030, [2015, 2020, 2025, 2030])
    }

    @Test func negativeRanges() {
        expectTicks(-3.7, 2.2, [-4, -3, -2, -1, 0, 1, 2, 3])
        expectTicks(-250, -10, [-250, -200, -150, -100, -50, 0])
        expectTicks(-1e-3, 0, [-0.001, -0.0008, -0.0006, -0.0004, -0.0002, 0])
    }

    @Test func tinyAndHugeRanges() {
        expectTicks(1e-9, 3.2e-9, [1e-9, 1.5e-9, 2e-9, 2.5e-9, 3e-9, 3.5e-9])
        expectTicks(0, 4.7e12, [0, 1e12, 2e12, 3e12, 4e12, 5e12])
    }

    @Test func zeroWidthRanges() {
        expectTicks(0, 0, [-1, 0])
        expectTicks(5, 5, [0, 5])
        expectTicks(0.5, 0.5, [0, 0.5])
        expectTicks(12345, 12345, [12000, 13000])
    }

    @Test func endsInEitherOrderAndStepIsTheTickSpacing() {
        let scale = NiceScale(from: 47, to: 1.3)
        #expect(scale.ticks == [0, 10, 20, 30, 40, 50])
        #expect(scale.step == 10)
        #expect(scale.lower == 0 && scale.upper == 50)
    }

    @Test func nonFiniteEndsGiveTheUnitScale() {
        #expect(NiceScale(from: .nan, to: 3).ticks == NiceScale(from: 0, to: 1).ticks)
        #expect(NiceScale(from: 0, to: .infinity).ticks == NiceScale(from: 0, to: 1).ticks)
    }

    @Test func extremeMagnitudesStayFinite() {
        for (lo, hi) in [(-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude), (0, Double.leastNonzeroMagnitude),
                         (1e308, 1.7e308)] {
            let ticks = NiceScale(from: lo, to: hi).ticks
            #expect(!ticks.isEmpty && ticks.allSatisfy(\.isFinite))
            #expect((ticks.first ?? .nan) <= lo && (ticks.last ?? .nan) >= hi)
        }
    }
}

import Testing

@testable import SVGCharts

@Suite("Value format")
struct ValueFormatTests {
    @Test func decimalsFollowTheStep() {
        #expect(Tick.values(NiceScale(from: 0, to: 1), format: .number).map(\.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        #expect(ValueFormat.number.format(0.5, step: 0.25) == "0.50")
        #expect(ValueFormat.number.format(40, step: 10) == "40")
        #expect(ValueFormat.decimals(forStep: 0.0002) == 4)
        #expect(ValueFormat.decimals(forStep: 5) == 0)
    }

    @Test func thousandsAreGrouped() {
        #expect(ValueFormat.number.format(1250, step: 250) == "1,250")
        #expect(ValueFormat.number.format(-1_234_567.5, step: 0.5) == "-1,234,567.5")
        #expect(ValueFormat.number.format(999, step: 1) == "999")
    }

    @Test func percentages() {
        #expect(Tick.values(NiceScale(from: 0, to: 1), format: .percent).map(\.label) == ["0%", "20%", "40%", "60%", "80%", "100%"])
        #expect(ValueFormat.percent.format(0.125, step: 0.005) == "12.5%")
    }

    @Test func hugeAndTinyMagnitudesAreScientific() {
        #expect(Tick.values(NiceScale(from: 0, to: 4.7e12), format: .number).map(\.label) == ["0", "1e12", "2e12", "3e12", "4e12", "5e12"])
        #expect(Tick.values(NiceScale(from: 1e-9, to: 3.2e-9), format: .number).map(\.label)
                == ["1.0e-9", "1.5e-9", "2.0e-9", "2.5e-9", "3.0e-9", "3.5e-9"])
    }

    @Test func negativeZeroAndNonFinite() {
        #expect(ValueFormat.number.format(-0.0001, step: 0.1) == "0.0")
        #expect(ValueFormat.number.format(.nan, step: 1) == "NaN")
        #expect(ValueFormat.number.format(-.infinity, step: 1) == "-Inf")
    }

    @Test func significantDigitsWithoutTrailingZeros() {
        #expect(ValueFormat.number.format(0.72, significantDigits: 3) == "0.72")
        #expect(ValueFormat.number.format(43.21, significantDigits: 3) == "43.2")
        #expect(ValueFormat.number.format(30, significantDigits: 3) == "30")
        #expect(ValueFormat.number.format(12_345, significantDigits: 3) == "12,300")
        #expect(ValueFormat.percent.format(0.71, significantDigits: 3) == "71%")
        #expect(ValueFormat.percent.format(0.04123, significantDigits: 2) == "4.1%")
    }
}

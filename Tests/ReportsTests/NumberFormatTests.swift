import Testing

@testable import Reports

@Suite("NumberFormat")
struct NumberFormatTests {
    @Test func specialValuesPrintAsR() {
        #expect(NumberFormat.significant(nil) == "NA")
        #expect(NumberFormat.significant(.infinity) == "Inf")
        #expect(NumberFormat.significant(-.infinity) == "-Inf")
        #expect(NumberFormat.significant(.nan) == "NaN")
        #expect(NumberFormat.significant(-.nan) == "NaN")
        #expect(NumberFormat.significant(.signalingNaN) == "NaN")
    }

    @Test func significantDigits() {
        #expect(NumberFormat.significant(3.14159265358979, digits: 3) == "3.14")
        #expect(NumberFormat.significant(2.04, digits: 10) == "2.04")
        #expect(NumberFormat.significant(1234567, digits: 3) == "1.23e+06")
        #expect(NumberFormat.significant(0.000012345, digits: 2) == "1.2e-05")
        #expect(NumberFormat.significant(-0.05) == "-0.05")
        #expect(NumberFormat.significant(0) == "0")
        #expect(NumberFormat.significant(100) == "100")
        #expect(NumberFormat.significant(.greatestFiniteMagnitude, digits: 4) == "1.798e+308")
        #expect(NumberFormat.significant(.leastNonzeroMagnitude, digits: 2) == "4.9e-324")
        #expect(NumberFormat.significant(238.94212914345746, digits: 10) == "238.9421291")
    }

    @Test func fixedDecimals() {
        #expect(NumberFormat.fixed(nil, decimals: 1) == "NA")
        #expect(NumberFormat.fixed(11, decimals: 1) == "11.0")
        #expect(NumberFormat.fixed(9.781205, decimals: 1) == "9.8")
        #expect(NumberFormat.fixed(-2.25, decimals: 3) == "-2.250")
        #expect(NumberFormat.fixed(.infinity, decimals: 1) == "Inf")
        #expect(NumberFormat.fixed(-.infinity, decimals: 1) == "-Inf")
        #expect(NumberFormat.fixed(.nan, decimals: 2) == "NaN")
    }

    @Test func pValues() {
        #expect(NumberFormat.pValue(nil) == "NA")
        #expect(NumberFormat.pValue(0) == "< 2.2e-16")
        #expect(NumberFormat.pValue(1e-17) == "< 2.2e-16")
        #expect(NumberFormat.pValue(Double.ulpOfOne / 2) == "< 2.2e-16")
        #expect(NumberFormat.pValue(1e-10) == "1e-10")
        #expect(NumberFormat.pValue(0.0010077019762407703) == "0.001008")
        #expect(NumberFormat.pValue(0.8046338337088591) == "0.8046")
        #expect(NumberFormat.pValue(1) == "1")
        #expect(NumberFormat.pValue(.nan) == "NaN")
    }
}

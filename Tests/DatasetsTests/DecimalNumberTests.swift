import Foundation
import Testing

@testable import Datasets

@Suite("DecimalNumber")
struct DecimalNumberTests {
    @Test(arguments: [
        "0", "-0", "0.1", "+0.1", "1e22", "1e23", "1e-22", "1e-23", "9007199254740992", "9007199254740993",
        "123456789012345678", "1234567890123456789012", "0.000000000000000", "-0.358191792925910E-01",
        "2.2250738585072014e-308", "4.9e-324", "1e-400", "1.7976931348623157e308", "3.141592653589793238462643383279E0",
        "0.30000000000000004", "1.00000000000000", ".11019", "760.", "16.08E0",
    ])
    func agreesWithDoubleParsing(text: String) {
        #expect(DecimalNumber.read(text) == .number(Double(text)!))
    }

    @Test func fastPathIsCorrectlyRounded() {
        var random = SplitMix64(seed: 2024)
        for _ in 0..<20_000 {
            let digits = 1 + Int(random.next() % 17)
            var text = random.next() % 2 == 0 ? "-" : ""
            let mantissa = (0..<digits).map { _ in String(random.next() % 10) }
            let point = Int(random.next() % UInt64(digits + 1))
            text += mantissa[..<point].joined() + "." + mantissa[point...].joined()
            if random.next() % 2 == 0 { text += "e\(Int(random.next() % 61) - 30)" }
            #expect(DecimalNumber.read(text) == .number(Double(text)!), "\(text)")
        }
    }

    @Test func classifiesWhatIsNotANumber() {
        #expect(DecimalNumber.read("") == .empty)
        #expect(DecimalNumber.read(" \t ") == .empty)
        #expect(DecimalNumber.read("Infinity") == .notFinite)
        #expect(DecimalNumber.read("-inf") == .notFinite)
        #expect(DecimalNumber.read("1e400") == .notFinite)
        #expect(DecimalNumber.read("0x1p3") == .invalid)
        #expect(DecimalNumber.read("1_000") == .invalid)
        #expect(DecimalNumber.read(".") == .invalid)
        #expect(DecimalNumber.read("+") == .invalid)
        #expect(DecimalNumber.read("1 2") == .invalid)
        #expect(DecimalNumber.read("١٢") == .invalid)
    }
}

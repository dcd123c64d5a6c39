import Foundation
import Testing

@testable import Reports

@Suite("JSONOutput")
struct JSONOutputTests {
    struct Sample: Encodable {
        @FiniteOrNull var someValue: Double?
        @FiniteOrNull var notANumber: Double?
        @FiniteOrNull var plusInfinity: Double?
        @FiniteOrNull var minusInfinity: Double?
        @FiniteOrNull var missing: Double?
        let zLast: Int
        let aFirst: String
    }

    private func decode(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func nonFiniteNumbersAreNull() throws {
        let text = try JSONOutput.render(Sample(someValue: 1.5, notANumber: .nan, plusInfinity: .infinity,
                                                minusInfinity: -.infinity, missing: nil, zLast: 3, aFirst: "a/b"))
        let object = try decode(text)
        #expect((object["some_value"] as? NSNumber)?.doubleValue == 1.5)
        for key in ["not_a_number", "plus_infinity", "minus_infinity", "missing"] {
            #expect(object[key] is NSNull, "\(key) should be null: \(text)")
        }
        #expect(object["z_last"] as? Int == 3)
        #expect(object["a_first"] as? String == "a/b")
    }

    @Test func keysAreSnakeCaseSortedAndOutputEndsWithNewline() throws {
        let text = try JSONOutput.render(Sample(someValue: 2, notANumber: nil, plusInfinity: nil, minusInfinity: nil,
                                                missing: nil, zLast: 1, aFirst: "x/y"))
        #expect(text.hasSuffix("}\n"))
        #expect(text.contains("\"x/y\""), "slashes are not escaped")
        let keys = ["a_first", "minus_infinity", "missing", "not_a_number", "plus_infinity", "some_value", "z_last"]
        let positions = keys.map { text.range(of: "\"\($0)\"")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil }, "\(text)")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "keys are sorted: \(text)")
    }

    @Test func extremeFiniteValuesRoundTrip() throws {
        struct Values: Encodable {
            @FiniteOrNull var big: Double?
            @FiniteOrNull var tiny: Double?
            @FiniteOrNull var negativeZero: Double?
            @FiniteOrNull var third: Double?
        }
        let text = try JSONOutput.render(Values(big: .greatestFiniteMagnitude, tiny: .leastNonzeroMagnitude,
                                                negativeZero: -0.0, third: 1.0 / 3))
        let object = try decode(text)
        #expect((object["big"] as? NSNumber)?.doubleValue == .greatestFiniteMagnitude)
        #expect((object["tiny"] as? NSNumber)?.doubleValue == .leastNonzeroMagnitude)
        #expect((object["negative_zero"] as? NSNumber)?.doubleValue == 0)
        #expect((object["third"] as? NSNumber)?.doubleValue == 1.0 / 3)
    }

    @Test func finiteOrNullEquality() {
        #expect(FiniteOrNull(wrappedValue: 1) == FiniteOrNull(wrappedValue: 1))
        #expect(FiniteOrNull(wrappedValue: nil) != FiniteOrNull(wrappedValue: 0))
    }
}

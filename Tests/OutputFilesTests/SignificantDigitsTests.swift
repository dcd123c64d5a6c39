import Foundation
import Testing

@testable import OutputFiles

/// ``SignificantDigits`` gives the bytes of C's `%.<n>g` (`String(format:)`), and its 17-digit
/// output reads back to the same `Double`. The normal run checks 200,000 values at each of
/// several precisions; `FORESIGHT_FLOAT_CASES=10000000 swift test --filter SignificantDigits` more.
@Suite("Significant digits")
struct SignificantDigitsTests {
    static var caseCount: Int {
        ProcessInfo.processInfo.environment["FORESIGHT_FLOAT_CASES"].flatMap(Int.init) ?? 200_000
    }

    /// Random doubles of every magnitude, and "round" decimals, which take the exact branch.
    static func values(seed: UInt64) -> [Double] {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return (0..<caseCount).map { index in
            switch index % 3 {
            case 0: Double(bitPattern: next() & ~(0x7FF << 52) | (UInt64(1023 + Int(next() % 120) - 60) << 52))
            case 1: Double(Int64(bitPattern: next()) % 10_000_000) / [1, 10, 1000, 1e6, 1e-3][Int(next() % 5)]
            default: Double(bitPattern: next())
            }
        }
    }

    @Test(arguments: [12, 8, 6, 4, 17, 1])
    func matchesPrintfG(digits: Int) {
        var mismatches = 0
        for value in Self.values(seed: UInt64(digits)) {
            let expected = value.isNaN ? "NaN" : value.isInfinite ? (value > 0 ? "Inf" : "-Inf")
                : String(format: "%.\(digits)g", value == 0 ? 0 : value)
            let written = SignificantDigits.string(value, digits: digits)
            if written != expected {
                mismatches += 1
                if mismatches <= 10 { Issue.record("\(value.bitPattern): \(written) instead of \(expected)") }
            }
        }
        #expect(mismatches == 0)
    }

    @Test func seventeenDigitsRoundTrip() {
        for value in Self.values(seed: 99) where value.isFinite {
            #expect(Double(SignificantDigits.string(value, digits: 17)) == (value == 0 ? 0 : value))
        }
    }

    @Test(arguments: [
        (0.5, 1, "0.5"), (0.15, 1, "0.1"), (0.25, 1, "0.2"), (2.5, 1, "2"), (9.9999999999995, 12, "10"), (9.9999999999949, 12, "9.99999999999"),
        (999_999_999_999.5, 12, "1e+12"), (1e-5, 12, "1e-05"), (0.0001, 12, "0.0001"), (123456789012345.0, 12, "1.23456789012e+14"),
        (-0.0, 12, "0"), (5e-324, 12, "4.94065645841e-324"), (1.7976931348623157e308, 8, "1.7976931e+308"), (100, 12, "100"),
    ])
    func knownCases(value: Double, digits: Int, expected: String) {
        #expect(SignificantDigits.string(value, digits: digits) == expected)
    }
}

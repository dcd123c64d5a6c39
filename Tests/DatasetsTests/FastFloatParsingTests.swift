import Foundation
import Testing

@testable import Datasets

/// ``DecimalNumber`` (Clinger's fast path, then ``EiselLemire``, then `Double(String)`) against the
/// C library's `strtod` on random and edge-case decimal strings. The normal run checks 200,000
/// strings; `FORESIGHT_FLOAT_CASES=10000000 swift test --filter FastFloatParsing` checks more.
@Suite("Fast float parsing")
struct FastFloatParsingTests {
    static var caseCount: Int {
        ProcessInfo.processInfo.environment["FORESIGHT_FLOAT_CASES"].flatMap(Int.init) ?? 200_000
    }

    /// The value `strtod` gives for `bytes`, the reference.
    static func reference(_ bytes: [UInt8]) -> Double {
        var terminated = bytes.map { CChar(bitPattern: $0) }
        terminated.append(0)
        return strtod(terminated, nil)
    }

    static func expectAgreement(_ bytes: [UInt8], _ mismatches: inout Int) {
        let expected = reference(bytes)
        let reading = bytes.withUnsafeBufferPointer { DecimalNumber.read($0) }
        let agrees = switch reading {
        case .number(let value): value.bitPattern == expected.bitPattern
        case .notFinite: expected.isInfinite
        default: false
        }
        if !agrees {
            mismatches += 1
            if mismatches <= 10 {
                Issue.record("\(String(decoding: bytes, as: UTF8.self)): read \(reading), strtod \(expected)")
            }
        }
    }

    @Test func randomDecimalStringsAgreeWithStrtod() {
        var random = SplitMix64(seed: 14)
        var mismatches = 0
        var text: [UInt8] = []
        for _ in 0..<Self.caseCount {
            text.removeAll(keepingCapacity: true)
            if random.next() % 2 == 0 { text.append(UInt8(ascii: "-")) }
            // Mostly up to 19 significant digits (the Eisel–Lemire range), sometimes more.
            let digitCount = random.next() % 8 == 0 ? 1 + Int(random.next() % 30) : 1 + Int(random.next() % 19)
            let point = Int(random.next() % UInt64(digitCount + 1))
            for index in 0..<digitCount {
                if index == point { text.append(UInt8(ascii: ".")) }
                text.append(UInt8(ascii: "0") + UInt8(random.next() % 10))
            }
            if point == digitCount { text.append(UInt8(ascii: "0")) }
            if random.next() % 4 != 0 {
                text.append(UInt8(ascii: "e"))
                text.append(contentsOf: String(Int(random.next() % 700) - 360).utf8)
            }
            Self.expectAgreement(text, &mismatches)
        }
        #expect(mismatches == 0)
    }

    @Test func randomDoublesAtEveryPrecisionAgreeWithStrtod() {
        var random = SplitMix64(seed: 15)
        var mismatches = 0
        for _ in 0..<(Self.caseCount / 4) {
            let value = Double(bitPattern: random.next() & ~(1 << 63 as UInt64))
            guard value.isFinite else { continue }
            // Shortest digits, 17 digits, and a truncation to fewer digits (near-halfway cases).
            let shortest = Array(value.description.utf8)
            Self.expectAgreement(shortest, &mismatches)
            let full = Array(String(format: "%.16e", value).utf8)
            Self.expectAgreement(full, &mismatches)
            let digits = 1 + Int(random.next() % 19)
            Self.expectAgreement(Array(String(format: "%.\(digits)e", value).utf8), &mismatches)
            // A halfway point between two doubles, written to 19 digits and a few more.
            let next = value.nextUp
            if next.isFinite {
                let halfway = String(format: "%.25e", value / 2 + next / 2)
                Self.expectAgreement(Array(halfway.utf8), &mismatches)
            }
        }
        #expect(mismatches == 0)
    }

    @Test(arguments: [
        "2.2250738585072011e-308", "2.2250738585072012e-308", "4.9406564584124654e-324", "2.4703282292062327e-324",
        "2.4703282292062328e-324", "1.7976931348623158e308", "1.7976931348623159e308", "9007199254740993",
        "9007199254740992.5", "1e23", "8.988465674311579e307", "1.4e-45", "123456789012345678e-400",
        "7.2057594037927933e16", "1090544144181609348671888949248", "9999999999999999999e-342", "1e-343",
        "0.0000000000000000000000000000000000000000000000000000001e400", "3.0e-44", "2.225073858507201136057409796709131975934819546351645648e-308",
    ])
    func edgeCasesAgreeWithStrtod(text: String) {
        var mismatches = 0
        Self.expectAgreement(Array(text.utf8), &mismatches)
        #expect(mismatches == 0)
    }

    @Test func powerTableMatchesKnownEntries() {
        // fast_float's table: 5^0 and 5^-1 (truncated reciprocal plus one), and 5^308.
        let table = EiselLemire.powersOfFive
        let zero = table[-EiselLemire.smallestPowerOfTen]
        #expect(zero.high == 0x8000_0000_0000_0000 && zero.low == 0)
        let minusOne = table[-EiselLemire.smallestPowerOfTen - 1]
        #expect(minusOne.high == 0xCCCC_CCCC_CCCC_CCCC && minusOne.low == 0xCCCC_CCCC_CCCC_CCCD)
        let first = table[0]
        #expect(first.high == 0xEEF4_53D6_923B_D65A && first.low == 0x113F_AA29_06A1_3B3F)
    }
}

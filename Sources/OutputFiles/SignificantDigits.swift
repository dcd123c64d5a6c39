#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// C's `%.<digits>g` of a `Double`, written into a byte buffer without Foundation: the same bytes
/// as `String(format: "%.12g", x)`, several times faster.
///
/// The digits come from Swift's shortest round-trip representation (`description`, exact). For a
/// normal value and at most 15 digits, when it has at most `digits` significant digits it is the
/// correctly rounded result (it lies within ½ ulp, far less than half a unit of the 15th digit). Otherwise it is
/// rounded to `digits`, which agrees with rounding the exact binary value unless the dropped digits
/// lie within 7 units of their last place of a halfway point (the exact value is within ½ ulp of
/// the shortest digits, and one of their units exceeds 0.075 ulp); those rare values, subnormals and
/// precisions of 16 or 17 digits are formatted by the C library's `vsnprintf`. Non-finite values are `NaN`, `Inf` and `-Inf` as R prints them,
/// and `-0` is `0`.
public enum SignificantDigits {
    /// Appends `value` as `%.<digits>g` (`digits` in 1…17) to `buffer`.
    public static func append(_ value: Double, digits: Int, to buffer: inout [UInt8]) {
        precondition(digits >= 1 && digits <= 17, "significant digits must lie in 1…17")
        if value.isNaN { return buffer.append(contentsOf: "NaN".utf8) }
        if value.isInfinite { return buffer.append(contentsOf: (value > 0 ? "Inf" : "-Inf").utf8) }
        if value == 0 { return buffer.append(UInt8(ascii: "0")) }
        // From 16 digits on, and for subnormals, the shortest digits can differ from the exact
        // value's within the requested precision.
        guard digits <= 15, value.magnitude >= Double.leastNormalMagnitude else {
            return appendFromC(value, digits: digits, to: &buffer)
        }
        var shortest = DecimalDigits(shortestOf: value.magnitude)
        guard shortest.round(toDigits: digits) else { return appendFromC(value, digits: digits, to: &buffer) }
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        shortest.appendG(precision: digits, to: &buffer)
    }

    /// `value` as `%.<digits>g` text.
    public static func string(_ value: Double, digits: Int) -> String {
        var buffer: [UInt8] = []
        append(value, digits: digits, to: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    private static func appendFromC(_ value: Double, digits: Int, to buffer: inout [UInt8]) {
        var text = [CChar](repeating: 0, count: 40)
        let count = withVaList([Int32(digits), value]) { arguments in
            text.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, 40, "%.*g", arguments) }
        }
        buffer.append(contentsOf: text.prefix(Int(count)).map { UInt8(bitPattern: $0) })
    }

    /// A positive decimal `0.d₁d₂… × 10^(exponent + 1)`: digits without leading or trailing zeros,
    /// `exponent` the power of ten of the first digit.
    private struct DecimalDigits {
        var digits: [UInt8] = []
        var exponent = 0

        init(shortestOf value: Double) {
            var beforePoint = 0
            var seenPoint = false
            var written = 0
            var exponentSign = 1
            var inExponent = false
            var leadingZeros = 0
            for byte in value.description.utf8 {
                switch byte {
                case UInt8(ascii: "."): seenPoint = true
                case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
                case UInt8(ascii: "-") where inExponent: exponentSign = -1
                case UInt8(ascii: "+"): break
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    let digit = byte - UInt8(ascii: "0")
                    if inExponent {
                        written = written * 10 + Int(digit)
                    } else {
                        if !seenPoint { beforePoint += 1 }
                        if digits.isEmpty && digit == 0 { leadingZeros += 1 } else { digits.append(digit) }
                    }
                default: break
                }
            }
            while digits.last == 0 { digits.removeLast() }
            exponent = beforePoint - 1 - leadingZeros + exponentSign * written
        }

        /// Rounds to at most `count` digits, half away from zero; `false` when the dropped digits
        /// are too close to a halfway point to decide from the shortest digits.
        mutating func round(toDigits count: Int) -> Bool {
            guard digits.count > count else { return true }
            var tail: Int64 = 0
            for digit in digits[count...] { tail = tail * 10 + Int64(digit) }
            var halfway: Int64 = 5
            for _ in 0..<(digits.count - count - 1) { halfway *= 10 }
            guard abs(tail - halfway) >= 7 else { return false }
            digits.removeSubrange(count...)
            if tail > halfway {
                var index = count - 1
                while index >= 0, digits[index] == 9 {
                    digits[index] = 0
                    index -= 1
                }
                if index >= 0 {
                    digits[index] += 1
                } else {
                    digits.insert(1, at: 0)
                    exponent += 1
                }
            }
            while digits.last == 0 { digits.removeLast() }
            return true
        }

        /// The `%g` text for precision `precision`: fixed notation when −4 ≤ exponent < precision,
        /// else `d.ddde±XX`; trailing zeros removed.
        func appendG(precision: Int, to buffer: inout [UInt8]) {
            let zero = UInt8(ascii: "0")
            if exponent < -4 || exponent >= precision {
                buffer.append(zero + digits[0])
                if digits.count > 1 {
                    buffer.append(UInt8(ascii: "."))
                    for digit in digits.dropFirst() { buffer.append(zero + digit) }
                }
                buffer.append(UInt8(ascii: "e"))
                buffer.append(UInt8(ascii: exponent < 0 ? "-" : "+"))
                let magnitude = abs(exponent)
                if magnitude < 10 { buffer.append(zero) }
                buffer.append(contentsOf: String(magnitude).utf8)
            } else if exponent < 0 {
                buffer.append(zero)
                buffer.append(UInt8(ascii: "."))
                for _ in 0..<(-exponent - 1) { buffer.append(zero) }
                for digit in digits { buffer.append(zero + digit) }
            } else {
                for index in 0...max(exponent, digits.count - 1) {
                    if index == exponent + 1 { buffer.append(UInt8(ascii: ".")) }
                    buffer.append(zero + (index < digits.count ? digits[index] : 0))
                }
            }
        }
    }
}

/// The outcome of reading one decimal number from a field of text.
enum DecimalReading: Equatable {
    /// A finite number.
    case number(Double)
    /// Nothing but spaces and tabs.
    case empty
    /// `nan`, `inf`, `infinity` (any case, optionally signed), or a decimal that overflows `Double`.
    case notFinite
    /// Anything else, including hexadecimal floats (`0x1p3`) and digit separators (`1_000`).
    case invalid
}

/// Strict decimal number syntax shared by the CSV and StRD readers.
///
/// After trimming spaces and tabs, the accepted syntax is
/// `[+-]? (digits [. digits*] | . digits) ([eE] [+-]? digits)?`. The value is the correctly rounded
/// `Double`: computed exactly when the significand has at most 2⁵³ and the power of ten at most
/// 22 in magnitude (Clinger's fast path: one correctly rounded multiplication or division of exact
/// operands), else by ``EiselLemire`` for up to 19 significant digits, and by `Double(String)`
/// (exact, `strtod`) for longer significands or the rare products Eisel–Lemire cannot decide. Values too small for `Double` round to zero (or a
/// subnormal), as `Double(String)` does; values too large are ``DecimalReading/notFinite``.
enum DecimalNumber {
    private static let plus = UInt8(ascii: "+")
    private static let minus = UInt8(ascii: "-")
    private static let dot = UInt8(ascii: ".")
    private static let zero = UInt8(ascii: "0")
    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")

    /// 10⁰ … 10²², all exactly representable as `Double`.
    private static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { power, _ in power * 10 }
    }

    /// What the syntax pass found: a value, or the trimmed bytes to hand to `Double(String)`.
    private enum Scan {
        case done(DecimalReading)
        case convert(Range<Int>)
    }

    /// Reads `text` (see the type's documentation for the syntax).
    static func read(_ text: String) -> DecimalReading {
        var text = text
        return text.withUTF8(read)
    }

    /// Reads the UTF-8 bytes `bytes` (see the type's documentation for the syntax).
    static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> DecimalReading {
        switch scan(bytes) {
        case .done(let reading):
            return reading
        case .convert(let range):
            guard let value = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)) else {
                return .invalid
            }
            return value.isFinite ? .number(value) : .notFinite
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- zero < 10
    }

    /// Checks the syntax of `bytes` and computes the value when the fast path applies.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Scan {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == space || bytes[start] == tab { start += 1 }
        while end > start, bytes[end - 1] == space || bytes[end - 1] == tab { end -= 1 }
        guard start < end else { return .done(.empty) }

        var index = start
        let isNegative = bytes[index] == minus
        if bytes[index] == plus || bytes[index] == minus { index += 1 }
        let mantissaStart = index

        var significand: UInt64 = 0
        var significantDigits = 0
        var mantissaDigits = 0
        var exponent = 0
        func takeDigits(isFraction: Bool) {
            while index < end, isDigit(bytes[index]) {
                let digit = UInt64(bytes[index] &- zero)
                // Beyond 19 significant digits the significand is inexact and the slow path takes over.
                if significand != 0 || digit != 0 {
                    if significantDigits < 19 {
                        significand = significand &* 10 &+ digit
                        if isFraction { exponent -= 1 }
                    }
                    significantDigits += 1
                } else if isFraction {
                    exponent -= 1
                }
                mantissaDigits += 1
                index += 1
            }
        }
        takeDigits(isFraction: false)
        if index < end, bytes[index] == dot {
            index += 1
            takeDigits(isFraction: true)
        }
        guard mantissaDigits > 0 else {
            return .done(namesNonFiniteValue(bytes[mantissaStart..<end]) ? .notFinite : .invalid)
        }
        if index < end, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            let exponentIsNegative = index < end && bytes[index] == minus
            if index < end, bytes[index] == plus || bytes[index] == minus { index += 1 }
            var written = 0
            var exponentDigits = 0
            while index < end, isDigit(bytes[index]) {
                written = min(written * 10 + Int(bytes[index] &- zero), 1_000_000)
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0 else { return .done(.invalid) }
            exponent += exponentIsNegative ? -written : written
        }
        guard index == end else { return .done(.invalid) }

        guard significantDigits <= 19 else { return .convert(start..<end) }
        if significand <= 1 << 53 && abs(exponent) <= 22 {
            var value = Double(significand)
            value = exponent < 0 ? value / exactPowersOfTen[-exponent] : value * exactPowersOfTen[exponent]
            return .done(.number(isNegative ? -value : value))
        }
        guard let value = EiselLemire.value(significand: significand, exponent: exponent, isNegative: isNegative) else {
            return .convert(start..<end)
        }
        return .done(value.isFinite ? .number(value) : .notFinite)
    }

    /// Whether `bytes` spell `nan`, `inf` or `infinity`, in any case, with an optional sign.
    private static func namesNonFiniteValue(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        let lowercased = String(decoding: bytes.map { $0 | 0x20 }, as: UTF8.self)
        return lowercased == "nan" || lowercased == "inf" || lowercased == "infinity"
    }
}

import Foundation

/// How numbers on a value axis and in chart labels are written.
///
/// The number of decimals follows the tick step, so that neighbouring labels differ
/// (`0.25, 0.5, 0.75` is written `0.25, 0.50, 0.75`); thousands are grouped with commas;
/// magnitudes from 10⁹ on or below 10⁻⁴ are written in scientific notation (`2e12`, `1.5e-9`).
public enum ValueFormat: Sendable, Equatable {
    /// Plain numbers: `1,250`, `0.35`, `-2`.
    case number
    /// Fractions written as percentages: `0.25` is `25%`.
    case percent

    /// `value` written with the precision that a scale with ticks `step` apart needs.
    /// Non-finite values are written `NaN`, `Inf` and `-Inf`.
    public func format(_ value: Double, step: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "Inf" : "-Inf") }
        switch self {
        case .number: return Self.plain(value, step: step)
        case .percent: return Self.plain(value * 100, step: step * 100) + "%"
        }
    }

    /// `value` as a label of data rather than of a tick: rounded to `digits` significant digits,
    /// without trailing zeros (`0.72`, `71%`, `43.2`, `12,300`).
    public func format(_ value: Double, significantDigits digits: Int) -> String {
        guard value.isFinite, value != 0 else { return format(value, step: 1) }
        let scaled = self == .percent ? value * 100 : value
        let step = pow(10, (log10(abs(scaled))).rounded(.down) - Double(max(1, digits) - 1))
        let rounded = (scaled / step).rounded() * step
        let text = format(self == .percent ? rounded / 100 : rounded, step: self == .percent ? step / 100 : step)
        return Self.trimmingZeros(text)
    }

    /// `text` without zeros at the end of its decimals (`30.0%` is `30%`, `1.50e-9` is `1.5e-9`).
    private static func trimmingZeros(_ text: String) -> String {
        guard let dot = text.firstIndex(of: ".") else { return text }
        let end = text[dot...].firstIndex { !$0.isNumber && $0 != "." } ?? text.endIndex
        var decimals = text[dot..<end]
        while decimals.hasSuffix("0") { decimals = decimals.dropLast() }
        if decimals == "." { decimals = "" }
        return String(text[..<dot]) + decimals + text[end...]
    }

    /// Digits after the decimal point that multiples of `step` need (at most 12): the smallest
    /// `d` with `step × 10^d` a whole number up to rounding.
    static func decimals(forStep step: Double) -> Int {
        guard step.isFinite, step > 0 else { return 0 }
        var scaled = abs(step)
        for d in 0...12 {
            if abs(scaled - scaled.rounded()) <= 1e-9 * max(1, scaled) { return d }
            scaled *= 10
        }
        return 12
    }

    private static func plain(_ value: Double, step: Double) -> String {
        let magnitude = max(abs(value), abs(step))
        if magnitude >= 1e9 || (magnitude < 1e-4 && value != 0) { return scientific(value, step: step) }
        let text = String(format: "%.\(decimals(forStep: step))f", value)
        let unsigned = text.hasPrefix("-") ? String(text.dropFirst()) : text
        let isZero = unsigned.allSatisfy { $0 == "0" || $0 == "." }
        let (whole, fraction) = split(unsigned)
        return (text.hasPrefix("-") && !isZero ? "-" : "") + grouped(whole) + fraction
    }

    /// `2e12`, `1.5e-9`: the mantissa with the decimals the step needs at the value's exponent.
    private static func scientific(_ value: Double, step: Double) -> String {
        if value == 0 { return "0" }
        let exponent = (log10(abs(value))).rounded(.down)
        let mantissaDecimals = step > 0 ? decimals(forStep: step / pow(10, exponent)) : 6
        var mantissa = String(format: "%.\(min(mantissaDecimals, 6))f", value / pow(10, exponent))
        var power = Int(exponent)
        // Rounding may give a mantissa of 10 (9.999 → 10.0): renormalize.
        if let m = Double(mantissa), abs(m) >= 10 {
            power += 1
            mantissa = String(format: "%.\(min(mantissaDecimals, 6))f", m / 10)
        }
        return mantissa + "e" + String(power)
    }

    private static func split(_ text: String) -> (whole: String, fraction: String) {
        guard let dot = text.firstIndex(of: ".") else { return (text, "") }
        return (String(text[..<dot]), String(text[dot...]))
    }

    /// Digits grouped by three with commas (`1,250`).
    private static func grouped(_ digits: String) -> String {
        guard digits.count > 3 else { return digits }
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}

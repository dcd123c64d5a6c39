import Foundation
import OutputFiles

/// Explicit number formatting for everything Foresight prints, so that output never depends
/// on `Double.description`.
public enum NumberFormat {
    /// `value` with `digits` significant digits (`%.<digits>g`), `NA` for `nil`, and `Inf`,
    /// `-Inf` or `NaN` for non-finite values, as R prints them.
    public static func significant(_ value: Double?, digits: Int = 6) -> String {
        guard let value else { return "NA" }
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Inf" : "-Inf" }
        guard (1...17).contains(digits) else { return String(format: "%.\(digits)g", value == 0 ? 0 : value) }
        return SignificantDigits.string(value, digits: digits)  // the same bytes as %g, without Foundation
    }

    /// `value` with `decimals` digits after the point (`%.<decimals>f`), `NA` for `nil`.
    public static func fixed(_ value: Double?, decimals: Int) -> String {
        guard let value else { return "NA" }
        if !value.isFinite { return significant(value) }
        let text = String(format: "%.\(decimals)f", value)
        return text.hasPrefix("-") && text.dropFirst().allSatisfy { $0 == "0" || $0 == "." } ? String(text.dropFirst()) : text
    }

    /// A p-value as R prints it: `< 2.2e-16` below machine epsilon, else 4 significant digits.
    public static func pValue(_ value: Double?) -> String {
        guard let value else { return "NA" }
        return value < Double.ulpOfOne ? "< 2.2e-16" : significant(value, digits: 4)
    }
}

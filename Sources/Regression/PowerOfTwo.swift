/// Exact scaling by powers of two, the only rescaling that introduces no rounding.
enum PowerOfTwo {
    /// `value · 2^exponent`, rounded only when the result overflows (to ±∞) or underflows (to a
    /// subnormal or zero); `exponent` may lie outside the exponent range of `Double`.
    static func scale(_ value: Double, by exponent: Int) -> Double {
        guard value != 0, value.isFinite, exponent != 0 else { return value }
        // `init(sign:exponent:significand:)` computes significand · 2^exponent with a single
        // rounding; split very large shifts so that no step overflows the Int range it takes.
        let step = max(-4096, min(4096, exponent))
        return scale(Double(sign: .plus, exponent: step, significand: value), by: exponent - step)
    }
}

import Foundation

/// "Nice" axis ticks: round numbers (1, 2 or 5 times a power of ten apart) that cover a range,
/// computed as R's `pretty()` does (R's `R_pretty` in `src/appl/pretty.c`, with R's defaults
/// `min.n = n %/% 3`, `shrink.sml = 0.75`, `high.u.bias = 1.5`, `u5.bias = 0.5 + 1.5 * 1.5`),
/// a refinement of Heckbert's "nice numbers" (Graphics Gems, 1990).
///
/// The first tick is at or below the lower end of the range and the last at or above the upper
/// end. A range of zero width (`0...0`, or all values equal) gets a small scale around the
/// value; non-finite ends give the scale of `0...1`.
///
/// ```swift
/// NiceScale(from: 1.3, to: 47).ticks  // [0, 10, 20, 30, 40, 50]
/// ```
public struct NiceScale: Sendable, Equatable {
    /// The tick values, ascending, equally spaced by ``step``.
    public let ticks: [Double]
    /// The distance between neighbouring ticks: 1, 2 or 5 times a power of ten.
    public let step: Double

    /// The first tick (at or below the range).
    public var lower: Double { ticks.first ?? 0 }
    /// The last tick (at or above the range).
    public var upper: Double { ticks.last ?? 1 }

    /// The scale covering `low...high` (the ends may come in either order) with about
    /// `targetCount` intervals between ticks (at least `targetCount / 3`).
    public init(from low: Double, to high: Double, targetCount: Int = 5) {
        let (lo, up) = low.isFinite && high.isFinite ? (min(low, high), max(low, high)) : (0, 1)
        let n = max(1, targetCount)
        let (unit, first, last) = Self.pretty(lo, up, n: n, minN: n / 3)
        // Near the limits of Double the multiples may not be representable: fall back to the ends.
        guard unit > 0, (last * unit).isFinite, (first * unit).isFinite, last - first >= 0, last - first <= 1000 else {
            ticks = lo == up ? [lo] : [lo, up]
            step = up - lo
            return
        }
        step = unit
        let count = Int(last - first)
        let span = (last - first) * unit
        ticks = (0...count).map { i in
            let value = (first + Double(i)) * unit
            // As R does: values within rounding error of zero are zero.
            return abs(value) < 1e-14 * span / Double(max(1, count)) ? 0 : value
        }
    }

    /// R's `R_pretty` with `eps.correct = 0`: the unit and the first and last multiples of it.
    private static func pretty(_ lo: Double, _ up: Double, n: Int, minN: Int) -> (unit: Double, first: Double, last: Double) {
        let h = 1.5, h5 = 0.5 + 1.5 * h, shrink = 0.75, roundingEps = 1e-10
        let dx = up - lo
        var cell: Double
        let isSmall: Bool
        if dx == 0 && up == 0 {
            cell = 1
            isSmall = true
        } else {
            cell = max(abs(lo), abs(up))
            let u = (1 + (h5 >= 1.5 * h + 0.5 ? 1 / (1 + h) : 1.5 / (1 + h5))) * Double(max(1, n)) * Double.ulpOfOne
            isSmall = dx < cell * u * 3
        }
        if isSmall {
            if cell > 10 { cell = 9 + cell / 10 }
            cell *= shrink
            if minN > 1 { cell /= Double(minN) }
        } else {
            cell = dx
            if n > 1 { cell /= Double(n) }
        }
        // Keep the unit and the tick multiples representable.
        cell = min(max(cell, 0x1p-20 * Double.leastNormalMagnitude), Double.greatestFiniteMagnitude / 1.25)

        let base = pow(10, (log10(cell)).rounded(.down))
        var unit = base
        if 2 * base - cell < h * (cell - unit) {
            unit = 2 * base
            if 5 * base - cell < h5 * (cell - unit) {
                unit = 5 * base
                if 10 * base - cell < h * (cell - unit) { unit = 10 * base }
            }
        }
        var ns = (lo / unit + roundingEps).rounded(.down)
        var nu = (up / unit - roundingEps).rounded(.up)
        while ns * unit > lo + roundingEps * unit { ns -= 1 }
        while nu * unit < up - roundingEps * unit { nu += 1 }
        let k = Int(0.5 + nu - ns)
        if k < minN {
            let missing = Double(minN - k)
            let half = (missing / 2).rounded(.down), odd = missing - 2 * half
            if ns >= 0 {
                nu += half
                ns -= half + odd
            } else {
                ns -= half
                nu += half + odd
            }
        }
        return (unit, ns, nu)
    }
}

/// Correctly rounded conversion of `w · 10^q` to `Double` for a significand `w` of at most 19
/// decimal digits, by the Eisel–Lemire algorithm (D. Lemire, "Number parsing at a gigabyte per
/// second", Software: Practice and Experience 51(8), 2021; the `fast_float` library).
///
/// `w` is normalized and multiplied by a 128-bit truncation of `5^q`; the top bits of the product
/// give the binary significand. When the truncated bits of the product could carry into the
/// rounding decision, the algorithm declines (``value(significand:exponent:isNegative:)`` returns
/// `nil`) and the caller converts exactly instead.
enum EiselLemire {
    /// The smallest and largest `q` of the table; below, `w · 10^q` rounds to zero, above, it overflows.
    static let smallestPowerOfTen = -342
    static let largestPowerOfTen = 308

    /// For each `q` in `smallestPowerOfTen...largestPowerOfTen`, the 128 most significant bits of
    /// `5^q` (truncated for `q ≥ 0`; for `q < 0` the truncated reciprocal plus one, as in
    /// `fast_float`), as (high, low) words, computed exactly once with big integers.
    static let powersOfFive: [(high: UInt64, low: UInt64)] = {
        var table: [(high: UInt64, low: UInt64)] = []
        table.reserveCapacity(largestPowerOfTen - smallestPowerOfTen + 1)
        // floor(2^K / 5^n) for n = 342 … 1; floor(floor(a / b) / c) = floor(a / (b·c)), so repeated
        // division by 5 is exact, and a right shift gives floor(2^b / 5^n) for any b ≤ K.
        let bits = 1900
        var reciprocals: [BigNatural] = []
        var quotient = BigNatural.powerOfTwo(bits)
        for _ in 1...(-smallestPowerOfTen) {
            quotient.divide(bySmall: 5)
            reciprocals.append(quotient)
        }
        // z: the smallest exponent with 2^z ≥ 5^n, the bit length of 5^n (never a power of two).
        var five = BigNatural.powerOfTwo(0)
        var bitLengths: [Int] = [0]
        for _ in 1...(-smallestPowerOfTen) {
            five.multiply(bySmall: 5)
            bitLengths.append(five.bitLength)
        }
        for n in stride(from: -smallestPowerOfTen, through: 1, by: -1) {
            let z = bitLengths[n]
            let b = n <= 27 ? z + 127 : 2 * z + 128
            var c = reciprocals[n - 1]
            c.shiftRight(by: bits - b)
            c.addOne()
            table.append(c.top128())
        }
        five = BigNatural.powerOfTwo(0)
        for q in 0...largestPowerOfTen {
            if q > 0 { five.multiply(bySmall: 5) }
            table.append(five.top128())
        }
        return table
    }()

    /// The correctly rounded `±w · 10^q`, or `nil` when the 128-bit product cannot decide.
    static func value(significand w: UInt64, exponent q: Int, isNegative: Bool) -> Double? {
        let sign: UInt64 = isNegative ? 1 << 63 : 0
        if w == 0 || q < smallestPowerOfTen { return Double(bitPattern: sign) }
        if q > largestPowerOfTen { return Double(bitPattern: sign | 0x7FF0_0000_0000_0000) }
        let leadingZeros = w.leadingZeroBitCount
        let normalized = w << UInt64(leadingZeros)
        let entry = powersOfFive[q - smallestPowerOfTen]
        var (high, low) = normalized.multipliedFullWidth(by: entry.high)
        // 55 bits are needed (52 explicit, the implicit one, a rounding bit and the shift bit).
        let precisionMask: UInt64 = 0x1FF
        if high & precisionMask == precisionMask {
            let second = normalized.multipliedFullWidth(by: entry.low).high
            let (sum, carry) = low.addingReportingOverflow(second)
            low = sum
            if carry { high &+= 1 }
            // The product's lower bits are uncertain: the truncated tail could still carry.
            if low == UInt64.max, q < -27 || q > 55 { return nil }
        }
        let upperBit = Int(high >> 63)
        let shift = UInt64(upperBit + 9)
        var mantissa = high >> shift
        // floor(log2(10^q)) + 63 + the top bit, minus the normalization, plus the double's bias.
        var power2 = (((152_170 + 65_536) * q) >> 16) + 63 + upperBit - leadingZeros + 1023
        if power2 <= 0 {
            // Subnormal: shift into place, round to nearest (ties go up here, then even below).
            guard -power2 + 1 < 64 else { return Double(bitPattern: sign) }
            mantissa >>= UInt64(-power2 + 1)
            mantissa += mantissa & 1
            mantissa >>= 1
            power2 = mantissa < 1 << 52 ? 0 : 1
            return Double(bitPattern: sign | UInt64(power2) << 52 | (mantissa & ((1 << 52) - 1)))
        }
        // An exact tie (possible only for small |q|): round half to even.
        if low <= 1, q >= -4, q <= 23, mantissa & 3 == 1, mantissa << shift == high {
            mantissa &= ~1
        }
        mantissa += mantissa & 1
        mantissa >>= 1
        if mantissa >= 2 << 52 {
            mantissa = 1 << 52
            power2 += 1
        }
        mantissa &= ~(1 << 52)
        guard power2 < 0x7FF else { return Double(bitPattern: sign | 0x7FF0_0000_0000_0000) }
        return Double(bitPattern: sign | UInt64(power2) << 52 | mantissa)
    }
}

/// A non-negative integer of any size, little-endian 32-bit limbs: just what the table needs.
private struct BigNatural {
    private var limbs: [UInt32]

    static func powerOfTwo(_ exponent: Int) -> BigNatural {
        var limbs = [UInt32](repeating: 0, count: exponent / 32 + 1)
        limbs[exponent / 32] = 1 << UInt32(exponent % 32)
        return BigNatural(limbs: limbs)
    }

    var bitLength: Int {
        guard let top = limbs.lastIndex(where: { $0 != 0 }) else { return 0 }
        return top * 32 + 32 - limbs[top].leadingZeroBitCount
    }

    mutating func multiply(bySmall factor: UInt32) {
        var carry: UInt64 = 0
        for index in limbs.indices {
            let product = UInt64(limbs[index]) * UInt64(factor) + carry
            limbs[index] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
    }

    mutating func divide(bySmall divisor: UInt32) {
        var remainder: UInt64 = 0
        for index in limbs.indices.reversed() {
            let current = remainder << 32 | UInt64(limbs[index])
            limbs[index] = UInt32(current / UInt64(divisor))
            remainder = current % UInt64(divisor)
        }
    }

    mutating func shiftRight(by count: Int) {
        let limbShift = count / 32, bitShift = UInt32(count % 32)
        var result = [UInt32](repeating: 0, count: max(1, limbs.count - limbShift))
        for index in result.indices {
            let source = index + limbShift
            guard source < limbs.count else { break }
            var word = UInt64(limbs[source]) >> UInt64(bitShift)
            if bitShift > 0, source + 1 < limbs.count { word |= UInt64(limbs[source + 1]) << UInt64(32 - bitShift) }
            result[index] = UInt32(truncatingIfNeeded: word)
        }
        limbs = result
    }

    mutating func addOne() {
        for index in limbs.indices {
            limbs[index] &+= 1
            if limbs[index] != 0 { return }
        }
        limbs.append(1)
    }

    /// The 128 most significant bits (truncated), with the top bit set: as `fast_float`'s
    /// "shift up while below 2^127, halve while at least 2^128".
    func top128() -> (high: UInt64, low: UInt64) {
        let length = bitLength
        var high: UInt64 = 0, low: UInt64 = 0
        for bit in 0..<128 {
            let position = length - 1 - bit
            let isSet = position >= 0 && limbs[position / 32] >> UInt32(position % 32) & 1 == 1
            if isSet {
                if bit < 64 { high |= 1 << UInt64(63 - bit) } else { low |= 1 << UInt64(127 - bit) }
            }
        }
        return (high, low)
    }
}

/// A fast, seedable, bit-reproducible pseudo-random number generator: xoshiro256**.
///
/// ## Definition
/// The state is four 64-bit words `s0...s3`. Each call to ``next()`` returns
/// `rotl(s1 &* 5, 7) &* 9` and then advances the state with the xoshiro256 linear
/// transformation (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
/// ACM TOMS 47(4), 2021; reference code at prng.di.unimi.it). The period is 2^256 − 1 and
/// the output is 4-dimensionally equidistributed.
///
/// ## Seeding
/// ``init(seed:)`` expands one `UInt64` into the four state words by running SplitMix64
/// (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014)
/// from that seed and taking its first four outputs, exactly as the xoshiro authors
/// recommend. SplitMix64 is a bijection of its 64-bit counter, so the four words are the
/// images of four distinct counters and can never all be zero (the one forbidden
/// xoshiro state). Nearby seeds such as 0, 1, 2 give unrelated streams.
///
/// ## Reproducibility
/// Only wrapping integer arithmetic, shifts and rotations are used, so a given seed yields
/// the same sequence on every platform, compiler and run. The known-answer tests compare
/// against an independent Python implementation.
///
/// ## Parallel streams
/// ``jump()`` advances the state by 2^128 steps in O(256) word operations, so
/// ``streams(count:)`` hands out up to 2^128 non-overlapping subsequences of length 2^128
/// from one seed, one per worker, deterministically.
///
/// The conversions ``nextUniform()`` and ``nextOpenUniform()`` are available on every
/// `RandomNumberGenerator`; see `Sampling.swift`.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Creates a generator whose state is the first four SplitMix64 outputs from `seed`.
    public init(seed: UInt64) {
        var splitMix = seed
        s0 = Self.splitMix64(&splitMix)
        s1 = Self.splitMix64(&splitMix)
        s2 = Self.splitMix64(&splitMix)
        s3 = Self.splitMix64(&splitMix)
    }

    /// Returns the next 64 random bits and advances the state by one step.
    public mutating func next() -> UInt64 {
        let result = Self.rotateLeft(s1 &* 5, by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotateLeft(s3, by: 45)
        return result
    }

    /// Advances the state by 2^128 calls to ``next()``.
    ///
    /// Uses the authors' jump polynomial, so it is equivalent to (but vastly faster than)
    /// calling ``next()`` 2^128 times.
    public mutating func jump() {
        apply(jumpPolynomial: Self.jumpPolynomial)
    }

    /// Advances the state by 2^192 calls to ``next()``.
    ///
    /// Use this to separate groups of ``jump()``-derived streams (for example one group per
    /// machine, one ``jump()`` stream per thread within it).
    public mutating func longJump() {
        apply(jumpPolynomial: Self.longJumpPolynomial)
    }

    /// Returns a copy of this generator advanced by 2^128 steps; `self` is unchanged.
    public func jumped() -> SeededGenerator {
        var copy = self
        copy.jump()
        return copy
    }

    /// Returns `count` generators whose sequences do not overlap for 2^128 draws each.
    ///
    /// Element `i` is this generator advanced by `i` jumps, so element 0 equals `self` and
    /// the result depends only on the current state: a seed plus a worker index fully
    /// determines a worker's stream. Returns an empty array when `count <= 0`.
    public func streams(count: Int) -> [SeededGenerator] {
        var result: [SeededGenerator] = []
        result.reserveCapacity(max(count, 0))
        var current = self
        for _ in 0..<max(count, 0) {
            result.append(current)
            current.jump()
        }
        return result
    }

    // MARK: - Implementation

    /// One SplitMix64 step: `state += 0x9E3779B97F4A7C15`, then the variant-13 finalizer.
    private static func splitMix64(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func rotateLeft(_ x: UInt64, by k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }

    private static let jumpPolynomial: [UInt64] = [
        0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C, 0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C,
    ]

    private static let longJumpPolynomial: [UInt64] = [
        0x76E1_5D3E_FEFD_CBBF, 0xC500_4E44_1C52_2FB3, 0x7771_0069_854E_E241, 0x3910_9BB0_2ACB_E635,
    ]

    /// Multiplies the state by the given polynomial in the generator's characteristic ring
    /// (the reference `jump()` routine): XOR together the states reached at each set bit.
    private mutating func apply(jumpPolynomial: [UInt64]) {
        var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0, t3: UInt64 = 0
        for word in jumpPolynomial {
            for bit in 0..<64 {
                if word & (1 << UInt64(bit)) != 0 {
                    t0 ^= s0
                    t1 ^= s1
                    t2 ^= s2
                    t3 ^= s3
                }
                _ = next()
            }
        }
        (s0, s1, s2, s3) = (t0, t1, t2, t3)
    }
}

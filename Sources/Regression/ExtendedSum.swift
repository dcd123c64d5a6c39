import LinearAlgebra

/// Sums accumulated in extended precision.
///
/// On x86-64 Linux `Float80` carries a 64-bit significand, 11 more bits than `Double`; residuals
/// and sums of squares accumulated in it lose far less to cancellation. Where `Float80` does
/// not exist, `Double` is used.
enum ExtendedSum {
    #if arch(x86_64) && !os(Windows)
    typealias Wide = Float80
    #else
    typealias Wide = Double
    #endif

    /// `y − X·b`, each element accumulated in extended precision.
    static func residuals(_ x: Matrix, _ b: [Double], _ y: [Double]) -> [Double] {
        (0..<x.rows).map { i in
            var sum = Wide(y[i])
            for j in 0..<x.columns where b[j] != 0 { sum -= Wide(x[i, j]) * Wide(b[j]) }
            return Double(sum)
        }
    }

    /// `y − X·b` in extended precision, kept in extended precision.
    static func wideResiduals(_ x: Matrix, _ b: [Double], _ y: [Double]) -> [Wide] {
        (0..<x.rows).map { i in
            var sum = Wide(y[i])
            for j in 0..<x.columns where b[j] != 0 { sum -= Wide(x[i, j]) * Wide(b[j]) }
            return sum
        }
    }

    /// `y − r − X·b`, each element accumulated in extended precision.
    static func augmentedResidual(_ x: Matrix, _ b: [Double], _ y: [Double], _ r: [Wide]) -> [Double] {
        (0..<x.rows).map { i in
            var sum = Wide(y[i]) - r[i]
            for j in 0..<x.columns where b[j] != 0 { sum -= Wide(x[i, j]) * Wide(b[j]) }
            return Double(sum)
        }
    }

    /// `aᵀb` in extended precision.
    static func dot(_ a: [Double], _ b: [Wide]) -> Double {
        var sum = Wide(0)
        for i in a.indices { sum += Wide(a[i]) * b[i] }
        return Double(sum)
    }

    /// `Σ vᵢ²` in extended precision.
    static func sumOfSquares(_ values: [Double]) -> Double {
        Double(values.reduce(Wide(0)) { $0 + Wide($1) * Wide($1) })
    }

    /// `Σ (vᵢ − mean)²` with the mean in extended precision.
    static func centeredSumOfSquares(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let mean = values.reduce(Wide(0)) { $0 + Wide($1) } / Wide(values.count)
        return Double(values.reduce(Wide(0)) { $0 + (Wide($1) - mean) * (Wide($1) - mean) })
    }

    /// The binary exponent of the Euclidean norm, `⌊log₂ ‖v‖₂⌋`, exact even where the norm itself
    /// overflows; `nil` for a zero vector.
    static func normExponent(_ values: [Double]) -> Int? {
        let largest = values.reduce(0) { max($0, abs($1)) }
        guard largest > 0, largest.isFinite else { return nil }
        let sum = values.reduce(Wide(0)) { $0 + (Wide($1) / Wide(largest)) * (Wide($1) / Wide(largest)) }
        // ‖v‖ = largest · q with q = √sum in [1, √n]: the exponent of the product, rounded as the
        // product itself would be (so it equals `euclideanNorm(values).exponent` when finite).
        let q = Double(sum).squareRoot()
        return Int(largest.exponent) + Int(q.exponent) + Int((largest.significand * q.significand).exponent)
    }

    /// Euclidean norm, scaled against overflow.
    static func euclideanNorm(_ values: [Double]) -> Double {
        let largest = values.reduce(0) { max($0, abs($1)) }
        guard largest > 0, largest.isFinite else { return largest }
        let sum = values.reduce(Wide(0)) { $0 + (Wide($1) / Wide(largest)) * (Wide($1) / Wide(largest)) }
        return largest * Double(sum).squareRoot()
    }
}

/// Dot products and updates of short vectors on raw pointers, four lanes at a time (two
/// `SIMD2<Double>` accumulators), for the solver's inner loops. The summation order differs from
/// a sequential loop, so results agree with one to rounding, not bitwise.
enum VectorKernels {
    @inline(__always)
    private static func load(_ p: UnsafePointer<Double>) -> SIMD2<Double> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD2<Double>.self)
    }

    @inline(__always)
    private static func store(_ v: SIMD2<Double>, _ p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD2<Double>.self)
    }

    /// `Σ xᵢ·yᵢ` over `count` values.
    @inline(__always)
    static func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ count: Int) -> Double {
        var s0 = SIMD2<Double>(), s1 = SIMD2<Double>()
        var i = 0
        while i &+ 4 <= count {
            s0 += load(x + i) * load(y + i)
            s1 += load(x + (i &+ 2)) * load(y + (i &+ 2))
            i &+= 4
        }
        if i &+ 2 <= count {
            s0 += load(x + i) * load(y + i)
            i &+= 2
        }
        let s = s0 + s1
        var sum = s[0] + s[1]
        if i < count { sum += x[i] * y[i] }
        return sum
    }

    /// `Σ xᵢ²` over `count` values.
    @inline(__always)
    static func sumOfSquares(_ x: UnsafePointer<Double>, _ count: Int) -> Double {
        dot(x, x, count)
    }

    /// `y ← y + a·x` over `count` values.
    @inline(__always)
    static func axpy(_ a: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ count: Int) {
        let va = SIMD2<Double>(repeating: a)
        var i = 0
        while i &+ 2 <= count {
            store(load(y + i) + va * load(x + i), y + i)
            i &+= 2
        }
        if i < count { y[i] += a * x[i] }
    }

    /// `y ← a·x` over `count` values.
    @inline(__always)
    static func scale(_ a: Double, _ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, _ count: Int) {
        let va = SIMD2<Double>(repeating: a)
        var i = 0
        while i &+ 2 <= count {
            store(va * load(x + i), y + i)
            i &+= 2
        }
        if i < count { y[i] = a * x[i] }
    }
}

extension VectorKernels {
    /// `y ← a·x` over `count` values, returning `Σ yᵢ²`.
    @inline(__always)
    static func scaleAndSumOfSquares(_ a: Double, _ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, _ count: Int) -> Double {
        let va = SIMD2<Double>(repeating: a)
        var s = SIMD2<Double>()
        var i = 0
        while i &+ 2 <= count {
            let v = va * load(x + i)
            store(v, y + i)
            s += v * v
            i &+= 2
        }
        var sum = s[0] + s[1]
        if i < count {
            let v = a * x[i]
            y[i] = v
            sum += v * v
        }
        return sum
    }

    /// `(Σ vᵢ·xᵢ, Σ vᵢ·yᵢ)` over `count` values, in one pass.
    @inline(__always)
    static func dot2(_ v: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ count: Int) -> (Double, Double) {
        var sx = SIMD2<Double>(), sy = SIMD2<Double>()
        var i = 0
        while i &+ 2 <= count {
            let a = load(v + i)
            sx += a * load(x + i)
            sy += a * load(y + i)
            i &+= 2
        }
        var dx = sx[0] + sx[1], dy = sy[0] + sy[1]
        if i < count {
            dx += v[i] * x[i]
            dy += v[i] * y[i]
        }
        return (dx, dy)
    }

    /// `x ← x + a·v`, `y ← y + b·v` over `count` values, in one pass.
    @inline(__always)
    static func axpy2(_ v: UnsafePointer<Double>, _ a: Double, _ x: UnsafeMutablePointer<Double>, _ b: Double,
                      _ y: UnsafeMutablePointer<Double>, _ count: Int) {
        let va = SIMD2<Double>(repeating: a), vb = SIMD2<Double>(repeating: b)
        var i = 0
        while i &+ 2 <= count {
            let u = load(v + i)
            store(load(x + i) + va * u, x + i)
            store(load(y + i) + vb * u, y + i)
            i &+= 2
        }
        if i < count {
            x[i] += a * v[i]
            y[i] += b * v[i]
        }
    }
}

extension VectorKernels {
    /// ``axpy2(_:_:_:_:_:_:)`` that also returns the sums of squares of the updated `x` and `y`
    /// without their first element (`Σ_{i≥1} xᵢ²`, `Σ_{i≥1} yᵢ²`), in the same pass.
    @inline(__always)
    static func axpy2SumsOfSquares(_ v: UnsafePointer<Double>, _ a: Double, _ x: UnsafeMutablePointer<Double>, _ b: Double,
                                   _ y: UnsafeMutablePointer<Double>, _ count: Int) -> (Double, Double) {
        guard count > 0 else { return (0, 0) }
        x[0] += a * v[0]
        y[0] += b * v[0]
        let va = SIMD2<Double>(repeating: a), vb = SIMD2<Double>(repeating: b)
        var sx = SIMD2<Double>(), sy = SIMD2<Double>()
        var i = 1
        while i &+ 2 <= count {
            let u = load(v + i)
            let nx = load(x + i) + va * u, ny = load(y + i) + vb * u
            store(nx, x + i)
            store(ny, y + i)
            sx += nx * nx
            sy += ny * ny
            i &+= 2
        }
        var qx = sx[0] + sx[1], qy = sy[0] + sy[1]
        if i < count {
            x[i] += a * v[i]
            y[i] += b * v[i]
            qx += x[i] * x[i]
            qy += y[i] * y[i]
        }
        return (qx, qy)
    }
}

/// One zeroed allocation of doubles handed out as consecutive vectors: the work buffers of a
/// solver, in one block that a copy duplicates with one `update`. The owner deallocates it.
struct DoubleArena {
    let base: UnsafeMutablePointer<Double>
    let count: Int
    private var next: UnsafeMutablePointer<Double>

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: count)
        base.initialize(repeating: 0, count: count)
        next = base
    }

    /// The next `size` values.
    mutating func take(_ size: Int) -> UnsafeMutablePointer<Double> {
        precondition(next + size <= base + count, "the arena is smaller than the vectors taken from it")
        defer { next += size }
        return next
    }

    /// Copies `other`'s values (an arena of the same size).
    func copyValues(from other: DoubleArena) {
        base.update(from: other.base, count: count)
    }

    func deallocate() { base.deallocate() }
}

import Foundation

extension GrowthSelfStart {
    /// The self-start of a separable model by variable projection (Golub & Pereyra 1973): the
    /// curve is `Σ_j c_j·φ_j(x; ω)`, linear in the coefficients `c` (asymptotes, scales, offsets)
    /// and nonlinear in a few coordinates `ω` (locations, log scales, log rates, shapes). For each
    /// `ω` the coefficients come from linear least squares in closed form, so the search runs
    /// over `ω` alone, where the residual sum of squares is a smooth function of two or three
    /// bounded coordinates:
    ///
    /// 1. a coarse grid over the box (coordinates with a grid count of 1 are held at the box's
    ///    centre), plus any seeds the model adds (its linearization, when defined);
    /// 2. local refinement of the best point by ``CoordinateSearch`` within one grid cell of it
    ///    (coordinates held on the grid are scanned over their whole range on the first sweep);
    /// 3. a short multi-start fallback: the next distinct grid minima (more than one cell from the
    ///    points already refined) are probed by a refinement of ``probeSweeps`` sweeps, refined
    ///    in full from where the probe ends when it beats the best so far, and the lowest residual
    ///    sum of squares is kept.
    ///
    /// Every objective call is bounded work and every loop has a fixed limit, so a search never
    /// loops; an objective returns `nil` where the curve is undefined, and the search returns
    /// `nil` only when it is undefined at every point visited.
    struct SeparableSearch {
        /// Lower bound of each nonlinear coordinate.
        let lowerBounds: [Double]
        /// Upper bound of each nonlinear coordinate.
        let upperBounds: [Double]
        /// Grid points per coordinate (1: held at the centre of its range on the grid).
        let gridCounts: [Int]
        /// Golden-section steps of each refining line search.
        var goldenSteps = 12
        /// Sweeps of each refinement.
        var sweeps = 8
        /// Grid minima refined (the best one and the fallbacks).
        var starts = 2
        /// Sweeps of a fallback's probe: a basin that is not better after them is left.
        var probeSweeps = 2

        /// The best candidate found, or `nil` where the objective is undefined everywhere visited.
        func minimize(seeds: [[Double]] = [], _ objective: ([Double]) -> Candidate?) -> Candidate? {
            let d = lowerBounds.count
            // Data at the ends of the floating-point range can make the box itself overflow.
            guard zip(lowerBounds, upperBounds).allSatisfy({ $0.isFinite && $1.isFinite && $0 <= $1 }) else {
                return nil
            }
            var cells = [Double](repeating: 0, count: d)
            for j in 0..<d where gridCounts[j] > 1 {
                cells[j] = (upperBounds[j] - lowerBounds[j]) / Double(gridCounts[j] - 1)
            }
            var visited: [(point: [Double], index: [Int]?, rss: Double)] = []
            let total = gridCounts.reduce(1) { $0 * max($1, 1) }
            var index = [Int](repeating: 0, count: d)
            for _ in 0..<total {
                var point = [Double](repeating: 0, count: d)
                for j in 0..<d {
                    let centre = 0.5 * (lowerBounds[j] + upperBounds[j])
                    point[j] = gridCounts[j] > 1 ? lowerBounds[j] + Double(index[j]) * cells[j] : centre
                }
                if let candidate = objective(point), candidate.residualSumOfSquares.isFinite {
                    visited.append((point, index, candidate.residualSumOfSquares))
                }
                for j in 0..<d {
                    index[j] += 1
                    if index[j] < max(gridCounts[j], 1) { break }
                    index[j] = 0
                }
            }
            for seed in seeds where seed.count == d && seed.allSatisfy(\.isFinite) {
                let inside = (0..<d).map { Swift.min(Swift.max(seed[$0], lowerBounds[$0]), upperBounds[$0]) }
                if let candidate = objective(inside), candidate.residualSumOfSquares.isFinite {
                    visited.append((inside, nil, candidate.residualSumOfSquares))
                }
            }
            visited.sort { $0.rss < $1.rss }

            var refined: [[Int]?] = []
            var best: Candidate?
            for start in visited {
                guard refined.count < starts else { break }
                // Distinct minima only: a grid point next to one already refined lies in its basin.
                if let index = start.index, refined.contains(where: { other in
                    guard let other else { return false }
                    return zip(index, other).allSatisfy { abs($0 - $1) <= 1 }
                }) { continue }
                refined.append(start.index)
                var (low, high) = (lowerBounds, upperBounds)
                for j in 0..<d where cells[j] > 0 {
                    low[j] = Swift.max(lowerBounds[j], start.point[j] - cells[j])
                    high[j] = Swift.min(upperBounds[j], start.point[j] + cells[j])
                }
                let isFallback = best != nil
                let local = CoordinateSearch(
                    lowerBounds: low, upperBounds: high, gridCounts: gridCounts.map { $0 > 1 ? 0 : 9 },
                    goldenSteps: goldenSteps, maximumSweeps: isFallback ? probeSweeps : sweeps)
                guard var found = local.minimize(from: start.point, objective) else { continue }
                if isFallback, found.candidate.residualSumOfSquares < best?.residualSumOfSquares ?? .infinity {
                    let full = CoordinateSearch(
                        lowerBounds: low, upperBounds: high, gridCounts: gridCounts.map { $0 > 1 ? 0 : 9 },
                        goldenSteps: goldenSteps, maximumSweeps: sweeps)
                    found = full.minimize(from: found.point, objective) ?? found
                }
                let minimum = found.candidate
                guard minimum.parameters.allSatisfy(\.isFinite) else { continue }
                if minimum.residualSumOfSquares < best?.residualSumOfSquares ?? .infinity { best = minimum }
            }
            return best
        }
    }

    /// The coefficient `c` minimizing `Σ (y − c·a)²` and that minimum, or `nil` when `a` is zero
    /// or anything is not finite.
    static func project(_ y: [Double], onto a: [Double]) -> (coefficient: Double, rss: Double)? {
        var (aa, ay) = (0.0, 0.0)
        for i in y.indices {
            aa += a[i] * a[i]
            ay += a[i] * y[i]
        }
        guard aa > 0, aa.isFinite, ay.isFinite else { return nil }
        let c = ay / aa
        var rss = 0.0
        for i in y.indices {
            let r = y[i] - c * a[i]
            rss += r * r
        }
        return rss.isFinite ? (c, rss) : nil
    }

    /// The coefficients `(c_a, c_b)` minimizing `Σ (y − c_a·a − c_b·b)²` and that minimum, by
    /// Gram–Schmidt on the two columns (the residuals summed directly, not by cancellation), or
    /// `nil` when the columns are (numerically) dependent or anything is not finite.
    static func project(
        _ y: [Double], onto a: [Double], _ b: [Double]
    ) -> (first: Double, second: Double, rss: Double)? {
        var (aa, ab, ay, bb) = (0.0, 0.0, 0.0, 0.0)
        for i in y.indices {
            aa += a[i] * a[i]
            ab += a[i] * b[i]
            ay += a[i] * y[i]
            bb += b[i] * b[i]
        }
        guard aa > 0, aa.isFinite, ab.isFinite, ay.isFinite, bb.isFinite else { return nil }
        let t = ab / aa
        var (qq, qy) = (0.0, 0.0)
        for i in y.indices {
            let q = b[i] - t * a[i]
            qq += q * q
            qy += q * y[i]
        }
        guard qq > 1e-12 * bb else { return nil }
        let second = qy / qq
        let first = (ay - second * ab) / aa
        var rss = 0.0
        for i in y.indices {
            let r = y[i] - first * a[i] - second * b[i]
            rss += r * r
        }
        return rss.isFinite && first.isFinite && second.isFinite ? (first, second, rss) : nil
    }

    /// The coordinate range of a log rate or log scale: from a hundredth of the data's span to
    /// a tenth of their smallest x spacing, widened by `margin` on each side (log units).
    static func logScaleRange(_ data: Observations, margin: Double = 0) -> ClosedRange<Double> {
        let span = (data.x.last ?? 1) - (data.x.first ?? 0)
        let gap = zip(data.x.dropFirst(), data.x).map { $0 - $1 }.min() ?? span
        let low = log(Swift.max(gap, 1e-300) / 10) - margin
        let high = log(Swift.max(span, 1e-300) * 4) + margin
        guard low.isFinite, high.isFinite else { return 0...1 }
        return low...Swift.max(high, low + 1)
    }
}

extension GrowthSelfStart {
    /// The largest `|rate·span|` of ``rateSearch(_:)``: e^60 across the data.
    private static let largestRateTimesSpan = 60.0

    /// A one-dimensional search over `v = asinh(rate·span)`, `|rate·span| ≤ 60`: fine steps near
    /// rate 0, where curves become straight lines, and coarse ones at fast growth or decay. The
    /// grid holds rate 0 itself (a constant response is an exponential of rate 0).
    static func rateSearch(_ data: Observations) -> SeparableSearch {
        let reach = asinh(largestRateTimesSpan)
        return SeparableSearch(lowerBounds: [-reach], upperBounds: [reach], gridCounts: [25], goldenSteps: 30, sweeps: 1)
    }

    /// The rate at coordinate `v` of ``rateSearch(_:)``.
    static func rate(_ v: Double, _ data: Observations) -> Double {
        let span = (data.x.last ?? 1) - (data.x.first ?? 0)
        return sinh(v) / (span > 0 ? span : 1)
    }
}

extension GrowthSelfStart {
    /// A one-dimensional search over a log rate: rates from about 1/(80·span) to about 200 over
    /// the smallest x spacing (the negated ``logScaleRange(_:margin:)`` widened by 3).
    static func logRateSearch(_ data: Observations) -> SeparableSearch {
        let scales = logScaleRange(data, margin: 3)
        return SeparableSearch(
            lowerBounds: [-scales.upperBound], upperBounds: [-scales.lowerBound], gridCounts: [25], goldenSteps: 30,
            sweeps: 1)
    }
}

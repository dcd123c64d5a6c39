import Foundation

extension GrowthSelfStart {
    /// Minimizes a residual sum of squares over a box by line searches: along each coordinate in
    /// turn, then along the sweep's overall move (a pattern move, which follows curved valleys
    /// that plain coordinate steps would zigzag across).
    ///
    /// On the first sweep a grid scan along each coordinate finds the best cell; every line search
    /// then refines by golden section. Sweeps repeat until one stops improving. The objective
    /// returns `nil` where the linearization is undefined. Robust rather than fast: the objectives
    /// are cheap closed-form fits, and a start only needs to land in the right basin.
    struct CoordinateSearch {
        /// The point of the box where the best candidate was found.
        struct Minimum {
            /// Search coordinates of the minimum.
            let point: [Double]
            /// The objective's candidate there.
            let candidate: Candidate
        }

        /// Lower bound of each coordinate.
        let lowerBounds: [Double]
        /// Upper bound of each coordinate.
        let upperBounds: [Double]
        /// Grid points of each coordinate's scan on the first sweep (0 or 1: no scan, the line
        /// search brackets one grid cell around the current point).
        let gridCounts: [Int]
        /// Golden-section steps per line search (each shrinks the bracket by 0.618).
        let goldenSteps: Int
        /// Upper limit on sweeps over all coordinates.
        let maximumSweeps: Int
        /// The longest pattern move, in multiples of the sweep's move.
        let patternReach = 16.0

        /// A search of the box `lowerBounds…upperBounds` (a global search by default: a
        /// 48-point scan of every coordinate first).
        init(
            lowerBounds: [Double], upperBounds: [Double], gridCounts: [Int]? = nil, goldenSteps: Int = 25,
            maximumSweeps: Int = 12
        ) {
            self.lowerBounds = lowerBounds
            self.upperBounds = upperBounds
            self.gridCounts = gridCounts ?? Array(repeating: 48, count: lowerBounds.count)
            self.goldenSteps = goldenSteps
            self.maximumSweeps = maximumSweeps
        }

        /// Bounds of the `excess` of ``LogisticGrowth``'s level search: levels from 10⁻⁶ to 10³
        /// response ranges beyond the data.
        static let levelExcess: ClosedRange<Double> = log(1e-6)...log(1e3)
        /// Where the level search starts: a tenth of the response range beyond the data.
        static let typicalExcess = log(0.1)

        /// The best candidate found from `start`, or `nil` if the objective is undefined on every
        /// point visited.
        func minimize(from start: [Double], _ objective: ([Double]) -> Candidate?) -> Minimum? {
            let inside = zip(start, zip(lowerBounds, upperBounds)).map { value, box in
                value.isFinite ? Swift.min(Swift.max(value, box.0), box.1) : 0.5 * (box.0 + box.1)
            }
            var search = LineSearch(point: inside)
            search.best = objective(search.point)
            for sweep in 0..<maximumSweeps {
                let before = search.best?.residualSumOfSquares ?? .infinity
                let sweepStart = search.point
                for coordinate in lowerBounds.indices {
                    var direction = [Double](repeating: 0, count: lowerBounds.count)
                    direction[coordinate] = 1
                    // Rounding may leave the point an ulp outside the box: clamp the range.
                    let base = search.point[coordinate]
                    let range = min(0, lowerBounds[coordinate] - base)...max(0, upperBounds[coordinate] - base)
                    let count = gridCounts[coordinate]
                    let cell = (upperBounds[coordinate] - lowerBounds[coordinate]) / Double(max(count, 2) - 1)
                    search.minimize(
                        along: direction, within: range, gridCount: sweep == 0 ? count : 0, bracket: cell,
                        goldenSteps: goldenSteps, objective)
                }
                let move = zip(search.point, sweepStart).map { $0 - $1 }
                if lowerBounds.count > 1, move.contains(where: { $0 != 0 }), move.allSatisfy(\.isFinite) {
                    let reach = max(0, reachInBox(from: search.point, along: move))
                    search.minimize(
                        along: move, within: 0...reach, gridCount: 0, bracket: reach, goldenSteps: goldenSteps,
                        objective)
                }
                let after = search.best?.residualSumOfSquares ?? .infinity
                if after == 0 || !(after < before * (1 - 1e-6)) { break }
            }
            return search.best.map { Minimum(point: search.point, candidate: $0) }
        }

        /// The longest step `α·direction` from `point` that stays in the box, at most ``patternReach``.
        private func reachInBox(from point: [Double], along direction: [Double]) -> Double {
            direction.indices.reduce(patternReach) { reach, j in
                if direction[j] > 0 { return min(reach, (upperBounds[j] - point[j]) / direction[j]) }
                if direction[j] < 0 { return min(reach, (lowerBounds[j] - point[j]) / direction[j]) }
                return reach
            }
        }
    }

    /// The state of a ``CoordinateSearch``: the best point so far and its candidate.
    private struct LineSearch {
        var point: [Double]
        var best: Candidate?

        /// Moves `point` to the best of `point + α·direction` for α in `range`: a scan of
        /// `gridCount` values (none if 0), then golden section within `bracket` of the best α.
        mutating func minimize(
            along direction: [Double], within range: ClosedRange<Double>, gridCount: Int, bracket: Double,
            goldenSteps: Int, _ objective: ([Double]) -> Candidate?
        ) {
            let base = point
            var bestAlpha = 0.0
            var trial = base
            func evaluate(_ alpha: Double) -> Double {
                for j in trial.indices { trial[j] = base[j] + alpha * direction[j] }
                guard let candidate = objective(trial) else { return .infinity }
                if candidate.residualSumOfSquares < best?.residualSumOfSquares ?? .infinity {
                    best = candidate
                    point = trial
                    bestAlpha = alpha
                }
                return candidate.residualSumOfSquares
            }

            if gridCount > 1 {
                let step = (range.upperBound - range.lowerBound) / Double(gridCount - 1)
                for index in 0..<gridCount { _ = evaluate(range.lowerBound + Double(index) * step) }
            }
            let ratio = (5.0.squareRoot() - 1) / 2
            var a = max(range.lowerBound, bestAlpha - bracket)
            var b = min(range.upperBound, bestAlpha + bracket)
            var c = b - ratio * (b - a)
            var d = a + ratio * (b - a)
            var fc = evaluate(c)
            var fd = evaluate(d)
            for _ in 0..<goldenSteps {
                if fc < fd {
                    (b, d, fd) = (d, c, fc)
                    c = b - ratio * (b - a)
                    fc = evaluate(c)
                } else {
                    (a, c, fc) = (c, d, fd)
                    d = a + ratio * (b - a)
                    fd = evaluate(d)
                }
            }
        }
    }
}

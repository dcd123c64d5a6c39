import Foundation

extension GrowthSelfStart {
    /// Validated data for a self-start: the response averaged over replicate x values, sorted by x.
    struct Observations {
        /// The distinct x values, increasing.
        let x: [Double]
        /// The mean response at each distinct x value.
        let y: [Double]
        /// The smallest mean response.
        let minimum: Double
        /// The largest mean response.
        let maximum: Double
        private let rawX: [Double]
        private let title: String

        /// Checks lengths, finiteness and the number of distinct x values against `model`.
        init(x rawX: [Double], y rawY: [Double], for model: some SelfStartingModel) throws {
            guard rawX.count == rawY.count else {
                throw GrowthModelError.lengthMismatch(xCount: rawX.count, yCount: rawY.count)
            }
            for row in rawX.indices {
                guard rawX[row].isFinite else { throw GrowthModelError.nonFiniteValue(variable: "x", row: row + 1) }
                guard rawY[row].isFinite else { throw GrowthModelError.nonFiniteValue(variable: "y", row: row + 1) }
            }
            var x: [Double] = []
            var sums: [Double] = []
            var counts: [Double] = []
            for row in rawX.indices.sorted(by: { rawX[$0] < rawX[$1] }) {
                if x.last == rawX[row] {
                    sums[sums.count - 1] += rawY[row]
                    counts[counts.count - 1] += 1
                } else {
                    x.append(rawX[row])
                    sums.append(rawY[row])
                    counts.append(1)
                }
            }
            guard x.count >= model.minimumDistinctX else {
                throw GrowthModelError.tooFewDistinctX(
                    model: model.title, distinct: x.count, required: model.minimumDistinctX)
            }
            self.x = x
            let y = zip(sums, counts).map { $0 / $1 }
            self.y = y
            self.minimum = y.min() ?? 0
            self.maximum = y.max() ?? 0
            self.rawX = rawX
            self.title = model.title
        }

        /// Whether the response trends upwards in x (least-squares slope ≥ 0).
        var increases: Bool { (straightLine(x: x, y: y)?.slope ?? 0) >= 0 }

        /// The distinct x values measured from `origin`.
        func time(from origin: Double) -> [Double] { x.map { $0 - origin } }

        /// - Throws: ``GrowthModelError/constantResponse(model:)`` if all responses are equal.
        func requireGrowth() throws {
            guard minimum < maximum else { throw GrowthModelError.constantResponse(model: title) }
        }

        /// - Throws: ``GrowthModelError/predictorBeforeOrigin(model:row:x:origin:)`` at the first
        ///   x value below `origin`.
        func requireNoPredictor(before origin: Double) throws {
            if let row = rawX.firstIndex(where: { $0 < origin }) {
                throw GrowthModelError.predictorBeforeOrigin(model: title, row: row + 1, x: rawX[row], origin: origin)
            }
        }
    }
}

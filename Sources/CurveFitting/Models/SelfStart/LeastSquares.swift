extension GrowthSelfStart {
    /// The result of an ordinary least-squares fit.
    struct LinearFit {
        /// One coefficient per column.
        let coefficients: [Double]
        /// `Σ (response − Σ_j coefficient_j · column_j)²`.
        let residualSumOfSquares: Double

        /// A start whose parameters are the coefficients followed by the nonlinear `shape`
        /// parameters (growth models list their linear parameters first).
        func candidate(followedBy shape: [Double] = []) -> Candidate {
            Candidate(parameters: coefficients + shape, residualSumOfSquares: residualSumOfSquares)
        }
    }

    /// Ordinary least squares of `response` on `columns` (no implicit intercept), by modified
    /// Gram–Schmidt QR, which stays accurate for columns such as calendar years next to a constant.
    ///
    /// - Returns: `nil` for fewer rows than columns, non-finite input or (numerically) linearly
    ///   dependent columns.
    static func leastSquares(columns: [[Double]], response: [Double]) -> LinearFit? {
        let rows = response.count
        guard !columns.isEmpty, rows >= columns.count, response.allSatisfy(\.isFinite),
              columns.allSatisfy({ $0.count == rows && $0.allSatisfy(\.isFinite) })
        else { return nil }

        var q = columns
        var r = [[Double]](repeating: [Double](repeating: 0, count: columns.count), count: columns.count)
        var projected = response
        var rhs = [Double](repeating: 0, count: columns.count)
        for j in columns.indices {
            for i in 0..<j {
                r[i][j] = dot(q[i], q[j])
                q[j] = zip(q[j], q[i]).map { $0 - r[i][j] * $1 }
            }
            let norm = dot(q[j], q[j]).squareRoot()
            guard norm > 1e-10 * dot(columns[j], columns[j]).squareRoot() else { return nil }
            r[j][j] = norm
            q[j] = q[j].map { $0 / norm }
            rhs[j] = dot(q[j], projected)
            projected = zip(projected, q[j]).map { $0 - rhs[j] * $1 }
        }

        var coefficients = [Double](repeating: 0, count: columns.count)
        for j in columns.indices.reversed() {
            let known = (j + 1..<columns.count).reduce(0) { $0 + r[j][$1] * coefficients[$1] }
            coefficients[j] = (rhs[j] - known) / r[j][j]
        }
        // What is left of the response after projecting out every column is the residual.
        return LinearFit(coefficients: coefficients, residualSumOfSquares: dot(projected, projected))
    }

    /// The (weighted) least-squares line `y ≈ intercept + slope · x` in closed form, from sums
    /// centred at the weighted mean of x, or `nil` if it is not determined (x constant, or
    /// non-finite input).
    ///
    /// A linearized model `z = g(y)` should pass `weights` `1/g′(y)²`: the first-order variance of
    /// `z` is `g′(y)²` times that of `y`, so these weights make the line approximate the
    /// least-squares fit on the original scale instead of letting the transform's stretched ends
    /// (the logit of a response near 0 or near the asymptote) dominate.
    static func straightLine(
        x: [Double], y: [Double], weights: [Double]? = nil
    ) -> (intercept: Double, slope: Double)? {
        var (sumW, sumWX, sumWY) = (0.0, 0.0, 0.0)
        for i in x.indices {
            let w = weights?[i] ?? 1
            sumW += w
            sumWX += w * x[i]
            sumWY += w * y[i]
        }
        let (meanX, meanY) = (sumWX / sumW, sumWY / sumW)
        var (sxx, sxy) = (0.0, 0.0)
        for i in x.indices {
            let w = weights?[i] ?? 1
            sxx += w * (x[i] - meanX) * (x[i] - meanX)
            sxy += w * (x[i] - meanX) * (y[i] - meanY)
        }
        let slope = sxy / sxx
        let intercept = meanY - slope * meanX
        guard sxx > 0, slope.isFinite, intercept.isFinite else { return nil }
        return (intercept, slope)
    }

    private static func dot(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
    }
}

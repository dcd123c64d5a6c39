import OutputFiles

/// The CSV forms of the synthetic datasets (header row, comma-separated, numbers in Swift's
/// shortest round-trip notation, so they read back bit for bit):
///
/// - growth series, long format: `series,x,y`, series ids `s0`, `s1`, … (what `foresight
///   fit-batch --group series --x x --y y` reads); the starts and true parameters are only in
///   the binary file;
/// - decision matrix: `alternative,C1,…,Cn`, one row per alternative `A1`, `A2`, … (weights and
///   directions are in the binary file);
/// - count series, long format: `series,t,mean,count`.
public enum SyntheticCSV {
    /// Writes growth series block by block (bounded memory for any size).
    public static func writeGrowth(_ spec: GrowthSeriesSpec, to target: OutputTarget, blockSeries: Int = 4096) throws(SyntheticError) {
        var generator = try GrowthSeriesGenerator(spec)
        let file = try StreamedFile(target)
        let grid = generator.grid.map { "\($0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : "\($0)")" }
        try file.write(Array("series,x,y\n".utf8))
        while let block = generator.next(maximum: SyntheticLimits.blockSeries(points: spec.points, preferred: blockSeries)) {
            var text = ""
            text.reserveCapacity(block.y.count * 28)
            for k in 0..<block.count {
                let id = "s\(block.first + k),"
                for i in 0..<spec.points {
                    text += id
                    text += grid[i]
                    text += ","
                    text += "\(block.y[k * spec.points + i])\n"
                }
            }
            try file.write(Array(text.utf8))
        }
        try file.commit()
    }

    public static func writeDecisionMatrix(_ matrix: SyntheticDecisionMatrix, to target: OutputTarget) throws(SyntheticError) {
        let (m, n) = (matrix.spec.alternatives, matrix.spec.criteria)
        let file = try StreamedFile(target)
        try file.write(Array((["alternative"] + (1...n).map { "C\($0)" }).joined(separator: ",").utf8) + [10])
        var start = 0
        while start < m {
            var text = ""
            for i in start..<min(m, start + 8192) {
                text += "A\(i + 1)"
                for j in 0..<n { text += ",\(matrix.values[i + j * m])" }
                text += "\n"
            }
            try file.write(Array(text.utf8))
            start += 8192
        }
        try file.commit()
    }

    public static func writeCounts(_ counts: SyntheticCountSeries, to target: OutputTarget) throws(SyntheticError) {
        let n = counts.spec.periods
        let file = try StreamedFile(target)
        try file.write(Array("series,t,mean,count\n".utf8))
        var text = ""
        for k in 0..<counts.spec.series {
            for t in 0..<n { text += "s\(k),\(t + 1),\(counts.means[k * n + t]),\(Int(counts.counts[k * n + t]))\n" }
            if text.utf8.count > 1 << 20 {
                try file.write(Array(text.utf8))
                text = ""
            }
        }
        try file.write(Array(text.utf8))
        try file.commit()
    }
}
